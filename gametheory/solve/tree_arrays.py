"""A numeric fast path for large perfect-information trees: node tables and vectorised
backward induction, level by level.

A tree is stored as arrays in breadth-first order, so that every level is a
contiguous block and the children of a node are contiguous in the next level:
``first_child``, ``n_children``, ``player`` (``-1`` for chance, ``-2`` at terminals),
``prob`` (the chance probability of reaching each node from its parent) and
``outcome`` (payoffs received at each node, zero where there are none). Backward
induction then works on whole levels with numpy (a reshape where every node of a level
has the same number of children, ``reduceat`` otherwise). A binary tree of depth 20
(two million nodes) solves in a fraction of a second.

Floats are compared exactly (or within ``tol``); where a player is indifferent the
result says so (``ties``) and picks the first best action, so that tied trees should be
solved with the exact :func:`~gametheory.spe`, which enumerates every SPE.

Examples
--------
>>> import numpy as np
>>> tree = TreeArrays.complete(2, np.array([[3, 0], [1, 1], [0, 2], [2, 3]]), players=("A", "B"))
>>> sol = backward_induction_arrays(tree)
>>> sol.root_value.tolist(), sol.path(), sol.ties
([2.0, 3.0], [1, 1], 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import NotApplicableError, ValidationError
from .results import Result

__all__ = ["TreeArrays", "ArraySolution", "backward_induction_arrays", "read_efg_arrays"]

CHANCE = -1
TERMINAL = -2


@dataclass(frozen=True)
class TreeArrays:
    """A tree as node tables in breadth-first order (node 0 is the root).

    Attributes
    ----------
    players
        Player names.
    first_child, n_children
        Index of each node's first child (``-1`` at terminals) and its number of
        children; the children of a node are contiguous.
    player
        The mover's index, ``-1`` at chance nodes, ``-2`` at terminals.
    prob
        Probability of each node given its parent's chance move (1 elsewhere).
    outcome
        Payoffs received at each node, shape ``(n_nodes, n_players)``.
    levels
        ``(start, stop)`` of each depth's block of nodes.
    action_labels
        Optional labels of the edge into each node (``None`` to save memory).
    """

    players: tuple[str, ...]
    first_child: np.ndarray
    n_children: np.ndarray
    player: np.ndarray
    prob: np.ndarray
    outcome: np.ndarray
    levels: tuple[tuple[int, int], ...]
    action_labels: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return int(self.player.shape[0])

    # ------------------------------------------------------------------ constructors
    @classmethod
    def complete(
        cls,
        depth: int,
        leaf_payoffs: np.ndarray,
        players: tuple[str, ...] | None = None,
        branching: int = 2,
        movers: np.ndarray | None = None,
    ) -> TreeArrays:
        """A complete tree of the given depth and branching with payoffs at the leaves.

        ``leaf_payoffs`` has shape ``(branching**depth, n_players)``; the mover at
        depth ``d`` is ``movers[d]`` (by default players alternate).
        """
        leaf_payoffs = np.asarray(leaf_payoffs, dtype=float)
        n_leaves = branching**depth
        if leaf_payoffs.ndim != 2 or leaf_payoffs.shape[0] != n_leaves:
            raise ValidationError(
                f"a complete tree of depth {depth} and branching {branching} has {n_leaves} "
                f"leaves; got payoffs of shape {leaf_payoffs.shape}"
            )
        n_players = leaf_payoffs.shape[1]
        players = players or tuple(f"P{i + 1}" for i in range(n_players))
        if movers is None:
            movers = np.arange(depth) % n_players
        sizes = [branching**d for d in range(depth + 1)]
        starts = np.cumsum([0, *sizes])
        n = int(starts[-1])
        first_child = np.full(n, -1, dtype=np.int64)
        n_children = np.zeros(n, dtype=np.int64)
        player = np.full(n, TERMINAL, dtype=np.int64)
        for d in range(depth):
            block = slice(starts[d], starts[d + 1])
            first_child[block] = starts[d + 1] + branching * np.arange(sizes[d])
            n_children[block] = branching
            player[block] = movers[d]
        outcome = np.zeros((n, n_players))
        outcome[starts[depth] :] = leaf_payoffs
        levels = tuple((int(starts[d]), int(starts[d + 1])) for d in range(depth + 1))
        return cls(tuple(players), first_child, n_children, player, np.ones(n), outcome, levels)

    @classmethod
    def from_game(cls, game: Any) -> TreeArrays:
        """The node tables of a perfect-information :class:`~gametheory.ExtensiveFormGame`
        with numbers (payoffs as floats)."""
        arrays = game.lazy_node_arrays()
        if arrays is not None:
            # A big file read by gt.read_game whose Python tables are not built yet:
            # straight from the reader's arrays (no object per node).
            return cls._from_preorder(game.players, arrays)
        if not game.is_perfect_information:
            raise NotApplicableError(
                "the array fast path handles perfect-information trees; use gt.spe for others"
            )
        outcomes, probs = game.numeric_tables()
        order: list[int] = []
        levels: list[tuple[int, int]] = []
        frontier = [0]
        while frontier:
            levels.append((len(order), len(order) + len(frontier)))
            order.extend(frontier)
            frontier = [c for i in frontier for c in game.children[i]]
        position = np.empty(len(order), dtype=np.int64)
        position[np.asarray(order)] = np.arange(len(order))
        n = len(order)
        first_child = np.full(n, -1, dtype=np.int64)
        n_children = np.zeros(n, dtype=np.int64)
        player = np.full(n, TERMINAL, dtype=np.int64)
        prob = np.ones(n)
        outcome = np.zeros((n, game.n_players))
        labels = [""] * n
        for new, old in enumerate(order):
            kids = game.children[old]
            if kids:
                first_child[new] = position[kids[0]]
                n_children[new] = len(kids)
                player[new] = game.player[old] if game.kind[old] == "decision" else CHANCE
                for k, (c, a) in enumerate(zip(kids, game.actions[old])):
                    labels[position[c]] = a
                    if game.kind[old] == "chance":
                        prob[position[c]] = float(probs[old][k])
            if outcomes[old] is not None:
                outcome[new] = [float(v) for v in outcomes[old]]
        return cls(game.players, first_child, n_children, player, prob, outcome, tuple(levels), tuple(labels))


    @classmethod
    def _from_preorder(cls, players: tuple[str, ...], nodes: dict[str, Any]) -> TreeArrays:
        """The tables of a tree given in preorder (``parent``, ``arity``, ``player``,
        ``payoffs`` and ``perfect_information``, as a file reader keeps them). Sorting
        the preorder by depth, stably, gives the breadth-first order, with the children
        of each node contiguous and in order. No action labels (``None``)."""
        if not nodes["perfect_information"]:
            raise NotApplicableError(
                "the array fast path handles perfect-information trees; use gt.spe for others"
            )
        parent, arity = nodes["parent"], nodes["arity"]
        n = parent.size
        depth = nodes.get("depth")
        if depth is None:
            depth = _depths(parent)
        # A stable sort on small integers is a radix sort in numpy: narrow the type.
        order = np.argsort(depth.astype(np.int16) if depth.max() < 2**15 else depth, kind="stable")
        position = np.empty(n, dtype=np.int64)
        position[order] = np.arange(n)
        inner = np.flatnonzero(arity > 0)
        first_child = np.full(n, -1, dtype=np.int64)
        first_child[position[inner]] = position[inner + 1]  # in preorder, the next node
        bounds = np.concatenate(([0], np.cumsum(np.bincount(depth))))
        levels = tuple((int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:]))
        return cls(
            tuple(players), first_child, arity[order], nodes["player"][order],
            nodes["prob"][order] if "prob" in nodes else np.ones(n), nodes["payoffs"][order], levels,
        )


@dataclass(frozen=True)
class ArraySolution(Result):
    """Backward induction on node tables.

    Attributes
    ----------
    value
        Each node's SPE payoff vector (under the first-best choice at ties).
    choice
        At decision nodes, the index of the chosen child among its children (-1 elsewhere).
    ties
        The number of decision nodes where the mover has several best actions (within
        ``tol``); when positive, there are several SPE: use :func:`~gametheory.spe`.
    """

    tree: TreeArrays
    value: np.ndarray
    choice: np.ndarray
    ties: int
    tol: float
    method: str = "vectorised backward induction by levels"
    exact: bool = False

    @property
    def root_value(self) -> np.ndarray:
        return self.value[0]

    @property
    def warnings(self) -> tuple[str, ...]:
        if not self.ties:
            return ()
        return (
            f"ties at {self.ties} decision nodes: the first best action was taken; "
            f"gt.spe(tree) enumerates every SPE exactly",
        )

    def path(self) -> list[int]:
        """Action indices along the path of play from the root (chance nodes stop it)."""
        out = []
        i = 0
        t = self.tree
        while t.player[i] >= 0:
            out.append(int(self.choice[i]))
            i = int(t.first_child[i] + self.choice[i])
        return out


def backward_induction_arrays(tree: TreeArrays, tol: float = 0.0) -> ArraySolution:
    """Vectorised backward induction over a :class:`TreeArrays`, deepest level first.

    Parameters
    ----------
    tree
        The node tables.
    tol
        Payoffs within ``tol`` of the best count as ties (default: exact float equality).
    """
    n, n_players = tree.outcome.shape
    value = tree.outcome.copy()
    choice = np.full(n, -1, dtype=np.int32)
    ties = 0
    for start, stop in reversed(tree.levels[:-1]):
        movers = tree.player[start:stop]
        kids = tree.n_children[start:stop]
        inner = kids > 0
        if not inner.any():
            continue
        k0 = int(kids[0])
        uniform = bool(inner.all() and (kids == k0).all() and (movers >= 0).all())
        c_start = int(tree.first_child[start]) if inner[0] else int(tree.first_child[start:stop][inner][0])
        if uniform:
            # Every node of the level moves with k0 children: a reshape, no index arrays.
            m = stop - start
            block = value[c_start : c_start + m * k0].reshape(m, k0, n_players)
            if (movers == movers[0]).all():
                own = block[:, :, movers[0]]  # a view: one mover for the whole level
            else:
                own = np.take_along_axis(block, movers[:, None, None], axis=2)[:, :, 0]
            if k0 == 2 and tol == 0.0:
                # Binary levels: one comparison and two masked copies, no temporaries
                # beyond the comparison itself.
                right = own[:, 1] > own[:, 0]
                ties += int(np.count_nonzero(own[:, 1] == own[:, 0]))
                target = value[start:stop]
                # Outcomes on inner nodes are rare; without them values are copied, not added.
                if target.any():
                    target += np.where(right[:, None], block[:, 1], block[:, 0])
                else:
                    np.copyto(target, block[:, 0])
                    np.copyto(target, block[:, 1], where=right[:, None])
                choice[start:stop] = right
                continue
            best = own.argmax(axis=1)
            top = own[np.arange(m), best]
            ties += int((((own >= top[:, None] - tol).sum(axis=1)) > 1).sum())
            value[start:stop] += block[np.arange(m), best]
            choice[start:stop] = best
            continue
        ties += _general_level(tree, value, choice, start, stop, tol)
    return ArraySolution(tree, value, choice, ties, tol)


def _general_level(tree: TreeArrays, value: np.ndarray, choice: np.ndarray, start: int, stop: int, tol: float) -> int:
    nodes = np.arange(start, stop)[tree.n_children[start:stop] > 0]
    counts = tree.n_children[nodes]
    c_start = int(tree.first_child[nodes[0]])
    c_stop = int(tree.first_child[nodes[-1]] + counts[-1])
    offsets = tree.first_child[nodes] - c_start
    child_values = value[c_start:c_stop]
    owner = np.repeat(nodes, counts)
    movers = tree.player[nodes]
    ties = 0
    chance = movers == CHANCE
    if chance.any():
        weighted = child_values * tree.prob[c_start:c_stop, None]
        expected = np.add.reduceat(weighted, offsets, axis=0)
        value[nodes[chance]] += expected[chance]
    decide = ~chance
    if decide.any():
        mover_of_child = np.maximum(tree.player[owner], 0)
        own = child_values[np.arange(len(owner)), mover_of_child]
        top = np.maximum.reduceat(own, offsets)
        is_best = own >= np.repeat(top, counts) - tol
        index = np.where(is_best, np.arange(len(owner)), len(owner))
        first = np.minimum.reduceat(index, offsets)
        n_best = np.add.reduceat(is_best.astype(np.int64), offsets)
        ties = int((n_best[decide] > 1).sum())
        value[nodes[decide]] += child_values[first[decide]]
        choice[nodes[decide]] = first[decide] - offsets[decide]
    return ties


# ----------------------------------------------------------------------- .efg to tables
def read_efg_arrays(text: str, source: str = "<efg>") -> TreeArrays:
    """Read a Gambit ``.efg`` text into node tables (payoffs as floats): files in
    Gambit's layout go from the reader's arrays to the tables with no Python work per
    node (see :mod:`gametheory.io.efg_fast`); anything else through the game object.
    For a file on disk, ``TreeArrays.from_game(gt.read_game(path))`` does the same."""
    from ..io.efg import parse_efg

    return TreeArrays.from_game(parse_efg(text, source))


def _depths(parent: np.ndarray) -> np.ndarray:
    """Depth of every node by pointer doubling (log of the depth many passes)."""
    up = np.where(parent < 0, 0, parent)
    dist = (parent >= 0).astype(np.int64)
    while (up != 0).any():
        dist = dist + dist[up]
        up = up[up]
    return dist
