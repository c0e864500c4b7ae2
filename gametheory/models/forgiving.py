"""Argument 05: forgiving verification, and why it favours small steps.

*Reconstruction* in the structure of Green and Porter (1984). Under the public-signal
grim trigger of :mod:`gametheory.models.verification` a false alarm (probability
``1 - p`` a period) ends cooperation for ever, so a deal between honest parties breaks
down with probability one. Here a bad signal starts ``k`` periods of punishment (the
stage equilibrium, worth 0), after which cooperation (worth 1 a period) resumes:
:func:`gametheory.signal_trigger` with ``k`` punishment states.

With ``d`` the discount factor, the normalised value of cooperation is (derived with
sympy from the automaton's value equations, :func:`cooperation_value`)

``V_k = (1 - d) / (1 - d p - d^(k+1) (1 - p))``,

and a one-shot deviation (gain ``g``; good signal with probability ``q`` after cheating)
does not pay iff ``d (p - q) (1 - d^k) V_k / (1 - d) >= g`` (:func:`incentive_slack`).
``V_k`` falls with ``k`` and the slack rises with it, so the best equilibrium punishes
for the least ``k`` that deters (:func:`forgiving_equilibria`; checked with the engine's
one-shot deviation test, :func:`gametheory.is_subgame_perfect`). In the long run a
fraction ``(1 - p) k / (1 + (1 - p) k)`` of periods is spent punishing, instead of all of them.

**Detection and step size.** A step covers a share ``x`` of the programme; inspectors
can verify a share ``c`` of the programme a period, each verified violation found with
probability ``r``; so cheating on the step is seen with probability
``1 - q(x) = r min(1, c / x)``, and the gain from cheating on it is ``g x`` (``g`` for the
whole programme). Smaller steps are both less tempting and better verified: the least
deterring ``k`` rises with the step size (:func:`best_punishment_by_step`), and a big
deal (``x = 1``) can need punishments so long, or be so poorly verified, that no
forgiving equilibrium exists where small steps have one.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
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
from ..errors import ParameterError, SolverError
from ..symbolic import exact, parameter
from .calibration import ASSUMED, DPRK_2019, Calibration, extended
from .verification import (
    CHEATING_GAIN,
    DETECTION,
    GOOD_IF_COMPLIANT,
    MONITORING_PATIENCE,
    monitoring_game,
)

__all__ = [
    "INSPECTION_CAPACITY",
    "PARAMETERS",
    "VERIFICATION_2019",
    "cooperation_value",
    "incentive_slack",
    "punishment_share",
    "unseen_probability",
    "ForgivingEquilibria",
    "forgiving_equilibria",
    "best_punishment_by_step",
    "small_steps_forgive_share",
    "step_advantage_sobol",
]

INSPECTION_CAPACITY = parameter(
    "inspection_capacity", "probability", unit="share of the programme per period",
    description="share of the programme inspectors can verify in a period (c)",
    default="1/4", plausible_range=("1/10", "1/2"),
    source=ASSUMED,
)

PARAMETERS: tuple[sp.Symbol, ...] = (GOOD_IF_COMPLIANT, DETECTION, INSPECTION_CAPACITY,
                                     CHEATING_GAIN, MONITORING_PATIENCE)
"""p, r, c, g, d."""

VERIFICATION_2019 = extended(DPRK_2019, PARAMETERS, "With the verification model of argument 05.")
"""``DPRK_2019`` with the parameters of the verification model (all ASSUMPTIONS)."""

_P, _Q, _D, _G = sp.symbols("p q d g", positive=True)


@functools.cache
def _value_formula(k: int | None) -> sp.Expr:
    # Value equations of the k-state punishment automaton, both complying.
    v = sp.Symbol("V")
    continuation = _D**k * v if k is not None else sp.Integer(0)
    (root,) = sp.solve(sp.Eq(v, (1 - _D) + _D * (_P * v + (1 - _P) * continuation)), v)
    return sp.factor(root)


def _check_k(k: Any) -> int | None:
    if k is None:
        return None
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ParameterError(f"punishment length k must be a positive integer or None (grim), got {k!r}")
    return k


def cooperation_value(k: int | None, good_if_compliant: Any, discount: Any) -> sp.Expr:
    """Normalised value of the deal when both comply and a bad signal costs ``k`` periods.

    ``k=None`` is the grim trigger: ``(1 - d) / (1 - d p)``.

    >>> cooperation_value(1, "19/20", "9/10")
    200/209
    """
    return _value_formula(_check_k(k)).xreplace({_P: exact(good_if_compliant), _D: exact(discount)})


def incentive_slack(k: int | None, good_if_compliant: Any, good_if_cheating: Any,
                    cheating_gain: Any, discount: Any) -> sp.Expr:
    """Value of complying minus value of a one-shot deviation, over ``1 - d``.

    ``d (p - q) (1 - d^k) V_k / (1 - d) - g`` (``d^k = 0`` for the grim trigger); the
    profile deters cheating iff it is ``>= 0``.
    """
    k = _check_k(k)
    p, q, g, d = (exact(x) for x in (good_if_compliant, good_if_cheating, cheating_gain, discount))
    lost = 1 - d**k if k is not None else sp.Integer(1)
    return sp.simplify(d * (p - q) * lost * cooperation_value(k, p, d) / (1 - d) - g)


def punishment_share(k: int | None, good_if_compliant: Any) -> sp.Expr:
    """Long-run share of periods spent punishing false alarms: ``(1-p) k / (1 + (1-p) k)``.

    1 for the grim trigger (breakdown is certain) when ``p < 1``.
    """
    p = exact(good_if_compliant)
    if _check_k(k) is None:
        return sp.Integer(1) if p < 1 else sp.Integer(0)
    return (1 - p) * k / (1 + (1 - p) * k)


def unseen_probability(step: Any, detection: Any, capacity: Any) -> sp.Expr:
    """``q(x) = 1 - r min(1, c / x)``: a good signal although the step was cheated on."""
    x, r, c = exact(step), exact(detection), exact(capacity)
    if not (x.is_number and 0 < x <= 1):
        raise ParameterError(f"step size must be in (0, 1], got {x}")
    return 1 - r * sp.Min(1, c / x)


@dataclass(frozen=True)
class ForgivingEquilibria:
    """The punishment lengths that deter cheating, checked by the engine.

    Attributes
    ----------
    deterring
        Every ``k <= max_k`` that deters (closed-form slack ``>= 0``).
    best
        The least of them (the highest value ``V_k``); None if none.
    grim
        Whether the grim trigger deters.
    value, punishing
        ``V_best`` and the long-run share of periods punishing under ``best``.
    """

    deterring: tuple[int, ...]
    best: int | None
    grim: bool
    value: sp.Expr | None
    punishing: sp.Expr | None
    max_k: int
    method: str = ("closed-form slack for k = 1..max_k; the least deterring k, the one below it "
                   "and the grim trigger confirmed by gametheory.is_subgame_perfect")
    exact: bool = True
    warnings: tuple[str, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        """JSON form, exact numbers as strings."""
        return {"deterring": list(self.deterring), "best": self.best, "grim": self.grim,
                "value": None if self.value is None else str(self.value),
                "punishing": None if self.punishing is None else str(self.punishing),
                "max_k": self.max_k, "method": self.method, "exact": self.exact,
                "warnings": list(self.warnings)}

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> ForgivingEquilibria:
        """Inverse of :meth:`to_json_dict` (exact numbers read back as rationals)."""
        def num(x: Any) -> sp.Expr | None:
            return None if x is None else sp.Rational(x)
        return cls(deterring=tuple(data["deterring"]), best=data["best"], grim=data["grim"],
                   value=num(data["value"]), punishing=num(data["punishing"]),
                   max_k=data["max_k"], method=data["method"], exact=data["exact"],
                   warnings=tuple(data["warnings"]))


def forgiving_equilibria(good_if_compliant: Any, good_if_cheating: Any, cheating_gain: Any,
                         discount: Any, max_k: int = 12) -> ForgivingEquilibria:
    """Which ``k``-period punishments are subgame perfect, and the best one.

    Each ``k = 1..max_k`` (and the grim trigger) is checked with the engine's one-shot
    deviation test on :func:`~gametheory.models.verification.monitoring_game`.

    >>> r = forgiving_equilibria("19/20", "1/10", "1/8", "9/10")
    >>> r.best, r.grim
    (1, True)
    """
    from ..games.automata import signal_trigger
    from ..solve.repeated import is_subgame_perfect

    if not isinstance(max_k, int) or max_k < 1:
        raise ParameterError(f"max_k must be a positive integer, got {max_k!r}")
    p, q, g, d = (exact(x) for x in (good_if_compliant, good_if_cheating, cheating_gain, discount))
    game = monitoring_game(p, q, d, g, g)

    def deters(k: int | None) -> bool:
        return bool(is_subgame_perfect(game, (signal_trigger(k), signal_trigger(k))).holds)

    grim = deters(None)
    # The closed-form slack rises with k, so the deterring k form a tail best..max_k; the
    # engine confirms the boundary (best deters, best - 1 does not) and the grim case.
    found = tuple(k for k in range(1, max_k + 1) if incentive_slack(k, p, q, g, d) >= 0)
    best = found[0] if found else None
    if best is not None and (not deters(best) or (best > 1 and deters(best - 1))):
        raise SolverError(f"closed form and one-shot deviation check disagree near k = {best}")
    warnings: tuple[str, ...] = ()
    if grim and best is None:
        warnings = (f"the grim trigger deters but no k <= {max_k} does; raise max_k",)
    return ForgivingEquilibria(
        deterring=found, best=best, grim=grim,
        value=None if best is None else cooperation_value(best, p, d),
        punishing=None if best is None else punishment_share(best, p),
        max_k=max_k, warnings=warnings,
    )


def best_punishment_by_step(steps: Sequence[Any], cal: Calibration = VERIFICATION_2019,
                            max_k: int = 12) -> list[dict[str, Any]]:
    """Rows ``{step, unseen, gain, best_k, value, punishing, grim}`` per step size ``x``."""
    p, r, c, g, d = (cal[s] for s in PARAMETERS)
    rows = []
    for x in steps:
        q = unseen_probability(x, r, c)
        res = forgiving_equilibria(p, q, g * exact(x), d, max_k=max_k)
        rows.append({"step": exact(x), "unseen": q, "gain": g * exact(x), "best_k": res.best,
                     "value": res.value, "punishing": res.punishing, "grim": res.grim})
    return rows


# ------------------------------------------------------------------------- sampling
def _best_k_array(p: np.ndarray, q: np.ndarray, g: np.ndarray, d: np.ndarray,
                  max_k: int) -> np.ndarray:
    best = np.full(p.shape, np.inf)
    for k in range(max_k, 0, -1):
        v = (1 - d) / (1 - d * p - d ** (k + 1) * (1 - p))
        ok = d * (p - q) * (1 - d**k) * v / (1 - d) - g >= 0
        best = np.where(ok, k, best)
    return best


def _small_steps_forgive(max_k: int, step: float) -> Any:
    @vectorised
    def verdict(v: Mapping[str, Any]) -> np.ndarray:
        p, r, c, g, d = (np.asarray(v[s.name], dtype=float) for s in PARAMETERS)
        small = _best_k_array(p, 1 - r * np.minimum(1, c / step), g * step, d, max_k)
        big = _best_k_array(p, 1 - r * np.minimum(1, c), g, d, max_k)
        return np.isfinite(small) & (small < big)
    return verdict


def small_steps_forgive_share(cal: Calibration = VERIFICATION_2019, step: Any = None,
                             max_k: int = 12, draws: int = 4000, seed: int = 0) -> ShareEstimate:
    """Share of the ranges where a step of size ``step`` (default: the inspection capacity
    ``c``) has a deterring punishment of at most ``max_k`` periods that is shorter than the
    big deal's least deterring one (or the big deal has none)."""
    names = [s.name for s in PARAMETERS if s.name in cal.assumptions]
    if step is None:
        names = [n for n in names if n != INSPECTION_CAPACITY.name]
        step = cal[INSPECTION_CAPACITY]
    x = float(exact(step))
    if not 0 < x <= 1 or math.isnan(x):
        raise ParameterError(f"step size must be in (0, 1], got {step}")
    return monte_carlo_share(_small_steps_forgive(max_k, x), cal, names, draws=draws, seed=seed)


@vectorised
def _step_advantage(v: Mapping[str, Any]) -> np.ndarray:
    p, r, c, g, d = (np.asarray(v[s.name], dtype=float) for s in PARAMETERS)
    factor = d * (1 - d) / (1 - d * p - d**2 * (1 - p))  # d (1 - d^k) V_k / (1 - d) at k = 1
    small = factor * (p - (1 - r)) - g * c  # a step of size c, fully verified
    big = factor * (p - (1 - r * c)) - g  # the big deal
    return small - big


def step_advantage_sobol(cal: Calibration = VERIFICATION_2019, n: int = 1024,
                         seed: int = 0) -> SobolResult:
    """Sobol' indices of the advantage of a step of size ``c`` over the big deal.

    The output is the difference of the incentive slacks under a one-period punishment,
    ``slack(x = c) - slack(x = 1) = (1 - c) (r d V_1 + g)``. It is never negative: that a
    small step is easier to deter follows from the two scaling assumptions (gain ``g x``,
    detection ``r min(1, c / x)``); the indices say what drives its size.
    """
    names = [s.name for s in PARAMETERS if s.name in cal.assumptions]
    return sobol_indices(_step_advantage, cal, names, n=n, seed=seed)
