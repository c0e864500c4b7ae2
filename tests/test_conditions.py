"""The condition kernel: each decided sign or relation is checked against the
expression's value at random points of the domain (exact rationals)."""

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory.solve.sign as old_sign
from gametheory import conditions
from gametheory.conditions import (
    canonical_relation,
    clear_denominators,
    decide,
    decide_sign,
    sign_class,
    simplify_condition,
    solve_for,
    versus_zero,
)
from gametheory.errors import ParameterError
from gametheory.symbolic import parameter

d = parameter("d_kernel", kind="discount")
q = parameter("q_kernel", kind="probability")
x = parameter("x_kernel", kind="positive")
y = parameter("y_kernel", kind="real")

EXPRESSIONS = [
    1 - d,
    (1 - d) * x,
    d * q - 2,
    x / (1 + x) - 1,
    (d - sp.Rational(1, 2)) ** 2 + x,
    q * (1 - q) + d,
    -x * (1 - d) / (1 + d),
    d * x - x,
    (y - 1) ** 2 * (1 - d),
]

interior = st.fractions(min_value=0, max_value=1).filter(lambda f: 0 < f < 1)
positive = st.fractions(min_value=0, max_value=100).filter(lambda f: f > 0)
reals = st.fractions(min_value=-100, max_value=100)


def _point(dv, qv, xv, yv):
    return {d: sp.Rational(dv), q: sp.Rational(qv), x: sp.Rational(xv), y: sp.Rational(yv)}


@settings(max_examples=25, deadline=None)
@given(interior, interior, positive, reals)
def test_a_decided_sign_holds_at_every_interior_point(dv, qv, xv, yv):
    point = _point(dv, qv, xv, yv)
    for expr in EXPRESSIONS:
        s = decide_sign(expr, d)
        value = expr.xreplace(point)
        if s == 1:
            assert value > 0 or (value == 0 and expr.has(y)), expr
        elif s == -1:
            assert value < 0, expr
        elif s == 0:
            assert value == 0, expr


def test_the_kernel_decides_what_each_old_copy_decided():
    # solve/sign.py (repeated games): the discount factor's interior and exact LP.
    T, R, P = sp.symbols("T R P", real=True)
    assert decide_sign(T - P, None, [T > R, R > P]) == 1
    assert decide_sign(T - 2 * R, None, [T > R, R > P]) is None
    assert decide_sign(1 - d, d) == 1
    # statics: signs over the interior, weak signs from the assumptions.
    assert sign_class(-x * (1 - d)) == "negative"
    assert sign_class(sp.Symbol("w_kernel", nonnegative=True), thorough=False) == "nonnegative"
    assert sign_class(x - 1) == "undetermined"
    # spe_symbolic: cheap comparisons from the assumptions.
    assert decide_sign(x + 1 - x**2 + x**2, thorough=False) == 1
    assert decide_sign(x - y, thorough=False) is None
    # public goods: infinities and denominators of known sign.
    assert versus_zero(sp.zoo) is sp.false
    assert versus_zero(sp.oo) is sp.true
    assert versus_zero((x - 1) / (x + 1), sp.Ge) == sp.Ge(x, 1)
    assert old_sign.decide_sign is conditions.decide_sign


def test_deciding_at_a_sample_point_is_explicit_and_says_so():
    notes: list[str] = []
    assert decide(x > 1, at_sample={x: 3}, warnings=notes, what="the offer") is sp.true
    assert decide(x > 1, at_sample={x: sp.Rational(1, 2)}, warnings=notes, what="the offer") is sp.false
    assert len(notes) == 2 and all("decided at a sample point" in n for n in notes)
    # Decided exactly: no sample needed, no warning.
    assert decide(x + 1 > 0, at_sample={x: 3}, warnings=notes) is sp.true
    assert len(notes) == 2
    with pytest.raises(ParameterError, match="warnings list"):
        decide(x > 1, at_sample={x: 3})


def test_decide_keeps_an_undecided_relation_readable():
    assert decide(sp.Gt(x, 1)) == sp.Gt(x, 1)
    assert decide(sp.And(x > -1, q <= 1, y > 0)) == sp.Gt(y, 0)
    assert decide(True) is sp.true


@settings(max_examples=20, deadline=None)
@given(interior, positive)
def test_solve_for_agrees_with_the_condition_at_points(dv, xv):
    conds = [sp.And(2 * d > 1, d < sp.Rational(3, 4)), sp.Or(d < sp.Rational(1, 3), d**2 > sp.Rational(1, 4)),
             x**2 - 3 * x + 2 > 0]
    for cond in conds:
        (sym,) = cond.free_symbols
        solved = solve_for(cond, sym)
        assert solved is not None
        value = {d: sp.Rational(dv), x: sp.Rational(xv)}[sym]
        assert bool(solved.xreplace({sym: value})) == bool(cond.xreplace({sym: value}))


def test_simplify_condition_without_splitting_checks_conjunctions_only():
    a, b = sp.symbols("a_k b_k", positive=True)
    assert simplify_condition(sp.And(a * b > 1, a * b < 1), split=False) is sp.false
    either = sp.Or(sp.And(a > b, b > a), a > 2 * b)
    assert simplify_condition(either) == sp.Gt(a, 2 * b)
    assert simplify_condition(either, split=False) == either


def test_clear_denominators_and_canonical_relations():
    assert clear_denominators(sp.Gt(1 / y, 2)) == sp.Gt(sp.expand(y - 2 * y**2), 0)
    assert canonical_relation(sp.Ge(1, y + 1)) == sp.Le(y, 0)
    assert canonical_relation(sp.Gt(x, 0)) is sp.true
