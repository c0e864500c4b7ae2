"""Lemke's complementary pivoting algorithm for linear complementarity problems, exact.

The LCP asks for ``z >= 0`` with ``w = q + M z >= 0`` and ``w . z = 0``. Lemke's
algorithm adds an artificial variable ``z0`` with a covering vector ``d > 0``,
starts where ``z0`` is just large enough to make ``w = q + d z0`` nonnegative, and
pivots complementarily until ``z0`` leaves the basis (a solution) or no pivot row
exists (a secondary ray). Degenerate ties in the ratio test are broken
lexicographically with the rows of the basis inverse, so the algorithm cannot cycle.
Arithmetic is exact throughout (python-flint's ``fmpq`` where installed, else
:class:`fractions.Fraction`); the answer is returned as Fractions.

Lemke's method processes every LCP whose ``M`` is copositive and whose ``q`` lies in
the dual of the homogeneous solution set (Cottle, Pang and Stone 1992, *The Linear
Complementarity Problem*, Theorem 4.4.13); the sequence form of a two-player game
with negative payoffs is of that kind (:mod:`gametheory.solve.sequence_form`).

Examples
--------
>>> from fractions import Fraction
>>> z, pivots = lemke([[2, 1], [1, 2]], [-5, -6])
>>> z, pivots
([Fraction(4, 3), Fraction(7, 3)], 3)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..errors import SolverError, ValidationError

try:  # python-flint's rationals are several times faster than Fraction; same values.
    from flint import fmpq as _Rational
except ImportError:  # pragma: no cover
    _Rational = Fraction  # type: ignore[misc, assignment]

__all__ = ["lemke"]


def _R(x: Any) -> Any:
    f = Fraction(x) if not isinstance(x, Fraction) else x
    return _Rational(f.numerator, f.denominator)


def _lex_less(a: list[Any], b: list[Any]) -> bool:
    for x, y in zip(a, b):
        if x != y:
            return x < y
    return False


def lemke(
    M: Sequence[Sequence[Any]],
    q: Sequence[Any],
    d: Sequence[Any] | None = None,
    max_pivots: int = 100_000,
) -> tuple[list[Fraction], int]:
    """Solve the LCP ``w = q + M z >= 0, z >= 0, w . z = 0`` exactly by Lemke's algorithm.

    Parameters
    ----------
    M
        The square matrix (rows of ints, Fractions or exact numbers).
    q
        The constant vector.
    d
        The covering vector (every entry positive); all ones by default.
    max_pivots
        A guard against runaway pivoting; reaching it raises :class:`SolverError`.

    Returns
    -------
    (z, pivots)
        The solution ``z`` as Fractions, and the number of pivots taken.

    Raises
    ------
    ValidationError
        If the shapes do not match or ``d`` is not positive.
    SolverError
        If Lemke's algorithm ends on a secondary ray (the LCP may have no solution)
        or ``max_pivots`` is exceeded.
    """
    n = len(q)
    if any(len(row) != n for row in M) or len(M) != n:
        raise ValidationError(f"lemke: M must be {n}x{n} to match q, got {len(M)} rows")
    cover = [Fraction(1)] * n if d is None else [Fraction(x) for x in d]
    if len(cover) != n or any(x <= 0 for x in cover):
        raise ValidationError("lemke: the covering vector d must have n positive entries")
    qf = [_R(x) for x in q]
    if all(x >= 0 for x in qf):
        return [Fraction(0)] * n, 0
    # Tableau rows: w - M z - d z0 = q. Columns 0..n-1 are w, n..2n-1 are z, 2n is z0,
    # and the last is the right-hand side. Rows are dicts (sparse): the sequence form
    # is mostly zeros.
    z0 = 2 * n
    rhs = 2 * n + 1
    rows: list[dict[int, Any]] = []
    for i in range(n):
        row: dict[int, Any] = {i: _R(1), z0: -_R(cover[i])}
        for j, m in enumerate(M[i]):
            if m != 0:
                row[n + j] = -_R(m)
        if qf[i] != 0:
            row[rhs] = qf[i]
        rows.append(row)
    basis = list(range(n))  # basic variable of each row

    def lex_key(r: int, col: int) -> list[Fraction]:
        # (rhs, B^-1 row) / pivot entry; the w columns hold B^-1.
        piv = rows[r][col]
        return [rows[r].get(rhs, _R(0)) / piv] + [rows[r].get(k, _R(0)) / piv for k in range(n)]

    def pivot(r: int, col: int) -> None:
        prow = rows[r]
        inv = 1 / prow[col]
        for k in list(prow):
            prow[k] *= inv
        for i, row in enumerate(rows):
            if i == r:
                continue
            f = row.get(col)
            if not f:
                continue
            for k, v in prow.items():
                new = row.get(k, _R(0)) - f * v
                if new:
                    row[k] = new
                else:
                    row.pop(k, None)
        basis[r] = col

    # First pivot: z0 enters in the row with the lexicographically smallest (q, I)/d.
    # With z0 entering, w_i = q_i + d_i z0; the binding row has the most negative q_i/d_i.
    # Column z0 holds -d, so that row has the lexicographically largest key.
    best = 0
    best_key = lex_key(0, z0)
    for r in range(1, n):
        key = lex_key(r, z0)
        if _lex_less(best_key, key):
            best, best_key = r, key
    leaving = basis[best]
    pivot(best, z0)
    pivots = 1
    while True:
        entering = leaving + n if leaving < n else leaving - n
        cands = [r for r in range(n) if rows[r].get(entering, 0) > 0]
        if not cands:
            raise SolverError(
                f"Lemke's algorithm ended on a secondary ray after {pivots} pivots "
                f"(variable {entering} unbounded); the LCP may have no solution"
            )
        # Minimum ratio first; the lexicographic key only among rows that tie.
        ratios = {r: rows[r].get(rhs, _R(0)) / rows[r][entering] for r in cands}
        low = min(ratios.values())
        ties = [r for r in cands if ratios[r] == low]
        z0_row = next((r for r in ties if basis[r] == z0), None)
        if z0_row is not None:
            # z0 leaves as soon as it ties for the minimum ratio: that ends the run.
            r_best = z0_row
        else:
            r_best = ties[0]
            if len(ties) > 1:
                k_best = lex_key(r_best, entering)
                for r in ties[1:]:
                    k = lex_key(r, entering)
                    if _lex_less(k, k_best):
                        r_best, k_best = r, k
        leaving = basis[r_best]
        pivot(r_best, entering)
        pivots += 1
        if leaving == z0:
            break
        if pivots >= max_pivots:
            raise SolverError(f"Lemke's algorithm took more than max_pivots={max_pivots} pivots")
    z = [Fraction(0)] * n
    for r, var in enumerate(basis):
        if n <= var < 2 * n:
            v = rows[r].get(rhs, _R(0))
            z[var - n] = Fraction(int(v.p), int(v.q)) if hasattr(v, "p") else Fraction(v)
    return z, pivots
