"""Argument 09: a multilateral, multilevel dialogue: the Six-Party Talks.

Two models.

1. The six parties as a coalitional game. *Assumption* (ours, not a published
   estimate): a deal needs both the United States and North Korea (each a veto
   player); it creates a surplus normalised to 1, and each other party ``i`` in the
   coalition adds ``a_i`` (China's enforcement of sanctions, South Korea's and Japan's
   money, Russia's guarantees). So ``v(S) = 1 + sum_{i in S, i not veto} a_i`` when both
   veto players are in ``S``, else 0. The contributions are declared parameters with
   ranges; the Shapley value and the core come from :func:`gametheory.shapley_value` and
   :func:`gametheory.core`. By linearity and symmetry of the Shapley value (Shapley
   1953), ``v`` is a sum of unanimity games, so each veto player gets
   ``1/2 + sum_i a_i / 3`` and party ``i`` gets ``a_i / 3``: a result the tests check
   against the solver.
2. Multilateral punishment in the repeated game (after Bernheim and Whinston 1990:
   adding punishers pools incentive constraints). North Korea's stage payoff is ``b_j``
   from each partner ``j`` that cooperates, plus ``G`` if it keeps its programme
   (defects); a partner gains 1 from cooperating with a compliant North Korea, loses
   ``l`` cooperating with a defecting one and gets 0 when it punishes. Under the n-player
   grim trigger the patience threshold is ``G / sum_j b_j`` (derived here with sympy from
   the value equations, and by :func:`gametheory.discount_threshold`): it falls as
   punishers join, and with too few punishers no discount factor works. *Reconstruction*.

Examples
--------
>>> from gametheory.models import six_party
>>> six_party.punishment_threshold(3, benefit=1, program_value=2)
2/3
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import sympy as sp

from ..errors import ParameterError, SolverError
from ..games.coalitional import CoalitionalGame
from ..games.normal_form import NormalFormGame
from ..games.repeated import RepeatedGame
from ..symbolic import exact, parameter, parameter_info

__all__ = [
    "PARTIES",
    "VETO_PLAYERS",
    "CONTRIBUTIONS",
    "PARTNER_BENEFIT",
    "PROGRAM_VALUE",
    "PUNISHMENT_PATIENCE",
    "six_party_game",
    "six_party_shapley",
    "shapley_closed_form",
    "six_party_core",
    "shapley_table",
    "multilateral_stage_game",
    "multilateral_game",
    "PUNISHERS",
    "punishment_threshold",
    "punishment_threshold_formula",
    "punishment_threshold_from_solver",
    "minimal_punishers",
    "threshold_by_punishers",
]

PARTIES = ("United States", "North Korea", "South Korea", "China", "Japan", "Russia")
VETO_PLAYERS = ("United States", "North Korea")

_ASSUMED = "ASSUMPTION (characteristic function of the Six-Party Talks); varied over the range"
CONTRIBUTIONS: Mapping[str, sp.Symbol] = {
    "South Korea": parameter(
        "contribution_rok", "nonnegative", unit="share of the bilateral surplus",
        description="what South Korea adds to a deal (financing, economic cooperation)",
        default="1/2", plausible_range=("1/4", 1), source=_ASSUMED,
    ),
    "China": parameter(
        "contribution_china", "nonnegative", unit="share of the bilateral surplus",
        description="what China adds to a deal (enforcement of sanctions, trade)",
        default="1/2", plausible_range=("1/4", 1), source=_ASSUMED,
    ),
    "Japan": parameter(
        "contribution_japan", "nonnegative", unit="share of the bilateral surplus",
        description="what Japan adds to a deal (financing)",
        default="1/4", plausible_range=("1/10", "1/2"), source=_ASSUMED,
    ),
    "Russia": parameter(
        "contribution_russia", "nonnegative", unit="share of the bilateral surplus",
        description="what Russia adds to a deal (guarantees, energy)",
        default="1/10", plausible_range=(0, "1/4"), source=_ASSUMED,
    ),
}

PARTNER_BENEFIT = parameter(
    "partner_benefit", "positive", unit="per period",
    description="North Korea's benefit per period from one cooperating partner",
    default=1, plausible_range=(1, 1), source="ASSUMPTION (numeraire)",
)
PROGRAM_VALUE = parameter(
    "program_value", "positive", unit="per period, in partner benefits",
    description="North Korea's per-period value of keeping its programme (defecting)",
    default="3/2", plausible_range=("1/2", 4), source="ASSUMPTION",
)
PUNISHMENT_PATIENCE = parameter(
    "punishment_patience", "discount", unit="per period",
    description="common discount factor in the multilateral repeated game",
    default="9/10", plausible_range=("1/2", "99/100"), source="ASSUMPTION",
)


# ----------------------------------------------------------------- coalitional game


def six_party_game(
    contributions: Mapping[str, Any] | None = None,
    veto: Sequence[str] = VETO_PLAYERS,
    players: Sequence[str] = PARTIES,
) -> CoalitionalGame:
    """The Six-Party Talks as a coalitional game (see the module docstring).

    Parameters
    ----------
    contributions
        Per non-veto party, what it adds to a deal (numbers or expressions). Default:
        the declared parameters :data:`CONTRIBUTIONS` (symbolic).
    veto
        The parties without whom there is no deal.
    players
        The parties.
    """
    players = tuple(players)
    unknown = [v for v in veto if v not in players]
    if unknown:
        raise ParameterError(f"six_party_game: veto player(s) {unknown} are not among {players}")
    given = dict(CONTRIBUTIONS if contributions is None else contributions)
    others = [p for p in players if p not in veto]
    missing = [p for p in others if p not in given]
    if missing:
        raise ParameterError(f"six_party_game: no contribution given for {missing}")
    extra = [p for p in given if p not in others]
    if extra:
        raise ParameterError(f"six_party_game: contributions given for {extra}, not non-veto parties")
    a = {p: exact(given[p], where=f"contribution of {p}") for p in others}

    def value(coalition: frozenset[str]) -> sp.Expr:
        if not all(v in coalition for v in veto):
            return sp.Integer(0)
        return 1 + sum((a[p] for p in coalition if p in a), sp.Integer(0))

    return CoalitionalGame(players, value, title="Six-Party Talks")


def six_party_shapley(game: CoalitionalGame | None = None) -> dict[str, sp.Expr]:
    """Shapley value of the six-party game, from :func:`gametheory.shapley_value`."""
    from ..solve.cooperative import shapley_value

    result = shapley_value(game if game is not None else six_party_game())
    return {p: sp.simplify(v) for p, v in result.values.items()}


def shapley_closed_form(
    contributions: Mapping[str, Any] | None = None, veto: Sequence[str] = VETO_PLAYERS
) -> dict[str, sp.Expr]:
    """Shapley value from the unanimity-game decomposition (Shapley 1953), for checking.

    ``v = u_V + sum_i a_i u_{V + i}`` with ``u_T`` the unanimity game of ``T``; each
    unanimity game splits its worth equally among ``T``.
    """
    given = dict(CONTRIBUTIONS if contributions is None else contributions)
    a = {p: exact(v) for p, v in given.items()}
    k = len(veto)
    out = {v: sp.Rational(1, k) + sum((x / (k + 1) for x in a.values()), sp.Integer(0))
           for v in veto}
    out.update({p: x / (k + 1) for p, x in a.items()})
    return out


def six_party_core(contributions: Mapping[str, Any] | None = None) -> Any:
    """The core of the six-party game at numbers (default: declared defaults)."""
    from ..solve.cooperative import core

    if contributions is None:
        contributions = {p: parameter_info(s).default for p, s in CONTRIBUTIONS.items()}
    return core(six_party_game(contributions))


def shapley_table(contributions: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows ``{party, contribution, shapley, share}`` at numbers, for the paper."""
    if contributions is None:
        contributions = {p: parameter_info(s).default for p, s in CONTRIBUTIONS.items()}
    phi = six_party_shapley(six_party_game(contributions))
    total = sum(phi.values(), sp.Integer(0))
    return [
        {"party": p, "contribution": exact(contributions[p]) if p in contributions else None,
         "shapley": phi[p], "share": sp.simplify(phi[p] / total)}
        for p in PARTIES
    ]


# ----------------------------------------------------- multilateral punishment


def _partners(punishers: int | Sequence[str]) -> tuple[str, ...]:
    if isinstance(punishers, int) and not isinstance(punishers, bool):
        if not 1 <= punishers <= len(PARTIES) - 1:
            raise ParameterError(
                f"the number of punishers must be between 1 and {len(PARTIES) - 1}, got {punishers}"
            )
        return tuple(p for p in PARTIES if p != "North Korea")[:punishers]
    names = tuple(str(p) for p in punishers)  # type: ignore[union-attr]
    if not names or "North Korea" in names or len(set(names)) != len(names):
        raise ParameterError(f"punishers must be distinct parties other than North Korea: {names}")
    return names


def multilateral_stage_game(
    punishers: int | Sequence[str],
    benefit: Any = PARTNER_BENEFIT,
    program_value: Any = PROGRAM_VALUE,
    partner_loss: Any = 1,
    leakage: Mapping[str, Any] | None = None,
    punishment_cost: Mapping[str, Any] | None = None,
) -> NormalFormGame:
    """North Korea against ``k`` partners, each choosing ``C`` (cooperate) or ``D`` (punish).

    North Korea: ``b`` per cooperating partner and ``lambda_j b`` per punishing one (the
    sanctions leakage ``lambda_j``, 0 by default), plus ``G`` if it plays ``D`` (keeps its
    programme). Partner ``j``: 1 cooperating with a compliant North Korea, ``-l_j``
    cooperating with a defecting one, ``-c_j`` when punishing (the punishment cost, 0 by
    default). With ``c_j <= l_j`` for every partner, ``(D, ..., D)`` is a stage
    equilibrium, so the grim trigger's punishment is credible; a partner with
    ``c_j > l_j`` would rather keep trading with a defector (it free-rides on the others).
    ``partner_loss`` is one number for all partners or a mapping by party.
    """
    import itertools

    import numpy as np

    partners = _partners(punishers)
    b, g = exact(benefit), exact(program_value)
    lam = {p: exact((leakage or {}).get(p, 0), where=f"leakage of {p}") for p in partners}
    cost = {p: exact((punishment_cost or {}).get(p, 0), where=f"punishment cost of {p}")
            for p in partners}
    loss = {p: exact(partner_loss[p] if isinstance(partner_loss, Mapping) else partner_loss)
            for p in partners}
    n = 1 + len(partners)
    shape = (n,) + (2,) * n
    payoffs = np.empty(shape, dtype=object)
    for prof in itertools.product((0, 1), repeat=n):
        nk_defects = prof[0] == 1
        payoffs[(0, *prof)] = sum((b if a == 0 else lam[p] * b
                                   for p, a in zip(partners, prof[1:], strict=True)),
                                  sp.Integer(0)) + (g if nk_defects else 0)
        for j, p in enumerate(partners, start=1):
            if prof[j] == 1:
                payoffs[(j, *prof)] = -cost[p]
            else:
                payoffs[(j, *prof)] = -loss[p] if nk_defects else sp.Integer(1)
    return NormalFormGame(
        payoffs, players=("North Korea", *partners), strategies=[("C", "D")] * n,
        title=f"North Korea and {len(partners)} punisher(s)",
    )


def multilateral_game(
    punishers: int | Sequence[str],
    discount_factor: Any = PUNISHMENT_PATIENCE,
    benefit: Any = PARTNER_BENEFIT,
    program_value: Any = PROGRAM_VALUE,
) -> RepeatedGame:
    """The repeated multilateral game (perfect monitoring)."""
    return RepeatedGame(multilateral_stage_game(punishers, benefit, program_value), discount_factor)


def punishment_threshold(
    punishers: int | Sequence[str],
    benefit: Any = PARTNER_BENEFIT,
    program_value: Any = PROGRAM_VALUE,
) -> sp.Expr:
    """Least discount factor for the n-player grim trigger, derived with sympy.

    Cooperation is worth ``k b`` per period (normalised value); a one-shot deviation by
    North Korea gives ``(1 - d)(k b + G) + d G``; partners have no gain from deviating.
    Solving equality for ``d`` gives ``G / (k b)``. A value of 1 or more means no
    discount factor sustains cooperation with this many punishers.
    """
    k = len(_partners(punishers))
    b, g = exact(benefit), exact(program_value)
    # Derived once in symbols; the table and the figure ask for it many times.
    symbolic = _punishment_threshold_symbolic()
    kk, bb, gg = sp.symbols("k b G", positive=True)
    value = symbolic.subs({kk: k, bb: b, gg: g}, simultaneous=True)
    return value if value.is_number else sp.simplify(value)


PUNISHERS = sp.Symbol("k", positive=True, integer=True)
"""The number of punishing partners, as a symbol for :func:`punishment_threshold_formula`."""


def punishment_threshold_formula() -> sp.Expr:
    """The threshold of :func:`punishment_threshold` for a symbolic number of punishers.

    In :data:`PUNISHERS`, :data:`PARTNER_BENEFIT` and :data:`PROGRAM_VALUE`: ``G / (k b)``.
    """
    k, b, g = sp.symbols("k b G", positive=True)
    return _punishment_threshold_symbolic().subs(
        {k: PUNISHERS, b: PARTNER_BENEFIT, g: PROGRAM_VALUE}, simultaneous=True
    )


@cache
def _punishment_threshold_symbolic() -> sp.Expr:
    k, b, g = sp.symbols("k b G", positive=True)
    d = sp.Symbol("d", positive=True)
    cooperate = k * b
    deviate = (1 - d) * (k * b + g) + d * g
    roots = sp.solve(sp.Eq(cooperate, deviate), d)
    if len(roots) != 1:
        raise SolverError(f"expected one threshold, got {roots}")
    return sp.simplify(roots[0])


def punishment_threshold_from_solver(
    punishers: int | Sequence[str], benefit: Any = 1, program_value: Any = "3/2"
) -> Any:
    """The same threshold from :func:`gametheory.discount_threshold` (grim trigger for all)."""
    from ..games.automata import grim_trigger
    from ..solve.repeated import discount_threshold

    game = multilateral_game(punishers, PUNISHMENT_PATIENCE, benefit, program_value)
    return discount_threshold(game, tuple(grim_trigger() for _ in range(game.n_players)))


def minimal_punishers(
    discount_factor: Any, benefit: Any = None, program_value: Any = None
) -> int | None:
    """Fewest punishers (1..5) at whose threshold ``discount_factor`` suffices; None if none.

    ``benefit`` and ``program_value`` default to the declared defaults of
    :data:`PARTNER_BENEFIT` and :data:`PROGRAM_VALUE`.
    """
    d = parameter_info(PUNISHMENT_PATIENCE).check(discount_factor)
    benefit = parameter_info(PARTNER_BENEFIT).default if benefit is None else benefit
    if program_value is None:
        program_value = parameter_info(PROGRAM_VALUE).default
    for k in range(1, len(PARTIES)):
        thr = punishment_threshold(k, benefit, program_value)
        if bool(thr < 1) and bool(d >= thr):
            return k
    return None


def threshold_by_punishers(
    benefit: Any = PARTNER_BENEFIT, program_value: Any = PROGRAM_VALUE
) -> list[dict[str, Any]]:
    """Rows ``{punishers, threshold, feasible}`` for k = 1..5 (table/figure of argument 09)."""
    rows = []
    for k in range(1, len(PARTIES)):
        thr = punishment_threshold(k, benefit, program_value)
        feasible = sp.simplify(thr < 1)
        rows.append({"punishers": k, "threshold": thr, "feasible": feasible})
    return rows
