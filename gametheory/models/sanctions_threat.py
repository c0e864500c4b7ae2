"""Argument 07 with a threat stage: sanctions that work are never seen imposed.

*Reconstruction* after Lacy and Niou (2004), Journal of Politics 66(1). In the one-stage
game of :mod:`gametheory.models.sanctions` imposing is the sanctioner's dominant
response whenever ``a > k``, so its beliefs never matter. Here, as in Lacy and Niou:

1. the sanctioner threatens sanctions, or not (then North Korea tests; both get 0);
2. North Korea, resolute (prior ``rho``) or irresolute, halts (``0``; the sanctioner
   gets ``h``) or tests;
3. after a test the sanctioner imposes (cost ``k``) or backs down (audience cost ``a``);
4. under imposed sanctions North Korea holds out (keeps testing:
   ``(1 - w) s_type - w S``) or complies, after bearing a share ``tau`` of a year's
   sanctions (``- w S tau``; the sanctioner then gets ``h - k``).

Stage 4 is one player's choice given its type (:func:`holds_out`); with it the stages
2-3 are a signalling game (:func:`threat_game`) solved by ``gt.pbe``, in which the
sanctioner's response to a test depends on its posterior that the tester will comply.
Stage 1 compares the sanctioner's equilibrium payoff with 0 (:func:`threat_outcomes`).

What the model finds (tests check each against ``gt.pbe``):

* **selection**: where the irresolute type halts at the threat and the resolute one
  tests (``(1 - w) s_L < w S < (1 - w) s_H``), imposing is credible only if ``a > k``;
  sanctions are then imposed only on the resolute type, and never change what it does
  (:func:`selection_holds`). "Tests go on despite sanctions" is what a working threat
  predicts, not evidence that sanctions cannot work.
* **beliefs matter** where ``a < k``: the separating outcome breaks down; testing by both
  types with the sanctioner backing down is a PBE iff ``(1 - rho) h < k - a``, and for
  ``(1 - rho) h > k - a`` no pure PBE exists (the sanctioner would mix).
* **the dual track**: a larger weight ``w`` on the economy moves the irresolute type
  into halting and lowers the economic offer a resolute target needs to halt,
  ``(1 - w) s_H - w S`` (:func:`offer_needed`), the op-ed's "strong commitment
  towards their economy".

Examples
--------
>>> from gametheory.models import sanctions_threat as st
>>> out = st.threat_outcomes(st.SANCTIONS_2017, economy_weight=st.DUAL_TRACK)
>>> [(o.threatens, o.halts, o.sanctioned) for o in out]
[(True, ('irresolute',), ('resolute',))]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.sensitivity import (
    ShareEstimate,
    SobolResult,
    monte_carlo_share,
    sobol_indices,
    vectorised,
)
from ..errors import ParameterError
from ..games.signalling import SignallingGame
from ..solve.pbe import PBESolution, pbe
from ..symbolic import exact, parameter
from .calibration import ASSUMED, DPRK_2019, Calibration, extended
from .sanctions import (
    BACKDOWN_COST,
    DUAL_TRACK,
    ECONOMY_WEIGHT,
    HALT_VALUE,
    IMPOSE_COST,
    MILITARY_FIRST,
    PRIOR_RESOLUTE,
    SANCTIONS_LOSS,
    SECURITY_IRRESOLUTE,
    SECURITY_RESOLUTE,
    sanctions_loss_2017,
)

__all__ = [
    "SANCTIONS_ENDURED",
    "PARAMETERS",
    "SANCTIONS_2017",
    "MILITARY_FIRST",
    "DUAL_TRACK",
    "holds_out",
    "threat_game",
    "ThreatOutcome",
    "threat_outcomes",
    "selection_holds",
    "offer_needed",
    "selection_share",
    "military_first_share",
    "holdout_sobol",
]

SANCTIONS_ENDURED = parameter(
    "sanctions_endured", "probability", unit="share of a year's sanctions",
    description="share of a year's sanctions a target bears before it complies (tau)",
    default="1/4", plausible_range=("1/10", "1/2"),
    source=ASSUMED,
)

PARAMETERS: tuple[sp.Symbol, ...] = (
    ECONOMY_WEIGHT, SECURITY_RESOLUTE, SECURITY_IRRESOLUTE, PRIOR_RESOLUTE, SANCTIONS_LOSS,
    IMPOSE_COST, BACKDOWN_COST, HALT_VALUE, SANCTIONS_ENDURED,
)
"""w, s_H, s_L, rho, S, k, a, h, tau."""

_TARGET_SIDE = (ECONOMY_WEIGHT, SECURITY_RESOLUTE, SECURITY_IRRESOLUTE, SANCTIONS_LOSS,
                SANCTIONS_ENDURED)

SANCTIONS_2017 = extended(DPRK_2019, PARAMETERS, "With the sanctions game of argument 07.",
                          {SANCTIONS_LOSS: sanctions_loss_2017(DPRK_2019)})
"""``DPRK_2019`` with the sanctions parameters; ``S`` is the 2017 UN measures ($3.8bn/yr)."""

TYPES = ("resolute", "irresolute")


def _values(cal: Calibration | None, overrides: Mapping[str, Any]) -> dict[sp.Symbol, sp.Expr]:
    by_name = {s.name: s for s in PARAMETERS}
    unknown = set(overrides) - set(by_name)
    if unknown:
        raise ParameterError(f"unknown sanctions parameter(s) {sorted(unknown)}; "
                             f"expected some of {sorted(by_name)}")
    base = {s: (cal[s] if cal is not None else s) for s in PARAMETERS}
    base.update({by_name[n]: exact(v, where=n) for n, v in overrides.items()})
    return base


def holds_out(weight: Any, security: Any, loss: Any, endured: Any) -> bool:
    """Whether a target under imposed sanctions keeps testing: ``(1 - w) s - w S > - w S tau``.

    Raises :class:`~gametheory.errors.ParameterError` on a tie (the target is indifferent
    and the model does not pick for it) or when an argument is not a number.
    """
    w, s, loss_, tau = (exact(x) for x in (weight, security, loss, endured))
    slack = (1 - w) * s - w * loss_ + w * loss_ * tau
    if not slack.is_number:
        raise ParameterError(f"holds_out needs numbers; got slack {slack}")
    if slack == 0:
        raise ParameterError(f"the target is indifferent between holding out and complying "
                             f"(w={w}, s={s}, S={loss_}, tau={tau})")
    return bool(slack > 0)


def threat_game(cal: Calibration | None = SANCTIONS_2017, **overrides: Any) -> SignallingGame:
    """Stages 2-3 after a threat, stage 4 folded in, as a :class:`~gametheory.SignallingGame`.

    The target's side (``w, s_H, s_L, S, tau``) must be numbers (stage 4 is solved for each
    type); the sanctioner's side (``rho, k, a, h``) may stay symbolic: pass ``cal=None``
    and numbers for the target's side, and ``gt.pbe`` returns conditions in the others.
    """
    v = _values(cal, overrides)
    w, s_h, s_l, rho, loss, k, a, h, tau = (v[s] for s in PARAMETERS)
    missing = [s.name for s in _TARGET_SIDE if not v[s].is_number]
    if missing:
        raise ParameterError(f"threat_game: the target's side must be numbers; free: {missing}")
    security = {"resolute": s_h, "irresolute": s_l}
    out = {t: holds_out(w, security[t], loss, tau) for t in TYPES}

    def payoffs(t: str, m: str, r: str) -> tuple[sp.Expr, sp.Expr]:
        if m == "halt":
            return sp.Integer(0), h
        if r == "back down":
            return (1 - w) * security[t], -a
        if out[t]:
            return (1 - w) * security[t] - w * loss, -k
        return -w * loss * tau, h - k

    return SignallingGame(
        list(TYPES), {"resolute": rho, "irresolute": 1 - rho},
        ["halt", "test"], {"halt": ["none"], "test": ["impose", "back down"]},
        payoffs, sender="North Korea", receiver="Sanctioner", title="sanctions after a threat",
    )


@dataclass(frozen=True)
class ThreatOutcome:
    """One pure PBE after a threat, and whether the sanctioner makes the threat.

    Attributes
    ----------
    sender, receiver
        The PBE strategies (type to message, message to response).
    sanctioner_value
        The sanctioner's expected payoff in that PBE (no threat gives 0).
    threatens
        ``sanctioner_value > 0``; None on a tie (``= 0``).
    halts, sanctioned, holdouts
        Types that halt at the threat; that test and meet imposed sanctions; and, of
        those, the ones that keep testing under them.
    """

    sender: Mapping[str, str]
    receiver: Mapping[str, str]
    sanctioner_value: sp.Expr
    threatens: bool | None
    halts: tuple[str, ...]
    sanctioned: tuple[str, ...]
    holdouts: tuple[str, ...]

    @property
    def selection(self) -> bool:
        """Lacy and Niou's selection: a type halts at the threat and sanctions fall only on
        types that hold out (so imposed sanctions never change behaviour)."""
        return bool(self.halts) and bool(self.sanctioned) and self.sanctioned == self.holdouts

    def to_json_dict(self) -> dict[str, Any]:
        """JSON form, the exact value as a string."""
        return {"sender": dict(self.sender), "receiver": dict(self.receiver),
                "sanctioner_value": str(self.sanctioner_value), "threatens": self.threatens,
                "halts": list(self.halts), "sanctioned": list(self.sanctioned),
                "holdouts": list(self.holdouts)}

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> ThreatOutcome:
        """Inverse of :meth:`to_json_dict`."""
        return cls(dict(data["sender"]), dict(data["receiver"]),
                   sp.Rational(data["sanctioner_value"]), data["threatens"],
                   tuple(data["halts"]), tuple(data["sanctioned"]), tuple(data["holdouts"]))


def threat_outcomes(cal: Calibration = SANCTIONS_2017, **overrides: Any) -> list[ThreatOutcome]:
    """Every pure PBE after a threat (``gt.pbe``), with the threat decision (numbers only)."""
    game = threat_game(cal, **overrides)
    sol = pbe(game)
    if not isinstance(sol, PBESolution):
        raise ParameterError(f"threat_outcomes needs numbers; free: {sorted(map(str, sol.parameters))}")
    v = _values(cal, overrides)
    w, s_h, s_l, rho, loss, k, a, h, tau = (v[s] for s in PARAMETERS)
    security = {"resolute": s_h, "irresolute": s_l}
    prior = {"resolute": rho, "irresolute": 1 - rho}
    out = []
    for eq in sol:
        value = sum((prior[t] * game.payoff(t, eq.sender[t], eq.receiver[eq.sender[t]])[1]
                     for t in TYPES), sp.Integer(0))
        imposed = eq.receiver.get("test") == "impose"
        sanctioned = tuple(t for t in TYPES if eq.sender[t] == "test" and imposed)
        out.append(ThreatOutcome(
            sender=dict(eq.sender), receiver=dict(eq.receiver), sanctioner_value=value,
            threatens=None if value == 0 else bool(value > 0),
            halts=tuple(t for t in TYPES if eq.sender[t] == "halt"), sanctioned=sanctioned,
            holdouts=tuple(t for t in sanctioned if holds_out(w, security[t], loss, tau)),
        ))
    return out


def offer_needed(weight: Any, security: Any = SECURITY_RESOLUTE, loss: Any = SANCTIONS_LOSS) -> sp.Expr:
    """Economic offer ($bn/yr) that makes a type halt under imposed sanctions.

    A type that holds out gets ``(1 - w) s - w S``; an offer ``E`` conditional on halting
    beats it iff ``E > (1 - w) s - w S`` (0 if sanctions alone suffice). Falls with ``w``.

    >>> offer_needed(DUAL_TRACK, 8, sp.Rational(19, 5)) < offer_needed(MILITARY_FIRST, 8, sp.Rational(19, 5))
    True
    """
    w, s, loss_ = exact(weight), exact(security), exact(loss)
    return sp.Max(0, (1 - w) * s - w * loss_)


# ---------------------------------------------------- closed forms for sampling (vectorised)
def _arr(v: Mapping[str, Any], s: sp.Symbol) -> np.ndarray:
    return np.asarray(v[s.name], dtype=float)


@vectorised
def selection_holds(v: Mapping[str, Any]) -> Any:
    """Closed form of the selection outcome with a threat (arrays or floats, by name).

    The separating PBE (irresolute halts, resolute tests and is sanctioned, and holds out)
    exists and the sanctioner threatens: ``(1 - w) s_L < w S < (1 - w) s_H``, ``a > k`` and
    ``(1 - rho) h > rho k``. Derived by hand from the stages above and checked against
    :func:`threat_outcomes` (``gt.pbe``) at random points in the tests.
    """
    w, s_h, s_l, rho, loss, k, a, h, tau = (_arr(v, s) for s in PARAMETERS)
    return ((1 - w) * s_l < w * loss) & (w * loss < (1 - w) * s_h) & (a > k) \
        & ((1 - rho) * h > rho * k)


@vectorised
def _nobody_halts(v: Mapping[str, Any]) -> np.ndarray:
    w, s_h, s_l, rho, loss, k, a, h, tau = (_arr(v, s) for s in PARAMETERS)
    return ((1 - w) * s_l > w * loss) & ((1 - w) * s_h > w * loss)


def _names(cal: Calibration, skip: tuple[sp.Symbol, ...] = ()) -> list[str]:
    return [s.name for s in PARAMETERS if s.name in cal.assumptions and s not in skip]


def selection_share(cal: Calibration = SANCTIONS_2017, weight: Any = DUAL_TRACK,
                    draws: int = 4000, seed: int = 0) -> ShareEstimate:
    """Share of the ranges where the selection outcome holds at the given weight ``w``."""
    fixed = cal.replace(economy_weight=weight)
    return monte_carlo_share(selection_holds, fixed, _names(fixed, (ECONOMY_WEIGHT,)),
                             draws=draws, seed=seed)


def military_first_share(cal: Calibration = SANCTIONS_2017, draws: int = 4000,
                         seed: int = 0) -> ShareEstimate:
    """Share of the ranges where, under military first, no type halts at any threat."""
    fixed = cal.replace(economy_weight=MILITARY_FIRST)
    return monte_carlo_share(_nobody_halts, fixed, _names(fixed, (ECONOMY_WEIGHT,)),
                             draws=draws, seed=seed)


@vectorised
def _resolute_slack(v: Mapping[str, Any]) -> np.ndarray:
    w, s_h, s_l, rho, loss, k, a, h, tau = (_arr(v, s) for s in PARAMETERS)
    return (1 - w) * s_h - w * loss


def holdout_sobol(cal: Calibration = SANCTIONS_2017, n: int = 1024, seed: int = 0) -> SobolResult:
    """Sobol' indices of ``(1 - w) s_H - w S``, the offer a resolute target needs ($bn/yr)."""
    names = [s.name for s in (ECONOMY_WEIGHT, SECURITY_RESOLUTE) if s.name in cal.assumptions]
    return sobol_indices(_resolute_slack, cal, names, n=n, seed=seed)
