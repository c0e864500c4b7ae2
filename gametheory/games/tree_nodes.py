"""The nodes of a game tree as it is written in Python (:class:`Decision`, :class:`Chance`,
:class:`Terminal`), and what a built tree reports about itself (:class:`InformationSet`,
:class:`Play`); :class:`~gametheory.games.extensive_form.ExtensiveFormGame` flattens
the nodes into tables.

>>> from gametheory.games.tree_nodes import Decision, Terminal, path_text
>>> Decision("A", None, {"L": Terminal([1, 0]), "R": Terminal([0, 1])})
Decision('A', None, ['L', 'R'])
>>> path_text(("In", "Fight")), path_text(())
('In > Fight', 'root')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

__all__ = ["Decision", "Chance", "Terminal", "InformationSet", "Play", "path_text", "ROOT"]

ROOT = "root"


class Terminal:
    """A leaf: one payoff per player (a sequence in player order or a mapping by name)."""

    __slots__ = ("payoffs", "label")

    def __init__(self, payoffs: Sequence[Any] | Mapping[str, Any], label: str = "") -> None:
        self.payoffs = payoffs
        self.label = label

    def __repr__(self) -> str:
        return f"Terminal({self.payoffs!r})"


class Decision:
    """A move by ``player`` at information set ``infoset`` with labelled ``actions``.

    ``infoset`` is a label shared by every node of the same information set (``None``
    gives the node a set of its own, named ``player@i`` with ``i`` the node's preorder
    index: a name of constant size, so a deep tree costs memory linear in its nodes). ``outcome`` is a payoff vector received on
    reaching the node, added to the payoffs below it.
    """

    __slots__ = ("player", "infoset", "actions", "outcome", "label")

    def __init__(
        self,
        player: str | int,
        infoset: str | None,
        actions: Mapping[str, Any],
        outcome: Sequence[Any] | Mapping[str, Any] | None = None,
        label: str = "",
    ) -> None:
        self.player = player
        self.infoset = infoset
        self.actions = actions
        self.outcome = outcome
        self.label = label

    def __repr__(self) -> str:
        return f"Decision({self.player!r}, {self.infoset!r}, {list(self.actions)!r})"


class Chance:
    """A move of nature: ``outcomes`` maps a label to ``(probability, subtree)``."""

    __slots__ = ("outcomes", "infoset", "outcome", "label")

    def __init__(
        self,
        outcomes: Mapping[str, tuple[Any, Any]],
        infoset: str | None = None,
        outcome: Sequence[Any] | Mapping[str, Any] | None = None,
        label: str = "",
    ) -> None:
        self.outcomes = outcomes
        self.infoset = infoset
        self.outcome = outcome
        self.label = label

    def __repr__(self) -> str:
        return f"Chance({ {k: v[0] for k, v in self.outcomes.items()}!r})"


@dataclass(frozen=True)
class InformationSet:
    """An information set: its label, its player (``None`` for chance), actions, member nodes."""

    label: str
    player: str | None
    actions: tuple[str, ...]
    members: tuple[int, ...]

    @classmethod
    def checked(cls, label: str, player: str | None, actions: tuple[str, ...], members: tuple[int, ...]) -> InformationSet:
        """The same object as the constructor gives, made without the frozen-attribute
        checks: for readers building hundreds of thousands of sets they have checked
        (the ``infosets`` a loader of :meth:`ExtensiveFormGame.from_loader` returns).

        Examples
        --------
        >>> InformationSet.checked("a", "A", ("L", "R"), (0,)) == InformationSet("a", "A", ("L", "R"), (0,))
        True
        """
        new = object.__new__(cls)
        new.__dict__.update(label=label, player=player, actions=actions, members=members)
        return new


@dataclass(frozen=True)
class Play:
    """What a behaviour profile does: the terminals it reaches and the expected payoffs.

    ``path`` is the sequence of actions taken for certain from the root (the whole path
    of play when it is deterministic).
    """

    payoffs: tuple[sp.Expr, ...]
    terminals: tuple[tuple[tuple[str, ...], sp.Expr], ...]
    path: tuple[str, ...]


def path_text(path: Sequence[str]) -> str:
    """The readable name of a node: its actions joined by ``' > '``, or ``root``."""
    return " > ".join(path) if path else ROOT
