"""The sign of an expression over a parameter domain, decided exactly or not at all.

Used to turn deviation inequalities into bounds on the discount factor: dividing by
a factor needs its sign. A sign is decided, in order, by sympy's assumptions; for a
factor in the discount factor ``delta`` by writing ``delta = 1 / (1 + t)`` with
``t > 0`` (so that, e.g., ``1 - delta`` is seen to be positive); and for a factor
linear in the parameters by exact linear programming (:func:`sympy.solvers.simplex.lpmin`)
over the domain's linear constraints (declared bounds and the user's assumptions).
A linear function that is nonnegative on a polyhedron and not constant is positive on
its interior, which is where the sign is meant.

Examples
--------
>>> import sympy as sp
>>> T, R, P = sp.symbols("T R P", real=True)
>>> decide_sign(T - P, None, [T > R, R > P])
1
>>> decide_sign(T - 2 * R, None, [T > R, R > P]) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy.solvers.simplex import InfeasibleLPError, UnboundedLPError, lpmax, lpmin

from ..symbolic import parameter_info

__all__ = ["decide_sign"]


def _basic_sign(expr: sp.Expr) -> int | None:
    if expr.is_zero:
        return 0
    if expr.is_positive:
        return 1
    if expr.is_negative:
        return -1
    return None


def _linear(expr: sp.Expr) -> bool:
    syms = sorted(expr.free_symbols, key=lambda s: s.name)
    if not syms:
        return True
    try:
        poly = sp.Poly(expr, *syms)
    except sp.PolynomialError:
        return False
    return poly.total_degree() <= 1 and all(c.is_number for c in poly.coeffs())


def _lp_sign(expr: sp.Expr, domain: Sequence[sp.Basic]) -> int | None:
    cons = []
    for rel in domain:
        if not isinstance(rel, sp.Rel) or not _linear(rel.lhs - rel.rhs):
            continue
        if isinstance(rel, sp.Eq | sp.Ne):
            continue
        lhs, rhs = rel.lhs, rel.rhs
        if isinstance(rel, sp.StrictGreaterThan | sp.GreaterThan):
            cons.append(sp.Ge(lhs - rhs, 0))
        else:
            cons.append(sp.Le(lhs - rhs, 0))
    # sympy's simplex mishandles symbols carrying assumptions (nonnegative symbols make
    # bounded problems look unbounded), so the LP runs on plain copies; the declared
    # bounds are already among the constraints.
    plain = {
        sym: sp.Symbol(f"_lp_{sym.name}")
        for sym in set().union(expr.free_symbols, *[c.free_symbols for c in cons])
    }
    expr = expr.xreplace(plain)
    cons = [c.xreplace(plain) for c in cons]
    for sym, copy in plain.items():
        low, high, _, _ = parameter_info(sym).bounds
        if low is None and (sym.is_nonnegative or sym.is_positive):
            low = 0
        if low is not None:
            cons.append(sp.Ge(copy, low))
        if high is not None:
            cons.append(sp.Le(copy, high))
    cons = [c for c in cons if c not in (sp.true, sp.false)]
    try:
        low, _ = lpmin(expr, cons)
        if low >= 0:
            return 1
    except (UnboundedLPError, InfeasibleLPError, ValueError, TypeError):
        pass
    try:
        high, _ = lpmax(expr, cons)
        if high <= 0:
            return -1
    except (UnboundedLPError, InfeasibleLPError, ValueError, TypeError):
        pass
    return None


def _box_sign(expr: sp.Expr, delta: sp.Symbol | None) -> int | None:
    """Sign of a multilinear expression whose symbols all lie in bounded intervals
    (the discount factor, probabilities): its extremes are at the box's corners."""
    syms = sorted(expr.free_symbols, key=lambda s: s.name)
    if not syms or len(syms) > 8:
        return None
    ranges = []
    for s in syms:
        if s == delta:
            ranges.append((0, 1))
            continue
        low, high, _, _ = parameter_info(s).bounds
        if low is None or high is None:
            return None
        ranges.append((low, high))
    try:
        poly = sp.Poly(expr, *syms)
    except sp.PolynomialError:
        return None
    if any(d > 1 for mono in poly.monoms() for d in mono):
        return None
    import itertools

    corners = [expr.subs(dict(zip(syms, c))) for c in itertools.product(*ranges)]
    if all(c >= 0 for c in corners) and any(c > 0 for c in corners):
        return 1
    if all(c <= 0 for c in corners) and any(c < 0 for c in corners):
        return -1
    return None


def decide_sign(expr: sp.Expr, delta: sp.Symbol | None, domain: Sequence[sp.Basic]) -> int | None:
    """The sign (1, -1 or 0) of ``expr`` on the interior of the domain, or None.

    Parameters
    ----------
    expr
        A sympy expression.
    delta
        The discount-factor symbol, known to lie in (0, 1), or None.
    domain
        Relations that hold on the domain (only linear ones are used by the LP).
    """
    expr = sp.sympify(expr)
    if expr.is_number:
        return 0 if expr == 0 else (1 if expr > 0 else -1)
    expr = sp.factor(sp.cancel(sp.together(expr)))
    if expr == 0:
        return 0
    s = _basic_sign(expr)
    if s is not None:
        return s
    if delta is not None and expr.has(delta):
        t = sp.Dummy("t", positive=True)
        s = _basic_sign(sp.factor(sp.together(expr.subs(delta, 1 / (1 + t)))))
        if s is not None:
            return s
    for rel in domain:
        # An assumption stated about exactly this expression (e.g. a bilinear one that
        # the LP cannot use) settles it.
        if isinstance(rel, sp.StrictGreaterThan | sp.StrictLessThan):
            gap = sp.expand(rel.lhs - rel.rhs)
            up = 1 if isinstance(rel, sp.StrictGreaterThan) else -1
            if sp.expand(expr - gap) == 0:
                return up
            if sp.expand(expr + gap) == 0:
                return -up
    num, den = sp.fraction(expr)
    coeff, factors = sp.factor_list(sp.expand(num * den))
    sign = 1 if coeff > 0 else -1
    for f, e in factors:
        fs = _basic_sign(f)
        if fs is None and delta is not None and f.has(delta):
            t = sp.Dummy("t", positive=True)
            fs = _basic_sign(sp.factor(sp.together(f.subs(delta, 1 / (1 + t)))))
        if fs is None and _linear(f):
            fs = _lp_sign(f, domain)
        if fs is None:
            fs = _box_sign(f, delta)
        if fs is None:
            if e % 2 == 0:
                continue  # an even power is nonnegative; zero only on a thin set
            return None
        if fs == 0:
            return 0
        if e % 2 == 1:
            sign *= fs
    return sign
