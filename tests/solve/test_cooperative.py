import itertools

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import (
    CoalitionalGame,
    WeightedVotingGame,
    banzhaf_index,
    core,
    nucleolus,
    shapley_value,
)


def test_shapley_weighted_majority_un_security_council_style():
    # [3; 2, 1, 1]: Shapley-Shubik index (2/3, 1/6, 1/6); Shapley and Shubik (1954),
    # APSR 48(3), and Osborne and Rubinstein (1994), Example 292.1 style computation.
    g = WeightedVotingGame({"A": 2, "B": 1, "C": 1}, quota=3)
    assert shapley_value(g).values == {"A": sp.Rational(2, 3), "B": sp.Rational(1, 6), "C": sp.Rational(1, 6)}


def test_shapley_of_51_49_style_game_and_banzhaf():
    # [51; 49, 49, 2]: any two parties win, so the small party has the same power as the
    # large ones, 1/3 each (Shapley and Shubik 1954, APSR 48(3): power is not proportional
    # to weight).
    g = WeightedVotingGame({"A": 49, "B": 49, "C": 2}, quota=51)
    assert set(shapley_value(g).values.values()) == {sp.Rational(1, 3)}
    assert set(banzhaf_index(g).values.values()) == {sp.Rational(1, 3)}


def test_shapley_symbolic():
    a, b = sp.symbols("a_sh b_sh", positive=True)
    g = CoalitionalGame(["X", "Y"], {"X": b, "Y": 0, ("X", "Y"): a})
    phi = shapley_value(g).values
    assert sp.simplify(phi["X"] - (a + b) / 2) == 0
    assert sp.simplify(phi["Y"] - (a - b) / 2) == 0


def test_glove_game_core_and_nucleolus():
    # Glove game with one left and two right gloves: the core is the single point
    # (1, 0, 0) (Osborne and Rubinstein 1994, Example 260.2 type; Shapley and Shubik 1969).
    glove = CoalitionalGame(["L", "R1", "R2"], lambda s: int("L" in s and len(s) >= 2))
    res = core(glove)
    assert res.is_empty is False and res.exact
    assert res.point == {"L": 1, "R1": 0, "R2": 0}
    assert res.contains({"L": 1, "R1": 0, "R2": 0})
    assert not res.contains({"L": sp.Rational(1, 2), "R1": sp.Rational(1, 4), "R2": sp.Rational(1, 4)})
    assert nucleolus(glove).values == {"L": 1, "R1": 0, "R2": 0}


def test_majority_game_core_is_empty():
    # Three-player simple majority: the core is empty (Osborne and Rubinstein 1994, Example 259.1).
    g = WeightedVotingGame([1, 1, 1], quota=2)
    res = core(g)
    assert res.is_empty is True and res.point is None


def test_nucleolus_of_asymmetric_game():
    # Schmeidler (1969) definition checked directly: at (1/2, 1/4, 1/4) the largest
    # excesses are e(12) = e(13) = e(2) = e(3) = -1/4, and the grid search below confirms
    # that no imputation has a lexicographically smaller sorted excess vector.
    g = CoalitionalGame(["1", "2", "3"], {"1": 0, "2": 0, "3": 0, ("1", "2"): sp.Rational(1, 2),
                                         ("1", "3"): sp.Rational(1, 2), ("2", "3"): 0, ("1", "2", "3"): 1})
    nu = nucleolus(g).values
    assert nu == {"1": sp.Rational(1, 2), "2": sp.Rational(1, 4), "3": sp.Rational(1, 4)}
    # lexicographic check against a grid of imputations: no imputation has a smaller max excess
    def excesses(x):
        return sorted((g.value(c) - sum(x[p] for p in c) for c in g.coalitions() if len(c) < 3), reverse=True)
    best = excesses(nu)
    for i, j in itertools.product(range(13), repeat=2):
        x = {"1": sp.Rational(i, 12), "2": sp.Rational(j, 12), "3": 1 - sp.Rational(i + j, 12)}
        if x["3"] >= 0:
            assert excesses(x) >= best


values = st.integers(min_value=0, max_value=6)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(values, min_size=7, max_size=7))
def test_shapley_efficiency_and_symmetry(vals):
    players = ["a", "b", "c"]
    coalitions = [frozenset(c) for k in range(1, 4) for c in itertools.combinations(players, k)]
    table = dict(zip(coalitions, vals))
    # symmetrise a and b: v(S) = v(swap(S))
    swap = {"a": "b", "b": "a", "c": "c"}
    for c in coalitions:
        table[frozenset(swap[p] for p in c)] = table[c]
    g = CoalitionalGame(players, table)
    phi = shapley_value(g).values
    assert sum(phi.values()) == g.value(players)
    assert phi["a"] == phi["b"]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(values, min_size=7, max_size=7))
def test_core_point_satisfies_every_constraint(vals):
    players = ["a", "b", "c"]
    coalitions = [frozenset(c) for k in range(1, 4) for c in itertools.combinations(players, k)]
    g = CoalitionalGame(players, dict(zip(coalitions, vals)))
    res = core(g)
    if res.is_empty:
        return
    x = res.point
    assert res.exact
    assert sum(x.values()) == g.value(players)
    for c in coalitions:
        assert sum(x[p] for p in c) >= g.value(c)


def test_core_vertices_and_symbolic_emptiness():
    # Symmetric three-player game with v(pair) = b, v(N) = 1: the core is non-empty iff
    # b <= 2/3 (Bondareva 1963, Shapley 1967: the balanced collection of the three pairs
    # with weights 1/2 gives 3b/2 <= 1).
    b = sp.Symbol("b_core", nonnegative=True)
    g = CoalitionalGame(["1", "2", "3"], lambda s: {1: 0, 2: b, 3: 1}[len(s)])
    res = core(g)
    assert [bool(res.empty_condition.subs(b, x)) for x in (0, sp.Rational(2, 3), sp.Rational(3, 4))] == [False, False, True]
    at = core(g.subs({b: sp.Rational(1, 2)}))
    assert set(at.vertices) == {(sp.Rational(1, 2), sp.Rational(1, 2), 0), (sp.Rational(1, 2), 0, sp.Rational(1, 2)),
                                (0, sp.Rational(1, 2), sp.Rational(1, 2))}
    assert core(g.subs({b: sp.Rational(2, 3)})).vertices == ((sp.Rational(1, 3),) * 3,)


def test_shapley_twelve_players_symbolic_symmetric():
    # Symmetry and efficiency (Shapley 1953): v(S) = a |S|**2 gives a n to each of n = 12.
    a = sp.Symbol("a_twelve", positive=True)
    names = [f"P{i}" for i in range(12)]
    g = CoalitionalGame(names, lambda s: a * len(s) ** 2 if len(s) > 1 else 0)
    phi = shapley_value(g).values
    assert set(phi.values()) == {12 * a}


def test_core_point_is_exact_with_tiny_coalition_values():
    # A coalition worth 1/10^7 used to fall within the LP's tolerance and give a float
    # point that broke a constraint by about 1e-7; the point must be an exact vertex.
    import sympy as sp

    import gametheory as gt

    tiny = sp.Rational(1, 10**7)
    values = {(): 0, ("A",): 0, ("B",): 0, ("C",): tiny, ("A", "B"): tiny,
              ("A", "C"): sp.Rational(3, 10), ("B", "C"): sp.Rational(1, 3), ("A", "B", "C"): 1}
    result = gt.core(gt.CoalitionalGame(["A", "B", "C"], values))
    assert result.exact and not result.warnings
    assert result.contains(result.point)
