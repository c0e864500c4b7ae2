"""The Markov chain a profile of automata induces on joint states, and its exact values.

Normalised discounted values solve ``V = (1 - delta) u + delta P V``, so
``V = (1 - delta) (I - delta P)^-1 u``, computed exactly (sympy), symbolic in the
discount factor, the payoffs and the noise. The values, the deviation check and the
thresholds (:mod:`.values`, :mod:`.deviations`, :mod:`.threshold`) and
:mod:`gametheory.solve.repeated_nash` all start from :func:`joint_chain`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ...errors import NotApplicableError
from ...games.automata import Automaton
from ...games.repeated import PrivateNoise, RepeatedGame

__all__ = [
    "JointChain",
    "JointState",
    "chain_matrices",
    "joint_chain",
    "joint_markov_chain",
    "normalised_values",
    "private_monitoring_warning",
    "require_infinite_horizon",
    "simplify_value",
    "solve_values",
]

JointState = tuple[str, ...]


@dataclass(frozen=True)
class JointChain:
    game: RepeatedGame
    states: tuple[JointState, ...]
    tables: tuple[dict[str, dict[Any, str]], ...]
    automata: tuple[Automaton, ...]

    def action_probs(self, i: int, s_i: str) -> list[tuple[int, sp.Expr]]:
        labels = self.game.stage.strategies[i]
        return [(labels.index(lab), p) for lab, p in self.automata[i].action_distribution(s_i).items() if p != 0]

    def next_distribution(self, state: JointState, profile: tuple[int, ...]) -> dict[JointState, sp.Expr]:
        """Distribution of the next joint state after ``profile`` is played in ``state``."""
        game, mon = self.game, self.game.monitoring
        out: dict[JointState, sp.Expr] = {}
        if getattr(mon, "public", True):
            for obs, p in mon.observation_distribution(game.stage, profile, 0):
                nxt = tuple(self.tables[i][state[i]][obs] for i in range(game.n_players))
                out[nxt] = out.get(nxt, sp.Integer(0)) + p
            return out
        marginals = []
        for i in range(game.n_players):
            m: dict[str, sp.Expr] = {}
            for obs, p in mon.observation_distribution(game.stage, profile, i):
                s = self.tables[i][state[i]][obs]
                m[s] = m.get(s, sp.Integer(0)) + p
            marginals.append(list(m.items()))
        for combo in itertools.product(*marginals):
            prob = sp.Integer(1)
            for _, p in combo:
                prob *= p
            nxt = tuple(s for s, _ in combo)
            out[nxt] = out.get(nxt, sp.Integer(0)) + prob
        return out

    def reachable(self) -> tuple[JointState, ...]:
        """Joint states reached from the initial one by some history: any action
        profiles (deviations included) and any observation of positive probability."""
        start = tuple(a.initial for a in self.automata)
        seen, todo = {start}, [start]
        while todo:
            s = todo.pop()
            for prof in self.game.stage.profiles():
                for nxt, p in self.next_distribution(s, prof).items():
                    if p != 0 and nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
        return tuple(s for s in self.states if s in seen)

    def profile_distribution(self, state: JointState, fixed: tuple[int, int] | None = None):
        """Action profiles played in ``state`` with their probabilities; ``fixed`` =
        (player, action index) replaces that player's action."""
        per = []
        for i, s_i in enumerate(state):
            if fixed is not None and fixed[0] == i:
                per.append([(fixed[1], sp.Integer(1))])
            else:
                per.append(self.action_probs(i, s_i))
        for combo in itertools.product(*per):
            prob = sp.Integer(1)
            for _, p in combo:
                prob *= p
            yield tuple(a for a, _ in combo), prob


def joint_markov_chain(game: RepeatedGame, profile: Sequence[Automaton]) -> tuple[tuple[JointState, ...], sp.Matrix, sp.Matrix]:
    """The joint states, the transition matrix P and the expected stage payoffs u
    (one column per player) of a profile of automata."""
    chain = joint_chain(game, profile)
    return chain.states, *chain_matrices(chain)


def joint_chain(game: RepeatedGame, profile: Sequence[Automaton]) -> JointChain:
    if not isinstance(game, RepeatedGame):
        raise NotApplicableError(f"expected a RepeatedGame, got {type(game).__name__}")
    tables = game.check_profile(profile)
    states = tuple(itertools.product(*[a.states for a in profile]))
    return JointChain(game, states, tuple(tables), tuple(profile))


def chain_matrices(chain: JointChain) -> tuple[sp.Matrix, sp.Matrix]:
    n, idx = len(chain.states), {s: k for k, s in enumerate(chain.states)}
    pay = chain.game.stage.payoffs
    P = sp.zeros(n, n)
    U = sp.zeros(n, chain.game.n_players)
    for k, s in enumerate(chain.states):
        for prof, prob in chain.profile_distribution(s):
            for i in range(chain.game.n_players):
                U[k, i] += prob * pay[(i, *prof)]
            for nxt, p in chain.next_distribution(s, prof).items():
                P[k, idx[nxt]] += prob * p
    return P, U


def simplify_value(expr: sp.Expr) -> sp.Expr:
    """How the values and thresholds of this package are simplified."""
    return expr if expr.is_number else sp.factor(sp.cancel(expr))


def solve_values(chain: JointChain, delta: sp.Expr) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix]:
    P, U = chain_matrices(chain)
    A = sp.eye(len(chain.states)) - delta * P
    V = normalised_values(A, U, 1 - delta).applyfunc(_factor)
    return V, P, U


def normalised_values(A: sp.Matrix, B: sp.Matrix, scale: sp.Expr) -> sp.Matrix:
    """``scale * A^-1 B`` over the field of rational functions of the symbols involved,
    with sympy's polynomial matrices (every entry a cancelled fraction of polynomials):
    many times faster than ``Matrix.LUsolve`` on symbolic entries, the same answer."""
    from sympy.polys.matrices import DomainMatrix

    a, b = DomainMatrix.from_Matrix(A), DomainMatrix.from_Matrix(B)
    a, b = a.unify(b)
    a, b = a.to_field(), b.to_field()
    w = a.lu_solve(b)
    return (w * w.domain.from_sympy(scale)).to_Matrix()


def _factor(expr: sp.Expr) -> sp.Expr:
    """:func:`_simplify` for a fraction already in lowest terms."""
    return expr if expr.is_number else sp.factor(expr)


def require_infinite_horizon(game: RepeatedGame, what: str) -> None:
    """Raise NotApplicableError unless ``game`` is an infinitely repeated game."""
    if not isinstance(game, RepeatedGame):
        raise NotApplicableError(f"{what} applies to a RepeatedGame, not {type(game).__name__}")
    if game.horizon is not None:
        raise NotApplicableError(
            f"{what} applies to an infinite horizon; for {game.horizon} rounds use "
            "gt.spe(game.to_extensive_form())"
        )


def private_monitoring_warning(game: RepeatedGame) -> tuple[str, ...]:
    """The warning every result under private monitoring carries."""
    if isinstance(game.monitoring, PrivateNoise):
        return (
            "private monitoring: values and deviations are computed from the joint state, which "
            "the players do not know; subgame perfection so checked is a sufficient condition",
        )
    return ()
