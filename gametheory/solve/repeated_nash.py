"""Nash equilibrium of a profile of automata: each player's exact best response.

Against the others' automata a player faces a finite Markov decision problem whose
state is the others' joint state (known to him under perfect monitoring or a public
signal). Its optimal normalised value is found exactly by policy iteration in
rational arithmetic (finitely many policies, each evaluated by solving linear
equations), and compared with the value of his own automaton. Unlike the one-shot
deviation check (:func:`gametheory.is_subgame_perfect`), this asks only about the path
of play from the initial state: tit-for-tat, for instance, is a Nash equilibrium of the
prisoner's dilemma for delta >= max((T - R)/(T - P), (T - R)/(R - S)) (Axelrod 1984)
but subgame perfect only on a knife edge.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.solve.repeated_nash import is_nash
>>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                    strategies=[["C", "D"], ["C", "D"]])
>>> is_nash(gt.RepeatedGame(pd, "2/3"), (gt.tit_for_tat(),) * 2).holds
True
>>> is_nash(gt.RepeatedGame(pd, "3/5"), (gt.tit_for_tat(),) * 2).holds
False
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..errors import NotApplicableError, ValidationError
from ..games.automata import Automaton
from ..games.repeated import PrivateNoise, RepeatedGame
from ..symbolic import is_exact
from .repeated.chain import joint_chain, normalised_values, require_infinite_horizon, solve_values
from .results import Result, number_to_json

__all__ = ["NashCheck", "is_nash"]


@dataclass(frozen=True)
class NashCheck(Result):
    """Whether a profile of automata is a Nash equilibrium of the repeated game.

    Attributes
    ----------
    holds
        True when no player's best response beats his automaton.
    values
        Per player, the normalised value of the profile from the initial state.
    best_values
        Per player, the value of his best response to the others' automata.
    best_responses
        Per player, the best-response policy: the others' joint state -> action.
    """

    holds: bool
    players: tuple[str, ...]
    values: tuple[sp.Expr, ...]
    best_values: tuple[sp.Expr, ...]
    best_responses: tuple[dict[tuple[str, ...], str], ...]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    @property
    def gains(self) -> tuple[sp.Expr, ...]:
        return tuple(b - v for b, v in zip(self.best_values, self.values))

    def __bool__(self) -> bool:
        return self.holds

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "holds": self.holds,
            "players": list(self.players),
            "values": [number_to_json(v) for v in self.values],
            "best_values": [number_to_json(v) for v in self.best_values],
            "method": self.method,
            "exact": self.exact,
            "warnings": list(self.warnings),
        }


def _best_response(game: RepeatedGame, profile: Sequence[Automaton], i: int):
    """Optimal value and policy of player ``i`` against the others' automata."""
    chain = joint_chain(game, profile)
    delta = game.discount_factor
    others = [j for j in range(game.n_players) if j != i]
    states = list(itertools.product(*[profile[j].states for j in others]))
    index = {x: k for k, x in enumerate(states)}
    pay = game.stage.payoffs
    mon = game.monitoring
    labels_i = game.stage.strategies[i]
    # any own state: the others' transitions do not depend on it
    own = profile[i].initial

    def full(x: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(own if j == i else x[others.index(j)] for j in range(game.n_players))

    reward: dict[tuple[int, int], sp.Expr] = {}
    moves: dict[tuple[int, int], dict[int, sp.Expr]] = {}
    for x in states:
        for b in range(len(labels_i)):
            r = sp.Integer(0)
            nxt: dict[int, sp.Expr] = {}
            for prof, p in chain.profile_distribution(full(x), fixed=(i, b)):
                r += p * pay[(i, *prof)]
                for obs, q in mon.observation_distribution(game.stage, prof, 0):
                    y = tuple(chain.tables[j][x[others.index(j)]][obs] for j in others)
                    nxt[index[y]] = nxt.get(index[y], sp.Integer(0)) + p * q
            reward[(index[x], b)] = r
            moves[(index[x], b)] = nxt
    n = len(states)
    policy = []
    for s in range(n):
        immediate = [reward[(s, b)] for b in range(len(labels_i))]
        policy.append(immediate.index(max(immediate)))
    for _ in range(10_000):
        P, r = sp.zeros(n, n), sp.zeros(n, 1)
        for s in range(n):
            r[s] = reward[(s, policy[s])]
            for t, q in moves[(s, policy[s])].items():
                P[s, t] += q
        V = normalised_values(sp.eye(n) - delta * P, r, 1 - delta)
        changed = False
        for s in range(n):
            q_vals = [
                (1 - delta) * reward[(s, b)] + delta * sum((q * V[t] for t, q in moves[(s, b)].items()), sp.Integer(0))
                for b in range(len(labels_i))
            ]
            best = max(range(len(labels_i)), key=lambda b: q_vals[b])
            if q_vals[best] - q_vals[policy[s]] > (0 if is_exact(q_vals) else 1e-12):
                policy[s] = best
                changed = True
        if not changed:
            x0 = tuple(profile[j].initial for j in others)
            return V[index[x0]], {x: labels_i[policy[index[x]]] for x in states}
    raise ValidationError("policy iteration did not stop")  # pragma: no cover - finite


def is_nash(game: RepeatedGame, profile: Sequence[Automaton]) -> NashCheck:
    """Check that no player gains by replacing his automaton with any strategy.

    Parameters
    ----------
    game
        An infinitely repeated game with numbers, under perfect monitoring or a public
        signal (under private noise a player does not know the others' states).
    profile
        One automaton per player.
    """
    require_infinite_horizon(game, "is_nash")
    if isinstance(game.monitoring, PrivateNoise):
        raise NotApplicableError(
            "is_nash needs the others' states to be known to the deviator: perfect "
            "monitoring or a public signal, not private noise"
        )
    if game.parameters:
        names = ", ".join(s.name for s in game.parameters)
        raise ValidationError(f"is_nash needs numbers; free parameters: {names}")
    chain = joint_chain(game, profile)
    V, _, _ = solve_values(chain, game.discount_factor)
    start = chain.states.index(tuple(a.initial for a in profile))
    values, bests, policies = [], [], []
    for i in range(game.n_players):
        best, policy = _best_response(game, profile, i)
        values.append(V[start, i])
        bests.append(best)
        policies.append(policy)
    exact = is_exact(values, bests)
    tol = 0 if exact else 1e-9
    holds = all(b - v <= tol for b, v in zip(bests, values))
    return NashCheck(
        holds=holds,
        players=game.players,
        values=tuple(values),
        best_values=tuple(bests),
        best_responses=tuple(policies),
        method="exact policy iteration for each player's best response",
        exact=exact,
    )
