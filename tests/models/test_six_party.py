"""Tests of argument 09: the Six-Party Talks as a coalitional game; multilateral punishment."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParameterError
from gametheory.models import six_party as sx

R = sp.Rational


def test_shapley_symbolic_matches_unanimity_decomposition():
    # Shapley (1953): linearity and symmetry; v = u_{US,NK} + sum_i a_i u_{US,NK,i}
    phi = sx.six_party_shapley()
    closed = sx.shapley_closed_form()
    assert all(sp.simplify(phi[p] - closed[p]) == 0 for p in sx.PARTIES)
    total = sp.simplify(sum(phi.values()))
    assert sp.simplify(total - (1 + sum(sx.CONTRIBUTIONS.values()))) == 0  # efficiency


@settings(max_examples=6, deadline=None, derandomize=True)
@given(st.lists(st.fractions(0, 1, max_denominator=12), min_size=4, max_size=4))
def test_veto_players_always_weigh_most_and_core_caps_others(values):
    contrib = dict(zip(["South Korea", "China", "Japan", "Russia"], values))
    phi = gt.shapley_value(sx.six_party_game(contrib)).values
    assert phi["United States"] == phi["North Korea"]
    assert all(phi["United States"] >= phi[p] for p in contrib)
    core = sx.six_party_core(contrib)
    assert not core.is_empty
    # gt.core's LP point is made exact for small denominators (it falls back to floats,
    # exact=False, for awkward ones like 1/10^7; reported to the lead)
    assert core.exact
    # a non-veto party can get at most what it adds: x(N \ {i}) >= v(N) - a_i
    assert all(core.point[p] <= contrib[p] for p in contrib)


def test_shapley_table_at_defaults():
    rows = {r["party"]: r for r in sx.shapley_table()}
    # defaults a = (1/2, 1/2, 1/4, 1/10): veto share 1/2 + (27/20)/3 = 19/20
    assert rows["United States"]["shapley"] == R(19, 20)
    assert rows["Japan"]["shapley"] == R(1, 12)
    assert sum(r["share"] for r in rows.values()) == 1


def test_bad_coalitional_input():
    with pytest.raises(ParameterError, match="no contribution"):
        sx.six_party_game({"China": 1})
    with pytest.raises(ParameterError, match="veto"):
        sx.six_party_game(veto=("Mongolia",))


def test_punishment_threshold_derivation_and_solver_agree():
    # Derived: d* = G / (k b) (reconstruction after Bernheim and Whinston 1990)
    b, g = sx.PARTNER_BENEFIT, sx.PROGRAM_VALUE
    for k in range(1, 6):
        assert sp.simplify(sx.punishment_threshold(k) - g / (k * b)) == 0
    for k in (1, 2):  # infeasible with one punisher, feasible with two
        res = sx.punishment_threshold_from_solver(k, benefit=1, program_value=R(3, 2))
        expected = sx.punishment_threshold(k, 1, R(3, 2))
        assert res.threshold == (expected if expected < 1 else None)


def test_more_punishers_lower_the_threshold_over_the_range():
    for g in [R(1, 2), 1, R(3, 2), 2, 4]:
        thr = [sx.punishment_threshold(k, 1, g) for k in range(1, 6)]
        assert all(x > y for x, y in zip(thr, thr[1:]))


def test_too_few_punishers_cannot_sustain_cooperation():
    # G = 3/2, b = 1: one punisher needs d >= 3/2 (impossible); two need 3/4
    assert sx.minimal_punishers(R(9, 10)) == 2
    assert sx.minimal_punishers(R(1, 2)) == 3
    assert sx.minimal_punishers(R(1, 5)) is None  # even five punishers need d >= 3/10
    with pytest.raises(ParameterError):
        sx.multilateral_stage_game(0)
