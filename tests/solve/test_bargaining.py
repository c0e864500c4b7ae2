import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import (
    U1,
    BargainingProblem,
    MultiIssueBargaining,
    kalai_smorodinsky,
    nash_bargaining,
    rubinstein,
    rubinstein_finite,
    rubinstein_tree,
    spe,
    win_sets,
)


def test_rubinstein_share_matches_closed_form():
    # Rubinstein (1982), Econometrica 50(1); Osborne and Rubinstein (1994), Prop. 122.1:
    # the first proposer gets (1 - d2) / (1 - d1 d2).
    d1, d2 = sp.Rational(9, 10), sp.Rational(4, 5)
    r = rubinstein(d1, d2)
    assert r.share(0) == (1 - d2) / (1 - d1 * d2) == sp.Rational(5, 7)
    assert r.share(0) + r.share(1) == 1
    assert r.share(1, proposer=1) == (1 - d1) / (1 - d1 * d2)


def test_rubinstein_symbolic():
    d1, d2 = sp.symbols("delta_r1 delta_r2", positive=True)
    r = rubinstein(d1, d2)
    assert sp.simplify(r.share(0) - (1 - d2) / (1 - d1 * d2)) == 0
    assert sp.simplify(rubinstein(d1, d1).share(0) - 1 / (1 + d1)) == 0


def test_finite_horizon_converges_to_rubinstein():
    # Stahl (1972) finite horizon; its limit is Rubinstein's share (Osborne and Rubinstein
    # 1994, Sec. 3.10): the gap shrinks like (d1 d2)**(T/2).
    d1, d2 = sp.Rational(9, 10), sp.Rational(4, 5)
    limit = rubinstein(d1, d2).share(0)
    gaps = [abs(rubinstein_finite(d1, d2, t).share(0) - limit) for t in (10, 20, 40, 80)]
    assert all(b < a for a, b in zip(gaps, gaps[1:]))
    assert gaps[-1] < sp.Rational(1, 10**3)
    # exact identity: the T-round share differs by (d1 d2)**k times the one-round gap
    t = 20
    assert rubinstein_finite(d1, d2, t).share(0) - limit == (d1 * d2) ** (t // 2 - 1) * (rubinstein_finite(d1, d2, 2).share(0) - limit)


def test_finite_horizon_symbolic_two_rounds():
    d1, d2 = sp.symbols("delta_f1 delta_f2", positive=True)
    assert rubinstein_finite(d1, d2, 2).share(0) == 1 - d2


def test_tree_spe_contains_the_recursion_shares():
    # The discretised tree has extra SPE from indifference at the grid, but the best
    # SPE for the first proposer is the T-round share when it lies on the grid.
    for d1, d2, rounds, steps in [("9/10", "4/5", 2, 10), ("1/2", "1/2", 3, 4), ("1/2", "1/2", 1, 2)]:
        tree = rubinstein_tree(d1, d2, rounds, steps)
        sol = spe(tree)
        share = rubinstein_finite(d1, d2, rounds).share(0)
        payoffs = [v for v, _ in sol.payoff_vectors]
        assert (share, 1 - share) in payoffs
        assert max(v[0] for v in payoffs) == share


def test_nash_bargaining_linear_frontier():
    # Nash (1950): for u2 = pie - u1 with disagreement (a, b) the solution splits the
    # surplus equally: u1 = a + (pie - a - b)/2.
    pie, a = sp.symbols("pie_n a_n", positive=True)
    sol = nash_bargaining(BargainingProblem(frontier=pie - U1, disagreement=(a, 0), domain=(0, pie)))
    assert sp.simplify(sol.utilities[0] - (pie + a) / 2) == 0
    assert sp.simplify(sol.utilities[1] - (pie - a) / 2) == 0
    assert sol.at({pie: 10, a: 2}).utilities == (6, 4)
    num = nash_bargaining(BargainingProblem(frontier="10 - u1", disagreement=(2, 0), domain=(0, 10)))
    assert num.utilities == (6, 4)


def test_asymmetric_nash_and_quadratic_frontier():
    # Generalised Nash solution on a linear frontier gives shares equal to the weights
    # (Roth 1979, Axiomatic Models of Bargaining, ch. 1).
    sol = nash_bargaining(BargainingProblem(frontier="1 - u1"), weights=("1/3", "2/3"))
    assert sol.utilities == (sp.Rational(1, 3), sp.Rational(2, 3))
    # u2 = 1 - u1**2: maximise u1 (1 - u1**2) -> u1 = 1/sqrt(3), u2 = 2/3
    q = nash_bargaining(BargainingProblem(frontier="1 - u1**2"))
    assert q.utilities == (1 / sp.sqrt(3), sp.Rational(2, 3))


def test_kalai_smorodinsky():
    # Kalai and Smorodinsky (1975): on the hull of (0,0),(4,0),(0,2),(3,2) the ideal point
    # is (4, 2); the ray u2 = u1/2 meets u2 = 8 - 2 u1 at (16/5, 8/5).
    p = BargainingProblem(points=[(0, 0), (4, 0), (0, 2), (3, 2)])
    assert kalai_smorodinsky(p).utilities == (sp.Rational(16, 5), sp.Rational(8, 5))
    assert nash_bargaining(p).utilities == (3, 2)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.integers(1, 20), st.integers(0, 5), st.integers(0, 5))
def test_nash_solution_is_on_frontier_and_individually_rational(pie, a, b):
    if a + b > pie:
        return
    p = BargainingProblem(frontier=sp.Integer(pie) - U1, disagreement=(a, b), domain=(0, pie))
    u1, u2 = nash_bargaining(p).utilities
    assert u1 + u2 == pie and u1 >= a and u2 >= b
    assert u1 - a == u2 - b


def test_win_sets_two_issues():
    # US accepts when scope - relief/2 >= 1/4; DPRK when relief - scope >= -1/2.
    g = MultiIssueBargaining(["scope", "relief"], {"US": "scope - relief/2", "DPRK": "relief - scope"},
                             {"US": "1/4", "DPRK": "-1/2"})
    ws = win_sets(g)
    assert ws.is_empty is False
    # all-for-all (scope 1, relief 0) lies in the US set but outside the DPRK set
    assert (1, 0) in ws.vertices["US"] and (1, 0) not in ws.vertices["all"]
    for v in ws.vertices["all"]:
        sub = dict(zip(ws.symbols, v))
        assert ws.intersection.xreplace(sub) is sp.true
    assert set(ws.vertices["all"]) == {(1, 1), (1, sp.Rational(1, 2)), (sp.Rational(1, 4), 0),
                                       (sp.Rational(1, 2), 0), (sp.Rational(3, 4), 1)}


def test_win_sets_symbolic_emptiness_threshold():
    o = sp.Symbol("o_us_ws", real=True)
    g = MultiIssueBargaining(["scope", "relief"], {"US": "scope - relief/2", "DPRK": "relief - scope"},
                             {"US": o, "DPRK": "-1/2"})
    ws = win_sets(g)
    # the best US package the DPRK accepts is scope 1, relief 1/2 -> 3/4
    cond = ws.empty_condition
    assert [bool(cond.subs(o, x)) for x in (0, sp.Rational(3, 4), sp.Rational(4, 5), 2)] == [False, False, True, True]
    for val, expected in [(sp.Rational(1, 2), False), (1, True)]:
        assert win_sets(g.subs({o: val})).is_empty is expected
