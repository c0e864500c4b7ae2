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


@dataclass(frozen=True)
class ArraySolution:
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
    """Read a Gambit ``.efg`` straight into node tables (payoffs as floats).

    Files with one node per line, personal moves whose information-set description is
    repeated at every member, and decimal or integer payoffs on terminal nodes (what
    Gambit writes for a game with payoffs only at the leaves) are read with numpy over
    the bytes, with no Python work per node. Anything else (chance nodes, outcomes on
    inner nodes, rationals, escapes) is read by :func:`~gametheory.io.efg.parse_efg`
    and converted, so the answer is the same either way.
    """
    tables = _vectorised_efg(text)
    if tables is not None:
        return tables
    from ..io.efg import parse_efg

    return TreeArrays.from_game(parse_efg(text, source))


def _vectorised_efg(text: str) -> TreeArrays | None:
    from ..io.efg import _HEADER, _QUOTED

    head = _HEADER.match(text)
    if head is None or "\\" in text:
        return None
    players = tuple(_QUOTED.findall(head.group(3)))
    n_players = len(players)
    raw = np.frombuffer(text[head.end():].encode(), dtype=np.uint8)
    if not n_players or raw.size == 0:
        return None
    newline = np.flatnonzero(raw == 10)
    starts = np.concatenate(([0], newline + 1))
    ends = np.concatenate((newline, [raw.size]))
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    kind = raw[starts]
    is_t, is_p = kind == ord("t"), kind == ord("p")
    if not (is_t | is_p).all():
        return None  # chance nodes, indentation, blank lines with spaces: general reader
    # Counting by binary search over the positions of quotes and braces: no pass over
    # the bytes beyond finding them.
    quote_at = np.flatnonzero(raw == ord('"'))
    brace_at = np.flatnonzero(raw == ord("{"))
    q_first = np.searchsorted(quote_at, starts)
    n_quotes = np.searchsorted(quote_at, ends) - q_first
    b_first = np.searchsorted(brace_at, starts)
    n_opens = np.searchsorted(brace_at, ends) - b_first
    # p "label" P I "infoset" { "a" "b" } 0  -> one brace pair; 4 + 2k quotes.
    if (n_opens != 1).any() or (n_quotes[is_t] != 4).any():
        return None
    arity = np.where(is_p, (n_quotes - 4) // 2, 0)
    if (arity[is_p] < 1).any():
        return None
    # The player number follows the label's closing quote: 'p "label" 1 '.
    label_end = quote_at[q_first[is_p] + 1]
    digit = raw[label_end + 2].astype(np.int64) - ord("0")
    if ((digit < 1) | (digit > min(n_players, 9)) | (raw[label_end + 3] != ord(" "))).any():
        return None
    # Terminal payoffs: the bytes inside each terminal line's braces, gathered at once.
    seg_start = brace_at[b_first[is_t]] + 1
    seg_len = ends[is_t] - seg_start
    offsets = np.concatenate(([0], np.cumsum(seg_len)[:-1]))
    gather = np.arange(int(seg_len.sum())) + np.repeat(seg_start - offsets, seg_len)
    chunk = raw[gather]
    chunk = np.where((chunk == ord("}")) | (chunk == ord(",")), ord(" "), chunk).astype(np.uint8)
    if (chunk == ord("/")).any() or (chunk == ord('"')).any() or (chunk == ord("{")).any():
        return None
    values = _integers(chunk)
    if values is None:
        values = np.array(chunk.tobytes().split(), dtype=float)
    if values.size != int(is_t.sum()) * n_players:
        return None
    n = kind.size
    parent = _preorder_parents(arity)
    if parent is None:
        return None
    depth = _depths(parent)
    order = np.argsort(depth, kind="stable")
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    inner = arity > 0
    first_child = np.full(n, -1, dtype=np.int64)
    first_child[position[inner]] = position[np.flatnonzero(inner) + 1]
    n_children = np.zeros(n, dtype=np.int64)
    n_children[position] = arity
    player = np.full(n, TERMINAL, dtype=np.int64)
    player[position[is_p]] = digit - 1
    outcome = np.zeros((n, n_players))
    outcome[position[is_t]] = values.reshape(-1, n_players)
    counts = np.bincount(depth)
    bounds = np.concatenate(([0], np.cumsum(counts)))
    levels = tuple((int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:]))
    return TreeArrays(players, first_child, n_children, player, np.ones(n), outcome, levels)


def _integers(chunk: np.ndarray) -> np.ndarray | None:
    """Space-separated integers parsed with digit arithmetic (``None`` if any token is
    not a plain integer of at most 15 digits): several times faster than ``float()``
    on each token."""
    space = chunk == ord(" ")
    solid = ~space
    start = solid & np.concatenate(([True], space[:-1]))
    end = solid & np.concatenate((space[1:], [True]))
    minus = chunk == ord("-")
    if (minus & ~start).any():
        return None
    digit = solid & ~minus
    if ((chunk[digit] < ord("0")) | (chunk[digit] > ord("9"))).any():
        return None
    token = np.cumsum(start) - 1
    last = np.flatnonzero(end)
    where = np.flatnonzero(digit)
    power = last[token[where]] - where
    if power.size and power.max() > 15:
        return None
    parts = (chunk[where].astype(np.float64) - ord("0")) * 10.0**power
    values = np.bincount(token[where], weights=parts, minlength=last.size)
    values[minus[np.flatnonzero(start)]] *= -1
    return values


def _preorder_parents(arity: np.ndarray) -> np.ndarray | None:
    """Parents of nodes listed in preorder with their numbers of children.

    Before node ``i`` the stack of open child slots has height
    ``h_i = 1 + sum_{j<i} (arity_j - 1)``; node ``i`` fills the top slot, which belongs
    to the latest earlier node with ``h_j <= h_i``. One vectorised pass per height.
    """
    n = arity.size
    height = np.concatenate(([1], 1 + np.cumsum(arity[:-1] - 1)))
    if (height[1:] < 1).any() or 1 + (arity - 1).sum() != 0:
        return None  # not a tree: slots run out early, or children are missing
    top = int(height.max())
    if top * n > 400_000_000:
        return None
    index = np.arange(n)
    parent = np.full(n, -1, dtype=np.int64)
    for v in range(1, top + 1):
        rows = np.flatnonzero(height == v)
        rows = rows[rows > 0]
        if rows.size == 0:
            continue
        latest = np.maximum.accumulate(np.where(height <= v, index, -1))
        parent[rows] = latest[rows - 1]
    return parent


def _depths(parent: np.ndarray) -> np.ndarray:
    """Depth of every node by pointer doubling (log of the depth many passes)."""
    up = np.where(parent < 0, 0, parent)
    dist = (parent >= 0).astype(np.int64)
    while (up != 0).any():
        dist = dist + dist[up]
        up = up[up]
    return dist
