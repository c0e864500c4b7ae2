"""Slow and steady: the big-deal region inside the step-by-step region (argument 10).

Two models state the op-ed's conclusion; both are reconstructions (see their modules).

* The commitment model (:mod:`gametheory.models.commitment`): the big deal is the path
  with ``n = 1``. That a peaceful big deal implies a peaceful n-step path for every n is
  **proved** symbolically (:func:`~gametheory.models.commitment.one_step_implies_all_steps`
  plus the sign argument in its docstring) and checked over parameter draws here.
* The Hanoi trees: the big deal reaches full disarmament iff ``a > T`` and
  ``R - C - q X > 0``, K reciprocal steps iff ``K a > T`` and ``R - C - q X > 0``.
  Inclusion is **proved** by the identity ``(K a - T) - (a - T) = (K - 1) a >= 0``.

* The Hanoi trees with the costs of reneging from primitives
  (:mod:`gametheory.models.reneging`): the big deal works iff ``a_P + a_A > lambda R``,
  K steps iff ``K a_P + a_A > lambda R`` (and disarming pays North Korea in both);
  inclusion again by ``(K - 1) a_P >= 0``, but the two regions **coincide** when the
  whole cost of reneging scales with the step (``a_P = 0``).
* The screening game (:mod:`gametheory.models.screening`), where North Korea's type is
  private: here the inclusion is **not** a theorem. The big deal can separate the types
  while no partial step on the menu does, and small steps, which pool, are refused when
  the US prior is pessimistic. :func:`inclusion_shares` measures how often.

The converse fails, which is the op-ed's point: there are parameters where only steps
work. What the models also find, and the notebook shows: where disarming does not pay
North Korea (``R - C - q X <= 0``, e.g. with the post-2011 belief) or conflict is too
cheap (:func:`~gametheory.models.commitment.minimal_steps` is None), **no** number of
steps works: slow and steady is not sufficient there. :func:`claim_robustness` measures
how much of the DPRK ranges that covers.

Examples
--------
>>> proofs = inclusion_proofs()
>>> proofs["trees"]["holds"], proofs["commitment"]["holds"]
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.robustness import RobustnessResult, robustness
from ..analysis.sensitivity import (
    ShareEstimate,
    SobolResult,
    monte_carlo_share,
    sobol_indices,
    vectorised,
)
from ..analysis.sweep import SweepResult, sweep
from ..solve.results import Piece, PiecewiseAnswer
from .calibration import (
    PATIENCE,
    POWER_SHIFT,
    RENEGE_COST,
    RENEGE_GAIN,
    REPUTATION_COST,
    SANCTIONS_LEVERAGE,
    WAR_COST_DPRK,
    WAR_COST_US,
    WAR_SHARE_DPRK,
    Calibration,
)
from .commitment import (
    TREE_PARAMETERS,
    commitment_model,
    minimal_steps,
    minimal_steps_grid,
    one_step_implies_all_steps,
    peace_feasible,
    step_by_step_condition,
    tree_values,
)
from .reneging import DRAWN as RENEGING_DRAWN
from .reneging import minimal_primitive_steps, primitive_condition, primitive_values
from .screening import SCREENING_PARAMETERS, STEP_MENU, screening_values, separating_steps

__all__ = [
    "inclusion_proofs",
    "tree_region_answer",
    "tree_region_map",
    "commitment_region_map",
    "inclusion_robustness",
    "claim_robustness",
    "synthesis_table",
    "primitive_region_answer",
    "primitive_region_map",
    "inclusion_shares",
    "claim_shares",
    "claim_sobol",
]

BOTH, STEPS_ONLY, NEITHER = "big deal and steps", "steps only", "neither"


def inclusion_proofs() -> dict[str, dict[str, Any]]:
    """Symbolic proofs that the big-deal region lies inside the step-by-step region.

    Returns per model the statement, the sympy identity checked and ``holds``.
    """
    K = sp.Symbol("K", integer=True, positive=True)
    R, C, G, T, a, X, q = TREE_PARAMETERS
    difference = sp.expand((K * a - T) - (a - T))
    tree_ok = sp.factor(difference) == (K - 1) * a and bool(((K - 1) * a).is_nonnegative)
    commitment = one_step_implies_all_steps()
    return {
        "trees": {
            "statement": "a > T and R - C - qX > 0 imply K a > T and R - C - qX > 0 for K >= 1",
            "identity": sp.Eq(difference, (K - 1) * a),
            "holds": tree_ok,
        },
        "commitment": {
            "statement": "a peaceful one-step path implies a peaceful n-step path for all n",
            "identity": sp.Eq(commitment["difference"], commitment["expected"]),
            "holds": bool(commitment["holds"]),
        },
    }


def _region_answer(big: Any, k_steps: Any, method: str) -> PiecewiseAnswer:
    # Both work, only the K steps work, neither: from the two conditions of one model.
    pieces = (
        Piece(big, BOTH, BOTH),
        Piece(sp.And(k_steps, sp.Not(big)), STEPS_ONLY, STEPS_ONLY),
        Piece(sp.Not(k_steps), NEITHER, NEITHER),
    )
    params = tuple(sorted({s for p in pieces for s in p.condition.free_symbols},
                          key=lambda s: s.name))
    return PiecewiseAnswer("region", pieces, params, method=method)


def tree_region_answer(steps: int) -> PiecewiseAnswer:
    """Three regions of the tree model: both work, only K steps work, neither works."""
    return _region_answer(step_by_step_condition(1), step_by_step_condition(steps),
                          "closed-form regions of the trees")


def tree_region_map(cal: Calibration, steps: int, renege_gain: Sequence[float] | np.ndarray,
                    renege_cost: Sequence[float] | np.ndarray) -> SweepResult:
    """Sweep of :func:`tree_region_answer` over the US temptation T and reputation cost a.

    The other tree parameters take the calibration's values.
    """
    fixed = {s: v for s, v in tree_values(cal).items() if s not in (RENEGE_GAIN, RENEGE_COST)}
    return sweep(tree_region_answer(steps), values=fixed,
                 renege_gain=np.asarray(renege_gain, dtype=float),
                 renege_cost=np.asarray(renege_cost, dtype=float))


def commitment_region_map(cal: Calibration, discounts: Sequence[Any], shifts: Sequence[Any],
                          max_steps: int = 100) -> dict[str, Any]:
    """Over (patience, shift): whether the big deal is peaceful and the least n.

    Returns ``{"discounts", "shifts", "big_deal" (bool grid), "minimal_steps" (grid)}``;
    a shift beyond the calibration's ``p0`` is outside the model (None).
    """
    base = commitment_model(cal)
    grid = minimal_steps_grid(discounts, shifts, p0=base["p0"],
                              cost_declining=base["cost_declining"],
                              cost_rising=base["cost_rising"], max_steps=max_steps)
    return {"discounts": list(discounts), "shifts": list(shifts),
            "big_deal": [[n == 1 for n in row] for row in grid], "minimal_steps": grid}


def _ranges(cal: Calibration, symbols: Any) -> dict[sp.Symbol, tuple[float, float]]:
    return {s: (float(cal.range_of(s)[0]), float(cal.range_of(s)[1])) for s in symbols}


def _rational(x: float) -> Fraction:
    # Draws are floats; the recursion runs exactly on the nearest fraction with a small
    # denominator (1e-9 away at most), so that powers of d stay cheap.
    return Fraction(float(x)).limit_denominator(10**9)


def _tree_claim(claim: sp.Basic, cal: Calibration, draws: int, seed: int) -> RobustnessResult:
    # Only the parameters the claim uses are drawn (G does not enter the regions).
    return robustness(claim, distributions=_ranges(cal, claim.free_symbols), draws=draws, seed=seed)


def inclusion_robustness(cal: Calibration, steps: int = 5, draws: int = 2000,
                         seed: int = 0) -> dict[str, RobustnessResult]:
    """Check "big deal works => steps work" over the calibration's ranges (both models).

    For the trees the claim is the sympy condition ``Not(big) | K-steps`` (compiled); for
    the commitment model, a function of the draw that runs the exact recursion for
    ``n = 1 .. steps``.
    """
    trees = _tree_claim(sp.Or(sp.Not(step_by_step_condition(1)), step_by_step_condition(steps)),
                        cal, draws, seed)

    def implied(war_share_dprk: float, power_shift: float, patience: float,
                war_cost_dprk: float, war_cost_us: float) -> bool:
        args = tuple(_rational(v) for v in (war_share_dprk, power_shift, patience,
                                              war_cost_dprk, war_cost_us))
        p, s = args[0], min(args[1], args[0])
        if not peace_feasible(p, s, 1, *args[2:]):
            return True
        return all(peace_feasible(p, s, n, *args[2:]) for n in range(2, steps + 1))

    symbols = (WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US)
    commitment = robustness(implied, distributions=_ranges(cal, symbols),
                            draws=max(1, draws // 10), seed=seed)
    return {"trees": trees, "commitment": commitment}


def claim_robustness(cal: Calibration, steps: int = 10, draws: int = 2000,
                     seed: int = 0) -> dict[str, RobustnessResult]:
    """Shares of the calibration's ranges where the op-ed's full claim holds.

    The full claim: the big deal fails **and** some path of at most ``steps`` steps
    works. Where it fails, either the big deal works too, or nothing does; the result
    has one entry for the claim and one for each way it fails, per model (the same
    seed, so the same draws). The commitment model is checked point by point on
    ``draws // 10`` draws (exact recursion).
    """
    trees = _tree_claim(sp.And(sp.Not(step_by_step_condition(1)), step_by_step_condition(steps)),
                        cal, draws, seed)

    def claim(war_share_dprk: float, power_shift: float, patience: float,
              war_cost_dprk: float, war_cost_us: float) -> bool:
        p = _rational(war_share_dprk)
        n = minimal_steps(p, min(_rational(power_shift), p), _rational(patience),
                          _rational(war_cost_dprk), _rational(war_cost_us), max_steps=steps)
        return n is not None and n > 1

    def big_deal_works(war_share_dprk: float, power_shift: float, patience: float,
                       war_cost_dprk: float, war_cost_us: float) -> bool:
        p = _rational(war_share_dprk)
        return peace_feasible(p, min(_rational(power_shift), p), 1, _rational(patience),
                              _rational(war_cost_dprk), _rational(war_cost_us))

    symbols = (WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US)
    dists = _ranges(cal, symbols)
    n_fn = max(1, draws // 10)
    return {
        "trees": trees,
        "trees: big deal works too": _tree_claim(step_by_step_condition(1), cal, draws, seed),
        f"trees: no path of <= {steps} steps": _tree_claim(
            sp.Not(step_by_step_condition(steps)), cal, draws, seed),
        "commitment": robustness(claim, distributions=dists, draws=n_fn, seed=seed),
        "commitment: big deal works too": robustness(big_deal_works, distributions=dists,
                                                     draws=n_fn, seed=seed),
    }


def synthesis_table(*cals: Calibration) -> list[dict[str, Any]]:
    """Per calibration: does the big deal work, how many steps are needed, what screens (all models)."""
    from .commitment import minimal_reciprocal_steps

    rows = []
    for cal in cals:
        args = commitment_model(cal)
        rows.append({
            "calibration": cal.name,
            "big deal peaceful (commitment)": peace_feasible(steps=1, **args),
            "least steps n* (commitment)": minimal_steps(**args),
            "big deal reaches disarmament (tree)": bool(
                step_by_step_condition(1).xreplace(tree_values(cal))),
            "least reciprocal steps K* (tree)": minimal_reciprocal_steps(tree_values(cal)),
            "least K* (costs from primitives)": minimal_primitive_steps(primitive_values(cal)),
            "least separating first step (screening)": min(separating_steps(
                screening_values(cal)), default=None),
        })
    return rows


# ------------------------------------------------- the derived models, over the ranges


def primitive_region_answer(steps: int) -> PiecewiseAnswer:
    """Three regions of the trees with costs from primitives (both, steps only, neither)."""
    return _region_answer(primitive_condition(1), primitive_condition(steps),
                          "closed-form regions of the trees from primitives")


def primitive_region_map(cal: Calibration, steps: int, points: int = 121) -> SweepResult:
    """:func:`primitive_region_answer` over the calibration's own ranges of ``lambda`` and ``a_P``.

    Every other parameter takes **this** calibration's value, so that each calibration
    is drawn on its own map.
    """
    lam_lo, lam_hi = (float(x) for x in cal.range_of(SANCTIONS_LEVERAGE))
    ap_lo, ap_hi = (float(x) for x in cal.range_of(REPUTATION_COST))
    fixed = {x: cal[x] for x in primitive_region_answer(steps).parameters
             if x not in (SANCTIONS_LEVERAGE, REPUTATION_COST)}
    return sweep(primitive_region_answer(steps), values=fixed,
                 sanctions_leverage=np.linspace(lam_lo, lam_hi, points),
                 reputation_cost=np.linspace(ap_lo, ap_hi, points))


_COMMITMENT = ("war_share_dprk", "power_shift", "patience", "war_cost_dprk", "war_cost_us")
_TREES = ("relief_value", "disarm_cost", "attack_risk", "regime_loss", "renege_gain",
          "renege_cost")


def _commitment_peaceful(v: dict[str, Any], n: int) -> Any:
    # The binding constraints are t = 0, k = 1..n (see commitment._feasible_fast); in
    # floats here, since the draws are floats.
    p = np.asarray(v["war_share_dprk"], dtype=float)
    shift = np.minimum(np.asarray(v["power_shift"], dtype=float), p)
    d = np.asarray(v["patience"], dtype=float)
    base = (1 - p) + (1 - d) * v["war_cost_dprk"]
    ok = np.ones(np.broadcast(p, shift, d).shape, dtype=bool)
    for k in range(1, n + 1):
        bracket = 1 - p + shift * k / n - (1 - d) * v["war_cost_us"]
        ok &= base - d**k * bracket >= 0
    return ok


def _verdicts(steps: int) -> dict[str, tuple[Any, Any, tuple[str, ...]]]:
    """Per model: (big deal works, at most ``steps`` steps work, names drawn)."""
    inner = [float(x) for x in STEP_MENU if 0 < x < 1]

    def trees(v: dict[str, Any], k: int) -> Any:
        pays = np.asarray(v["relief_value"] - v["disarm_cost"] - v["attack_risk"] * v["regime_loss"]) > 0
        return pays & (np.asarray(k * v["renege_cost"] - v["renege_gain"]) > 0)

    def primitives(v: dict[str, Any], k: int) -> Any:
        pays = np.asarray(v["relief_value"] - v["disarm_cost"] - v["attack_risk"] * v["regime_loss"]) > 0
        us = k * v["reputation_cost"] + v["audience_cost"] - v["sanctions_leverage"] * v["relief_value"]
        return pays & (np.asarray(us) > 0)

    def commitment(v: dict[str, Any], k: int) -> Any:
        return np.any([_commitment_peaceful(v, n) for n in range(1, k + 1)], axis=0)

    def screening(v: dict[str, Any], sizes: list[float]) -> Any:
        # the genuine type takes a step of one of these sizes and is reciprocated in a PBE
        c_g = np.asarray(v["disarm_cost"] + v["attack_risk"] * v["regime_loss"], dtype=float)
        c_h, V = v["holdout_cost_ratio"] * c_g, np.asarray(v["relief_value"], dtype=float)
        lam_r = v["sanctions_leverage"] * v["relief_value"]
        sep_ok = np.asarray(v["disarm_value_us"] - lam_r) >= 0
        pool_ok = np.asarray(v["prior_genuine"] * v["disarm_value_us"] - lam_r) >= 0
        return np.any([(sep_ok & (c_h * x >= V) & (V >= c_g * x)) | (pool_ok & (c_h * x <= V))
                       for x in sizes], axis=0)

    names_screen = tuple(x.name for x in SCREENING_PARAMETERS)
    return {
        "trees (a and T set by hand)": (lambda v: trees(v, 1), lambda v: trees(v, steps), _TREES),
        "trees (costs from primitives)": (lambda v: primitives(v, 1), lambda v: primitives(v, steps),
                                          RENEGING_DRAWN),
        "commitment (shift of power)": (lambda v: commitment(v, 1), lambda v: commitment(v, steps),
                                        _COMMITMENT),
        "screening (private type)": (lambda v: screening(v, [1.0]), lambda v: screening(v, inner),
                                     names_screen),
    }


def inclusion_shares(cal: Calibration, steps: int = 5, draws: int = 4000,
                     seed: int = 0) -> dict[str, ShareEstimate]:
    """Per model, the share of draws where "the big deal works => steps work" holds.

    Tested, not assumed: each model's verdicts are evaluated on seeded uniform draws of
    its assumptions (:func:`~gametheory.analysis.sensitivity.monte_carlo_share`). In the
    screening model "steps" are the partial first steps of its menu, whatever ``steps``.
    """
    out = {}
    for name, (big, k_steps, names) in _verdicts(steps).items():
        def implied(v: dict[str, Any], big: Any = big, k_steps: Any = k_steps) -> Any:
            return ~np.asarray(big(v)) | np.asarray(k_steps(v))
        out[name] = monte_carlo_share(vectorised(implied), cal, names=list(names), draws=draws,
                                      seed=seed)
    return out


def claim_shares(cal: Calibration, steps: int = 10, draws: int = 4000,
                 seed: int = 0) -> dict[str, ShareEstimate]:
    """Per model, the share of draws where the op-ed's claim holds, and how it fails.

    Keys ``"<model>"`` (the big deal fails and at most ``steps`` steps work),
    ``"<model>: big deal works"`` and ``"<model>: nothing works"``; the same seed, so
    the same draws within a model.
    """
    out = {}
    for name, (big, k_steps, names) in _verdicts(steps).items():
        def outcome(v: dict[str, Any], big: Any = big, k_steps: Any = k_steps) -> Any:
            # 0: the claim holds; 1: the big deal works; 2: nothing works
            b, k = np.asarray(big(v)), np.asarray(k_steps(v))
            return np.where(b, 1, np.where(k, 0, 2))

        for code, key in enumerate((name, f"{name}: big deal works", f"{name}: nothing works")):
            def holds(v: dict[str, Any], code: int = code, outcome: Any = outcome) -> Any:
                return outcome(v) == code
            out[key] = monte_carlo_share(vectorised(holds), cal, names=list(names), draws=draws,
                                         seed=seed)
    return out


def claim_sobol(cal: Calibration, steps: int = 10, n: int = 1024, seed: int = 1) -> SobolResult:
    """Sobol' indices of the margin by which ``steps`` steps work in the primitive trees.

    The output is ``min(K a_P + a_A - lambda R, R - C - q X)`` in $bn: positive where
    the steps reach full disarmament; the indices say which assumptions decide that.
    ``seed`` fixes both the Sobol' sequence and the bootstrap intervals.
    """
    @vectorised
    def margin(v: dict[str, Any]) -> Any:
        us = steps * v["reputation_cost"] + v["audience_cost"] - v["sanctions_leverage"] * v["relief_value"]
        dprk = v["relief_value"] - v["disarm_cost"] - v["attack_risk"] * v["regime_loss"]
        return np.minimum(np.asarray(us, dtype=float), np.asarray(dprk, dtype=float))

    return sobol_indices(margin, cal, names=list(RENEGING_DRAWN), n=n, seed=seed)
