"""The least discount factor at which a profile of automata is subgame perfect."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ...conditions import decide_sign
from ...games.automata import Automaton
from ...games.repeated import RepeatedGame
from ...symbolic import is_exact
from ..results import Result, number_to_json
from .chain import (
    joint_chain,
    private_monitoring_warning,
    require_infinite_horizon,
    solve_values,
)
from .deviations import (
    deviation_condition,
    deviation_domain,
    one_shot_deviations,
)

__all__ = [
    "DiscountThreshold",
    "discount_threshold",
]

@dataclass(frozen=True)
class DiscountThreshold(Result):
    """The least discount factor at which a profile is subgame perfect.

    Attributes
    ----------
    threshold
        The least discount factor (an exact expression), or None when none works.
    reason
        What the threshold means, or why there is none.
    upper
        An upper bound on the discount factor, when one applies (else None).
    condition
        The full condition in the discount factor and the parameters.
    region
        With numeric payoffs, the exact set of discount factors in (0, 1) where the
        profile is subgame perfect.
    """

    threshold: sp.Expr | None
    reason: str
    condition: sp.Basic
    discount_factor: sp.Symbol
    upper: sp.Expr | None = None
    region: sp.Set | None = None
    method: str = ""
    exact: bool = True
    warnings: tuple[str, ...] = field(default=())

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "threshold": None if self.threshold is None else number_to_json(self.threshold),
            "upper": None if self.upper is None else number_to_json(self.upper),
            "reason": self.reason,
            "condition": str(self.condition),
            "exact": self.exact,
            "method": self.method,
            "warnings": list(self.warnings),
        }


def discount_threshold(
    game: RepeatedGame,
    profile: Sequence[Automaton],
    *,
    assumptions: Iterable[sp.Basic] = (),
    states: str = "reachable",
) -> DiscountThreshold:
    """The least discount factor making a profile of automata subgame perfect.

    The game's own discount factor is replaced by a symbol. With numeric payoffs the
    exact set of discount factors in (0, 1) that work is computed (``region``); with
    symbolic payoffs the bounds on the discount factor are solved for, using
    ``assumptions`` (e.g. ``[T > R, R > P, P > S]``) to decide signs. ``states`` is
    as in :func:`is_subgame_perfect`.

    Examples
    --------
    >>> import sympy as sp, gametheory as gt
    >>> T, R, P, S = sp.symbols("T R P S", real=True)
    >>> pd = gt.NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> res = gt.discount_threshold(gt.RepeatedGame(pd, "1/2"), (gt.grim_trigger(),) * 2,
    ...                             assumptions=[T > R, R > P, P > S])
    >>> sp.simplify(res.threshold - (T - R) / (T - P))
    0
    """
    require_infinite_horizon(game, "discount_threshold")
    assumptions = list(assumptions)
    delta = game.discount_factor
    if not isinstance(delta, sp.Symbol):
        delta = sp.Symbol("delta", positive=True)
        game = game.with_discount_factor(delta)
    others = [s for s in game.parameters if s != delta]
    chain = joint_chain(game, profile)
    V, _, _ = solve_values(chain, delta)
    devs = one_shot_deviations(chain, V, delta, states)
    warnings = list(private_monitoring_warning(game))
    exact = is_exact(list(V))
    unit = sp.Interval.open(0, 1)
    if not others:
        region: sp.Set = unit
        for d in devs:
            num, den = sp.fraction(sp.cancel(sp.together(-d.gain)))
            # den > 0 on (0, 1) is not assumed: solve the rational inequality as it is.
            region = region.intersect(
                sp.solveset(sp.Ge(num / den, 0) if den != 1 else sp.Ge(num, 0), delta, unit)
            )
            if region is sp.S.EmptySet:
                break
        condition = region.as_relational(delta) if region is not sp.S.EmptySet else sp.false
        if region is sp.S.EmptySet:
            return DiscountThreshold(
                None, "no discount factor in (0, 1) makes the profile subgame perfect",
                sp.false, delta, region=region, method="exact solution of the deviation inequalities",
                exact=exact, warnings=tuple(warnings),
            )
        low = region.inf
        attained = low in region or low == 0
        upper = region.sup if region.sup < 1 else None
        reason = (
            "subgame perfect for every discount factor in (0, 1)" if region == unit
            else f"subgame perfect exactly for delta in {region}"
        )
        if not attained:
            warnings.append(f"the threshold {low} itself is not included")
        return DiscountThreshold(
            low, reason, condition, delta, upper=upper, region=region,
            method="exact solution of the deviation inequalities", exact=exact,
            warnings=tuple(warnings),
        )
    domain = deviation_domain([*others, delta], assumptions)
    lows: list[sp.Expr] = []
    highs: list[sp.Expr] = []
    rest: list[sp.Basic] = []
    for d in devs:
        rel = deviation_condition(d.gain, delta, domain)
        if rel is sp.true:
            continue
        if rel is sp.false:
            return DiscountThreshold(
                None, f"no discount factor works: {d!r} is always profitable", sp.false, delta,
                method="symbolic deviation inequalities", exact=exact, warnings=tuple(warnings),
            )
        if isinstance(rel, sp.GreaterThan) and rel.lhs == delta and not rel.rhs.has(delta):
            _add_bound(lows, rel.rhs, domain)
        elif isinstance(rel, sp.LessThan) and rel.lhs == delta and not rel.rhs.has(delta):
            _add_bound(highs, rel.rhs, domain)
        elif rel not in rest:
            rest.append(rel)
    low = _extreme(lows, domain, largest=True)
    high = _extreme(highs, domain, largest=False)
    parts = [delta >= b for b in lows] + [delta <= b for b in highs] + rest
    condition = sp.And(*parts) if parts else sp.true
    unresolved = [r for r in rest if r.has(delta)]
    if unresolved:
        warnings.append(f"conditions not solved for the discount factor: {unresolved}")
        warnings += _linear_readings(unresolved, delta)
    param_only = [r for r in rest if not r.has(delta)]
    if param_only:
        warnings.append(f"the profile also needs {param_only} (conditions on the parameters)")
    if low is None:
        low_value: sp.Expr = sp.Integer(0)
    else:
        low_value = low
    if high is not None:
        gap = decide_sign(high - low_value, None, domain)
        if gap is not None and gap < 0:
            return DiscountThreshold(
                None, f"no discount factor works: it would need {low_value} <= delta <= {high}",
                condition, delta, upper=high, method="symbolic deviation inequalities",
                exact=exact, warnings=tuple(warnings),
            )
        if gap == 0:
            warnings.append("the profile is subgame perfect at a single discount factor only")
        elif gap is None:
            warnings.append(f"a discount factor works only where {low_value} <= {high}")
    if low is not None:
        top = decide_sign(1 - low, None, domain)
        if top is not None and top <= 0:
            return DiscountThreshold(
                None, f"no discount factor below 1 works: it would need delta >= {low}",
                condition, delta, upper=high, method="symbolic deviation inequalities",
                exact=exact, warnings=tuple(warnings),
            )
    if unresolved:
        return DiscountThreshold(
            None, "the condition could not be solved for the discount factor; see .condition",
            condition, delta, upper=high, method="symbolic deviation inequalities",
            exact=exact, warnings=tuple(warnings),
        )
    reason = (
        "subgame perfect for every discount factor in (0, 1) (up to the upper bound)"
        if low is None else "least discount factor at which every one-shot deviation is unprofitable"
    )
    return DiscountThreshold(
        low_value, reason, condition, delta, upper=high, method="symbolic deviation inequalities",
        exact=exact, warnings=tuple(warnings),
    )


def _linear_readings(relations: list[sp.Basic], delta: sp.Symbol) -> list[str]:
    """For a condition linear in delta whose slope has no known sign, the two readings:
    a threshold where the slope is positive, and what holds where it is not (the user
    can pick one with ``assumptions=[slope > 0]``)."""
    notes = []
    for rel in relations:
        if not isinstance(rel, sp.GreaterThan | sp.StrictGreaterThan | sp.LessThan | sp.StrictLessThan):
            continue
        diff = sp.expand(rel.lhs - rel.rhs)
        if isinstance(rel, sp.LessThan | sp.StrictLessThan):
            diff = -diff
        poly = diff.as_poly(delta)
        if poly is None or poly.degree() != 1:
            continue
        slope, rest = poly.all_coeffs()
        slope = sp.factor(slope)
        notes.append(
            f"where {slope} > 0 this reads delta >= {sp.factor(-rest / slope)}; where "
            f"{slope} < 0 it reads delta <= {sp.factor(-rest / slope)}; pass "
            f"assumptions=[{slope} > 0] to get the threshold"
        )
    return notes


def _add_bound(bounds: list[sp.Expr], b: sp.Expr, domain: list[sp.Basic]) -> None:
    for old in bounds:
        if sp.simplify(old - b) == 0:
            return
    bounds.append(b)


def _extreme(bounds: list[sp.Expr], domain: list[sp.Basic], largest: bool) -> sp.Expr | None:
    """The largest (smallest) bound, decided exactly where possible, else Max (Min)."""
    if not bounds:
        return None
    keep: list[sp.Expr] = []
    for b in bounds:
        dominated = False
        for other in list(keep):
            s = decide_sign(b - other, None, domain)
            if s is None:
                continue
            if (s <= 0 and largest) or (s >= 0 and not largest):
                dominated = True
                break
            keep.remove(other)
        if not dominated:
            keep.append(b)
    if len(keep) == 1:
        return keep[0]
    return sp.Max(*keep) if largest else sp.Min(*keep)
