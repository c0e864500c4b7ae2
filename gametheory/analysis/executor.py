"""Run a grid computation chunk by chunk: in this process, on local processes, or on Dask.

:func:`~gametheory.analysis.sweep` (compiled conditions) and its point-by-point path
(:mod:`gametheory.analysis.pointwise`) both hand their chunks to :func:`run_chunks`,
which owns the backends and the progress bar; :func:`require_memory` is the cost guard
both consult before they allocate a result.

Examples
--------
>>> def square_sum(shared, start, stop):
...     return sum(shared * k * k for k in range(start, stop))
>>> [out for _, _, out in run_chunks(square_sum, 1, [(0, 2), (2, 4)], backend="numpy")]
[1, 13]
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..errors import ParameterError
from .distributed import dask_map

__all__ = ["BACKENDS", "MAX_RESULT_BYTES", "backend_note", "require_memory", "run_chunks"]

BACKENDS = ("numpy", "processes", "dask")
"""Where chunks run: this process, a local process pool, a Dask cluster."""

MAX_RESULT_BYTES = 2 * 1024**3
"""Default limit on the memory a sweep may allocate for its result (2 GiB)."""

_SLOW_SECONDS = 2.0  # a run projected to take longer shows a progress bar


def require_memory(needed: int, limit: int | None, what: str, alternative: str) -> None:
    """Refuse, before allocating, a computation that would need more than ``limit`` bytes.

    Parameters
    ----------
    needed
        The estimate, in bytes.
    limit
        The limit (None: :data:`MAX_RESULT_BYTES`).
    what
        What needs the memory, said in the error (e.g. ``"a sweep over 10^9 points"``).
    alternative
        What to do instead, said in the error.

    Examples
    --------
    >>> require_memory(10**12, None, "a sweep over 10^11 points", "use a coarser grid")
    Traceback (most recent call last):
    ...
    gametheory.errors.ParameterError: a sweep over 10^11 points needs about 931.3 GiB, more than the limit of 2.0 GiB (max_bytes=); use a coarser grid
    """
    limit = MAX_RESULT_BYTES if limit is None else limit
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ParameterError(f"max_bytes must be a positive number of bytes, got {limit!r}")
    if needed > limit:
        raise ParameterError(
            f"{what} needs about {needed / 1024**3:.1f} GiB, more than the limit of "
            f"{limit / 1024**3:.1f} GiB (max_bytes=); {alternative}"
        )


def backend_note(backend: str, chunks: int) -> str:
    """What the result's ``method`` says about where the chunks ran.

    Examples
    --------
    >>> backend_note("processes", 4), backend_note("processes", 1)
    (', local process pool', '')
    """
    if backend == "dask":
        return ", Dask backend"
    if backend == "processes" and chunks > 1:
        return ", local process pool"
    return ""


def run_chunks(
    task: Callable[[Any, int, int], Any],
    shared: Any,
    bounds: Sequence[tuple[int, int]],
    *,
    backend: str,
    scheduler: Any = None,
    progress: bool | None = None,
    desc: str = "sweep",
) -> Iterator[tuple[int, int, Any]]:
    """Yield ``(start, stop, task(shared, start, stop))`` for each chunk, in order.

    Parameters
    ----------
    task
        A module-level function (workers import it by name) of the shared object and a
        flat index range.
    shared
        What every chunk needs (a compiled plan, a function and its grid); sent once
        to each worker.
    bounds
        The chunks' flat index ranges.
    backend
        One of :data:`BACKENDS`; ``"processes"`` with a single chunk runs in this process.
    scheduler
        For ``"dask"``: an address, a ``distributed.Client`` or None for a local cluster.
    progress
        Show a tqdm bar (counting points); None shows one when the run is projected to
        take more than about two seconds.
    desc
        The bar's label.

    Examples
    --------
    >>> def count(shared, start, stop):
    ...     return stop - start
    >>> list(run_chunks(count, None, [(0, 5), (5, 7)], backend="numpy", progress=False))
    [(0, 5, 5), (5, 7, 2)]
    """
    if backend not in BACKENDS:
        raise ParameterError(f"unknown backend {backend!r}; expected one of {list(BACKENDS)}")
    total = sum(b - a for a, b in bounds)
    bar = _bar(progress, total, desc)
    try:
        if backend == "dask":
            for (a, b), out in zip(bounds, dask_map(task, [(shared, a, b) for a, b in bounds], scheduler)):
                _advance(bar, b - a)
                yield a, b, out
        elif backend == "processes" and len(bounds) > 1:
            with ProcessPoolExecutor() as pool:
                futures = [pool.submit(task, shared, a, b) for a, b in bounds]
                for (a, b), fut in zip(bounds, futures):
                    out = fut.result()
                    _advance(bar, b - a)
                    yield a, b, out
        else:
            t0, done = time.perf_counter(), 0
            for a, b in bounds:
                out = task(shared, a, b)
                done += b - a
                if bar is None and progress is None and done < total:
                    if (time.perf_counter() - t0) / done * total > _SLOW_SECONDS:
                        bar = _bar(True, total, desc, initial=done - (b - a))
                _advance(bar, b - a)
                yield a, b, out
    finally:
        if bar is not None:
            bar.close()


def _bar(progress: bool | None, total: int, desc: str, initial: int = 0) -> Any:
    if not progress:
        return None
    from tqdm.auto import tqdm  # optional: only when a bar is shown

    return tqdm(total=total, initial=initial, unit="point", desc=desc)


def _advance(bar: Any, points: int) -> None:
    if bar is not None:
        bar.update(points)
