"""Tests of argument 06: costly signals (Kydd), trust built step by step, guarantees."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models import reassurance as ra

R = sp.Rational


def test_only_a_binding_measure_separates_at_the_defaults():
    # Kydd (2000): a signal separates only if it costs the untrustworthy type more than
    # it gains; a declaration (cost 3 to that type) does not, a treaty (18 >= 15) does.
    assert ra.separating_measures() == {
        "end-of-war declaration": False, "military confidence-building": False,
        "peace treaty": True,
    }


@settings(max_examples=15, deadline=None, derandomize=True)
@given(bt=st.integers(1, 20), bu=st.integers(1, 30), k=st.integers(0, 12), b=st.integers(0, 20))
def test_separation_iff_derived_condition(bt, bu, k, b):
    m = ra.Measure("gesture", sp.Integer(k), sp.Integer(b))
    game = ra.reassurance_game(m, R(3, 10), bt, bu, 5, 20, 0)
    sol = gt.pbe(game)
    separates = any(e.kind == "separating" and e.sender["trustworthy"] == "gesture"
                    and e.receiver["gesture"] == "disarm" for e in sol)
    cond = ra.separation_condition(m).subs({ra.BENEFIT_TRUSTWORTHY: bt,
                                            ra.BENEFIT_UNTRUSTWORTHY: bu})
    assert separates == bool(cond)


def test_bayes_posterior():
    mu, s = sp.symbols("mu s", positive=True)
    assert sp.simplify(ra.posterior_after(mu, s) - mu / (mu + s * (1 - mu))) == 0
    assert ra.posterior_after(R(1, 2), R(1, 3)) == R(3, 4)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(mu=st.fractions(R(1, 10), R(7, 10)), emax=st.fractions(15, 60))
def test_trust_rises_step_by_step_over_the_range(mu, emax):
    beliefs = [row["belief"] for row in ra.trust_path(prior=mu, exploitation_max=emax)]
    assert beliefs[0] == mu
    assert all(a < b for a, b in zip(beliefs, beliefs[1:]))


def test_gestures_alone_fall_short_at_the_defaults_but_a_guarantee_completes_them():
    # At the defaults (prior 3/10, E = 30, W = 5, X = 20) the three gestures raise trust
    # to 15/29 < 3/4 = the belief needed: the op-ed's sequence alone does not suffice.
    path = ra.trust_path(prior=R(3, 10), exploitation_max=30)
    assert path[-1]["belief"] == R(15, 29)
    assert ra.disarm_belief(5, 20, 0) == R(3, 4)
    assert ra.steps_to_disarm() is None
    # with a guarantee worth 5 the needed belief falls to 1/2 and the treaty gets there
    assert ra.steps_to_disarm(guarantee=5) == 3
    assert ra.steps_to_disarm(guarantee=5, prior=R(1, 2)) == 0


def test_guarantee_threshold_derived_and_from_pbe():
    mu, w, x = ra.TRUST_PRIOR, ra.RELIEF, ra.ATTACK_LOSS
    assert sp.simplify(ra.guarantee_threshold() - ((1 - mu) * x - w)) == 0
    answer = ra.guarantee_threshold_from_pbe(R(3, 10), 5, 20)
    (boundary,) = answer.boundaries()
    (root,) = sp.solve(boundary, ra.GUARANTEE)
    assert root == ra.guarantee_threshold(R(3, 10), 5, 20) == 9
    above = answer.at({ra.GUARANTEE: 10})
    assert [e.receiver["no gesture"] for e in above] == ["disarm"]
    below = answer.at({ra.GUARANTEE: 8})
    assert [e.receiver["no gesture"] for e in below] == ["keep"]


def test_guarantee_threshold_direction():
    # signs decided by gt.comparative_statics over the parameters' declared domains
    statics = gt.comparative_statics(ra.guarantee_threshold())
    signs = {e.parameter: e.sign for e in statics.effects}
    assert signs[ra.TRUST_PRIOR] == "negative"  # more trust, smaller guarantee needed
    assert signs[ra.ATTACK_LOSS] == "positive"
    assert signs[ra.RELIEF] == "negative"
