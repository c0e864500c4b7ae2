"""Relations and conditions over parameters: decided, written readably, solved for a
single parameter, pruned when infeasible (see :mod:`gametheory.conditions`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from ..errors import ParameterError
from ..symbolic import parameter_info
from .feasibility import relaxed_feasible
from .signs import assumed_sign, decide_sign, sign_class

__all__ = [
    "decide",
    "versus_zero",
    "canonical_relation",
    "clear_denominators",
    "solve_for",
    "simplify_condition",
]

_FLIP = {sp.Ge: sp.Le, sp.Gt: sp.Lt, sp.Le: sp.Ge, sp.Lt: sp.Gt, sp.Eq: sp.Eq, sp.Ne: sp.Ne}

# Which sign classes make each relation ``diff op 0`` true, and which make it false.
_TRUE_IF = {
    sp.Ge: {"positive", "zero", "nonnegative"},
    sp.Gt: {"positive"},
    sp.Le: {"negative", "zero", "nonpositive"},
    sp.Lt: {"negative"},
    sp.Eq: {"zero"},
    sp.Ne: {"positive", "negative"},
}
_FALSE_IF = {
    sp.Ge: {"negative"},
    sp.Gt: {"negative", "zero", "nonpositive"},
    sp.Le: {"positive"},
    sp.Lt: {"positive", "zero", "nonnegative"},
    sp.Eq: {"positive", "negative"},
    sp.Ne: {"zero"},
}


def _truth(op: type, cls: str) -> sp.Basic | None:
    if cls in _TRUE_IF[op]:
        return sp.true
    if cls in _FALSE_IF[op]:
        return sp.false
    return None


def _over_denominator(op: type, diff: sp.Expr, delta: sp.Symbol | None, domain: Sequence[sp.Basic]) -> sp.Basic:
    """``diff op 0`` with a denominator of known sign cleared."""
    num, den = sp.fraction(sp.together(diff))
    if den.is_number:
        return op(diff, 0)
    s = decide_sign(den, delta, domain)
    if s == 1:
        return op(sp.factor(num), 0)
    if s == -1:
        return op(-sp.factor(num), 0)
    return op(diff, 0)


def decide(
    condition: Any,
    domain: Sequence[sp.Basic] = (),
    *,
    delta: sp.Symbol | None = None,
    thorough: bool = True,
    at_sample: Mapping[sp.Symbol, Any] | None = None,
    warnings: list[str] | None = None,
    what: str = "a condition",
) -> sp.Basic:
    """Decide a relation, or a logical combination of relations, over the parameters.

    Each relation is decided from the sign of ``lhs - rhs`` (:func:`sign_class`);
    one that is not decided comes back as ``expr op 0``, cleared of a denominator of
    known sign.

    Parameters
    ----------
    condition
        A sympy relation or Boolean combination (or a Python bool).
    domain, delta, thorough
        As for :func:`decide_sign`.
    at_sample
        A point (symbol to value). When given, a condition that cannot be decided
        exactly is decided by its value at this point, and a warning saying so is
        appended to ``warnings`` (which must then be given). This is not a proof: it
        is meant for solvers that must pick one branch and say they guessed.
    warnings
        The list that receives the sample-point warning.
    what
        How the warning names the condition.

    Returns
    -------
    sympy.Basic
        ``sympy.true``, ``sympy.false`` or the undecided condition.

    Examples
    --------
    >>> a = sp.Symbol("a_dec", positive=True)
    >>> decide(sp.Gt(a + 1, 0)), decide(sp.Ge(1 / (a + 1) - 1, 0)), decide(a > 1)
    (True, False, a_dec > 1)
    >>> notes: list[str] = []
    >>> decide(a > 1, at_sample={a: 2}, warnings=notes, what="the offer is accepted")
    True
    >>> notes
    ['the offer is accepted: decided at a sample point of the parameters (a_dec > 1 at a_dec=2)']
    """
    if at_sample is not None and warnings is None:
        raise ParameterError("deciding at a sample point needs a warnings list to say so")
    if isinstance(condition, bool):
        return sp.true if condition else sp.false
    if condition in (sp.true, sp.false) or not isinstance(condition, sp.Basic):
        return condition

    def one(rel: sp.Basic) -> sp.Basic:
        return versus_zero(rel.lhs - rel.rhs, type(rel), domain, delta=delta, thorough=thorough)

    out = condition.replace(lambda e: isinstance(e, sp.Rel), one) if not isinstance(condition, sp.Rel) else one(condition)
    if out in (sp.true, sp.false) or at_sample is None:
        return out
    point = {k: sp.sympify(v) for k, v in at_sample.items()}
    value = out.xreplace(point)
    decided = sp.true if bool(value) else sp.false
    shown = ", ".join(f"{k}={v}" for k, v in sorted(point.items(), key=lambda kv: str(kv[0])) if k in out.free_symbols)
    assert warnings is not None
    warnings.append(f"{what}: decided at a sample point of the parameters ({condition} at {shown})")
    return decided


def versus_zero(
    expr: Any,
    op: type = sp.Ge,
    domain: Sequence[sp.Basic] = (),
    *,
    delta: sp.Symbol | None = None,
    thorough: bool = True,
) -> sp.Basic:
    """Decide ``expr op 0`` (``op`` a sympy relation class such as ``sympy.Ge``).

    Like :func:`decide` on one relation, but the expression may be infinite or
    undefined (the relation could not even be built): ``zoo`` and ``nan`` satisfy no
    relation, ``oo`` and ``-oo`` compare as sympy says.

    >>> a = sp.Symbol("a_vz", positive=True)
    >>> versus_zero(1 / sp.Integer(0)), versus_zero(-a, sp.Lt), versus_zero((a - 1) / a, sp.Gt)
    (False, True, a_vz > 1)
    """
    expr = sp.sympify(expr)
    if expr.has(sp.zoo, sp.nan):
        return sp.false
    if expr.is_number:
        try:
            return sp.true if bool(op(expr, 0)) else sp.false
        except TypeError:
            return sp.false
    decided = _truth(op, sign_class(expr, delta, domain, thorough=thorough))
    if decided is not None:
        return decided
    return canonical_relation(_over_denominator(op, expr, delta, domain) if thorough else op(expr, 0))


def canonical_relation(rel: sp.Basic) -> sp.Basic:
    """A relation written readably: decided where sympy's assumptions can, a linear one
    in a single symbol solved for it, otherwise positive terms on the left and negative
    on the right.

    >>> a, b = sp.symbols("a b", real=True)
    >>> canonical_relation(sp.Ge(1, a + 1)), canonical_relation(sp.Gt(a - b, 0))
    (a <= 0, a > b)
    """
    if not isinstance(rel, sp.Rel):
        return rel
    diff = sp.expand(rel.lhs - rel.rhs)
    op = type(rel)
    if isinstance(rel, sp.Ne):
        if diff.is_zero:
            return sp.false
        return sp.true if diff.is_nonzero else sp.Ne(diff, 0)
    if diff.is_number:
        return sp.true if bool(op(diff, 0)) else sp.false
    decided = _truth(op, assumed_sign(diff))
    if decided is not None:
        return decided
    syms = sorted(diff.free_symbols, key=lambda s: s.name)
    if len(syms) == 1:
        poly = diff.as_poly(syms[0])
        if poly is not None and poly.degree() == 1:
            a, b = poly.all_coeffs()
            if a.is_number:
                return (op if a > 0 else _FLIP[op])(syms[0], -b / a)
    left = sp.Add(*[t for t in sp.Add.make_args(diff) if not t.could_extract_minus_sign()])
    right = -sp.Add(*[t for t in sp.Add.make_args(diff) if t.could_extract_minus_sign()])
    return op(left, right)


def clear_denominators(condition: sp.Basic) -> sp.Basic:
    """Relations between rational functions as relations between polynomials.

    The sign of ``n/d`` is that of ``n*d``, so ``n/d > 0`` becomes ``n*d > 0``. Where
    ``d`` vanishes the result is decided (no division by zero when the condition is
    evaluated at a point), and :func:`relaxed_feasible` applies to it.

    >>> a = sp.Symbol("a_cd", real=True)
    >>> clear_denominators(sp.Gt(1 / a, 2))
    -2*a_cd**2 + a_cd > 0
    """
    if condition in (sp.true, sp.false) or not isinstance(condition, sp.Basic):
        return condition

    def cleared(rel: sp.Basic) -> sp.Basic:
        num, den = sp.fraction(sp.together(rel.lhs - rel.rhs))
        if den.is_number:
            return rel
        return type(rel)(sp.expand(num * den), 0)

    if isinstance(condition, sp.Rel):
        return cleared(condition)
    return condition.replace(lambda e: isinstance(e, sp.Rel), cleared)


def _relation_set(rel: sp.Basic, x: sp.Symbol) -> sp.Set:
    """The set of real ``x`` where a condition holds; linear relations solved directly
    (fast), others by sympy's ``as_set``."""
    if rel is sp.true:
        return sp.S.Reals
    if rel is sp.false:
        return sp.S.EmptySet
    if isinstance(rel, sp.And):
        out: sp.Set = sp.S.Reals
        for part in rel.args:
            out = out.intersect(_relation_set(part, x))
            if out is sp.S.EmptySet:
                break
        return out
    if isinstance(rel, sp.Or):
        return sp.Union(*[_relation_set(part, x) for part in rel.args])
    if isinstance(rel, sp.Not):
        return sp.S.Reals - _relation_set(rel.args[0], x)
    if not isinstance(rel, sp.Rel):
        return rel.as_set()
    d = sp.expand(rel.lhs - rel.rhs)
    poly = d.as_poly(x) if not d.is_number else None
    if poly is not None and poly.degree() == 1:
        a, b = poly.all_coeffs()
        root = -b / a
        if isinstance(rel, sp.Eq):
            return sp.FiniteSet(root)
        if isinstance(rel, sp.Ne):
            return sp.S.Reals - sp.FiniteSet(root)
        above = isinstance(rel, sp.Gt | sp.Ge) == bool(a > 0)
        closed = isinstance(rel, sp.Ge | sp.Le)
        if above:
            return sp.Interval(root, sp.oo, left_open=not closed)
        return sp.Interval(-sp.oo, root, right_open=not closed)
    return rel.as_set()


def solve_for(condition: sp.Basic, x: sp.Symbol) -> sp.Basic | None:
    """A condition in the single parameter ``x`` as thresholds on ``x``.

    The set where the condition holds within ``x``'s declared bounds, written back as
    relations without the bounds themselves (they hold by declaration); ``true`` or
    ``false`` where it holds everywhere or nowhere; None where sympy cannot solve it.

    >>> d = sp.Symbol("d_sf", positive=True)
    >>> solve_for(sp.And(2 * d > 1, d < 3), d), solve_for(d < 0, d)
    ((d_sf > 1/2) & (d_sf < 3), False)
    """
    low, high, low_in, high_in = parameter_info(x).bounds
    domain = sp.Interval(
        -sp.oo if low is None else low,
        sp.oo if high is None else high,
        left_open=not low_in or low is None,
        right_open=not high_in or high is None,
    )
    # A plain real copy: sympy's sets and x's own assumptions do not mix well.
    free = sp.Dummy(x.name, real=True)
    try:
        region = _relation_set(condition.xreplace({x: free}), free).intersect(domain)
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return None
    if region is sp.S.EmptySet:
        return sp.false
    if region == domain:
        return sp.true
    try:
        out = region.as_relational(free).xreplace({free: x})
    except (NotImplementedError, TypeError, AttributeError):
        return None
    # The parameter's own bounds hold by declaration; a strict one only where the
    # declared bound is open (x < 1 is news for x in [0, 1]).
    bound_rels = []
    if low is not None:
        bound_rels += [sp.Ge(x, low)] + ([] if low_in else [sp.Gt(x, low)])
    if high is not None:
        bound_rels += [sp.Le(x, high)] + ([] if high_in else [sp.Lt(x, high)])
    if isinstance(out, sp.And):
        kept = [a for a in out.args if a not in bound_rels and not (
            isinstance(a, sp.Rel) and a.has(sp.oo, -sp.oo))]
        out = sp.And(*kept) if kept else sp.true
    return out.replace(lambda e: isinstance(e, sp.Rel), canonical_relation)


def simplify_condition(condition: Any, *, split: bool = True) -> sp.Basic:
    """Simplify a condition over parameters as far as is cheap and safe.

    Relations are decided under the parameters' assumptions where sympy can and written
    readably (:func:`canonical_relation`); a condition in one parameter is solved for it
    (:func:`solve_for`); a conjunction of polynomial relations that has no solution
    within the parameters' bounds becomes ``false`` (:func:`relaxed_feasible`).

    Parameters
    ----------
    condition
        A sympy condition (or a Python bool).
    split
        True: a condition that is not a conjunction is put in disjunctive normal form
        and each term pruned (at most 12 relations). False: only a plain conjunction is
        checked, as a whole (cheaper; for solvers that build conjunctions).

    >>> p, s = sp.symbols("p_sc s_sc", real=True)
    >>> simplify_condition(sp.And(p < s, sp.Or(p > s, p > 2)))
    (p_sc > 2) & (p_sc < s_sc)
    """
    if isinstance(condition, bool):
        return sp.true if condition else sp.false
    if condition in (sp.true, sp.false) or not isinstance(condition, sp.Basic):
        return condition
    cond = condition.replace(lambda e: isinstance(e, sp.Rel), canonical_relation)
    if cond in (sp.true, sp.false):
        return cond
    symbols = sorted(cond.free_symbols, key=lambda s: s.name)
    if len(symbols) == 1:
        solved = solve_for(cond, symbols[0])
        if solved is not None:
            return solved
    if not split:
        atoms = list(cond.args) if isinstance(cond, sp.And) else [cond]
        return sp.false if relaxed_feasible(atoms, symbols) is False else cond
    if len(cond.atoms(sp.Rel)) > 12:
        return cond
    dnf = sp.to_dnf(cond, simplify=False)
    kept = []
    for term in sp.Or.make_args(dnf):
        conj = [canonical_relation(c.negated) if isinstance(c, sp.Not) and isinstance(c.args[0], sp.Rel)
                else c for c in sp.And.make_args(term)]
        if any(c is sp.false for c in conj):
            continue
        conj = [c for c in conj if c is not sp.true]
        if relaxed_feasible(conj, symbols) is False:
            continue
        kept.append(sp.And(*conj))
    if not kept:
        return sp.false
    out = sp.Or(*kept)
    return out if sp.count_ops(out) <= sp.count_ops(cond) else cond
