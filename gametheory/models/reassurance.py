"""Argument 06: an end-of-war declaration, a peace treaty, security guarantees.

*Reconstruction* after Kydd (2000), "Trust, reassurance, and cooperation",
International Organization 54(2), and Kydd (2005), Trust and Mistrust in International
Relations: a trustworthy state reassures by costly signals that an untrustworthy one
would not send.

The reassurance game. The United States is trustworthy (it will not exploit a disarmed
North Korea) with prior probability ``mu``, or untrustworthy. It may make a
confidence-building gesture (an end-of-war declaration, a peace treaty) or none; North
Korea, seeing the gesture but not the type, disarms or keeps its deterrent.

* United States: ``B_T`` (trustworthy) or ``B_U`` (untrustworthy, exploitation
  included) if North Korea disarms, 0 if not; a gesture costs both types its political
  cost ``k`` and the untrustworthy type also its binding cost ``b`` (the option to
  attack that a treaty gives up, the audience cost of breaking it).
* North Korea: ``W + g`` from disarming against a trustworthy United States (sanctions
  relief ``W`` and a security guarantee ``g``), ``W + g - X`` against an untrustworthy one
  (``X`` the loss from being attacked), 0 from keeping.

A gesture separates the types iff ``k <= B_T`` and ``k + b >= B_U`` (with North Korea
disarming only on the gesture); :func:`separating_measures` finds which do with
:func:`gametheory.pbe`. A sequence of gestures raises trust step by step
(:func:`trust_path`): with the untrustworthy type's gain from exploitation spread
uniformly on ``[0, E]`` (ASSUMPTION), a gesture of total cost ``c`` is mimicked only by
the share ``1 - c / E`` of untrustworthy types, and Bayes' rule raises the belief.
North Korea disarms once its belief passes ``1 - (W + g) / X``; the security
guarantee that makes disarming a best response at belief ``mu`` is
``g* = (1 - mu) X - W`` (:func:`guarantee_threshold`, derived with sympy and checked
against :func:`gametheory.pbe`).

Examples
--------
>>> from gametheory.models import reassurance
>>> reassurance.guarantee_threshold(trust="1/2", relief=5, attack_loss=20)
5
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..errors import ParameterError
from ..games.signalling import SignallingGame
from ..solve.pbe import PBESolution, pbe
from ..symbolic import exact, parameter, parameter_info

__all__ = [
    "TRUST_PRIOR",
    "BENEFIT_TRUSTWORTHY",
    "BENEFIT_UNTRUSTWORTHY",
    "RELIEF",
    "ATTACK_LOSS",
    "GUARANTEE",
    "EXPLOITATION_MAX",
    "Measure",
    "MEASURES",
    "reassurance_game",
    "separation_condition",
    "separating_measures",
    "posterior_after",
    "trust_path",
    "steps_to_disarm",
    "disarm_belief",
    "guarantee_threshold",
    "guarantee_threshold_from_pbe",
]

_ASSUMED = "ASSUMPTION; varied over the range"

TRUST_PRIOR = parameter(
    "trust_prior", "probability", unit="probability",
    description="North Korea's prior that the United States is trustworthy (mu)",
    default="3/10", plausible_range=("1/10", "7/10"), source=_ASSUMED,
)
BENEFIT_TRUSTWORTHY = parameter(
    "benefit_trustworthy", "positive", unit="$bn (present value)",
    description="a trustworthy United States' value of North Korean disarmament (B_T)",
    default=10, plausible_range=(5, 20), source=_ASSUMED,
)
BENEFIT_UNTRUSTWORTHY = parameter(
    "benefit_untrustworthy", "positive", unit="$bn (present value)",
    description="an untrustworthy United States' value of North Korean disarmament, "
    "exploitation included (B_U)",
    default=15, plausible_range=(10, 30), source=_ASSUMED,
)
RELIEF = parameter(
    "reassurance_relief", "nonnegative", unit="$bn (present value)",
    description="North Korea's value of disarming against a trustworthy partner (W)",
    default=5, plausible_range=(2, 20), source=_ASSUMED,
)
ATTACK_LOSS = parameter(
    "reassurance_attack_loss", "positive", unit="$bn (present value)",
    description="North Korea's loss if a disarmed North Korea is exploited or attacked (X)",
    default=20, plausible_range=(10, 100), source=_ASSUMED,
)
GUARANTEE = parameter(
    "security_guarantee", "nonnegative", unit="$bn (present value)",
    description="value to North Korea of a security guarantee that comes with disarming (g)",
    default=0, plausible_range=(0, 20), source=_ASSUMED,
)
EXPLOITATION_MAX = parameter(
    "exploitation_max", "positive", unit="$bn (present value)",
    description="upper end of the untrustworthy types' gains from exploitation (E)",
    default=30, plausible_range=(15, 60), source=_ASSUMED,
)


@dataclass(frozen=True)
class Measure:
    """A confidence-building measure: political cost ``k`` (both types) and binding cost ``b``.

    The values are ASSUMPTIONS (ranges in the docstring of :data:`MEASURES`).
    """

    name: str
    political_cost: sp.Expr
    binding_cost: sp.Expr

    @property
    def total_cost(self) -> sp.Expr:
        """What the gesture costs an untrustworthy type: ``k + b``."""
        return self.political_cost + self.binding_cost


MEASURES: Mapping[str, Measure] = {
    m.name: m
    for m in (
        Measure("end-of-war declaration", sp.Integer(1), sp.Integer(2)),
        Measure("military confidence-building", sp.Integer(2), sp.Integer(6)),
        Measure("peace treaty", sp.Integer(4), sp.Integer(14)),
    )
}
"""The op-ed's sequence, cheapest first (costs in $bn, ASSUMPTIONS): a political
declaration binds little; military measures in the West Sea and the DMZ bind more; a
ratified peace treaty binds most."""

US, NK = "United States", "North Korea"
NONE = "no gesture"


def _measure(measure: Measure | str) -> Measure:
    if isinstance(measure, Measure):
        return measure
    try:
        return MEASURES[measure]
    except KeyError:
        raise ParameterError(f"unknown measure {measure!r}; known: {sorted(MEASURES)}") from None


def reassurance_game(
    measure: Measure | str | None = "peace treaty",
    trust: Any = TRUST_PRIOR,
    benefit_trustworthy: Any = BENEFIT_TRUSTWORTHY,
    benefit_untrustworthy: Any = BENEFIT_UNTRUSTWORTHY,
    relief: Any = RELIEF,
    attack_loss: Any = ATTACK_LOSS,
    guarantee: Any = GUARANTEE,
) -> SignallingGame:
    """Kydd's reassurance game with one gesture (or none, ``measure=None``)."""
    mu, bt, bu, w, x, g = (exact(v) for v in (trust, benefit_trustworthy,
                                              benefit_untrustworthy, relief, attack_loss,
                                              guarantee))
    messages = [NONE]
    costs: dict[tuple[str, str], sp.Expr] = {("trustworthy", NONE): sp.Integer(0),
                                             ("untrustworthy", NONE): sp.Integer(0)}
    if measure is not None:
        m = _measure(measure)
        messages.append(m.name)
        costs[("trustworthy", m.name)] = m.political_cost
        costs[("untrustworthy", m.name)] = m.total_cost
    benefit = {"trustworthy": bt, "untrustworthy": bu}

    def payoffs(t: str, msg: str, r: str) -> tuple[sp.Expr, sp.Expr]:
        if r == "keep":
            return sp.Integer(0), sp.Integer(0)
        return benefit[t], w + g - (x if t == "untrustworthy" else 0)

    return SignallingGame(
        ["trustworthy", "untrustworthy"], {"trustworthy": mu, "untrustworthy": 1 - mu},
        messages, ["disarm", "keep"], payoffs, costs=costs, sender=US, receiver=NK,
        title="reassurance game",
    )


def separation_condition(measure: Measure | str) -> sp.Basic:
    """When the gesture can separate the types (the sender's side): ``k <= B_T <= B_U <= k + b``.

    Derived from the two incentive constraints of the separating profile in which only
    the trustworthy type gestures and North Korea disarms only after the gesture.
    """
    m = _measure(measure)
    return sp.And(m.political_cost <= BENEFIT_TRUSTWORTHY,
                  m.total_cost >= BENEFIT_UNTRUSTWORTHY)


def separating_measures(**values: Any) -> dict[str, bool]:
    """For each measure, whether :func:`gametheory.pbe` finds a separating equilibrium.

    ``values`` (by argument name of :func:`reassurance_game`) override the defaults.
    """
    args = _defaults()
    args.update({k: exact(v) for k, v in values.items()})
    out = {}
    for name in MEASURES:
        sol = pbe(reassurance_game(name, **args))
        if not isinstance(sol, PBESolution):
            raise ParameterError("separating_measures needs numbers for every parameter")
        out[name] = any(
            e.kind == "separating" and e.sender["trustworthy"] == name
            and e.receiver[name] == "disarm" for e in sol
        )
    return out


def _defaults() -> dict[str, Any]:
    return {
        "trust": parameter_info(TRUST_PRIOR).default,
        "benefit_trustworthy": parameter_info(BENEFIT_TRUSTWORTHY).default,
        "benefit_untrustworthy": parameter_info(BENEFIT_UNTRUSTWORTHY).default,
        "relief": parameter_info(RELIEF).default,
        "attack_loss": parameter_info(ATTACK_LOSS).default,
        "guarantee": parameter_info(GUARANTEE).default,
    }


def posterior_after(prior: Any, mimic_share: Any) -> sp.Expr:
    """Bayes' rule: belief in a trustworthy type after a gesture every trustworthy type
    makes and a share ``mimic_share`` of untrustworthy types also makes."""
    mu, s = exact(prior), exact(mimic_share)
    # P(T | G) = P(G | T) P(T) / P(G)
    p_g_given_t, p_g_given_u = sp.Integer(1), s
    return sp.simplify(p_g_given_t * mu / (p_g_given_t * mu + p_g_given_u * (1 - mu)))


def trust_path(
    measures: Sequence[Measure | str] | None = None,
    prior: Any = TRUST_PRIOR,
    exploitation_max: Any = EXPLOITATION_MAX,
) -> list[dict[str, Any]]:
    """North Korea's belief after each gesture of a sequence (cheapest first by default).

    An untrustworthy type with exploitation gain ``e ~ U[0, E]`` keeps mimicking while
    ``e >= c_j`` (the cost of the current gesture), so after gesture ``j`` the share of
    untrustworthy types still in is ``max(0, 1 - max_{i<=j} c_i / E)``; the belief
    follows from :func:`posterior_after`. Returns rows ``{step, measure, mimic_share,
    belief}`` starting with the prior (step 0).
    """
    ms = [_measure(m) for m in (MEASURES.values() if measures is None else measures)]
    mu0, emax = exact(prior), exact(exploitation_max)
    rows: list[dict[str, Any]] = [{"step": 0, "measure": None, "mimic_share": sp.Integer(1),
                                   "belief": mu0}]
    worst = sp.Integer(0)
    for j, m in enumerate(ms, start=1):
        worst = sp.Max(worst, m.total_cost)
        share = sp.Max(0, 1 - worst / emax)
        rows.append({"step": j, "measure": m.name, "mimic_share": share,
                     "belief": posterior_after(mu0, share)})
    return rows


def disarm_belief(relief: Any = RELIEF, attack_loss: Any = ATTACK_LOSS,
                  guarantee: Any = GUARANTEE) -> sp.Expr:
    """Least belief in a trustworthy partner at which North Korea disarms: ``1 - (W + g) / X``."""
    mu = sp.Symbol("mu")
    w, x, g = exact(relief), exact(attack_loss), exact(guarantee)
    (root,) = sp.solve(sp.Eq(mu * (w + g) + (1 - mu) * (w + g - x), 0), mu)
    return sp.simplify(root)


def steps_to_disarm(
    measures: Sequence[Measure | str] | None = None, prior: Any = None,
    exploitation_max: Any = None, relief: Any = None, attack_loss: Any = None,
    guarantee: Any = None,
) -> int | None:
    """Gestures of the sequence needed before North Korea's belief reaches
    :func:`disarm_belief` (0 if the prior suffices; None if the sequence never does).

    Arguments left out take their declared defaults.
    """
    def pick(v: Any, sym: sp.Symbol) -> Any:
        return parameter_info(sym).default if v is None else v

    path = trust_path(measures, pick(prior, TRUST_PRIOR), pick(exploitation_max, EXPLOITATION_MAX))
    need = disarm_belief(pick(relief, RELIEF), pick(attack_loss, ATTACK_LOSS),
                         pick(guarantee, GUARANTEE))
    for row in path:
        if bool(row["belief"] >= need):
            return int(row["step"])
    return None


def guarantee_threshold(
    trust: Any = TRUST_PRIOR, relief: Any = RELIEF, attack_loss: Any = ATTACK_LOSS
) -> sp.Expr:
    """Guarantee value above which disarming is North Korea's best response at belief ``mu``.

    Derived with sympy from ``mu (W + g) + (1 - mu)(W + g - X) = 0``: ``g* = (1 - mu) X - W``
    (negative: no guarantee is needed).
    """
    g = sp.Symbol("g")
    mu, w, x = exact(trust), exact(relief), exact(attack_loss)
    (root,) = sp.solve(sp.Eq(mu * (w + g) + (1 - mu) * (w + g - x), 0), g)
    return sp.simplify(root)


def guarantee_threshold_from_pbe(trust: Any = "3/10", relief: Any = 5,
                                 attack_loss: Any = 20) -> Any:
    """``gt.pbe`` of the game without gestures, symbolic in the guarantee ``g``.

    A piecewise answer whose boundary (``answer.boundaries()``) is the guarantee
    threshold: above it North Korea disarms in the (pooling) equilibrium.
    """
    game = reassurance_game(None, trust, 10, 15, relief, attack_loss, GUARANTEE)
    return pbe(game)
