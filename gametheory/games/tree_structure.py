"""The structure of a game tree: players' own histories, perfect recall, subgames.

A player has perfect recall when at every information set the nodes are reached after
the same own moves (:func:`perfect_recall_violation` names where this fails); a node
roots a subgame when no information set straddles its subtree (:func:`subgame_roots`).
:class:`~gametheory.games.extensive_form.ExtensiveFormGame` offers both as methods.

Examples
--------
>>> import gametheory as gt
>>> tree = gt.ExtensiveFormGame(gt.Decision("A", "a", {
...     "L": gt.Decision("B", "b", {"x": gt.Terminal([1, 0]), "y": gt.Terminal([0, 1])}),
...     "R": gt.Terminal([0, 0])}), players=["A", "B"])
>>> subgame_roots(tree), perfect_recall_violation(tree) is None
([0, 1], True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tree_nodes import path_text

if TYPE_CHECKING:
    from .extensive_form import ExtensiveFormGame

__all__ = ["own_history", "perfect_recall_violation", "subgame_roots"]


def own_history(game: ExtensiveFormGame, i: int, player: int) -> tuple[tuple[str, str], ...]:
    """The (infoset, action) moves of ``player`` on the path to node ``i``."""
    out = []
    j = i
    while game.parent[j] >= 0:
        p = game.parent[j]
        if game.kind[p] == "decision" and game.player[p] == player:
            out.append((game.infoset[p] or "", game.actions[p][game.children[p].index(j)]))
        j = p
    return tuple(reversed(out))

def perfect_recall_violation(game: ExtensiveFormGame) -> str | None:
    """A sentence naming where perfect recall fails, or ``None``."""
    for h in game.infosets.values():
        if h.player is None or len(h.members) == 1:
            continue
        pi = game.players.index(h.player)
        first = own_history(game, h.members[0], pi)
        for m in h.members[1:]:
            if own_history(game, m, pi) != first:
                return (
                    f"information set {h.label!r}: {h.player} reaches node "
                    f"{path_text(game.path_of(m))} and node {path_text(game.path_of(h.members[0]))} "
                    f"after different own moves"
                )
    return None

def subgame_roots(game: ExtensiveFormGame) -> list[int]:
    """Indices of the non-terminal nodes that root a subgame (the root included): no
    information set has members both inside and outside the node's subtree."""
    bad: set[int] = set()
    for h in game.infosets.values():
        if len(h.members) == 1:
            continue
        # Ancestors-or-self of members that do not contain every member split h.
        lines = [_ancestry(game, m) for m in h.members]
        common = set(lines[0]).intersection(*lines[1:])
        for line in lines:
            bad.update(n for n in line if n not in common)
        for m in h.members:
            bad.add(m)
    return [i for i, k in enumerate(game.kind) if k != "terminal" and i not in bad]

def _ancestry(game: ExtensiveFormGame, i: int) -> list[int]:
    out = [i]
    while game.parent[out[-1]] >= 0:
        out.append(game.parent[out[-1]])
    return out
