"""Subgame-perfect equilibria of extensive-form games by backward induction.

Every pure SPE of a perfect-information tree (chance nodes allowed) is found, ties
included. Rather than listing profiles, each node keeps the multiset of payoff
vectors its subgame's SPE give, as ``{vector: number of SPE}``: at a decision node
of player ``i``, an action ``a`` with continuation value ``v`` is part of
``count(v) * prod_{b != a} #{w in SPE(b): w_i <= v_i}`` equilibria. So the count and
the distinct payoff vectors come without materialising profiles, and
:meth:`SPESolution.profiles` produces the profiles lazily from the same tables.

Subgames with imperfect information are replaced, bottom up, by the equilibria of
their normal form (with each deeper subgame already replaced by one of its SPE payoff
vectors); mixed equilibria become behaviour strategies (Kuhn's theorem).

With free parameters, the answer is a :class:`~gametheory.solve.results.PiecewiseAnswer`:
at each decision node every ordering of the player's candidate payoffs consistent
with what sympy can decide gives a region, and equalities give boundary pieces.
A two-player subgame with imperfect information is solved by symbolic support
enumeration (:func:`~gametheory.solve.symbolic_support.symbolic_nash`) of its normal
form, whose payoffs include the continuation values of the pieces below; the pieces
are split by which support pairs are equilibria, so each carries the subgame's whole
equilibrium set and its multiplicity. This assumes the subgame is nondegenerate
(genericity, stated in the warnings): where a support condition is tight the subgame
may be degenerate, so those boundaries are pieces of their own that ``.at(point)``
solves numerically, as are pieces where a subgame is degenerate for every parameter
value (a player indifferent between strategies whatever the parameters). A subgame
with imperfect information and more than two players raises
:class:`~gametheory.errors.NotApplicableError`.
The symbolic part lives in :mod:`gametheory.solve.spe_symbolic`.

Examples
--------
>>> import gametheory as gt
>>> entry = gt.ExtensiveFormGame(
...     gt.Decision("Entrant", "entrant", {"Out": gt.Terminal([0, 2]),
...         "In": gt.Decision("Incumbent", "incumbent", {
...             "Fight": gt.Terminal([-1, -1]), "Accommodate": gt.Terminal([1, 1])})}),
...     players=["Entrant", "Incumbent"])
>>> sol = gt.spe(entry)
>>> sol.count, sol.equilibria[0].path
(1, ('In', 'Accommodate'))
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..errors import NotApplicableError, SolverError
from ..games.extensive_form import Chance, Decision, ExtensiveFormGame, Terminal, path_text
from ..symbolic import exact, to_fraction
from .mixed_nash import nash
from .pure_nash import pure_nash
from .results import PiecewiseAnswer, Result, counted, number_to_json

__all__ = ["spe", "SPESolution", "SubgamePerfectEquilibrium", "MAX_LISTED"]

MAX_LISTED = 100_000
"""``SPESolution.equilibria`` lists at most this many; beyond, use ``profiles()``."""

Vector = tuple[Any, ...]


# ----------------------------------------------------------------------- records

_DIGITS_SHOWN = 4000  # Python refuses to print integers of more than 4300 digits


def count_text(n: int) -> str:
    """An equilibrium count as text; a count too long to print is given by its size
    (a 20,000-move chain of ties has 2^20000 SPE)."""
    if n.bit_length() * 0.30103 < _DIGITS_SHOWN:
        return str(n)
    return f"about 2^{n.bit_length() - 1} (a {int(n.bit_length() * 0.30103) + 1}-digit number)"


def count_json(n: int) -> int | str:
    """An equilibrium count for JSON: the integer, or its text where it is too long to print."""
    return n if n.bit_length() * 0.30103 < _DIGITS_SHOWN else count_text(n)

@dataclass(frozen=True)
class SubgamePerfectEquilibrium:
    """One SPE: a behaviour at every information set, its payoffs and its path of play.

    ``behavior`` maps player -> information-set label -> action label -> probability.
    ``path`` is the sequence of actions played for certain from the root;
    ``terminals`` lists every terminal reached with its probability (chance moves).
    """

    players: tuple[str, ...]
    behavior: Mapping[str, Mapping[str, Mapping[str, sp.Expr]]]
    payoffs: tuple[sp.Expr, ...]
    path: tuple[str, ...]
    terminals: tuple[tuple[tuple[str, ...], sp.Expr], ...] = ()

    def action(self, player: str, infoset: str) -> str:
        """The action played at an information set (for pure behaviour)."""
        dist = self.behavior[player][infoset]
        chosen = [a for a, p in dist.items() if p != 0]
        if len(chosen) != 1:
            raise ValueError(f"the behaviour at {infoset!r} is mixed: {dict(dist)}")
        return chosen[0]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "behavior": {
                pl: {h: {a: number_to_json(p) for a, p in d.items()} for h, d in hs.items()}
                for pl, hs in self.behavior.items()
            },
            "payoffs": {pl: number_to_json(v) for pl, v in zip(self.players, self.payoffs)},
        }

    def __repr__(self) -> str:
        pay = ", ".join(str(v) for v in self.payoffs)
        return f"SubgamePerfectEquilibrium(path={' > '.join(self.path) or 'root'}, payoffs=({pay}))"


@dataclass(frozen=True)
class SPESolution(Result):
    """Every SPE of a tree with numbers in.

    Attributes
    ----------
    count
        The number of SPE (computed from the tables, without listing them).
    payoff_vectors
        The distinct SPE payoff vectors, each with the number of SPE giving it.
    method, exact, warnings
        How they were found, whether the arithmetic was exact, and ties.

    ``profiles()`` yields every SPE lazily; ``equilibria`` lists them all (at most
    :data:`MAX_LISTED`).
    """

    game: ExtensiveFormGame = field(repr=False)
    count: int
    payoff_vectors: tuple[tuple[tuple[sp.Expr, ...], int], ...]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()
    _engine: Any = field(default=None, repr=False, compare=False)
    _point: Mapping[sp.Symbol, sp.Expr] | None = field(default=None, repr=False, compare=False)

    concept = "spe"

    @property
    def players(self) -> tuple[str, ...]:
        return self.game.players

    def __len__(self) -> int:
        return self.count

    def profiles(self) -> Iterator[SubgamePerfectEquilibrium]:
        """Yield every SPE, one at a time, in the order of the actions in the tree."""
        engine = self._engine
        for vec in engine.dist[0]:
            for choice in engine.enum(0, vec):
                yield self._record(choice)

    def __iter__(self) -> Iterator[SubgamePerfectEquilibrium]:
        return self.profiles()

    @property
    def equilibria(self) -> tuple[SubgamePerfectEquilibrium, ...]:
        """All SPE as a tuple (for large counts iterate :meth:`profiles` instead)."""
        if self.count > MAX_LISTED:
            raise SolverError(
                f"the tree has {count_text(self.count)} SPE, more than MAX_LISTED={MAX_LISTED}; "
                f"iterate solution.profiles() or use count and payoff_vectors"
            )
        return tuple(self.profiles())

    def _record(self, choice: Mapping[str, Any]) -> SubgamePerfectEquilibrium:
        game = self.game
        behavior: dict[str, dict[str, dict[str, sp.Expr]]] = {p: {} for p in game.players}
        for lab, h in game.infosets.items():
            if h.player is None:
                continue
            chosen = choice.get(lab)
            if isinstance(chosen, Mapping):
                dist = {a: exact(chosen.get(a, 0)) for a in h.actions}
                if self._point:
                    # Mixed behaviour of a symbolic piece, evaluated where it is asked.
                    dist = {a: q.xreplace(dict(self._point)) for a, q in dist.items()}
            else:
                dist = {a: sp.Integer(1 if a == chosen else 0) for a in h.actions}
            behavior[h.player][lab] = dist
        played = game.play(behavior)
        return SubgamePerfectEquilibrium(
            game.players, behavior, played.payoffs, played.path, played.terminals
        )

    def summary_json(self, limit: int | None = 1000) -> dict[str, Any]:
        """The issue's JSON shape: concept, exact, players, count, payoff_vectors and at
        most ``limit`` equilibria."""
        eqs = itertools.islice(self.profiles(), limit) if limit is not None else self.profiles()
        return {
            "concept": "spe",
            "exact": self.exact,
            "players": list(self.players),
            "count": count_json(self.count),
            "payoff_vectors": [
                {"payoffs": {p: number_to_json(v) for p, v in zip(self.players, vec)}, "count": count_json(c)}
                for vec, c in self.payoff_vectors
            ],
            "equilibria": [e.to_json_dict() for e in eqs],
        }

    def to_text(self, limit: int | None = 20) -> str:
        lines = [repr(self)]
        for vec, c in self.payoff_vectors:
            lines.append(f"  payoffs ({', '.join(str(v) for v in vec)}): {count_text(c)} SPE")
        for e in itertools.islice(self.profiles(), limit):
            lines.append(f"  {e!r}")
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"SPESolution(count={count_text(self.count)}, {len(self.payoff_vectors)} payoff vectors, "
            f"method={self.method!r}, exact={self.exact})"
        )


# ----------------------------------------------------------------------- engine
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


# ----------------------------------------------------------------------- numeric
def imperfect_region(game: ExtensiveFormGame, r: int, roots: set[int]) -> tuple[list[int], list[int]]:
    """Nodes of the imperfect-information region at subgame root ``r`` and its boundary
    (deeper subgame roots and terminals)."""
    inside, boundary = [r], []
    stack = list(game.children[r])
    while stack:
        j = stack.pop()
        if j in roots or game.kind[j] == "terminal":
            boundary.append(j)
        else:
            inside.append(j)
            stack.extend(game.children[j])
    return inside, sorted(boundary)


def truncated_game(game: ExtensiveFormGame, r: int, replace: Mapping[int, Vector]) -> ExtensiveFormGame:
    """The subgame at node ``r`` with each node of ``replace`` made a terminal with the
    given payoffs (the values of the deeper subgames, already solved)."""
    def build(j: int) -> Any:
        if j in replace:
            return Terminal([exact(v) for v in replace[j]])
        acts = game.actions[j]
        if game.kind[j] == "chance":
            return Chance(
                {a: (p, build(c)) for a, p, c in zip(acts, game.probabilities[j], game.children[j])},
                game.infoset[j], game.outcomes[j],
            )
        return Decision(
            game.player[j], game.infoset[j], {a: build(c) for a, c in zip(acts, game.children[j])},
            game.outcomes[j],
        )

    return ExtensiveFormGame(build(r), game.players)


def _normal_form_equilibria(nf: Any) -> tuple[list[Any], str]:
    if nf.n_players == 2:
        return list(nash(nf).equilibria), "all extreme Nash equilibria of its normal form"  # type: ignore[union-attr]
    return list(pure_nash(nf).equilibria), "pure Nash equilibria of its normal form"  # type: ignore[union-attr]


def _solve_region(engine: SPEEngine, r: int, roots: set[int], notes: list[str]) -> None:
    game = engine.game
    _inside, boundary = imperfect_region(game, r, roots)
    per_boundary = [list(engine.dist[b].items()) for b in boundary]
    entries = []
    out: dict[Vector, int] = {}
    for combo in itertools.product(*per_boundary):
        replace = {b: vec for b, (vec, _n) in zip(boundary, combo)}
        weight = 1
        for _vec, n in combo:
            weight *= n
        sub = truncated_game(game, r, replace)
        nf = sub.to_normal_form()
        eqs, how = _normal_form_equilibria(nf)
        for eq in eqs:
            behaviour = behaviour_from_mixed(sub, nf, eq, notes)
            vec = tuple(engine.canon(_number(v)) for v in eq.payoffs)
            entries.append((vec, behaviour, tuple(replace.items()), weight))
            out[vec] = out.get(vec, 0) + weight
        if len(eqs) != 1:
            notes.append(
                f"the subgame at node {path_text(game.path_of(r))} has {counted(len(eqs), 'equilibrium')} ({how})"
            )
    engine.regions[r] = entries
    engine.dist[r] = out


def _number(v: sp.Expr) -> Any:
    return to_fraction(v) if v.is_number else v


def behaviour_from_mixed(sub: ExtensiveFormGame, nf: Any, eq: Any, notes: list[str]) -> dict[str, Any]:
    """Kuhn's theorem: a mixed equilibrium over reduced strategies as behaviour."""
    out: dict[str, Any] = {}
    for i, player in enumerate(sub.players):
        strategies = sub.reduced_strategies(i)
        mix = list(eq.strategies[i].values())
        for lab, h in sub.infosets.items():
            if h.player != player:
                continue
            reach = sum((m for s, m in zip(strategies, mix) if lab in s), sp.Integer(0))
            if reach == 0:
                notes.append(
                    f"information set {lab!r} is ruled out by {player}'s own moves in an "
                    f"equilibrium of its subgame; its first action is shown"
                )
                out[lab] = h.actions[0]
                continue
            dist = {a: sum((m for s, m in zip(strategies, mix) if s.get(lab) == a), sp.Integer(0)) / reach for a in h.actions}
            pure = [a for a, q in dist.items() if q == 1]
            out[lab] = pure[0] if pure else dist
    return out


def _as_is(value: Any) -> Any:
    """The canonical form of a number in a numeric tree: itself."""
    return value


def numeric_spe(game: ExtensiveFormGame) -> SPESolution:
    """Every pure SPE of a game with numeric payoffs (the engine of :func:`spe`)."""
    outcomes, probs = game.numeric_tables()
    engine = SPEEngine(game, outcomes, probs, canon=_as_is)
    roots = set(game.subgame_roots())
    perfect = game.is_perfect_information
    if not perfect:
        game.require_perfect_recall()
    notes: list[str] = []
    regions = 0
    # Preorder indices: every child has a larger index than its parent.
    for i in reversed(range(len(game))):
        kind = game.kind[i]
        if kind == "terminal":
            engine.terminal(i)
        elif i not in roots:
            continue  # solved with the imperfect-information region above it
        elif not perfect and any(c not in roots and game.kind[c] != "terminal" for c in game.children[i]):
            _solve_region(engine, i, roots, notes)
            regions += 1
        elif kind == "chance":
            engine.chance(i)
        else:
            engine.decision(i)
    return spe_solution(game, engine, notes, regions, point=None)


def spe_solution(game: ExtensiveFormGame, engine: SPEEngine, notes: list[str], regions: int, point: Any) -> SPESolution:
    """The :class:`SPESolution` of a finished backward induction: its equilibria, with
    warnings for the ties met and the imperfect-information regions solved."""
    warnings = []
    ties = sorted(set(engine.ties))
    for i in ties[:20]:
        warnings.append(
            f"tie at node {path_text(game.path_of(i))}: {game.players[game.player[i]]} is "
            f"indifferent between actions in some SPE; every choice is listed"
        )
    if len(ties) > 20:
        warnings.append(f"... and ties at {len(ties) - 20} more nodes")
    warnings += list(dict.fromkeys(notes))
    root = engine.dist[0]

    def out(v: Any) -> sp.Expr:
        e = exact(v)
        return e.xreplace(dict(point)) if point else e

    merged: dict[tuple[sp.Expr, ...], int] = {}
    for vec, n in root.items():
        key = tuple(out(v) for v in vec)
        merged[key] = merged.get(key, 0) + n
    method = "backward induction over payoff multisets"
    if regions:
        method += "; subgames with imperfect information by the equilibria of their normal form"
    if point is not None:
        method = "symbolic backward induction, evaluated at a point"
    return SPESolution(
        game=game,
        count=sum(root.values()),
        payoff_vectors=tuple(merged.items()),
        method=method,
        exact=game.is_exact,
        warnings=tuple(warnings),
        _engine=engine,
        _point=point,
    )


# ----------------------------------------------------------------------- entry point
def spe(tree: ExtensiveFormGame) -> SPESolution | PiecewiseAnswer:
    """Every pure subgame-perfect equilibrium of a tree, ties enumerated.

    Parameters
    ----------
    tree
        An :class:`~gametheory.ExtensiveFormGame`. Perfect information (with chance
        moves) gives all pure SPE; subgames with imperfect information are replaced by
        the equilibria of their normal form (needs perfect recall).

    Returns
    -------
    SPESolution
        With numbers: ``count``, ``payoff_vectors``, lazy ``profiles()``, and warnings
        naming the nodes where a player is indifferent.
    PiecewiseAnswer
        With free parameters: pieces (condition, :class:`SPESolution`) partitioning the
        parameter space; ties are boundary pieces; ``.at(point)`` gives the SPE there.
        Two-player subgames with imperfect information are solved by symbolic support
        enumeration, assuming genericity (see the answer's ``warnings``).

    Raises
    ------
    NotApplicableError
        With free parameters, for a subgame with imperfect information and more than
        two players.

    Examples
    --------
    An outside option worth ``x`` before matching pennies (value 0 to the first mover):

    >>> import gametheory as gt
    >>> x = gt.parameter("x_spe_doc")
    >>> mp = gt.Decision("P1", "h1", {a: gt.Decision("P2", "h2", {
    ...     b: gt.Terminal([1, -1] if a == b else [-1, 1]) for b in "HT"}) for a in "HT"})
    >>> ans = gt.spe(gt.ExtensiveFormGame(gt.Decision("P1", "start", {
    ...     "Out": gt.Terminal([x, 0]), "In": mp}), ["P1", "P2"]))
    >>> [(p.label, p.condition) for p in ans.pieces]
    [('1 SPE: In', x_spe_doc < 0), ('2 SPE: Out; In', Eq(x_spe_doc, 0)), ('1 SPE: Out', x_spe_doc > 0)]
    >>> ans.at({x: -1}).equilibria[0].behavior["P2"]["h2"]
    {'H': 1/2, 'T': 1/2}
    """
    if not isinstance(tree, ExtensiveFormGame):
        raise NotApplicableError(f"spe applies to ExtensiveFormGame, not {type(tree).__name__}")
    if tree.parameters:
        from .spe_symbolic import symbolic_spe

        return symbolic_spe(tree)
    return numeric_spe(tree)
