"""The result of a sweep: a category (or a number) per grid point, and where ties lie."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError
from ..solve.results import Result, number_to_json

__all__ = ["NO_PIECE", "SweepResult"]

NO_PIECE = "(no piece holds)"
"""Category of points where no condition of the answer holds (for instance where a
formula divides by zero); counted in the result's warnings."""


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
