"""Game trees drawn in the paper style: players at nodes, information sets joined,
chance probabilities and payoffs shown, the equilibrium path highlighted.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.plot.tree import tree
>>> game = gt.ExtensiveFormGame(gt.Decision("A", "a", {"L": gt.Terminal([1, 0]),
...                                                    "R": gt.Terminal([0, 1])}), ["A", "B"])
>>> ax = tree(game, gt.spe(game))
>>> len(ax.lines) > 0
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .style import PALETTE, figure, paper_style

__all__ = ["tree", "tree_layout"]

_HIGHLIGHT = PALETTE[5]  # vermillion
_EDGE = "#9a9a9a"


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
    raise TypeError(f"cannot highlight a path from {type(solution).__name__}")


def _fmt(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 8 else f"{float(value):.3g}"


def tree(game: Any, solution: Any = None, ax: Any = None, payoff_names: bool = False) -> Any:
    """Draw an extensive-form game.

    Parameters
    ----------
    game
        An :class:`~gametheory.ExtensiveFormGame`.
    solution
        An :class:`~gametheory.SPESolution` (its first equilibrium is highlighted), one
        equilibrium, or a behaviour mapping player -> infoset -> action (-> probability).
    ax
        Axes to draw on; by default a new one-column figure.
    payoff_names
        Label payoff vectors with the players' names.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _fig, ax = figure(columns=1 if len(game.terminals) <= 12 else 2, aspect=0.6)
    behavior = _behavior_of(solution)
    pos = tree_layout(game)
    # Nodes reached with positive probability (chance branches included) are highlighted.
    reached: set[tuple[str, ...]] = set()
    if behavior is not None:
        for path, _prob in game.play(behavior).terminals:
            reached.update(path[:k] for k in range(len(path) + 1))
    n_leaves = max(1, len(game.terminals))
    small = n_leaves > 16
    font = 5 if small else 7
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
                label = game.actions[i][k]
                if game.kind[i] == "chance":
                    label += f" ({_fmt(game.probabilities[i][k])})"
                elif weights[k] is not None and weights[k] not in (0, 1):
                    label += f" [{_fmt(weights[k])}]"
                ax.annotate(
                    label, ((x0 + x1) / 2, (y0 + y1) / 2), fontsize=font,
                    ha="right" if x1 < x0 else ("left" if x1 > x0 else "center"),
                    va="bottom", xytext=(-2 if x1 < x0 else 2, 1), textcoords="offset points",
                )
        # Information sets with several members: a dashed line through them.
        for h in game.infosets.values():
            if len(h.members) < 2:
                continue
            pts = sorted(pos[m] for m in h.members)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], linestyle=(0, (3, 2)),
                    color=PALETTE[2], linewidth=1.0, zorder=2)
        for i in range(len(game)):
            x, y = pos[i]
            kind = game.kind[i]
            if kind == "terminal":
                pay = _payoff_at(game, i)
                text = ", ".join(
                    f"{p}: {_fmt(v)}" if payoff_names else _fmt(v) for p, v in zip(game.players, pay)
                )
                ax.annotate(f"({text})", (x, y), xytext=(0, -4), textcoords="offset points",
                            ha="center", va="top", fontsize=font,
                            rotation=90 if small else 0)
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
        ax.set_ylim(low - (1.6 if small else 0.6), 0.5)
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

