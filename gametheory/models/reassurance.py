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

A single gesture separates the types iff ``k <= B_T`` and ``k + b >= B_U`` (with North
Korea disarming only on the gesture); :func:`separating_measures` finds which do with
:func:`gametheory.pbe`.

A sequence of gestures (Kydd 2005, ch. 7): the untrustworthy types' value of a disarmed
North Korea, exploitation included, is ``e ~ U[0, E]`` (ASSUMPTION). In the equilibrium
in which North Korea disarms after the first ``m`` gestures, the types that mimic are
derived, not assumed: exactly those with ``e >= C_m``, the *cumulative* cost of the
gestures to an untrustworthy type (:func:`trust_path`), because a type that stops half
way pays without benefit. North Korea disarms once its belief passes
``1 - (W + g) / X``; :func:`reassurance_equilibrium` finds the fewest gestures that get
there while costing a trustworthy United States no more than ``B_T``, and
:func:`equilibrium_from_pbe` finds the same equilibrium with :func:`gametheory.pbe` in
the reduced game on a grid of types (:func:`discretised_game`). The security guarantee
that makes disarming a best response at belief ``mu`` is ``g* = (1 - mu) X - W``
(:func:`guarantee_threshold`, derived with sympy and checked against
:func:`gametheory.pbe`).

What the derivation changes: the old cutoff (mimic while ``e`` exceeds the current
gesture's cost) understated what mimicry costs; with cumulative costs the op-ed's
three gestures reassure at the defaults, but only at the peace treaty, and (without
discounting) a single gesture of the same total cost would do as well: the sequence
helps through its total cost, not its order. :data:`REASSURANCE` gathers the
assumptions with their ranges for :mod:`gametheory.analysis.sensitivity`.

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

from ..analysis.sensitivity import vectorised
from ..errors import ParameterError
from ..games.signalling import SignallingGame
from ..solve.pbe import PBESolution, pbe
from ..symbolic import exact, parameter, parameter_info
from .calibration import Calibration

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
    "GESTURE_COST_SCALE",
    "ReassuranceEquilibrium",
    "reassurance_equilibrium",
    "discretised_game",
    "equilibrium_from_pbe",
    "REASSURANCE",
    "sequence_reassures",
    "reassurance_margin",
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
GESTURE_COST_SCALE = parameter(
    "gesture_cost_scale", "positive", unit="multiple of the costs in MEASURES",
    description="scale of the gestures' costs (all of MEASURES multiplied by it)",
    default=1, plausible_range=("1/2", 2), source=_ASSUMED,
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


def _cumulative(ms: Sequence[Measure], scale: sp.Expr) -> tuple[list[sp.Expr], list[sp.Expr]]:
    """Cumulative cost of the first ``j`` gestures to each type: (trustworthy, untrustworthy)."""
    k, c = [sp.Integer(0)], [sp.Integer(0)]
    for m in ms:
        k.append(k[-1] + scale * m.political_cost)
        c.append(c[-1] + scale * m.total_cost)
    return k, c


def trust_path(
    measures: Sequence[Measure | str] | None = None,
    prior: Any = TRUST_PRIOR,
    exploitation_max: Any = EXPLOITATION_MAX,
    cost_scale: Any = 1,
) -> list[dict[str, Any]]:
    """North Korea's belief after the first ``j`` gestures, in the equilibrium that asks for them.

    The untrustworthy types' value of a disarmed North Korea (exploitation included) is
    ``e ~ U[0, E]`` (ASSUMPTION). If North Korea disarms after the first ``j`` gestures
    and keeps its deterrent after anything less, a type ``e`` that makes them earns
    ``e - C_j`` (``C_j`` the cumulative cost of the gestures to it) and one that makes
    none earns 0; stopping half way costs without benefit. So exactly the types with
    ``e >= C_j`` mimic (the cutoff is a best response, not an assumption), a share
    ``max(0, 1 - C_j / E)``, and the belief follows from :func:`posterior_after`.
    Returns rows ``{step, measure, mimic_share, belief, cost_trustworthy,
    cost_untrustworthy}`` starting with the prior (step 0).
    """
    ms = [_measure(m) for m in (MEASURES.values() if measures is None else measures)]
    mu0, emax, scale = exact(prior), exact(exploitation_max), exact(cost_scale)
    k, c = _cumulative(ms, scale)
    rows: list[dict[str, Any]] = []
    for j in range(len(ms) + 1):
        share = sp.Max(0, 1 - c[j] / emax)
        rows.append({"step": j, "measure": ms[j - 1].name if j else None, "mimic_share": share,
                     "belief": posterior_after(mu0, share), "cost_trustworthy": k[j],
                     "cost_untrustworthy": c[j]})
    return rows


@dataclass(frozen=True)
class ReassuranceEquilibrium:
    """The least demanding reassurance equilibrium in which North Korea disarms.

    Attributes
    ----------
    steps
        Gestures North Korea asks for (0: it disarms on the prior), or None if no
        equilibrium along the sequence ends in disarmament.
    cutoff
        Untrustworthy types with ``e >= cutoff`` mimic the trustworthy one (``C_m``).
    belief, needed
        North Korea's belief after the gestures and the belief it needs to disarm.
    cost_trustworthy
        What the gestures cost a trustworthy United States (at most ``B_T``).
    reason
        Why there is no such equilibrium, when there is none.
    """

    steps: int | None
    cutoff: sp.Expr | None
    belief: sp.Expr | None
    needed: sp.Expr
    cost_trustworthy: sp.Expr | None
    reason: str = ""


def reassurance_equilibrium(
    measures: Sequence[Measure | str] | None = None, prior: Any = None,
    exploitation_max: Any = None, relief: Any = None, attack_loss: Any = None,
    guarantee: Any = None, benefit_trustworthy: Any = None, cost_scale: Any = 1,
) -> ReassuranceEquilibrium:
    """Fewest gestures of the sequence that end in disarmament in a perfect Bayesian equilibrium.

    North Korea disarms after the first ``m`` gestures and keeps its deterrent after
    fewer or none (off the path it believes the United States untrustworthy). This is
    an equilibrium iff (i) its belief after the gestures, with the mimicking types of
    :func:`trust_path`, reaches :func:`disarm_belief`, and (ii) the gestures cost the
    trustworthy type no more than it gains, ``K_m <= B_T``; the least such ``m`` is
    returned. Arguments left out take their declared defaults. No discounting: North
    Korea is indifferent to when it disarms once the pool is fixed, so a single gesture
    of cost ``C_m`` would reassure as well (see the notebook). Checked against
    :func:`gametheory.pbe` on a discretised type space by :func:`equilibrium_from_pbe`.
    """
    def pick(v: Any, sym: sp.Symbol) -> sp.Expr:
        return exact(parameter_info(sym).default if v is None else v)

    need = disarm_belief(pick(relief, RELIEF), pick(attack_loss, ATTACK_LOSS),
                         pick(guarantee, GUARANTEE))
    bt = pick(benefit_trustworthy, BENEFIT_TRUSTWORTHY)
    path = trust_path(measures, pick(prior, TRUST_PRIOR), pick(exploitation_max, EXPLOITATION_MAX),
                      cost_scale)
    reason = "no gesture of the sequence raises trust to the belief needed"
    for row in path:
        if bool(row["belief"] >= need):
            if bool(row["cost_trustworthy"] > bt):
                reason = (f"the gestures that would reassure cost a trustworthy United States "
                          f"{row['cost_trustworthy']} > B_T = {bt}")
                break
            return ReassuranceEquilibrium(int(row["step"]), row["cost_untrustworthy"],
                                          row["belief"], need, row["cost_trustworthy"])
    return ReassuranceEquilibrium(None, None, None, need, None, reason)


def discretised_game(
    steps: int, grid: int = 4, measures: Sequence[Measure | str] | None = None,
    prior: Any = "3/10", exploitation_max: Any = 30, relief: Any = 5, attack_loss: Any = 20,
    guarantee: Any = 0, benefit_trustworthy: Any = 10, cost_scale: Any = 1,
) -> SignallingGame:
    """The reassurance game in its reduced form, with ``grid`` untrustworthy types.

    The sender chooses how many gestures of the sequence to make (messages ``"none"``,
    ``"through 1"``, ..., ``"through steps"``) at their cumulative cost; North Korea
    then disarms or keeps. The untrustworthy types ``e_i = (i + 1/2) E / grid`` each
    carry prior ``(1 - mu) / grid``, the midpoints of ``U[0, E]``.
    """
    ms = [_measure(m) for m in (MEASURES.values() if measures is None else measures)][:steps]
    mu, emax = exact(prior), exact(exploitation_max)
    k, c = _cumulative(ms, exact(cost_scale))
    w, x, g, bt = (exact(v) for v in (relief, attack_loss, guarantee, benefit_trustworthy))
    untrustworthy = {f"untrustworthy {i}": (i + sp.Rational(1, 2)) * emax / grid
                     for i in range(grid)}
    types = ["trustworthy", *untrustworthy]
    prior_map = {"trustworthy": mu, **{t: (1 - mu) / grid for t in untrustworthy}}
    messages = ["none", *(f"through {j}" for j in range(1, len(ms) + 1))]
    costs = {(t, m): (k if t == "trustworthy" else c)[j]
             for t in types for j, m in enumerate(messages)}

    def payoffs(t: str, msg: str, r: str) -> tuple[sp.Expr, sp.Expr]:
        if r == "keep":
            return sp.Integer(0), sp.Integer(0)
        if t == "trustworthy":
            return bt, w + g
        return untrustworthy[t], w + g - x

    return SignallingGame(types, prior_map, messages, ["disarm", "keep"], payoffs, costs=costs,
                          sender=US, receiver=NK, title="reassurance by a sequence of gestures")


def equilibrium_from_pbe(game: SignallingGame) -> dict[str, Any] | None:
    """The least demanding equilibrium of a :func:`discretised_game` that ends in disarmament.

    From all pure PBE that :func:`gametheory.pbe` finds, the one in which North Korea
    disarms after the fewest gestures; ``{"steps", "mimics", "sender", "receiver"}``
    with ``mimics`` the untrustworthy types that gesture, or None if none disarms.
    """
    sol = pbe(game)
    if not isinstance(sol, PBESolution):
        raise ParameterError("equilibrium_from_pbe needs numbers for every parameter")
    best: dict[str, Any] | None = None
    for e in sol:
        m = e.sender["trustworthy"]
        if e.receiver[m] != "disarm":
            continue
        steps = 0 if m == "none" else int(m.split()[1])
        if best is None or steps < best["steps"]:
            best = {"steps": steps, "sender": dict(e.sender), "receiver": dict(e.receiver),
                    "mimics": tuple(t for t, v in e.sender.items()
                                    if t != "trustworthy" and v == m)}
    return best


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
    guarantee: Any = None, benefit_trustworthy: Any = None, cost_scale: Any = 1,
) -> int | None:
    """Gestures needed in :func:`reassurance_equilibrium` (0 if the prior suffices;
    None if no equilibrium along the sequence ends in disarmament)."""
    return reassurance_equilibrium(measures, prior, exploitation_max, relief, attack_loss,
                                   guarantee, benefit_trustworthy, cost_scale).steps


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


REASSURANCE = Calibration(
    name="REASSURANCE",
    description="the reassurance game's assumptions (argument 06), at their declared "
    "defaults and plausible ranges; no source pins any of them down",
    values={s: parameter_info(s).default for s in (
        TRUST_PRIOR, BENEFIT_TRUSTWORTHY, BENEFIT_UNTRUSTWORTHY, RELIEF, ATTACK_LOSS, GUARANTEE,
        EXPLOITATION_MAX, GESTURE_COST_SCALE)},
    ranges={s: parameter_info(s).plausible_range or (parameter_info(s).default,) * 2 for s in (
        TRUST_PRIOR, BENEFIT_TRUSTWORTHY, BENEFIT_UNTRUSTWORTHY, RELIEF, ATTACK_LOSS, GUARANTEE,
        EXPLOITATION_MAX, GESTURE_COST_SCALE)},
)
"""Calibration of the reassurance game for :func:`gametheory.analysis.monte_carlo_share`."""


def _margins(v: Mapping[str, Any]) -> Any:
    import numpy as np

    mu, emax = np.asarray(v["trust_prior"], float), np.asarray(v["exploitation_max"], float)
    need = 1 - (np.asarray(v["reassurance_relief"], float) + v["security_guarantee"]) \
        / np.asarray(v["reassurance_attack_loss"], float)
    k, c = _cumulative(list(MEASURES.values()), sp.Integer(1))
    scale = np.asarray(v["gesture_cost_scale"], float)
    best = np.full(np.broadcast(mu, emax, need, scale).shape, -1.0)
    for kj, cj in zip(k, c, strict=True):
        share = np.maximum(0.0, 1 - float(cj) * scale / emax)
        belief = mu / (mu + (1 - mu) * share)
        affordable = float(kj) * scale <= np.asarray(v["benefit_trustworthy"], float)
        best = np.where(affordable, np.maximum(best, belief - need), best)
    return best


@vectorised
def sequence_reassures(values: Mapping[str, Any]) -> Any:
    """Verdict (vectorised): some prefix of the op-ed's gestures ends in disarmament in
    equilibrium (:func:`reassurance_equilibrium`), at these values."""
    return _margins(values) >= 0


@vectorised
def reassurance_margin(values: Mapping[str, Any]) -> Any:
    """Continuous margin of :func:`sequence_reassures` (vectorised): the largest excess of
    North Korea's belief over the belief it needs, among the prefixes a trustworthy
    United States can afford (-1 if it can afford none)."""
    return _margins(values)


