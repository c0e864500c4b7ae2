"""The US decision to renege, from primitives, and what it leaves of step-by-step (02).

The Hanoi trees of :mod:`gametheory.models.commitment` charge the US a cost ``a`` for
any breach and give it ``T/K`` for breaking a step of size ``1/K``; with those two
numbers fixed by hand, ``K`` steps work iff ``K a > T``, and more steps always help. This
module derives both from primitives (a **reconstruction**, not the authors' equations):

* the gain from reneging on a step of size ``s`` is the value of the sanctions the US
  keeps in place, ``lambda R s``: ``R`` is the value of full relief to North Korea and
  ``lambda`` (``sanctions_leverage``) what each dollar of it is worth to the US as
  leverage on the remaining issues;
* the cost is ``a(s) = a_P + a_A s``: a domestic **audience cost** ``a_A s`` in
  proportion to the share of the deal broken (audience costs rise with the size of the
  commitment: Fearon 1994, Tomz 2007), and a **reputation cost across proliferators**
  ``a_P`` for any breach, whatever its size (what Iran and later cases learn is that
  the US breaks signed deals).

Backward induction on :func:`primitive_tree` (the last US move binds) gives the
derived condition (:func:`primitive_condition`), checked against ``gt.spe``:

    K steps reach full disarmament  iff  K a_P + a_A > lambda R  and  R - C - q X > 0.

What remains of the claim: **only the size-independent part of the cost makes steps
help.** If every cost of reneging scales with the step (``a_P = 0``), ``K`` drops out,
and the big deal works exactly where steps do (:func:`scaled_cost_neutrality`). With
``a_P > 0`` the least number of steps is ``K* = floor((lambda R - a_A)/a_P) + 1``
(:func:`minimal_primitive_steps`). The flat model of the commitment module is the case
``a_A = 0``, ``a_P = a``, ``lambda R = T``.

Examples
--------
>>> from gametheory.models.calibration import DPRK_2019
>>> minimal_primitive_steps(primitive_values(DPRK_2019))
4
>>> scaled_cost_neutrality()["holds"]
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.sensitivity import ShareEstimate, monte_carlo_share, vectorised
from ..errors import ParameterError
from ..games.extensive_form import ExtensiveFormGame
from ..solve.backward_induction import spe
from ..symbolic import exact
from .calibration import (
    ATTACK_RISK,
    AUDIENCE_COST,
    DISARM_COST,
    DISARM_VALUE_US,
    REGIME_LOSS,
    RELIEF_VALUE,
    REPUTATION_COST,
    SANCTIONS_LEVERAGE,
    Calibration,
)
from .commitment import _check_steps, reaches_full_disarmament, step_by_step_tree

__all__ = [
    "PRIMITIVES",
    "renege_cost",
    "renege_gain",
    "primitive_tree",
    "primitive_values",
    "primitive_condition",
    "minimal_primitive_steps",
    "primitive_steps_by_spe",
    "scaled_cost_neutrality",
    "step_advantage_shares",
    "DRAWN",
]

PRIMITIVES: tuple[sp.Symbol, ...] = (
    RELIEF_VALUE, DISARM_COST, DISARM_VALUE_US, SANCTIONS_LEVERAGE, REPUTATION_COST,
    AUDIENCE_COST, REGIME_LOSS, ATTACK_RISK,
)
"""R, C, G, lambda, a_P, a_A, X, q: the parameters of :func:`primitive_tree`."""

DRAWN: tuple[str, ...] = tuple(s.name for s in PRIMITIVES if s is not DISARM_VALUE_US)
"""The assumptions the verdicts depend on (``G`` does not enter them)."""


def renege_cost(step_size: Any) -> sp.Expr:
    """Cost to the US of breaking a step of the given size: ``a_P + a_A s``.

    Examples
    --------
    >>> renege_cost("1/4")
    audience_cost/4 + reputation_cost
    """
    s = exact(step_size, where="step_size")
    if s.is_number and not 0 < s <= 1:
        raise ParameterError(f"step_size must lie in (0, 1]; got {s}")
    return REPUTATION_COST + AUDIENCE_COST * s


def renege_gain(step_size: Any) -> sp.Expr:
    """What the US keeps by breaking a step of the given size: ``lambda R s``."""
    s = exact(step_size, where="step_size")
    if s.is_number and not 0 < s <= 1:
        raise ParameterError(f"step_size must lie in (0, 1]; got {s}")
    return SANCTIONS_LEVERAGE * RELIEF_VALUE * s


def primitive_tree(steps: int) -> ExtensiveFormGame:
    """The K-step Hanoi tree with the costs and gain of reneging from primitives.

    :func:`~gametheory.models.commitment.step_by_step_tree` with ``T = lambda R`` (the
    tree charges ``T`` times the share not lifted, ``1/K``) and ``a = a_P + a_A / K``.
    Symbolic in :data:`PRIMITIVES`.
    """
    steps = _check_steps(steps)
    return step_by_step_tree(steps, renege_gain=SANCTIONS_LEVERAGE * RELIEF_VALUE,
                             renege_cost=renege_cost(sp.Rational(1, steps)))


def primitive_values(cal: Calibration) -> dict[sp.Symbol, sp.Expr]:
    """The calibration's values of :data:`PRIMITIVES`."""
    return {s: cal[s] for s in PRIMITIVES}


def primitive_condition(steps: Any) -> sp.Basic:
    """Where K steps reach full disarmament: ``K a_P + a_A > lambda R`` and ``R - C - qX > 0``.

    ``steps`` may be a positive integer or a symbol. Derived by hand (the binding US
    move is the last one: lifting gives nothing more, reneging ``lambda R / K`` at cost
    ``a_P + a_A / K``; multiplied by ``K > 0``); tests check it against ``gt.spe`` of
    :func:`primitive_tree` at random points.
    """
    K = steps if isinstance(steps, sp.Symbol) else sp.Integer(_check_steps(steps))
    R, C, _G, lam, a_p, a_a, X, q = PRIMITIVES
    return sp.And(K * a_p + a_a > lam * R, R - C - q * X > 0)


def minimal_primitive_steps(values: Mapping[sp.Symbol, Any]) -> int | None:
    """The least K of :func:`primitive_condition`, or None if no K works.

    None when disarming does not pay North Korea (``R - C - qX <= 0``), or when the cost
    of reneging scales entirely with the step (``a_P = 0``) and ``a_A <= lambda R``.
    """
    R, C, _G, lam, a_p, a_a, X, q = PRIMITIVES
    v = {s: exact(values[s], where=s.name) for s in PRIMITIVES if s is not _G}
    if not v[R] - v[C] - v[q] * v[X] > 0:
        return None
    excess = v[lam] * v[R] - v[a_a]  # what the fixed part a_P must cover, K times
    if excess < 0:
        return 1
    if v[a_p] == 0:
        return None
    return int(sp.floor(excess / v[a_p])) + 1


def primitive_steps_by_spe(values: Mapping[sp.Symbol, Any], max_steps: int = 12) -> int | None:
    """The least K whose :func:`primitive_tree`, solved by ``gt.spe``, disarms fully."""
    for k in range(1, _check_steps(max_steps) + 1):
        sol = spe(primitive_tree(k).subs(dict(values)))
        if reaches_full_disarmament(sol, k):
            return k
    return None


def scaled_cost_neutrality() -> dict[str, Any]:
    """Where steps help, and that with ``a_P = 0`` they do not (symbolic identities).

    With ``u_K = K (a(1/K) - lambda R / K)``, the US slack of K steps times ``K``:
    ``u_K - u_1 = (K - 1) a_P``, so steps help by the size-independent part alone, and
    at ``a_P = 0`` the K-step slack equals the big deal's: the big deal works wherever
    any number of steps does.

    Returns
    -------
    dict
        ``k_step`` (``u_K``), ``big_deal`` (``u_1``), ``difference`` (``u_K - u_1``,
        factored) and ``holds`` (True when ``u_K - u_1 - (K - 1) a_P`` reduces to 0).
    """
    K = sp.Symbol("K", integer=True, positive=True)
    k_step = sp.expand(K * (renege_cost(1 / K) - renege_gain(1 / K)))
    big = sp.expand(renege_cost(1) - renege_gain(1))
    difference = sp.factor(k_step - big)
    return {"k_step": k_step, "big_deal": big, "difference": difference,
            "holds": sp.simplify(k_step - big - (K - 1) * REPUTATION_COST) == 0}


def _margins(v: Mapping[str, Any], steps: int) -> tuple[Any, Any, Any]:
    us_big = v["reputation_cost"] + v["audience_cost"] - v["sanctions_leverage"] * v["relief_value"]
    us_k = steps * v["reputation_cost"] + v["audience_cost"] - v["sanctions_leverage"] * v["relief_value"]
    dprk = v["relief_value"] - v["disarm_cost"] - v["attack_risk"] * v["regime_loss"]
    return us_big, us_k, dprk


def step_advantage_shares(cal: Calibration, max_steps: int = 10, draws: int = 4000,
                          seed: int = 0, scaled: bool = False) -> dict[str, ShareEstimate]:
    """Monte Carlo shares over the calibration's ranges of :data:`DRAWN`.

    ``"claim"``: the big deal fails and at most ``max_steps`` steps work;
    ``"big deal works"``; ``"too many steps"``: disarming pays North Korea but more than
    ``max_steps`` steps are needed; ``"disarming does not pay"``. The four partition
    the draws. ``scaled=True`` sets ``a_P = 0`` (every cost scales with the step).
    """
    base = cal.replace(reputation_cost=0) if scaled else cal
    names = [n for n in DRAWN if not (scaled and n == "reputation_cost")]

    def verdict(kind: str) -> Any:
        @vectorised
        def holds(v: dict[str, Any]) -> Any:
            us_big, us_k, dprk = _margins(v, max_steps)
            pays = np.asarray(dprk) > 0
            return {
                "claim": pays & (np.asarray(us_big) <= 0) & (np.asarray(us_k) > 0),
                "big deal works": pays & (np.asarray(us_big) > 0),
                "too many steps": pays & (np.asarray(us_k) <= 0),
                "disarming does not pay": ~pays,
            }[kind]
        return holds

    return {kind: monte_carlo_share(verdict(kind), base, names=names, draws=draws, seed=seed)
            for kind in ("claim", "big deal works", "too many steps", "disarming does not pay")}
