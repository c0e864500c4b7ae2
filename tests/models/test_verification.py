"""Tests of argument 05 (verification): inspection game, Dresher's game, noisy monitoring."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParameterError
from gametheory.models import verification as v

R = sp.Rational


def test_inspection_game_mixed_equilibrium_from_nash():
    # Reconstruction (module docstring): indifference gives P(inspect) = d / (r (b + d))
    # and P(violate) = e / (r (c - a)); with r = 1 these are the basic inspection game's
    # equilibrium of Avenhaus, von Stengel and Zamir (2002).
    sol = v.inspection_probabilities()
    e, c, a, d, b, r = (v.INSPECTION_COST, v.UNDETECTED_LOSS, v.DETECTED_LOSS,
                        v.VIOLATION_GAIN, v.VIOLATION_PENALTY, v.DETECTION)
    assert sp.simplify(sol["inspect"] - d / (r * (b + d))) == 0
    assert sp.simplify(sol["violate"] - e / (r * (c - a))) == 0
    assert sol["inspectee"] == 0  # the inspectee is held to its compliance payoff


_SYMBOLIC: list = []


@settings(max_examples=8, deadline=None, derandomize=True)
@given(
    e=st.fractions(R(1, 100), R(1, 4)), a=st.fractions(0, R(1, 2)),
    b=st.fractions(R(1, 2), 5), r=st.fractions(R(3, 4), 1),
)
def test_symbolic_inspection_matches_numeric_nash(e, a, b, r):
    point = {v.INSPECTION_COST: e, v.UNDETECTED_LOSS: 1, v.DETECTED_LOSS: a,
             v.VIOLATION_GAIN: 1, v.VIOLATION_PENALTY: b, v.DETECTION: r}
    if not _SYMBOLIC:  # solve the symbolic game once, not per example
        _SYMBOLIC.append(v.inspection_probabilities())
    sym = _SYMBOLIC[0]
    numeric = gt.nash(v.inspection_game().subs(point))
    mixed = [eq for eq in numeric if not eq.is_pure]
    assert len(numeric) == 1 and len(mixed) == 1
    eq = mixed[0]
    assert eq.strategies[0]["inspect"] == sym["inspect"].subs(point)
    assert eq.strategies[1]["violate"] == sym["violate"].subs(point)


def test_poor_detection_cannot_deter():
    # Where r (b + d) < d the inspectee violates whatever the inspector does: no
    # inspection regime deters (the argument for inspections fails there).
    point = {v.INSPECTION_COST: R(1, 10), v.UNDETECTED_LOSS: 1, v.DETECTED_LOSS: R(1, 2),
             v.VIOLATION_GAIN: 1, v.VIOLATION_PENALTY: R(1, 2), v.DETECTION: R(1, 2)}
    sol = gt.nash(v.inspection_game().subs(point))
    assert [eq.pure_profile for eq in sol] == [("inspect", "violate")]


def test_dresher_small_values_by_hand():
    # Dresher (1962): v(2,1) = 1/3, v(3,1) = 1/2, v(3,2) = 1/7 (solved by hand from the 2x2 stages)
    assert v.sequential_inspection_value(2, 1) == R(1, 3)
    assert v.sequential_inspection_value(3, 1) == R(1, 2)
    assert v.sequential_inspection_value(3, 2) == R(1, 7)
    assert v.sequential_inspection_value(4, 0) == 1
    assert v.sequential_inspection_value(4, 4) == 0


def test_dresher_matches_closed_form():
    # von Stengel (2016), Math. Oper. Res. 41(3), after Dresher (1962):
    # v(n, m) = C(n-1, m) / sum_{i=0}^{m} C(n, i)
    for n in range(1, 13):
        for m in range(0, n + 1):
            assert v.sequential_inspection_value(n, m) == v.dresher_closed_form(n, m)


def test_dresher_value_falls_with_inspections_and_rises_with_periods():
    for n in range(2, 10):
        vals = [v.sequential_inspection_value(n, m) for m in range(n + 1)]
        assert all(x > y for x, y in zip(vals, vals[1:]))
        assert v.sequential_inspection_value(n + 1, 1) > v.sequential_inspection_value(n, 1)


def test_dresher_bad_input():
    with pytest.raises(ParameterError, match="periods"):
        v.sequential_inspection_value(0, 0)
    with pytest.raises(ParameterError, match="inspections"):
        v.sequential_inspection_value(3, -1)
    assert len(v.sequential_inspection_table(4)) == 14


def test_trigger_threshold_closed_form_and_solver():
    p, q, g = v.GOOD_IF_COMPLIANT, v.GOOD_IF_CHEATING, v.CHEATING_GAIN
    # Derived with sympy from the value equations; the Green-Porter (1984) structure.
    assert sp.simplify(v.trigger_threshold() - g / (g * p + p - q)) == 0
    # gt.discount_threshold takes about a second per game: two points, far apart
    for pp, qq, gg in [(R(19, 20), R(3, 10), R(1, 2)), (R(99, 100), R(1, 20), 2)]:
        game = v.monitoring_game(pp, qq, v.MONITORING_PATIENCE, gg, R(1, 2))
        assert v.trigger_threshold_from_solver(game).threshold == v.trigger_threshold(pp, qq, gg)


def test_no_patience_suffices_when_false_alarms_swamp_detection():
    # p = 3/5, q = 1/2, g = 1/2: (p - q) = 1/10 < (1 - p) g = 1/5
    cond = v.verification_can_sustain(R(3, 5), R(1, 2), R(1, 2))
    assert cond == sp.false
    game = v.monitoring_game(R(3, 5), R(1, 2), v.MONITORING_PATIENCE, R(1, 2), R(1, 2))
    assert v.trigger_threshold_from_solver(game).threshold is None
    assert v.verification_can_sustain(R(19, 20), R(3, 10), R(1, 2)) == sp.true


def test_threshold_falls_as_verification_improves_over_the_range():
    d = v.threshold_derivatives()
    g = v.CHEATING_GAIN
    # Signs over the whole plausible region where a threshold exists.
    rng = np.random.default_rng(0)
    fp = sp.lambdify((v.GOOD_IF_COMPLIANT, v.GOOD_IF_CHEATING, g), d["good_if_compliant"])
    fq = sp.lambdify((v.GOOD_IF_COMPLIANT, v.GOOD_IF_CHEATING, g), d["good_if_cheating"])
    for _ in range(200):
        p, q, gg = rng.uniform(0.8, 0.99), rng.uniform(0.05, 0.8), rng.uniform(0.1, 2)
        assert fp(p, q, gg) < 0 < fq(p, q, gg)
    # and on a grid of detections: thresholds strictly fall as detection (1 - q) rises
    grid = v.threshold_curve(np.linspace(0.3, 0.95, 14), [0.01, 0.05], cheating_gain=R(1, 2))
    for row in grid:
        finite = row[np.isfinite(row)]
        assert len(finite) > 5 and np.all(np.diff(finite) < 0)
    # fewer false alarms: lower thresholds
    assert np.all(grid[0][np.isfinite(grid[1])] < grid[1][np.isfinite(grid[1])])


def test_simulated_breakdowns_from_false_alarms():
    # Green and Porter (1984): punishment happens on the equilibrium path. With honest
    # parties the first bad signal comes by round t with probability 1 - p^(t-1).
    sim = v.simulate_breakdowns(R(19, 20), rounds=40, runs=2000, seed=3)
    # binomial standard error <= sqrt(1/4 / 2000) ~ 0.011; allow 4 of them
    assert np.max(np.abs(sim.share_broken - sim.exact_share)) < 0.045
    again = v.simulate_breakdowns(R(19, 20), rounds=40, runs=2000, seed=3)
    assert np.array_equal(sim.breakdown_round, again.breakdown_round)
    # fewer false alarms, fewer breakdowns
    better = v.simulate_breakdowns(R(99, 100), rounds=40, runs=2000, seed=3)
    assert better.share_broken[-1] < sim.share_broken[-1]
