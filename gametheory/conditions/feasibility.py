"""Whether a conjunction of polynomial relations can hold within the parameters'
bounds: a linear relaxation solved by linear programming."""

from __future__ import annotations

import sympy as sp

from ..symbolic import parameter_info

__all__ = ["relaxed_feasible"]


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
