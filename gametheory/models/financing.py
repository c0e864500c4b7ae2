"""Argument 08: paying for it: scientists, dismantling, free riders, side payments.

"Moving thousands of scientists costs billions; South Korea must find the economic
solution; the rest of the world will not lead." Four pieces:

1. Cost figures (:func:`cost_table`): a lower bound on the ISTC's funding per supported
   scientist (the funding known is part of the lifetime total, the 58,000 scientists
   are the lifetime count), applied to the about 2,000 staff of Yongbyon, beside the
   range of published estimates of the whole job ($0.1bn to over $200bn). All figures
   come from :mod:`gametheory.models.calibration`.
2. Burden sharing as private provision of a public good (Olson and Zeckhauser 1966,
   reconstruction as in LITERATURE.md): each financier ``i`` values the total ``G``
   spent on denuclearization at ``v_i ln G`` and pays its own ``g_i``. Solved by
   :func:`gametheory.nash_contributions` and :func:`gametheory.samuelson_level`: only
   the most exposed financier pays, ``G = max v_i``, against the efficient
   ``G = sum v_i``. The exposures are ASSUMPTIONS (declared with ranges): South Korea,
   under direct threat, the most exposed.
3. South Korea's side payment ``s`` enlarges the set of acceptable deals
   (:func:`acceptable_deals`): packages of disarmament scope ``x`` and sanctions relief
   ``r`` that North Korea (``r R + s - x C >= 0``) and the United States
   (``x G - r T >= 0``) both accept, from :func:`gametheory.win_sets`; the area grows
   with ``s``.
4. Financing shortens the step-by-step path (:func:`steps_with_financing`): a payment
   ``sigma`` per period to North Korea while peace holds, forfeited on conflict, raises
   its cost of conflict from ``c_D`` to ``c_D + sigma / (1 - d)`` in the commitment model
   of :mod:`gametheory.models.commitment`, whose :func:`minimal_steps` then falls.
   :func:`big_deal_payment` derives, with sympy, the payment at which one step suffices.

Examples
--------
>>> from gametheory.models import financing
>>> financing.steps_with_financing(0), financing.steps_with_financing("1/10")
(3, 2)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import sympy as sp

from ..analysis.sensitivity import vectorised
from ..errors import ParameterError, SolverError
from ..games.bargaining import MultiIssueBargaining
from ..games.continuous import PublicGoodsGame
from ..solve.bargaining import win_sets
from ..solve.public_goods import ContributionSolution, nash_contributions, samuelson_level
from ..symbolic import exact, parameter, parameter_info
from .calibration import (
    DISARM_COST,
    DISARM_VALUE_US,
    DISMANTLE_COST,
    DPRK_2019,
    ISTC_EU,
    ISTC_JAPAN,
    ISTC_SCIENTISTS,
    ISTC_US,
    KEDO_JAPAN,
    KEDO_LWR_BUDGET,
    KEDO_ROK,
    KEDO_ROK_SHARE,
    NUCLEAR_STAFF,
    RELIEF_VALUE,
    RENEGE_GAIN,
    Calibration,
)
from .commitment import big_deal_breakdown_condition, commitment_model, minimal_steps

__all__ = [
    "FINANCIERS",
    "EXPOSURES",
    "cost_table",
    "istc_cost_per_scientist",
    "burden_sharing_game",
    "burden_sharing",
    "olson_zeckhauser",
    "kedo_shares",
    "deal_problem",
    "acceptable_deals",
    "polygon_area",
    "acceptable_area",
    "steps_with_financing",
    "big_deal_payment",
    "steps_by_payment",
    "FINANCING",
    "rok_pays_alone",
    "rok_exposure_margin",
]

_ASSUMED = "ASSUMPTION (exposure to the North Korean threat); varied over the range"

FINANCIERS = ("South Korea", "United States", "Japan", "China", "Russia")
"""The five outside financiers of the Six-Party Talks (the EU, a KEDO member, can be
added through ``players`` with an exposure; five keep the KKT enumeration fast)."""
EXPOSURES: Mapping[str, sp.Symbol] = {
    "South Korea": parameter(
        "exposure_rok", "positive", unit="$bn", default=10, plausible_range=(5, 20),
        description="South Korea's valuation scale of denuclearization (v_i)", source=_ASSUMED),
    "United States": parameter(
        "exposure_us", "positive", unit="$bn", default=6, plausible_range=(2, 10),
        description="the United States' valuation scale of denuclearization", source=_ASSUMED),
    "Japan": parameter(
        "exposure_japan", "positive", unit="$bn", default=4, plausible_range=(2, 8),
        description="Japan's valuation scale of denuclearization", source=_ASSUMED),
    "China": parameter(
        "exposure_china", "positive", unit="$bn", default=2, plausible_range=("1/2", 4),
        description="China's valuation scale of denuclearization", source=_ASSUMED),
    "Russia": parameter(
        "exposure_russia", "positive", unit="$bn", default=1, plausible_range=("1/4", 2),
        description="Russia's valuation scale of denuclearization", source=_ASSUMED),
}

_SIDE_PAYMENT = parameter(
    "side_payment", "nonnegative", unit="$bn (present value)",
    description="South Korea's side payment to North Korea attached to a deal (s)",
    default=0, plausible_range=(0, 20), source="ASSUMPTION; varied over the range",
)


# ---------------------------------------------------------------------- cost figures


def istc_cost_per_scientist(cal: Calibration = DPRK_2019) -> sp.Expr:
    """A lower bound on the ISTC's funding per scientist it supported, in $m.

    The published figures do not give a consistent numerator and denominator: the
    funding known (the US by 1996, the EU, Japan) is part of the ISTC's lifetime funding,
    while the 58,000 scientists are its lifetime count. Lifetime funding over lifetime
    scientists is therefore *at least* the known funding over 58,000; this returns that
    bound and the paper quotes it only as a bound.
    """
    return (cal[ISTC_US] + cal[ISTC_EU] + cal[ISTC_JAPAN]) / cal[ISTC_SCIENTISTS]


def cost_table(cal: Calibration = DPRK_2019) -> list[dict[str, Any]]:
    """Rows ``{item, low, central, high, unit, bound, source}`` for the paper's cost table.

    ``bound`` is ``"lower"`` where the row is a lower bound (the ISTC rows: see
    :func:`istc_cost_per_scientist`; their ``high`` is None) and ``""`` otherwise.
    """
    per = istc_cost_per_scientist(cal)
    staff_low, _ = parameter_info(NUCLEAR_STAFF).plausible_range or (2000, 2000)
    staff = cal[NUCLEAR_STAFF]
    low, high = cal.range_of(DISMANTLE_COST)
    return [
        {"item": "ISTC funding per supported scientist, at least", "low": per, "central": per,
         "high": None, "unit": "$m", "bound": "lower",
         "source": "ISTC funding known (US by 1996, EU, Japan) / 58,000 lifetime scientists"},
        {"item": "redirecting Yongbyon's staff at ISTC rates, at least", "low": per * staff_low,
         "central": per * staff, "high": None, "unit": "$m", "bound": "lower",
         "source": "about 2,000 staff (Reuters 2007) x the ISTC lower bound"},
        {"item": "KEDO light-water reactors (1994 Agreed Framework)",
         "low": cal[KEDO_LWR_BUDGET], "central": cal[KEDO_LWR_BUDGET],
         "high": cal[KEDO_LWR_BUDGET], "unit": "$bn", "bound": "", "source": "KEDO budget"},
        {"item": "whole denuclearization (published estimates)", "low": low,
         "central": cal[DISMANTLE_COST], "high": high, "unit": "$bn", "bound": "",
         "source": "Heinonen (2018) to Kwon Hyuk-chul (2018); central value ASSUMED"},
    ]


def kedo_shares(cal: Calibration = DPRK_2019) -> dict[str, sp.Expr]:
    """Who paid for KEDO's reactors: South Korea's and Japan's pledges as shares of the budget."""
    budget = cal[KEDO_LWR_BUDGET]
    return {"South Korea": cal[KEDO_ROK] / budget, "Japan": cal[KEDO_JAPAN] / budget,
            "South Korea (declared share)": cal[KEDO_ROK_SHARE]}


# --------------------------------------------------------------------- burden sharing


def burden_sharing_game(
    exposures: Mapping[str, Any] | None = None, players: Sequence[str] = FINANCIERS
) -> PublicGoodsGame:
    """Olson-Zeckhauser financing game: ``u_i = v_i ln(sum_j g_j) - g_i``.

    ``exposures`` default to the declared (symbolic) parameters :data:`EXPOSURES`.
    """
    given = dict(EXPOSURES if exposures is None else exposures)
    missing = [p for p in players if p not in given]
    if missing:
        raise ParameterError(f"burden_sharing_game: no exposure given for {missing}")
    symbols = [sp.Symbol(f"g_{k}", real=True) for k in range(len(players))]
    total = sum(symbols, sp.Integer(0))
    utilities = {p: exact(given[p]) * sp.log(total) - g for p, g in zip(players, symbols)}
    return PublicGoodsGame(list(players), utilities, symbols, title="burden sharing")


def burden_sharing(exposures: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Who pays in equilibrium and the efficient level, at numbers (default: the defaults).

    Returns ``{"contributions", "total", "efficient_total", "payers", "shortfall"}``
    from :func:`gametheory.nash_contributions` and :func:`gametheory.samuelson_level`.
    """
    if exposures is None:
        out = dict(_default_burden_sharing())
        out["contributions"] = dict(out["contributions"])  # the cached one stays intact
        return out
    return _burden_sharing(exposures)


@cache
def _default_burden_sharing() -> tuple[tuple[str, Any], ...]:
    # Five financiers take gt.samuelson_level seconds (it enumerates contributor sets);
    # the table, the values and the notebook all ask for the defaults.
    defaults = {p: parameter_info(s).default for p, s in EXPOSURES.items()}
    return tuple(_burden_sharing(defaults).items())


def _burden_sharing(exposures: Mapping[str, Any]) -> dict[str, Any]:
    game = burden_sharing_game(exposures, players=list(exposures))
    nash = nash_contributions(game)
    efficient = samuelson_level(game)
    if not isinstance(nash, ContributionSolution) or not isinstance(efficient, ContributionSolution):
        raise ParameterError("burden_sharing needs numbers for every exposure")
    if len(nash.equilibria) != 1:
        raise SolverError(
            f"expected one equilibrium of the financing game, got {len(nash.equilibria)}; "
            "ties in the largest exposure give a continuum (see nash_contributions)"
        )
    eq = nash.equilibria[0]
    return {
        "contributions": dict(eq.contributions),
        "total": eq.total,
        "efficient_total": efficient.equilibria[0].total,
        "payers": tuple(p for p, g in eq.contributions.items() if g != 0),
        "shortfall": efficient.equilibria[0].total - eq.total,
    }


def olson_zeckhauser(exposures: Mapping[str, Any]) -> dict[str, Any]:
    """The published result for comparison: ``G = max v_i`` paid by the argmax alone,
    efficient ``G = sum v_i`` (Olson and Zeckhauser 1966, as in LITERATURE.md)."""
    vals = {p: exact(v) for p, v in exposures.items()}
    top = max(vals.values())
    return {"total": top, "efficient_total": sum(vals.values(), sp.Integer(0)),
            "payers": tuple(p for p, v in vals.items() if v == top)}


# -------------------------------------------------------------- side payments and deals


def deal_problem(side_payment: Any = _SIDE_PAYMENT, cal: Calibration = DPRK_2019) -> MultiIssueBargaining:
    """Packages of scope ``x`` and relief ``r`` in [0, 1], with a side payment ``s``.

    North Korea: ``r R + s - x C`` (relief value ``R``, cost of disarming ``C``); the
    United States: ``x G - r T`` (value of disarmament ``G``, value of keeping sanctions
    ``T``); both against an outside option of 0. Values from the calibration.
    """
    x, r = sp.symbols("scope relief", real=True)
    rel, cost = cal[RELIEF_VALUE], cal[DISARM_COST]
    gain, keep = cal[DISARM_VALUE_US], cal[RENEGE_GAIN]
    s = exact(side_payment)
    return MultiIssueBargaining(
        ["scope", "relief"],
        {"North Korea": r * rel + s - x * cost, "United States": x * gain - r * keep},
        {"North Korea": 0, "United States": 0}, title="deal with a side payment",
    )


def acceptable_deals(side_payment: Any = 0, cal: Calibration = DPRK_2019) -> Any:
    """:func:`gametheory.win_sets` of :func:`deal_problem` at a number ``s``."""
    return win_sets(deal_problem(side_payment, cal))


def polygon_area(vertices: Sequence[tuple[Any, Any]]) -> sp.Expr:
    """Exact area of a convex polygon from its vertices in any order (shoelace formula)."""
    pts = [(exact(a), exact(b)) for a, b in vertices]
    pts = list(dict.fromkeys(pts))
    if len(pts) < 3:
        return sp.Integer(0)
    cx = sum((p[0] for p in pts), sp.Integer(0)) / len(pts)
    cy = sum((p[1] for p in pts), sp.Integer(0)) / len(pts)
    # Order by angle around the centroid; atan2 of exact numbers evaluated in floats is
    # enough to order the vertices of a convex polygon.
    pts.sort(key=lambda p: float(sp.atan2(p[1] - cy, p[0] - cx)))
    twice = sum((pts[i][0] * pts[(i + 1) % len(pts)][1] - pts[(i + 1) % len(pts)][0] * pts[i][1]
                 for i in range(len(pts))), sp.Integer(0))
    return abs(twice) / 2


def acceptable_area(side_payment: Any = 0, cal: Calibration = DPRK_2019) -> sp.Expr:
    """Area of the set of packages both sides accept (out of the unit square)."""
    ws = acceptable_deals(side_payment, cal)
    if ws.is_empty:
        return sp.Integer(0)
    return polygon_area(ws.vertices["all"])


# ------------------------------------------------------- financing and the steps needed


def _commitment_args(cal: Calibration) -> dict[str, sp.Expr]:
    return commitment_model(cal)


def steps_with_financing(
    payment: Any, cal: Calibration = DPRK_2019, max_steps: int = 1000, **overrides: Any
) -> int | None:
    """:func:`gametheory.models.commitment.minimal_steps` with a per-period payment.

    ``payment`` (``sigma``, in per-period surpluses) goes to North Korea while peace
    holds and is lost on conflict: its cost of conflict becomes ``c_D + sigma / (1 - d)``.
    ``overrides`` replace the calibration's commitment arguments by name (``p0``,
    ``shift``, ``discount``, ``cost_declining``, ``cost_rising``).
    """
    args = {**_commitment_args(cal), **{k: exact(v) for k, v in overrides.items()}}
    sigma = exact(payment, where="payment")
    if sigma.is_number and sigma < 0:
        raise ParameterError(f"payment must be non-negative, got {sigma}")
    args["cost_declining"] = args["cost_declining"] + sigma / (1 - args["discount"])
    return minimal_steps(max_steps=max_steps, **args)


def big_deal_payment() -> sp.Expr:
    """Per-period payment at and above which one step (the big deal) suffices.

    Derived with sympy from :func:`gametheory.models.commitment.big_deal_breakdown_condition`
    by raising ``c_D`` to ``c_D + sigma / (1 - d)`` and solving the boundary for ``sigma``
    (negative: no payment is needed).
    """
    cond = big_deal_breakdown_condition()
    sigma = sp.Symbol("sigma", real=True)
    from .calibration import PATIENCE, WAR_COST_DPRK

    shifted = cond.xreplace({WAR_COST_DPRK: WAR_COST_DPRK + sigma / (1 - PATIENCE)})
    roots = sp.solve(sp.Eq(shifted.lhs - shifted.rhs, 0), sigma)
    if len(roots) != 1:
        raise SolverError(f"expected one payment threshold, got {roots}")
    return sp.factor(sp.simplify(roots[0]))


def steps_by_payment(
    payments: Sequence[Any] | None = None, cal: Calibration = DPRK_2019
) -> list[dict[str, Any]]:
    """Rows ``{payment, steps}`` for the figure of argument 08 (steps against financing)."""
    if payments is None:
        payments = [sp.Rational(j, 40) for j in range(0, 17)]
    return [{"payment": exact(p), "steps": steps_with_financing(p, cal)} for p in payments]


FINANCING = Calibration(
    name="FINANCING",
    description="the financiers' exposures (argument 08), at their declared defaults and "
    "plausible ranges; all ASSUMPTIONS",
    values={s: parameter_info(s).default for s in EXPOSURES.values()},
    ranges={s: parameter_info(s).plausible_range or (parameter_info(s).default,) * 2
            for s in EXPOSURES.values()},
)
"""Calibration of the burden-sharing game for :mod:`gametheory.analysis.sensitivity`."""


@vectorised
def rok_exposure_margin(values: Mapping[str, Any]) -> Any:
    """South Korea's exposure less the largest other (vectorised): positive iff it alone
    pays in the Olson-Zeckhauser equilibrium (:func:`burden_sharing`)."""
    import numpy as np

    others = [np.asarray(values[s.name], float) for p, s in EXPOSURES.items() if p != "South Korea"]
    return np.asarray(values[EXPOSURES["South Korea"].name], float) - np.maximum.reduce(others)


@vectorised
def rok_pays_alone(values: Mapping[str, Any]) -> Any:
    """Verdict (vectorised): South Korea is the only financier that pays ("the rest of the
    world will not lead")."""
    return rok_exposure_margin(values) > 0


