"""The numeric fallback of :func:`~gametheory.analysis.sweep`: solve point by point.

For answers with no closed form, a Python function of the parameters (keyword
arguments) returning a category (str, or bool for a claim) or a number is called at
every grid point. Points are split into batches run over local processes
(:mod:`concurrent.futures`) when the sweep would take more than a couple of seconds
and the function can be sent to a worker (a module-level function, not a lambda);
a tqdm progress bar shows then.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError, SolverError
from ..symbolic import declared_parameters
from .executor import backend_note, require_memory, run_chunks
from .grid import check_axes, chunk_bounds, fixed_values, function_parameters, is_picklable
from .sweep_result import SweepResult

__all__ = ["PointGrid", "evaluate_points", "sweep_function"]

_PROBE_SECONDS = 0.25
_PARALLEL_AFTER = 2.0


_BYTES_PER_POINT = 64  # a Python result in a list, its code and value in the arrays


@dataclass(frozen=True)
class PointGrid:
    """What a worker needs to solve points: the function, the axes and fixed values."""

    fn: Callable[..., Any]
    names: tuple[str, ...]
    axes: tuple[np.ndarray, ...]
    fixed: Mapping[str, Any]


def evaluate_points(grid: PointGrid, start: int, stop: int) -> list[Any]:
    """Call the function at flat grid indices ``start..stop``; module-level so workers
    can run it."""
    shape = tuple(len(a) for a in grid.axes)
    idx = np.unravel_index(np.arange(start, stop), shape)
    out = []
    for k in range(stop - start):
        point = {n: float(a[i[k]]) for n, a, i in zip(grid.names, grid.axes, idx)}
        point.update(grid.fixed)
        try:
            out.append(grid.fn(**point))
        except Exception as exc:  # the point is named; the cause is chained
            raise SolverError(f"the function failed at {point}: {exc}") from exc
    return out


def _fixed_values(
    accepted: Mapping[str, Any] | None,
    required: list[str],
    names: tuple[str, ...],
    values: Mapping[Any, Any],
) -> tuple[dict[str, Any], list[str]]:
    declared = declared_parameters()
    return fixed_values(
        required, names, values, accepted=None if accepted is None else set(accepted),
        info=declared.get, what="the function does not take",
    )


def sweep_function(
    fn: Callable[..., Any],
    values: Mapping[Any, Any],
    axes: Mapping[str, Any],
    *,
    backend: str | None,
    progress: bool | None,
    chunk_size: int,
    scheduler: Any = None,
    max_bytes: int | None = None,
) -> SweepResult:
    """Sweep a Python function point by point (see :func:`~gametheory.analysis.sweep`)."""
    accepted, required = function_parameters(fn)
    names, arrays = check_axes(axes, {n: None for n in accepted} if accepted is not None else None)
    fixed, notes = _fixed_values(accepted, required, names, values)
    size = int(np.prod([len(a) for a in arrays], dtype=np.int64))
    require_memory(
        size * _BYTES_PER_POINT, max_bytes, f"a point-by-point sweep over {size:,} grid points",
        "use coarser axes, sweep the ranges in parts, or give a closed-form answer "
        "(a PiecewiseAnswer or sympy condition) that compiles to numpy",
    )
    grid = PointGrid(fn, names, arrays, fixed)
    notes = list(notes)
    if backend in ("processes", "dask") and not is_picklable(fn):
        if backend == "dask":
            raise ParameterError(
                "the Dask backend needs a function it can send to workers (a module-level "
                "function, not a lambda or closure)"
            )
        notes.append(
            "the function cannot be sent to worker processes (a lambda or closure?); "
            "solved in this process instead"
        )
        backend = "numpy"
    t0 = time.perf_counter()
    # Probe serially: the first points tell how long the whole sweep would take.
    results: list[Any] = []
    while len(results) < size and time.perf_counter() - t0 < _PROBE_SECONDS:
        n = min(size - len(results), max(1, len(results)))
        results += evaluate_points(grid, len(results), len(results) + n)
    done = len(results)
    estimate = (time.perf_counter() - t0) / max(done, 1) * (size - done)
    workers = os.cpu_count() or 1
    if backend is None:
        backend = "processes" if estimate > _PARALLEL_AFTER and workers > 1 else "numpy"
    show = progress if progress is not None else estimate > _PARALLEL_AFTER
    method = "point by point"
    if backend == "processes" and not is_picklable(fn):
        backend = "numpy"
    batch = max(1, min(chunk_size, -(-(size - done) // (workers * 8)) if done < size else 1))
    bounds = [(done + a, done + b) for a, b in chunk_bounds(size - done, batch)]
    for _, _, part in run_chunks(evaluate_points, grid, bounds, backend=backend,
                                 scheduler=scheduler, progress=show,
                                 desc="sweep (point by point)"):
        results += part
    method += backend_note(backend, len(bounds))
    return _assemble(results, names, arrays, fixed, notes, method, t0)


def _assemble(
    results: list[Any],
    names: tuple[str, ...],
    arrays: tuple[np.ndarray, ...],
    fixed: Mapping[str, Any],
    notes: list[str],
    method: str,
    t0: float,
) -> SweepResult:
    shape = tuple(len(a) for a in arrays)
    kinds = {_kind(r) for r in results}
    if len(kinds) > 1:
        raise SolverError(
            f"the function returned a mix of {sorted(kinds)}; return categories (str), "
            "claims (bool) or numbers, not several of them"
        )
    kind = kinds.pop()
    codes = np.full(len(results), -1, dtype=np.int32)
    categories: list[str] = []
    values = None
    exact = True
    if kind == "number":
        values = np.array([float(r) for r in results], dtype=float).reshape(shape)
        exact = False
    else:
        if kind == "bool":
            categories = ["holds", "fails"]
            labels = ["holds" if r else "fails" for r in results]
        else:
            labels = list(results)
        index: dict[str, int] = {c: i for i, c in enumerate(categories)}
        for k, lab in enumerate(labels):
            if lab not in index:
                index[lab] = len(categories)
                categories.append(lab)
            codes[k] = index[lab]
    return SweepResult(
        axes=tuple(zip(names, arrays)),
        fixed=dict(fixed),
        categories=tuple(categories),
        category_sets=tuple((c,) for c in categories),
        codes=codes.reshape(shape),
        boundary=np.zeros(shape, dtype=bool),
        conditions={},
        values=values,
        method=method,
        exact=exact,
        warnings=tuple(notes),
        extra={"seconds": time.perf_counter() - t0},
    )


def _kind(value: Any) -> str:
    if isinstance(value, bool | np.bool_) or value is sp.true or value is sp.false:
        return "bool"
    if isinstance(value, str):
        return "category"
    if isinstance(value, int | float | np.integer | np.floating):
        return "number"
    if isinstance(value, sp.Expr) and value.is_number:
        return "number"
    raise SolverError(
        f"the function returned {type(value).__name__} {value!r}; a sweep needs a category "
        "(str), a claim (bool) or a number at each point"
    )
