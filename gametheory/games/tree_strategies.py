"""Playing a game tree and its reduced normal form.

:func:`play` follows a behaviour profile through the tree (chance and mixed actions
multiply probabilities) to the terminals it reaches and the expected payoffs;
:func:`reduced_strategies` lists a player's reduced pure strategies (an action at each
information set that the player's own earlier actions do not rule out), walking the
tree rather than the product of all actions; :func:`reduced_normal_form` builds the
strategic form over them. :class:`~gametheory.games.extensive_form.ExtensiveFormGame`
offers these as methods (``play``, ``reduced_strategies``, ``to_normal_form``), cached.

Examples
--------
>>> import gametheory as gt
>>> tree = gt.ExtensiveFormGame(gt.Decision("A", "a", {
...     "L": gt.Decision("A", "b", {"x": gt.Terminal([1]), "y": gt.Terminal([2])}),
...     "R": gt.Terminal([0])}), players=["A"])
>>> reduced_strategies(tree, 0)
[{'a': 'L', 'b': 'x'}, {'a': 'L', 'b': 'y'}, {'a': 'R'}]
>>> reduced_normal_form(tree).strategies
(('L-x', 'L-y', 'R-*'),)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from ..errors import ValidationError
from ..symbolic import exact
from .normal_form import NormalFormGame
from .tree_nodes import Play

if TYPE_CHECKING:
    from .extensive_form import ExtensiveFormGame

__all__ = ["behavior_at", "play", "reduced_strategies", "strategy_label", "reduced_normal_form"]


def behavior_at(game: ExtensiveFormGame, behavior: Mapping[str, Any], infoset: str) -> dict[str, sp.Expr]:
    """The action distribution that ``behavior`` gives at an information set.

    ``behavior`` maps player -> infoset -> action label (pure) or -> mapping
    action -> probability; a flat mapping infoset -> ... is accepted too.
    """
    h = game.information_set(infoset)
    chosen: Any = None
    own = behavior.get(h.player) if h.player is not None else None
    if isinstance(own, Mapping):
        chosen = own.get(infoset)
    if chosen is None:
        chosen = behavior.get(infoset)
    if chosen is None:
        raise ValidationError(
            f"the behaviour profile gives no action for {h.player} at information set {infoset!r}"
        )
    if isinstance(chosen, str):
        if chosen not in h.actions:
            raise ValidationError(
                f"information set {infoset!r} has no action {chosen!r}; actions are {list(h.actions)}"
            )
        return {a: sp.Integer(1 if a == chosen else 0) for a in h.actions}
    if isinstance(chosen, Mapping):
        unknown = [a for a in chosen if a not in h.actions]
        if unknown:
            raise ValidationError(f"information set {infoset!r} has no action(s) {unknown}")
        dist = {a: exact(chosen.get(a, 0), where=f"probability of {a} at {infoset}") for a in h.actions}
        return dist
    raise ValidationError(f"information set {infoset!r}: cannot read the behaviour {chosen!r}")

def play(game: ExtensiveFormGame, behavior: Mapping[str, Any]) -> Play:
    """The terminals reached by a behaviour profile, with probabilities, and expected payoffs."""
    n = game.n_players
    totals = [sp.Integer(0)] * n
    reached: list[tuple[tuple[str, ...], sp.Expr]] = []
    dists: dict[str, dict[str, sp.Expr]] = {}
    stack: list[tuple[int, sp.Expr, tuple[sp.Expr, ...]]] = [(0, sp.Integer(1), (sp.Integer(0),) * n)]
    while stack:
        i, prob, acc = stack.pop()
        here = game.outcomes[i]
        if here is not None:
            acc = tuple(a + o for a, o in zip(acc, here))
        if game.kind[i] == "terminal":
            reached.append((game.path_of(i), prob))
            totals = [t + prob * a for t, a in zip(totals, acc)]
            continue
        if game.kind[i] == "chance":
            weights = list(game.probabilities[i])
        else:
            lab = game.infoset[i] or ""
            if lab not in dists:
                dists[lab] = behavior_at(game, behavior, lab)
            weights = [dists[lab][a] for a in game.actions[i]]
        for c, w in reversed(list(zip(game.children[i], weights))):
            if w != 0:
                stack.append((c, prob * w, acc))
    totals = [t if t.is_number else sp.expand(t) for t in totals]
    path: tuple[str, ...] = ()
    if reached:
        first = reached[0][0]
        k = 0
        while all(len(p) > k and p[k] == first[k] for p, _ in reached) and k < len(first):
            k += 1
        path = first[:k]
    return Play(tuple(totals), tuple(reached), path)


def reduced_strategies(game: ExtensiveFormGame, pi: int) -> list[dict[str, str]]:
    """The reduced pure strategies of player ``pi``: an action at each information set
    not ruled out by the player's own earlier actions."""
    own = [h for h in game.infosets.values() if h.player == game.players[pi]]
    # Output-sensitive: walk the tree, branching only at the player's own
    # information sets that the choices so far leave reachable (enumerating every
    # combination of actions first would be exponential in the number of sets:
    # 2^40 for a 40-move chain whose reduced strategies are 41).
    found: set[tuple[tuple[str, str], ...]] = set()
    states: list[tuple[dict[str, str], list[int]]] = [({}, [0])]
    while states:
        assign, frontier = states.pop()
        while frontier:
            i = frontier.pop()
            if game.kind[i] == "decision" and game.player[i] == pi:
                lab = game.infoset[i] or ""
                if lab in assign:
                    frontier.append(game.children[i][game.actions[i].index(assign[lab])])
                    continue
                for a, c in zip(game.actions[i], game.children[i]):
                    states.append(({**assign, lab: a}, [*frontier, c]))
                break
            frontier.extend(game.children[i])
        else:
            found.add(tuple((h.label, assign[h.label]) for h in own if h.label in assign))
    # The order of the full product of actions (first set slowest), which lists
    # each reduced strategy first with its free sets at their first action.
    position = {h.label: {a: k for k, a in enumerate(h.actions)} for h in own}
    index = {h.label: k for k, h in enumerate(own)}

    def order(reduced: tuple[tuple[str, str], ...]) -> list[int]:
        at = [0] * len(own)
        for lab, a in reduced:
            at[index[lab]] = position[lab][a]
        return at

    return [dict(r) for r in sorted(found, key=order)]

def strategy_label(game: ExtensiveFormGame, pi: int, strategy: Mapping[str, str]) -> str:
    """A reduced strategy's label: its actions in information-set order, ``*`` where none."""
    own = [h for h in game.infosets.values() if h.player == game.players[pi]]
    if not own:
        return "(no move)"
    if len(own) == 1:
        return strategy.get(own[0].label, "*")
    return "-".join(strategy.get(h.label, "*") for h in own)

def reduced_normal_form(game: ExtensiveFormGame) -> NormalFormGame:
    """The reduced normal form: strategies that differ only where the player's own
    moves prevent play are merged. Payoffs are expected over chance."""
    strategies = [game.reduced_strategies(i) for i in range(game.n_players)]
    labels = []
    for i, strats in enumerate(strategies):
        labs = [strategy_label(game, i, s) for s in strats] or ["(none)"]
        if len(set(labs)) != len(labs):
            labs = [f"s{k + 1}" for k in range(len(labs))]
        labels.append(labs)
    shape = tuple(max(1, len(s)) for s in strategies)
    arr = np.empty((game.n_players, *shape), dtype=object)
    for prof in itertools.product(*[range(k) for k in shape]):
        behavior: dict[str, Any] = {}
        for i, k in enumerate(prof):
            if strategies[i]:
                behavior[game.players[i]] = dict(strategies[i][k])
        # Information sets ruled out by a player's own moves are never asked for.
        res = play(game, behavior)
        for i in range(game.n_players):
            arr[(i, *prof)] = res.payoffs[i]
    return NormalFormGame(arr, game.players, labels, title=game.title)
