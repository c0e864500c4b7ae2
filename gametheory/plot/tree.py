"""Game trees drawn in the paper style: players at nodes, information sets joined,
chance probabilities and payoffs shown as LaTeX, the equilibrium path highlighted.

Payoffs and probabilities may be numbers or formulas in parameters: each is typeset
with matplotlib's mathtext (no LaTeX installation needed), exact fractions as
fractions, and a payoff vector is stacked one player per line under its leaf, so that
neighbouring leaves do not overprint at column width.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.plot.tree import tree
>>> T = gt.parameter("T", kind="positive")
>>> game = gt.ExtensiveFormGame(gt.Decision("A", "a", {"L": gt.Terminal([1, T]),
...                                                    "R": gt.Terminal(["1/2", 1])}), ["A", "B"])
>>> ax = tree(game)
>>> sorted(t.get_text() for t in ax.texts if "\\n" in t.get_text())
['$1$\\n$T$', '$\\\\frac{1}{2}$\\n$1$']
>>> math_label("2/5"), math_label(0.125, decimals=2)
('$\\\\frac{2}{5}$', '$0.12$')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from ..errors import NotApplicableError, ParameterError
from ..symbolic import exact
from .style import PALETTE, figure, paper_style

__all__ = ["tree", "tree_layout", "math_label"]

_HIGHLIGHT = PALETTE[5]  # vermillion
_EDGE = "#9a9a9a"
_INFOSET = PALETTE[2]


def tree_layout(game: Any) -> dict[int, tuple[float, float]]:
    """Node positions: leaves evenly spaced in preorder, parents centred over their
    children, one unit of height per move."""
    pos: dict[int, tuple[float, float]] = {}
    depth = {0: 0}
    order = list(range(len(game)))
    for i in order[1:]:
        depth[i] = depth[game.parent[i]] + 1
    leaf_x = 0.0
    for i in order:
        if not game.children[i]:
            pos[i] = (leaf_x, -float(depth[i]))
            leaf_x += 1.0
    # Children follow their parent in preorder, so reverse order sees children first.
    for i in reversed(order):
        kids = game.children[i]
        if kids:
            pos[i] = (sum(pos[c][0] for c in kids) / len(kids), -float(depth[i]))
    return pos


def _behavior_of(solution: Any) -> Mapping[str, Any] | None:
    if solution is None:
        return None
    if isinstance(solution, Mapping):
        return solution
    if hasattr(solution, "behavior"):
        return solution.behavior
    if hasattr(solution, "profiles"):
        first = next(iter(solution.profiles()), None)
        return None if first is None else first.behavior
    if getattr(solution, "is_symbolic", False):
        raise NotApplicableError(
            "tree: a piecewise (symbolic) answer has no single path to highlight; draw "
            "answer.at(values) or game.subs(values) solved at a point"
        )
    raise NotApplicableError(f"tree: cannot highlight a path from {type(solution).__name__}")


def math_label(value: Any, decimals: int | None = None,
               symbol_names: Mapping[sp.Symbol, str] | None = None) -> str:
    """A number or formula as a mathtext string (``$...$``) for a figure.

    Parameters
    ----------
    value
        A number, an exact string such as ``"2/5"``, or a sympy expression.
    decimals
        If given, numbers that are not integers are printed rounded to this many
        decimals (a display choice only; the game stays exact). By default exact
        fractions are printed as ``\\frac{p}{q}``.
    symbol_names
        LaTeX names of parameters, passed to :func:`sympy.latex`.

    Returns
    -------
    str
    """
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int)
                                 or decimals < 0):
        raise ParameterError(f"math_label: decimals must be a non-negative integer; got {decimals!r}")
    expr = value if isinstance(value, sp.Basic) else exact(value, where="tree label")
    if expr.is_number:
        if expr.is_Integer:
            return f"${int(expr)}$"
        if decimals is not None or not expr.is_Rational:
            text = f"{float(expr):.{3 if decimals is None else decimals}f}"
            if decimals is None:
                text = text.rstrip("0").rstrip(".")
            return f"${text}$"
    return "$" + sp.latex(expr, symbol_names=dict(symbol_names or {})) + "$"


def tree(game: Any, solution: Any = None, ax: Any = None, payoff_names: bool = False, *,
         decimals: int | None = None, symbol_names: Mapping[sp.Symbol, str] | None = None,
         chance_actions: bool = True, fontsize: float | None = None) -> Any:
    """Draw an extensive-form game.

    Parameters
    ----------
    game
        An :class:`~gametheory.ExtensiveFormGame`; payoffs and probabilities may be
        numbers or formulas in parameters.
    solution
        An :class:`~gametheory.SPESolution` (its first equilibrium is highlighted), one
        equilibrium, or a behaviour mapping player -> infoset -> action (-> probability).
        A piecewise (symbolic) answer raises :class:`~gametheory.errors.NotApplicableError`.
    ax
        Axes to draw on; by default a new one-column figure.
    payoff_names
        Prefix each payoff with its player's name.
    decimals
        Print non-integer payoffs rounded to this many decimals (see :func:`math_label`);
        by default exact fractions are printed as fractions. Chance probabilities are
        always printed exactly.
    symbol_names
        LaTeX names of parameters.
    chance_actions
        Print the names of chance actions beside their probabilities (``False``: the
        probability alone, for crowded trees).
    fontsize
        Font size of the labels; by default 7 points, 5 for more than 16 leaves.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _fig, ax = figure(columns=1 if len(game.terminals) <= 12 else 2, aspect=0.6)
    behavior = _behavior_of(solution)
    pos = tree_layout(game)

    def label(v: Any) -> str:
        return math_label(v, decimals, symbol_names)

    # Nodes reached with positive probability (chance branches included) are highlighted.
    reached: set[tuple[str, ...]] = set()
    if behavior is not None:
        for path, _prob in game.play(behavior).terminals:
            reached.update(path[:k] for k in range(len(path) + 1))
    n_leaves = max(1, len(game.terminals))
    font = fontsize if fontsize is not None else (5 if n_leaves > 16 else 7)
    with paper_style():
        # Edges first, so that nodes sit on top of them.
        for i in range(len(game)):
            kids = game.children[i]
            if not kids:
                continue
            weights: list[Any] = [None] * len(kids)
            if behavior is not None and game.kind[i] == "decision":
                dist = game.behavior_at(behavior, game.infoset[i])
                weights = [dist[a] for a in game.actions[i]]
            for k, c in enumerate(kids):
                on_path = game.paths[c] in reached
                x0, y0 = pos[i]
                x1, y1 = pos[c]
                ax.plot(
                    [x0, x1], [y0, y1],
                    color=_HIGHLIGHT if on_path else _EDGE,
                    linewidth=2.0 if on_path else 0.8, zorder=1, solid_capstyle="round",
                )
                text = game.actions[i][k]
                if game.kind[i] == "chance":
                    # Probabilities stay exact: rounding 1/80 to one decimal would print 0.
                    prob = math_label(game.probabilities[i][k], None, symbol_names)
                    text = f"{text} {prob}" if chance_actions else prob
                elif weights[k] is not None and weights[k] not in (0, 1):
                    text += f" [{label(weights[k])}]"
                ax.annotate(
                    text, ((x0 + x1) / 2, (y0 + y1) / 2), fontsize=font,
                    ha="right" if x1 < x0 else ("left" if x1 > x0 else "center"),
                    va="bottom", xytext=(-2 if x1 < x0 else 2, 1), textcoords="offset points",
                )
        # Information sets with several members: a dashed line through them.
        for h in game.infosets.values():
            if len(h.members) < 2:
                continue
            pts = sorted(pos[m] for m in h.members)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], linestyle=(0, (3, 2)),
                    color=_INFOSET, linewidth=1.0, zorder=2)
        for i in range(len(game)):
            x, y = pos[i]
            kind = game.kind[i]
            if kind == "terminal":
                pay = _payoff_at(game, i)
                lines = [f"{p}: {label(v)}" if payoff_names else label(v)
                         for p, v in zip(game.players, pay)]
                ax.annotate("\n".join(lines), (x, y), xytext=(0, -4),
                            textcoords="offset points", ha="center", va="top", fontsize=font,
                            linespacing=1.5)
                ax.plot([x], [y], marker="o", markersize=2, color="black", zorder=3)
            elif kind == "chance":
                ax.plot([x], [y], marker="D", markersize=6, markerfacecolor="white",
                        markeredgecolor="black", zorder=3)
                ax.annotate("Chance", (x, y), xytext=(0, 5), textcoords="offset points",
                            ha="center", va="bottom", fontsize=font)
            else:
                colour = PALETTE[game.player[i] % len(PALETTE)]
                ax.plot([x], [y], marker="o", markersize=6, color=colour, zorder=3)
                ax.annotate(game.players[game.player[i]], (x, y), xytext=(0, 5),
                            textcoords="offset points", ha="center", va="bottom", fontsize=font)
        ax.set_xlim(-0.8, n_leaves - 0.2)
        low = min(p[1] for p in pos.values())
        # Room under the deepest leaves for one line per player.
        ax.set_ylim(low - 0.35 * len(game.players) - 0.2, 0.5)
        ax.set_axis_off()
        if game.title:
            ax.set_title(game.title)
    return ax


def _payoff_at(game: Any, i: int) -> tuple[Any, ...]:
    """The payoff vector at a leaf: the outcomes along its path, added."""
    total = list(game.leaf_payoff_part(i))
    j = game.parent[i]
    while j >= 0:
        if game.outcomes[j] is not None:
            total = [t + v for t, v in zip(total, game.outcomes[j])]
        j = game.parent[j]
    return tuple(total)
