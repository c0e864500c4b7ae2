"""Games in extensive form: decision, chance and terminal nodes, information sets, outcomes.

A tree is written as it reads: a :class:`Decision` names the player, the information
set and a mapping from action labels to subtrees; a :class:`Chance` maps outcome labels
to ``(probability, subtree)``; a :class:`Terminal` holds a payoff per player. Payoffs
may also sit on non-terminal nodes (Gambit's outcomes); a player's payoff at a leaf is
the sum of the outcomes along its path. Numbers are made exact; formulas in
parameters are kept as sympy expressions.

On construction the tree is flattened into tables indexed in preorder (node 0 is the
root) and validated (:mod:`gametheory.games.tree_building`); every error names the node
by its path of action labels. Play, reduced strategies and the reduced normal form are
computed in :mod:`gametheory.games.tree_strategies`.

Examples
--------
>>> import gametheory as gt
>>> entry = gt.ExtensiveFormGame(
...     gt.Decision("Entrant", "entrant", {
...         "Out": gt.Terminal([0, 2]),
...         "In": gt.Decision("Incumbent", "incumbent", {
...             "Fight": gt.Terminal([-1, -1]),
...             "Accommodate": gt.Terminal([1, 1])})}),
...     players=["Entrant", "Incumbent"], title="Entry deterrence")
>>> entry.is_perfect_information, len(entry.infosets)
(True, 2)
>>> entry.play({"Entrant": {"entrant": "In"}, "Incumbent": {"incumbent": "Fight"}}).payoffs
(-1, -1)
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from ..errors import ValidationError
from ..symbolic import free_parameters, is_exact, substitute, to_fraction
from . import tree_strategies, tree_structure
from .normal_form import NormalFormGame
from .tree_building import flatten_nodes, node_objects
from .tree_nodes import ROOT, Chance, Decision, InformationSet, Play, Terminal, path_text

__all__ = [
    "Decision",
    "Chance",
    "Terminal",
    "InformationSet",
    "Play",
    "ExtensiveFormGame",
]

class ExtensiveFormGame:
    """A finite game in extensive form.

    Parameters
    ----------
    root
        The root node (:class:`Decision`, :class:`Chance` or :class:`Terminal`).
    players
        Player names, in the order of payoff vectors.
    title
        A name for the game.

    Attributes (tables in preorder, node 0 is the root)
    ----------------------------------------------------
    kind
        ``"decision"``, ``"chance"`` or ``"terminal"`` per node (a read-only tuple).
    paths, parent, children, actions
        The action labels leading to each node, its parent (-1 at the root), its
        children and the labels of the edges to them.
    player
        Player index at decision nodes, -1 elsewhere.
    infoset
        The information-set label of decision and chance nodes (``None`` at terminals).
    probabilities
        At chance nodes, the probability of each child.
    outcomes
        The payoff vector received at each node (``None`` where there is none).
    """

    # The node tables, installed by _set_tables (at once, or on first use for a game
    # from from_loader).
    _kind: tuple[str, ...]
    parent: list[int]
    children: list[tuple[int, ...]]
    actions: list[tuple[str, ...]]
    player: list[int]
    infoset: list[str | None]
    probabilities: list[tuple[sp.Expr, ...]]
    outcomes: list[tuple[sp.Expr, ...] | None]
    labels: list[str]
    _paths: list[tuple[str, ...]] | None
    _infosets: dict[str, InformationSet]
    _cache: dict[str, Any]

    def __init__(self, root: Any, players: Sequence[str], title: str = "") -> None:
        players = tuple(players)
        if not players or any(not isinstance(p, str) or not p.strip() for p in players):
            raise ValidationError(f"players must be non-empty names, got {players!r}")
        if len(set(players)) != len(players):
            raise ValidationError(f"player names must be distinct, got {players!r}")
        self.players: tuple[str, ...] = players
        self.title = title
        self._set_tables(**flatten_nodes(root, players))

    # ------------------------------------------------------------------ building
    def _finish(self) -> None:
        members: dict[str, list[int]] = {}
        for i, lab in enumerate(self.infoset):
            if lab is not None:
                members.setdefault(lab, []).append(i)
        infosets: dict[str, InformationSet] = {}
        for lab, nodes in members.items():
            first = nodes[0]
            for other in nodes[1:]:
                where = f"information set {lab!r}: node {path_text(self.path_of(other))}"
                if self.player[other] != self.player[first] or self.kind[other] != self.kind[first]:
                    raise ValidationError(
                        f"{where} has a different player from node {path_text(self.path_of(first))}"
                    )
                if self.probabilities[other] != self.probabilities[first] and not all(
                    sp.simplify(a - b) == 0
                    for a, b in zip(self.probabilities[other], self.probabilities[first])
                ):
                    raise ValidationError(
                        f"{where} has chance probabilities {list(self.probabilities[other])}, node "
                        f"{path_text(self.path_of(first))} has {list(self.probabilities[first])}; "
                        "one chance information set has one distribution"
                    )
                if self.actions[other] != self.actions[first]:
                    raise ValidationError(
                        f"{where} has actions {list(self.actions[other])}, node "
                        f"{path_text(self.path_of(first))} has {list(self.actions[first])}"
                    )
            pl = self.players[self.player[first]] if self.kind[first] == "decision" else None
            infosets[lab] = InformationSet(lab, pl, self.actions[first], tuple(nodes))
        self._infosets = infosets
        self._cache: dict[str, Any] = {}

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_tables(
        cls,
        players: Sequence[str],
        kind: Sequence[str],
        parent: list[int],
        actions: list[tuple[str, ...]],
        player: list[int],
        infoset: list[str | None],
        probabilities: list[tuple[sp.Expr, ...]],
        outcomes: list[tuple[sp.Expr, ...] | None],
        labels: list[str] | None = None,
        title: str = "",
    ) -> ExtensiveFormGame:
        """A game from node tables in preorder (node 0 the root), as file readers build
        them: no per-node objects. Information sets are validated; the tables are trusted
        to describe a tree whose children follow their parent in preorder. Repeated or
        empty player names are numbered as pygambit numbers them
        (:func:`gametheory.io.labels.unique_labels`)."""
        from ..io.labels import unique_labels

        new = object.__new__(cls)
        new.players = unique_labels(players)
        new.title = title
        new._set_tables(kind, parent, actions, player, infoset, probabilities, outcomes, labels)
        return new

    @classmethod
    def from_loader(cls, players: Sequence[str], title: str, n_nodes: int, loader: Any) -> ExtensiveFormGame:
        """A game of ``n_nodes`` nodes whose tables are built on first use by ``loader()``.

        This is the one entry of the fast file readers (:mod:`gametheory.io.efg_fast`):
        a reader that has already validated a big file (tree shape, information sets,
        numbers) returns such a game, so that reading costs no Python object per node.
        ``loader()`` returns either the arguments of :meth:`from_tables` after ``players``
        (``kind`` ... ``labels``) as a sequence, or a mapping of them that may add
        ``children`` (per node, in preorder) and ``infosets`` (label ->
        :class:`InformationSet`, see :meth:`InformationSet.checked`), which are then
        trusted. The tables, and so every attribute, are the same as
        :meth:`from_tables` would give. A loader may also offer ``node_arrays()``, the
        tree as arrays (see :meth:`lazy_node_arrays`).

        Examples
        --------
        >>> import gametheory as gt
        >>> def loader():
        ...     return (["decision", "terminal", "terminal"], [-1, 0, 0], [("L", "R"), (), ()],
        ...             [0, -1, -1], ["a", None, None], [(), (), ()], [None, (1,), (0,)], None)
        >>> g = gt.ExtensiveFormGame.from_loader(["A"], "lazy", 3, loader)
        >>> g.tables_built, len(g), g.kind, g.tables_built
        (False, 3, ('decision', 'terminal', 'terminal'), True)
        """
        from ..io.labels import unique_labels

        new = object.__new__(cls)
        new.players = unique_labels(players)
        new.title = title
        new.__dict__["_n_nodes"] = n_nodes
        new.__dict__["_loader"] = loader
        return new

    @property
    def tables_built(self) -> bool:
        """Whether the node tables exist (``False`` for a game from :meth:`from_loader`
        until an attribute needs them)."""
        return "_loader" not in self.__dict__

    def lazy_node_arrays(self) -> dict[str, Any] | None:
        """The loader's arrays of a game from :meth:`from_loader` whose tables are not
        built yet (``None`` otherwise): ``parent``, ``arity``, ``player`` (0-based, -2 at
        terminals), ``payoffs`` (floats), ``perfect_information``, ``depth`` and ``prob``,
        as the fast ``.efg`` reader builds them (no Python object per node)."""
        loader = self.__dict__.get("_loader")
        if loader is None or not hasattr(loader, "node_arrays"):
            return None
        arrays: dict[str, Any] = loader.node_arrays()
        return arrays

    _DEFERRED = frozenset({
        "_kind", "parent", "children", "actions", "player", "infoset", "probabilities",
        "outcomes", "labels", "_paths", "_infosets", "_cache",
    })

    def __getattr__(self, name: str) -> Any:
        # Called only when normal lookup fails: the tables of a deferred game.
        loader = self.__dict__.get("_loader")
        if loader is None or name not in ExtensiveFormGame._DEFERRED:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        # Building the tables of a big tree allocates millions of small objects that hold
        # no cycles: pausing the cyclic collector meanwhile makes it about twice as fast.
        enabled = gc.isenabled()
        gc.disable()
        try:
            tables = loader()
            del self.__dict__["_loader"]
            if isinstance(tables, dict):  # with children and information sets, checked
                self._set_tables(**tables)
            else:
                self._set_tables(*tables)
        finally:
            if enabled:
                gc.enable()
        return self.__dict__[name]

    def _set_tables(
        self, kind: Sequence[str], parent: list[int], actions: list[tuple[str, ...]], player: list[int],
        infoset: list[str | None], probabilities: list[tuple[sp.Expr, ...]],
        outcomes: list[tuple[sp.Expr, ...] | None], labels: list[str] | None,
        children: list[tuple[int, ...]] | None = None,
        infosets: dict[str, InformationSet] | None = None,
    ) -> None:
        """Install the node tables. A reader that has already checked the information sets
        and found the children (the ``.efg`` scanner) passes ``children`` and ``infosets``."""
        new = self
        new._kind = tuple(kind)
        new.parent = parent
        new.actions = actions
        new.player = player
        new.infoset = infoset
        new.probabilities = probabilities
        new.outcomes = outcomes
        new.labels = labels if labels is not None else [""] * len(kind)
        if children is None:
            lists: list[list[int]] = [[] for _ in kind]
            for i, p in enumerate(parent):
                if p >= 0:
                    lists[p].append(i)
            children = [tuple(c) for c in lists]
        new.children = children
        new._paths = None
        if infosets is None:
            new._finish()
        else:
            new._infosets = infosets
            new._cache = {}

    @property
    def kind(self) -> tuple[str, ...]:
        """``"decision"``, ``"chance"`` or ``"terminal"`` per node, in preorder: a tuple,
        so that nothing can change the tree under the answers cached on it."""
        return self._kind

    def path_of(self, i: int) -> tuple[str, ...]:
        """The action labels leading to node ``i`` (without computing every path)."""
        if self._paths is not None:
            return self._paths[i]
        out: list[str] = []
        while i > 0:
            p = self.parent[i]
            out.append(self.actions[p][self.children[p].index(i)])
            i = p
        return tuple(reversed(out))

    @property
    def paths(self) -> list[tuple[str, ...]]:
        """The action labels leading to each node (computed on first use for big trees)."""
        if self._paths is None:
            paths: list[tuple[str, ...]] = [()] * len(self.kind)
            for i in range(1, len(self.kind)):
                p = self.parent[i]
                paths[i] = (*paths[p], self.actions[p][self.children[p].index(i)])
            self._paths = paths
        return self._paths

    @classmethod
    def from_definition(
        cls, data: Mapping[str, Any], names: Mapping[str, sp.Symbol] | None = None, source: str = "<definition>"
    ) -> ExtensiveFormGame:
        """A tree from the project's JSON/TOML definition.

        Schema::

            {"type": "extensive_form", "title": "...", "players": ["A", "B"],
             "root": NODE}
            NODE = {"player": "A", "infoset": "a1", "actions": {"L": NODE, ...},
                    "outcome": PAYOFFS}                           # decision
                 | {"chance": {"H": ["1/2", NODE], "T": ["p", NODE]}, "infoset": ...}
                 | {"payoffs": PAYOFFS}                           # terminal
            PAYOFFS = [x, y] | {"A": x, "B": y}

        ``infoset`` and ``outcome`` are optional. Numbers are JSON numbers or text;
        text is a formula in the declared parameter ``names``
        (:func:`~gametheory.symbolic.parse_formula`).
        """
        from .tree_definition import root_from_definition

        root, players, title = root_from_definition(data, names, source)
        return cls(root, players, title)

    def to_definition(self) -> dict[str, Any]:
        """The tree as a definition table (inverse of :meth:`from_definition`)."""

        from .tree_definition import definition_of

        return definition_of(self)

    def node(self, i: int) -> Any:
        """The node object (Decision, Chance or Terminal) rooted at node ``i``."""
        return node_objects(self, i)

    @property
    def root(self) -> Any:
        return self.node(0)

    # ------------------------------------------------------------------ properties
    def __len__(self) -> int:
        if "_loader" in self.__dict__:
            return int(self.__dict__["_n_nodes"])
        return len(self.kind)

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def infosets(self) -> dict[str, InformationSet]:
        """The information sets by label (chance information sets included)."""
        return dict(self._infosets)

    @property
    def terminals(self) -> list[int]:
        return [i for i, k in enumerate(self.kind) if k == "terminal"]

    def _distinct_numbers(self) -> list[Any]:
        """Every distinct payoff and probability of the tree (big trees share a few)."""
        if "distinct" not in self._cache:
            values = {v for o in set(self.outcomes) if o is not None for v in o}
            values.update(p for ps in set(self.probabilities) for p in ps)
            self._cache["distinct"] = list(values)
        return self._cache["distinct"]

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        if "parameters" not in self._cache:
            self._cache["parameters"] = free_parameters(self._distinct_numbers())
        return self._cache["parameters"]

    @property
    def is_numeric(self) -> bool:
        return not self.parameters

    @property
    def is_exact(self) -> bool:
        if "exact" not in self._cache:
            self._cache["exact"] = is_exact(*self._distinct_numbers())
        return self._cache["exact"]

    @property
    def is_perfect_information(self) -> bool:
        """True when every decision node is alone in its information set."""
        return all(
            len(h.members) == 1 for h in self._infosets.values() if h.player is not None
        )

    def index_of(self, path: Sequence[str] | str) -> int:
        """The node index at a path of action labels (or its ``' > '`` text)."""
        if isinstance(path, str):
            path = () if path in ("", ROOT) else tuple(p.strip() for p in path.split(">"))
        i = 0
        for depth, a in enumerate(path):
            if a not in self.actions[i]:
                raise ValidationError(
                    f"node {path_text(tuple(path[:depth]))} has no action {a!r}; "
                    f"actions are {list(self.actions[i])}"
                )
            i = self.children[i][self.actions[i].index(a)]
        return i

    def own_history(self, i: int, player: int) -> tuple[tuple[str, str], ...]:
        """The (infoset, action) moves of ``player`` on the path to node ``i``."""
        return tree_structure.own_history(self, i, player)

    @property
    def has_perfect_recall(self) -> bool:
        """True when each player remembers their own past moves at every information set."""
        return self.perfect_recall_violation() is None

    def perfect_recall_violation(self) -> str | None:
        """A sentence naming where perfect recall fails, or ``None``."""
        return tree_structure.perfect_recall_violation(self)

    def require_perfect_recall(self) -> None:
        problem = self.perfect_recall_violation()
        if problem is not None:
            raise ValidationError(f"the game lacks perfect recall: {problem}")

    def subgame_roots(self) -> list[int]:
        """Indices of the non-terminal nodes that root a subgame (the root included)."""
        if "subgames" not in self._cache:
            self._cache["subgames"] = tree_structure.subgame_roots(self)
        return self._cache["subgames"]  # type: ignore[no-any-return]

    def subgames(self) -> list[tuple[str, ...]]:
        """The paths of the roots of the proper subgames (every subgame but the whole game)."""
        return [self.path_of(i) for i in self.subgame_roots() if i != 0]

    def subgame(self, path: Sequence[str] | str) -> ExtensiveFormGame:
        """The subgame rooted at ``path`` as a game of its own (outcomes above it dropped)."""
        i = self.index_of(path)
        if i not in self.subgame_roots() and self.kind[i] != "terminal":
            raise ValidationError(f"node {path_text(self.path_of(i))} does not root a subgame")
        return ExtensiveFormGame(self.node(i), self.players, self.title)

    # ------------------------------------------------------------------ numbers
    def subs(self, values: Mapping[Any, Any]) -> ExtensiveFormGame:
        """The same tree with parameter values substituted (by symbol or name)."""
        self.kind  # noqa: B018 (a deferred game builds its tables before they are copied)
        new = object.__new__(ExtensiveFormGame)
        new.__dict__.update(self.__dict__)
        new.outcomes = [
            None if o is None else tuple(substitute(v, values) for v in o) for o in self.outcomes
        ]
        new.probabilities = [tuple(substitute(p, values) for p in ps) for ps in self.probabilities]
        for i, ps in enumerate(new.probabilities):
            if ps and all(p.is_number for p in ps):
                if any(p < 0 for p in ps):
                    raise ValidationError(
                        f"node {path_text(self.path_of(i))}: a chance probability is negative at these values"
                    )
        new._cache = {}
        return new

    def numeric_tables(self) -> tuple[list[tuple[Any, ...] | None], list[tuple[Any, ...]]]:
        """Outcomes and probabilities as Python numbers for fast loops: ints where the
        value is an integer, Fractions for other rationals (exact), floats (inexact)."""
        if "numeric" not in self._cache:
            if self.parameters:
                names = ", ".join(s.name for s in self.parameters)
                raise ValidationError(
                    f"this needs numbers; the tree has free parameters ({names}): use tree.subs({{...}})"
                )
            converted: dict[tuple[Any, ...], tuple[Any, ...]] = {}

            def numbers(values: tuple[Any, ...]) -> tuple[Any, ...]:
                # Each distinct tuple converted once (big trees repeat a few vectors).
                got = converted.get(values)
                if got is None:
                    got = converted[values] = tuple(
                        int(v) if isinstance(v, sp.Integer) else to_fraction(v) for v in values
                    )
                return got

            outs = [None if o is None else numbers(o) for o in self.outcomes]
            probs = [numbers(ps) for ps in self.probabilities]
            self._cache["numeric"] = (outs, probs)
        return self._cache["numeric"]

    # ------------------------------------------------------------------ play
    def information_set(self, label: str) -> InformationSet:
        """The information set named ``label``."""
        try:
            return self._infosets[label]
        except KeyError:
            raise ValidationError(f"the game has no information set {label!r}") from None

    def behavior_at(self, behavior: Mapping[str, Any], infoset: str) -> dict[str, sp.Expr]:
        """The action distribution that ``behavior`` gives at an information set.

        ``behavior`` maps player -> infoset -> action label (pure) or -> mapping
        action -> probability; a flat mapping infoset -> ... is accepted too.
        """
        return tree_strategies.behavior_at(self, behavior, infoset)

    def play(self, behavior: Mapping[str, Any]) -> Play:
        """The terminals reached by a behaviour profile, with probabilities, and expected payoffs."""
        return tree_strategies.play(self, behavior)

    # ------------------------------------------------------------------ normal form
    def reduced_strategies(self, player: str | int) -> list[dict[str, str]]:
        """The reduced pure strategies of a player: an action at each information set
        not ruled out by the player's own earlier actions (see
        :func:`~gametheory.games.tree_strategies.reduced_strategies`)."""
        pi = player if isinstance(player, int) else self.players.index(player)
        key = f"reduced{pi}"
        if key not in self._cache:
            self._cache[key] = tree_strategies.reduced_strategies(self, pi)
        return self._cache[key]  # type: ignore[no-any-return]

    def strategy_label(self, player: str | int, strategy: Mapping[str, str]) -> str:
        """A reduced strategy's label: its actions in information-set order, ``*`` where none."""
        pi = player if isinstance(player, int) else self.players.index(player)
        return tree_strategies.strategy_label(self, pi, strategy)

    def to_normal_form(self) -> NormalFormGame:
        """The reduced normal form: strategies that differ only where the player's own
        moves prevent play are merged. Payoffs are expected over chance."""
        if "normal" not in self._cache:
            self._cache["normal"] = tree_strategies.reduced_normal_form(self)
        return self._cache["normal"]  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveFormGame):
            return NotImplemented
        # Parents and action labels in preorder fix every path (comparing the paths
        # themselves would cost depth^2 on a deep tree).
        if (self.players, self.kind, self.parent, self.actions, self.player) != (
            other.players, other.kind, other.parent, other.actions, other.player
        ):
            return False
        if [h.members for h in self._infosets.values()] != [h.members for h in other._infosets.values()]:
            return False

        def same(a: Any, b: Any) -> bool:
            return all(sp.simplify(x - y) == 0 for x, y in zip(a, b))

        for i in range(len(self.kind)):
            if not same(self.probabilities[i], other.probabilities[i]):
                return False
            if self.kind[i] == "terminal" or self.outcomes[i] or other.outcomes[i]:
                if not same(self.leaf_payoff_part(i), other.leaf_payoff_part(i)):
                    return False
        return True

    __hash__ = None  # type: ignore[assignment]

    def leaf_payoff_part(self, i: int) -> tuple[sp.Expr, ...]:
        return self.outcomes[i] or (sp.Integer(0),) * self.n_players

    def __repr__(self) -> str:
        n_term = sum(1 for k in self.kind if k == "terminal")
        head = f"ExtensiveFormGame({self.title + ': ' if self.title else ''}players={self.players}, "
        return head + f"{len(self.kind)} nodes, {n_term} terminals, {len(self._infosets)} information sets)"
