"""Region maps of parameter sweeps, in the paper style, with exact boundaries.

The categories of a :class:`~gametheory.analysis.sweep.SweepResult` are painted on
the grid; the boundaries between them are drawn from the exact thresholds, not from
the pixels: each threshold expression is solved with sympy for the vertical-axis
parameter as a function of the horizontal one and the curve is plotted finely; where
sympy finds no explicit solution, the zero contour of the exact expression is drawn
on a fine grid. Only the parts of a curve that separate different categories are
drawn.

Examples
--------
>>> import numpy as np, sympy as sp
>>> import gametheory as gt
>>> a, b = gt.parameter("a_rg", "real"), gt.parameter("b_rg", "real")
>>> res = gt.sweep(b > a**2, a_rg=np.linspace(-1, 1, 41), b_rg=np.linspace(0, 1, 21))
>>> ax = regions(res)
>>> sorted(t.get_text() for t in ax.get_legend().get_texts())
['boundary (ties on it)', 'fails', 'holds']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError
from ..symbolic import compile_expr, parameter_info
from .style import PALETTE, figure, paper_style

__all__ = ["regions", "boundary_curves", "category_order", "category_styles", "HATCHES"]

HATCHES: tuple[str, ...] = ("", "////", "....", "\\\\\\\\", "xxxx", "oo", "----", "++++")
"""Hatch patterns, combined with the palette's colours to tell any number of categories apart."""
_HATCH_INK = "#333333"  # dark enough on the yellow and sky blue fills, visible on blue

_NUMBER = re.compile(r"[-+]?\d+(?:[./]\d+)?")


def _leading_number(label: str) -> Fraction | None:
    match = _NUMBER.search(label)
    if match is None:
        return None
    try:
        return Fraction(match.group())
    except (ValueError, ZeroDivisionError):
        return None


def category_order(categories: Sequence[str]) -> list[int]:
    """Indices of ``categories`` in legend order: by number when every label has one.

    Labels such as ``"1 step"``, ``"2 steps"``, ``"10 steps"`` come out in numeric order
    (not ``"10"`` before ``"2"``, and not by area); labels without numbers keep the order
    in which the sweep met them.

    Examples
    --------
    >>> category_order(["10 steps", "2 steps", "1 step"])
    [2, 1, 0]
    >>> category_order(["holds", "fails"])
    [0, 1]
    """
    numbers = [_leading_number(c) for c in categories]
    if categories and all(v is not None for v in numbers):
        return sorted(range(len(categories)), key=lambda i: (numbers[i], i))
    return list(range(len(categories)))


def category_styles(count: int) -> list[tuple[str, str]]:
    """``count`` distinct ``(colour, hatch)`` pairs: the palette first, then hatched.

    The seven Okabe-Ito fills (black is kept for boundaries) are used plain, then again
    with each hatch of :data:`HATCHES` in turn, so no two categories share a style for up
    to 56 categories; beyond that a :class:`~gametheory.errors.ParameterError` asks for
    explicit ``colors``.

    Examples
    --------
    >>> category_styles(9)[7]
    ('#0072B2', '////')
    """
    fills = [c for c in PALETTE if c != "#000000"]
    if count > len(fills) * len(HATCHES):
        raise ParameterError(
            f"{count} categories exceed the {len(fills) * len(HATCHES)} distinct colour and "
            "hatch styles; pass colors=... or merge categories"
        )
    return [(fills[i % len(fills)], HATCHES[i // len(fills)]) for i in range(count)]


def _hatch(ax: Any, xa: np.ndarray, ya: np.ndarray, mask: np.ndarray, hatch: str) -> None:
    """Hatch where ``mask`` holds: one filled contour of the indicator at level 1/2, whose
    edges fall halfway between grid points, where the nearest-cell mesh changes colour."""
    from matplotlib import rc_context

    x, y = np.asarray(xa, dtype=float), np.asarray(ya, dtype=float)
    with rc_context({"hatch.color": _HATCH_INK, "hatch.linewidth": 0.6}):
        ax.contourf(x, y, mask.T.astype(float), levels=[0.5, 1.5], colors="none",
                    hatches=[hatch])


def _separates(result: Any, points: Mapping[str, np.ndarray], shift: Mapping[str, float]) -> np.ndarray:
    """True where the category sets differ on the two sides of the points."""
    if not result.conditions:
        return np.ones(len(next(iter(points.values()))), dtype=bool)
    syms = result.symbols
    sides = []
    for sign in (-1.0, 1.0):
        at = {n: points[n] + sign * shift.get(n, 0.0) for n in points}
        keys = np.zeros(len(next(iter(at.values()))), dtype=np.int64)
        for i, cond in enumerate(result.conditions.values()):
            f = compile_expr(cond, syms)
            keys |= f(**at).astype(np.int64) << i
        sides.append(keys)
    return sides[0] != sides[1]


def boundary_curves(
    result: Any, samples: int = 800
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Points ``(x, y)`` of the exact boundaries of a 2-D sweep, NaN where a curve breaks.

    Each threshold is solved for the second axis parameter; a threshold free of it
    gives vertical lines; a threshold sympy cannot solve explicitly gives no curve
    (:func:`regions` draws its zero contour instead).
    """
    return _solve_curves(result, samples)[0]


def _solve_curves(
    result: Any, samples: int
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[sp.Expr]]:
    leftover: list[sp.Expr] = []
    (xn, xa), (yn, ya) = result.axes
    xs_sym, ys_sym = result.symbols
    x0, x1, y0, y1 = float(xa.min()), float(xa.max()), float(ya.min()), float(ya.max())
    hx = (x1 - x0) * 1e-6 or 1e-9
    hy = (y1 - y0) * 1e-6 or 1e-9
    out = []
    for expr in result.boundaries:
        if ys_sym in expr.free_symbols:
            try:
                sols = sp.solve(expr, ys_sym)
            except (NotImplementedError, ValueError):
                sols = []
            if not sols or any(sol.free_symbols - {xs_sym} for sol in sols):
                leftover.append(expr)
                continue
            for sol in sols:
                xs = np.linspace(x0, x1, samples)
                try:
                    f = sp.lambdify(xs_sym, sol, modules=["numpy", "scipy"])
                    with np.errstate(all="ignore"):
                        ys = np.asarray(f(xs.astype(complex)) * np.ones_like(xs), dtype=complex)
                except (NameError, TypeError, ValueError):
                    leftover.append(expr)
                    break
                ok = (np.abs(ys.imag) < 1e-12) & np.isfinite(ys.real)
                ys = np.where(ok, ys.real, np.nan)
                ys[(ys < y0) | (ys > y1)] = np.nan
                keep = np.isfinite(ys)
                if keep.any():
                    sep = np.zeros_like(keep)
                    sep[keep] = _separates(result, {xn: xs[keep], yn: ys[keep]}, {yn: hy})
                    ys = np.where(sep, ys, np.nan)
                    if np.isfinite(ys).any():
                        out.append((xs, ys))
        elif xs_sym in expr.free_symbols:
            try:
                sols = sp.solve(expr, xs_sym)
            except (NotImplementedError, ValueError):
                sols = []
            if not sols:
                leftover.append(expr)
            for sol in sols:
                if not (sol.is_number and sol.is_real) or not x0 <= float(sol) <= x1:
                    continue
                ys = np.linspace(y0, y1, samples)
                xs = np.full_like(ys, float(sol))
                sep = _separates(result, {xn: xs, yn: ys}, {xn: hx})
                out.append((xs, np.where(sep, ys, np.nan)))
    return out, leftover


def regions(
    result: Any,
    ax: Any = None,
    *,
    colors: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    legend: bool = True,
    boundaries: bool = True,
    boundary_color: str = "black",
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    samples: int = 800,
    legend_title: str | None = None,
    legend_columns: int | None = None,
) -> Any:
    """Draw a region map of a sweep over one or two parameters.

    Parameters
    ----------
    result
        A :class:`~gametheory.analysis.sweep.SweepResult` with one or two axes.
    ax
        Matplotlib axes to draw on (default: a new one-column figure).
    colors
        One colour per category (default: the paper palette, in category order).
    labels
        Legend text per category label (default: the labels themselves).
    legend, boundaries
        Whether to draw the legend and the exact boundary curves.
    boundary_color
        Colour of the boundary curves.
    title, xlabel, ylabel
        Texts (axis labels default to the parameters' LaTeX names).
    samples
        Points per boundary curve.
    legend_title, legend_columns
        A title over the legend, and its number of columns (default: one for up to
        three entries, two for up to eight, else three).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    if len(result.axes) not in (1, 2):
        raise ParameterError(
            f"a region map shows one or two axes; this sweep has {len(result.axes)} "
            f"({', '.join(result.names)}): fix the others with values={{...}}"
        )
    if ax is None:
        _, ax = figure()
    two = len(result.axes) == 2
    (xn, xa) = result.axes[0]
    ya = result.axes[1][1] if two else np.array([0.0, 1.0])
    with paper_style():
        if result.categories:
            n = len(result.categories)
            codes = np.asarray(result.codes)
            on_tie = np.asarray(result.boundary, dtype=bool)
            # Categories met only on ties (lines of measure zero) are not regions: they
            # get the tie colour and one legend entry, the exact boundary curves show them.
            area = np.array([np.count_nonzero((codes == i) & ~on_tie) for i in range(n)])
            present = [i for i in category_order(result.categories) if area[i] > 0]
            if colors is not None:
                palette = list(colors)
                if len(palette) < n:
                    raise ParameterError(f"{len(palette)} colours for {n} categories")
                hatches = [""] * n
            else:
                palette, hatches = ["#BBBBBB"] * n, [""] * n
                for rank, (colour, hatch) in zip(present, category_styles(len(present))):
                    palette[rank], hatches[rank] = colour, hatch
            grid = codes if two else np.vstack([codes, codes]).T
            ax.pcolormesh(
                xa, ya, grid.T, cmap=ListedColormap(palette[:n]), vmin=-0.5, vmax=n - 0.5,
                shading="nearest", rasterized=True,
            )
            for i in present:
                if hatches[i]:
                    _hatch(ax, xa, ya, grid == i, hatches[i])
            if legend:
                names = labels or {}
                handles: list[Any] = [
                    Patch(facecolor=palette[i], hatch=hatches[i], edgecolor=_HATCH_INK,
                          linewidth=0, label=names.get(result.categories[i], result.categories[i]))
                    for i in present
                ]
                if boundaries and result.boundaries:
                    from matplotlib.lines import Line2D

                    handles.append(Line2D([], [], color=boundary_color, linewidth=0.9,
                                          label="boundary (ties on it)"))
                ncol = legend_columns or (1 if len(handles) <= 3 else 2 if len(handles) <= 8 else 3)
                ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18),
                          ncol=ncol, frameon=False, title=legend_title)
        elif result.values is not None:
            grid = result.values if two else np.vstack([result.values, result.values]).T
            mesh = ax.pcolormesh(xa, ya, grid.T, shading="nearest", cmap="viridis", rasterized=True)
            ax.figure.colorbar(mesh, ax=ax)
        if boundaries and result.boundaries:
            _draw_boundaries(result, ax, two, boundary_color, samples)
        syms = result.symbols
        ax.set_xlabel(xlabel if xlabel is not None else (_axis_label(syms[0]) if syms else xn))
        if two:
            yn = result.axes[1][0]
            ax.set_ylabel(ylabel if ylabel is not None else (_axis_label(syms[1]) if syms else yn))
        else:
            ax.set_yticks([])
        ax.set_xlim(float(xa.min()), float(xa.max()))
        ax.set_ylim(float(ya.min()), float(ya.max()))
        if title:
            ax.set_title(title)
    return ax


def _axis_label(symbol: sp.Symbol) -> str:
    """The parameter's description and name (plain text: names like ``renege_cost`` are
    not mathematics), or its LaTeX symbol when it is a one-letter or Greek name."""
    info = parameter_info(symbol)
    tex = sp.latex(symbol)
    short = len(symbol.name) == 1 or tex.startswith("\\") and "_" not in symbol.name
    name = f"${tex}$" if short else symbol.name.replace("_", " ")
    return f"{info.description}, {name}" if 0 < len(info.description) <= 40 else name


def _draw_boundaries(result: Any, ax: Any, two: bool, color: str, samples: int) -> None:
    if not two:
        (xn, xa), x = result.axes[0], result.symbols[0]
        for expr in result.boundaries:
            try:
                sols = sp.solve(expr, x)
            except (NotImplementedError, ValueError):
                continue
            for sol in sols:
                if sol.is_number and sol.is_real and xa.min() <= float(sol) <= xa.max():
                    ax.axvline(float(sol), color=color, linewidth=0.9)
        return
    curves, leftover = _solve_curves(result, samples)
    for xs, ys in curves:
        ax.plot(xs, ys, color=color, linewidth=0.9)
    # Thresholds sympy cannot solve explicitly: the zero contour of the exact formula.
    (xn, xa), (yn, ya) = result.axes
    for expr in leftover:
        fx = np.linspace(float(xa.min()), float(xa.max()), 400)
        fy = np.linspace(float(ya.min()), float(ya.max()), 400)
        gx, gy = np.meshgrid(fx, fy)
        z = compile_expr(expr, result.symbols)(**{xn: gx, yn: gy})
        if np.nanmin(z) < 0 < np.nanmax(z):
            ax.contour(gx, gy, z, levels=[0.0], colors=[color], linewidths=0.9)
