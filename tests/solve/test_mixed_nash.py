"""gt.nash: extreme equilibria of two-player games, exact, degenerate games, symbolic pieces."""

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

R = sp.Rational


def _profiles(solution):
    return {e.profile for e in solution}


def _pygambit_extreme(a, b, cliques=False):
    fa = [[Fraction(str(v)) for v in row] for row in a]
    fb = [[Fraction(str(v)) for v in row] for row in b]
    G = gbt.StrategicGame.from_arrays(fa, fb)
    res = gbt.nash.enummixed_solve(G, rational=True, cliques=cliques)

    def conv(profile):
        return tuple(tuple(R(str(v)) for _, v in profile[p]) for p in ("1", "2"))

    eqs = {conv(e) for e in res.equilibria}
    if not cliques:
        return eqs
    out = set()
    for clique in res.cliques:
        out.add(frozenset(
            tuple(tuple(R(str(v)) for _, v in e[p]) for p in ("1", "2")) for e in clique
        ))
    return eqs, out


def test_matching_pennies():
    # von Neumann (1928): the unique equilibrium mixes 1/2, 1/2, value 0.
    sol = gt.nash(gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]]))
    assert _profiles(sol) == {((R(1, 2), R(1, 2)), (R(1, 2), R(1, 2)))}
    assert sol[0].payoffs == (0, 0)
    assert sol.exact and not sol.degenerate and sol.warnings == ()


def test_battle_of_the_sexes():
    # Luce and Raiffa (1957), Games and Decisions, section 5.3: two pure equilibria and
    # a mixed one in which each player plays their preferred event with probability 2/3.
    bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                        strategies=[["Opera", "Football"]] * 2)
    sol = gt.nash(bos)
    assert [e.profile for e in sol] == [
        ((1, 0), (1, 0)),
        ((R(2, 3), R(1, 3)), (R(1, 3), R(2, 3))),
        ((0, 1), (0, 1)),
    ]
    assert sol[1].payoffs == (R(2, 3), R(2, 3))
    assert sol[1].strategies[0] == {"Opera": R(2, 3), "Football": R(1, 3)}


def test_inspection_game_numeric():
    # Avenhaus, von Stengel and Zamir (2002), Handbook of Game Theory 3, ch. 51, the
    # basic inspection game: inspector inspects with probability b/(b+d), inspectee
    # violates with probability c/a (a=10, b=2, c=1, d=6 here).
    a, b, c, d = 10, 2, 1, 6
    g = gt.NormalFormGame.from_arrays([[-c, -c], [0, -a]], [[0, -d], [0, b]],
                                      players=["Inspector", "Inspectee"],
                                      strategies=[["inspect", "trust"], ["legal", "violate"]])
    sol = gt.nash(g)
    assert _profiles(sol) == {((R(b, b + d), R(d, b + d)), (1 - R(c, a), R(c, a)))}
    assert sol[0].payoffs == (-c, 0)


def test_degenerate_game_of_von_stengel():
    # von Stengel (2002), "Computing equilibria for two-person games", Handbook of Game
    # Theory 3, ch. 45, section 2.6: the degenerate 3x2 game in which the top row has two
    # pure best responses; its equilibria are (1,0,0) against every y in
    # [(1,0), (2/3,1/3)] and ((0,1/3,2/3), (1/3,2/3)).
    a = [[3, 3], [2, 5], [0, 6]]
    b = [[3, 3], [2, 6], [3, 1]]
    sol = gt.nash(gt.NormalFormGame.from_arrays(a, b))
    expected = {((1, 0, 0), (1, 0)), ((1, 0, 0), (R(2, 3), R(1, 3))),
                ((0, R(1, 3), R(2, 3)), (R(1, 3), R(2, 3)))}
    assert _profiles(sol) == expected
    assert sol.degenerate and sol.extra["components"] == [[0, 1], [2]]
    assert any("continua" in w for w in sol.warnings)
    # Every point of the edge is an equilibrium.
    g = gt.NormalFormGame.from_arrays(a, b)
    assert gt.regret(g, [[1, 0, 0], [R(5, 6), R(1, 6)]]) == 0
    # nashpy's support enumeration misses the extreme equilibrium ((1,0,0), (2/3,1/3)).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = list(nashpy.Game(a, b).support_enumeration())
    assert len(found) == 2


def test_float_payoffs_are_reported_inexact():
    g = gt.NormalFormGame.from_arrays([[1.5, 0], [0, 1]], [[1, 0], [0, 2]])
    sol = gt.nash(g)
    assert not sol.exact and any("float" in w for w in sol.warnings)
    mixed = [e for e in sol if not e.is_pure][0]
    assert abs(float(mixed.strategies[1]["s1"]) - 0.4) < 1e-12


def test_more_than_two_players_go_to_support_enumeration():
    # The n-player solver is tested in test_enumpoly.py; here only the dispatch.
    rng = np.random.default_rng(2)
    g = gt.NormalFormGame.from_arrays(*(rng.integers(0, 4, (2, 2, 2)).tolist() for _ in range(3)))
    sol = gt.nash(g)
    assert _profiles(gt.pure_nash(g)) <= _profiles(sol)
    assert sol.method.startswith("support enumeration")


def test_methods():
    bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert _profiles(gt.nash(bos, method="nashpy")) == _profiles(gt.nash(bos, method="vertex"))
    with pytest.raises(gt.NotApplicableError, match="unknown method"):
        gt.nash(bos, method="lemke")
    with pytest.raises(gt.NotApplicableError, match="to_normal_form"):
        gt.nash("not a game")


def test_one_strategy_each_and_constant_games():
    assert _profiles(gt.nash(gt.NormalFormGame.from_arrays([[1]], [[2]]))) == {((1,), (1,))}
    sol = gt.nash(gt.NormalFormGame.from_arrays([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    assert len(sol) == 4 and sol.degenerate and sol.extra["components"] == [[0, 1, 2, 3]]


small = st.integers(0, 2)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_degenerate_random_games_match_pygambit(m, n, data):
    a = data.draw(st.lists(st.lists(small, min_size=n, max_size=n), min_size=m, max_size=m))
    b = data.draw(st.lists(st.lists(small, min_size=n, max_size=n), min_size=m, max_size=m))
    sol = gt.nash(gt.NormalFormGame.from_arrays(a, b))
    ref, cliques = _pygambit_extreme(a, b, cliques=True)
    assert _profiles(sol) == ref
    # Maximal Nash subsets equal pygambit's cliques.
    xs, ys = sol.extra["row_strategies"], sol.extra["column_strategies"]
    mine = {frozenset((xs[i], ys[j]) for i in X for j in Y)
            for X, Y in sol.extra["maximal_nash_subsets"]}
    assert mine == cliques
    game = gt.NormalFormGame.from_arrays(a, b)
    for e in sol:
        assert gt.regret(game, e.profile) == 0


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.integers(2, 5), st.integers(2, 5), st.data())
def test_generic_rational_games_match_pygambit(m, n, data):
    cell = st.fractions(min_value=-10, max_value=10, max_denominator=7)
    a = data.draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    b = data.draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    sol = gt.nash(gt.NormalFormGame.from_arrays(a, b))
    assert _profiles(sol) == _pygambit_extreme(a, b)


def test_larger_integer_game_matches_pygambit():
    rng = np.random.default_rng(7)
    a, b = (rng.integers(-5, 6, (6, 6)).tolist() for _ in range(2))
    assert _profiles(gt.nash(gt.NormalFormGame.from_arrays(a, b))) == _pygambit_extreme(a, b)


# ---------------------------------------------------------------- symbolic


def test_symbolic_inspection_game_pieces():
    a, b, c, d = (gt.parameter(f"{s}_mn", kind="positive") for s in "abcd")
    g = gt.NormalFormGame.from_arrays([[-c, -c], [0, -a]], [[0, -d], [0, b]])
    ans = gt.nash(g)
    assert isinstance(ans, gt.PiecewiseAnswer)
    mixed = [p for p in ans.pieces if p.label.startswith("{s1, s2} x {s1, s2}")][0]
    x, y = mixed.value
    # Avenhaus, von Stengel and Zamir (2002): inspection probability b/(b+d), violation c/a.
    assert sp.simplify(x[0] - b / (b + d)) == 0
    assert sp.simplify(y[1] - c / a) == 0
    assert any("nondegenerate" in w for w in ans.warnings)


p_vals = st.fractions(min_value=-5, max_value=5, max_denominator=5)


S, T, RR = sp.symbols("s_mn t_mn r_mn", real=True)
PARAMETRIC = gt.NormalFormGame.from_arrays([[S, 0], [1, T]], [[1, RR], [0, 2]])
ANSWER = []


@settings(max_examples=25, deadline=None, derandomize=True)
@given(p_vals, p_vals, p_vals)
def test_symbolic_answer_agrees_with_numeric_at_random_points(u, v, w):
    s, t, r, g = S, T, RR, PARAMETRIC
    if not ANSWER:  # solved symbolically once, evaluated at every drawn point
        ANSWER.append(gt.nash(g))
    ans = ANSWER[0]
    point = {s: R(u.numerator, u.denominator), t: R(v.numerator, v.denominator),
             r: R(w.numerator, w.denominator)}
    numeric = gt.nash(g.subs(point))
    if numeric.degenerate:
        return  # genericity is assumed by support enumeration; documented
    at = ans.at(point)
    assert _profiles(at) == _profiles(numeric)
    assert [e.payoffs for e in at] == [e.payoffs for e in numeric]
