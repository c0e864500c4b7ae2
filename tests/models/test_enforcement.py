"""Tests of argument 09's enforcement model: leakage, costly punishment, free riding."""

from __future__ import annotations

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.analysis import monte_carlo_share
from gametheory.models import enforcement as en
from gametheory.models import six_party as sx

R = sp.Rational


def test_without_leakage_the_threshold_is_the_costless_one():
    # With lambda = 0 the formula reduces to six_party's G / (k b) (Bernheim-Whinston pooling).
    for k in range(1, 6):
        who = en.PARTNERS[:k]
        zero = {p: 0 for p in who}
        assert en.enforcement_threshold(who, R(3, 2), zero) == sx.punishment_threshold(k, 1, R(3, 2))
    lam, (b, g) = sp.symbols("lambda_1:3", nonnegative=True), sp.symbols("b G", positive=True)
    assert sp.simplify(en.enforcement_threshold_formula(2) - g / (b * (2 - lam[0] - lam[1]))) == 0


@settings(max_examples=8, deadline=None, derandomize=True)
@given(g=st.sampled_from([R(1, 2), 1, R(3, 2)]), lam=st.sampled_from([0, R(1, 4), R(1, 2), R(3, 4)]),
       cost=st.sampled_from([R(1, 2), 1, 3]))
def test_threshold_and_credibility_match_gt_discount_threshold(g, lam, cost):
    # Independent check: gt.discount_threshold solves the one-shot-deviation inequalities of
    # the grim trigger in the stage game with leakage and costly punishment.
    who = ("United States", "China")
    stakes = {"United States": 6, "China": 2}
    costs = {"United States": 1, "China": cost}
    solved = en.enforcement_from_solver(who, g, leakage={"China": lam}, costs=costs, stakes=stakes)
    derived = en.enforcement_threshold(who, g, {"China": lam})
    if set(en.credible_punishers(costs, stakes)) >= set(who) and derived < 1:
        assert solved.threshold == derived
    else:
        assert solved.threshold is None


def test_free_riders_at_the_defaults_and_the_effective_threshold():
    # China (cost 4 > stake 2) and Russia (3/2 > 1) do not punish credibly; the other three
    # do, with no leakage: G / 3 = 1/2 at G = 3/2, against 3/10 when all five punish free.
    assert en.credible_punishers() == ("United States", "South Korea", "Japan")
    eff = en.effective_threshold()
    assert eff["threshold"] == R(1, 2)
    assert eff["threshold"] > sx.punishment_threshold(5, 1, R(3, 2))
    assert en.effective_threshold(costs={p: 100 for p in en.PARTNERS})["threshold"] == sp.oo


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_vectorised_margin_equals_the_exact_threshold(seed):
    rng = np.random.default_rng(seed)
    values = {s.name: float(rng.uniform(float(lo), float(hi)))
              for s, (lo, hi) in en.SIX_PARTY.ranges.items()}
    values = {k: float(R(v).limit_denominator(1000)) for k, v in values.items()}
    costs = {p: R(values[en.PUNISHMENT_COSTS[p].name]) for p in en.PARTNERS}
    stakes = {p: R(values[en.EXPOSURES[p].name]) for p in en.PARTNERS}
    leakage = {p: R(values[s.name]) for p, s in en.LEAKAGE.items()}
    eff = en.effective_threshold(costs, stakes, leakage, R(values["program_value"]))
    margin = float(en.enforcement_margin(values))
    if eff["threshold"] == sp.oo:
        assert margin == -1.0
    else:
        assert np.isclose(margin, values["punishment_patience"] - float(eff["threshold"]))


def test_share_where_multilateral_enforcement_holds():
    r = monte_carlo_share(en.multilateral_deal_holds, en.SIX_PARTY, draws=4000, seed=0)
    assert 0.2 < r.low <= r.high < 0.9 and r.draws == 4000
