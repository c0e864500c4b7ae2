import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import PublicGoodsGame, nash_contributions, samuelson_level


def _oz(values):
    names = [f"P{i}" for i in range(len(values))]
    gs = sp.symbols(" ".join(f"g{i}" for i in range(len(values))), real=True)
    total = sum(gs)
    return PublicGoodsGame(names, [v * sp.log(total) - g for v, g in zip(values, gs)], gs)


def test_olson_zeckhauser_only_the_highest_valuation_contributes():
    # Olson and Zeckhauser (1966), REStat 48(3): with u_i = v_i ln G - g_i, only the member
    # with the largest v_i contributes and G = max v_i; the efficient G is sum v_i.
    sol = nash_contributions(_oz([2, 5, 3]))
    assert len(sol) == 1
    eq = sol[0]
    assert eq.contributors == ("P1",)
    assert eq.contributions == {"P0": 0, "P1": 5, "P2": 0}
    assert eq.total == 5
    assert samuelson_level(_oz([2, 5, 3])).total == 10


def test_olson_zeckhauser_symbolic():
    v = sp.symbols("v_oz0 v_oz1 v_oz2", positive=True)
    ans = nash_contributions(_oz(v))
    assert len(ans.pieces) == 3
    for k, piece in enumerate(ans.pieces):
        assert piece.value.contributors == (f"P{k}",)
        assert piece.value.total == v[k]
        # the condition is "v_k is the largest valuation"
        others = [j for j in range(3) if j != k]
        assert bool(piece.condition.subs({v[k]: 3, v[others[0]]: 1, v[others[1]]: 2}))
        assert not bool(piece.condition.subs({v[k]: 2, v[others[0]]: 1, v[others[1]]: 3}))
    point = {v[0]: 1, v[1]: 4, v[2]: 2}
    at = ans.at(point)
    assert [e.contributors for e in at] == [("P1",)]
    assert at[0].total == nash_contributions(_oz([1, 4, 2]))[0].total == 4
    eff = samuelson_level(_oz(v))
    assert sp.simplify(eff.pieces[0].value.total - sum(v)) == 0


def test_tie_gives_a_continuum_with_a_warning():
    # Bergstrom, Blume and Varian (1986), J. Public Econ. 29: the total is unique, its
    # split among equal-valuation contributors is not.
    sol = nash_contributions(_oz([3, 3]))
    assert {e.total for e in sol} == {3}
    assert any(e.continuum for e in sol)
    assert any("continuum" in w for w in sol.warnings)


def test_interior_quadratic_equilibrium():
    # u_i = a G - G**2/2 - g_i**2/2 ... best response a - G - g_i = 0; symmetric
    # equilibrium g = a/3 for two players (solved by hand).
    a = sp.Symbol("a_q", positive=True)
    g1, g2 = sp.symbols("g1 g2", real=True)
    G = g1 + g2
    game = PublicGoodsGame(["A", "B"], [a * G - G**2 / 2 - g1**2 / 2, a * G - G**2 / 2 - g2**2 / 2], [g1, g2])
    ans = nash_contributions(game)
    both = [pc for pc in ans.pieces if pc.value.contributors == ("A", "B")]
    assert both and both[0].value.contributions == {"A": a / 3, "B": a / 3}


@settings(max_examples=6, deadline=None, derandomize=True)
@given(st.lists(st.integers(1, 9), min_size=2, max_size=3, unique=True))
def test_free_riding_total_below_efficient(values):
    sol = nash_contributions(_oz(values))
    assert [e.total for e in sol] == [max(values)]
    assert samuelson_level(_oz(values)).total == sum(values)
