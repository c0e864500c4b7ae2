"""Iterated dominance, best responses and regret."""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt


def test_prisoners_dilemma_is_dominance_solvable():
    pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                       strategies=[["C", "D"], ["C", "D"]])
    res = gt.iterated_dominance(pd)
    assert res.solved and res.surviving == {"Row": ("D",), "Column": ("D",)}
    assert [e.round for e in res.eliminated] == [1, 1]


def test_domination_by_a_mixture_only():
    # Myerson (1991), Game Theory, section 3.1: M is dominated by no pure strategy but by
    # the mixture (1/2 T, 1/2 B).
    g = gt.NormalFormGame.from_arrays([[3, 0], [1, 1], [0, 3]], [[1, 0], [0, 1], [1, 0]],
                                      strategies=[["T", "M", "B"], ["L", "R"]])
    res = gt.iterated_dominance(g)
    first = res.eliminated[0]
    assert (first.player, first.strategy) == ("Row", "M")
    assert dict(first.mixture) == {"T": sp.Rational(1, 2), "B": sp.Rational(1, 2)}
    # Weak dominance with pure dominators only does not remove M.
    assert gt.iterated_dominance(g, strict=False).game.shape == (3, 2)


def test_iterated_rounds_in_order():
    # Gibbons (1992), Game Theory for Applied Economists, Figure 1.1.1 / 1.1.4:
    # Right is dominated by Middle, then Down by Up, then Left by Middle.
    g = gt.NormalFormGame.from_arrays([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
                                      strategies=[["Up", "Down"], ["Left", "Middle", "Right"]])
    res = gt.iterated_dominance(g)
    assert [(e.round, e.strategy) for e in res.eliminated] == [(1, "Right"), (2, "Down"), (3, "Left")]
    assert res.surviving == {"Row": ("Up",), "Column": ("Middle",)}


def test_weak_dominance_warns_about_order():
    g = gt.NormalFormGame.from_arrays([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    res = gt.iterated_dominance(g, strict=False)
    assert res.game.shape == (1, 1)
    assert any("order" in w for w in res.warnings)


def test_best_responses_and_regret():
    bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                        strategies=[["O", "F"], ["O", "F"]])
    assert gt.best_responses(bos, "Row", [None, ["1/3", "2/3"]]) == ("O", "F")
    assert gt.best_responses(bos, "Column", [{"O": "1/2", "F": "1/2"}, None]) == ("F",)
    # The mixed equilibrium of the battle of the sexes (Luce and Raiffa 1957) has zero regret.
    assert gt.regret(bos, [["2/3", "1/3"], ["1/3", "2/3"]]) == 0
    assert gt.regret(bos, ["O", "F"], player="Row") == 1
    assert gt.regret(bos, ["O", "F"]) == 1


def test_three_player_regret_and_symbolic_rejected():
    g = gt.NormalFormGame.from_arrays(*(np.arange(8).reshape(2, 2, 2) * (i + 1) for i in range(3)))
    assert gt.regret(g, ["s2", "s2", "s2"]) == 0
    x = gt.parameter("x_dom")
    with pytest.raises(gt.NotApplicableError, match="free parameters"):
        gt.iterated_dominance(gt.NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]]))


def _brute_best(a, y):
    values = [sum(sp.Rational(a[i][j]) * y[j] for j in range(len(y))) for i in range(len(a))]
    return max(values)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.integers(2, 4), st.integers(2, 4), st.data())
def test_strict_dominance_keeps_every_nash_equilibrium(m, n, data):
    cells = st.integers(-3, 3)
    a = data.draw(st.lists(st.lists(cells, min_size=n, max_size=n), min_size=m, max_size=m))
    b = data.draw(st.lists(st.lists(cells, min_size=n, max_size=n), min_size=m, max_size=m))
    g = gt.NormalFormGame.from_arrays(a, b)
    res = gt.iterated_dominance(g)
    # Strictly dominated strategies are never played in a Nash equilibrium.
    removed = {(e.player, e.strategy) for e in res.eliminated}
    for eq in gt.nash(g):
        for pl, strat in zip(g.players, eq.strategies):
            assert all(p == 0 for lab, p in strat.items() if (pl, lab) in removed)
        assert gt.regret(g, eq.profile) == 0
    # Every equilibrium of the reduced game is one of the full game.
    for eq in gt.nash(res.game):
        full = [[eq.strategies[i].get(lab, 0) for lab in g.strategies[i]] for i in range(2)]
        assert gt.regret(g, full) == 0
    # Brute-force check of best_responses at the pure profiles.
    for j in range(n):
        y = [sp.Integer(int(k == j)) for k in range(n)]
        best = _brute_best(a, y)
        expect = tuple(g.strategies[0][i] for i in range(m) if a[i][j] == best)
        assert gt.best_responses(g, 0, [None, y]) == expect


def test_all_pure_profiles_regret_matches_pure_nash():
    rng = np.random.default_rng(5)
    g = gt.NormalFormGame.from_arrays(*(rng.integers(0, 3, (2, 3, 2)).tolist() for _ in range(3)))
    pure = {e.pure_profile for e in gt.pure_nash(g)}
    for prof in itertools.product(*g.strategies):
        assert (gt.regret(g, list(prof)) == 0) == (prof in pure)
