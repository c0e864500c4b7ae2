"""Argument 07: tests go on despite sanctions; Kim's dual track.

*Reconstruction* after Lacy and Niou (2004), "A theory of economic sanctions and
issue linkage", Journal of Politics 66(1): a target that weighs its economy against its
security, and a sanctioner that threatens sanctions if the target tests.

The target (North Korea) values a weapons test at ``(1 - w) s`` (security) and loses
``w S`` if sanctions are imposed (the economy), where ``w`` is the weight on the economy:
small under "military first", larger under the "dual track". Its type is resolute (a
test worth ``s_H`` in security) or not (``s_L < s_H``), with prior ``rho`` on resolute;
the sanctioner does not see the type. Stated as a :class:`~gametheory.SignallingGame`:
the target "halts" or "tests"; after a test the sanctioner "imposes" (cost ``k``) or
"backs down" (audience cost ``a``); it gets ``h`` when the target halts. Solved by
:func:`gametheory.pbe`.

What the model finds:

* If ``a > k`` imposing is credible; a type halts iff ``(1 - w) s_type < w S``. Where
  the irresolute type halts and the resolute one tests, sanctions are imposed only on
  resolute targets and never change their behaviour: Lacy and Niou's selection effect.
* Sanctions cannot stop a type from testing when ``w < s / (s + S)``
  (:func:`stop_testing_weight`): no sanction worth ``S`` stops a military-first
  regime whose security value of testing is large.
* With the 2017 UN measures (``S`` = $3bn coal and minerals + $0.8bn textiles a year,
  from :mod:`gametheory.models.calibration`), :func:`weight_needed_to_stop_testing` gives
  the weight on the economy above which testing stops, over the assumed range of the
  security value of a test.

Examples
--------
>>> from gametheory.models import sanctions
>>> sanctions.stop_testing_weight(security_value=4, sanctions_loss=1)
4/5
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from ..errors import ParameterError
from ..games.signalling import SignallingGame
from ..solve.pbe import PBESolution, pbe
from ..symbolic import exact, parameter, parameter_info
from .calibration import DPRK_2019, SANCTIONS_COAL_MINERALS, SANCTIONS_TEXTILES, Calibration

__all__ = [
    "ECONOMY_WEIGHT",
    "SECURITY_RESOLUTE",
    "SECURITY_IRRESOLUTE",
    "PRIOR_RESOLUTE",
    "SANCTIONS_LOSS",
    "IMPOSE_COST",
    "BACKDOWN_COST",
    "HALT_VALUE",
    "MILITARY_FIRST",
    "DUAL_TRACK",
    "sanctions_game",
    "sanctions_equilibria",
    "stop_testing_weight",
    "sanctions_loss_2017",
    "weight_needed_to_stop_testing",
    "selection_effect",
    "regime_outcomes",
]

_ASSUMED = "ASSUMPTION; varied over the range"

ECONOMY_WEIGHT = parameter(
    "economy_weight", "probability", unit="weight",
    description="the target's weight on the economy against security (w)",
    default="1/2", plausible_range=("1/10", "9/10"), source=_ASSUMED,
)
SECURITY_RESOLUTE = parameter(
    "security_resolute", "positive", unit="$bn per year (equivalent)",
    description="security value of continued testing to a resolute target (s_H)",
    default=8, plausible_range=(4, 20), source=_ASSUMED,
)
SECURITY_IRRESOLUTE = parameter(
    "security_irresolute", "positive", unit="$bn per year (equivalent)",
    description="security value of continued testing to an irresolute target (s_L)",
    default=2, plausible_range=("1/2", 4), source=_ASSUMED,
)
PRIOR_RESOLUTE = parameter(
    "prior_resolute", "probability", unit="probability",
    description="the sanctioner's prior that the target is resolute (rho)",
    default="1/2", plausible_range=("1/10", "9/10"), source=_ASSUMED,
)
SANCTIONS_LOSS = parameter(
    "sanctions_loss", "positive", unit="$bn per year",
    description="the target's economic loss from sanctions (S)",
    default="19/5", plausible_range=("19/5", "19/5"),
    source="2017 UN measures: $3bn coal and minerals + $0.8bn textiles (calibration.py)",
)
IMPOSE_COST = parameter(
    "impose_cost", "positive", unit="$bn per year (equivalent)",
    description="the sanctioner's cost of imposing sanctions (k)",
    default=1, plausible_range=("1/2", 2), source=_ASSUMED,
)
BACKDOWN_COST = parameter(
    "backdown_cost", "positive", unit="$bn per year (equivalent)",
    description="the sanctioner's audience cost of backing down after a test (a)",
    default=2, plausible_range=(1, 4), source=_ASSUMED,
)
HALT_VALUE = parameter(
    "halt_value", "positive", unit="$bn per year (equivalent)",
    description="the sanctioner's value of the target halting its tests (h)",
    default=5, plausible_range=(2, 10), source=_ASSUMED,
)

MILITARY_FIRST = sp.Rational(1, 5)
"""Weight on the economy taken to describe the "military first" policy (ASSUMPTION)."""
DUAL_TRACK = sp.Rational(3, 5)
"""Weight on the economy taken to describe the "dual track" policy (ASSUMPTION)."""

TARGET, SANCTIONER = "North Korea", "Sanctioner"


def sanctions_game(
    economy_weight: Any = ECONOMY_WEIGHT,
    security_resolute: Any = SECURITY_RESOLUTE,
    security_irresolute: Any = SECURITY_IRRESOLUTE,
    prior_resolute: Any = PRIOR_RESOLUTE,
    sanctions_loss: Any = SANCTIONS_LOSS,
    impose_cost: Any = IMPOSE_COST,
    backdown_cost: Any = BACKDOWN_COST,
    halt_value: Any = HALT_VALUE,
) -> SignallingGame:
    """The sanctions game as a signalling game (see the module docstring).

    Every argument is a number or a sympy expression; the defaults are the declared
    parameters (symbolic). Pass numbers for the ones you want fixed.
    """
    w, s_h, s_l, rho, loss, k, a, h = (
        exact(x) for x in (economy_weight, security_resolute, security_irresolute,
                           prior_resolute, sanctions_loss, impose_cost, backdown_cost, halt_value)
    )
    security = {"resolute": s_h, "irresolute": s_l}

    def payoffs(t: str, m: str, r: str) -> tuple[sp.Expr, sp.Expr]:
        if m == "halt":
            return sp.Integer(0), h
        if r == "impose":
            return (1 - w) * security[t] - w * loss, -k
        return (1 - w) * security[t], -a

    return SignallingGame(
        ["resolute", "irresolute"], {"resolute": rho, "irresolute": 1 - rho},
        ["halt", "test"], {"halt": ["none"], "test": ["impose", "back down"]},
        payoffs, sender=TARGET, receiver=SANCTIONER, title="sanctions and testing",
    )


def sanctions_equilibria(game: SignallingGame | None = None, **values: Any) -> Any:
    """``gt.pbe`` of the sanctions game, with ``values`` (by parameter name) fixed first."""
    game = game if game is not None else sanctions_game()
    if values:
        game = game.subs(values)
    return pbe(game)


def stop_testing_weight(
    security_value: Any = SECURITY_RESOLUTE, sanctions_loss: Any = SANCTIONS_LOSS
) -> sp.Expr:
    """Weight on the economy below which a target tests even under certain sanctions.

    Derived with sympy from indifference ``(1 - w) s = w S``: ``w* = s / (s + S)``.
    """
    w = sp.Symbol("w", positive=True)
    s, loss = exact(security_value), exact(sanctions_loss)
    (root,) = sp.solve(sp.Eq((1 - w) * s, w * loss), w)
    return sp.simplify(root)


def sanctions_loss_2017(cal: Calibration = DPRK_2019) -> sp.Expr:
    """The yearly export value banned in 2017 ($bn): coal and minerals plus textiles."""
    return cal[SANCTIONS_COAL_MINERALS] + cal[SANCTIONS_TEXTILES]


def weight_needed_to_stop_testing(
    security_values: Any = None, cal: Calibration = DPRK_2019
) -> list[dict[str, Any]]:
    """Rows ``{security_value, threshold_weight, military_first_tests, dual_track_tests}``.

    With the 2017 sanctions as ``S``; ``security_values`` default to a grid over the
    plausible range of :data:`SECURITY_RESOLUTE`. For the table of argument 07.
    """
    loss = sanctions_loss_2017(cal)
    if security_values is None:
        low, high = parameter_info(SECURITY_RESOLUTE).plausible_range or (4, 20)
        security_values = [low + (high - low) * sp.Rational(j, 4) for j in range(5)]
    rows = []
    for s in security_values:
        thr = stop_testing_weight(s, loss)
        rows.append({
            "security_value": exact(s), "threshold_weight": thr,
            "military_first_tests": bool(MILITARY_FIRST < thr),
            "dual_track_tests": bool(DUAL_TRACK < thr),
        })
    return rows


def selection_effect(game: SignallingGame | None = None) -> dict[str, Any]:
    """Whether imposed sanctions fall only on resolute targets, and fail, at numbers.

    Returns ``{"equilibria", "sanctions_imposed_on", "imposed_sanctions_fail"}``: the
    types that test and meet imposed sanctions in some PBE, and whether each of them
    prefers testing under sanctions to halting (computed from the payoffs: sanctions
    imposed on such a type cannot change what it does).
    """
    if game is None:
        game = sanctions_game(
            **{name: parameter_info(sym).default for name, sym in _NAMES.items()}
        )
    if game.parameters:
        raise ParameterError(
            "selection_effect needs numbers; fix "
            + ", ".join(s.name for s in game.parameters)
        )
    sol = pbe(game)
    assert isinstance(sol, PBESolution)  # the game has numbers
    imposed_on: set[str] = set()
    for eq in sol:
        if eq.receiver.get("test") == "impose":
            imposed_on |= {t for t, m in eq.sender.items() if m == "test"}
    fail = all(
        bool(game.payoff(t, "test", "impose")[0] >= game.payoff(t, "halt", "none")[0])
        for t in imposed_on
    )
    return {
        "equilibria": sol,
        "sanctions_imposed_on": tuple(sorted(imposed_on)),
        "imposed_sanctions_fail": fail,
    }


_NAMES: Mapping[str, sp.Symbol] = {
    "economy_weight": ECONOMY_WEIGHT,
    "security_resolute": SECURITY_RESOLUTE,
    "security_irresolute": SECURITY_IRRESOLUTE,
    "prior_resolute": PRIOR_RESOLUTE,
    "sanctions_loss": SANCTIONS_LOSS,
    "impose_cost": IMPOSE_COST,
    "backdown_cost": BACKDOWN_COST,
    "halt_value": HALT_VALUE,
}


def regime_outcomes(cal: Calibration = DPRK_2019, **overrides: Any) -> dict[str, dict[str, str]]:
    """Each type's choice under military first and under the dual track (2017 sanctions).

    Solved by :func:`gametheory.pbe` at the declared defaults (``overrides`` by name);
    returns ``{policy: {type: message}}`` from the equilibrium in which the sanctioner
    imposes after a test (the credible threat when ``a > k``).
    """
    base = {name: parameter_info(sym).default for name, sym in _NAMES.items()}
    base["sanctions_loss"] = sanctions_loss_2017(cal)
    base.update({k: exact(v) for k, v in overrides.items()})
    out = {}
    for policy, w in (("military first", MILITARY_FIRST), ("dual track", DUAL_TRACK)):
        sol = pbe(sanctions_game(**{**base, "economy_weight": w}))
        if not isinstance(sol, PBESolution):
            raise ParameterError(f"regime_outcomes needs numbers; {sol.parameters} remain free")
        chosen = [eq for eq in sol if eq.receiver.get("test") == "impose"] or list(sol)
        if not chosen:
            raise ParameterError(f"no pure PBE of the sanctions game under {policy}")
        out[policy] = dict(chosen[0].sender)
    return out
