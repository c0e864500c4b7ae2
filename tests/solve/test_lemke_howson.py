"""gt.lemke_howson and gt.nash(method="lemke-howson"): exact Lemke-Howson paths,
checked against nashpy's Lemke-Howson (same labels) and pygambit's exact enumeration;
and the cost guard of gt.nash."""

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pygambit as gbt
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solve.mixed_nash import estimated_seconds


def _gambit_extreme(a, b):
    G = gbt.StrategicGame.from_arrays([[Fraction(int(v)) for v in r] for r in a],
                                      [[Fraction(int(v)) for v in r] for r in b])
    res = gbt.nash.enummixed_solve(G, rational=True)
    return {tuple(tuple(sp.Rational(str(v)) for _, v in e[p]) for p in ("1", "2"))
            for e in res.equilibria}


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 5), st.integers(2, 5))
def test_every_label_matches_nashpy_and_is_an_extreme_equilibrium(seed, m, n):
    # nashpy 0.0.43's lemke_howson is compared on square games only: on the 5x4 game of
    # default_rng(0) below it returns a column strategy that is not an equilibrium
    # (the game has one equilibrium, which gt and pygambit agree on).
    rng = np.random.default_rng(seed)
    a, b = rng.integers(-99, 100, (m, n)), rng.integers(-99, 100, (m, n))
    game = gt.NormalFormGame.from_arrays(a.tolist(), b.tolist())
    if gt.nash(game).degenerate:
        return  # nashpy's path is only well defined for nondegenerate games
    extreme = _gambit_extreme(a, b)
    for label in range(m + n):
        sol = gt.lemke_howson(game, label=label)
        assert sol.exact and sol[0].profile in extreme
        if m != n:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x, y = nashpy.Game(a, b).lemke_howson(initial_dropped_label=label)
        assert np.allclose(np.array(sol[0].profile[0], float), x)
        assert np.allclose(np.array(sol[0].profile[1], float), y)


def test_degenerate_game_every_label_ends_at_an_equilibrium():
    # von Stengel (2002), Handbook of Game Theory 3, ch. 45, fig. 2.3 (degenerate):
    # the lexicographic rule keeps the path well defined.
    a = [[3, 3], [2, 5], [0, 6]]
    b = [[3, 3], [2, 6], [3, 1]]
    game = gt.NormalFormGame.from_arrays(a, b)
    assert gt.nash(game).degenerate
    extreme = _gambit_extreme(np.array(a), np.array(b))
    sol = gt.nash(game, method="lemke-howson")
    assert {e.profile for e in sol} <= extreme
    assert sorted(sol.extra["label_equilibrium"]) == list(range(5))
    assert any("not necessarily all" in w for w in sol.warnings)


def test_large_game_lemke_howson_is_exact_and_verified():
    rng = np.random.default_rng(7)
    a, b = rng.integers(-5, 6, (20, 20)), rng.integers(-5, 6, (20, 20))
    game = gt.NormalFormGame.from_arrays(a.tolist(), b.tolist())
    sol = gt.nash(game, method="lemke-howson")
    assert sol.exact and len(sol) >= 1
    G = gbt.StrategicGame.from_arrays([[Fraction(int(v)) for v in r] for r in a],
                                      [[Fraction(int(v)) for v in r] for r in b])
    for e in sol:
        data = [[Fraction(str(v)) for v in s] for s in e.profile]
        assert G.mixed_strategy_profile(data=data, rational=True).max_regret() == 0


def test_cost_guard_refuses_and_names_the_alternatives():
    rng = np.random.default_rng(3)
    # The guard is a time limit on the output-sensitive search (15x15 now takes seconds).
    game = gt.NormalFormGame.from_arrays(rng.integers(0, 9, (24, 24)).tolist(),
                                         rng.integers(0, 9, (24, 24)).tolist())
    assert estimated_seconds(30, 30) > 60
    with pytest.raises(gt.SolverError, match=r"lemke-howson.*max_seconds"):
        gt.nash(game, max_seconds=0.2)
    small = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(gt.SolverError, match="would take about"):
        gt.nash(small, max_seconds=0)
    assert len(gt.nash(small, max_seconds=None)) == 3


def test_bad_labels_and_games():
    bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    for bad in (-1, 4, 1.0, True, "0"):
        with pytest.raises(gt.ValidationError, match="label"):
            gt.lemke_howson(bos, label=bad)
    three = gt.NormalFormGame.from_arrays(*([[[0, 0], [0, 0]], [[0, 0], [0, 0]]],) * 3)
    with pytest.raises(gt.NotApplicableError, match="two-player"):
        gt.lemke_howson(three)
    p = gt.parameter("p_lh", kind="positive")
    with pytest.raises(gt.NotApplicableError, match="numbers"):
        gt.lemke_howson(gt.NormalFormGame.from_arrays([[p, 0], [0, 1]], [[1, 0], [0, 2]]))


def test_float_payoffs_are_reported_inexact():
    game = gt.NormalFormGame.from_arrays([[1.5, 0], [0, 1]], [[1, 0], [0, 2.5]])
    sol = gt.lemke_howson(game, label=1)
    assert not sol.exact and sol.warnings
