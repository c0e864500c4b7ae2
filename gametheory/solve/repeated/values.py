"""Normalised discounted values of a profile of automata, and finitely repeated games."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ...errors import NotApplicableError
from ...games.automata import Automaton
from ...games.repeated import RepeatedGame
from ...symbolic import is_exact
from ..backward_induction import spe
from ..results import Result, number_to_json
from .chain import (
    JointState,
    joint_chain,
    private_monitoring_warning,
    require_infinite_horizon,
    solve_values,
)

__all__ = [
    "RepeatedValues",
    "finite_horizon_spe",
    "repeated_values",
]

@dataclass(frozen=True)
class RepeatedValues(Result):
    """Normalised discounted values ``(1 - delta) sum delta^t u_t`` from every joint state.

    Attributes
    ----------
    states
        The joint states (one automaton state per player).
    values
        Joint state -> tuple of values, one per player.
    initial
        The joint initial state.
    """

    players: tuple[str, ...]
    states: tuple[JointState, ...]
    values: Mapping[JointState, tuple[sp.Expr, ...]]
    initial: JointState
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    @property
    def initial_values(self) -> tuple[sp.Expr, ...]:
        return self.values[self.initial]

    def __getitem__(self, state: JointState) -> tuple[sp.Expr, ...]:
        return self.values[tuple(state)]

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        states = self.states if limit is None else self.states[:limit]
        return {
            "players": list(self.players),
            "initial": list(self.initial),
            "exact": self.exact,
            "method": self.method,
            "warnings": list(self.warnings),
            "values": [
                {"state": list(s), "values": [number_to_json(v) for v in self.values[s]]} for s in states
            ],
        }


def repeated_values(game: RepeatedGame, profile: Sequence[Automaton]) -> RepeatedValues:
    """Exact normalised discounted values of a profile of automata from every joint state.

    Parameters
    ----------
    game
        An infinitely repeated game (numbers or parameters).
    profile
        One :class:`~gametheory.Automaton` per player.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> v = gt.repeated_values(gt.RepeatedGame(pd, "1/2"), (gt.tit_for_tat(), gt.always_defect()))
    >>> v.initial_values
    (1/2, 5/2)
    """
    require_infinite_horizon(game, "repeated_values")
    chain = joint_chain(game, profile)
    V, _, _ = solve_values(chain, game.discount_factor)
    values = {s: tuple(V[k, i] for i in range(game.n_players)) for k, s in enumerate(chain.states)}
    return RepeatedValues(
        players=game.players,
        states=chain.states,
        values=values,
        initial=tuple(a.initial for a in profile),
        method="linear equations of the joint automaton (exact)",
        exact=is_exact(list(V)),
        warnings=private_monitoring_warning(game),
    )


def finite_horizon_spe(game: RepeatedGame) -> Any:
    """Every pure SPE of a finitely repeated game: the game unrolled into a tree
    (:meth:`RepeatedGame.to_extensive_form`) and solved by backward induction
    (:func:`gametheory.spe`)."""
    if not isinstance(game, RepeatedGame) or game.horizon is None:
        raise NotApplicableError("finite_horizon_spe needs a RepeatedGame with a finite horizon")
    return spe(game.to_extensive_form())
