"""Win-sets of a multi-issue negotiation: each side's acceptance set and their overlap.

:func:`win_sets` gives each side's acceptance set (packages it prefers to its outside
option), their intersection, whether it is empty, and its vertices (Putnam 1988's
two-level game picture).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..games.bargaining import MultiIssueBargaining
from ..symbolic import is_exact
from .polytope import as_interval, nonempty_condition, polytope_vertices
from .results import Result, number_to_json

__all__ = ["WinSets", "win_sets"]


@dataclass(frozen=True)
class WinSets(Result):
    """Acceptance sets of a multi-issue negotiation and their intersection.

    Attributes
    ----------
    sets
        Per player, the condition on the issue symbols (a sympy relation) under which a
        package is at least as good as the outside option.
    box
        The issue ranges as relations.
    intersection
        The conjunction of all sets and the box: the packages every side accepts.
    is_empty
        Whether no package is acceptable to all (a boolean with numbers; with free
        parameters a sympy condition, see ``empty_condition``; ``None`` when the
        utilities are not linear).
    empty_condition
        The condition on the parameters under which the intersection is empty (exact
        for linear utilities: the polytope is non-empty iff one of its candidate
        vertices is feasible).
    vertices
        With numbers and linear utilities: per player and for ``"all"``, the exact
        vertices of the acceptance polytope.
    """

    symbols: tuple[sp.Symbol, ...]
    sets: dict[str, sp.Basic]
    box: tuple[sp.Basic, ...]
    intersection: sp.Basic
    is_empty: bool | sp.Basic | None
    empty_condition: sp.Basic
    vertices: dict[str, list[tuple[sp.Expr, ...]]]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "method": self.method,
            "exact": self.exact,
            "sets": {p: str(c) for p, c in self.sets.items()},
            "intersection": str(self.intersection),
            "is_empty": self.is_empty if isinstance(self.is_empty, bool) else str(self.is_empty),
            "vertices": {k: [[number_to_json(x) for x in v] for v in vs] for k, vs in self.vertices.items()},
            "warnings": list(self.warnings),
        }


def win_sets(game: MultiIssueBargaining) -> WinSets:
    """Each side's win-set (packages it prefers to no deal), their intersection, emptiness.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.MultiIssueBargaining(["scope", "relief"],
    ...     {"US": "scope - relief/2", "DPRK": "relief - scope"}, {"US": "1/4", "DPRK": "-1/2"})
    >>> ws = gt.win_sets(g)
    >>> ws.is_empty, (1, 1) in ws.vertices["all"]
    (False, True)
    """
    syms = game.symbols
    box: list[sp.Basic] = []
    cons: list[tuple[list[sp.Expr], sp.Expr]] = []
    for k, issue in enumerate(game.issues):
        box += [sp.Ge(issue.symbol, issue.low), sp.Le(issue.symbol, issue.high)]
        unit = [sp.Integer(1 if j == k else 0) for j in range(len(syms))]
        cons.append((unit, issue.low))
        cons.append(([-u for u in unit], -issue.high))
    sets: dict[str, sp.Basic] = {}
    per_player: dict[str, tuple[list[sp.Expr], sp.Expr]] = {}
    warnings: list[str] = []
    linear = game.is_linear
    for p in game.players:
        diff = sp.expand(game.utilities[p] - game.outside_options[p])
        if diff.is_number:
            sets[p] = sp.true if diff >= 0 else sp.false
        else:
            sets[p] = sp.Ge(diff, 0)
        if linear:
            coeffs = [sp.diff(diff, s) for s in syms]
            const = diff.xreplace({s: 0 for s in syms})
            per_player[p] = (coeffs, -const)
    intersection = sp.And(*box, *sets.values())
    vertices: dict[str, list[tuple[sp.Expr, ...]]] = {}
    if not linear:
        warnings.append("utilities are not linear: emptiness and vertices are not computed")
        return WinSets(syms, sets, tuple(box), intersection, None, sp.nan, {}, "conditions only",
                       is_exact(list(game.utilities.values())), tuple(warnings))
    all_cons = cons + list(per_player.values())
    nonempty = nonempty_condition(all_cons, len(syms))
    empty = sp.Not(nonempty) if nonempty not in (sp.true, sp.false) else (nonempty is sp.false)
    if not game.parameters:
        for p in game.players:
            vertices[p] = polytope_vertices(cons + [per_player[p]], len(syms))
        vertices["all"] = polytope_vertices(all_cons, len(syms))
        is_empty: bool | sp.Basic = not vertices["all"]
        empty_cond: sp.Basic = sp.true if is_empty else sp.false
    else:
        empty_cond = sp.true if empty is True else sp.false if empty is False else empty
        if len(game.parameters) == 1 and empty_cond not in (sp.true, sp.false):
            # one parameter: state the condition as an interval (or union of them)
            sym = game.parameters[0]
            empty_cond = as_interval(empty_cond, sym)
        is_empty = True if empty_cond is sp.true else False if empty_cond is sp.false else empty_cond
    return WinSets(syms, sets, tuple(box), intersection, is_empty, empty_cond, vertices,
                   "exact vertex enumeration of the acceptance polytopes",
                   is_exact(list(game.utilities.values()), list(game.outside_options.values())),
                   tuple(warnings))
