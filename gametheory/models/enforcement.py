"""Argument 09, continued: multilateral punishment that leaks, costs, and invites free riding.

:mod:`gametheory.models.six_party` lets every partner punish at no cost and cut North
Korea off completely. Here, *reconstruction* after Bernheim and Whinston (1990) with
the free-riding logic of Olson and Zeckhauser (1966) used in argument 08:

* **Leakage.** While partner ``j`` punishes, North Korea still receives the share
  ``lambda_j`` of what ``j`` gave it (trade across the Chinese and Russian borders);
  ``lambda_j`` is an ASSUMPTION for China and Russia, 0 for the others.
* **Costly punishment.** Partner ``j`` pays ``c_j`` per period while it punishes and
  loses ``l_j`` per period trading with a North Korea that keeps its programme. Its
  stake ``l_j`` is its exposure ``v_j`` from the financing game
  (:data:`gametheory.models.financing.EXPOSURES`), so the two arguments share one
  valuation of denuclearization.
* **Free riding.** Punishing is a stage best response against a defecting North Korea
  iff ``c_j <= l_j``; a partner whose cost exceeds its own stake prefers to keep trading
  whatever the others do, so no grim-trigger equilibrium counts on it
  (:func:`credible_punishers`): each partner weighs only its own stake, as in 08.

With credible punishers ``P`` the grim trigger sustains compliance iff
``delta >= G / sum_{j in P} (1 - lambda_j) b`` (:func:`enforcement_threshold`, derived
with sympy and checked against :func:`gametheory.discount_threshold`).

Examples
--------
>>> from gametheory.models import enforcement as en
>>> en.credible_punishers()
('United States', 'South Korea', 'Japan')
>>> en.enforcement_threshold(["United States", "China"], program_value=1,
...                          leakage={"China": "1/2"})
2/3
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.sensitivity import vectorised
from ..errors import ParameterError, SolverError
from ..symbolic import exact, parameter, parameter_info
from .calibration import Calibration
from .financing import EXPOSURES
from .six_party import PARTIES, PARTNER_BENEFIT, PROGRAM_VALUE, PUNISHMENT_PATIENCE

__all__ = [
    "PARTNERS",
    "LEAKAGE",
    "PUNISHMENT_COSTS",
    "SIX_PARTY",
    "credible_punishers",
    "enforcement_threshold",
    "enforcement_threshold_formula",
    "enforcement_from_solver",
    "effective_threshold",
    "multilateral_deal_holds",
    "enforcement_margin",
]

PARTNERS = tuple(p for p in PARTIES if p != "North Korea")
_ASSUMED = "ASSUMPTION; varied over the range"

LEAKAGE: Mapping[str, sp.Symbol] = {
    "China": parameter(
        "leakage_china", "probability", unit="share of China's benefit to North Korea",
        description="share of what China gives North Korea that still flows while China "
        "punishes (sanctions leakage)", default="1/2", plausible_range=("1/4", "3/4"),
        source=_ASSUMED),
    "Russia": parameter(
        "leakage_russia", "probability", unit="share of Russia's benefit to North Korea",
        description="share of what Russia gives North Korea that still flows while Russia "
        "punishes (sanctions leakage)", default="1/2", plausible_range=("1/4", "3/4"),
        source=_ASSUMED),
}

PUNISHMENT_COSTS: Mapping[str, sp.Symbol] = {
    party: parameter(
        f"punish_cost_{key}", "nonnegative", unit="$bn (as the exposures)",
        description=f"what punishing North Korea costs {party} per period (c_j)",
        default=default, plausible_range=rng, source=_ASSUMED)
    for party, key, default, rng in (
        ("United States", "us", 1, ("1/2", 4)),
        ("South Korea", "rok", 3, (1, 8)),
        ("Japan", "japan", 1, ("1/2", 4)),
        ("China", "china", 4, (1, 8)),
        ("Russia", "russia", "3/2", ("1/2", 3)),
    )
}

_SYMBOLS = (*LEAKAGE.values(), *PUNISHMENT_COSTS.values(), *EXPOSURES.values(), PROGRAM_VALUE,
            PUNISHMENT_PATIENCE)
SIX_PARTY = Calibration(
    name="SIX_PARTY",
    description="multilateral enforcement (argument 09): leakage, punishment costs, the "
    "partners' stakes (their exposures in argument 08), the programme's value and patience; "
    "all ASSUMPTIONS at their declared defaults and ranges",
    values={s: parameter_info(s).default for s in _SYMBOLS},
    ranges={s: parameter_info(s).plausible_range or (parameter_info(s).default,) * 2
            for s in _SYMBOLS},
)
"""Calibration of the enforcement model for :mod:`gametheory.analysis.sensitivity`."""


def _value(given: Mapping[str, Any] | None, table: Mapping[str, sp.Symbol], party: str,
           fallback: Any = 0) -> sp.Expr:
    if given is not None and party in given:
        return exact(given[party], where=f"{party}")
    if party in table:
        return exact(parameter_info(table[party]).default)
    return exact(fallback)


def credible_punishers(costs: Mapping[str, Any] | None = None,
                       stakes: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """Partners for whom punishing a defecting North Korea is a stage best response.

    ``c_j <= l_j``: the cost of punishing is at most the partner's own stake (its
    exposure). Defaults: the declared defaults of :data:`PUNISHMENT_COSTS` and
    :data:`~gametheory.models.financing.EXPOSURES`.
    """
    out = []
    for p in PARTNERS:
        if bool(_value(costs, PUNISHMENT_COSTS, p) <= _value(stakes, EXPOSURES, p)):
            out.append(p)
    return tuple(out)


@cache
def _threshold_symbolic(k: int) -> tuple[sp.Expr, tuple[sp.Symbol, ...]]:
    lam = sp.symbols(f"lambda_1:{k + 1}", nonnegative=True)
    b, g, d = sp.symbols("b G d", positive=True)
    cooperate = k * b
    # A one-shot deviation: keep the programme today, then grim punishment for ever with
    # the leaked benefits sum lambda_j b still flowing.
    deviate = (1 - d) * (k * b + g) + d * (sum(lam, sp.Integer(0)) * b + g)
    roots = sp.solve(sp.Eq(cooperate, deviate), d)
    if len(roots) != 1:
        raise SolverError(f"expected one threshold, got {roots}")
    return sp.simplify(roots[0]), lam


def enforcement_threshold_formula(k: int) -> sp.Expr:
    """The threshold for ``k`` punishers in symbols ``lambda_1..lambda_k``, ``b`` and ``G``:
    ``G / (b sum_j (1 - lambda_j))``."""
    return _threshold_symbolic(k)[0]


def enforcement_threshold(
    punishers: Sequence[str], program_value: Any = PROGRAM_VALUE,
    leakage: Mapping[str, Any] | None = None, benefit: Any = None,
) -> sp.Expr:
    """Least discount factor at which the grim trigger of ``punishers`` sustains compliance.

    ``leakage`` by party (default: the declared defaults for China and Russia, 0 for the
    others). A value of 1 or more (``sp.oo`` when nothing is cut off) means no patience
    suffices.
    """
    names = tuple(punishers)
    bad = [p for p in names if p not in PARTNERS]
    if bad or len(set(names)) != len(names) or not names:
        raise ParameterError(f"punishers must be distinct parties among {PARTNERS}, got {names}")
    expr, lam = _threshold_symbolic(len(names))
    values = {s: _value(leakage, LEAKAGE, p) for s, p in zip(lam, names, strict=True)}
    b, g = sp.symbols("b G", positive=True)
    cut = sum((1 - v for v in values.values()), sp.Integer(0))
    if cut.is_number and cut == 0:
        return sp.oo
    bb = parameter_info(PARTNER_BENEFIT).default if benefit is None else benefit
    out = expr.subs({**values, b: exact(bb), g: exact(program_value)}, simultaneous=True)
    return sp.simplify(out)


def enforcement_from_solver(
    punishers: Sequence[str], program_value: Any = 1,
    leakage: Mapping[str, Any] | None = None, costs: Mapping[str, Any] | None = None,
    stakes: Mapping[str, Any] | None = None,
) -> Any:
    """:func:`gametheory.discount_threshold` of the grim trigger in the stage game of
    :func:`~gametheory.models.six_party.multilateral_stage_game` with leakage and costly
    punishment (an independent check of :func:`enforcement_threshold` and of credibility)."""
    from ..games.automata import grim_trigger
    from ..games.repeated import RepeatedGame
    from ..solve.repeated import discount_threshold
    from .six_party import multilateral_stage_game

    names = tuple(punishers)
    stage = multilateral_stage_game(
        names, 1, program_value,
        partner_loss={p: _value(stakes, EXPOSURES, p) for p in names},
        leakage={p: _value(leakage, LEAKAGE, p) for p in names},
        punishment_cost={p: _value(costs, PUNISHMENT_COSTS, p) for p in names},
    )
    game = RepeatedGame(stage, PUNISHMENT_PATIENCE)
    return discount_threshold(game, tuple(grim_trigger() for _ in range(game.n_players)))


def effective_threshold(
    costs: Mapping[str, Any] | None = None, stakes: Mapping[str, Any] | None = None,
    leakage: Mapping[str, Any] | None = None, program_value: Any = None,
) -> dict[str, Any]:
    """``{"punishers", "threshold"}``: the credible punishers and their threshold
    (``sp.oo`` if there is none). ``program_value`` defaults to its declared default."""
    g = parameter_info(PROGRAM_VALUE).default if program_value is None else program_value
    who = credible_punishers(costs, stakes)
    thr = enforcement_threshold(who, g, leakage) if who else sp.oo
    return {"punishers": who, "threshold": thr}


# ------------------------------------------------------------- verdicts for sensitivity
@vectorised
def enforcement_margin(values: Mapping[str, Any]) -> Any:
    """Patience less the threshold of the credible punishers (vectorised; -1 if none)."""
    d = np.asarray(values["punishment_patience"], float)
    cut = np.zeros(np.broadcast(d, values["program_value"]).shape)
    for p in PARTNERS:
        credible = (np.asarray(values[PUNISHMENT_COSTS[p].name], float)
                    <= np.asarray(values[EXPOSURES[p].name], float))
        lam = np.asarray(values[LEAKAGE[p].name], float) if p in LEAKAGE else 0.0
        cut = cut + np.where(credible, 1.0 - lam, 0.0)
    with np.errstate(divide="ignore"):
        threshold = np.where(cut > 0, np.asarray(values["program_value"], float) / cut, np.inf)
    return np.where(np.isfinite(threshold), d - threshold, -1.0)


@vectorised
def multilateral_deal_holds(values: Mapping[str, Any]) -> Any:
    """Verdict (vectorised): the credible punishers, with leakage, sustain compliance."""
    return enforcement_margin(values) >= 0


