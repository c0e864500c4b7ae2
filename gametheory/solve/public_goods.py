"""Nash equilibrium and efficient level of public-good contributions, by the KKT conditions.

Each player maximises its utility over its own contribution ``g_i >= lower_i``. With
utilities concave in one's own contribution, ``g`` is a Nash equilibrium iff, for every
player, either ``g_i > lower_i`` and ``du_i/dg_i = 0``, or ``g_i = lower_i`` and
``du_i/dg_i <= 0`` (Karush-Kuhn-Tucker). The solver enumerates the set of contributors,
solves the interior conditions exactly with sympy, and checks the others' conditions,
so corner solutions (who gives nothing) come out exactly, and symbolically in the
parameters as conditions. The efficient (Samuelson 1954) level maximises the sum of
utilities by the same enumeration.

Examples
--------
>>> import gametheory as gt
>>> g = gt.PublicGoodsGame(["US", "ROK"], {"US": "3*log(gU + gK) - gU",
...     "ROK": "2*log(gU + gK) - gK"}, ["gU", "gK"])
>>> gt.nash_contributions(g)[0].contributions
{'US': 3, 'ROK': 0}
>>> gt.samuelson_level(g).total
5
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import sympy as sp

from ..conditions import versus_zero
from ..errors import NotApplicableError, SolverError
from ..games.continuous import PublicGoodsGame
from ..symbolic import is_exact
from .polytope import as_interval
from .results import EquilibriumSequence, Piece, PiecewiseAnswer, number_to_json

__all__ = [
    "ContributionProfile",
    "ContributionSolution",
    "nash_contributions",
    "samuelson_level",
]

_MAX_PLAYERS = 10


@dataclass(frozen=True)
class ContributionProfile:
    """One solution of the KKT conditions.

    Attributes
    ----------
    contributions
        Per player, its contribution (may contain free symbols when the equilibrium is
        a continuum, e.g. when several players share the highest valuation).
    total
        The total contribution.
    payoffs
        Per player, its utility there.
    contributors
        The players contributing more than their lower bound.
    condition
        Where (in the parameters) this profile solves the conditions.
    """

    contributions: dict[str, sp.Expr]
    total: sp.Expr
    payoffs: dict[str, sp.Expr]
    contributors: tuple[str, ...]
    condition: sp.Basic = sp.true
    continuum: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "contributions": {p: number_to_json(v) for p, v in self.contributions.items()},
            "total": number_to_json(self.total),
            "payoffs": {p: number_to_json(v) for p, v in self.payoffs.items()},
            "contributors": list(self.contributors),
            "continuum": self.continuum,
        }


@dataclass(frozen=True)
class ContributionSolution(EquilibriumSequence):
    """Every KKT solution of a game with numbers in (Nash equilibria or efficient points)."""

    concept: str
    equilibria: tuple[ContributionProfile, ...]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    @property
    def total(self) -> sp.Expr:
        """The total contribution (the same in every solution, else an error)."""
        totals = {sp.simplify(e.total) for e in self.equilibria}
        if len(totals) != 1:
            raise SolverError(f"the solutions have different totals: {sorted(map(str, totals))}")
        return totals.pop()


def _kkt(game: PublicGoodsGame, objectives: Sequence[sp.Expr]) -> tuple[list[ContributionProfile], list[str]]:
    if game.n_players > _MAX_PLAYERS:
        raise NotApplicableError(f"KKT enumeration over 2**{game.n_players} contributor sets is too large")
    syms = game.symbols
    lows = [game.lower_bounds[p] for p in game.players]
    grads = [sp.diff(obj, s) for obj, s in zip(objectives, syms)]
    found: list[ContributionProfile] = []
    notes: list[str] = []
    for size in range(game.n_players + 1):
        for active in itertools.combinations(range(game.n_players), size):
            fixed = {syms[j]: lows[j] for j in range(game.n_players) if j not in active}
            unknowns = [syms[k] for k in active]
            if unknowns:
                eqs = [sp.together(grads[k].xreplace(fixed)) for k in active]
                eqs = [sp.fraction(e)[0] for e in eqs]
                try:
                    sols = sp.solve(eqs, unknowns, dict=True)
                except NotImplementedError:
                    notes.append(f"sympy could not solve the conditions for contributors "
                                 f"{[game.players[k] for k in active]}")
                    continue
            else:
                sols = [{}]
            for sol in sols:
                point = dict(fixed)
                point.update({k: sp.simplify(v) for k, v in sol.items()})
                free = [s for s in unknowns if s not in sol]
                parts: list[sp.Basic] = []
                ok = True
                for k in active:
                    value = point.get(syms[k], syms[k])
                    if value.has(sp.I) or value.is_real is False:
                        ok = False
                        break
                    c = versus_zero(sp.simplify(value - lows[k]), sp.Gt)
                    if c is sp.false:
                        ok = False
                        break
                    if c is not sp.true:
                        parts.append(c)
                if not ok:
                    continue
                # the denominators cleared above must not vanish at the solution
                for k in active:
                    g = sp.simplify(grads[k].xreplace(point))
                    if g.has(sp.zoo, sp.nan) or (g.is_number and g != 0):
                        ok = False
                        break
                if not ok:
                    continue
                for j in range(game.n_players):
                    if j in active:
                        continue
                    c = versus_zero(sp.simplify(-grads[j].xreplace(point)), sp.Ge)
                    if c is sp.false:
                        ok = False
                        break
                    if c is not sp.true:
                        parts.append(c)
                if not ok:
                    continue
                cond = sp.And(*parts) if parts else sp.true
                contributions = {p: point.get(s, s) for p, s in zip(game.players, syms)}
                total = sp.simplify(sum(contributions.values(), sp.Integer(0)))
                payoffs = {p: sp.simplify(u.xreplace(point)) for p, u in game.utilities.items()}
                found.append(ContributionProfile(
                    contributions, total, payoffs, tuple(game.players[k] for k in active), cond, bool(free)))
                if free:
                    notes.append(
                        f"a continuum of solutions with contributors {[game.players[k] for k in active]}: "
                        f"{', '.join(s.name for s in free)} free (only the total is determined)"
                    )
    return found, notes


def _contributions_at_point(
    concept: str, method: str, exact: bool, notes: tuple[str, ...], values: list[Any],
    mapping: Mapping[sp.Symbol, sp.Expr],
) -> ContributionSolution:
    m = dict(mapping)
    eqs = tuple(
        ContributionProfile(
            {p: sp.simplify(v.xreplace(m)) for p, v in e.contributions.items()},
            sp.simplify(e.total.xreplace(m)),
            {p: sp.simplify(v.xreplace(m)) for p, v in e.payoffs.items()},
            e.contributors, sp.true, e.continuum,
        )
        for e in values
    )
    return ContributionSolution(concept, eqs, method + ", evaluated at a point", exact, tuple(notes))


def _answer(game: PublicGoodsGame, concept: str, objectives: Sequence[sp.Expr], method: str) -> Any:
    for p, s in zip(game.players, game.symbols):
        second = sp.simplify(sp.diff(objectives[game.players.index(p)], s, 2))
        if second.is_positive:
            raise NotApplicableError(f"the objective for {p}'s contribution is convex in it")
    found, notes = _kkt(game, objectives)
    params = game.parameters
    exact = is_exact(list(game.utilities.values()))
    if not params:
        if not found:
            notes.append("no solution of the KKT conditions was found")
        return ContributionSolution(concept, tuple(found), method, exact, tuple(notes))
    pieces = []
    for e in found:
        if e.continuum:
            # its condition involves the free contributions; reported for numbers only
            notes.append(f"continuum with contributors {list(e.contributors)} left out of the "
                         "piecewise answer; evaluate the game at numbers to see it")
            continue
        cond = e.condition
        if len(params) == 1 and cond not in (sp.true, sp.false):
            cond = as_interval(cond, params[0])
        if cond is sp.false:
            continue
        label = "contributors: " + (", ".join(e.contributors) or "none")
        pieces.append(Piece(cond, e, label))

    return PiecewiseAnswer(concept, tuple(pieces), params,
                           partial(_contributions_at_point, concept, method, exact, tuple(notes)),
                           method=method, warnings=tuple(notes))


def nash_contributions(game: PublicGoodsGame) -> ContributionSolution | PiecewiseAnswer:
    """The Nash equilibria of voluntary contributions, by the KKT conditions.

    Returns
    -------
    ContributionSolution
        With numbers: every equilibrium (corner solutions included); a continuum is
        reported with its free contributions and a warning.
    PiecewiseAnswer
        With parameters: one piece per set of contributors, with the condition under
        which it is the equilibrium.

    Examples
    --------
    Olson and Zeckhauser (1966): with ``u_i = v_i log G - g_i`` only the player with the
    highest valuation contributes, and ``G = max v_i``.

    >>> import gametheory as gt
    >>> g = gt.PublicGoodsGame(["A", "B", "C"], ["2*log(a+b+c) - a", "5*log(a+b+c) - b",
    ...     "3*log(a+b+c) - c"], ["a", "b", "c"])
    >>> [(e.contributors, e.total) for e in gt.nash_contributions(g)]
    [(('B',), 5)]
    """
    objectives = [game.utilities[p] for p in game.players]
    return _answer(game, "nash", objectives, "KKT conditions, contributor sets enumerated")


def samuelson_level(game: PublicGoodsGame) -> ContributionSolution | PiecewiseAnswer:
    """The efficient (Samuelson) contributions: maximise the sum of utilities.

    The sum of the marginal benefits of the public good equals its marginal cost
    (Samuelson 1954). The KKT conditions of the utilitarian problem are solved by the
    same enumeration; they characterise the optimum when the sum is jointly concave.
    When only the total matters, every split of it is efficient; ``.total`` gives it.
    """
    welfare = sp.Add(*game.utilities.values())
    objectives = [welfare] * game.n_players
    return _answer(game, "efficient", objectives, "KKT conditions of the utilitarian optimum")
