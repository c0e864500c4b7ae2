"""Every vertex of a polytope ``{z >= 0, G z <= 1}`` with ``G > 0``, exactly, with its labels.

This is the engine of :func:`gametheory.nash` for two players: the extreme Nash
equilibria of a bimatrix game are the completely labelled vertex pairs of its two
best-response polytopes (Avis, Rosenberg, Savani and von Stengel 2010, Economic
Theory 42: 9-37). Degenerate games have vertices with more labels than dimensions;
they are found here like any other vertex.

How no vertex is lost
---------------------
A vertex ``z`` of ``{z >= 0, G z <= 1}`` in ``R^d`` is the unique solution of ``d``
linearly independent tight constraints. Taking ``z_i = 0`` for ``i`` outside a
support ``I`` leaves the square system ``G[J, I] z_I = 1`` for a set ``J`` of tight
rows with ``|J| = |I|``. So every vertex is the solution of at least one
*nonsingular* square system over a pair ``(I, J)``, and enumerating all pairs
(``C(c + d, d)`` of them) finds every vertex.

The pairs are screened in floating point, in numpy batches, and every candidate that
might be a vertex is recomputed and checked in exact rational arithmetic:

* ``G`` is scaled to entries in ``[1, 2]`` (a positive affine map of the payoffs,
  which changes no equilibrium), so every feasible ``z`` has ``sum(z) <= 1``.
* A pair whose matrix has 2-norm condition number above ``COND_LIMIT`` (``1e6``),
  including every singular one, goes straight to the exact check. (The condition
  number comes from the eigenvalues of ``M^T M``, whose absolute error, a small
  multiple of ``eps * |M|^2``, cannot hide a condition number above ``1e6`` by more
  than a fraction of a percent; the tolerance below has a factor 10 to spare.)
* For the others, LU with partial pivoting has backward error at most
  ``k * 2**(k-1) * eps * |M|`` (growth factor bound), hence forward error at most
  ``COND_LIMIT`` times that, below ``6e-7`` for ``k <= 10`` (``|z| <= 1``). A pair is
  discarded in floating point only when a coordinate or a slack is below ``-tol``,
  with ``tol`` ten times the propagated error bound (about ``2e-4`` at ``k = 10``), so
  a truly feasible pair can never be discarded; the rest are checked exactly.
* The float screen keeps, for each surviving pair, the coordinates and rows within
  ``tol`` of their bounds: a superset of the exact labels of its vertex. Matching
  labels on these supersets therefore loses no completely labelled pair; only the
  pairs that match are recomputed exactly (fraction-free Gauss-Jordan elimination on
  the integer form of ``G``, as in lrs), and their exact labels decide.
* Exactly singular pairs are skipped (their vertices, if any, also come from a
  nonsingular pair); exact duplicates (a degenerate vertex has several bases) are
  merged.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import comb, lcm

import numpy as np

from ..errors import SolverError

__all__: list[str] = []

COND_LIMIT = 1e6
_EPS = np.finfo(float).eps
_CHUNK = 100_000


def tolerance(k: int) -> float:
    """The float-screen tolerance for k x k systems (see the module docstring)."""
    forward = COND_LIMIT * k * 2.0 ** (k - 1) * _EPS
    return 10.0 * 2.0 * k * forward


def scaled_positive(matrix: Sequence[Sequence[Fraction]]) -> list[list[Fraction]]:
    """A positive affine image of ``matrix`` with entries in ``[1, 2]``, exactly."""
    flat = [v for row in matrix for v in row]
    low, high = min(flat), max(flat)
    span = high - low
    if span == 0:
        return [[Fraction(1)] * len(row) for row in matrix]
    return [[(v - low) / span + 1 for v in row] for row in matrix]


@dataclass
class Screened:
    """The (support, tight set) pairs of one polytope that may give a vertex.

    ``zero_mask`` and ``tight_mask`` are bit masks of the coordinates that may be zero
    and the rows of ``G`` that may be tight: a superset of the exact labels for pairs
    screened in floating point (any quantity within ``tol`` of its bound counts), the
    exact labels for pairs resolved exactly (``point`` is then set).
    """

    matrix: list[list[Fraction]]
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)
    zero_mask: list[int] = field(default_factory=list)
    tight_mask: list[int] = field(default_factory=list)
    point: list[tuple[Fraction, ...] | None] = field(default_factory=list)
    screened: int = 0
    integer: tuple[list[list[int]], int] = ([], 1)
    _cache: dict[int, tuple[tuple[Fraction, ...], int, int] | None] = field(default_factory=dict)

    def resolve(self, index: int) -> tuple[tuple[Fraction, ...], int, int] | None:
        """The exact vertex of pair ``index`` and its exact masks, or None if it is none."""
        if index not in self._cache:
            sup, tig = self.pairs[index]
            self._cache[index] = resolve_exact(*self.integer, sup, tig)
        return self._cache[index]


def integer_form(g: Sequence[Sequence[Fraction]]) -> tuple[list[list[int]], int]:
    """``G`` as an integer matrix ``G_int`` and ``D`` with ``G = G_int / D``."""
    den = 1
    for row in g:
        for v in row:
            den = lcm(den, v.denominator)
    return [[v.numerator * (den // v.denominator) for v in row] for row in g], den


def resolve_exact(gi: list[list[int]], den: int, sup: tuple[int, ...], tig: tuple[int, ...]
                  ) -> tuple[tuple[Fraction, ...], int, int] | None:
    """Solve the pair exactly: the vertex with its zero and tight masks, or None.

    Fraction-free Gauss-Jordan elimination (Bareiss; as in lrs) on ``G_int z = D``
    keeps every entry an integer minor, so no rational arithmetic is needed until the
    vertex is known to be feasible.
    """
    k = len(sup)
    rows = [[gi[j][i] for i in sup] + [den] for j in tig]
    prev = 1
    for col in range(k):
        pivot = next((r for r in range(col, k) if rows[r][col] != 0), None)
        if pivot is None:
            return None  # singular: its vertex, if any, comes from a nonsingular pair
        rows[col], rows[pivot] = rows[pivot], rows[col]
        prow = rows[col]
        pk = prow[col]
        for r in range(k):
            if r == col:
                continue
            row = rows[r]
            f = row[col]
            rows[r] = [(pk * row[c] - f * prow[c]) // prev for c in range(k + 1)]
        prev = pk
    det = prev
    nums = [rows[r][k] for r in range(k)]
    if det < 0:
        det, nums = -det, [-v for v in nums]
    if min(nums) < 0:
        return None
    d = len(gi[0])
    z_num = [0] * d
    for i, v in zip(sup, nums):
        z_num[i] = v
    bound = den * det
    sums = [sum(gi[j][i] * z_num[i] for i in sup) for j in range(len(gi))]
    if max(sums) > bound:
        return None
    zeros = sum(1 << i for i in range(d) if z_num[i] == 0)
    tight = sum(1 << j for j in range(len(gi)) if sums[j] == bound)
    return tuple(Fraction(v, det) for v in z_num), zeros, tight


def screen(matrix: Sequence[Sequence[Fraction]]) -> Screened:
    """Screen every (support, tight set) pair of ``{z >= 0, G z <= 1}`` (origin excluded).

    Well-conditioned pairs are solved in floating point and kept when feasible within
    ``tol``, with superset masks; ill-conditioned or singular ones are solved exactly.
    """
    g_exact = [list(r) for r in matrix]
    c, d = len(g_exact), len(g_exact[0])
    if c + d > 62:
        raise SolverError(f"a {c}x{d} game is too large for exact vertex enumeration")
    g = np.array([[float(v) for v in r] for r in g_exact])
    out = Screened(g_exact, integer=integer_form(g_exact))
    for k in range(1, min(c, d) + 1):
        supports = np.array(list(itertools.combinations(range(d), k)), dtype=np.intp)
        tights = np.array(list(itertools.combinations(range(c), k)), dtype=np.intp)
        n_pairs = len(supports) * len(tights)
        out.screened += n_pairs
        tol = tolerance(k)
        for start in range(0, n_pairs, _CHUNK):
            flat = np.arange(start, min(start + _CHUNK, n_pairs))
            a_idx, b_idx = np.divmod(flat, len(tights))
            sup, tig = supports[a_idx], tights[b_idx]
            mats = g[tig[:, :, None], sup[:, None, :]]
            # cond(M)^2 = cond(M^T M); eigvalsh of the Gram matrix is cheaper than an SVD
            # and its absolute error (a small multiple of eps * lambda_max) is far below
            # lambda_min whenever cond(M) <= COND_LIMIT, so the test is reliable there.
            ev = np.linalg.eigvalsh(np.matmul(mats.transpose(0, 2, 1), mats))
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = ev[:, 0] / ev[:, -1]
            good = np.isfinite(ratio) & (ratio >= COND_LIMIT**-2)
            for p in np.nonzero(~good)[0]:
                pair = (tuple(int(v) for v in sup[p]), tuple(int(v) for v in tig[p]))
                found = resolve_exact(*out.integer, *pair)
                if found is not None:
                    out._cache[len(out.pairs)] = found
                    out.pairs.append(pair)
                    out.point.append(found[0])
                    out.zero_mask.append(found[1])
                    out.tight_mask.append(found[2])
            ok = np.nonzero(good)[0]
            if not len(ok):
                continue
            z_s = np.linalg.solve(mats[ok], np.ones((len(ok), k, 1)))[:, :, 0]
            z = np.zeros((len(ok), d))
            np.put_along_axis(z, sup[ok], z_s, axis=1)
            slack = 1.0 - z @ g.T
            feasible = (z_s.min(axis=1) >= -tol) & (slack.min(axis=1) >= -tol)
            zeros = (np.abs(z[feasible]) <= tol) @ (1 << np.arange(d, dtype=np.int64))
            tight = (np.abs(slack[feasible]) <= tol) @ (1 << np.arange(c, dtype=np.int64))
            for p, zm, tm in zip(ok[feasible], zeros.tolist(), tight.tolist()):
                out.pairs.append((tuple(int(v) for v in sup[p]), tuple(int(v) for v in tig[p])))
                out.point.append(None)
                out.zero_mask.append(int(zm))
                out.tight_mask.append(int(tm))
    return out


def vertices(
    matrix: Sequence[Sequence[Fraction]],
) -> tuple[list[tuple[Fraction, ...]], list[frozenset[int]], list[frozenset[int]], int]:
    """All vertices of ``{z >= 0, G z <= 1}`` but the origin, exactly, with their labels.

    Returns the vertices, for each the coordinates equal to zero and the rows of ``G``
    that are tight, and the number of (support, tight set) pairs screened.
    """
    sc = screen(matrix)
    found: dict[tuple[Fraction, ...], tuple[frozenset[int], frozenset[int]]] = {}
    for k in range(len(sc.pairs)):
        res = sc.resolve(k)
        if res is None or res[0] in found:
            continue
        z, zm, tm = res
        found[z] = (frozenset(i for i in range(len(z)) if zm >> i & 1),
                    frozenset(j for j in range(len(sc.matrix)) if tm >> j & 1))
    points = list(found)
    return points, [found[p][0] for p in points], [found[p][1] for p in points], sc.screened


def number_of_pairs(c: int, d: int) -> int:
    """How many (support, tight set) pairs :func:`vertices` screens."""
    return comb(c + d, d) - 1
