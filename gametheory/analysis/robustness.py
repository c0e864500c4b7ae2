"""Robustness: in what share of plausible parameter values does a claim hold?

Parameters that no source pins down are drawn from distributions over their
plausible ranges (declared with :func:`~gametheory.symbolic.parameter`, uniform by
default, or given), from a seeded :class:`numpy.random.Generator`, so that a seed
reproduces the share exactly. The claim is compiled once and evaluated on all draws
at once; the share comes with a Wilson score interval.

Examples
--------
>>> import gametheory as gt
>>> d = gt.parameter("p_rb", "probability", plausible_range=(0, 1))
>>> r = robustness(d >= sp.Rational(1, 2), draws=2000, seed=1)
>>> round(r.share, 2), r.interval[0] < 0.5 < r.interval[1]
(0.5, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError
from ..solve.results import PiecewiseAnswer, Result
from ..symbolic import compile_expr, free_parameters, parameter_info
from .sweep import function_parameters

__all__ = ["robustness", "RobustnessResult", "wilson_interval"]


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial share (Wilson 1927, JASA 22(158)).

    >>> [round(v, 4) for v in wilson_interval(50, 100)]
    [0.4038, 0.5962]
    """
    if n <= 0:
        raise ParameterError("a confidence interval needs at least one draw")
    if not 0 < confidence < 1:
        raise ParameterError(f"confidence must lie in (0, 1), got {confidence}")
    from scipy.stats import norm

    z = float(norm.ppf(0.5 + confidence / 2))
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True, eq=False)
class RobustnessResult(Result):
    """Share of parameter draws in which a claim holds.

    Attributes
    ----------
    claim
        What was checked (text).
    share, interval, confidence
        The share of draws where the claim holds and its Wilson interval.
    holds, draws
        Number of draws where it holds, and of all draws.
    distributions
        Per drawn parameter, how it was drawn.
    fixed
        Parameters held at a value.
    seed
        The seed that reproduces the draws.
    samples, outcome
        The drawn values per parameter and, per draw, whether the claim held.
    """

    claim: str
    share: float
    interval: tuple[float, float]
    confidence: float
    holds: int
    draws: int
    distributions: Mapping[str, str]
    fixed: Mapping[str, Any]
    seed: Any
    samples: Mapping[str, np.ndarray] = field(repr=False, default_factory=dict)
    outcome: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0, dtype=bool))
    method: str = "Monte Carlo over plausible ranges, Wilson score interval"
    exact: bool = False
    warnings: tuple[str, ...] = ()

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "share": self.share,
            "interval": list(self.interval),
            "confidence": self.confidence,
            "holds": self.holds,
            "draws": self.draws,
            "distributions": dict(self.distributions),
            "fixed": {k: str(v) for k, v in self.fixed.items()},
            "seed": self.seed if isinstance(self.seed, int | None) else str(self.seed),
            "warnings": list(self.warnings),
        }

    def __repr__(self) -> str:
        lo, hi = self.interval
        return (
            f"RobustnessResult({self.claim!r}: holds in {self.share:.1%} of {self.draws} draws, "
            f"{self.confidence:.0%} CI [{lo:.1%}, {hi:.1%}])"
        )


def _claim(claim: Any, label: str | None) -> tuple[Callable[..., np.ndarray] | None, Callable[..., Any] | None, tuple[str, ...], str]:
    """(vectorised evaluator, pointwise function, parameter names, description)."""
    if isinstance(claim, tuple) and len(claim) == 2 and isinstance(claim[0], PiecewiseAnswer):
        claim, label = claim
    if isinstance(claim, PiecewiseAnswer):
        if label is None:
            raise ParameterError(
                f"a piecewise answer needs the label whose region is the claim; labels are {list(claim.labels)}"
            )
        conds = [p.condition for p in claim.pieces if p.label == label]
        if not conds:
            raise ParameterError(f"no piece labelled {label!r}; labels are {list(claim.labels)}")
        cond = sp.Or(*conds)
        names = tuple(s.name for s in claim.parameters)
        return compile_expr(cond, claim.parameters), None, names, f"{label} ({claim.concept})"
    if isinstance(claim, sp.Basic) and isinstance(claim, sp.logic.boolalg.Boolean):
        params = free_parameters(claim)
        return compile_expr(claim, params), None, tuple(s.name for s in params), str(claim)
    if callable(claim):
        accepted, _ = function_parameters(claim)
        names = tuple(accepted) if accepted is not None else ()
        return None, claim, names, getattr(claim, "__name__", repr(claim))
    raise ParameterError(
        "a claim is a sympy condition, (PiecewiseAnswer, label), or a function of the "
        f"parameters returning True/False; got {type(claim).__name__}"
    )


def _draw(spec: Any, name: str, rng: np.random.Generator, n: int) -> tuple[np.ndarray, str]:
    if isinstance(spec, tuple | list) and len(spec) == 2:
        low, high = float(spec[0]), float(spec[1])
        if not low <= high:
            raise ParameterError(f"parameter {name!r}: range ({low}, {high}) is empty")
        return rng.uniform(low, high, n), f"uniform({spec[0]}, {spec[1]})"
    rvs = getattr(spec, "rvs", None)
    if rvs is not None:
        dist_name = getattr(getattr(spec, "dist", None), "name", type(spec).__name__)
        args = ", ".join(str(a) for a in getattr(spec, "args", ()))
        return np.asarray(rvs(size=n, random_state=rng), dtype=float), f"{dist_name}({args})"
    raise ParameterError(
        f"parameter {name!r}: a distribution is a (low, high) tuple or a frozen scipy.stats "
        f"distribution, got {spec!r}"
    )


def robustness(
    claim: Any,
    distributions: Mapping[Any, Any] | None = None,
    draws: int = 10_000,
    seed: int | np.random.Generator | None = 0,
    values: Mapping[Any, Any] | None = None,
    *,
    label: str | None = None,
    confidence: float = 0.95,
) -> RobustnessResult:
    """Share of parameter draws in which a claim holds, with a confidence interval.

    Parameters
    ----------
    claim
        A sympy condition; a :class:`PiecewiseAnswer` with ``label`` (or the tuple
        ``(answer, label)``: the claim is that a piece with that label holds, alone
        or with others); or a function of the parameters (keyword arguments)
        returning True or False, called once per draw.
    distributions
        Per parameter (name or symbol): a ``(low, high)`` tuple (uniform) or a frozen
        ``scipy.stats`` distribution. Parameters not given are drawn uniformly over
        their declared plausible range.
    draws
        Number of draws.
    seed
        Seed of :func:`numpy.random.default_rng` (or a Generator); the same seed gives
        the same draws and the same share. Parameters are drawn in name order.
    values
        Parameters held fixed. A parameter with no value, distribution or plausible
        range takes its declared default, with a warning; with none of these, an error.
    confidence
        Level of the Wilson score interval.
    """
    if not isinstance(draws, int | np.integer) or draws < 1:
        raise ParameterError(f"draws must be a positive integer, got {draws!r}")
    vector, pointwise, names, text = _claim(claim, label)

    def key(k: Any) -> str:
        return k.name if isinstance(k, sp.Symbol) else str(k)

    dists = {key(k): v for k, v in (distributions or {}).items()}
    fixed_given = {key(k): v for k, v in (values or {}).items()}
    if pointwise is not None and not names:
        names = tuple(sorted(set(dists) | set(fixed_given)))
    unknown = sorted((set(dists) | set(fixed_given)) - set(names))
    if unknown:
        raise ParameterError(f"the claim does not depend on {unknown}; its parameters are {list(names)}")
    both = sorted(set(dists) & set(fixed_given))
    if both:
        raise ParameterError(f"parameter(s) {both} have both a distribution and a fixed value")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    samples: dict[str, np.ndarray] = {}
    described: dict[str, str] = {}
    fixed: dict[str, Any] = {}
    warnings = []
    for name in sorted(names):
        info = parameter_info(name) if _known(name) else None
        if name in fixed_given:
            fixed[name] = info.check(fixed_given[name]) if info else fixed_given[name]
        elif name in dists:
            samples[name], described[name] = _draw(dists[name], name, rng, int(draws))
        elif info is not None and info.plausible_range is not None:
            low, high = info.plausible_range
            samples[name], described[name] = _draw((low, high), name, rng, int(draws))
        elif info is not None and info.default is not None:
            fixed[name] = info.default
            warnings.append(f"{name} has no plausible range; held at its default {info.default}")
        else:
            raise ParameterError(
                f"parameter {name!r} has no distribution, no plausible range and no value: "
                "give distributions={...} or values={...}"
            )
    if vector is not None:
        args = {n: samples[n] if n in samples else float(fixed[n]) for n in names}
        outcome = np.broadcast_to(vector(**args), (int(draws),)).astype(bool)
    else:
        assert pointwise is not None
        outcome = np.empty(int(draws), dtype=bool)
        for i in range(int(draws)):
            point = {n: float(samples[n][i]) for n in samples}
            point.update(fixed)
            outcome[i] = bool(pointwise(**point))
    holds = int(np.count_nonzero(outcome))
    return RobustnessResult(
        claim=text,
        share=holds / int(draws),
        interval=wilson_interval(holds, int(draws), confidence),
        confidence=confidence,
        holds=holds,
        draws=int(draws),
        distributions=described,
        fixed=fixed,
        seed=seed if not isinstance(seed, np.random.Generator) else "Generator",
        samples=samples,
        outcome=outcome,
        warnings=tuple(warnings),
    )


def _known(name: str) -> bool:
    from ..symbolic import declared_parameters

    return name in declared_parameters()
