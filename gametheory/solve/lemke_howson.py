"""One Nash equilibrium of a two-player game by the Lemke-Howson algorithm, exactly.

The algorithm follows a path of almost completely labelled vertex pairs of the
best-response polytopes

    P = {x >= 0 : B^T x <= 1},    Q = {y >= 0 : A y <= 1}

from the artificial equilibrium ``(0, 0)``, dropping one label ``k`` (a row strategy
``0 .. m-1`` or a column strategy ``m .. m+n-1``), until the missing label is picked up
again (Lemke and Howson 1964; von Stengel 2002, Handbook of Game Theory 3, ch. 45,
section 3). Pivoting is done on integer tableaux with Bareiss' fraction-free update
(every entry an integer minor, as in lrs), so the result is exact; degenerate games
are handled by the lexicographic minimum-ratio rule, which makes every pivot unique
and the path finite (von Stengel 2002, section 6). The equilibrium found is checked
to have zero regret in exact arithmetic.

Each label gives one equilibrium (different labels may give the same one); running
all ``m + n`` labels is ``gt.nash(game, method="lemke-howson")``. This is not
enumeration: a game can have equilibria that no Lemke-Howson path from ``(0, 0)``
reaches (Shapley 1974), so it is the method for games too large to enumerate.

Examples
--------
>>> import gametheory as gt
>>> bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> gt.lemke_howson(bos, label=0)[0].profile
((1, 0), (1, 0))
>>> gt.lemke_howson(bos, label=0).extra["pivots"]
2
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any

from ..errors import NotApplicableError, SolverError, ValidationError
from .pure_nash import as_normal_form
from .results import Solution

__all__ = ["lemke_howson"]


class _Tableau:
    """``M z + s = 1`` as an integer tableau over the variables ``z`` (the strategies
    of one player, labels ``z_labels``) and slacks ``s`` (labels ``s_labels``).

    Columns: ``z`` then ``s`` then the right-hand side. Every row is scaled so that
    the basic variable's entry equals ``det`` (Bareiss' invariant).
    """

    def __init__(self, matrix: list[list[int]], z_labels: list[int], s_labels: list[int]
                 ) -> None:
        rows, cols = len(matrix), len(matrix[0])
        self.labels = z_labels + s_labels
        self.rows = [list(matrix[i]) + [1 if j == i else 0 for j in range(rows)] + [1]
                     for i in range(rows)]
        self.basis = [cols + i for i in range(rows)]  # the slacks
        self.n_z = cols
        self.det = 1

    def column_of(self, label: int) -> int:
        return self.labels.index(label)

    def pivot_in(self, col: int) -> int:
        """Pivot variable ``col`` into the basis; return the label that leaves."""
        candidates = [i for i, row in enumerate(self.rows) if row[col] > 0]
        if not candidates:
            raise SolverError("internal error: Lemke-Howson ray (unbounded polytope)")
        # Lexicographic minimum ratio: compare (rhs, slack columns) / entry row-wise;
        # the slack columns are det * B^-1, so rows are never lexicographically equal.
        n_s = len(self.rows)
        slack = range(self.n_z, self.n_z + n_s)

        def key(i: int) -> tuple[Fraction, ...]:
            row = self.rows[i]
            return tuple(Fraction(row[j], row[col]) for j in (-1, *slack))

        r = min(candidates, key=key)
        leaving = self.basis[r]
        prow = self.rows[r]
        piv = prow[col]
        for i, row in enumerate(self.rows):
            if i == r:
                continue
            f = row[col]
            self.rows[i] = [(piv * row[j] - f * prow[j]) // self.det for j in range(len(row))]
        self.det = piv
        self.basis[r] = col
        return self.labels[leaving]

    def strategy(self) -> list[Fraction]:
        """The values of ``z`` at the current basis (unnormalised)."""
        out = [Fraction(0)] * self.n_z
        for i, b in enumerate(self.basis):
            if b < self.n_z:
                out[b] = Fraction(self.rows[i][-1], self.det)
        return out


def _positive_integer(matrix: list[list[Fraction]]) -> list[list[int]]:
    """A positive affine image of the matrix with integer entries >= 1 (changes no
    equilibrium: the best replies are unchanged)."""
    low = min(v for row in matrix for v in row)
    shifted = [[v - low + 1 for v in row] for row in matrix]
    den = 1
    for row in shifted:
        for v in row:
            den = lcm(den, v.denominator)
    return [[int(v * den) for v in row] for row in shifted]


def lemke_howson_path(a: list[list[Fraction]], b: list[list[Fraction]], label: int
                      ) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...], int]:
    """The equilibrium at the end of the path that drops ``label``, and its pivots."""
    m, n = len(a), len(a[0])
    ai = _positive_integer(a)
    bi = _positive_integer(b)
    bt = [[bi[i][j] for i in range(m)] for j in range(n)]
    # P: B^T x + s = 1, x has labels 0..m-1, s labels m..m+n-1.
    tab_p = _Tableau(bt, list(range(m)), list(range(m, m + n)))
    # Q: A y + r = 1, y has labels m..m+n-1, r labels 0..m-1.
    tab_q = _Tableau(ai, list(range(m, m + n)), list(range(m)))
    entering = label
    tab = tab_p if label < m else tab_q
    pivots = 0
    # The lexicographic rule visits no vertex pair twice, so the loop ends.
    while True:
        leaving = tab.pivot_in(tab.column_of(entering))
        pivots += 1
        if leaving == label:
            break
        entering = leaving
        tab = tab_q if tab is tab_p else tab_p
    x, y = tab_p.strategy(), tab_q.strategy()
    sx, sy = sum(x), sum(y)
    return tuple(v / sx for v in x), tuple(v / sy for v in y), pivots


def lemke_howson(game: Any, *, label: int = 0) -> Solution:
    """One Nash equilibrium of a two-player game by the Lemke-Howson path, exactly.

    Parameters
    ----------
    game
        A two-player :class:`~gametheory.NormalFormGame` with numbers (or any game
        with ``to_normal_form()``).
    label
        The label dropped at the start: ``0 .. m-1`` for the row player's strategies,
        ``m .. m+n-1`` for the column player's (von Stengel's convention).

    Returns
    -------
    Solution
        Concept ``"nash"``, one equilibrium with zero regret in exact arithmetic,
        ``extra``: ``label``, ``pivots``.

    Examples
    --------
    Matching pennies from either player's first strategy:

    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]])
    >>> [gt.lemke_howson(mp, label=k)[0].profile for k in (0, 2)]
    [((1/2, 1/2), (1/2, 1/2)), ((1/2, 1/2), (1/2, 1/2))]
    """
    from .mixed_nash import _equilibrium, _fractions, _regret

    game = as_normal_form(game)
    if game.n_players != 2:
        raise NotApplicableError(
            f"Lemke-Howson applies to two-player games; this game has {game.n_players} "
            "players: use gt.nash(game) (support enumeration)"
        )
    if game.parameters:
        raise NotApplicableError("Lemke-Howson needs numbers: use game.subs({...}) first, "
                                 "or gt.nash(game) for the symbolic answer")
    m, n = game.shape
    if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < m + n:
        raise ValidationError(f"label must be an integer from 0 to {m + n - 1} for a "
                              f"{m}x{n} game, got {label!r}")
    a, b = _fractions(game)
    x, y, pivots = lemke_howson_path(a, b, label)
    regret = _regret(a, b, x, y)
    if regret != 0:
        raise SolverError(f"internal error: the Lemke-Howson equilibrium has regret {regret}")
    exact = game.is_exact
    return Solution(
        concept="nash",
        equilibria=(_equilibrium(game, a, b, x, y, exact),),
        method="Lemke-Howson (exact integer pivoting, lexicographic rule)",
        exact=exact,
        players=game.players,
        warnings=() if exact else ("payoffs include floats: solved exactly for their binary "
                                   "values, reported as floats (exact=False)",),
        extra={"label": label, "pivots": pivots},
    )


def all_labels(game: Any) -> tuple[list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]],
                                   dict[int, int]]:
    """The distinct equilibria reached from every label, and for each label the index
    of its equilibrium."""
    from .mixed_nash import _fractions, _regret

    a, b = _fractions(game)
    m, n = game.shape
    found: dict[tuple[tuple[Fraction, ...], tuple[Fraction, ...]], int] = {}
    by_label = {}
    for k in range(m + n):
        x, y, _ = lemke_howson_path(a, b, k)
        if (x, y) not in found and _regret(a, b, x, y) != 0:
            raise SolverError(f"internal error: the Lemke-Howson equilibrium of label {k} "
                              "has nonzero regret")
        by_label[k] = found.setdefault((x, y), len(found))
    return list(found), by_label
