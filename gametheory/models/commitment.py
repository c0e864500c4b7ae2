"""Disarmament as a shift of power in n steps: the commitment problem (arguments 02, 10).

**Reconstruction** (not the authors' equations) after Fearon (1995), Powell (2006) and
Krainin (2017), as stated in LITERATURE.md. A declining state D (North Korea as it
disarms) and a rising state R divide a flow of 1 per period; both discount by ``d``.
D's power, its expected share from conflict, falls from ``p0`` by a total ``shift`` in
``n`` equal steps: ``p_t = p0 - shift * min(t, n) / n``. Conflict is worth
``W_D(t) = p_t / (1 - d) - c_D`` to D and ``W_R(t) = (1 - p_t) / (1 - d) - c_R`` to R.
A peaceful path exists iff for every period ``t`` and horizon ``k >= 1``

    W_D(t) + d**k * W_R(t + k) <= 1 / (1 - d).

With ``n = 1`` (the "big deal") this fails iff ``d * shift > (1 - d)(1 - p0 + c_D + d c_R)``;
:func:`big_deal_breakdown_condition` derives that relation again with sympy. Checking only
``k = 1`` understates the number of steps needed, Krainin's point:
:func:`minimal_steps_one_period` is that shortcut, and :func:`krainin_gap` compares it with
:func:`minimal_steps`.

The sequential Hanoi game (North Korea moves first) and the K-step reciprocal game,
solved by :func:`gametheory.spe`, are :func:`big_deal_tree` and :func:`step_by_step_tree`.

Examples
--------
>>> from sympy import Rational as Q
>>> peace_feasible(Q(1, 2), Q(2, 5), 1, Q(9, 10), 1, 1)
False
>>> minimal_steps(Q(1, 2), Q(2, 5), Q(9, 10), 1, 1)
3
>>> krainin_gap(Q(1, 2), Q(2, 5), Q(9, 10), 1, 1)  # k = 1 alone says 2
(2, 3)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from ..errors import ParameterError
from ..games.extensive_form import Chance, Decision, ExtensiveFormGame, Terminal
from ..solve.backward_induction import SPESolution, spe
from ..solve.results import PiecewiseAnswer, Result
from ..symbolic import exact, to_fraction
from .calibration import (
    ATTACK_RISK,
    DISARM_COST,
    DISARM_VALUE_US,
    PATIENCE,
    POWER_SHIFT,
    REGIME_LOSS,
    RELIEF_VALUE,
    RENEGE_COST,
    RENEGE_GAIN,
    WAR_COST_DPRK,
    WAR_COST_US,
    WAR_SHARE_DPRK,
    Calibration,
)

__all__ = [
    "CommitmentModel",
    "peace_feasible",
    "violations",
    "minimal_steps",
    "minimal_steps_one_period",
    "krainin_gap",
    "general_condition",
    "big_deal_breakdown_condition",
    "one_step_implies_all_steps",
    "minimal_steps_grid",
    "GRID_DISCOUNTS",
    "GRID_SHIFTS",
    "steps_grid",
    "breakdown_shift",
    "commitment_model",
    "TREE_PARAMETERS",
    "big_deal_tree",
    "step_by_step_tree",
    "tree_values",
    "reaches_full_disarmament",
    "full_disarmament_region",
    "step_by_step_condition",
    "disarmament_pays",
    "reciprocal_steps_needed",
    "minimal_reciprocal_steps",
    "step_by_step_answer",
]

Number = Any


@dataclass(frozen=True)
class CommitmentModel:
    """The five numbers of the commitment model, checked and exact.

    Attributes
    ----------
    p0, shift, discount, cost_declining, cost_rising
        ``p0`` in [0, 1]; ``0 <= shift <= p0``; ``discount`` in (0, 1); costs >= 0.
    """

    p0: Fraction | float
    shift: Fraction | float
    discount: Fraction | float
    cost_declining: Fraction | float
    cost_rising: Fraction | float

    @classmethod
    def of(cls, p0: Number, shift: Number, discount: Number, cost_declining: Number,
           cost_rising: Number) -> CommitmentModel:
        names = ("p0", "shift", "discount", "cost_declining", "cost_rising")
        vals = []
        for name, v in zip(names, (p0, shift, discount, cost_declining, cost_rising)):
            e = exact(v, where=name)
            if not e.is_number:
                raise ParameterError(f"{name} must be a number here, got the expression {e}")
            vals.append(to_fraction(e))
        p, s, d, cd, cr = vals
        if not 0 <= p <= 1:
            raise ParameterError(f"p0 (the declining state's conflict share) must lie in [0, 1]; got {p}")
        if not 0 <= s <= p:
            raise ParameterError(f"shift must lie in [0, p0] = [0, {p}] so that power stays >= 0; got {s}")
        if not 0 < d < 1:
            raise ParameterError(f"discount must lie in (0, 1); got {d}")
        if cd < 0 or cr < 0:
            raise ParameterError(f"costs of conflict must be >= 0; got {cd} and {cr}")
        return cls(p, s, d, cd, cr)

    def power(self, t: int, steps: int) -> Fraction | float:
        """D's conflict share after ``t`` periods of an ``steps``-step path."""
        return self.p0 - self.shift * min(t, steps) / steps

    def slack(self, t: int, k: int, steps: int) -> Fraction | float:
        """``1/(1-d) - W_D(t) - d**k W_R(t+k)``; the path is peaceful iff it is >= 0 everywhere."""
        d = self.discount
        w_d = self.power(t, steps) / (1 - d) - self.cost_declining
        w_r = (1 - self.power(t + k, steps)) / (1 - d) - self.cost_rising
        return 1 / (1 - d) - w_d - d**k * w_r


def _check_steps(steps: Any) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ParameterError(f"steps must be a positive integer; got {steps!r}")
    return steps


def violations(p0: Number, shift: Number, steps: int, discount: Number,
               cost_declining: Number, cost_rising: Number) -> Iterator[tuple[int, int]]:
    """Yield every ``(t, k)`` at which the peace condition fails, checking all of them.

    Periods ``t > steps`` repeat ``t = steps`` (power no longer moves), and for
    ``t + k >= steps`` only ``d**k`` changes with ``k``, so ``k`` runs to
    ``max(1, steps - t) + 1``, one past the last horizon at which power still moves.
    """
    steps = _check_steps(steps)
    m = CommitmentModel.of(p0, shift, discount, cost_declining, cost_rising)
    for t in range(steps + 1):
        for k in range(1, max(1, steps - t) + 2):
            if m.slack(t, k, steps) < 0:
                yield (t, k)


def _feasible_fast(m: CommitmentModel, steps: int) -> bool:
    # Why only t = 0: multiplied by (1 - d), the slack at (t, k) is
    #   (1 - p_t) + (1 - d) c_D - d**k [1 - p_{t+k} - (1 - d) c_R],
    # and along the path 1 - p_{t+k} = 1 - p_t + (shift over k periods), so for fixed k
    # it rises with t (1 - p_t grows by (1 - d**k) times the step). For t = 0 and k >= n
    # the bracket is constant and the slack rises with k once the bracket is positive.
    # Hence the binding constraints are t = 0, k = 1..n; tests check this against the
    # exhaustive `violations`.
    d = m.discount
    base = (1 - m.p0) + (1 - d) * m.cost_declining
    top = 1 - m.p0 + m.shift - (1 - d) * m.cost_rising  # the largest bracket (k >= n)
    dk = Fraction(1) if isinstance(d, Fraction) else 1.0
    for k in range(1, steps + 1):
        dk = dk * d
        if dk * top <= base:
            return True  # no larger k can fail: d**k * bracket_k <= d**k * top <= base
        bracket = 1 - m.p0 + m.shift * k / steps - (1 - d) * m.cost_rising
        if base - dk * bracket < 0:
            return False
    return True


def peace_feasible(p0: Number, shift: Number, steps: int, discount: Number,
                   cost_declining: Number, cost_rising: Number, *,
                   method: str = "reduced") -> bool:
    """Whether an ``steps``-step path of disarmament admits peace in every period.

    Parameters
    ----------
    p0, shift
        D's conflict share before disarming and its total fall.
    steps
        Number of equal steps ``n``.
    discount
        Common discount factor ``d``.
    cost_declining, cost_rising
        Costs of conflict ``c_D`` and ``c_R``.
    method
        ``"reduced"`` (default) checks ``t = 0`` and ``k = 1..n``, which bind (see the
        module source for the argument); ``"exhaustive"`` checks every ``(t, k)``.

    Examples
    --------
    >>> peace_feasible("1/2", "2/5", 3, "9/10", 1, 1, method="exhaustive")
    True
    """
    steps = _check_steps(steps)
    if method == "exhaustive":
        return next(violations(p0, shift, steps, discount, cost_declining, cost_rising),
                    None) is None
    if method != "reduced":
        raise ParameterError(f"unknown method {method!r}; expected 'reduced' or 'exhaustive'")
    m = CommitmentModel.of(p0, shift, discount, cost_declining, cost_rising)
    return _feasible_fast(m, steps)


def minimal_steps(p0: Number, shift: Number, discount: Number, cost_declining: Number,
                  cost_rising: Number, max_steps: int = 1000) -> int | None:
    """The least number of equal steps with a peaceful path; None if none up to ``max_steps``.

    Examples
    --------
    >>> minimal_steps(1, "1/2", "19/20", 0, 0, max_steps=50) is None  # costless conflict
    True
    """
    m = CommitmentModel.of(p0, shift, discount, cost_declining, cost_rising)
    for n in range(1, _check_steps(max_steps) + 1):
        if _feasible_fast(m, n):
            return n
    return None


def minimal_steps_one_period(p0: Number, shift: Number, discount: Number,
                             cost_declining: Number, cost_rising: Number,
                             max_steps: int = 1000) -> int | None:
    """The least n for which only the one-period constraints (``k = 1``) hold.

    This is the shortcut that Krainin (2017) warns against: it ignores that a slow shift
    accumulates over several periods. It never exceeds :func:`minimal_steps`.
    """
    m = CommitmentModel.of(p0, shift, discount, cost_declining, cost_rising)
    for n in range(1, _check_steps(max_steps) + 1):
        if all(m.slack(t, 1, n) >= 0 for t in range(n + 1)):
            return n
    return None


def krainin_gap(p0: Number, shift: Number, discount: Number, cost_declining: Number,
                cost_rising: Number, max_steps: int = 1000) -> tuple[int | None, int | None]:
    """``(one-period count, full count)`` of steps; they differ where slow shifts bite."""
    args = (p0, shift, discount, cost_declining, cost_rising, max_steps)
    return minimal_steps_one_period(*args), minimal_steps(*args)


# ---------------------------------------------------------------------------- symbolic


def _symbols() -> tuple[sp.Symbol, ...]:
    return WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US


def general_condition(steps: int, t: int, k: int) -> sp.Rel:
    """The peace condition at period ``t`` and horizon ``k`` as a sympy relation.

    Uses the declared parameters ``war_share_dprk`` (p0), ``power_shift``, ``patience``
    (d), ``war_cost_dprk`` and ``war_cost_us``.
    """
    steps = _check_steps(steps)
    p0, shift, d, c_d, c_r = _symbols()

    def power(s: int) -> sp.Expr:
        return p0 - shift * sp.Rational(min(s, steps), steps)

    w_d = power(t) / (1 - d) - c_d
    w_r = (1 - power(t + k)) / (1 - d) - c_r
    return sp.Le(w_d + d**k * w_r, 1 / (1 - d))


def big_deal_breakdown_condition() -> sp.Rel:
    """The one-step ("big deal") breakdown condition, derived with sympy.

    Takes the general condition at ``n = 1``, ``t = 0``, ``k = 1`` (the binding one),
    multiplies by ``1 - d > 0``, negates it and collects the terms in the shift. The
    result is ``d * shift > (1 - d)(1 - p0 + c_D + d c_R)``, the reconstruction in
    LITERATURE.md.

    Examples
    --------
    >>> big_deal_breakdown_condition()
    patience*power_shift > (1 - patience)*(patience*war_cost_us + war_cost_dprk - war_share_dprk + 1)
    """
    p0, shift, d, c_d, c_r = _symbols()
    rel = general_condition(1, 0, 1)
    # Peace fails iff lhs - rhs > 0; multiplying by 1 - d > 0 keeps the direction.
    gap = sp.expand(sp.cancel((rel.lhs - rel.rhs) * (1 - d)))
    coefficient = gap.coeff(shift)
    rest = sp.factor(-(gap - coefficient * shift))
    # Write (d - 1)(...) as (1 - d)(...) with the signs inside, as in the literature.
    inner = sp.cancel(rest / (1 - d))
    return sp.StrictGreaterThan(coefficient * shift, sp.Mul(1 - d, inner, evaluate=False))


def one_step_implies_all_steps() -> dict[str, Any]:
    """Proof that a peaceful big deal implies a peaceful path for every n (symbolic).

    With ``B = 1 - p0 - (1 - d) c_R``, ``u = min(k, n)/n`` in (0, 1] and ``e = d**(k-1)``
    in (0, 1], the ``(t=0, k)`` slack of an n-step path minus the ``n = 1`` slack is
    ``d [(1 - e)(B + shift) + e shift (1 - u)]`` (an identity sympy checks), which is >= 0
    whenever ``B + shift >= 0``. When ``B + shift < 0`` the n-step bracket
    ``B + shift u`` is negative too, and the slack is at least ``(1 - p0) + (1 - d) c_D
    >= 0``. Since ``t = 0`` binds (see
    :func:`peace_feasible`), a feasible big deal makes every n-step path feasible.

    Returns
    -------
    dict
        ``difference`` (n-step slack minus big-deal slack, times ``1 - d``), ``expected``
        (the factored form above), ``identity`` (their difference, simplified) and
        ``holds`` (True when sympy reduces the identity to 0).
    """
    p0, shift, d, c_d, c_r = _symbols()
    u, e = sp.symbols("u e", positive=True)
    big = (1 - p0) + (1 - d) * c_d - d * (1 - p0 + shift - (1 - d) * c_r)
    n_step = (1 - p0) + (1 - d) * c_d - d * e * (1 - p0 + shift * u - (1 - d) * c_r)
    b = 1 - p0 - (1 - d) * c_r
    expected = d * ((1 - e) * (b + shift) + e * shift * (1 - u))
    identity = sp.simplify(n_step - big - expected)
    return {"difference": sp.factor(n_step - big), "expected": expected,
            "identity": identity, "holds": identity == 0}


def commitment_model(cal: Calibration) -> dict[str, sp.Expr]:
    """The five numbers of the commitment model from a calibration, by argument name."""
    return {
        "p0": cal[WAR_SHARE_DPRK], "shift": cal[POWER_SHIFT], "discount": cal[PATIENCE],
        "cost_declining": cal[WAR_COST_DPRK], "cost_rising": cal[WAR_COST_US],
    }


def minimal_steps_grid(discounts: Sequence[Number], shifts: Sequence[Number], *,
                       p0: Number, cost_declining: Number, cost_rising: Number,
                       max_steps: int = 200) -> list[list[int | None]]:
    """n* over a grid: rows follow ``discounts``, columns ``shifts`` (figure of argument 02).

    A shift larger than ``p0`` is outside the model and gives None.
    """
    p = to_fraction(exact(p0))
    rows = []
    for d in discounts:
        row: list[int | None] = []
        for s in shifts:
            if to_fraction(exact(s)) > p:
                row.append(None)
                continue
            row.append(minimal_steps(p0, s, d, cost_declining, cost_rising, max_steps))
        rows.append(row)
    return rows


GRID_DISCOUNTS = tuple(sp.Rational(k, 200) for k in range(160, 191))
"""Patience from 4/5 to 19/20 (the calibration's plausible range), in steps of 1/200."""
GRID_SHIFTS = tuple(sp.Rational(k, 80) for k in range(0, 41))
"""Shift of power from 0 to 1/2, in steps of 1/80."""


def steps_grid(cal: Calibration, discounts: Sequence[Number] = GRID_DISCOUNTS,
               shifts: Sequence[Number] = GRID_SHIFTS, max_steps: int = 200) -> Any:
    """``n*`` over ``discounts`` (rows) x ``shifts`` (columns) at the calibration's p0 and
    costs, as a float array with NaN where no path of at most ``max_steps`` steps exists."""
    import numpy as np

    base = commitment_model(cal)
    grid = minimal_steps_grid(discounts, shifts, p0=base["p0"],
                              cost_declining=base["cost_declining"],
                              cost_rising=base["cost_rising"], max_steps=max_steps)
    return np.array([[np.nan if n is None else float(n) for n in row] for row in grid])


def breakdown_shift(cal: Calibration) -> sp.Expr:
    """The shift above which the big deal breaks down, as a function of the patience symbol.

    Solved with sympy from :func:`big_deal_breakdown_condition` at the calibration's p0
    and costs.
    """
    rel = big_deal_breakdown_condition()
    point = {WAR_SHARE_DPRK: cal[WAR_SHARE_DPRK], WAR_COST_DPRK: cal[WAR_COST_DPRK],
             WAR_COST_US: cal[WAR_COST_US]}
    boundary = (rel.lhs - rel.rhs).xreplace(point)
    return sp.simplify(sp.solve(sp.Eq(boundary, 0), POWER_SHIFT)[0])


# ------------------------------------------------------------- the Hanoi trees (02, 03)

TREE_PARAMETERS: tuple[sp.Symbol, ...] = (
    RELIEF_VALUE, DISARM_COST, DISARM_VALUE_US, RENEGE_GAIN, RENEGE_COST, REGIME_LOSS,
    ATTACK_RISK,
)
"""R, C, G, T, a, X, q: the parameters of :func:`big_deal_tree` and :func:`step_by_step_tree`."""


def _ending(done: int, lifted: int, reneged: bool, steps: int,
            T: sp.Expr = RENEGE_GAIN, a: sp.Expr = RENEGE_COST) -> Any:
    # North Korea: relief received minus disarmament done; if it has disarmed a fraction
    # j/K it is attacked with probability q j/K and loses X (the regime risk).
    R, C, G, _T, _a, X, q = TREE_PARAMETERS
    j, frac_l = sp.Rational(done, steps), sp.Rational(lifted, steps)
    dprk = R * frac_l - C * j
    # The US: disarmament gained, plus what it keeps by not lifting (T per full relief),
    # minus the reputation cost of reneging on a signed step.
    us = G * j + T * (j - frac_l) - (a if reneged else 0)
    label = f"disarmed {done}/{steps}, lifted {lifted}/{steps}" + (", reneged" if reneged else "")
    if done == 0:
        return Terminal([dprk, us], label=label)
    risk = q * j
    return Chance({
        "attacked": (risk, Terminal([dprk - X, us], label=label + ", attacked")),
        "not attacked": (1 - risk, Terminal([dprk, us], label=label)),
    })


def step_by_step_tree(steps: int, *, renege_gain: Any = None,
                      renege_cost: Any = None) -> ExtensiveFormGame:
    """K reciprocal steps: North Korea disarms 1/K, the US lifts 1/K or reneges, and so on.

    At step k North Korea disarms (``"disarm"``) or stops (``"stop"``, keeping what is
    left); then the US lifts a K-th of the sanctions (``"lift"``) or reneges (``"renege"``,
    which ends the process). Payoffs (reconstruction, in $bn of present value): North
    Korea ``R l/K - C j/K`` and, if it has disarmed ``j/K``, a loss ``X`` with probability
    ``q j/K`` (a chance node); the US ``G j/K + T (j - l)/K``, minus ``a`` if it reneged.
    With ``steps = 1`` this is :func:`big_deal_tree`. Symbolic in :data:`TREE_PARAMETERS`;
    put numbers in with ``tree.subs(...)`` or :func:`tree_values`.

    ``renege_gain`` (default the parameter ``T``) and ``renege_cost`` (default ``a``, the
    same for a breach of any size) replace ``T`` and ``a`` by expressions, e.g. costs
    derived from primitives that scale with the step's size
    (:func:`gametheory.models.reneging.primitive_tree`).
    """
    steps = _check_steps(steps)
    gain = RENEGE_GAIN if renege_gain is None else exact(renege_gain, where="renege_gain")
    cost = RENEGE_COST if renege_cost is None else exact(renege_cost, where="renege_cost")
    node: Any = _ending(steps, steps, False, steps, gain, cost)
    for k in range(steps, 0, -1):
        us = Decision("US", f"us step {k}",
                      {"lift": node, "renege": _ending(k, k - 1, True, steps, gain, cost)})
        node = Decision("DPRK", f"dprk step {k}",
                        {"disarm": us, "stop": _ending(k - 1, k - 1, False, steps, gain, cost)})
    title = "Hanoi big deal" if steps == 1 else f"Step by step ({steps} reciprocal steps)"
    return ExtensiveFormGame(node, players=["DPRK", "US"], title=title)


def big_deal_tree() -> ExtensiveFormGame:
    """The Hanoi "big deal": North Korea declares and transfers everything first.

    The US then lifts all sanctions or reneges; a disarmed North Korea runs the regime
    risk ``q`` of losing ``X``. The one-step case of :func:`step_by_step_tree`, with
    North Korea's first move labelled ``"disarm"`` (declare and transfer) or ``"stop"``.
    """
    return step_by_step_tree(1)


def tree_values(cal: Calibration, *free: str) -> dict[sp.Symbol, sp.Expr]:
    """The calibration's values of the tree parameters, leaving ``free`` ones symbolic."""
    names = {s.name for s in TREE_PARAMETERS}
    unknown = set(free) - names
    if unknown:
        raise ParameterError(f"unknown tree parameter(s) {sorted(unknown)}; expected some of {sorted(names)}")
    return {s: cal[s] for s in TREE_PARAMETERS if s.name not in free}


def _full_path(steps: int) -> tuple[str, ...]:
    return ("disarm", "lift") * steps


def reaches_full_disarmament(solution: Result, steps: int) -> bool | None:
    """True if every SPE disarms fully, False if none does, None on a tie (some do).

    ``solution`` is ``gt.spe`` of a tree with every parameter given; a symbolic answer
    is refused (read its regions with :func:`full_disarmament_region`).
    """
    if not isinstance(solution, SPESolution):
        free = ", ".join(s.name for s in solution.parameters) or "none"
        raise ParameterError(
            f"reaches_full_disarmament needs the SPE of a tree with every parameter given; "
            f"got a {type(solution).__name__} with free parameters ({free})"
        )
    paths = {e.path[: 2 * steps] for e in solution.profiles()}
    full = _full_path(steps)
    if paths == {full}:
        return True
    if full not in paths:
        return False
    return None


def full_disarmament_region(answer: Result, steps: int) -> sp.Basic:
    """The region (a sympy condition) where every SPE of a symbolic tree disarms fully.

    Read off the pieces of ``gt.spe(tree)``; boundary pieces (ties) are left out.
    """
    parts = [p.condition for p in answer.pieces
             if not p.boundary and reaches_full_disarmament(p.value, steps)]
    return sp.Or(*parts) if parts else sp.false


def disarmament_pays() -> sp.Rel:
    """North Korea's condition in the Hanoi trees: each step gains it ``(R - C - q X)/K > 0``.

    The same for every number of steps K; the US condition is the one that moves with K.

    Examples
    --------
    >>> disarmament_pays()
    -attack_risk*regime_loss - disarm_cost + relief_value > 0
    """
    R, C, G, T, a, X, q = TREE_PARAMETERS
    return sp.StrictGreaterThan(R - C - q * X, 0)


def step_by_step_condition(steps: int) -> sp.Basic:
    """Where K reciprocal steps reach full disarmament: ``K a > T`` and ``R - C - q X > 0``.

    Reconstruction derived by hand from backward induction on :func:`step_by_step_tree`
    (the binding US constraint is the last step, where reneging gains ``T/K`` and costs
    ``a``; North Korea's gain from each step is ``(R - C - q X)/K``). For K = 1 it is what
    ``gt.spe`` returns symbolically (tests check that), and for K > 1 tests check it
    against ``gt.spe`` at random points. The big-deal region is the case K = 1, so it lies
    inside the K-step region for every K.
    """
    steps = _check_steps(steps)
    R, C, G, T, a, X, q = TREE_PARAMETERS
    return sp.And(steps * a > T, disarmament_pays())


def reciprocal_steps_needed(values: dict[sp.Symbol, Any], max_steps: int = 30) -> int | None:
    """The least K whose tree, solved numerically by ``gt.spe``, disarms fully (None if none)."""
    for k in range(1, _check_steps(max_steps) + 1):
        sol = spe(step_by_step_tree(k).subs(values))
        if reaches_full_disarmament(sol, k):
            return k
    return None


def minimal_reciprocal_steps(values: dict[sp.Symbol, Any]) -> int | None:
    """The least K from :func:`step_by_step_condition`: ``floor(T / a) + 1``, or None.

    None when North Korea gains nothing from disarming (``R - C - q X <= 0``): no number
    of steps helps then, only a lower regime risk (security guarantees) or more relief.
    """
    R, C, G, T, a, X, q = TREE_PARAMETERS
    v = {s: exact(values[s]) for s in TREE_PARAMETERS if s in values}
    if not v[R] - v[C] - v[q] * v[X] > 0:
        return None
    return int(sp.floor(v[T] / v[a])) + 1


def step_by_step_answer(steps: int, cal: Calibration,
                        free: Sequence[str] = ("renege_gain", "renege_cost")) -> PiecewiseAnswer:
    """``gt.spe`` of the K-step tree, symbolic in ``free``, the rest at the calibration.

    Why not every parameter free: the symbolic backward induction keeps every ordering
    of payoffs at every node, and with all seven parameters free the pieces multiply
    (8,415 pieces and over a minute for K = 2), while with two free parameters K = 4
    takes about a second. The big deal (K = 1) is cheap with all seven free:
    ``gt.spe(big_deal_tree())``.
    """
    answer = spe(step_by_step_tree(steps).subs(tree_values(cal, *free)))
    if not isinstance(answer, PiecewiseAnswer):
        raise ParameterError(f"free must name at least one tree parameter; got {tuple(free)}")
    return answer
