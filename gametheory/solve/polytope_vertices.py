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
  including every singular one, goes straight to the exact check.
* For the others, LU with partial pivoting has backward error at most
  ``k * 2**(k-1) * eps * |M|`` (growth factor bound), hence forward error at most
  ``COND_LIMIT`` times that, below ``6e-7`` for ``k <= 10`` (``|z| <= 1``). A pair is
  discarded in floating point only when a coordinate or a slack is below ``-tol``,
  with ``tol`` ten times the propagated error bound (about ``2e-4`` at ``k = 10``), so
  a truly feasible pair can never be discarded; the rest are checked exactly.
* Exactly singular pairs are skipped (their vertices, if any, also come from a
  nonsingular pair); exact duplicates (a degenerate vertex has several bases) are
  merged, and each vertex's labels are computed exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from math import comb

import numpy as np

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


def solve_exact(m: list[list[Fraction]]) -> list[Fraction] | None:
    """Solve ``m z = 1`` exactly; None when ``m`` is singular."""
    k = len(m)
    rows = [list(r) + [Fraction(1)] for r in m]
    for col in range(k):
        pivot = next((r for r in range(col, k) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        prow = rows[col]
        inv = 1 / prow[col]
        for r in range(col + 1, k):
            f = rows[r][col]
            if f:
                f *= inv
                row = rows[r]
                for c in range(col, k + 1):
                    row[c] -= f * prow[c]
    z = [Fraction(0)] * k
    for r in range(k - 1, -1, -1):
        s = rows[r][k] - sum(rows[r][c] * z[c] for c in range(r + 1, k))
        z[r] = s / rows[r][r]
    return z


def _candidates(g: np.ndarray, k: int) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], int]:
    """Pairs (I, J) of size k that survive the float screen (or need exact treatment)."""
    c, d = g.shape
    supports = np.array(list(itertools.combinations(range(d), k)), dtype=np.intp)
    tights = np.array(list(itertools.combinations(range(c), k)), dtype=np.intp)
    n_pairs = len(supports) * len(tights)
    tol = tolerance(k)
    keep: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for start in range(0, n_pairs, _CHUNK):
        flat = np.arange(start, min(start + _CHUNK, n_pairs))
        a_idx, b_idx = np.divmod(flat, len(tights))
        sup, tig = supports[a_idx], tights[b_idx]
        mats = g[tig[:, :, None], sup[:, None, :]]
        sv = np.linalg.svd(mats, compute_uv=False)
        with np.errstate(divide="ignore", invalid="ignore"):
            cond = sv[:, 0] / sv[:, -1]
        good = np.isfinite(cond) & (cond <= COND_LIMIT)
        suspicious = np.nonzero(~good)[0]
        ok = np.nonzero(good)[0]
        if len(ok):
            z = np.linalg.solve(mats[ok], np.ones((len(ok), k, 1)))[:, :, 0]
            slack = 1.0 - np.einsum("pck,pk->pc", g[:, sup[ok]].transpose(1, 0, 2), z)
            feasible = (z.min(axis=1) >= -tol) & (slack.min(axis=1) >= -tol)
            ok = ok[feasible]
        for p in np.concatenate([ok, suspicious]):
            keep.append((tuple(int(v) for v in sup[p]), tuple(int(v) for v in tig[p])))
    return keep, n_pairs


def vertices(
    matrix: Sequence[Sequence[Fraction]],
) -> tuple[list[tuple[Fraction, ...]], list[frozenset[int]], list[frozenset[int]], int]:
    """All vertices of ``{z >= 0, G z <= 1}`` but the origin, with their tight sets.

    Parameters
    ----------
    matrix
        ``G`` as rows of Fractions, all entries positive (see :func:`scaled_positive`).

    Returns
    -------
    points, zeros, tight, n_pairs
        The vertices (exact), for each the coordinates equal to zero and the rows of
        ``G`` that are tight, and the number of (support, tight set) pairs screened.
    """
    g_exact = [list(r) for r in matrix]
    c = len(g_exact)
    d = len(g_exact[0])
    g = np.array([[float(v) for v in r] for r in g_exact])
    found: dict[tuple[Fraction, ...], tuple[frozenset[int], frozenset[int]]] = {}
    screened = 0
    for k in range(1, min(c, d) + 1):
        cands, n = _candidates(g, k)
        screened += n
        for sup, tig in cands:
            z_s = solve_exact([[g_exact[j][i] for i in sup] for j in tig])
            if z_s is None or min(z_s) < 0:
                continue
            z = [Fraction(0)] * d
            for i, v in zip(sup, z_s):
                z[i] = v
            key = tuple(z)
            if key in found:
                continue
            sums = [sum(g_exact[j][i] * z[i] for i in sup) for j in range(c)]
            if max(sums) > 1:
                continue
            zeros = frozenset(i for i in range(d) if z[i] == 0)
            tight = frozenset(j for j in range(c) if sums[j] == 1)
            found[key] = (zeros, tight)
    points = list(found)
    return points, [found[p][0] for p in points], [found[p][1] for p in points], screened


def number_of_pairs(c: int, d: int) -> int:
    """How many (support, tight set) pairs :func:`vertices` screens."""
    return comb(c + d, d) - 1
