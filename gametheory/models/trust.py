"""Trust built step by step: action for action, and gradual cooperation (argument 04).

Two pieces.

* **Gradual cooperation without commitment** (reconstruction after Lockwood and Thomas
  2002, as stated in LITERATURE.md; not the authors' equations). Two states choose
  irreversible levels of cooperation ``x`` in [0, 1] (disarmament done, sanctions
  lifted); each earns ``b * x_other - c * x_own`` per period, discounts by ``d``, and a
  deviation is punished by a permanent freeze. Along a symmetric path both raise to
  ``x_t`` at ``t``; deviating at ``t`` (keeping ``x_{t-1}`` while the other moves to
  ``x_t``) earns ``(b x_t - c x_{t-1}) / (1 - d)``. :func:`incentive_constraint`
  builds both values with sympy sums and :func:`derive_gradual_rate` solves the
  binding constraint along a geometric path ``x_t = 1 - rho**t``: ``rho = c / (d b)``.
  The fastest path is feasible iff ``rho < 1``, i.e. ``d > c / b``; it rises towards,
  and stays below, full cooperation.
* **Action for action as a repeated game**: :func:`action_for_action_game` is the
  stage game (each side complies or defects), solved with the repeated-game engine's
  automata (grim trigger, tit-for-tat, limited punishment) in :func:`automaton_thresholds`.

Examples
--------
>>> gradual_path(2, 1, "3/4", 3)
[0, 1/3, 5/9, 19/27]
>>> steps_to_share(2, 1, "3/4", "9/10")
6
"""

from __future__ import annotations

import functools
from typing import Any

import sympy as sp

from ..analysis.sensitivity import vectorised
from ..errors import ParameterError
from ..games.automata import Automaton, grim_trigger, limited_punishment, tit_for_tat
from ..games.normal_form import NormalFormGame
from ..games.repeated import RepeatedGame
from ..solve.repeated import DiscountThreshold, discount_threshold
from ..symbolic import exact
from .calibration import DISARM_COST, DISARM_VALUE_US, RELIEF_VALUE, RENEGE_GAIN, Calibration

__all__ = [
    "incentive_constraint",
    "derive_gradual_rate",
    "gradual_rate",
    "gradual_path",
    "steps_to_share",
    "path_is_incentive_compatible",
    "gradual_feasible_condition",
    "action_for_action_game",
    "automaton_thresholds",
    "grim_threshold_symbolic",
    "gradual_parameters",
    "gradual_paths",
    "TRUST_ASSUMPTIONS",
    "action_for_action_margin",
    "action_for_action_holds",
]

_b, _c, _d, _rho = sp.symbols("b c d rho", positive=True)
_t, _s = sp.symbols("t s", integer=True, positive=True)


def _first_branch(expr: sp.Expr) -> sp.Expr:
    # sympy's geometric sums come as Piecewise(convergent, otherwise); d < 1 and
    # d*rho < 1 are assumed throughout (the path is only defined for them).
    return expr.replace(sp.Piecewise, lambda *args: args[0][0])


def incentive_constraint() -> tuple[sp.Expr, sp.Expr]:
    """(value of following the path from t, value of deviating at t), for ``x_s = 1 - rho**s``.

    Built from the sums ``sum_{s>=t} d**(s-t) (b - c) x_s`` and the frozen deviation
    payoff ``(b x_t - c x_{t-1}) / (1 - d)``, in the symbols ``b, c, d, rho, t``.
    """
    path = sp.summation(_d ** (_s - _t) * (_b - _c) * (1 - _rho**_s), (_s, _t, sp.oo))
    follow = sp.simplify(_first_branch(path))
    deviate = (_b * (1 - _rho**_t) - _c * (1 - _rho ** (_t - 1))) / (1 - _d)
    return follow, deviate


@functools.lru_cache(maxsize=1)
def derive_gradual_rate() -> sp.Expr:
    """Solve "follow = deviate" for ``rho`` (the same for every t): returns ``c / (d b)``.

    Examples
    --------
    >>> derive_gradual_rate()
    c/(b*d)
    """
    follow, deviate = incentive_constraint()
    # The gap is rho**(t-1) times a function of rho alone; divide it out.
    gap = sp.simplify((follow - deviate) / _rho ** (_t - 1))
    roots = [r for r in sp.solve(sp.numer(sp.together(gap)), _rho) if r != 1]
    if len(roots) != 1:
        raise ParameterError(f"expected one non-trivial root of the incentive constraint, got {roots}")
    return sp.simplify(roots[0])


def gradual_feasible_condition() -> sp.Rel:
    """``rho < 1`` written in the primitives: ``d > c / b``."""
    return sp.StrictGreaterThan(_d, _c / _b)


def _numbers(benefit: Any, cost: Any, discount: Any) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    b, c, d = (exact(v, where=w) for v, w in
               ((benefit, "benefit"), (cost, "cost"), (discount, "discount")))
    for v, w in ((b, "benefit"), (c, "cost"), (d, "discount")):
        if not v.is_number:
            raise ParameterError(f"{w} must be a number, got {v}")
    if not (b > 0 and c > 0):
        raise ParameterError(f"benefit and cost must be > 0; got benefit={b}, cost={c}")
    if not 0 < d < 1:
        raise ParameterError(f"discount must lie in (0, 1); got {d}")
    return b, c, d


def gradual_rate(benefit: Any, cost: Any, discount: Any) -> sp.Expr:
    """``rho = c / (d b)`` at numbers, or raise if gradual cooperation is infeasible."""
    b, c, d = _numbers(benefit, cost, discount)
    rho = derive_gradual_rate().xreplace({_b: b, _c: c, _d: d})
    if not rho < 1:
        raise ParameterError(
            f"no gradual cooperation: it needs discount > cost/benefit = {c / b}, got {d} "
            f"(rho = c/(d b) = {rho} >= 1)"
        )
    return rho


def gradual_path(benefit: Any, cost: Any, discount: Any, steps: int) -> list[sp.Expr]:
    """The fastest self-enforcing path, ``x_t = 1 - rho**t`` for ``t = 0`` to ``steps``.

    Raises :class:`~gametheory.errors.ParameterError` when ``discount <= cost/benefit``.
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ParameterError(f"steps must be an integer >= 0; got {steps!r}")
    rho = gradual_rate(benefit, cost, discount)
    return [1 - rho**t for t in range(steps + 1)]


def steps_to_share(benefit: Any, cost: Any, discount: Any, share: Any) -> int | None:
    """Periods until cooperation reaches ``share`` of the full level (None if infeasible).

    The least ``t`` with ``1 - rho**t >= share``; ``share`` must lie in [0, 1) because the
    path never reaches full cooperation.
    """
    x = exact(share, where="share")
    if not (x.is_number and 0 <= x < 1):
        raise ParameterError(f"share must lie in [0, 1) (full cooperation is never reached); got {x}")
    try:
        rho = gradual_rate(benefit, cost, discount)
    except ParameterError:
        return None
    if x == 0:
        return 0
    if rho == 0:
        return 1
    # A float estimate, then an exact correction either way.
    t = max(0, int(float(sp.log(1 - x) / sp.log(rho))) - 1)
    while 1 - rho**t < x:
        t += 1
    while t > 0 and 1 - rho ** (t - 1) >= x:
        t -= 1
    return t


def path_is_incentive_compatible(path: list[Any], benefit: Any, cost: Any, discount: Any,
                                 tail_rate: Any = None) -> bool:
    """Exact no-deviation check of a path of levels followed by a geometric tail.

    The path is ``x_0`` to ``x_T``.
    After ``x_T`` the levels continue as ``1 - (1 - x_T) * r**j`` (``r = tail_rate``,
    by default ``c / (d b)``, so the gradual path's own continuation; ``r = 1`` freezes).
    At every ``t >= 1`` following (the discounted surplus from ``t``) must be at least
    deviating (``(b x_t - c x_{t-1}) / (1 - d)``).
    """
    b, c, d = _numbers(benefit, cost, discount)
    r = exact(tail_rate) if tail_rate is not None else c / (d * b)
    if not (r.is_number and 0 <= r <= 1):
        raise ParameterError(f"tail_rate must lie in [0, 1]; got {r}")
    xs = [exact(v) for v in path]
    last = len(xs) - 1
    # sum_{j>=1} d**j (1 - (1 - x_T) r**j), in closed form
    tail = d / (1 - d) - (1 - xs[-1]) * d * r / (1 - d * r)
    for t in range(1, len(xs)):
        follow = sum((d ** (s - t) * xs[s] for s in range(t, len(xs))), sp.Integer(0))
        follow = (b - c) * (follow + d ** (last - t) * tail)
        deviate = (b * xs[t] - c * xs[t - 1]) / (1 - d)
        if follow < deviate:
            return False
    return True


# ------------------------------------------------------------------ action for action


def action_for_action_game(relief: Any = RELIEF_VALUE, disarm_cost: Any = DISARM_COST,
                           disarm_value: Any = DISARM_VALUE_US,
                           renege_gain: Any = RENEGE_GAIN) -> NormalFormGame:
    """One round of action for action: each side complies with its step (C) or not (D).

    North Korea's step costs it ``disarm_cost`` and is worth ``disarm_value`` to the US;
    the US step (relief) is worth ``relief`` to North Korea and costs the US
    ``renege_gain``. Per-step values; by default the declared parameters (symbolic).
    It is a prisoner's dilemma when every value is positive.
    """
    r, c, g, t = (exact(v) for v in (relief, disarm_cost, disarm_value, renege_gain))
    return NormalFormGame.from_arrays(
        [[r - c, -c], [r, 0]], [[g - t, g], [-t, 0]],
        strategies=[["C", "D"], ["C", "D"]], players=["DPRK", "US"],
    )


def _automata(limited: tuple[int, ...]) -> dict[str, Automaton]:
    found = {"grim trigger": grim_trigger(), "tit-for-tat": tit_for_tat()}
    found.update({f"limited punishment ({k})": limited_punishment(k) for k in limited})
    return found


def automaton_thresholds(cal: Calibration, limited: tuple[int, ...] = (1, 3, 10)
                         ) -> dict[str, DiscountThreshold]:
    """Least discount factors for each automaton (both sides use it) at a calibration.

    Solved by :func:`gametheory.discount_threshold` on :func:`action_for_action_game`
    at the calibration's values. Grim trigger's threshold is
    ``max(C / R, T / G)`` (Friedman 1971), the same ratio as the gradual path's
    feasibility ``d > c / b``; tit-for-tat and short punishments may have none.
    """
    values = (cal[RELIEF_VALUE], cal[DISARM_COST], cal[DISARM_VALUE_US], cal[RENEGE_GAIN])
    return dict(_thresholds(values, tuple(limited)))


@functools.lru_cache(maxsize=8)
def _thresholds(values: tuple[sp.Expr, ...], limited: tuple[int, ...]
                ) -> tuple[tuple[str, DiscountThreshold], ...]:
    # The exact solver takes seconds for long punishments; the notebook, the table and
    # the figure all ask for the same calibration.
    game = RepeatedGame(action_for_action_game(*values), "1/2")  # delta becomes a symbol
    return tuple((name, discount_threshold(game, (a, a))) for name, a in _automata(limited).items())


def grim_threshold_symbolic() -> DiscountThreshold:
    """Grim trigger's threshold in the declared parameters, assuming ``R > C > 0`` and ``G > T > 0``."""
    game = RepeatedGame(action_for_action_game(), "1/2")
    return discount_threshold(game, (grim_trigger(), grim_trigger()),
                              assumptions=[RELIEF_VALUE > DISARM_COST, DISARM_COST > 0,
                                           DISARM_VALUE_US > RENEGE_GAIN, RENEGE_GAIN > 0])


def gradual_parameters(cal: Calibration) -> dict[str, sp.Expr]:
    """``benefit``, ``cost`` and ``discount`` for the gradual path at a calibration.

    The reconstruction is symmetric; the two sides differ (North Korea: b = R, c = C;
    the US: b = G, c = T), so the side with the larger ``c / b``, whose incentive
    constraint binds first, sets the pace. Discount: the calibration's ``patience``.
    """
    from .calibration import PATIENCE

    sides = [(cal[DISARM_COST] / cal[RELIEF_VALUE], cal[RELIEF_VALUE], cal[DISARM_COST]),
             (cal[RENEGE_GAIN] / cal[DISARM_VALUE_US], cal[DISARM_VALUE_US], cal[RENEGE_GAIN])]
    _, b, c = max(sides, key=lambda x: x[0])
    return {"benefit": b, "cost": c, "discount": cal[PATIENCE]}


def gradual_paths(cal: Calibration, discounts: list[Any], steps: int) -> dict[str, Any]:
    """Figure data: the gradual path at several discount factors (None where infeasible).

    Returns ``{"t": [0..steps], "paths": {discount: [x_0..x_steps] or None}}`` with the
    calibration's binding side (:func:`gradual_parameters`).
    """
    args = gradual_parameters(cal)
    paths: dict[Any, list[sp.Expr] | None] = {}
    for d in discounts:
        try:
            paths[exact(d)] = gradual_path(args["benefit"], args["cost"], d, steps)
        except ParameterError:
            paths[exact(d)] = None
    return {"t": list(range(steps + 1)), "paths": paths}


TRUST_ASSUMPTIONS: tuple[str, ...] = ("patience", "relief_value", "disarm_cost",
                                      "disarm_value_us", "renege_gain")
"""The assumptions the action-for-action verdict depends on (drawn by the sensitivity
analysis over a calibration's plausible ranges)."""


@vectorised
def action_for_action_margin(values: Any) -> Any:
    """``d - max(C / R, T / G)`` (vectorised): the slack of grim trigger's threshold
    (:func:`grim_threshold_symbolic`). Where a step is not worth its cost to one side
    (``R <= C`` or ``G <= T``) the ratio is at least 1, so the slack is negative, as no
    discount factor works; the margin stays continuous for the Sobol' indices."""
    import numpy as np

    d = np.asarray(values["patience"], float)
    r, c = np.asarray(values["relief_value"], float), np.asarray(values["disarm_cost"], float)
    g, t = np.asarray(values["disarm_value_us"], float), np.asarray(values["renege_gain"], float)
    return d - np.maximum(c / r, t / g)


@vectorised
def action_for_action_holds(values: Any) -> Any:
    """Verdict (vectorised): grim-trigger action for action is subgame perfect at these values."""
    return action_for_action_margin(values) >= 0


