"""Exact vertices of small bounded polytopes ``{x : a_k . x >= b_k}``, numeric or symbolic.

A bounded polytope that is not empty has a vertex, and every vertex is the solution of
``n`` linearly independent tight constraints. Enumerating those systems gives, for
numbers, the exact vertex list; for symbolic coefficients, the condition under which
the polytope is not empty, as a finite disjunction (one term per candidate vertex).
Used for win-sets of multi-issue bargaining and off-path belief sets of signalling games.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import sympy as sp

from .linear import solve_fractions

__all__: list[str] = []

Constraint = tuple[Sequence[sp.Expr], sp.Expr]  # (a, b) meaning a . x >= b


def _rational_candidates(constraints: Sequence[Constraint], n: int
                         ) -> list[tuple[sp.Expr, ...]] | None:
    """The candidates of :func:`_candidates` in plain fractions (None unless all rational)."""
    if any(not sp.sympify(v).is_Rational for a, b in constraints for v in (*a, b)):
        return None
    table = [([Fraction(int(v.p), int(v.q)) for v in map(sp.Rational, a)],
              Fraction(int(sp.Rational(b).p), int(sp.Rational(b).q))) for a, b in constraints]
    found: list[tuple[sp.Expr, ...]] = []
    for rows in itertools.combinations(range(len(table)), n):
        sol = solve_fractions([table[k][0] for k in rows], [table[k][1] for k in rows])
        if sol is not None:
            found.append(tuple(sp.Rational(v.numerator, v.denominator) for v in sol))
    return found


def _candidates(constraints: Sequence[Constraint], n: int) -> list[tuple[sp.Expr, ...]]:
    rational = _rational_candidates(constraints, n)
    if rational is not None:
        return rational
    found: list[tuple[sp.Expr, ...]] = []
    for rows in itertools.combinations(range(len(constraints)), n):
        m = sp.Matrix([list(constraints[k][0]) for k in rows])
        det = m.det()
        if det == 0:
            continue
        b = sp.Matrix([constraints[k][1] for k in rows])
        sol = m.LUsolve(b) if det.is_number else m.adjugate() * b / det
        found.append(tuple(sp.simplify(v) if not v.is_number else v for v in sol))
    return found


def _holds(constraints: Sequence[Constraint], x: Sequence[sp.Expr]) -> sp.Basic:
    parts = []
    for a, b in constraints:
        lhs = sp.expand(sum((ai * xi for ai, xi in zip(a, x)), sp.Integer(0)) - b)
        if lhs.is_number:
            if lhs < 0:
                return sp.false
            continue
        parts.append(sp.Ge(lhs, 0))
    return sp.And(*parts) if parts else sp.true


def polytope_vertices(constraints: Sequence[Constraint], n: int) -> list[tuple[sp.Expr, ...]]:
    """The exact vertices of a bounded polytope with numeric constraints (deduplicated)."""
    if n == 0:
        return [()] if _holds(constraints, ()) is sp.true else []
    out: list[tuple[sp.Expr, ...]] = []
    for x in _candidates(constraints, n):
        if _holds(constraints, x) is sp.true and x not in out:
            out.append(x)
    return out


def nonempty_condition(constraints: Sequence[Constraint], n: int) -> sp.Basic:
    """The condition (a sympy boolean) under which the bounded polytope is not empty."""
    terms = []
    for x in _candidates(constraints, n):
        cond = _holds(constraints, x)
        if cond is sp.true:
            return sp.true
        if cond is not sp.false:
            terms.append(cond)
    return sp.Or(*terms) if terms else sp.false


def as_interval(cond: sp.Basic, sym: sp.Symbol) -> sp.Basic:
    """A boolean combination of inequalities in one symbol, restated as intervals.

    Falls back to the condition as given when sympy cannot solve it.
    """

    def as_set(c: sp.Basic) -> sp.Set:
        if isinstance(c, sp.Or):
            return sp.Union(*[as_set(a) for a in c.args])
        if isinstance(c, sp.And):
            return sp.Intersection(*[as_set(a) for a in c.args])
        if isinstance(c, sp.Not):
            return sp.Complement(sp.S.Reals, as_set(c.args[0]))
        return sp.solveset(c, sym, sp.S.Reals)

    try:
        return as_set(cond).as_relational(sym)
    except (NotImplementedError, TypeError, ValueError):
        return cond
