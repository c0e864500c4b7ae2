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

import inspect
import pickle
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from ..errors import ParameterError
from ..solve.results import PiecewiseAnswer, Result, number_to_json
from ..symbolic import exact, free_parameters, is_exact, parameter_info

__all__ = ["sweep", "SweepResult", "SweepPlan", "NO_PIECE"]

NO_PIECE = "(no piece holds)"
"""Category of points where no condition of the answer holds (for instance where a
formula divides by zero); counted in the result's warnings."""

_DEFAULT_CHUNK = 1_000_000
_BACKENDS = ("numpy", "processes", "dask")


# --------------------------------------------------------------------------- result


@dataclass(frozen=True, eq=False)
class SweepResult(Result):
    """A labelled sweep over a grid of parameter values.

    Attributes
    ----------
    axes
        ``(name, 1-D array)`` per grid axis, in the order of the array dimensions.
    fixed
        Exact values of the parameters not on an axis.
    categories
        Category labels; ``codes`` indexes into them. A category of several labels
        (they hold together) is written ``"A & B"``; its parts are in ``category_sets``.
    category_sets
        Per category, the tuple of base labels that hold there.
    codes
        Integer array of the grid's shape (``-1`` for numeric sweeps).
    boundary
        True where the point lies on a tie: a boundary piece holds there, or a piece
        holds whose own threshold is exactly zero there.
    conditions
        Base label -> the sympy condition (fixed values substituted) that defines it.
    boundaries
        The exact threshold expressions (fixed values substituted) in the axis symbols.
    symbols
        The sympy symbols of the axes, for plotting thresholds exactly.
    values
        For numeric sweeps, the array of values; else None.
    method, exact, warnings
        How the grid was evaluated; whether the answer and fixed values were exact
        (grid points themselves are float64); ties, uncovered points, fallbacks.
    """

    axes: tuple[tuple[str, np.ndarray], ...]
    fixed: Mapping[str, Any]
    categories: tuple[str, ...]
    category_sets: tuple[tuple[str, ...], ...]
    codes: np.ndarray
    boundary: np.ndarray
    conditions: Mapping[str, Any]
    boundaries: tuple[sp.Expr, ...] = ()
    symbols: tuple[sp.Symbol, ...] = ()
    values: np.ndarray | None = None
    method: str = ""
    exact: bool = True
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """The axis parameter names."""
        return tuple(name for name, _ in self.axes)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(a) for _, a in self.axes)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    def _code(self, label: str) -> int:
        if label not in self.categories:
            raise ParameterError(
                f"no category {label!r} in this sweep; categories are {list(self.categories)}"
            )
        return self.categories.index(label)

    def region(self, label: str) -> np.ndarray:
        """Boolean mask of the points whose category is exactly ``label``."""
        return self.codes == self._code(label)

    def holds(self, label: str) -> np.ndarray:
        """Boolean mask of the points where the base label ``label`` holds (alone or with others)."""
        known = {b for s in self.category_sets for b in s}
        if label not in known:
            raise ParameterError(
                f"no label {label!r} in this sweep; labels are {sorted(known)}"
            )
        hit = np.array([label in s for s in self.category_sets], dtype=bool)
        return hit[self.codes] if len(hit) else np.zeros(self.shape, dtype=bool)

    def share(self, label: str) -> float:
        """Share of grid points whose category is exactly ``label``."""
        return float(np.count_nonzero(self.region(label))) / self.size

    def counts(self) -> dict[str, int]:
        """Number of grid points per category."""
        n: Any = np.bincount(self.codes.ravel(), minlength=len(self.categories)) if self.categories else []
        return {c: int(k) for c, k in zip(self.categories, n)}

    def label_at(self, index: int | tuple[int, ...]) -> str:
        """The category at a grid index (flat or per axis)."""
        idx: Any = np.unravel_index(index, self.shape) if isinstance(index, int | np.integer) else index
        return self.categories[int(self.codes[tuple(idx)])]

    def point(self, index: int | tuple[int, ...]) -> dict[str, float]:
        """The parameter values (axes and fixed) at a grid index."""
        idx: Any = np.unravel_index(index, self.shape) if isinstance(index, int | np.integer) else index
        out: dict[str, Any] = {n: a[i] for (n, a), i in zip(self.axes, idx)}
        out.update(self.fixed)
        return out

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        """Summary as JSON-ready data: axes, fixed values, counts, conditions, warnings.

        ``limit`` caps the number of grid codes listed (default: none listed).
        """
        out: dict[str, Any] = {
            "axes": {n: [float(v) for v in a] for n, a in self.axes},
            "fixed": {k: number_to_json(v) for k, v in self.fixed.items()},
            "categories": list(self.categories),
            "counts": self.counts(),
            "boundary_points": int(np.count_nonzero(self.boundary)),
            "conditions": {k: str(v) for k, v in self.conditions.items()},
            "boundaries": [str(b) for b in self.boundaries],
            "method": self.method,
            "exact": self.exact,
            "warnings": list(self.warnings),
        }
        if limit:
            out["codes"] = self.codes.ravel()[:limit].tolist()
        if self.values is not None:
            finite = self.values[np.isfinite(self.values)]
            out["values"] = {
                "min": float(finite.min()) if finite.size else None,
                "max": float(finite.max()) if finite.size else None,
            }
        return out

    def __repr__(self) -> str:
        axes = ", ".join(f"{n}[{len(a)}]" for n, a in self.axes)
        lines = [f"SweepResult({axes}; {self.size} points; method={self.method!r})"]
        for c, k in self.counts().items():
            lines.append(f"  {c}: {k / self.size:.1%}")
        nb = int(np.count_nonzero(self.boundary))
        if nb:
            lines.append(f"  on a boundary: {nb} points")
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# ----------------------------------------------------------------------------- plan


@dataclass(frozen=True, eq=False)
class SweepPlan:
    """What every chunk evaluator needs: picklable, compiled lazily where it runs.

    ``labels`` are the base labels and ``conditions[i]`` the sympy condition of
    ``labels[i]`` (an Or of its pieces). Each piece has a condition, the index of its
    label, whether it is a boundary piece, and the indices in ``zeros`` of the
    thresholds (``lhs - rhs`` of its relations). A point is on a tie where a boundary
    piece holds, or where a piece holds with one of its own thresholds exactly zero.
    """

    names: tuple[str, ...]
    symbols: tuple[sp.Symbol, ...]
    axes: tuple[np.ndarray, ...]
    labels: tuple[str, ...]
    conditions: tuple[Any, ...]
    pieces: tuple[Any, ...]
    piece_label: tuple[int, ...]
    piece_boundary: tuple[bool, ...]
    piece_zeros: tuple[tuple[int, ...], ...]
    zeros: tuple[sp.Expr, ...]
    numeric: sp.Expr | None = None

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(a) for a in self.axes)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    def compiled(self) -> tuple[Callable[..., list[np.ndarray]], ...]:
        """One numpy function per group (piece conditions, thresholds, numeric value),
        each returning a list of arrays; compiled once per process."""
        cached = self.__dict__.get("_compiled")
        if cached is None:
            numeric = [self.numeric] if self.numeric is not None else []
            cached = tuple(
                compile_broadcasting(group, self.symbols)
                for group in (list(self.pieces), list(self.zeros), numeric)
            )
            object.__setattr__(self, "_compiled", cached)
        return cached

    def __getstate__(self) -> dict[str, Any]:
        # Compiled functions do not pickle; each worker compiles its own copy.
        return {k: v for k, v in self.__dict__.items() if k != "_compiled"}

    @property
    def inner(self) -> int:
        """Points per index of the first axis."""
        return int(np.prod(self.shape[1:], dtype=np.int64))

    def bounds(self, chunk_size: int) -> list[tuple[int, int]]:
        """Flat index ranges of the chunks: whole blocks of the first axis where they
        fit in ``chunk_size`` (so that the axes broadcast), flat ranges otherwise."""
        inner = self.inner
        step = (chunk_size // inner) * inner if 1 < inner <= chunk_size else chunk_size
        return chunk_bounds(self.size, step)

    def grid_chunk(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Axis values at flat indices ``start..stop`` (C order), without a full meshgrid.

        A chunk of whole blocks of the first axis gets broadcastable axis arrays
        (conditions on one parameter are then computed once per value, not per point).
        """
        inner = self.inner
        if inner > 1 and start % inner == 0 and stop % inner == 0:
            ndim = len(self.axes)
            out = {}
            for k, (n, a) in enumerate(zip(self.names, self.axes)):
                part = a[start // inner : stop // inner] if k == 0 else a
                shape = [1] * ndim
                shape[k] = len(part)
                out[n] = part.reshape(shape)
            return out
        idx = np.unravel_index(np.arange(start, stop, dtype=np.int64), self.shape)
        return {n: a[i] for n, a, i in zip(self.names, self.axes, idx)}

    def evaluate(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Label membership (bool, labels x points), boundary flags and numeric values."""
        conds, zeros, numeric = self.compiled()
        point = self.grid_chunk(start, stop)
        n = stop - start
        shape = np.broadcast_shapes(*(a.shape for a in point.values()))
        held = conds(**point)
        tight = [z == 0 for z in zeros(**point)]
        member = np.zeros((len(self.labels), n), dtype=bool)
        edge = np.zeros(shape, dtype=bool)
        for h, lab, on_edge, own in zip(held, self.piece_label, self.piece_boundary, self.piece_zeros):
            h = np.broadcast_to(h, shape)
            member[lab] |= h.ravel()
            if on_edge:
                edge |= h
            elif own:
                at_zero = tight[own[0]]
                for k in own[1:]:
                    at_zero = at_zero | tight[k]
                edge |= h & at_zero
        num = numeric(**point)
        values = np.broadcast_to(num[0], shape).ravel() if num else None
        return member, edge.ravel(), values


class _BroadcastPrinter(NumPyPrinter):
    # sympy prints And/Or as logical_and.reduce((a, b, ...)), which needs equal shapes;
    # nested binary calls broadcast, so one-parameter conditions stay one-dimensional.
    def _binary(self, fn: str, expr: Any) -> str:
        name = self._module_format(fn)
        args = [self._print(a) for a in expr.args]
        out = args[0]
        for a in args[1:]:
            out = f"{name}({out}, {a})"
        return out

    def _print_And(self, expr: Any) -> str:
        return self._binary("numpy.logical_and", expr)

    def _print_Or(self, expr: Any) -> str:
        return self._binary("numpy.logical_or", expr)


def compile_broadcasting(
    exprs: Sequence[Any], symbols: Sequence[sp.Symbol]
) -> Callable[..., list[np.ndarray]]:
    """Compile expressions or conditions into one numpy function returning a list of
    arrays, like :func:`~gametheory.symbolic.compile_expr` but for inputs of different,
    broadcastable shapes (a result may be smaller than the broadcast shape; callers
    broadcast it)."""
    missing = set(free_parameters(list(exprs))) - set(symbols)
    if missing:
        raise ParameterError("cannot compile: no value for " + ", ".join(sorted(s.name for s in missing)))
    names = [s.name for s in symbols]
    if not exprs:
        return lambda **values: []
    dummies = [sp.Dummy(n) for n in names]
    body = [e.xreplace(dict(zip(symbols, dummies))) for e in exprs]
    fn = sp.lambdify(dummies, body, modules="numpy", printer=_BroadcastPrinter)

    def compiled(**values: Any) -> list[np.ndarray]:
        arrays = [np.asarray(values[n], dtype=float) for n in names]
        with np.errstate(divide="ignore", invalid="ignore"):
            return [np.asarray(v) for v in fn(*arrays)]

    return compiled


def evaluate_chunk(plan: SweepPlan, start: int, stop: int) -> tuple[np.ndarray, np.ndarray, Any]:
    """Evaluate one chunk: ``(keys, boundary, values)``; keys encode the set of labels.

    A module-level function so that process pools and Dask workers can run it.
    """
    member, edge, values = plan.evaluate(start, stop)
    return membership_keys(member), edge, values


def membership_keys(member: np.ndarray) -> np.ndarray:
    """One key per point for the set of labels holding there (bits, or packed bytes)."""
    n_labels = member.shape[0]
    if n_labels <= 62:
        weights = np.left_shift(np.int64(1), np.arange(n_labels, dtype=np.int64))
        keys = np.zeros(member.shape[1], dtype=np.int64)
        for i in range(n_labels):
            keys[member[i]] += weights[i]
        return keys
    packed = np.ascontiguousarray(np.packbits(member, axis=0).T)
    return packed.view(np.dtype((np.void, packed.shape[1]))).ravel()


def _key_labels(key: Any, labels: Sequence[str]) -> tuple[str, ...]:
    if isinstance(key, np.void | bytes):
        raw = key.tobytes() if isinstance(key, np.void) else key
        bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8))[: len(labels)]
        return tuple(lab for lab, b in zip(labels, bits) if b)
    k = int(key)
    return tuple(lab for i, lab in enumerate(labels) if k >> i & 1)


class _Coder:
    """Turns label-set keys into category codes, in order of first appearance."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = tuple(labels)
        self.categories: list[str] = list(labels)
        self.sets: list[tuple[str, ...]] = [(lab,) for lab in labels]
        self.code_of: dict[Any, int] = {}
        for i in range(len(labels)):
            self.code_of[self._key_of((i,))] = i

    def _key_of(self, members: tuple[int, ...]) -> Any:
        row = np.zeros((len(self.labels), 1), dtype=bool)
        row[list(members), 0] = True
        key = membership_keys(row)[0]
        return key.tobytes() if isinstance(key, np.void) else int(key)

    def encode(self, keys: np.ndarray) -> np.ndarray:
        if keys.dtype == np.int64 and len(self.labels) <= 20:
            # Few labels: a dense table of all label sets beats sorting the keys.
            present = np.flatnonzero(np.bincount(keys, minlength=1 << len(self.labels)))
            first = np.array([int(np.argmax(keys == k)) for k in present], dtype=np.int64)
            table = np.empty(1 << len(self.labels), dtype=np.int32)
            table[present] = self._codes(present, first)
            return table[keys]
        uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        return self._codes(uniq, first)[inverse.ravel()]

    def _codes(self, uniq: np.ndarray, first: np.ndarray) -> np.ndarray:
        lookup = np.empty(len(uniq), dtype=np.int32)
        for j in np.argsort(first, kind="stable"):
            key = uniq[j]
            k = key.tobytes() if isinstance(key, np.void) else int(key)
            if k not in self.code_of:
                held = _key_labels(key, self.labels)
                self.code_of[k] = len(self.categories)
                self.categories.append(" & ".join(held) if held else NO_PIECE)
                self.sets.append(held)
            lookup[j] = self.code_of[k]
        return lookup


# ---------------------------------------------------------------------------- sweep


def sweep(
    answer: Any,
    *,
    values: Mapping[Any, Any] | None = None,
    chunk_size: int = _DEFAULT_CHUNK,
    backend: str | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
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
        outside the parameter's bounds, or an empty axis.
    """
    if not axes:
        raise ParameterError("sweep needs at least one axis, e.g. sweep(answer, delta=np.linspace(0, 1, 101))")
    if backend is not None and backend not in _BACKENDS:
        raise ParameterError(f"unknown backend {backend!r}; expected one of {list(_BACKENDS)}")
    if not isinstance(chunk_size, int | np.integer) or chunk_size < 1:
        raise ParameterError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    if callable(answer) and not isinstance(answer, sp.Basic | PiecewiseAnswer):
        from .pointwise import sweep_function

        return sweep_function(
            answer,
            values or {},
            axes,
            backend=backend,
            progress=progress,
            chunk_size=int(chunk_size),
            scheduler=scheduler,
        )
    plan, fixed, notes, exact_answer, method = _plan(answer, values or {}, axes)
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
    from ..symbolic import declared_parameters

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


def _plan(
    answer: Any, values: Mapping[Any, Any], axes: Mapping[str, Any]
) -> tuple[SweepPlan, dict[str, sp.Expr], list[str], bool, str]:
    numeric: sp.Expr | None = None
    if isinstance(answer, PiecewiseAnswer):
        params = tuple(answer.parameters)
        pieces = [(p.label, p.condition, p.boundary) for p in answer.pieces]
        method = f"compiled conditions of {answer.concept!r} answer, float64 grid"
    elif isinstance(answer, sp.Basic) and isinstance(answer, sp.logic.boolalg.Boolean):
        params = free_parameters(answer)
        pieces = [("holds", answer, False), ("fails", sp.Not(answer), False)]
        method = "compiled condition, float64 grid"
    elif isinstance(answer, sp.Expr) or isinstance(answer, int | float):
        answer = exact(answer)
        params = free_parameters(answer)
        pieces = []
        numeric = answer
        method = "compiled expression, float64 grid"
    else:
        raise ParameterError(
            "sweep takes a PiecewiseAnswer, a sympy condition or expression, or a function "
            f"of the parameters; got {type(answer).__name__}"
        )
    known = {s.name: s for s in params}
    names, arrays = check_axes(axes, known)
    fixed, notes = resolve_fixed(params, names, values)
    syms = tuple(known[n] for n in names)

    def fix(expr: Any) -> Any:
        return expr.xreplace(fixed) if isinstance(expr, sp.Basic) else expr

    labels = tuple(dict.fromkeys(lab for lab, _, _ in pieces))
    zero_exprs: list[sp.Expr] = []
    piece_zeros = []
    piece_conditions = []
    for _, cond, _ in pieces:
        cond = fix(cond)
        piece_conditions.append(cond)
        own = []
        for z in _relation_zeros(cond):
            # A threshold that is constant once fixed values are in bounds nothing.
            if not z.free_symbols:
                continue
            if z not in zero_exprs and -z not in zero_exprs:
                zero_exprs.append(z)
            own.append(zero_exprs.index(z) if z in zero_exprs else zero_exprs.index(-z))
        piece_zeros.append(tuple(own))
    conditions = [
        sp.Or(*[c for (lab, _, _), c in zip(pieces, piece_conditions) if lab == label])
        for label in labels
    ]
    if numeric is not None:
        numeric = fix(numeric)
    plan = SweepPlan(
        names=names,
        symbols=syms,
        axes=arrays,
        labels=labels,
        conditions=tuple(conditions),
        pieces=tuple(piece_conditions),
        piece_label=tuple(labels.index(lab) for lab, _, _ in pieces),
        piece_boundary=tuple(bool(b) for _, _, b in pieces),
        piece_zeros=tuple(piece_zeros),
        zeros=tuple(zero_exprs),
        numeric=numeric,
    )
    fixed_named = {s.name: v for s, v in fixed.items()}
    exact_answer = is_exact(*conditions, *zero_exprs, *fixed.values()) and (
        numeric is None or is_exact(numeric)
    )
    return plan, fixed_named, notes, exact_answer, method


def _relation_zeros(*conditions: Any) -> list[sp.Expr]:
    """``lhs - rhs`` of every relation in the conditions: the thresholds whose exact
    zeros can be ties. (The same set as ``PiecewiseAnswer.boundaries()``, found with
    ``factor`` instead of ``simplify`` so that derivation stays fast.)"""
    out: list[sp.Expr] = []
    # One condition at a time: And(x >= 0, x < 0) would collapse to False.
    rels = [r for c in conditions if isinstance(c, sp.Basic) for r in c.atoms(sp.Rel)]
    for rel in rels:
        z = sp.factor(sp.together(rel.lhs - rel.rhs))
        if z.free_symbols and z not in out and -z not in out:
            out.append(z)
    return out


def chunk_bounds(size: int, chunk_size: int) -> list[tuple[int, int]]:
    """Flat index ranges covering ``size`` points, ``chunk_size`` at a time."""
    return [(s, min(s + chunk_size, size)) for s in range(0, size, chunk_size)]


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
    coder = _Coder(plan.labels)
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
    if backend == "dask":
        from .distributed import dask_map_chunks

        for (start, stop), out in zip(bounds, dask_map_chunks(plan, bounds, scheduler)):
            store(start, stop, out)
        method += ", Dask backend"
    elif backend == "processes" and len(bounds) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor() as pool:
            futures = [pool.submit(evaluate_chunk, plan, a, b) for a, b in bounds]
            for (start, stop), fut in zip(bounds, _progress(futures, progress, len(bounds))):
                store(start, stop, fut.result())
        method += ", local process pool"
    else:
        plan.compiled()
        bar = _bar(progress, len(bounds))
        for start, stop in bounds:
            store(start, stop, evaluate_chunk(plan, start, stop))
            if bar is None and progress is None and len(bounds) > 2:
                done = stop / size
                if (time.perf_counter() - t0) / done > 2.0:
                    bar = _bar(True, len(bounds), initial=bounds.index((start, stop)) + 1)
            elif bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
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


def _bar(progress: bool | None, total: int, initial: int = 0) -> Any:
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, initial=initial, unit="chunk", desc="sweep")


def _progress(futures: list[Any], progress: bool | None, total: int) -> Any:
    bar = _bar(progress, total)
    for fut in futures:
        fut.result()
        if bar is not None:
            bar.update(1)
        yield fut
    if bar is not None:
        bar.close()


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
    try:
        pickle.dumps(obj)
    except Exception:  # noqa: BLE001 - any failure means "cannot ship to a worker"
        return False
    return True
