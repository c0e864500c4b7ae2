"""Annotated line plots in the paper style: curve families, thresholds, marked points.

The paper's line figures repeat a few shapes: one curve per value of a parameter,
coloured from the palette (:func:`curve_family`); a threshold drawn across the axes,
named in the legend or by a text beside it (:func:`threshold`); a shaded band between
two curves (:func:`band`); a calibrated point, marked and labelled (:func:`mark`);
a legend below the axes or the figure, where it hides no data (:func:`legend_below`),
with swatches for filled regions (:func:`swatches`); and panel titles ``(a) ...``
(:func:`panel_title`). Each helper draws on given axes and returns what it drew, so a
figure function stays a short list of calls.

Examples
--------
>>> import numpy as np
>>> from gametheory.plot import figure
>>> fig, ax = figure()
>>> x = np.linspace(0, 1, 11)
>>> lines = curve_family(ax, [("slow", x, x**2), ("fast", x, np.sqrt(x))])
>>> _ = threshold(ax, 0.5, label="target")
>>> _ = mark(ax, 0.5, 0.25, text="calibration")
>>> [t.get_text() for t in legend_below(ax, ncol=3, title="path").get_texts()]
['slow', 'fast', 'target']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .style import PALETTE, paper_style

__all__ = ["curve_family", "threshold", "band", "mark", "legend_below", "swatches", "panel_title"]

PANEL_FONTSIZE = 8
"""Font size (points) of panel titles: the axes title size less one, for two panels."""


def curve_family(
    ax: Any,
    series: Iterable[tuple[str | None, Any, Any]],
    *,
    step: str | None = None,
    marker: str | None = None,
    markersize: float = 3,
    linestyles: Sequence[Any] | None = None,
    colors: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[Any]:
    """One curve per ``(label, x, y)``, coloured in palette order.

    Parameters
    ----------
    ax
        Matplotlib axes.
    series
        ``(label, x, y)`` per curve (label ``None``: not in the legend); NaN in ``y`` leaves a gap (a value that does
        not exist there, such as a threshold of 1 or more).
    step
        ``"pre"``, ``"mid"`` or ``"post"`` to draw steps (integer answers such as a
        number of steps), ``None`` for lines.
    marker, markersize
        A marker at each point (for curves over a few integers).
    linestyles
        One line style per curve (cycled), to tell curves apart in greyscale.
    colors
        One colour per curve (default: the paper palette).
    **kwargs
        Passed to ``ax.plot`` / ``ax.step``.

    Returns
    -------
    list of matplotlib.lines.Line2D
    """
    palette = list(colors) if colors is not None else list(PALETTE)
    drawn = []
    with paper_style():
        for k, (label, x, y) in enumerate(series):
            style: dict[str, Any] = {"color": palette[k % len(palette)], "label": label, **kwargs}
            if linestyles:
                style["ls"] = linestyles[k % len(linestyles)]
            if marker is not None:
                style.update(marker=marker, ms=markersize)
            if step is None:
                (line,) = ax.plot(x, y, **style)
            else:
                (line,) = ax.step(x, y, where=step, **style)
            drawn.append(line)
    return drawn


def threshold(
    ax: Any,
    value: float,
    *,
    vertical: bool = False,
    label: str | None = None,
    text: str | None = None,
    at: float | None = None,
    color: str = "black",
    ls: Any = "--",
    lw: float = 0.9,
    ha: str | None = None,
    va: str | None = None,
    fontsize: float = 7,
    text_color: str | None = None,
) -> Any:
    """A threshold across the axes: a horizontal line at ``y = value`` (or vertical at
    ``x = value``), named in the legend (``label``) and/or by a ``text`` beside it.

    Parameters
    ----------
    ax
        Matplotlib axes.
    value
        Where the line is, in data coordinates.
    vertical
        Draw ``x = value`` rather than ``y = value``.
    label
        Legend entry.
    text, at
        A note written along the line at data coordinate ``at`` on the other axis
        (default: the left or bottom end of the axes), just above a horizontal line
        or left of a vertical one.
    color, ls, lw
        Line style.
    ha, va, fontsize, text_color
        Alignment, size and colour of the note (colour default: the line's).

    Returns
    -------
    matplotlib.lines.Line2D
    """
    with paper_style():
        if vertical:
            line = ax.axvline(float(value), color=color, ls=ls, lw=lw, label=label)
        else:
            line = ax.axhline(float(value), color=color, ls=ls, lw=lw, label=label)
        if text is not None:
            lo = ax.get_ylim()[0] if vertical else ax.get_xlim()[0]
            where = float(at) if at is not None else lo
            point = (float(value), where) if vertical else (where, float(value))
            offset = (-4, 0) if vertical else (0, 2)
            ax.annotate(text, point, xytext=offset, textcoords="offset points",
                        ha=ha or ("right" if vertical else "left"),
                        va=va or ("center" if vertical else "bottom"),
                        fontsize=fontsize, color=text_color or color)
    return line


def band(ax: Any, x: Any, low: Any, high: Any, *, label: str | None = None,
         color: str = PALETTE[0], alpha: float = 0.18) -> Any:
    """A shaded band between ``low`` and ``high`` over ``x`` (a range of answers, or a
    region of the plane bounded by a curve), without an edge line.

    Returns
    -------
    matplotlib.collections.PolyCollection
    """
    with paper_style():
        return ax.fill_between(x, low, high, color=color, alpha=alpha, lw=0, label=label)


def mark(
    ax: Any,
    x: float,
    y: float,
    *,
    text: str | None = None,
    label: str | None = None,
    marker: str = "o",
    color: str = "black",
    size: float = 5,
    offset: tuple[float, float] = (4, 4),
    fontsize: float = 7,
    **kwargs: Any,
) -> Any:
    """A marked point (a calibration, a default), in the legend as ``label`` and/or
    written beside it as ``text`` (``offset`` in points from the marker); ``kwargs``
    go to ``ax.plot`` (e.g. ``mec="black"`` for an edge).

    Returns
    -------
    matplotlib.lines.Line2D
    """
    with paper_style():
        (point,) = ax.plot([float(x)], [float(y)], marker=marker, ms=size, color=color,
                           ls="none", label=label, zorder=5, clip_on=False, **kwargs)
        if text is not None:
            ax.annotate(text, (float(x), float(y)), xytext=offset, textcoords="offset points",
                        fontsize=fontsize)
    return point


def legend_below(
    target: Any,
    handles: Sequence[Any] | None = None,
    *,
    ncol: int = 1,
    title: str | None = None,
    offset: float = 0.2,
    room: float | None = None,
    **kwargs: Any,
) -> Any:
    """A legend below the axes (or along the bottom of a figure), where it covers no data.

    Parameters
    ----------
    target
        Axes (the legend hangs ``offset`` axes heights below them) or a Figure (the
        legend sits at its bottom edge: leave room with ``fig.tight_layout(rect=...)``).
    handles
        The entries (default: every labelled artist of the axes).
    ncol, title
        Columns and title of the legend.
    room
        For a figure: the share of its height kept free for the legend, the axes being
        laid out above it (``tight_layout``).
    **kwargs
        Passed to ``legend``; they override the placement (``loc``, ``bbox_to_anchor``).

    Returns
    -------
    matplotlib.legend.Legend
    """
    figure_level = hasattr(target, "add_axes")
    options: dict[str, Any] = {
        "loc": "lower center" if figure_level else "upper center",
        "bbox_to_anchor": (0.5, 0.0) if figure_level else (0.5, -offset),
        "ncol": ncol, "title": title, "frameon": False,
    }
    options.update(kwargs)
    if handles is not None:
        options["handles"] = list(handles)
    with paper_style():
        legend = target.legend(**options)
        if figure_level and room is not None:
            target.tight_layout(rect=(0, room, 1, 1))
    return legend


def swatches(colours: Mapping[str, str], *, hatches: Mapping[str, str] | None = None,
             alpha: float | None = None, edgecolor: str | None = None) -> list[Any]:
    """Legend entries for filled regions: one patch per ``label -> colour`` (``"none"``
    with an ``edgecolor`` for an outline), hatched as ``hatches`` says.

    Examples
    --------
    >>> [p.get_label() for p in swatches({"holds": "#009E73", "fails": "#D55E00"})]
    ['holds', 'fails']
    """
    from matplotlib.patches import Patch

    out = []
    for label, colour in colours.items():
        hatch = (hatches or {}).get(label)
        edge = edgecolor if edgecolor is not None else "#333333" if hatch else "none"
        out.append(Patch(facecolor=colour, alpha=alpha, hatch=hatch, label=label,
                         edgecolor=edge, linewidth=0 if edge == "none" else 0.5))
    return out


def panel_title(ax: Any, letter: str, text: str) -> Any:
    """Title ``(letter) text`` of one panel of a multi-panel figure.

    Examples
    --------
    >>> from gametheory.plot import figure
    >>> _, ax = figure()
    >>> panel_title(ax, "a", "least number of steps").get_text()
    '(a) least number of steps'
    """
    with paper_style():
        return ax.set_title(f"({letter}) {text}", fontsize=PANEL_FONTSIZE)
