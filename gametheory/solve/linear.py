"""Exact square linear systems in Python fractions (no sympy round trip)."""

from __future__ import annotations

from fractions import Fraction

__all__: list[str] = []


def solve_fractions(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve ``rows . x = rhs`` by Gauss-Jordan elimination in exact fractions; None
    where the system is singular.

    >>> solve_fractions([[Fraction(2), Fraction(1)], [Fraction(1), Fraction(3)]], [Fraction(1), Fraction(2)])
    [Fraction(1, 5), Fraction(3, 5)]
    >>> solve_fractions([[Fraction(1), Fraction(2)], [Fraction(2), Fraction(4)]], [Fraction(1), Fraction(1)]) is None
    True
    """
    n = len(rows)
    a = [row[:] + [b] for row, b in zip(rows, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if a[r][col] != 0), None)
        if pivot is None:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        p = a[col][col]
        a[col] = [v / p for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [v - f * w for v, w in zip(a[r], a[col])]
    return [a[r][n] for r in range(n)]
