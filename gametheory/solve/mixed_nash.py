"""All extreme Nash equilibria of two-player games, exactly; symbolic ones with parameters.

With numbers, :func:`nash` enumerates every vertex of the two best-response polytopes

    P = {x >= 0 : B^T x <= 1},    Q = {y >= 0 : A y <= 1}

(payoffs mapped affinely to ``[1, 2]``) and returns the completely labelled pairs,
normalised: these are exactly the extreme equilibria, degenerate games included
(Avis, Rosenberg, Savani and von Stengel 2010, Economic Theory 42: 9-37). Vertices
are screened in floating point and recomputed in exact rationals (see
:mod:`gametheory.solve.polytope_vertices` for why no vertex is lost), and every
equilibrium is verified to have zero regret in exact arithmetic.

In a degenerate game the equilibria may form continua: the extreme equilibria are
then grouped into components (connected components of the bipartite graph whose
edges are the extreme equilibria) and maximal Nash subsets (its maximal bicliques);
each is the convex hull described in ``extra``.

With free parameters, :func:`nash` returns a piecewise answer from symbolic support
enumeration (see :mod:`gametheory.solve.symbolic_support`).

With more than two players, :func:`nash` enumerates supports and solves the polynomial
indifference systems exactly (:mod:`gametheory.solve.enumpoly`): every isolated
equilibrium as exact algebraic numbers, continua reported.

Examples
--------
>>> import gametheory as gt
>>> mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], strategies=[["H", "T"]] * 2)
>>> sol = gt.nash(mp)
>>> sol[0].strategies[0]
{'H': 1/2, 'T': 1/2}
>>> sol.exact, sol.degenerate
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..errors import NotApplicableError, SolverError
from ..games.normal_form import NormalFormGame
from . import polytope_vertices as pv
from .pure_nash import as_normal_form
from .results import Equilibrium, PiecewiseAnswer, Solution

__all__ = ["nash", "extreme_equilibria", "METHODS", "estimated_seconds"]

METHODS = ("auto", "vertex", "nashpy", "enumpoly", "lemke-howson")
"""Methods of :func:`nash`: ``vertex`` (exact labelled-vertex enumeration, the
default for ``auto`` with two players), ``nashpy`` (nashpy's support enumeration, each
equilibrium recomputed exactly from its supports; complete for nondegenerate games
only), ``enumpoly`` (support enumeration with polynomial systems, any number of
players; the default for ``auto`` with more than two) and ``lemke-howson`` (the
Lemke-Howson path from every label: some equilibria, fast, not all)."""

BASES_PER_SECOND = 60_000
"""Throughput of the vertex screen used for the cost estimate: measured on the
project's 2-core benchmark machine (about 65,000 bases per second on 7x7 to 11x11
games with continuous payoffs), so the estimate is a guide, not a promise."""


def estimated_seconds(m: int, n: int) -> float:
    """The estimated run time of the exact vertex enumeration of an m x n game.

    It screens every (support, tight set) pair of both polytopes, about
    ``2 C(m+n, m)`` of them, at :data:`BASES_PER_SECOND`.

    >>> round(estimated_seconds(11, 11)), round(estimated_seconds(15, 15))
    (24, 5171)
    """
    return 2 * pv.number_of_pairs(m, n) / BASES_PER_SECOND

Profile = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


def _fractions(game: NormalFormGame) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    # Floats become the exact binary fractions they are, so the algorithm is exact
    # for the game as given; results then say exact=False.
    vals = game.fraction_payoffs()
    conv = [[[Fraction(v) for v in row] for row in vals[p]] for p in range(2)]
    return conv[0], conv[1]


def _normalise(z: Sequence[Fraction]) -> tuple[Fraction, ...]:
    s = sum(z)
    return tuple(v / s for v in z)


def _regret(a: list[list[Fraction]], b: list[list[Fraction]], x: Sequence[Fraction],
            y: Sequence[Fraction]) -> Fraction:
    m, n = len(a), len(a[0])
    row = [sum(a[i][j] * y[j] for j in range(n)) for i in range(m)]
    col = [sum(b[i][j] * x[i] for i in range(m)) for j in range(n)]
    u_row = sum(x[i] * row[i] for i in range(m))
    u_col = sum(y[j] * col[j] for j in range(n))
    return Fraction(max(max(row) - u_row, max(col) - u_col))


def extreme_equilibria(
    a: list[list[Fraction]], b: list[list[Fraction]]
) -> tuple[list[Profile], list[tuple[int, int]], bool, dict[str, Any]]:
    """Extreme equilibria of the bimatrix game ``(a, b)`` by labelled vertex enumeration.

    Returns
    -------
    profiles, edges, degenerate, counts
        The normalised equilibria (sorted), for each the pair (index of its ``x``
        among the distinct row strategies, index of its ``y`` among the column ones),
        whether the game is degenerate, and counts of bases screened and kept.
    """
    m, n = len(a), len(a[0])
    bt = [[b[i][j] for i in range(m)] for j in range(n)]
    sp_ = pv.screen(pv.scaled_positive(bt))   # P: coordinates = rows, constraints = columns
    sq = pv.screen(pv.scaled_positive(a))     # Q: coordinates = columns, constraints = rows
    # Labels: row strategies are bits 0..m-1, column strategies bits m..m+n-1. Masks
    # from the float screen are supersets of the exact labels, so no completely
    # labelled pair is lost.
    full = (1 << (m + n)) - 1
    lx = np.array([z | (t << m) for z, t in zip(sp_.zero_mask, sp_.tight_mask)], dtype=np.int64)
    ly = np.array([(z << m) | t for z, t in zip(sq.zero_mask, sq.tight_mask)], dtype=np.int64)
    in_x = np.zeros(len(lx), dtype=bool)
    in_y = np.zeros(len(ly), dtype=bool)
    for start in range(0, len(lx), 2000):
        hit = (lx[start:start + 2000, None] | ly[None, :]) == full
        in_x[start:start + 2000] = hit.any(axis=1)
        in_y |= hit.any(axis=0)
    # Resolve each basis that occurs in a candidate pair once; bases of the same vertex
    # merge here, and exact labels decide which vertex pairs are equilibria.
    xs, x_labels = _distinct(sp_, np.nonzero(in_x)[0].tolist(), lambda z, t: z | (t << m))
    ys, y_labels = _distinct(sq, np.nonzero(in_y)[0].tolist(), lambda z, t: (z << m) | t)
    found_set: set[tuple[int, int]] = set()
    if xs and ys:
        ex = np.array(x_labels, dtype=np.int64)
        ey = np.array(y_labels, dtype=np.int64)
        hits = np.nonzero((ex[:, None] | ey[None, :]) == full)
        found_set = {(int(i), int(j)) for i, j in zip(*hits)}
    found = sorted(found_set)
    degenerate = _degenerate(sp_, m, n, row_side=True) or _degenerate(sq, m, n, row_side=False)
    xn = [_normalise(x) for x in xs]
    yn = [_normalise(y) for y in ys]
    order = sorted(found, key=lambda e: ([-v for v in xn[e[0]]], [-v for v in yn[e[1]]]))
    # Re-index the strategies that occur in equilibria, in order of first appearance.
    x_ids: dict[int, int] = {}
    y_ids: dict[int, int] = {}
    profiles, edges = [], []
    for i, j in order:
        x_ids.setdefault(i, len(x_ids))
        y_ids.setdefault(j, len(y_ids))
        profiles.append((xn[i], yn[j]))
        edges.append((x_ids[i], y_ids[j]))
    for x, y in profiles:
        r = _regret(a, b, x, y)
        if r != 0:
            raise SolverError(f"internal error: a computed equilibrium has regret {r}")
    counts = {"row_bases": len(sp_.pairs), "column_bases": len(sq.pairs),
              "bases_screened": sp_.screened + sq.screened}
    return profiles, edges, degenerate, counts


def _distinct(sc: pv.Screened, indices: list[int], labels: Any
              ) -> tuple[list[tuple[Fraction, ...]], list[int]]:
    """The distinct exact vertices of the given bases, with their exact label masks."""
    index: dict[tuple[Fraction, ...], int] = {}
    points: list[tuple[Fraction, ...]] = []
    masks: list[int] = []
    for k in indices:
        res = sc.resolve(k)
        if res is None or res[0] in index:
            continue
        index[res[0]] = len(points)
        points.append(res[0])
        masks.append(labels(res[1], res[2]))
    return points, masks


def _degenerate(sc: pv.Screened, m: int, n: int, row_side: bool) -> bool:
    """Whether some vertex has more labels than its polytope has dimensions.

    Masks from the float screen over-count, so only vertices whose masks have too many
    labels are resolved exactly.
    """
    dim = m if row_side else n
    for k, (z, t) in enumerate(zip(sc.zero_mask, sc.tight_mask)):
        if bin(z).count("1") + bin(t).count("1") <= dim:
            continue
        res = sc.resolve(k)
        if res is not None and bin(res[1]).count("1") + bin(res[2]).count("1") > dim:
            return True
    return False


def _components(edges: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the bipartite graph, as lists of equilibrium indices."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(u: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(u, u) != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for i, j in edges:
        parent[find(("x", i))] = find(("y", j))
    groups: dict[tuple[str, int], list[int]] = {}
    for k, (i, _) in enumerate(edges):
        groups.setdefault(find(("x", i)), []).append(k)
    return sorted(groups.values())


def _maximal_nash_subsets(edges: list[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Maximal bicliques (X, Y) of the bipartite graph: each conv(X) x conv(Y) is a
    maximal convex set of equilibria (Jansen 1981; Avis et al. 2010, section 5)."""
    nbr: dict[int, frozenset[int]] = {}
    for i, j in edges:
        nbr[i] = nbr.get(i, frozenset()) | {j}
    cliques: set[tuple[frozenset[int], frozenset[int]]] = set()
    # Every maximal biclique's Y is an intersection of neighbourhoods of x's; grow
    # the closed sets from single vertices (small graphs: this is quadratic-ish).
    frontier = {nbr[i] for i in nbr}
    closed: set[frozenset[int]] = set()
    while frontier:
        ys = frontier.pop()
        if ys in closed or not ys:
            continue
        closed.add(ys)
        for i in nbr:
            meet = ys & nbr[i]
            if meet and meet not in closed:
                frontier.add(meet)
    for ys in closed:
        xs = frozenset(i for i in nbr if ys <= nbr[i])
        ys_full = frozenset.intersection(*(nbr[i] for i in xs))
        cliques.add((xs, ys_full))
    return sorted((sorted(x), sorted(y)) for x, y in cliques)


def _as_number(v: Fraction, exact: bool) -> sp.Expr:
    # An exact zero stays exact even for float games: sympy's Float(0.0) != 0.
    if exact or v == 0:
        return sp.Rational(v.numerator, v.denominator)
    return sp.Float(float(v))


def _equilibrium(game: NormalFormGame, a: list[list[Fraction]], b: list[list[Fraction]],
                 x: Sequence[Fraction], y: Sequence[Fraction], exact: bool) -> Equilibrium:
    m, n = len(x), len(y)
    u_row = sum(x[i] * a[i][j] * y[j] for i in range(m) for j in range(n))
    u_col = sum(x[i] * b[i][j] * y[j] for i in range(m) for j in range(n))
    strategies = (
        {lab: _as_number(p, exact) for lab, p in zip(game.strategies[0], x)},
        {lab: _as_number(p, exact) for lab, p in zip(game.strategies[1], y)},
    )
    return Equilibrium(game.players, strategies, (_as_number(Fraction(u_row), exact),
                                                  _as_number(Fraction(u_col), exact)))


def nash(game: Any, *, method: str = "auto", max_seconds: float | None = 60.0
         ) -> Solution | PiecewiseAnswer:
    """Nash equilibria: for two players all extreme ones, exactly.

    Parameters
    ----------
    game
        A :class:`~gametheory.NormalFormGame` or any game with ``to_normal_form()``.
    method
        ``"auto"`` or ``"vertex"``: exact enumeration of labelled vertices of the
        best-response polytopes, complete for every two-player game, degenerate or
        not. ``"nashpy"``: nashpy's support enumeration with each equilibrium
        recomputed exactly from its supports and verified; it is complete for
        nondegenerate games only (it misses equilibria of degenerate ones).
        ``"enumpoly"``: support enumeration with exact polynomial systems (the
        default with more than two players). ``"lemke-howson"``: the exact
        Lemke-Howson path from each of the ``m + n`` labels (see
        :func:`gametheory.lemke_howson`); it finds at least one equilibrium,
        usually several, not necessarily all, in a time that suits large games.
    max_seconds
        The vertex enumeration estimates its run time up front
        (:func:`estimated_seconds`) and refuses with a :class:`SolverError` naming
        the estimate when it exceeds ``max_seconds``; ``None`` runs regardless.

    Returns
    -------
    Solution
        With numbers: concept ``"nash"``, the extreme equilibria (each with zero
        regret in exact arithmetic), ``exact=False`` when a payoff is a float, and in
        ``extra``: ``degenerate``; ``components`` (lists of indices of equilibria in
        one connected component of the equilibrium set); ``maximal_nash_subsets``
        (pairs of index lists into ``row_strategies`` and ``column_strategies``,
        the extreme strategies of each player that occur); counts of the bases
        screened and kept (``bases_screened``, ``row_bases``, ``column_bases``).
        Degeneracy and continua of equilibria are also stated in ``warnings``.
        With more than two players (or ``method="enumpoly"``): every isolated
        equilibrium, exactly; see :func:`gametheory.solve.enumpoly.enumpoly_nash`.
    PiecewiseAnswer
        With free parameters: symbolic support enumeration; see
        :func:`gametheory.solve.symbolic_support.symbolic_nash` (two players) and
        :func:`gametheory.solve.enumpoly.enumpoly_nash` (more).

    Examples
    --------
    A degenerate game whose equilibria form a segment (both rows are best replies
    to Left):

    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    >>> sol = gt.nash(g)
    >>> [e.profile for e in sol]
    [((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (1, 0))]
    >>> sol.degenerate, sol.extra["components"]
    (True, [[0, 1, 2]])
    """
    if method not in METHODS:
        raise NotApplicableError(f"unknown method {method!r} for nash; choose from {METHODS}")
    game = as_normal_form(game)
    if method == "enumpoly" or (game.n_players != 2 and method == "auto"):
        from .enumpoly import enumpoly_nash

        return enumpoly_nash(game)
    if game.n_players != 2:
        raise NotApplicableError(
            f"method {method!r} applies to two-player games; this game has "
            f"{game.n_players} players: use method='enumpoly' (the default)"
        )
    if game.parameters:
        from .symbolic_support import symbolic_nash

        return symbolic_nash(game)
    exact = game.is_exact
    if method == "lemke-howson":
        return _all_labels(game, exact)
    if method in ("auto", "vertex") and max_seconds is not None:
        estimate = estimated_seconds(*game.shape)
        if estimate > max_seconds:
            m, n = game.shape
            raise SolverError(
                f"exact enumeration of all equilibria of this {m}x{n} game would take about "
                f"{estimate:,.0f} s ({2 * pv.number_of_pairs(m, n):,} bases), above "
                f"max_seconds={max_seconds:g}; use method='lemke-howson' for some equilibria "
                "fast, or max_seconds=None (or a larger value) to enumerate all of them"
            )
    a, b = _fractions(game)
    if method == "nashpy":
        return _nashpy(game, a, b, exact)
    profiles, edges, degenerate, counts = extreme_equilibria(a, b)
    eqs = tuple(_equilibrium(game, a, b, x, y, exact) for x, y in profiles)
    components = _components(edges)
    warnings = []
    if not exact:
        warnings.append("payoffs include floats: solved exactly for their binary values, "
                        "reported as floats (exact=False)")
    if degenerate:
        warnings.append("the game is degenerate: some mixed strategy has more pure best "
                        "responses than the size of its support")
    continua = [c for c in components if len(c) > 1]
    if continua:
        warnings.append(
            f"equilibria lie on continua: {len(continua)} component(s) contain more than one "
            "extreme equilibrium; every convex combination within a maximal Nash subset is "
            "an equilibrium (see extra['components'] and extra['maximal_nash_subsets'])"
        )
    row_ids = sorted({i for i, _ in edges})
    col_ids = sorted({j for _, j in edges})
    first_x = {i: profiles[k][0] for k, (i, _) in reversed(list(enumerate(edges)))}
    first_y = {j: profiles[k][1] for k, (_, j) in reversed(list(enumerate(edges)))}
    extra = {
        "degenerate": degenerate,
        "components": components,
        "maximal_nash_subsets": _maximal_nash_subsets(edges),
        "row_strategies": [tuple(_as_number(v, exact) for v in first_x[i]) for i in row_ids],
        "column_strategies": [tuple(_as_number(v, exact) for v in first_y[j]) for j in col_ids],
        **counts,
    }
    return Solution(
        concept="nash",
        equilibria=eqs,
        method="labelled vertex enumeration of the best-response polytopes (exact)",
        exact=exact,
        players=game.players,
        warnings=tuple(warnings),
        extra=extra,
    )


def _all_labels(game: NormalFormGame, exact: bool) -> Solution:
    from .lemke_howson import all_labels

    a, b = _fractions(game)
    found, by_label = all_labels(game)
    order = sorted(range(len(found)), key=lambda k: ([-v for v in found[k][0]],
                                                     [-v for v in found[k][1]]))
    rank = {k: r for r, k in enumerate(order)}
    warnings = ["Lemke-Howson from every label finds some equilibria, not necessarily all "
                "(Shapley 1974); method='vertex' enumerates all extreme equilibria"]
    if not exact:
        warnings.append("payoffs include floats: solved exactly for their binary values, "
                        "reported as floats (exact=False)")
    return Solution(
        concept="nash",
        equilibria=tuple(_equilibrium(game, a, b, *found[k], exact) for k in order),
        method="Lemke-Howson from every label (exact integer pivoting)",
        exact=exact,
        players=game.players,
        warnings=tuple(warnings),
        extra={"label_equilibrium": {label: rank[k] for label, k in by_label.items()}},
    )


def _nashpy(game: NormalFormGame, a: list[list[Fraction]], b: list[list[Fraction]],
            exact: bool) -> Solution:
    import warnings as pywarnings

    nash_game = game.to_nashpy()
    m, n = len(a), len(a[0])
    seen: set[Profile] = set()
    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore")
        found = list(nash_game.support_enumeration())
    for xf, yf in found:
        sup_x = [i for i in range(m) if xf[i] > 1e-9]
        sup_y = [j for j in range(n) if yf[j] > 1e-9]
        y = _indifference([[a[i][j] for j in sup_y] for i in sup_x], sup_y, n)
        x = _indifference([[b[i][j] for i in sup_x] for j in sup_y], sup_x, m)
        if x is None or y is None or _regret(a, b, x, y) != 0:
            raise SolverError(
                "nashpy's support enumeration returned an equilibrium that cannot be "
                "recomputed exactly from its supports (a degenerate game?); use method='vertex'"
            )
        seen.add((x, y))
    profiles = sorted(seen, key=lambda e: ([-v for v in e[0]], [-v for v in e[1]]))
    return Solution(
        concept="nash",
        equilibria=tuple(_equilibrium(game, a, b, x, y, exact) for x, y in profiles),
        method="nashpy support enumeration, recomputed exactly and verified",
        exact=exact,
        players=game.players,
        warnings=("support enumeration is complete for nondegenerate games only; "
                  "method='vertex' finds every extreme equilibrium",),
    )


def _indifference(rows: list[list[Fraction]], support: list[int], size: int
                  ) -> tuple[Fraction, ...] | None:
    """The opponent mixture over ``support`` making every row of ``rows`` equal."""
    k = len(support)
    if len(rows) != k:
        return None
    # Unknowns: k probabilities and the common value v; equations rows.p - v = 0, sum p = 1.
    mat = [[Fraction(v) for v in r] + [Fraction(-1)] for r in rows] + [[Fraction(1)] * k + [Fraction(0)]]
    rhs = [Fraction(0)] * k + [Fraction(1)]
    sol = sp.Matrix(mat).LUsolve(sp.Matrix(rhs)) if sp.Matrix(mat).det() != 0 else None
    if sol is None:
        return None
    probs = [Fraction(int(sp.fraction(v)[0]), int(sp.fraction(v)[1])) for v in list(sol)[:k]]
    if min(probs) < 0:
        return None
    out = [Fraction(0)] * size
    for s, p in zip(support, probs):
        out[s] = p
    return tuple(out)
