"""Between node objects and a game tree's tables: building, validating, rebuilding.

:func:`flatten_nodes` walks a tree written with :class:`~gametheory.games.tree_nodes.Decision`,
:class:`~gametheory.games.tree_nodes.Chance` and :class:`~gametheory.games.tree_nodes.Terminal`
(with an explicit stack: K-step games can be deep) and returns the tables in preorder
that :class:`~gametheory.games.extensive_form.ExtensiveFormGame` holds. Numbers are made
exact, chance probabilities must sum to one, and every error names the node by its path
of action labels (spelt only when an error is raised: a deep node's path costs time
linear in its depth). :func:`node_objects` turns the tables back into node objects.

Examples
--------
>>> from gametheory.games.tree_nodes import Decision, Terminal
>>> tables = flatten_nodes(Decision("A", "a", {"L": Terminal([1]), "R": Terminal([0])}), ("A",))
>>> tables["kind"], tables["children"], tables["outcomes"][1]
(('decision', 'terminal', 'terminal'), [(1, 2), (), ()], (1,))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sympy as sp

from ..errors import GameError, ValidationError
from ..symbolic import exact, is_exact
from .tree_nodes import Chance, Decision, Terminal, path_text

if TYPE_CHECKING:
    from .extensive_form import ExtensiveFormGame

__all__ = ["flatten_nodes", "node_objects", "subtree", "payoff_vector", "exact_at"]


def exact_at(value: Any, template: str, *parts: Any) -> sp.Expr:
    """:func:`exact`, with the place ``template.format(*parts)`` formatted only when
    ``value`` is bad (a deep node's path costs time linear in its depth to spell)."""
    try:
        return exact(value)
    except GameError:
        return exact(value, where=template.format(*parts))


def payoff_vector(players: tuple[str, ...], raw: Any, where: Any, what: str) -> tuple[sp.Expr, ...]:
    """The payoff vector ``raw`` (a sequence, or a mapping player -> payoff) as exact
    numbers, one per player of ``players``; ``where`` says ``node ...`` when
    formatted, which happens only on an error (formatting a deep node's path costs
    time linear in its depth)."""
    n = len(players)
    if isinstance(raw, Mapping):
        unknown = [k for k in raw if k not in players]
        if unknown:
            raise ValidationError(
                f"{where}: {what} names unknown player(s) {unknown}; players are {list(players)}"
            )
        raw = [raw.get(p, 0) for p in players]
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        raise ValidationError(f"{where}: {what} must be a sequence or mapping, got {raw!r}")
    if len(raw) != n:
        raise ValidationError(f"{where}: {what} has {len(raw)} entries for {n} players")
    return tuple(exact_at(v, "{} of {} at {}", what, p, where) for v, p in zip(raw, players))


def flatten_nodes(root: Any, players: tuple[str, ...]) -> dict[str, Any]:
    """The node tables of the tree under ``root``, in preorder (node 0 the root), as
    :class:`~gametheory.games.extensive_form.ExtensiveFormGame` holds them: ``kind``,
    ``parent``, ``children``, ``actions``, ``player``, ``infoset``, ``probabilities``,
    ``outcomes``, ``labels``.

    Every node is validated on the way; an error names the node by its path of action
    labels. Information sets are checked afterwards, by the game.
    """
    kinds: list[str] = []
    # Paths are not stored per node (a chain of depth d would hold d^2/2 labels):
    # each node keeps the label of the edge into it, and a path is rebuilt on need.
    edge: list[str] = []
    parent_of: list[int] = []
    actions: list[tuple[str, ...]] = []
    player: list[int] = []
    infoset: list[str | None] = []
    probabilities: list[tuple[sp.Expr, ...]] = []
    outcomes: list[tuple[sp.Expr, ...] | None] = []
    labels_of: list[str] = []
    seen: dict[int, int] = {}
    defaulted: list[int] = []  # nodes whose information set is named by default

    def path_to(i: int) -> tuple[str, ...]:
        out: list[str] = []
        while i > 0:
            out.append(edge[i])
            i = parent_of[i]
        return tuple(reversed(out))

    class _Where:  # "node a > b", formatted only when an error is raised
        def __init__(self, i: int) -> None:
            self.i = i

        def __str__(self) -> str:
            return f"node {path_text(path_to(self.i))}"

        __format__ = lambda self, spec: format(str(self), spec)  # noqa: E731

    # An explicit stack, not recursion: K-step games can be deep.
    stack: list[tuple[Any, str, int]] = [(root, "", -1)]
    pending_children: list[list[int]] = []
    while stack:
        node, action, parent = stack.pop()
        idx = len(kinds)
        edge.append(action)
        where = _Where(idx)
        if id(node) in seen and not isinstance(node, str | int):
            parent_of.append(parent)
            raise ValidationError(
                f"{where}: this node object is already in the tree at node "
                f"{path_text(path_to(seen[id(node)]))}; a node may be reached only once"
            )
        seen[id(node)] = idx
        parent_of.append(parent)
        if parent >= 0:
            pending_children[parent].append(idx)
        pending_children.append([])
        labels_of.append(str(getattr(node, "label", "") or ""))
        if isinstance(node, Terminal):
            kinds.append("terminal")
            actions.append(())
            player.append(-1)
            infoset.append(None)
            probabilities.append(())
            outcomes.append(payoff_vector(players, node.payoffs, where, "payoffs"))
            continue
        if isinstance(node, Decision):
            kinds.append("decision")
            pl = node.player
            if isinstance(pl, int) and not isinstance(pl, bool) and 0 <= pl < len(players):
                pi = pl
            elif pl in players:
                pi = players.index(pl)
            else:
                raise ValidationError(
                    f"{where}: unknown player {pl!r}; players are {list(players)}"
                )
            player.append(pi)
            branches = node.actions
            if not isinstance(branches, Mapping) or not branches:
                raise ValidationError(f"{where}: actions must be a non-empty mapping label -> node")
            labels = tuple(branches)
            subtrees = [branches[a] for a in labels]
            probabilities.append(())
            label = node.infoset
            if label is None:
                label = f"{players[pi]}@{idx}"
                defaulted.append(idx)
        elif isinstance(node, Chance):
            kinds.append("chance")
            player.append(-1)
            branches = node.outcomes
            if not isinstance(branches, Mapping) or not branches:
                raise ValidationError(f"{where}: chance outcomes must be a non-empty mapping")
            labels = tuple(branches)
            probs = []
            subtrees = []
            for a in labels:
                item = branches[a]
                if not isinstance(item, tuple | list) or len(item) != 2:
                    raise ValidationError(
                        f"{where}: chance outcome {a!r} must be (probability, subtree)"
                    )
                p = exact_at(item[0], "probability of {!r} at {}", a, where)
                if p.is_number and p < 0:
                    raise ValidationError(f"{where}: probability of {a!r} is negative ({p})")
                probs.append(p)
                subtrees.append(item[1])
            total = sp.nsimplify(sum(probs)) if is_exact(*probs) else sum(probs)
            total = sp.simplify(total) if not total.is_number else total
            if total.is_number and abs(total - 1) > (0 if is_exact(*probs) else 1e-9):
                raise ValidationError(f"{where}: chance probabilities sum to {total}, not 1")
            if not total.is_number and sp.simplify(total - 1) != 0:
                raise ValidationError(f"{where}: chance probabilities sum to {total}, not 1")
            probabilities.append(tuple(probs))
            label = node.infoset
            if label is None:
                label = f"chance@{idx}"
                defaulted.append(idx)
        else:
            raise ValidationError(
                f"{where}: expected Decision, Chance or Terminal, got {type(node).__name__}"
            )
        if not isinstance(label, str):
            raise ValidationError(
                f"{where}: an information set is named by text, got {label!r}")
        for a in labels:
            if not isinstance(a, str) or not a:
                raise ValidationError(f"{where}: action label {a!r} must be a non-empty string")
        actions.append(labels)
        infoset.append(label)
        outcomes.append(
            None if node.outcome is None else payoff_vector(players, node.outcome, where, "outcome")
        )
        for a, sub in reversed(list(zip(labels, subtrees))):
            stack.append((sub, a, idx))
    children = [tuple(c) for c in pending_children]
    if defaulted:  # a name given by hand may not take a default name (it would merge sets)
        own = set(defaulted)
        named = {infoset[i]: i for i in range(len(kinds))
                 if infoset[i] is not None and i not in own}
        for i in defaulted:
            if infoset[i] in named:
                raise ValidationError(
                    f"node {path_text(path_to(named[infoset[i]]))}: the information set "
                    f"name {infoset[i]!r} is the default name of node "
                    f"{path_text(path_to(i))}; choose another name")
    return {"kind": tuple(kinds), "parent": parent_of, "children": children, "actions": actions,
            "player": player, "infoset": infoset, "probabilities": probabilities,
            "outcomes": outcomes, "labels": labels_of}


def node_objects(game: ExtensiveFormGame, i: int) -> Any:
    """The node objects (Decision, Chance, Terminal) of the subtree at node ``i`` of a
    game: the inverse of :func:`flatten_nodes`, its root returned."""
    stack_out: dict[int, Any] = {}
    order = subtree(game, i)
    for j in reversed(order):
        if game.kind[j] == "terminal":
            stack_out[j] = Terminal(game.leaf_payoff_part(j), game.labels[j])
        elif game.kind[j] == "chance":
            stack_out[j] = Chance(
                {a: (p, stack_out[c]) for a, p, c in zip(game.actions[j], game.probabilities[j], game.children[j])},
                game.infoset[j], game.outcomes[j], game.labels[j],
            )
        else:
            stack_out[j] = Decision(
                game.players[game.player[j]], game.infoset[j],
                {a: stack_out[c] for a, c in zip(game.actions[j], game.children[j])},
                game.outcomes[j], game.labels[j],
            )
    return stack_out[i]


def subtree(game: ExtensiveFormGame, i: int) -> list[int]:
    """Nodes of the subtree at ``i`` in preorder (they are contiguous indices)."""
    end = i + 1
    stack = [i]
    while stack:
        j = stack.pop()
        end = max(end, j + 1)
        stack.extend(game.children[j])
    return list(range(i, end))
