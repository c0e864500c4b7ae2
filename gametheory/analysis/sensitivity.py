"""Sensitivity of a model's verdict to the assumptions of a calibration.

Two questions are asked of every verdict, both over the plausible ranges that a
:class:`~gametheory.models.calibration.Calibration` declares for its assumptions:

* :func:`monte_carlo_share`: in what share of the assumption space does the verdict
  hold? Seeded uniform draws, a Wilson score interval (Wilson 1927), and a Dask
  backend that evaluates the same draws in chunks, so that it returns the same share.
* :func:`sobol_indices`: which assumptions drive a continuous margin of the verdict
  (for instance the slack of its inequality)? First-order and total Sobol' indices
  with bootstrap confidence intervals, from Saltelli's sampling scheme (Saltelli 2002;
  Saltelli et al. 2010) as implemented by SALib (Herman and Usher 2017).

A verdict or output is a function of a ``dict`` from parameter name to value. Every
value of the calibration is passed, as a float; the named assumptions vary and the
others stay at the calibration's value. A function marked with :func:`vectorised`
(or any callable with ``vectorised = True``) receives numpy arrays, one entry per
draw, and returns an array; it is called once per chunk instead of once per draw.

Examples
--------
>>> from gametheory.models.calibration import DPRK_2019
>>> r = monte_carlo_share(lambda v: v["patience"] > 0.875, DPRK_2019,
...                       names=["patience"], draws=4000, seed=1)
>>> round(r.share, 2), r.low < 0.5 < r.high
(0.5, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import sympy as sp

from ..errors import ParameterError

__all__ = [
    "ShareEstimate",
    "SobolResult",
    "monte_carlo_share",
    "sobol_indices",
    "vectorised",
    "shares_latex",
]

F = TypeVar("F", bound=Callable[..., Any])


def vectorised(function: F) -> F:
    """Mark a verdict or output as taking arrays (one entry per draw) and returning an array.

    >>> @vectorised
    ... def patient(v):
    ...     return v["patience"] > 0.9
    >>> patient.vectorised
    True
    """
    function.vectorised = True  # type: ignore[attr-defined]
    return function


@dataclass(frozen=True)
class ShareEstimate:
    """Share of the assumption space in which a verdict holds.

    Attributes
    ----------
    share, low, high
        The share of draws where the verdict holds and its Wilson score interval.
    draws, holds
        Number of draws, and of draws where the verdict holds.
    seed
        Seed of :func:`numpy.random.default_rng` that reproduces the draws.
    names
        The assumptions drawn (uniformly over their ranges), in draw order.
    method
        How the share was computed.
    confidence
        Level of the interval.
    calibration
        Name of the calibration the other parameters come from.
    ranges
        Per drawn name, the ``(low, high)`` range as strings of exact numbers.
    exact
        Always False: a Monte Carlo share is an estimate.
    """

    share: float
    low: float
    high: float
    draws: int
    seed: int
    names: tuple[str, ...]
    method: str
    confidence: float = 0.95
    holds: int = 0
    calibration: str = ""
    ranges: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    exact: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict; ``ShareEstimate(**d)`` rebuilds the estimate."""
        return {
            "share": self.share, "low": self.low, "high": self.high, "draws": self.draws,
            "seed": self.seed, "names": list(self.names), "method": self.method,
            "confidence": self.confidence, "holds": self.holds,
            "calibration": self.calibration,
            "ranges": {k: list(v) for k, v in self.ranges.items()}, "exact": self.exact,
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> ShareEstimate:
        """Inverse of :meth:`to_json_dict`."""
        d = dict(data)
        d["names"] = tuple(d["names"])
        d["ranges"] = {k: (str(v[0]), str(v[1])) for k, v in d.get("ranges", {}).items()}
        return cls(**d)

    def table(self) -> list[dict[str, Any]]:
        """One row: the share, its interval and what was drawn (for the paper)."""
        return [{"share": self.share, "low": self.low, "high": self.high,
                 "confidence": self.confidence, "draws": self.draws, "seed": self.seed,
                 "calibration": self.calibration, "assumptions": ", ".join(self.names)}]

    def __str__(self) -> str:
        return (f"holds in {self.share:.1%} of {self.draws} draws "
                f"({self.confidence:.0%} CI {self.low:.1%} to {self.high:.1%})")


@dataclass(frozen=True)
class SobolResult:
    """First-order and total Sobol' indices of an output over the assumptions.

    Attributes
    ----------
    names
        The assumptions varied, in order.
    first, first_conf
        First-order indices S1 and the half-widths of their bootstrap intervals.
    total, total_conf
        Total-order indices ST and the half-widths of their bootstrap intervals.
    n
        Base sample size (a power of two); the output is evaluated ``n * (k + 2)`` times.
    evaluations
        Number of evaluations of the output.
    seed, confidence
        Seed of the scrambled Sobol' sequence and of the bootstrap; interval level.
    variance
        Variance of the output over the sample (0 means the output is constant and
        the indices are undefined: they are then NaN and a warning says so).
    method, warnings
        How the indices were computed, and anything the reader must know.
    """

    names: tuple[str, ...]
    first: tuple[float, ...]
    first_conf: tuple[float, ...]
    total: tuple[float, ...]
    total_conf: tuple[float, ...]
    n: int
    evaluations: int
    seed: int
    confidence: float
    variance: float
    method: str = ("Sobol' indices: Saltelli sampling (SALib), Saltelli (2010) first-order "
                   "and Jansen total estimators, seeded bootstrap confidence intervals")
    calibration: str = ""
    warnings: tuple[str, ...] = ()
    exact: bool = False

    def index(self, name: str) -> tuple[float, float]:
        """``(first, total)`` index of one assumption."""
        try:
            i = self.names.index(name)
        except ValueError:
            raise ParameterError(f"{name!r} was not varied; varied: {list(self.names)}") from None
        return self.first[i], self.total[i]

    def ranking(self) -> tuple[str, ...]:
        """Names by decreasing total index (the most influential first)."""
        order = sorted(range(len(self.names)),
                       key=lambda i: (-_nan_low(self.total[i]), self.names[i]))
        return tuple(self.names[i] for i in order)

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (NaN written as None); see :meth:`from_json_dict`."""
        def clean(xs: Sequence[float]) -> list[float | None]:
            return [None if math.isnan(x) else x for x in xs]

        return {
            "names": list(self.names), "first": clean(self.first),
            "first_conf": clean(self.first_conf), "total": clean(self.total),
            "total_conf": clean(self.total_conf), "n": self.n,
            "evaluations": self.evaluations, "seed": self.seed,
            "confidence": self.confidence, "variance": self.variance, "method": self.method,
            "calibration": self.calibration, "warnings": list(self.warnings),
            "exact": self.exact,
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> SobolResult:
        """Inverse of :meth:`to_json_dict`."""
        d = dict(data)
        for key in ("first", "first_conf", "total", "total_conf"):
            d[key] = tuple(math.nan if x is None else float(x) for x in d[key])
        d["names"] = tuple(d["names"])
        d["warnings"] = tuple(d["warnings"])
        return cls(**d)

    def table(self) -> list[dict[str, Any]]:
        """One row per assumption, most influential first (for the paper)."""
        rows = []
        for name in self.ranking():
            i = self.names.index(name)
            rows.append({"parameter": name, "first": self.first[i],
                         "first_conf": self.first_conf[i], "total": self.total[i],
                         "total_conf": self.total_conf[i]})
        return rows

    def latex(self, caption_names: Mapping[str, str] | None = None) -> str:
        r"""A booktabs ``tabular`` of the indices, ``\pm`` the interval half-widths."""
        names = dict(caption_names or {})
        lines = [r"\begin{tabular}{lrr}", r"\toprule",
                 r"assumption & first-order $S_1$ & total $S_T$ \\", r"\midrule"]
        for row in self.table():
            label = names.get(row["parameter"], r"\texttt{" + _tex(row["parameter"]) + "}")
            lines.append(f"{label} & {_pm(row['first'], row['first_conf'])} & "
                         f"{_pm(row['total'], row['total_conf'])} \\\\")
        lines += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(lines) + "\n"


def _nan_low(x: float) -> float:
    return -math.inf if math.isnan(x) else x


def _tex(text: str) -> str:
    return text.replace("_", r"\_")


def _pm(value: float, half: float) -> str:
    if math.isnan(value):
        return "n/a"
    return f"${value:.2f} \\pm {half:.2f}$"


def shares_latex(estimates: Mapping[str, ShareEstimate]) -> str:
    r"""A booktabs ``tabular``: per verdict, its share and Wilson interval.

    >>> e = ShareEstimate(0.25, 0.2, 0.3, 4000, 0, ("patience",), "Monte Carlo")
    >>> print(shares_latex({"big deal": e}).splitlines()[4])
    big deal & 25.0\% & [20.0\%, 30.0\%] & 4000 & 1 \\
    """
    lines = [r"\begin{tabular}{lrcrr}", r"\toprule",
             r"verdict & share & 95\% interval & draws & assumptions \\", r"\midrule"]
    for label, e in estimates.items():
        lines.append(f"{label} & {100 * e.share:.1f}\\% & "
                     f"[{100 * e.low:.1f}\\%, {100 * e.high:.1f}\\%] & {e.draws} & "
                     f"{len(e.names)} \\\\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------- shared steps
def _names(calibration: Any, names: Iterable[Any] | None, *, need_width: bool) -> tuple[str, ...]:
    if not hasattr(calibration, "range_of") or not hasattr(calibration, "assumptions"):
        raise ParameterError(
            f"a calibration (gametheory.models.calibration.Calibration) is needed, "
            f"got {type(calibration).__name__}"
        )
    if names is None:
        chosen = tuple(n for n in calibration.assumptions
                       if not need_width or _width(calibration, n) > 0)
    else:
        chosen = tuple(n.name if isinstance(n, sp.Symbol) else str(n) for n in names)
        if isinstance(names, str):
            raise ParameterError(f"names must be a list of names, got the string {names!r}")
    if not chosen:
        raise ParameterError(f"calibration {calibration.name}: no assumption to vary")
    if len(set(chosen)) != len(chosen):
        raise ParameterError(f"names repeat: {list(chosen)}")
    for n in chosen:
        if n not in calibration:
            raise ParameterError(
                f"calibration {calibration.name} has no parameter {n!r}; its assumptions "
                f"are {list(calibration.assumptions)}"
            )
        if need_width and _width(calibration, n) <= 0:
            raise ParameterError(
                f"calibration {calibration.name}: {n!r} has the single value "
                f"{calibration[n]}, so it has no Sobol' index; leave it out of names"
            )
    return chosen


def _width(calibration: Any, name: str) -> float:
    low, high = calibration.range_of(name)
    return float(high - low)


def _bounds(calibration: Any, names: Sequence[str]) -> np.ndarray:
    return np.array([[float(v) for v in calibration.range_of(n)] for n in names], dtype=float)


def _base(calibration: Any) -> dict[str, float]:
    return {s.name: float(v) for s, v in calibration.values.items()}


def _is_vectorised(function: Callable[..., Any], flag: bool | None) -> bool:
    return bool(getattr(function, "vectorised", False)) if flag is None else bool(flag)


def _evaluate(function: Callable[..., Any], base: Mapping[str, float], names: Sequence[str],
              points: np.ndarray, vector: bool, kind: type) -> np.ndarray:
    """The function on each row of ``points`` (columns in the order of ``names``)."""
    m = points.shape[0]
    if vector:
        args: dict[str, Any] = {k: np.full(m, v) for k, v in base.items()}
        for j, n in enumerate(names):
            args[n] = points[:, j]
        out = np.asarray(function(args))
        try:
            return np.broadcast_to(out, (m,)).astype(kind)
        except ValueError:
            raise ParameterError(
                f"a vectorised function must return one value per draw ({m}), "
                f"got shape {out.shape}"
            ) from None
    result: np.ndarray = np.empty(m, dtype=kind)
    point = dict(base)
    for i in range(m):
        for j, n in enumerate(names):
            point[n] = float(points[i, j])
        result[i] = kind(function(dict(point)))
    return result


def wilson_bounds(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval (Wilson 1927), with the normal quantile from the standard
    library (importing scipy.stats costs seconds; the bounds are the same formula as
    :func:`gametheory.analysis.robustness.wilson_interval`)."""
    from statistics import NormalDist

    if n <= 0:
        raise ParameterError("a confidence interval needs at least one draw")
    if not 0 < confidence < 1:
        raise ParameterError(f"confidence must lie in (0, 1), got {confidence}")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _saltelli_estimates(
    y: np.ndarray, k: int, confidence: float, rng: np.random.Generator, resamples: int = 100
) -> tuple[tuple[float, ...], ...]:
    """First-order and total indices with bootstrap half-widths, as SALib's
    ``sobol.analyze`` computes them (Saltelli et al. 2010, Table 2 (b) and (f)), but with
    a seeded Generator: SALib seeds numpy's global state, and not at all for seed 0."""
    from statistics import NormalDist

    y = (y - y.mean()) / y.std()
    step = k + 2
    a, b = y[0::step], y[step - 1::step]
    ab = np.stack([y[j + 1::step] for j in range(k)], axis=1)

    def indices(a: np.ndarray, ab: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        var = np.var(np.concatenate([a, b], axis=0), axis=0)
        s1 = np.mean(b[..., None] * (ab - a[..., None]), axis=0) / var[..., None]
        st = 0.5 * np.mean((a[..., None] - ab) ** 2, axis=0) / var[..., None]
        return s1, st

    s1, st = indices(a, ab, b)
    r = rng.integers(len(a), size=(len(a), resamples))
    bs1, bst = indices(a[r], ab[r], b[r])  # resample axis last but one: (resamples, k)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    return (tuple(float(x) for x in s1), tuple(float(x) for x in z * bs1.std(axis=0, ddof=1)),
            tuple(float(x) for x in st), tuple(float(x) for x in z * bst.std(axis=0, ddof=1)))


def _chunks(m: int, size: int) -> list[tuple[int, int]]:
    return [(a, min(a + size, m)) for a in range(0, m, size)]


# ---------------------------------------------------------------------------- Monte Carlo
def monte_carlo_share(
    verdict: Callable[[dict[str, Any]], Any],
    calibration: Any,
    names: Iterable[Any] | None = None,
    draws: int = 4000,
    seed: int = 0,
    confidence: float = 0.95,
    backend: str = "numpy",
    *,
    vectorised: bool | None = None,
    chunk_size: int = 1000,
    scheduler: str | None = "threads",
) -> ShareEstimate:
    """Share of the assumption space in which a verdict holds, with a Wilson interval.

    Parameters
    ----------
    verdict
        ``verdict(values) -> bool``, ``values`` a dict from parameter name to float; or,
        if vectorised, a dict from name to array returning a boolean array.
    calibration
        The :class:`~gametheory.models.calibration.Calibration` that gives the ranges
        (``calibration.range_of(name)``) and the values of the parameters not drawn.
    names
        Assumptions to draw (names or symbols), uniformly and independently over their
        ranges; by default every assumption of the calibration. Draws are a
        ``(draws, len(names))`` matrix from ``numpy.random.default_rng(seed)``, columns
        in the order of ``names``.
    draws, seed
        Number of draws and the seed that reproduces them.
    confidence
        Level of the Wilson score interval.
    backend
        ``"numpy"`` (in process) or ``"dask"`` (the same draws, evaluated in chunks of
        ``chunk_size`` as ``dask.delayed`` tasks on ``scheduler``); both give the same share.
    vectorised
        Override the ``vectorised`` attribute of ``verdict``.

    Returns
    -------
    ShareEstimate

    Examples
    --------
    >>> from gametheory.models.calibration import DPRK_2019
    >>> @vectorised
    ... def verdict(v):
    ...     return v["patience"] * v["war_cost_us"] > 1
    >>> a = monte_carlo_share(verdict, DPRK_2019, ["patience", "war_cost_us"], seed=3)
    >>> b = monte_carlo_share(verdict, DPRK_2019, ["patience", "war_cost_us"], seed=3,
    ...                       backend="dask", scheduler="synchronous")
    >>> a.share == b.share, a.draws
    (True, 4000)
    """
    if not isinstance(draws, int | np.integer) or isinstance(draws, bool) or draws < 1:
        raise ParameterError(f"monte_carlo_share: draws must be a positive integer, got {draws!r}")
    if not isinstance(seed, int | np.integer) or isinstance(seed, bool):
        raise ParameterError(f"monte_carlo_share: seed must be an integer, got {seed!r}")
    if backend not in ("numpy", "dask"):
        raise ParameterError(f"monte_carlo_share: backend must be 'numpy' or 'dask', got {backend!r}")
    if not callable(verdict):
        raise ParameterError(f"monte_carlo_share: verdict must be callable, got {verdict!r}")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ParameterError(f"monte_carlo_share: chunk_size must be a positive integer, got {chunk_size!r}")
    chosen = _names(calibration, names, need_width=False)
    bounds = _bounds(calibration, chosen)
    rng = np.random.default_rng(int(seed))
    u = rng.random((int(draws), len(chosen)))
    points = bounds[:, 0] + u * (bounds[:, 1] - bounds[:, 0])
    base = _base(calibration)
    vector = _is_vectorised(verdict, vectorised)
    if backend == "numpy":
        holds = int(np.count_nonzero(_evaluate(verdict, base, chosen, points, vector, bool)))
        how = "in process"
    else:
        import dask

        task = dask.delayed(lambda block: int(np.count_nonzero(
            _evaluate(verdict, base, chosen, block, vector, bool))), pure=True)
        counts = dask.compute(*[task(points[a:b]) for a, b in _chunks(int(draws), chunk_size)],
                              scheduler=scheduler)
        holds = int(sum(counts))
        how = f"Dask, chunks of {chunk_size}"
    low, high = wilson_bounds(holds, int(draws), confidence)
    return ShareEstimate(
        share=holds / int(draws), low=low, high=high, draws=int(draws), seed=int(seed),
        names=chosen,
        method=f"Monte Carlo, uniform over the plausible ranges ({how}); Wilson score interval",
        confidence=confidence, holds=holds, calibration=getattr(calibration, "name", ""),
        ranges={n: tuple(str(v) for v in calibration.range_of(n)) for n in chosen},  # type: ignore[misc]
    )


# ------------------------------------------------------------------------------- Sobol'
def sobol_indices(
    output: Callable[[dict[str, Any]], Any],
    calibration: Any,
    names: Iterable[Any] | None = None,
    n: int = 1024,
    seed: int = 0,
    *,
    confidence: float = 0.95,
    vectorised: bool | None = None,
) -> SobolResult:
    """First-order and total Sobol' indices of a continuous output over the assumptions.

    Parameters
    ----------
    output
        ``output(values) -> float``, ``values`` a dict from name to float (or arrays, if
        vectorised): a continuous margin of a verdict, such as the slack of its
        inequality, rather than the 0/1 verdict itself.
    calibration
        Gives the ranges and the values of the parameters not varied.
    names
        Assumptions to vary, each with a range of positive width; by default every
        assumption of the calibration whose range has positive width.
    n
        Base sample size, a power of two; the output is evaluated ``n * (len(names) + 2)``
        times (no second-order indices).
    seed
        Seed of the scrambled Sobol' sequence and of the bootstrap.
    confidence
        Level of the bootstrap intervals.

    Returns
    -------
    SobolResult

    Examples
    --------
    An additive output: each index is the share of the variance its term carries
    (Saltelli et al. 2008, *Global Sensitivity Analysis: The Primer*, section 1.2.3).

    >>> from gametheory.models.calibration import DPRK_2019
    >>> @vectorised
    ... def margin(v):
    ...     return v["war_cost_us"] + 0.1 * v["war_cost_dprk"]
    >>> r = sobol_indices(margin, DPRK_2019, ["war_cost_us", "war_cost_dprk"], n=512)
    >>> r.ranking()[0], round(r.index("war_cost_us")[0], 1)
    ('war_cost_us', 1.0)
    """
    from SALib.sample import sobol as sobol_sample

    if not isinstance(n, int | np.integer) or n < 2 or (int(n) & (int(n) - 1)):
        raise ParameterError(f"sobol_indices: n must be a power of two (at least 2), got {n!r}")
    if not 0 < confidence < 1:
        raise ParameterError(f"sobol_indices: confidence must lie in (0, 1), got {confidence}")
    if not callable(output):
        raise ParameterError(f"sobol_indices: output must be callable, got {output!r}")
    chosen = _names(calibration, names, need_width=True)
    bounds = _bounds(calibration, chosen)
    problem = {"num_vars": len(chosen), "names": list(chosen), "bounds": bounds.tolist()}
    points = sobol_sample.sample(problem, int(n), calc_second_order=False, scramble=True,
                                 seed=int(seed))
    values = _evaluate(output, _base(calibration), chosen, points,
                       _is_vectorised(output, vectorised), float)
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        where = dict(zip(chosen, points[bad[0]].tolist(), strict=True))
        raise ParameterError(f"sobol_indices: the output is not finite at {where}")
    variance = float(np.var(values))
    warnings: list[str] = []
    k = len(chosen)
    if variance == 0.0:
        nan = (math.nan,) * k
        warnings.append("the output is constant over the ranges: Sobol' indices are undefined")
        first = first_conf = total = total_conf = nan
    else:
        first, first_conf, total, total_conf = _saltelli_estimates(
            values, k, confidence, np.random.default_rng(int(seed)))
        if any(x < -c for x, c in zip(first, first_conf, strict=True)):
            warnings.append("a first-order index is negative beyond its interval: "
                            "increase n")
    return SobolResult(
        names=chosen, first=first, first_conf=first_conf, total=total,
        total_conf=total_conf, n=int(n), evaluations=int(points.shape[0]), seed=int(seed),
        confidence=confidence, variance=variance,
        calibration=getattr(calibration, "name", ""), warnings=tuple(warnings),
    )
