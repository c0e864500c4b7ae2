"""Screening through the size of the first step: a signalling game (argument 02).

**Reconstruction** after Kydd (2000) (reassurance by costly signals) and the private-
information strand of Fearon (1995) and Powell (2006). North Korea privately knows how
much power disarming costs it: a **genuine** type (prior ``pi``) loses ``c_g`` per unit
of disarmament, a **hold-out** loses ``c_h = rho c_g`` (``rho > 1``: its security rests
more on the weapons, so the shift of power is larger). It moves first with a verified
step of size ``s`` from a menu (``0`` is no step, ``1`` the Hanoi big deal); the US sees
the step, not the type, and **reciprocates** (the relief process starts, worth ``V`` to
either type) or **refuses**. A step costs its type ``c_theta s`` either way.
Reciprocating a genuine type is worth ``G - lambda R`` to the US (the whole deal, less
the leverage given up), a hold-out ``-lambda R`` (relief for nothing), relative to
refusing.

Primitives from the calibration: ``V = R``, ``c_g = C + q X`` (cost of the deterrent and
the regime risk of a disarmed state, as in the Hanoi trees), ``rho``
(``holdout_cost_ratio``) and ``pi`` (``prior_genuine``) are assumptions.

Derived (and checked against ``gt.pbe``, which solves :func:`screening_game`):

* a step ``s > 0`` **separates** (the genuine type takes it and is reciprocated, the
  hold-out takes no step and is refused) iff ``V / c_h <= s <= V / c_g`` and
  ``G >= lambda R`` (:func:`separating_steps`); the least-cost one is the smallest
  such ``s`` on the menu;
* a step ``s`` (``0`` too) is taken by **both** types and reciprocated iff ``s <= V / c_h`` and
  ``pi (G - lambda R) >= (1 - pi) lambda R`` (:func:`pooling_steps`): small steps cannot
  screen, so whether they are reciprocated depends on the prior alone;
* the big deal (``s = 1``) separates iff ``c_g <= V <= c_h``.

Examples
--------
>>> from gametheory.models.calibration import DPRK_2019
>>> v = screening_values(DPRK_2019)
>>> separating_steps(v), pooling_steps(v)
([3/4, 1], [0, 1/4, 1/2])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from ..analysis.sensitivity import ShareEstimate, monte_carlo_share, vectorised
from ..errors import ParameterError
from ..games.signalling import SignallingGame
from ..solve.pbe import PBESolution, intuitive_criterion, pbe
from ..solve.results import Piece, PiecewiseAnswer
from ..symbolic import exact
from .calibration import (
    ATTACK_RISK,
    DISARM_COST,
    DISARM_VALUE_US,
    HOLDOUT_COST_RATIO,
    PRIOR_GENUINE,
    REGIME_LOSS,
    RELIEF_VALUE,
    SANCTIONS_LEVERAGE,
    Calibration,
)

__all__ = [
    "GENUINE",
    "HOLDOUT",
    "STEP_MENU",
    "SCREENING_PARAMETERS",
    "screening_values",
    "screening_game",
    "screening_pbe",
    "separating_steps",
    "pooling_steps",
    "equilibrium_steps",
    "big_deal_separates",
    "screening_shares",
    "FIRST_STEP",
    "POOLS",
    "SEPARATES",
    "TOO_LARGE",
    "REFUSED",
    "separating_interval",
    "first_step_answer",
]

GENUINE, HOLDOUT = "genuine", "hold-out"
RECIPROCATE, REFUSE = "reciprocate", "refuse"
STEP_MENU: tuple[sp.Rational, ...] = tuple(sp.Rational(k, 4) for k in range(5))
"""First steps on offer: none, a quarter, a half, three quarters, everything (the big deal)."""

SCREENING_PARAMETERS: tuple[sp.Symbol, ...] = (
    RELIEF_VALUE, DISARM_COST, ATTACK_RISK, REGIME_LOSS, HOLDOUT_COST_RATIO, PRIOR_GENUINE,
    DISARM_VALUE_US, SANCTIONS_LEVERAGE,
)
"""R, C, q, X, rho, pi, G, lambda."""


FIRST_STEP = sp.Symbol("first_step", nonnegative=True)
"""The size ``s`` of the first step, a share of the programme: North Korea's choice (the
message of the signalling game), not a calibrated parameter."""

POOLS = "pools: the hold-out takes it too"
SEPARATES = "separates the types"
TOO_LARGE = "too large even for the genuine type"
REFUSED = "the US refuses even a genuine type"


def screening_values(cal: Calibration) -> dict[sp.Symbol, sp.Expr]:
    """The calibration's values of :data:`SCREENING_PARAMETERS`."""
    return {s: cal[s] for s in SCREENING_PARAMETERS}


def _primitives(values: Mapping[sp.Symbol, Any]) -> dict[str, sp.Expr]:
    v = {s: exact(values[s], where=s.name) if s in values else s for s in SCREENING_PARAMETERS}
    R, C, q, X, rho, pi, G, lam = (v[s] for s in SCREENING_PARAMETERS)
    c_g = C + q * X
    return {"V": R, "c_g": c_g, "c_h": rho * c_g, "pi": pi,
            "us_genuine": G - lam * R, "us_holdout": -lam * R}


def _label(s: sp.Rational) -> str:
    return f"step {s}"


def _menu(steps: Sequence[Any]) -> tuple[sp.Rational, ...]:
    menu = tuple(sorted({exact(s, where="step menu") for s in steps}))
    if not menu or any(not (s.is_Rational and 0 <= s <= 1) for s in menu):
        raise ParameterError(f"the step menu must be exact numbers in [0, 1]; got {list(steps)}")
    return menu


def screening_game(values: Mapping[sp.Symbol, Any] | None = None,
                   steps: Sequence[Any] = STEP_MENU) -> SignallingGame:
    """The screening game as a :class:`~gametheory.SignallingGame` for ``gt.pbe``.

    Messages are ``"step s"`` for ``s`` on the menu; parameters not in ``values`` stay
    symbolic.
    """
    p = _primitives(values or {})
    menu = _menu(steps)
    sizes = {_label(s): s for s in menu}

    def payoffs(t: str, m: str, r: str) -> tuple[sp.Expr, sp.Expr]:
        gain = p["V"] if r == RECIPROCATE else sp.Integer(0)
        us = (p["us_genuine"] if t == GENUINE else p["us_holdout"]) if r == RECIPROCATE else 0
        return gain, sp.sympify(us)

    def costs(t: str, m: str) -> sp.Expr:
        return (p["c_g"] if t == GENUINE else p["c_h"]) * sizes[m]

    return SignallingGame([GENUINE, HOLDOUT], {GENUINE: p["pi"], HOLDOUT: 1 - p["pi"]},
                          list(sizes), [RECIPROCATE, REFUSE], payoffs, costs,
                          sender="DPRK", receiver="US", title="Screening by the first step")


def screening_pbe(values: Mapping[sp.Symbol, Any], steps: Sequence[Any] = STEP_MENU,
                  refine: bool = False) -> PBESolution:
    """Every pure PBE of :func:`screening_game` at numbers (``refine``: intuitive criterion)."""
    game = screening_game(values, steps)
    if game.parameters:
        raise ParameterError(f"screening_pbe needs values for {[s.name for s in game.parameters]}")
    sol = pbe(game)
    assert isinstance(sol, PBESolution)
    return intuitive_criterion(sol) if refine else sol


def separating_steps(values: Mapping[sp.Symbol, Any],
                     steps: Sequence[Any] = STEP_MENU) -> list[sp.Rational]:
    """Menu steps ``s > 0`` with a separating PBE (genuine: ``s``, hold-out: ``0``).

    Closed form: ``V / c_h <= s <= V / c_g`` and ``G >= lambda R``. Needs ``0`` on the
    menu (the hold-out's step).
    """
    p = _primitives(values)
    menu = _menu(steps)
    if 0 not in menu or p["us_genuine"] < 0:
        return []
    return [s for s in menu if s > 0 and p["c_h"] * s >= p["V"] >= p["c_g"] * s]


def pooling_steps(values: Mapping[sp.Symbol, Any],
                  steps: Sequence[Any] = STEP_MENU) -> list[sp.Rational]:
    """Menu steps (``0`` included) that both types take and the US reciprocates in a PBE.

    Closed form: ``c_h s <= V`` and ``pi (G - lambda R) + (1 - pi)(-lambda R) >= 0``
    (off the path the US refuses, supported by the belief that a deviator is a hold-out).
    """
    p = _primitives(values)
    if p["pi"] * p["us_genuine"] + (1 - p["pi"]) * p["us_holdout"] < 0:
        return []
    return [s for s in _menu(steps) if p["c_h"] * s <= p["V"]]


def big_deal_separates(values: Mapping[sp.Symbol, Any]) -> bool:
    """Whether the big deal (``s = 1``) screens the types: ``c_g <= V <= c_h`` and ``G >= lambda R``."""
    return sp.Integer(1) in separating_steps(values, (0, 1))


def equilibrium_steps(solution: PBESolution) -> dict[str, list[tuple[sp.Rational, sp.Rational]]]:
    """Read ``gt.pbe``'s equilibria: per kind, the steps (genuine's, hold-out's) played.

    ``"separating"``: the genuine type's step is reciprocated and the hold-out's is not;
    ``"pooling, reciprocated"``: both take the same step and it is reciprocated;
    ``"pooling, refused"``: both take the same step and it is refused. Equilibria that
    differ only off the path count once; each list is sorted.
    """
    found: dict[str, set[tuple[sp.Rational, sp.Rational]]] = {
        "separating": set(), "pooling, reciprocated": set(), "pooling, refused": set()}
    for e in solution.equilibria:
        mg, mh = e.sender[GENUINE], e.sender[HOLDOUT]
        pair = (sp.Rational(mg.removeprefix("step ")), sp.Rational(mh.removeprefix("step ")))
        if mg != mh and e.receiver[mg] == RECIPROCATE and e.receiver[mh] == REFUSE:
            found["separating"].add(pair)
        elif mg == mh:
            kind = "reciprocated" if e.receiver[mg] == RECIPROCATE else "refused"
            found[f"pooling, {kind}"].add(pair)
    return {k: sorted(v) for k, v in found.items()}


def screening_shares(cal: Calibration, draws: int = 4000, seed: int = 0) -> dict[str, ShareEstimate]:
    """Monte Carlo shares over the ranges: which first steps screen, which pool.

    ``"big deal separates"``, ``"a partial step separates"`` (some ``s`` in
    ``(0, 1)`` on the menu), ``"no step separates"``, and ``"small steps reciprocated
    by both types"`` (the smallest step pools and is reciprocated).
    """
    import numpy as np

    names = [s.name for s in SCREENING_PARAMETERS]
    inner = [float(s) for s in STEP_MENU if 0 < s < 1]
    small = min(inner)

    def margins(v: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
        c_g = np.asarray(v["disarm_cost"] + v["attack_risk"] * v["regime_loss"], dtype=float)
        c_h = v["holdout_cost_ratio"] * c_g
        us_g = v["disarm_value_us"] - v["sanctions_leverage"] * v["relief_value"]
        return np.asarray(v["relief_value"], dtype=float), c_g, c_h, np.asarray(us_g) >= 0

    @vectorised
    def big(v: dict[str, Any]) -> Any:
        V, c_g, c_h, ok = margins(v)
        return ok & (c_g <= V) & (V <= c_h)

    @vectorised
    def partial(v: dict[str, Any]) -> Any:
        V, c_g, c_h, ok = margins(v)
        return ok & np.any([(c_h * s >= V) & (V >= c_g * s) for s in inner], axis=0)

    @vectorised
    def none(v: dict[str, Any]) -> Any:
        return ~(big(v) | partial(v))

    @vectorised
    def pooled(v: dict[str, Any]) -> Any:
        V, c_g, c_h, _ok = margins(v)
        pi, lam_r = v["prior_genuine"], v["sanctions_leverage"] * v["relief_value"]
        us = pi * (v["disarm_value_us"] - lam_r) - (1 - pi) * lam_r
        return (np.asarray(us) >= 0) & (c_h * small <= V)

    return {name: monte_carlo_share(f, cal, names=names, draws=draws, seed=seed)
            for name, f in (("big deal separates", big), ("a partial step separates", partial),
                            ("no step separates", none),
                            ("small steps reciprocated by both types", pooled))}


def separating_interval(values: Mapping[sp.Symbol, Any]) -> tuple[sp.Expr, sp.Expr] | None:
    """The first steps ``s`` in ``(0, 1]`` that separate the types: ``[V / c_h, min(1, V / c_g)]``.

    None when no step separates (the interval misses ``(0, 1]``, or ``G < lambda R`` and
    the US refuses even a genuine type). The closed form of :func:`separating_steps`
    for a step of any size, exact.

    >>> from gametheory.models.calibration import DPRK_2019
    >>> separating_interval(screening_values(DPRK_2019))
    (19/35, 1)
    """
    p = _primitives(values)
    free = [x for x in p.values() if not x.is_number]
    if free:
        raise ParameterError(f"separating_interval needs numbers; free: {free}")
    V, c_g, c_h = p["V"], p["c_g"], p["c_h"]
    if p["us_genuine"] < 0:
        return None
    # A costless step (c = 0) is taken at any size, or at none when relief is worth less.
    if c_h > 0:
        low = V / c_h
    elif V <= 0:
        low = sp.Integer(0)
    else:
        return None
    if c_g > 0:
        high = sp.Min(1, V / c_g)
    elif V >= 0:
        high = sp.Integer(1)
    else:
        return None
    return (low, high) if low <= high and low <= 1 else None


def first_step_answer(values: Mapping[sp.Symbol, Any] | None = None) -> PiecewiseAnswer:
    """What a first step of size :data:`FIRST_STEP` does, as a piecewise answer.

    ``POOLS`` where ``c_h s <= V`` (the hold-out would take it too, so it carries no
    information), ``SEPARATES`` where ``c_h s >= V >= c_g s`` and ``G >= lambda R``,
    ``TOO_LARGE`` where ``c_g s > V``, and ``REFUSED`` where the step would separate but
    ``G < lambda R``. On ``c_h s = V`` both pooling and separating are equilibria (a tie,
    reported as both). Parameters not in ``values`` stay free, so that
    :func:`gametheory.sweep` can map the answer over them and the step size.

    >>> from gametheory.models.calibration import DPRK_2019
    >>> answer = first_step_answer(screening_values(DPRK_2019))
    >>> answer.at({FIRST_STEP: sp.Rational(1, 4)}), answer.at({FIRST_STEP: sp.Rational(3, 4)})
    ('pools: the hold-out takes it too', 'separates the types')
    """
    p = _primitives(values or {})
    s = FIRST_STEP
    between = sp.And(p["c_h"] * s >= p["V"], p["c_g"] * s <= p["V"])
    pieces: tuple[Piece, ...] = (
        Piece(p["c_h"] * s <= p["V"], POOLS, POOLS),
        Piece(sp.And(between, p["us_genuine"] >= 0), SEPARATES, SEPARATES),
        Piece(sp.And(between, p["us_genuine"] < 0), REFUSED, REFUSED),
        Piece(p["c_g"] * s > p["V"], TOO_LARGE, TOO_LARGE),
    )
    pieces = tuple(piece for piece in pieces if piece.condition is not sp.false)
    # The step is always a parameter, also where no condition depends on it (c_g = c_h = 0).
    params = tuple(sorted({s, *(x for piece in pieces for x in piece.condition.free_symbols)},
                          key=lambda x: x.name))
    return PiecewiseAnswer("first step", pieces, params,
                           method="closed form of the screening PBE (checked against gt.pbe)")
