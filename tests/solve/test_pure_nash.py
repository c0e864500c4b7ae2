import functools
import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt


def brute_force_pure(payoffs):
    n = payoffs.shape[0]
    shape = payoffs.shape[1:]
    found = []
    for prof in itertools.product(*[range(k) for k in shape]):
        ok = True
        for i in range(n):
            for k in range(shape[i]):
                dev = prof[:i] + (k,) + prof[i + 1 :]
                if payoffs[(i, *dev)] > payoffs[(i, *prof)]:
                    ok = False
        if ok:
            found.append(prof)
    return found


def test_prisoners_dilemma():
    # Rapoport and Chammah (1965): (D, D) is the unique equilibrium
    pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                       strategies=[["C", "D"], ["C", "D"]])
    sol = gt.pure_nash(pd)
    assert [e.pure_profile for e in sol] == [("D", "D")]
    assert sol[0].payoffs == (1, 1)
    assert sol.exact and sol.warnings == ()


def test_matching_pennies_has_no_pure_equilibrium():
    sol = gt.pure_nash(gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]]))
    assert len(sol) == 0
    assert "no pure-strategy" in sol.warnings[0]


def test_ties_are_reported():
    g = gt.NormalFormGame.from_arrays([[1, 1], [1, 0]], [[1, 1], [0, 0]])
    sol = gt.pure_nash(g)
    assert {e.pure_profile for e in sol} == {("s1", "s1"), ("s1", "s2"), ("s2", "s1")}
    assert any("indifferent" in w for w in sol.warnings)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.integers(2, 3).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.integers(1, 3), min_size=n, max_size=n),
        )
    ),
    st.randoms(use_true_random=False),
)
def test_pure_equilibria_equal_brute_force(spec, rnd):
    n, shape = spec
    payoffs = np.array([rnd.randint(-2, 2) for _ in range(n * int(np.prod(shape)))]).reshape(n, *shape)
    game = gt.NormalFormGame(payoffs)
    found = [tuple(game.profile_index(e.pure_profile)) for e in gt.pure_nash(game)]
    assert found == brute_force_pure(payoffs)


def test_symbolic_prisoners_dilemma_conditions():
    R, S, T, P = (gt.parameter(n) for n in ("R_pn", "S_pn", "T_pn", "P_pn"))
    g = gt.NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]],
                                      strategies=[["C", "D"], ["C", "D"]])
    ans = gt.pure_nash(g)
    by_label = {p.label: p.condition for p in ans.pieces}
    assert by_label["(D, D)"] == sp.Ge(P, S)
    assert by_label["(C, C)"] == sp.Ge(R, T)
    assert set(ans.boundaries()) >= {R - T, P - S} or set(ans.boundaries()) >= {R - T, S - P}
    assert "\\geq" in ans.latex()


@functools.cache
def parametric_game():
    a, b, c, d = (gt.parameter(n) for n in ("a_pn", "b_pn", "c_pn", "d_pn"))
    g = gt.NormalFormGame.from_arrays([[a, 0, b], [1, c, 0]], [[d, 1, 0], [0, a, b]])
    return g, gt.pure_nash(g)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.fractions(-3, 3, max_denominator=4), min_size=4, max_size=4))
def test_symbolic_answer_at_a_point_equals_numeric(point):
    g, answer = parametric_game()
    values = dict(zip(["a_pn", "b_pn", "c_pn", "d_pn"], point))
    symbolic = answer.at(values)
    numeric = gt.pure_nash(g.subs(values))
    assert [e.pure_profile for e in symbolic] == [e.pure_profile for e in numeric]
    assert [e.payoffs for e in symbolic] == [e.payoffs for e in numeric]


def test_piecewise_answer_errors():
    x = gt.parameter("x_pn")
    ans = gt.pure_nash(gt.NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]]))
    with pytest.raises(gt.ParameterError, match="no value"):
        ans.at({})
    with pytest.raises(gt.ParameterError, match="unknown parameter 'y_pn'"):
        ans.at({"x_pn": 1, "y_pn": 2})
    mask = ans.compile()(x_pn=np.array([-1.0, 1.0]))
    assert mask.shape == (len(ans.pieces), 2)
