"""Two definitions of "complete denuclearization": two-issue bargaining (argument 01).

**Model (reconstruction; the numbers are the calibration's assumptions).** A package is
``(scope, relief)`` in [0, 1]^2: ``scope`` is the fraction of the US definition of
complete denuclearization carried out (weapons, bomb fuel, facilities, missiles,
scientists: the Hanoi document), ``relief`` the fraction of sanctions relief and
security guarantees granted. Utilities are linear, outside options 0 (no deal):

* North Korea: ``R relief - kappa scope`` with ``kappa = C / s_N + q X``: its own
  definition covers a share ``s_N`` of the US scope at cost ``C`` (the tree
  calibration's cost of disarming), the rest costs proportionally more, and a disarmed
  state runs the regime risk ``q X``;
* the US: ``G scope - T relief``.

Each side's win-set (Putnam 1988) is a cone: North Korea accepts iff
``relief / scope >= kappa / R``, the US iff ``relief / scope <= G / T``. So the
all-for-all package ``(1, 1)`` lies outside North Korea's win-set iff ``kappa > R``,
and packages with ``kappa / R <= relief / scope <= G / T`` lie in both iff
``kappa / R <= G / T``. :func:`all_for_all_condition` and :func:`overlap_condition` give
these conditions; :func:`definitions_analysis` checks them with :func:`gametheory.win_sets`.
The Nash (1950) and Rubinstein (1982) divisions use the engine's solvers.

Examples
--------
>>> from gametheory.models.calibration import DPRK_2019
>>> a = definitions_analysis(DPRK_2019)
>>> a.accepted["all for all"], a.accepted["Yongbyon plus alpha for most relief"]
({'US': True, 'DPRK': False}, {'US': True, 'DPRK': True})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from ..games.bargaining import BargainingProblem, Issue, MultiIssueBargaining
from ..solve.bargaining import (
    BargainingSolution,
    RubinsteinSolution,
    WinSets,
    nash_bargaining,
    rubinstein,
    win_sets,
)
from .calibration import (
    ATTACK_RISK,
    DEFINITION_SHARE,
    DISARM_COST,
    DISARM_VALUE_US,
    PATIENCE_DPRK,
    PATIENCE_US,
    REGIME_LOSS,
    RELIEF_VALUE,
    RENEGE_GAIN,
    Calibration,
)

__all__ = [
    "PACKAGES",
    "scope_cost",
    "definitions_game",
    "all_for_all_condition",
    "overlap_condition",
    "definition_share_threshold",
    "DefinitionsAnalysis",
    "definitions_analysis",
    "nash_division",
    "rubinstein_division",
]

PACKAGES: Mapping[str, tuple[sp.Expr, sp.Expr]] = {
    "all for all": (sp.Integer(1), sp.Integer(1)),
    "Yongbyon for partial relief": (sp.Rational(2, 5), sp.Rational(3, 5)),
    "Yongbyon plus alpha for most relief": (sp.Rational(1, 2), sp.Rational(3, 4)),
    "freeze for a freeze": (sp.Rational(1, 10), sp.Rational(1, 10)),
}
"""Named packages (scope, relief); the partial ones are illustrations after Park (2020)."""

_VALUES = (RELIEF_VALUE, DISARM_COST, DISARM_VALUE_US, RENEGE_GAIN, REGIME_LOSS, ATTACK_RISK,
           DEFINITION_SHARE)


def scope_cost() -> sp.Expr:
    """``kappa = C / s_N + q X``: North Korea's cost of the full US scope."""
    return DISARM_COST / DEFINITION_SHARE + ATTACK_RISK * REGIME_LOSS


def definitions_game(cal: Calibration | None = None) -> MultiIssueBargaining:
    """The two-issue game; symbolic in the declared parameters unless a calibration is given."""
    scope = Issue("scope", 0, 1, "fraction of the US definition of complete denuclearization")
    relief = Issue("relief", 0, 1, "fraction of sanctions relief and security guarantees")
    s, r = scope.symbol, relief.symbol
    game = MultiIssueBargaining(
        [scope, relief],
        {"US": DISARM_VALUE_US * s - RENEGE_GAIN * r, "DPRK": RELIEF_VALUE * r - scope_cost() * s},
        {"US": 0, "DPRK": 0},
        title="What 'complete denuclearization' means",
    )
    return game if cal is None else game.subs({p: cal[p] for p in _VALUES})


def all_for_all_condition() -> sp.Rel:
    """Where the all-for-all package lies outside North Korea's win-set: ``kappa > R``."""
    return sp.StrictGreaterThan(scope_cost(), RELIEF_VALUE)


def overlap_condition() -> sp.Rel:
    """Where some package with positive scope lies in both win-sets: ``kappa / R <= G / T``."""
    return sp.Le(scope_cost() * RENEGE_GAIN, DISARM_VALUE_US * RELIEF_VALUE)


def definition_share_threshold() -> sp.Expr:
    """The ``s_N`` above which all-for-all enters North Korea's win-set: ``C / (R - q X)``.

    Solved with sympy from :func:`all_for_all_condition` (valid when ``R > q X``).
    """
    return sp.solve(sp.Eq(scope_cost(), RELIEF_VALUE), DEFINITION_SHARE)[0]


@dataclass(frozen=True)
class DefinitionsAnalysis:
    """Win-sets at a calibration and which named packages each side accepts.

    Attributes
    ----------
    win_sets
        :func:`gametheory.win_sets` of the game.
    accepted
        Per named package, per side, whether the side accepts it.
    in_both
        Named packages both sides accept.
    all_for_all_outside_dprk, overlap
        The two claims, from the closed-form conditions at the calibration.
    """

    calibration: str
    win_sets: WinSets
    accepted: Mapping[str, Mapping[str, bool]]
    in_both: tuple[str, ...]
    all_for_all_outside_dprk: bool
    overlap: bool


def definitions_analysis(cal: Calibration) -> DefinitionsAnalysis:
    """Win-sets, accepted packages and the two claims of argument 01 at a calibration."""
    game = definitions_game(cal)
    ws = win_sets(game)
    accepted = {
        name: {p: bool(game.acceptable(p, {"scope": s, "relief": r})) for p in game.players}
        for name, (s, r) in PACKAGES.items()
    }
    point = {p: cal[p] for p in _VALUES}
    return DefinitionsAnalysis(
        calibration=cal.name, win_sets=ws, accepted=accepted,
        in_both=tuple(n for n, a in accepted.items() if all(a.values())),
        all_for_all_outside_dprk=bool(all_for_all_condition().xreplace(point)),
        overlap=bool(overlap_condition().xreplace(point)),
    )


def _utility_points(cal: Calibration) -> list[tuple[sp.Expr, sp.Expr]]:
    game = definitions_game(cal)
    return [(game.utility("US", {"scope": s, "relief": r}),
             game.utility("DPRK", {"scope": s, "relief": r}))
            for s in (0, 1) for r in (0, 1)]


def nash_division(cal: Calibration) -> tuple[BargainingSolution, dict[str, sp.Expr]]:
    """The Nash bargaining solution over the packages' utilities, and its package.

    The feasible set is the image of the box of packages (a parallelogram); the
    disagreement point is no deal (0, 0). The package is recovered by inverting the
    linear map from (scope, relief) to (u_US, u_DPRK).
    """
    problem = BargainingProblem(points=_utility_points(cal), disagreement=(0, 0),
                                players=("US", "DPRK"))
    sol = nash_bargaining(problem)
    game = definitions_game(cal)
    s, r = game.symbols
    found = sp.solve([sp.Eq(game.utilities["US"], sol.utilities[0]),
                      sp.Eq(game.utilities["DPRK"], sol.utilities[1])], [s, r], dict=True)
    package = {"scope": found[0][s], "relief": found[0][r]} if found else {}
    return sol, package


def rubinstein_division(cal: Calibration, proposer: str = "US") -> tuple[sp.Expr, RubinsteinSolution]:
    """Rubinstein shares of the largest joint surplus of a package in both win-sets.

    Returns ``(pie, solution)``: the pie is the maximum of ``u_US + u_DPRK`` over the
    vertices of the intersection of the win-sets; the solution's player 0 is the
    ``proposer``; its discount factors are ``patience_us`` and ``patience_dprk``.
    """
    ws = win_sets(definitions_game(cal))
    game = definitions_game(cal)
    pie = max((game.utility("US", {"scope": v[0], "relief": v[1]})
               + game.utility("DPRK", {"scope": v[0], "relief": v[1]})
               for v in ws.vertices.get("all", [])), default=sp.Integer(0))
    d = {"US": cal[PATIENCE_US], "DPRK": cal[PATIENCE_DPRK]}
    other = "DPRK" if proposer == "US" else "US"
    return pie, rubinstein(d[proposer], d[other], pie, players=(proposer, other))
