"""The grid of a sweep: validated axes, the fixed values of the other parameters, chunks.

Shared by the compiled sweep (:mod:`gametheory.analysis.sweep_plan`), the point-by-point
sweep (:mod:`gametheory.analysis.pointwise`) and :func:`~gametheory.analysis.robustness`.

Examples
--------
>>> names, arrays = check_axes({"x": [0, 1, 2]}, None)
>>> names, arrays[0].tolist(), chunk_bounds(5, 2)
(('x',), [0.0, 1.0, 2.0], [(0, 2), (2, 4), (4, 5)])
"""

from __future__ import annotations

import inspect
import pickle
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError
from ..symbolic import declared_parameters, parameter_info

__all__ = [
    "check_axes",
    "chunk_bounds",
    "fixed_values",
    "function_parameters",
    "is_picklable",
    "resolve_fixed",
]


def check_axes(
    axes: Mapping[str, Any], known: Mapping[str, Any] | None
) -> tuple[tuple[str, ...], tuple[np.ndarray, ...]]:
    """Validate axis arrays (1-D, non-empty, finite, inside each parameter's bounds)."""
    names, arrays = [], []
    for name, raw in axes.items():
        if known is not None and name not in known:
            raise ParameterError(
                f"cannot sweep {name!r}: the answer does not depend on it; "
                f"its parameters are {sorted(known)}"
            )
        try:
            arr = np.asarray(raw, dtype=float)
        except (TypeError, ValueError):
            raise ParameterError(f"axis {name!r}: expected a 1-D array of numbers") from None
        if arr.ndim != 1 or arr.size == 0:
            raise ParameterError(f"axis {name!r}: expected a non-empty 1-D array, got shape {arr.shape}")
        if not np.all(np.isfinite(arr)):
            raise ParameterError(f"axis {name!r}: contains a non-finite value")
        sym = known[name] if known is not None else None
        info = parameter_info(sym if sym is not None else name) if (sym is not None or _declared(name)) else None
        if info is not None:
            low, high, low_in, high_in = info.bounds
            bad = np.zeros(arr.shape, dtype=bool)
            if low is not None:
                bad |= (arr < float(low)) | ((arr == float(low)) & (not low_in))
            if high is not None:
                bad |= (arr > float(high)) | ((arr == float(high)) & (not high_in))
            if bad.any():
                raise ParameterError(
                    f"axis {name!r}: value {arr[bad][0]!r} lies outside the bounds of a "
                    f"{info.kind} parameter"
                )
        names.append(name)
        arrays.append(arr)
    return tuple(names), tuple(arrays)


def _declared(name: str) -> bool:
    return name in declared_parameters()


def resolve_fixed(
    parameters: Sequence[sp.Symbol], axis_names: Sequence[str], values: Mapping[Any, Any]
) -> tuple[dict[sp.Symbol, sp.Expr], list[str]]:
    """Values of the parameters not on an axis: given, else declared default, else error."""
    by_name = {s.name: s for s in parameters}
    fixed, notes = fixed_values(
        list(by_name), axis_names, values, accepted=set(by_name),
        info=lambda name: parameter_info(by_name[name]), what="the answer does not use",
    )
    return {by_name[name]: v for name, v in fixed.items()}, notes


def fixed_values(
    required: Sequence[str],
    axis_names: Sequence[str],
    values: Mapping[Any, Any],
    accepted: set[str] | None,
    info: Callable[[str], Any | None],
    what: str,
) -> tuple[dict[str, Any], list[str]]:
    """The fixed values of a sweep, by name: each ``values`` entry (keyed by symbol or
    name) checked against its parameter's declaration (``info(name)``, ``None`` if
    undeclared), and every ``required`` name not on an axis given, else its declared
    default, else a :class:`~gametheory.errors.ParameterError` naming what is missing.
    Entries outside ``accepted`` (``None``: anything goes) are dropped with a note
    that they are parameters ``what`` ("the function does not take")."""
    given = {(k.name if isinstance(k, sp.Symbol) else str(k)): v for k, v in values.items()}
    clash = sorted(set(given) & set(axis_names))
    if clash:
        raise ParameterError(f"parameter(s) {clash} are both on an axis and given a fixed value")
    notes = []
    if accepted is not None:
        unused = sorted(set(given) - accepted)
        if unused:
            notes.append(f"values for parameters {what} were ignored: {unused}")
            given = {k: v for k, v in given.items() if k in accepted}
    fixed: dict[str, Any] = {}
    for name, v in given.items():
        declared = info(name)
        fixed[name] = declared.check(v) if declared is not None else v
    missing = []
    for name in required:
        if name in axis_names or name in fixed:
            continue
        declared = info(name)
        if declared is not None and declared.default is not None:
            fixed[name] = declared.default
        else:
            missing.append(name)
    if missing:
        raise ParameterError(
            f"no value for parameter(s) {missing}: put them on an axis, give them in "
            f"values={{...}}, or declare a default"
        )
    return fixed, notes


def chunk_bounds(size: int, chunk_size: int) -> list[tuple[int, int]]:
    """Flat index ranges covering ``size`` points, ``chunk_size`` at a time."""
    return [(s, min(s + chunk_size, size)) for s in range(0, size, chunk_size)]


def function_parameters(fn: Callable[..., Any]) -> tuple[dict[str, Any] | None, list[str]]:
    """The keyword parameters a function accepts (None if it takes ``**kwargs``), and
    those without a default."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None, list[str]()
    accepted: dict[str, Any] = {}
    required: list[str] = []
    for p in sig.parameters.values():
        if p.kind is p.VAR_KEYWORD:
            return None, required
        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
            accepted[p.name] = None
            if p.default is p.empty:
                required.append(p.name)
    return accepted, required


def is_picklable(obj: Any) -> bool:
    """Whether ``obj`` can be sent to a worker process."""
    try:
        pickle.dumps(obj)
    except Exception:  # noqa: BLE001 - any failure means "cannot ship to a worker"
        return False
    return True
