"""A sweep's plan: a piecewise answer compiled once to numpy, evaluated chunk by chunk.

:func:`plan_sweep` substitutes the fixed parameters exactly and gathers the pieces'
conditions and thresholds; :class:`SweepPlan` compiles them lazily where it runs
(picklable, so process pools and Dask workers evaluate chunks of it);
:class:`LabelSetCoder` turns the sets of labels holding at each point into categories.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from ..errors import ParameterError
from ..solve.results import PiecewiseAnswer
from ..symbolic import exact, free_parameters, is_exact
from .grid import check_axes, chunk_bounds, resolve_fixed
from .sweep_result import NO_PIECE

__all__ = [
    "LabelSetCoder",
    "SweepPlan",
    "compile_broadcasting",
    "evaluate_chunk",
    "membership_keys",
    "plan_sweep",
]


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


class LabelSetCoder:
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


def plan_sweep(
    answer: Any, values: Mapping[Any, Any], axes: Mapping[str, Any]
) -> tuple[SweepPlan, dict[str, sp.Expr], list[str], bool, str]:
    """The plan of a sweep of ``answer``, its fixed values by name, notes for the
    result's warnings, whether the answer is exact, and the method's description."""
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
