"""All extreme Nash equilibria of two-player games, exactly; symbolic ones with parameters.

With numbers, :func:`nash` enumerates every vertex of the two best-response polytopes

    P = {x >= 0 : B^T x <= 1},    Q = {y >= 0 : A y <= 1}

(payoffs mapped affinely to positive integers) and returns the completely labelled
pairs, normalised: these are exactly the extreme equilibria, degenerate games
included (Avis, Rosenberg, Savani and von Stengel 2010, Economic Theory 42: 9-37).
The vertices come from an output-sensitive search with lexicographic, fraction-free
integer pivoting, as in lrs (see :mod:`gametheory.solve.reverse_search` for why no
vertex is lost); vertices are paired by their label bit masks, and every
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

import itertools
import math
import time
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from ..errors import NotApplicableError, SolverError
from ..games.normal_form import NormalFormGame
from . import reverse_search as rs
from .linear import solve_fractions
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

MICROSECONDS_PER_ENTRY = {"c": 0.1, "c-big": 1.0, "python": 4.0}
"""Cost of one lex-feasible basis per entry of the ``m x n`` dictionary, in
microseconds, measured on the project's 2-core benchmark machine at 12x12 to 18x18:
the C search in 128-bit integers (small integer payoffs); the C search in multi-limb
integers (used when 128 bits overflow, as they do for float payoffs, whose binary
fractions have 53-bit numerators: minors of 15 such entries have 800 bits); and the
Python search in unbounded integers (when no C compiler was available)."""


ENGINE_ORDER = ("c", "c-big", "python")


def expected_bases(m: int, n: int) -> float:
    """The number of lex-feasible bases expected in a best-response polytope of a
    random m x n game: ``exp(0.64 min(m, n) + 0.11 max(m, n) - 0.4)``, fitted to
    seeded random games (payoffs uniform on -3..3 and -100..100, sizes 4x2 to 18x18,
    within a factor of 2 there), and never above the ``C(m + n, m)`` bases there are.

    >>> round(expected_bases(15, 15), -3), round(expected_bases(20, 10), -2)
    (52000.0, 3600.0)
    """
    low, high = min(m, n), max(m, n)
    return min(math.exp(0.64 * low + 0.11 * high - 0.4), float(math.comb(m + n, m)))


def estimated_seconds(m: int, n: int, *, engine: str = "c") -> float:
    """The estimated run time of the exact enumeration of an m x n game's equilibria.

    The search is output-sensitive: it visits every lex-feasible basis of the two
    best-response polytopes once, so its time is the number of bases times the cost of
    one (``m n`` dictionary entries at :data:`MICROSECONDS_PER_ENTRY` of the
    ``engine``: ``"c"`` for integer payoffs, ``"c-big"`` for float ones, ``"python"``
    without the C extension). The estimate
    assumes a *random* game (:func:`expected_bases`); structured games often have far
    fewer vertices (QuantEcon's ``blotto_game(4, 3)``, 20x20, has about 400 bases
    where the estimate says two million), and games built to have many equilibria
    (Savani and von Stengel 2006) have more. :func:`nash` therefore does not refuse
    a game on this estimate: it stops the search when ``max_seconds`` have passed.

    >>> round(estimated_seconds(15, 15), 1), round(estimated_seconds(15, 15, engine="c-big"))
    (2.3, 23)
    """
    if engine not in MICROSECONDS_PER_ENTRY:
        raise NotApplicableError(
            f"unknown engine {engine!r}; choose from {tuple(MICROSECONDS_PER_ENTRY)}")
    return 2 * expected_bases(m, n) * m * n * MICROSECONDS_PER_ENTRY[engine] * 1e-6


Profile = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


def _fractions(game: NormalFormGame) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    # Floats become the exact binary fractions they are, so the algorithm is exact
    # for the game as given; results then say exact=False.
    vals = game.fraction_payoffs()
    conv = [[[Fraction(v) for v in row] for row in vals[p]] for p in range(2)]
    return conv[0], conv[1]


def _normalise(z: Sequence[Fraction]) -> tuple[Fraction, ...]:
    nums, d = _over_common_denominator(z)
    total = sum(nums)
    return tuple(Fraction(v, total) for v in nums)


def _over_common_denominator(values: Sequence[Fraction]) -> tuple[list[int], int]:
    """Integer numerators over one common denominator (exact, and fast: no gcd per product)."""
    d = math.lcm(*(v.denominator for v in values))
    return [v.numerator * (d // v.denominator) for v in values], d


def _integer_matrix(a: list[list[Fraction]]) -> tuple[list[list[int]], int]:
    flat, d = _over_common_denominator([v for row in a for v in row])
    n = len(a[0])
    return [flat[k:k + n] for k in range(0, len(flat), n)], d


def _payoffs_and_best(a: list[list[Fraction]], b: list[list[Fraction]], x: Sequence[Fraction],
                      y: Sequence[Fraction]) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """``(u_row, u_col, best_row, best_col)``: expected payoffs and best-reply payoffs at
    ``(x, y)``, exactly, computed in integers over common denominators."""
    ai, da = _integer_matrix(a)
    bi, db = _integer_matrix(b)
    xi, dx = _over_common_denominator(x)
    yi, dy = _over_common_denominator(y)
    m, n = len(a), len(a[0])
    row = [sum(ai[i][j] * yi[j] for j in range(n)) for i in range(m)]  # da * dy * (A y)_i
    col = [sum(bi[i][j] * xi[i] for i in range(m)) for j in range(n)]  # db * dx * (x B)_j
    u_row = sum(xi[i] * row[i] for i in range(m))  # dx * da * dy * x A y
    u_col = sum(yi[j] * col[j] for j in range(n))  # dy * db * dx * x B y
    return (Fraction(u_row, dx * da * dy), Fraction(u_col, dy * db * dx),
            Fraction(max(row), da * dy), Fraction(max(col), db * dx))


def _regret(a: list[list[Fraction]], b: list[list[Fraction]], x: Sequence[Fraction],
            y: Sequence[Fraction]) -> Fraction:
    u_row, u_col, best_row, best_col = _payoffs_and_best(a, b, x, y)
    return max(best_row - u_row, best_col - u_col)


def _completions(labels: int, full: int, size: int, table: set[int]) -> list[int]:
    """The label sets in ``table`` (each of ``size`` labels) that complete ``labels``."""
    needed = full ^ labels
    extra = size - needed.bit_count()
    if extra < 0:
        return []
    free = [1 << v for v in range(full.bit_length()) if labels >> v & 1]
    if math.comb(len(free), extra) <= len(table):
        hits = []
        for chosen in itertools.combinations(free, extra):
            key = needed | sum(chosen)
            if key in table:
                hits.append(key)
        return hits
    return [t for t in table if t & needed == needed]


def completely_labelled(xs: Sequence[int], ys: Sequence[int], m: int, n: int
                        ) -> list[tuple[int, int]]:
    """The pairs of label masks (x, y) whose union is every label ``0 .. m+n-1``.

    A nondegenerate vertex has exactly ``m`` (``n``) labels, so it pairs with the one
    set of labels complementary to it, found by hashing; a degenerate vertex has more,
    and pairs with every vertex whose labels contain its missing ones.

    >>> completely_labelled([0b0011, 0b0110], [0b1100, 0b1001], 2, 2)
    [(3, 12), (6, 9)]
    """
    full = (1 << (m + n)) - 1
    x_nd = {v for v in xs if v.bit_count() == m}
    y_nd = {v for v in ys if v.bit_count() == n}
    y_dg = [v for v in ys if v.bit_count() > n]
    out = {(x, full ^ x) for x in x_nd if full ^ x in y_nd}
    for y in y_dg:
        out.update((x, y) for x in _completions(y, full, m, x_nd))
    for x in xs:
        if x.bit_count() > m:
            out.update((x, y) for y in _completions(x, full, n, y_nd))
            out.update((x, y) for y in y_dg if x | y == full)
    return sorted(out)


def extreme_equilibria(
    a: list[list[Fraction]], b: list[list[Fraction]], *, engine: str = "auto",
    deadline: float | None = None,
) -> tuple[list[Profile], list[tuple[int, int]], bool, dict[str, Any]]:
    """Extreme equilibria of the bimatrix game ``(a, b)`` by labelled vertex enumeration.

    ``engine`` and ``deadline`` are passed to
    :func:`gametheory.solve.reverse_search.lex_vertices` (which raises ``OutOfTime``).

    Returns
    -------
    profiles, edges, degenerate, counts
        The normalised equilibria (sorted), for each the pair (index of its ``x``
        among the distinct row strategies, index of its ``y`` among the column ones),
        whether the game is degenerate, and counts: lex-feasible bases visited, the
        vertices of each polytope, and the engine (``"c"``, ``"c-big"`` or ``"python"``).
    """
    m, n = len(a), len(a[0])
    # P = {x >= 0, B^T x <= 1}: coordinates are rows (labels 0..m-1), slacks columns
    # (labels m..m+n-1), so its label masks are the game's. Q = {y >= 0, A y <= 1}:
    # coordinates are columns, slacks rows; its masks are rotated into the game's.
    gp = rs.integer_form([[b[i][j] for i in range(m)] for j in range(n)])
    gq = rs.integer_form(a)
    fp, visited_p, engine_p = rs.lex_vertices(gp, engine=engine, deadline=deadline)
    fq, visited_q, engine_q = rs.lex_vertices(gq, engine=engine, deadline=deadline)
    low = (1 << n) - 1
    x_basis = {lab: basis for lab, basis in fp.items() if lab != (1 << m) - 1}
    y_basis = {((lab & low) << m) | (lab >> n): basis for lab, basis in fq.items() if lab != low}
    pairs = completely_labelled(list(x_basis), list(y_basis), m, n)
    degenerate = (any(v.bit_count() > m for v in x_basis)
                  or any(v.bit_count() > n for v in y_basis))
    xn = {lab: _normalise(rs.vertex_of(gp, x_basis[lab])) for lab in {x for x, _ in pairs}}
    yn = {lab: _normalise(rs.vertex_of(gq, y_basis[lab])) for lab in {y for _, y in pairs}}
    order = sorted(pairs, key=lambda e: ([-v for v in xn[e[0]]], [-v for v in yn[e[1]]]))
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
    counts = {"bases_visited": visited_p + visited_q, "row_vertices": len(fp),
              "column_vertices": len(fq),
              "engine": max(engine_p, engine_q, key=ENGINE_ORDER.index)}
    return profiles, edges, degenerate, counts


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
    u_row, u_col, _, _ = _payoffs_and_best(a, b, x, y)
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
        A time limit for the vertex enumeration: the search stops when it has run
        this long and raises a :class:`SolverError` naming the bases visited, the
        size-based estimate (:func:`estimated_seconds`) and the alternatives;
        ``None`` runs regardless.

    Returns
    -------
    Solution
        With numbers: concept ``"nash"``, the extreme equilibria (each with zero
        regret in exact arithmetic), ``exact=False`` when a payoff is a float, and in
        ``extra``: ``degenerate``; ``components`` (lists of indices of equilibria in
        one connected component of the equilibrium set); ``maximal_nash_subsets``
        (pairs of index lists into ``row_strategies`` and ``column_strategies``,
        the extreme strategies of each player that occur); ``bases_visited`` (the
        lex-feasible bases of both polytopes), ``row_vertices`` and
        ``column_vertices`` (the vertices of each polytope, the origin included), and
        ``engine`` (``"c"``: the C search in 128-bit integers; ``"c-big"``: in
        multi-limb integers; ``"python"``: in Python's integers, without the C
        extension; the slower of the two polytopes').
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
    a, b = _fractions(game)
    if method == "nashpy":
        return _nashpy(game, a, b, exact)
    start = time.monotonic()
    deadline = None if max_seconds is None else start + max_seconds
    try:
        profiles, edges, degenerate, counts = extreme_equilibria(a, b, deadline=deadline)
    except rs.OutOfTime as stop:
        m, n = game.shape
        raise SolverError(
            f"exact enumeration of all equilibria of this {m}x{n} game stopped at "
            f"max_seconds={max_seconds:g} after {stop.visited:,} bases of a polytope; for a "
            f"random game of this size it would take about {estimated_seconds(m, n):,.1f} s "
            f"with small integer payoffs ({estimated_seconds(m, n, engine='c-big'):,.0f} s "
            "with float ones); use method='lemke-howson' for some equilibria fast, or "
            "max_seconds=None (or a larger value) to enumerate all of them"
        ) from None
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
        method="lexicographic pivoting vertex enumeration of the best-response polytopes (exact)",
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
    sol = solve_fractions(mat, rhs)
    if sol is None:
        return None
    probs = sol[:k]
    if min(probs) < 0:
        return None
    out = [Fraction(0)] * size
    for s, p in zip(support, probs):
        out[s] = p
    return tuple(out)
