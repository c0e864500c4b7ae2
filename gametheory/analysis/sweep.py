"""Parameter sweeps: classify a piecewise answer over a grid, compiled once to numpy.

A researcher's question is rarely "what is the equilibrium here?" but "where in
parameter space does it hold?". :func:`sweep` answers it by substituting the fixed
parameters exactly, compiling every condition of the answer once to numpy
(:func:`gametheory.symbolic.compile_expr`) and evaluating the conditions on whole
arrays, chunk by chunk so that memory stays bounded whatever the grid.

A point where several categories hold at once gets the *set* of them as its
category (``"A & B"``); a point on a tie is flagged in ``boundary``: a boundary piece
holds there, or a piece holds whose own threshold (``lhs - rhs`` of one of its
relations) is exactly zero there. No point is assigned to one side of a tie
arbitrarily. On a float grid, exact zeros are seen only where the grid hits the
threshold exactly (grids of dyadic fractions such as multiples of 1/4 do).

Answers without a closed form (any Python function of the parameters returning a
category or a number) are solved point by point, over local processes when that
pays, with a progress bar for anything taking more than a couple of seconds.

Layout: :mod:`~gametheory.analysis.grid` (axes, fixed values), :mod:`~gametheory.analysis.sweep_plan`
(compilation), :mod:`~gametheory.analysis.executor` (backends, progress bar, memory guard),
:mod:`~gametheory.analysis.sweep_result` (the result); this module is the front.

Examples
--------
>>> import numpy as np, sympy as sp
>>> from gametheory.solve.results import Piece, PiecewiseAnswer
>>> x = sp.Symbol("x_sweep_doc", real=True)
>>> ans = PiecewiseAnswer("demo", (Piece(x >= 0, "up", "up"), Piece(x <= 0, "down", "down")), (x,))
>>> res = sweep(ans, x_sweep_doc=np.array([-1.0, 0.0, 2.0]))
>>> [res.label_at(i) for i in range(3)], res.boundary.tolist()
(['down', 'up & down', 'up'], [False, True, False])
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError
from ..solve.results import PiecewiseAnswer
from .executor import BACKENDS, backend_note, require_memory, run_chunks
from .grid import function_parameters as function_parameters  # robustness imports it from here
from .pointwise import sweep_function
from .sweep_plan import LabelSetCoder, SweepPlan, evaluate_chunk, plan_sweep
from .sweep_result import NO_PIECE, SweepResult

__all__ = ["sweep", "SweepResult", "SweepPlan", "NO_PIECE"]

_DEFAULT_CHUNK = 1_000_000


def sweep(
    answer: Any,
    *,
    values: Mapping[Any, Any] | None = None,
    chunk_size: int = _DEFAULT_CHUNK,
    backend: str | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
    max_bytes: int | None = None,
    **axes: Any,
) -> SweepResult:
    """Classify an answer over a grid of parameter values.

    Parameters
    ----------
    answer
        A :class:`~gametheory.solve.results.PiecewiseAnswer` (from ``gt.pure_nash``,
        ``gt.spe``, ...); a sympy relation or condition (categories ``"holds"`` and
        ``"fails"``); a sympy expression (a number per point, in ``values``); or a
        Python function of the parameters (keyword arguments) returning a category
        (str or bool) or a number, solved point by point.
    values
        Values of the parameters not on an axis (by name or symbol). Parameters
        neither on an axis nor here take their declared default
        (:func:`~gametheory.symbolic.parameter_info`); a parameter with neither is an
        error. Values of parameters the answer does not use are ignored, with a warning.
    chunk_size
        Grid points evaluated at once; bounds the memory used.
    backend
        ``"numpy"`` (in-process; default for compiled answers), ``"processes"``
        (local process pool; default for functions, when the sweep takes more than a
        couple of seconds) or ``"dask"`` (a Dask cluster; see
        :mod:`gametheory.analysis.distributed`).
    scheduler
        For ``backend="dask"``: a scheduler address, a ``distributed.Client``, or
        None for a local cluster.
    progress
        Show a tqdm progress bar; None shows one when the sweep will take more than
        about two seconds.
    max_bytes
        The most memory the sweep may allocate for its result and one chunk's work
        (default :data:`~gametheory.analysis.executor.MAX_RESULT_BYTES`, 2 GiB). The
        estimate is made before anything is allocated; a larger grid is refused.
    **axes
        ``name=1-D array`` per swept parameter; the grid is their Cartesian product,
        with array dimensions in the order given.

    Returns
    -------
    SweepResult

    Raises
    ------
    ParameterError
        For an axis the answer does not know, a parameter without a value, a value
        outside the parameter's bounds, or an empty axis; and for a grid whose result
        would need more than ``max_bytes`` (the message gives the estimate).
    """
    if not axes:
        raise ParameterError("sweep needs at least one axis, e.g. sweep(answer, delta=np.linspace(0, 1, 101))")
    if backend is not None and backend not in BACKENDS:
        raise ParameterError(f"unknown backend {backend!r}; expected one of {list(BACKENDS)}")
    if not isinstance(chunk_size, int | np.integer) or chunk_size < 1:
        raise ParameterError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    if callable(answer) and not isinstance(answer, sp.Basic | PiecewiseAnswer):
        return sweep_function(
            answer,
            values or {},
            axes,
            backend=backend,
            progress=progress,
            chunk_size=int(chunk_size),
            scheduler=scheduler,
            max_bytes=max_bytes,
        )
    plan, fixed, notes, exact_answer, method = plan_sweep(answer, values or {}, axes)
    chunk = min(int(chunk_size), plan.size)
    per_point = 4 + 1 + (8 if plan.numeric is not None else 0)  # codes, tie flags, values
    working = chunk * 8 * (len(plan.pieces) + len(plan.zeros) + len(plan.labels) + 3)
    require_memory(
        plan.size * per_point + working, max_bytes, f"a sweep over {plan.size:,} grid points",
        "use coarser axes, sweep the ranges in parts (fixing an axis in values=), or raise "
        "max_bytes",
    )
    return run_plan(
        plan,
        fixed,
        notes,
        exact=exact_answer,
        method=method,
        chunk_size=int(chunk_size),
        backend=backend or "numpy",
        scheduler=scheduler,
        progress=progress,
    )


def run_plan(
    plan: SweepPlan,
    fixed: Mapping[str, Any],
    notes: list[str],
    *,
    exact: bool,
    method: str,
    chunk_size: int,
    backend: str,
    scheduler: Any = None,
    progress: bool | None = None,
) -> SweepResult:
    """Evaluate a plan chunk by chunk on a backend and assemble the result."""
    size, shape = plan.size, plan.shape
    bounds = plan.bounds(chunk_size)
    coder = LabelSetCoder(plan.labels)
    codes = np.empty(size, dtype=np.int32)
    edge = np.empty(size, dtype=bool)
    vals = np.empty(size, dtype=float) if plan.numeric is not None else None

    def store(start: int, stop: int, out: tuple[np.ndarray, np.ndarray, Any]) -> None:
        keys, b, v = out
        codes[start:stop] = coder.encode(keys) if plan.labels else -1
        edge[start:stop] = b
        if vals is not None:
            vals[start:stop] = v

    t0 = time.perf_counter()
    plan.compiled()  # in this process too: the coder and any serial chunks use it
    for start, stop, out in run_chunks(
        evaluate_chunk, plan, bounds, backend=backend, scheduler=scheduler, progress=progress
    ):
        store(start, stop, out)
    method += backend_note(backend, len(bounds))
    warnings = list(notes)
    if plan.labels and NO_PIECE in coder.categories:
        n = int(np.count_nonzero(codes == coder.categories.index(NO_PIECE)))
        warnings.append(f"{n} grid points where no piece of the answer holds (category {NO_PIECE!r})")
    n_edge = int(np.count_nonzero(edge))
    if n_edge:
        warnings.append(f"{n_edge} grid points lie on a boundary (a tie); see result.boundary")
    return SweepResult(
        axes=tuple(zip(plan.names, plan.axes)),
        fixed=dict(fixed),
        categories=tuple(coder.categories) if plan.labels else (),
        category_sets=tuple(coder.sets) if plan.labels else (),
        codes=codes.reshape(shape),
        boundary=edge.reshape(shape),
        conditions=dict(zip(plan.labels, plan.conditions)),
        boundaries=plan.zeros,
        symbols=plan.symbols,
        values=vals.reshape(shape) if vals is not None else None,
        method=method,
        exact=exact,
        warnings=tuple(warnings),
        extra={"chunks": len(bounds), "seconds": time.perf_counter() - t0},
    )
