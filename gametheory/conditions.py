"""The condition kernel: signs of expressions and truth of relations over parameters.

Every solver that must know whether ``a > b`` under the parameters' declarations
asks here. A sign is decided exactly or not at all, in increasing cost:

1. sympy's assumptions on the expression (the symbols' declared kinds);
2. the expression written over its interior (:func:`interior_substitution`: each
   bounded parameter through a positive symbol, so that ``1 - delta`` is seen to be
   positive for a discount factor);
3. a relation of the caller's ``domain`` stated about exactly this expression;
4. factor by factor: linear factors by exact linear programming
   (:func:`sympy.solvers.simplex.lpmin`) over the domain's linear relations and the
   declared bounds, multilinear ones at the corners of their box of bounds.

Steps 2 to 4 run only when asked for (``thorough=True``, the default of
:func:`decide_sign` and :func:`decide`); :func:`canonical_relation`, which runs on
every relation a solver builds, uses step 1 alone. A sign is the sign on the interior
of the domain: a factor of even power whose sign is unknown is nonnegative and zero
only on a thin set, so it does not change it.

Deciding by evaluating at a sample point is not a proof; :func:`decide` does it only
when asked with ``at_sample=point`` and then says so in the caller's warnings.

Conditions are written readably (:func:`canonical_relation`), solved for a single
parameter within its bounds (:func:`solve_for`), and pruned when a conjunction has no
solution within the bounds (:func:`relaxed_feasible`, :func:`simplify_condition`).

Examples
--------
>>> import sympy as sp
>>> T, R, P = sp.symbols("T R P", real=True)
>>> decide_sign(T - P, domain=[T > R, R > P])
1
>>> decide(sp.Gt(T, P), [T > R, R > P]), decide(sp.Gt(T, 2 * R), [T > R, R > P])
(True, T > 2*R)
>>> d = sp.Symbol("d_cond", positive=True)
>>> simplify_condition(sp.And(d > 1, d < 3))
(d_cond > 1) & (d_cond < 3)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sympy as sp
from sympy.solvers.simplex import InfeasibleLPError, UnboundedLPError, lpmax, lpmin

from .errors import ParameterError
from .symbolic import parameter_info

__all__ = [
    "SIGNS",
    "interior_substitution",
    "decide_sign",
    "sign_class",
    "decide",
    "versus_zero",
    "canonical_relation",
    "clear_denominators",
    "solve_for",
    "simplify_condition",
    "relaxed_feasible",
]

SIGNS = ("positive", "negative", "zero", "nonnegative", "nonpositive", "undetermined")
"""The answers of :func:`sign_class`, strongest first."""

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


# ----------------------------------------------------------------------------- signs


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


def _assumed(expr: sp.Expr) -> str:
    """The sign class that sympy's assumptions give, without any rewriting."""
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


def _strict(cls: str) -> int | None:
    return {"positive": 1, "negative": -1, "zero": 0}.get(cls)


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
    sub = interior_substitution(expr.free_symbols, delta=delta)
    if not sub:
        return None
    return _strict(_assumed(sp.factor(sp.together(expr.xreplace(sub)))))


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
        return _strict(_assumed(d))
    expr = sp.factor(sp.cancel(sp.together(expr)))
    if expr == 0:
        return 0
    s = _strict(_assumed(expr))
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
        fs = _strict(_assumed(f))
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
        cls = _assumed(expr)
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
        cls = _assumed(e)
        if cls in ("nonnegative", "nonpositive"):
            return cls
    return "undetermined"


# ------------------------------------------------------------------------- relations


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
    decided = _truth(op, _assumed(diff))
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


# ------------------------------------------------------------------------ conditions


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
    bound_rels = []
    if low is not None:
        bound_rels += [sp.Ge(x, low), sp.Gt(x, low)]
    if high is not None:
        bound_rels += [sp.Le(x, high), sp.Lt(x, high)]
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


# ----------------------------------------------------------------------- feasibility


def _monomial_bounds(monom: tuple[int, ...], symbols: list[sp.Symbol]) -> tuple[float | None, float | None]:
    """Bounds of a product of parameters from the parameters' own bounds (where all
    factors are bounded below by zero; otherwise unbounded)."""
    low: float = 1.0
    high: float | None = 1.0
    for power, s in zip(monom, symbols):
        if power == 0:
            continue
        lo, hi, _, _ = parameter_info(s).bounds
        if lo is None or lo < 0:
            return (0.0, None) if power % 2 == 0 else (None, None)
        low *= float(lo) ** power
        high = None if (high is None or hi is None) else high * float(hi) ** power
    return low, high


def relaxed_feasible(conjunct: list[sp.Basic], symbols: list[sp.Symbol] | None = None) -> bool | None:
    """Whether a conjunction of polynomial relations may have a solution within the
    parameters' bounds.

    Every product of parameters (``q*X``) is replaced by a variable of its own,
    bounded where the factors' bounds allow, and the linear relaxation is solved with
    scipy's LP (a slack for strict inequalities). ``False`` is therefore certain (the
    relaxation has no solution, so neither has the original); ``True`` means only that
    the relaxation has one. ``None`` when a relation is not polynomial.

    Floating point: a region thinner than about 1e-9 counts as empty.

    >>> a, b = sp.symbols("a_rf b_rf", positive=True)
    >>> relaxed_feasible([a * b > 1, a * b < 1]), relaxed_feasible([a * b + a < 0])
    (False, False)
    """
    from scipy.optimize import linprog

    if symbols is None:
        symbols = sorted(set().union(*[c.free_symbols for c in conjunct]), key=lambda x: x.name)
    columns: dict[tuple[int, ...], int] = {}
    rows: list[dict[int, float]] = []
    rhs: list[float] = []
    strict: list[bool] = []
    eq_rows: list[dict[int, float]] = []
    eq_rhs: list[float] = []
    for rel in conjunct:
        if rel is sp.true:
            continue
        if rel is sp.false:
            return False
        if not isinstance(rel, sp.Rel) or isinstance(rel, sp.Ne):
            return None
        diff = sp.expand(rel.lhs - rel.rhs)
        if not symbols:
            return bool(rel)
        poly = diff.as_poly(*symbols)
        if poly is None:
            return None
        coeffs: dict[int, float] = {}
        const = 0.0
        for monom, c in poly.terms():
            if sum(monom) == 0:
                const = float(c)
                continue
            col = columns.setdefault(monom, len(columns))
            coeffs[col] = float(c)
        if isinstance(rel, sp.Eq):
            eq_rows.append(coeffs)
            eq_rhs.append(-const)
            continue
        sign = -1.0 if isinstance(rel, sp.Ge | sp.Gt) else 1.0  # written as a.x <= b
        rows.append({k: sign * v for k, v in coeffs.items()})
        rhs.append(-sign * const)
        strict.append(isinstance(rel, sp.Gt | sp.Lt))
    bounds: list[tuple[float | None, float | None]] = [(None, None)] * len(columns)
    for monom, col in columns.items():
        bounds[col] = _monomial_bounds(monom, symbols)
        if sum(monom) == 1:
            s = symbols[monom.index(1)]
            low, high, low_in, high_in = parameter_info(s).bounds
            if low is not None and not low_in:
                rows.append({col: -1.0})
                rhs.append(-float(low))
                strict.append(True)
            if high is not None and not high_in:
                rows.append({col: 1.0})
                rhs.append(float(high))
                strict.append(True)
    n = len(columns)

    def dense(row: dict[int, float], slack: float) -> list[float]:
        out = [0.0] * (n + 1)
        for k, v in row.items():
            out[k] = v
        out[n] = slack
        return out

    # maximise t subject to a.x + t <= b on the strict rows, t <= 1
    a_ub = [dense(r, 1.0 if st else 0.0) for r, st in zip(rows, strict)]
    a_eq = [dense(r, 0.0) for r in eq_rows]
    res = linprog(
        c=[0.0] * n + [-1.0],
        A_ub=a_ub or None,
        b_ub=rhs or None,
        A_eq=a_eq or None,
        b_eq=eq_rhs or None,
        bounds=bounds + [(None, 1.0)],
        method="highs",
    )
    if res.status == 2:
        return False
    if res.status != 0:
        return None
    return bool(-res.fun > 1e-9) if any(strict) else True


