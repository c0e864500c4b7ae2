"""Why the Libya model will not work for North Korea (argument 03).

The same sequential game, the Hanoi big deal of :func:`~gametheory.models.commitment.big_deal_tree`
(disarm first, then relief or reneging, with a regime risk), solved by ``gt.spe`` under
:data:`~gametheory.models.calibration.LIBYA_2003` and
:data:`~gametheory.models.calibration.DPRK_2019`, together with the commitment model at
``n = 1``. Following Bas and Coe (2016, 2018), an early-stage programme (Libya 2003)
shifts little power when given up and costs little, so disarming first is an SPE
outcome; a post-success programme (North Korea 2019) does not (these are the authors'
qualitative results; the numbers are the calibrations' assumptions).

The 2011 intervention in Libya is evidence on the hypothesis "a disarmed state is
attacked". Bayes' rule, ``mu' = mu L / (mu L + (1 - mu) L_alt)``, updates North Korea's
belief (prior and likelihoods are declared, ranged assumptions). The big deal needs the
belief below a threshold that :func:`belief_threshold` reads off the symbolic SPE of the
tree (``q < (R - C) / X`` when the US keeps its word).

Examples
--------
>>> from gametheory.models.calibration import DPRK_2019, LIBYA_2003
>>> disarm_first_is_spe(LIBYA_2003), disarm_first_is_spe(DPRK_2019)
(True, False)
>>> posterior_attack_belief("1/20", "4/5", "1/5")
4/23
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..analysis.robustness import RobustnessResult, robustness
from ..errors import ParameterError
from ..solve.backward_induction import SPESolution, spe
from ..symbolic import exact
from .calibration import (
    ATTACK_LIKELIHOOD,
    ATTACK_LIKELIHOOD_ALT,
    ATTACK_RISK,
    DISARM_COST,
    REGIME_LOSS,
    RELIEF_VALUE,
    RENEGE_COST,
    RENEGE_GAIN,
    Calibration,
)
from .commitment import (
    TREE_PARAMETERS,
    big_deal_tree,
    commitment_model,
    full_disarmament_region,
    peace_feasible,
    reaches_full_disarmament,
    tree_values,
)

__all__ = [
    "big_deal_solution",
    "disarm_first_is_spe",
    "posterior_attack_belief",
    "posterior_formula",
    "belief_threshold",
    "posterior_range",
    "BeliefEffect",
    "belief_effect",
    "comparison_table",
    "disarm_first_robustness",
    "belief_curve",
]


def big_deal_solution(cal: Calibration, values: Mapping[sp.Symbol, Any] | None = None) -> SPESolution:
    """``gt.spe`` of the big-deal tree at a calibration (``values`` override some)."""
    point = tree_values(cal) | dict(values or {})
    solution = spe(big_deal_tree().subs(point))
    if not isinstance(solution, SPESolution):
        free = ", ".join(s.name for s in solution.parameters)
        raise ParameterError(f"the big-deal tree keeps free parameters ({free}) at this calibration")
    return solution


def disarm_first_is_spe(cal: Calibration, values: Mapping[sp.Symbol, Any] | None = None) -> bool:
    """Whether every SPE of the big deal has North Korea (Libya) disarm first and the US lift."""
    return reaches_full_disarmament(big_deal_solution(cal, values), 1) is True


def posterior_formula() -> sp.Expr:
    """Bayes' rule in the declared symbols: ``q L / (q L + (1 - q) L_alt)``."""
    q, lik, alt = ATTACK_RISK, ATTACK_LIKELIHOOD, ATTACK_LIKELIHOOD_ALT
    return q * lik / (q * lik + (1 - q) * alt)


def posterior_attack_belief(prior: Any, likelihood: Any, likelihood_alt: Any) -> sp.Expr:
    """The belief that a disarmed state is attacked, after observing the 2011 intervention.

    Parameters
    ----------
    prior
        Belief before 2011.
    likelihood, likelihood_alt
        Probability of an intervention like 2011 if disarmed states are attacked, and if
        they are not singled out.
    """
    q, lik, alt = (exact(v, where=w) for v, w in
                   ((prior, "prior"), (likelihood, "likelihood"), (likelihood_alt, "likelihood_alt")))
    for v, w in ((q, "prior"), (lik, "likelihood"), (alt, "likelihood_alt")):
        if not (v.is_number and 0 <= v <= 1):
            raise ParameterError(f"{w} must be a probability in [0, 1]; got {v}")
    denominator = q * lik + (1 - q) * alt
    if denominator == 0:
        raise ParameterError("the 2011 intervention has probability 0 under both hypotheses")
    return posterior_formula().xreplace({ATTACK_RISK: q, ATTACK_LIKELIHOOD: lik,
                                         ATTACK_LIKELIHOOD_ALT: alt})


@functools.lru_cache(maxsize=1)
def belief_threshold() -> sp.Expr:
    """The belief below which disarming first is an SPE (when the US keeps its word).

    Derived from the symbolic SPE of the big-deal tree: the region where it disarms
    fully is ``(a > T) & (R - C - q X > 0)``; solving the relation in ``q`` for its
    boundary gives ``(R - C) / X``.

    Examples
    --------
    >>> belief_threshold()
    (-disarm_cost + relief_value)/regime_loss
    """
    region = full_disarmament_region(spe(big_deal_tree()), 1)
    rels = [r for r in region.atoms(sp.Rel) if ATTACK_RISK in r.free_symbols]
    if len(rels) != 1:
        raise ParameterError(f"expected one condition on the belief in the big-deal region, got {rels}")
    roots = sp.solve(sp.Eq(rels[0].lhs, rels[0].rhs), ATTACK_RISK)
    return sp.simplify(roots[0])


def posterior_range(cal: Calibration) -> tuple[sp.Expr, sp.Expr]:
    """Exact least and greatest posterior over the calibration's ranges.

    The posterior rises with the prior and the likelihood and falls with the
    alternative likelihood, so the extremes are at corners of the box.
    """
    (q0, q1), (l0, l1), (a0, a1) = (cal.range_of(s) for s in
                                    (ATTACK_RISK, ATTACK_LIKELIHOOD, ATTACK_LIKELIHOOD_ALT))
    return posterior_attack_belief(q0, l0, a1), posterior_attack_belief(q1, l1, a0)


@dataclass(frozen=True)
class BeliefEffect:
    """What the 2011 update does to the big deal at a calibration.

    Attributes
    ----------
    prior, posterior, threshold
        The belief before and after 2011 and the threshold ``(R - C) / X``.
    us_keeps_word
        Whether the US lifts rather than reneges (``a > T``); the belief matters only then.
    before, after
        Whether disarming first is an SPE at the prior and at the posterior.
    """

    calibration: str
    prior: sp.Expr
    posterior: sp.Expr
    threshold: sp.Expr
    us_keeps_word: bool
    before: bool
    after: bool


def belief_effect(cal: Calibration) -> BeliefEffect:
    """The prior, the posterior after 2011, the threshold, and the big deal under each."""
    prior = cal[ATTACK_RISK]
    post = posterior_attack_belief(prior, cal[ATTACK_LIKELIHOOD], cal[ATTACK_LIKELIHOOD_ALT])
    threshold = belief_threshold().xreplace(tree_values(cal))
    return BeliefEffect(
        calibration=cal.name, prior=prior, posterior=post, threshold=threshold,
        us_keeps_word=bool(cal[RENEGE_COST] > cal[RENEGE_GAIN]),
        before=disarm_first_is_spe(cal),
        after=disarm_first_is_spe(cal, {ATTACK_RISK: post}),
    )


def comparison_table(*cals: Calibration) -> list[dict[str, Any]]:
    """One row per calibration: the numbers behind argument 03 (for the paper's table)."""
    rows = []
    for cal in cals:
        effect = belief_effect(cal)
        rows.append({
            "calibration": cal.name,
            "big deal is an SPE": disarm_first_is_spe(cal),
            "one-step peace (commitment model)": peace_feasible(steps=1, **commitment_model(cal)),
            "disarming pays (R - C - qX)": cal[RELIEF_VALUE] - cal[DISARM_COST]
            - cal[ATTACK_RISK] * cal[REGIME_LOSS],
            "US keeps its word (a > T)": effect.us_keeps_word,
            "belief before 2011": effect.prior,
            "belief after 2011": effect.posterior,
            "belief threshold (R - C)/X": effect.threshold,
        })
    return rows


def disarm_first_robustness(cal: Calibration, draws: int = 4000, seed: int = 0) -> RobustnessResult:
    """Share of draws over the calibration's ranges where disarming first is an SPE.

    The claim is the symbolic big-deal region, ``(a > T) & (R - C - q X > 0)``, with
    every tree parameter drawn uniformly over the calibration's range.
    """
    region = full_disarmament_region(spe(big_deal_tree()), 1)
    # Parameters the region does not depend on (they cancel) are not drawn.
    dists = {s: tuple(float(v) for v in cal.range_of(s)) for s in TREE_PARAMETERS
             if s in region.free_symbols}
    return robustness(region, distributions=dists, draws=draws, seed=seed,
                      label=f"disarming first is an SPE ({cal.name})")


def belief_curve(cal: Calibration, priors: list[Any]) -> dict[str, Any]:
    """Figure data: posterior after 2011 against the prior, with the big-deal threshold."""
    lik, alt = cal[ATTACK_LIKELIHOOD], cal[ATTACK_LIKELIHOOD_ALT]
    return {
        "prior": [exact(p) for p in priors],
        "posterior": [posterior_attack_belief(p, lik, alt) for p in priors],
        "threshold": belief_threshold().xreplace(tree_values(cal)),
    }
