"""The project's JSON/TOML definition of a game tree, read into nodes and written from a
game's tables (:meth:`ExtensiveFormGame.from_definition
<gametheory.games.extensive_form.ExtensiveFormGame.from_definition>` and
:meth:`~gametheory.games.extensive_form.ExtensiveFormGame.to_definition`). Both walk
the tree without recursion, so deep trees are read and written.

>>> from gametheory.games.tree_definition import root_from_definition
>>> root_from_definition({"players": ["A"], "root": {"payoffs": [1]}})
(Terminal([1]), ['A'], '')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import sympy as sp

from ..errors import ParseError
from ..symbolic import parse_formula
from .tree_nodes import Chance, Decision, Terminal, path_text

if TYPE_CHECKING:
    from .extensive_form import ExtensiveFormGame

__all__ = ["root_from_definition", "definition_of"]


def root_from_definition(
    data: Mapping[str, Any], names: Mapping[str, sp.Symbol] | None = None, source: str = "<definition>"
) -> tuple[Any, list[str], str]:
    """The root node, the players and the title of a definition (schema in
    :meth:`ExtensiveFormGame.from_definition
    <gametheory.games.extensive_form.ExtensiveFormGame.from_definition>`); errors are
    :class:`~gametheory.errors.ParseError` naming ``source`` and the node."""
    if not isinstance(data, Mapping):
        raise ParseError("an extensive-form definition must be a table", source)
    players = data.get("players")
    if not isinstance(players, list | tuple) or not players:
        raise ParseError("an extensive-form definition needs a list of 'players'", source)
    if "root" not in data:
        raise ParseError("an extensive-form definition needs a 'root' node", source)

    if not all(isinstance(p, str) for p in players):
        raise ParseError("an extensive-form definition's 'players' must be names (text)", source)

    # Two passes with explicit stacks (no recursion: a definition may be deep): the
    # raw nodes in preorder with their parent and edge label, then the node objects
    # from the leaves up. A node's path is rebuilt from the parents only for messages.
    raws: list[Any] = []
    parent: list[int] = []
    edge: list[str] = []

    def path_of(k: int) -> tuple[str, ...]:
        out: list[str] = []
        while k > 0:
            out.append(edge[k])
            k = parent[k]
        return tuple(reversed(out))

    def fail(k: int, message: str) -> ParseError:
        return ParseError(f"node {path_text(path_of(k))}: {message}", source)

    def number(value: Any, k: int) -> Any:
        if isinstance(value, str):
            return parse_formula(value, names, source=f"{source}: node {path_text(path_of(k))}")
        return value

    def payoffs(raw: Any, k: int) -> Any:
        if isinstance(raw, Mapping):
            return {key: number(v, k) for key, v in raw.items()}
        if isinstance(raw, list | tuple):
            return [number(v, k) for v in raw]
        raise fail(k, "payoffs must be a list or table")

    todo: list[tuple[Any, int, str]] = [(data["root"], -1, "")]
    kids: list[list[tuple[str, Any, int]]] = []  # (action, probability, child index)
    while todo:
        raw, up, action = todo.pop()
        k = len(raws)
        raws.append(raw)
        parent.append(up)
        edge.append(action)
        kids.append([])
        if up >= 0:
            kids[up].append((action, None, k))
        if not isinstance(raw, Mapping):
            raise fail(k, "a node must be a table")
        if "payoffs" in raw:
            continue
        if "chance" in raw:
            table = raw["chance"]
            if not isinstance(table, Mapping):
                raise fail(k, "'chance' must be a table")
            for a, item in reversed(list(table.items())):
                if not isinstance(item, list | tuple) or len(item) != 2:
                    raise fail(k, f"chance outcome {a!r} must be [probability, node]")
                todo.append((item[1], k, a))
        elif "player" in raw and "actions" in raw:
            acts = raw["actions"]
            if not isinstance(acts, Mapping):
                raise fail(k, "'actions' must be a table")
            for a, sub in reversed(list(acts.items())):
                todo.append((sub, k, a))
        else:
            raise fail(k, "a node needs 'payoffs', 'chance', or 'player' and 'actions'")

    built: list[Any] = [None] * len(raws)
    for k in range(len(raws) - 1, -1, -1):
        raw = raws[k]
        label = str(raw.get("label", ""))
        if "payoffs" in raw:
            built[k] = Terminal(payoffs(raw["payoffs"], k), label=label)
            continue
        out = raw.get("outcome")
        out = None if out is None else payoffs(out, k)
        children = {a: built[c] for a, _q, c in kids[k]}
        for _a, _q, c in kids[k]:
            built[c] = None  # each object is held once, by its parent
        if "chance" in raw:
            branches = {a: (number(raw["chance"][a][0], k), sub) for a, sub in children.items()}
            built[k] = Chance(branches, raw.get("infoset"), out, label)
        else:
            built[k] = Decision(raw["player"], raw.get("infoset"), children, out, label)
    return built[0], list(players), str(data.get("title", ""))


def definition_of(game: ExtensiveFormGame) -> dict[str, Any]:
    """The definition table of ``game`` (inverse of :func:`root_from_definition`)."""
    def text(v: sp.Expr) -> Any:
        return str(v)

    # From the leaves up (nodes are in preorder), without recursion.
    tables: list[Any] = [None] * len(game.kind)
    for i in range(len(game.kind) - 1, -1, -1):
        if game.kind[i] == "terminal":
            tables[i] = {"payoffs": [text(v) for v in game.outcomes[i] or ()]}
            continue
        out: dict[str, Any] = {}
        if game.outcomes[i] is not None:
            out["outcome"] = [text(v) for v in game.outcomes[i] or ()]
        if game.kind[i] == "chance":
            out["chance"] = {
                a: [text(p), tables[c]]
                for a, p, c in zip(game.actions[i], game.probabilities[i], game.children[i])
            }
            out["infoset"] = game.infoset[i]
        else:
            out.update(
                player=game.players[game.player[i]],
                infoset=game.infoset[i],
                actions={a: tables[c] for a, c in zip(game.actions[i], game.children[i])},
            )
        for c in game.children[i]:
            tables[c] = None
        tables[i] = out
    root = tables[0]
    return {"type": "extensive_form", "title": game.title, "players": list(game.players), "root": root}
