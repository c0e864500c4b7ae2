"""The backward-induction engine: per-node multisets of SPE payoff vectors.

Rather than listing profiles, each node keeps the multiset of payoff vectors its
subgame's SPE give, as ``{vector: number of SPE}``: at a decision node of player
``i``, an action ``a`` with continuation value ``v`` is part of
``count(v) * prod_{b != a} #{w in SPE(b): w_i <= v_i}`` equilibria. The profiles
behind a payoff vector are enumerated lazily from the same tables, on an explicit
stack so that chains 10^5 moves deep do not exhaust Python's.

The numeric solver (:mod:`gametheory.solve.backward_induction`) and the symbolic one
(:mod:`gametheory.solve.spe_symbolic`) drive the same engine; the symbolic one ranks
the values at each node by the ordering that defines its piece.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from ..games.extensive_form import ExtensiveFormGame

__all__ = ["SPEEngine", "Vector"]

Vector = tuple[Any, ...]


def _add(a: Vector, b: Vector | None) -> Vector:
    return a if b is None else tuple(x + y for x, y in zip(a, b))


class SPEEngine:
    """Per-node SPE payoff multisets and the means to enumerate the profiles behind them.

    ``rank`` (symbolic pieces only) replaces numeric comparison at a node by the rank of
    each value in the ordering that defines the piece.
    """

    def __init__(self, game: ExtensiveFormGame, outcomes: list[Any], probs: list[Any], canon: Callable[[Any], Any]):
        self.game = game
        self.outcomes = outcomes
        self.probs = probs
        self.canon = canon
        self.dist: dict[int, dict[Vector, int]] = {}
        self.rank: dict[int, dict[Any, int]] = {}
        self.regions: dict[int, list[tuple[Vector, dict[str, Any], tuple[tuple[int, Vector], ...], int]]] = {}
        self.ties: list[int] = []
        # Symbolic pieces only: warnings that hold in the piece (multiplicity of the
        # equilibria of imperfect-information subgames), and whether the piece lies
        # where support enumeration found no equilibrium (degenerate values).
        self.notes: list[str] = []
        self.degenerate = False

    def merged(self, others: list[SPEEngine]) -> SPEEngine:
        """A fresh engine over the same tree holding the tables of ``others``."""
        eng = SPEEngine(self.game, self.outcomes, self.probs, self.canon)
        for e in others:
            eng.dist.update(e.dist)
            eng.rank.update(e.rank)
            eng.regions.update(e.regions)
            eng.ties.extend(e.ties)
            eng.notes.extend(e.notes)
            eng.degenerate = eng.degenerate or e.degenerate
        return eng

    def key(self, i: int) -> Callable[[Any], Any]:
        table = self.rank.get(i)
        return (lambda x: x) if table is None else table.__getitem__

    def terminal(self, i: int) -> None:
        self.dist[i] = {tuple(self.canon(v) for v in self.outcomes[i]): 1}

    def decision(self, i: int) -> None:
        g = self.game
        p = g.player[i]
        key = self.key(i)
        kids = g.children[i]
        sorted_keys = []
        for c in kids:
            items = sorted(((key(w[p]), n) for w, n in self.dist[c].items()), key=lambda t: t[0])
            sorted_keys.append(items)

        def at_most(b: int, x: Any) -> int:
            return sum(n for k, n in sorted_keys[b] if k <= x)

        out: dict[Vector, int] = {}
        best_by_action: list[set[Any]] = []
        for a, c in enumerate(kids):
            valid: set[Any] = set()
            for v, n in self.dist[c].items():
                x = key(v[p])
                weight = n
                for b in range(len(kids)):
                    if b != a:
                        weight *= at_most(b, x)
                        if not weight:
                            break
                if weight:
                    valid.add(x)
                    vec = tuple(self.canon(t) for t in _add(v, self.outcomes[i]))
                    out[vec] = out.get(vec, 0) + weight
            best_by_action.append(valid)
        if any(best_by_action[a] & best_by_action[b] for a in range(len(kids)) for b in range(a)):
            self.ties.append(i)
        self.dist[i] = out

    def chance(self, i: int) -> None:
        acc: dict[Vector, int] = {(0,) * self.game.n_players: 1}
        for q, c in zip(self.probs[i], self.game.children[i]):
            nxt: dict[Vector, int] = {}
            for v, n in acc.items():
                for w, m in self.dist[c].items():
                    vec = tuple(x + q * y for x, y in zip(v, w))
                    nxt[vec] = nxt.get(vec, 0) + n * m
            acc = nxt
        out: dict[Vector, int] = {}
        for v, n in acc.items():
            vec = tuple(self.canon(t) for t in _add(v, self.outcomes[i]))
            out[vec] = out.get(vec, 0) + n
        self.dist[i] = out

    # -- enumeration of the profiles behind a payoff vector
    #
    # The enumeration is a tree of nested generators as deep as the game tree. To run
    # 10^5-deep chains, the generators do not call each other: each one *asks* the
    # driver (:func:`_drive`) for the next answer of a sub-enumeration by yielding
    # ``_Pull(generator)``, so Python's stack stays one frame deep whatever the depth.
    # Partial profiles are persistent joins (:class:`_Join`), flattened once per
    # profile at the top: joining dicts at every level would cost depth^2 per profile.
    def enum(self, i: int, vec: Vector) -> Iterator[dict[str, Any]]:
        """Every choice of actions (infoset label -> action) behind ``vec`` at node ``i``."""
        for joined in _drive(self._enum(i, vec)):
            yield _flatten(joined)

    def _enum(self, i: int, vec: Vector) -> Iterator[Any]:
        g = self.game
        kind = g.kind[i]
        if kind == "terminal":
            yield None
            return
        if i in self.regions:
            for v, behaviour, boundary, _n in self.regions[i]:
                if v == vec:
                    parts_of = self._product([(b, w) for b, w in boundary])
                    while (parts := (yield _Pull(parts_of))) is not _DONE:
                        yield _Join(behaviour, parts)
            return
        own = self.outcomes[i]
        if kind == "chance":
            kids = g.children[i]
            for combo in itertools.product(*[list(self.dist[c]) for c in kids]):
                total: Vector = (0,) * g.n_players
                for q, w in zip(self.probs[i], combo):
                    total = tuple(x + q * y for x, y in zip(total, w))
                if tuple(self.canon(t) for t in _add(total, own)) == vec:
                    parts_of = self._product(list(zip(kids, combo)))
                    while (parts := (yield _Pull(parts_of))) is not _DONE:
                        yield parts
            return
        p = g.player[i]
        key = self.key(i)
        label = g.infoset[i] or ""
        kids = g.children[i]
        for a, c in enumerate(kids):
            for v in self.dist[c]:
                if tuple(self.canon(t) for t in _add(v, own)) != vec:
                    continue
                x = key(v[p])
                others = []
                for b, cb in enumerate(kids):
                    if b != a:
                        others.append([(cb, w) for w in self.dist[cb] if key(w[p]) <= x])
                if any(not o for o in others):
                    continue
                here = {label: g.actions[i][a]}
                subs = self._enum(c, v)
                while (sub := (yield _Pull(subs))) is not _DONE:
                    for rest in itertools.product(*others):
                        parts_of = self._product(list(rest))
                        while (parts := (yield _Pull(parts_of))) is not _DONE:
                            # Later entries win, as in {label: action, **sub, **parts}.
                            yield _Join(here, _Join(sub, parts))

    def _product(self, items: list[tuple[int, Vector]]) -> Iterator[Any]:
        """The joins of one answer of each ``enum(node, vec)``, odometer-style."""
        if not items:
            yield None
            return
        k = len(items)
        gens: list[Any] = [self._enum(*items[0])] + [None] * (k - 1)
        got: list[Any] = [None] * k
        j = 0
        while j >= 0:
            value = yield _Pull(gens[j])
            if value is _DONE:
                j -= 1
                continue
            got[j] = value
            if j == k - 1:
                joined = None
                for part in got:
                    joined = part if joined is None else _Join(joined, part)
                yield joined
            else:
                j += 1
                gens[j] = self._enum(*items[j])


_DONE = object()


class _Pull:
    """A request to the driver: the next answer of ``gen`` (or ``_DONE``)."""

    __slots__ = ("gen",)

    def __init__(self, gen: Iterator[Any]) -> None:
        self.gen = gen


class _Join:
    """Two partial profiles joined (``right`` wins on a shared label); ``None`` is empty."""

    __slots__ = ("left", "right")

    def __init__(self, left: Any, right: Any) -> None:
        self.left, self.right = left, right


def _drive(root: Any) -> Iterator[Any]:
    """Run generators that ask for sub-answers with ``_Pull`` on an explicit stack."""
    stack = [root]
    send: Any = None
    while stack:
        try:
            request = stack[-1].send(send)
        except StopIteration:
            stack.pop()
            send = _DONE
            continue
        if isinstance(request, _Pull):
            stack.append(request.gen)
            send = None
        elif len(stack) == 1:
            yield request
            send = None
        else:
            stack.pop()  # suspended: the parent pushes it again to ask for more
            send = request


def _flatten(joined: Any) -> dict[str, Any]:
    """A partial profile as one dict, walking the joins left to right without recursion."""
    out: dict[str, Any] = {}
    stack = [joined]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if isinstance(item, _Join):
            stack.append(item.right)
            stack.append(item.left)
        else:
            out.update(item)
    return out
