"""Every vertex of a polytope ``{z >= 0, G z <= 1}`` (``G`` a positive integer matrix), exactly.

This is the engine of :func:`gametheory.nash` for two players: the extreme Nash
equilibria of a bimatrix game are the completely labelled vertex pairs of its two
best-response polytopes (Avis, Rosenberg, Savani and von Stengel 2010, Economic
Theory 42: 9-37). The search is output-sensitive: its work is proportional to the
number of (lexicographically feasible) bases of the polytope, not to the
``C(c + d, d)`` square systems a basis enumeration would try.

The search
----------
Variables ``0 .. d-1`` are the coordinates ``z``, variables ``d .. d+c-1`` the
slacks ``s = 1 - G z``. A basis is a set of ``c`` variables; the search starts at
the origin (all slacks basic) and moves between bases by simplex pivots, depth
first, keeping the set of bases already seen (a bit mask each, 8 bytes per basis).
Every basis records its vertex under the vertex's *labels*: the variables equal to
zero there. The set of tight constraints determines a vertex (it is the face they
define), so the label mask is a key: bases of one degenerate vertex merge.

How no vertex is lost
---------------------
Ties in the ratio test are broken lexicographically, as in Avis's lrs (Avis and
Fukuda 1992, Discrete Comput. Geom. 8: 295-313; Avis 2000, "lrs: a revised
implementation of the reverse search vertex enumeration algorithm"): the leaving
row minimises ``(rhs, B^-1 e_1, ..., B^-1 e_c) / pivot`` lexicographically. This is
the simplex method on the perturbed polytope ``{z >= 0, G z <= 1 + (eps, eps^2, ...)}``,
which is simple for all small ``eps > 0``: its bases (the *lex-feasible* bases) are its
vertices, each has exactly ``d`` neighbours, one per nonbasic variable, and its graph
is connected. The depth-first search therefore visits every lex-feasible basis.
Every vertex ``v`` of the real polytope has one: the lexicographic simplex method
maximising a linear function whose unique maximiser is ``v`` ends in a lex-feasible
basis whose basic solution is ``v``. Degenerate vertices (more than ``d`` labels)
carry all their labels, read off the exact basic solution.

We keep the visited set rather than running the memory-free reverse search of lrs:
each lex-feasible basis then costs one ratio test per neighbour and at most two
pivots (in, and back out) instead of a reverse-rule check per neighbour plus the
pivots to find the parent, and the set costs 8 bytes per basis, negligible at the
sizes solved here (a million bases for a random 20x20 game). The C search also
keeps snapshots of the dictionaries along its path (up to 128 MB) and copies a
parent's back instead of pivoting back to it.

Exact arithmetic
----------------
Pivots are fraction-free (Edmonds 1967; Bareiss 1968), as in lrs: the dictionary is
kept as integers with a common denominator ``D`` (the absolute determinant of the
basis), every entry a minor of ``[G | I | 1]``, and each update
``(p * t - f * w) / D`` divides exactly. The C extension ``_lrs.c`` runs the same
search in 128-bit integers and checks every product and difference for overflow
(``__builtin_mul_overflow``); on overflow (or with an entry beyond 64 bits) it runs
the search again in multi-limb integers whose width comes from Hadamard's bound on
the minors (:func:`limb_capacity`), dividing exactly by the modular inverse of the
divisor (Jebelean 1993) as GMP's ``mpz_divexact`` does. No external library is
needed. Here in Python's integers the search serves where no C compiler was
available (and with more than 63 variables). All three return the same mapping;
the tests compare them.

Examples
--------
``{z >= 0, z_1 + 2 z_2 <= 1, 2 z_1 + z_2 <= 1}`` has the vertices ``0``,
``(1/2, 0)``, ``(0, 1/2)`` and ``(1/3, 1/3)``:

>>> from gametheory.solve.reverse_search import lex_vertices, vertex_of
>>> found, visited, engine = lex_vertices([[1, 2], [2, 1]], engine="python")
>>> sorted(vertex_of([[1, 2], [2, 1]], basis) for basis in found.values())
[(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 2)), (Fraction(1, 3), Fraction(1, 3)), (Fraction(1, 2), Fraction(0, 1))]
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from fractions import Fraction
from math import gcd, lcm
from typing import Any

from ..errors import SolverError

try:
    from . import _lrs  # type: ignore[attr-defined]
except ImportError:  # no C compiler when the package was built
    _lrs = None

__all__: list[str] = []

ENGINES = ("auto", "c", "c-big", "python")


class OutOfTime(Exception):
    """The search passed its deadline; ``visited`` bases had been visited."""

    def __init__(self, visited: int) -> None:
        super().__init__(f"out of time after {visited:,} bases")
        self.visited = visited


def integer_form(matrix: Sequence[Sequence[Fraction]]) -> list[list[int]]:
    """A positive affine image of ``matrix`` in positive integers, as small as possible.

    ``v -> (L v - min) / g + 1`` with ``L`` the common denominator and ``g`` the gcd
    of the shifted entries: a positive affine map of one player's payoffs, which
    changes no best response.

    >>> integer_form([[Fraction(1, 2), Fraction(-1, 2)], [Fraction(3, 2), Fraction(1, 2)]])
    [[2, 1], [3, 2]]
    """
    den = 1
    for row in matrix:
        for v in row:
            den = lcm(den, Fraction(v).denominator)
    ints = [[int(Fraction(v) * den) for v in row] for row in matrix]
    low = min(v for row in ints for v in row)
    g = 0
    for int_row in ints:
        for w in int_row:
            g = gcd(g, w - low)
    g = g or 1
    return [[(w - low) // g + 1 for w in int_row] for int_row in ints]


class _Dictionary:
    """A fraction-free simplex dictionary of ``{z >= 0, G z <= 1}``.

    Row ``i`` states ``D * basic[i] + sum_k T[i][k] * nonbasic[k-1] = T[i][0]``.
    """

    def __init__(self, g: Sequence[Sequence[int]]) -> None:
        self.c, self.d = len(g), len(g[0])
        self.rows = [[1, *map(int, r)] for r in g]
        self.det = 1
        self.basic = [self.d + i for i in range(self.c)]
        self.nonbasic = list(range(self.d))
        # where[v]: column k >= 1 if nonbasic, -(row + 1) if basic.
        self.where = [k + 1 for k in range(self.d)] + [-(i + 1) for i in range(self.c)]

    def column_entry(self, var: int, i: int) -> int:
        w = self.where[var]
        if w > 0:
            return self.rows[i][w]
        return self.det if -w - 1 == i else 0

    def leaving(self, k: int) -> int:
        """The row that leaves when column ``k`` enters (lexicographic ratio test)."""
        rows = self.rows
        best: list[int] = []
        num = den = 0
        for i, row in enumerate(rows):
            a = row[k]
            if a <= 0:
                continue
            if not best:
                best, num, den = [i], row[0], a
                continue
            lhs, rhs = row[0] * den, num * a
            if lhs < rhs:
                best, num, den = [i], row[0], a
            elif lhs == rhs:
                best.append(i)
        if not best:
            raise SolverError("internal error: an unbounded edge in a bounded polytope")
        for j in range(self.c):
            if len(best) == 1:
                break
            var = self.d + j
            tie: list[int] = []
            for i in best:
                a, v = rows[i][k], self.column_entry(var, i)
                if not tie:
                    tie, num, den = [i], v, a
                    continue
                lhs, rhs = v * den, num * a
                if lhs < rhs:
                    tie, num, den = [i], v, a
                elif lhs == rhs:
                    tie.append(i)
            best = tie
        if len(best) != 1:
            raise SolverError("internal error: lexicographic ratio test left a tie")
        return best[0]

    def pivot(self, k: int, r: int) -> None:
        """Column ``k`` enters, row ``r`` leaves (fraction-free, every division exact)."""
        rows, det = self.rows, self.det
        prow = rows[r]
        p = prow[k]
        for i, row in enumerate(rows):
            if i == r:
                continue
            f = row[k]
            if f == 0:
                rows[i] = [p * v // det for v in row]
            else:
                new = [(p * v - f * w) // det for v, w in zip(row, prow)]
                new[k] = -f
                rows[i] = new
        prow[k] = det
        self.det = p
        entering, leaving = self.nonbasic[k - 1], self.basic[r]
        self.nonbasic[k - 1], self.basic[r] = leaving, entering
        self.where[entering], self.where[leaving] = -(r + 1), k

    def zero_mask(self, basis: int) -> int:
        full = (1 << (self.c + self.d)) - 1
        mask = full ^ basis
        for var, row in zip(self.basic, self.rows):
            if row[0] == 0:
                mask |= 1 << var
        return mask


def _python_search(g: Sequence[Sequence[int]], deadline: float | None
                   ) -> tuple[dict[int, int], int]:
    dic = _Dictionary(g)
    d, c = dic.d, dic.c
    basis = ((1 << c) - 1) << d
    seen = {basis}
    found = {dic.zero_mask(basis): basis}
    # Frames: [next column to try, column and row that pivot back to the parent].
    stack: list[list[int]] = [[1, 0, 0]]
    steps = 0
    while stack:
        if deadline is not None and steps % 64 == 0 and time.monotonic() >= deadline:
            raise OutOfTime(len(seen))
        steps += 1
        frame = stack[-1]
        if frame[0] > d:
            stack.pop()
            if frame[1]:
                k, r = frame[1], frame[2]
                basis ^= (1 << dic.nonbasic[k - 1]) | (1 << dic.basic[r])
                dic.pivot(k, r)
            continue
        k = frame[0]
        frame[0] += 1
        r = dic.leaving(k)
        nxt = basis ^ (1 << dic.nonbasic[k - 1]) ^ (1 << dic.basic[r])
        if nxt in seen:
            continue
        seen.add(nxt)
        dic.pivot(k, r)
        basis = nxt
        found.setdefault(dic.zero_mask(basis), basis)
        stack.append([1, k, r])
    return found, len(seen)


def lex_vertices(g: Sequence[Sequence[int]], *, engine: str = "auto", overflow_bits: int = 127,
                 deadline: float | None = None) -> tuple[dict[int, int], int, str]:
    """Every vertex of ``{z >= 0, G z <= 1}``: its label mask mapped to one of its bases.

    Parameters
    ----------
    g
        A ``c x d`` matrix of positive integers.
    engine
        ``"auto"``: the C search in 128-bit integers, on overflow the C search in
        multi-limb integers, and without the C extension the Python search. ``"c"``,
        ``"c-big"``, ``"python"``: one of them only (the C ones raise
        :class:`SolverError` where they do not apply or overflow).
    overflow_bits
        A test hook: the C search treats any entry above ``2**overflow_bits`` as an
        overflow (127, the width of its integers, by default).
    deadline
        A :func:`time.monotonic` time after which the search stops and raises
        :class:`OutOfTime`; None for no limit.

    Returns
    -------
    found, visited, engine
        ``found`` maps each vertex's label mask (bit ``v`` set when variable ``v`` is
        zero: coordinates ``0..d-1``, then slacks ``d..d+c-1``) to the bit mask of
        the basic variables of one lex-feasible basis of it; ``visited`` counts the
        lex-feasible bases; ``engine`` is the one that finished (``"c"``, ``"c-big"``,
        ``"python"``).
    """
    if engine not in ENGINES:
        raise SolverError(f"unknown engine {engine!r}; choose from {ENGINES}")
    if engine in ("auto", "c"):
        got = run_c(g, overflow_bits, deadline)
        if got is not None:
            return (*got, "c")
        if engine == "c":
            raise SolverError("the C vertex search is not available or overflowed 128 bits")
    if engine in ("auto", "c-big"):
        got = run_c_big(g, deadline)
        if got is not None:
            return (*got, "c-big")
        if engine == "c-big":
            raise SolverError("the C vertex search is not available for this polytope")
    return (*_python_search(g, deadline), "python")


def _seconds(deadline: float | None) -> float:
    return -1.0 if deadline is None else max(deadline - time.monotonic(), 0.0)


def _unpack(out: Any) -> tuple[dict[int, int], int] | None:
    if out is None:
        return None
    if isinstance(out, int):
        raise OutOfTime(out)
    pairs, visited = out
    return dict(pairs), visited


def run_c(g: Sequence[Sequence[int]], overflow_bits: int = 127, deadline: float | None = None
          ) -> tuple[dict[int, int], int] | None:
    """The C search in 128-bit integers, or None where it does not apply (entries
    beyond 64 bits, more than 63 variables, overflow). Raises :class:`OutOfTime`."""
    if _lrs is None or len(g) + len(g[0]) > 63:
        return None
    if max(v for row in g for v in row).bit_length() > 63:
        return None
    rows = [list(map(int, r)) for r in g]
    return _unpack(_lrs.search(rows, overflow_bits, _seconds(deadline)))


def limb_capacity(g: Sequence[Sequence[int]]) -> int:
    """64-bit limbs that hold any dictionary entry: every entry is a minor of
    ``[G | 1]`` of order ``k <= min(c, d + 1)``, at most ``(sqrt(k) M)^k`` (Hadamard).

    >>> limb_capacity([[1, 2], [3, 4]]), limb_capacity([[2**60] * 15] * 15)
    (2, 16)
    """
    c, d = len(g), len(g[0])
    k = min(c, d + 1)
    top = max(max(int(v) for row in g for v in row), 1)
    bits = k * top.bit_length() + (k * (k - 1).bit_length() + 1) // 2 + 1
    return -(-bits // 64) + 1


def run_c_big(g: Sequence[Sequence[int]], deadline: float | None = None
              ) -> tuple[dict[int, int], int] | None:
    """The C search in multi-limb integers (any size), or None without the extension
    or with more than 63 variables. Raises :class:`OutOfTime`."""
    c, d = len(g), len(g[0])
    if _lrs is None or c + d > 63:
        return None
    top = max(int(v) for row in g for v in row)
    in_limbs = max(-(-top.bit_length() // 64), 1)
    data = b"".join(int(v).to_bytes(8 * in_limbs, "little") for row in g for v in row)
    return _unpack(_lrs.search_big(data, c, d, in_limbs, limb_capacity(g), _seconds(deadline)))


def vertex_of(g: Sequence[Sequence[int]], basis: int) -> tuple[Fraction, ...]:
    """The exact basic solution ``z`` of a basis (bit mask of its basic variables)."""
    c, d = len(g), len(g[0])
    support = [i for i in range(d) if basis >> i & 1]
    tight = [j for j in range(c) if not basis >> (d + j) & 1]
    k = len(support)
    rows = [[int(g[j][i]) for i in support] + [1] for j in tight]
    prev = 1
    for col in range(k):
        pivot = next((r for r in range(col, k) if rows[r][col] != 0), None)
        if pivot is None:
            raise SolverError("internal error: a singular basis")
        rows[col], rows[pivot] = rows[pivot], rows[col]
        prow = rows[col]
        pk = prow[col]
        for r in range(k):
            if r != col:
                f = rows[r][col]
                rows[r] = [(pk * v - f * w) // prev for v, w in zip(rows[r], prow)]
        prev = pk
    z = [Fraction(0)] * d
    for i, r in zip(support, range(k)):
        z[i] = Fraction(rows[r][k], prev)
    return tuple(z)
