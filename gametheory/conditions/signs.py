"""Signs of expressions over the parameters' domains, decided exactly or not at all
(see :mod:`gametheory.conditions` for the order of the steps)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import sympy as sp
from sympy.solvers.simplex import InfeasibleLPError, UnboundedLPError, lpmax, lpmin

from ..symbolic import parameter_info

__all__ = ["SIGNS", "assumed_sign", "interior_substitution", "decide_sign", "sign_class"]

SIGNS = ("positive", "negative", "zero", "nonnegative", "nonpositive", "undetermined")
"""The answers of :func:`sign_class`, strongest first."""
def interior_substitution(
    symbols: Iterable[sp.Symbol], *, delta: sp.Symbol | None = None
) -> dict[sp.Symbol, sp.Expr]:
    """Each bounded parameter written through a positive symbol covering its interior.

    A parameter in ``(low, high)`` becomes ``low + (high - low) t / (1 + t)``, one
    bounded below ``low + t``, one bounded above ``high - t``, with ``t > 0``. ``delta``
    (if given) is treated as a discount factor in (0, 1) whatever its declaration.

    >>> q = sp.Symbol("q_int", positive=True)
    >>> sub = interior_substitution([q], delta=q)
    >>> (1 - sub[q]).factor().is_positive
    True
    """
    subs: dict[sp.Symbol, sp.Expr] = {}
    for s in symbols:
        if s == delta:
            low, high = 0, 1
        else:
            low, high, _, _ = parameter_info(s).bounds
        t = sp.Dummy(f"{s.name}_t", positive=True)
        if low is not None and high is not None:
            subs[s] = low + (high - low) * t / (1 + t)
        elif low is not None:
            subs[s] = low + t
        elif high is not None:
            subs[s] = high - t
    return subs


def assumed_sign(expr: sp.Expr) -> str:
    """The sign class (one of :data:`SIGNS`) that sympy's assumptions give, without
    any rewriting: the cheap first step of every decision.

    >>> assumed_sign(sp.Symbol("y_as", positive=True) + 1), assumed_sign(sp.Symbol("z_as"))
    ('positive', 'undetermined')
    """
    if expr.is_zero:
        return "zero"
    if expr.is_positive:
        return "positive"
    if expr.is_negative:
        return "negative"
    if expr.is_nonnegative:
        return "nonnegative"
    if expr.is_nonpositive:
        return "nonpositive"
    return "undetermined"


def _basic_sign(expr: sp.Expr) -> int | None:
    """A strict sign from sympy's assumptions (no weak-sign queries: they cost time)."""
    if expr.is_zero:
        return 0
    if expr.is_positive:
        return 1
    if expr.is_negative:
        return -1
    return None


def _number_sign(expr: sp.Expr) -> int:
    return 0 if expr == 0 else (1 if expr > 0 else -1)


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
    """Sign of a linear expression by exact LP over the domain's linear relations."""
    cons = []
    for rel in domain:
        if not isinstance(rel, sp.Rel) or isinstance(rel, sp.Eq | sp.Ne):
            continue
        if not _linear(rel.lhs - rel.rhs):
            continue
        if isinstance(rel, sp.StrictGreaterThan | sp.GreaterThan):
            cons.append(sp.Ge(rel.lhs - rel.rhs, 0))
        else:
            cons.append(sp.Le(rel.lhs - rel.rhs, 0))
    # sympy's simplex mishandles symbols carrying assumptions (nonnegative symbols make
    # bounded problems look unbounded), so the LP runs on plain copies with the
    # declared bounds added as constraints.
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
    corners = [expr.subs(dict(zip(syms, c))) for c in itertools.product(*ranges)]
    if all(c >= 0 for c in corners) and any(c > 0 for c in corners):
        return 1
    if all(c <= 0 for c in corners) and any(c < 0 for c in corners):
        return -1
    return None


def _interior_sign(expr: sp.Expr, delta: sp.Symbol | None) -> int | None:
    # Lower bounds are already the symbols' assumptions (positive, nonnegative): only
    # an upper bound (the discount factor, a probability) tells sympy something new.
    bounded = [s for s in expr.free_symbols if s == delta or parameter_info(s).bounds[1] is not None]
    sub = interior_substitution(bounded, delta=delta)
    if not sub:
        return None
    return _basic_sign(sp.factor(sp.together(expr.xreplace(sub))))


def decide_sign(
    expr: Any,
    delta: sp.Symbol | None = None,
    domain: Sequence[sp.Basic] = (),
    *,
    thorough: bool = True,
) -> int | None:
    """The sign (1, -1 or 0) of ``expr`` on the interior of the domain, or None.

    Parameters
    ----------
    expr
        A sympy expression.
    delta
        A symbol known to lie in (0, 1) (the discount factor), or None.
    domain
        Relations that hold on the domain, beyond the parameters' declarations (only
        linear ones are used by the LP).
    thorough
        False: sympy's assumptions only, after expanding (cheap; used where many
        comparisons are made and an undecided one only splits a region).

    Examples
    --------
    >>> d = sp.Symbol("d_ds", positive=True)
    >>> decide_sign(1 - d, d), decide_sign(1 - d, None), decide_sign(1 - d, None, thorough=False)
    (1, None, None)
    """
    expr = sp.sympify(expr)
    if expr.is_number:
        return _number_sign(expr)
    if not thorough:
        d = sp.expand(expr)
        if not d.is_number and not d.is_polynomial():
            d = sp.simplify(d)
        if d.is_number:
            return _number_sign(d)
        return _basic_sign(d)
    expr = sp.factor(sp.cancel(sp.together(expr)))
    if expr == 0:
        return 0
    s = _basic_sign(expr)
    if s is not None:
        return s
    s = _interior_sign(expr, delta)
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
        if fs is None:
            fs = _interior_sign(f, delta)
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


def sign_class(
    expr: Any, delta: sp.Symbol | None = None, domain: Sequence[sp.Basic] = (), *, thorough: bool = True
) -> str:
    """The sign of ``expr`` as one of :data:`SIGNS`: a strict sign where one is decided
    (:func:`decide_sign`), else a weak one from the assumptions, else ``"undetermined"``.

    >>> x = sp.Symbol("x_sc", nonnegative=True)
    >>> sign_class(x, thorough=False), sign_class(x), sign_class(x - 1)
    ('nonnegative', 'positive', 'undetermined')

    ``x`` is positive on the interior of its domain, which is what the thorough answer
    is about.
    """
    expr = sp.sympify(expr)
    if not thorough:
        cls = assumed_sign(expr)
        if cls != "undetermined":
            return cls
    s = decide_sign(expr, delta, domain, thorough=thorough)
    if s is not None:
        return {1: "positive", -1: "negative", 0: "zero"}[s]
    candidates = [expr]
    sub = interior_substitution(expr.free_symbols, delta=delta) if thorough else {}
    if sub:
        candidates.append(sp.factor(sp.together(expr.xreplace(sub))))
    for e in candidates:
        cls = assumed_sign(e)
        if cls in ("nonnegative", "nonpositive"):
            return cls
    return "undetermined"
