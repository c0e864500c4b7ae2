"""Pure-strategy Nash equilibria of n-player normal-form games, exact and symbolic.

With numbers, every profile is checked in exact arithmetic (Fractions), vectorised
over the profiles by comparing each player's payoff with the best payoff over that
player's own axis. With free parameters, the answer is piecewise: for every profile,
the condition (a conjunction of sympy relations) under which it is an equilibrium.

Examples
--------
>>> import gametheory as gt
>>> bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]],
...                                     strategies=[["Opera", "Football"]] * 2)
>>> [e.pure_profile for e in gt.pure_nash(bos)]
[('Opera', 'Opera'), ('Football', 'Football')]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

import numpy as np
import sympy as sp

from ..conditions import canonical_relation, simplify_condition
from ..errors import NotApplicableError
from ..games.normal_form import NormalFormGame
from .results import Equilibrium, Piece, PiecewiseAnswer, Solution

__all__ = ["pure_nash", "iter_pure_nash", "pure_equilibrium"]


def pure_equilibrium(game: NormalFormGame, profile: tuple[int, ...]) -> Equilibrium:
    """The :class:`Equilibrium` record of a pure profile (given by indices)."""
    strategies = []
    for i, s in enumerate(profile):
        strategies.append(
            {lab: sp.Integer(1 if j == s else 0) for j, lab in enumerate(game.strategies[i])}
        )
    payoffs = tuple(game.payoffs[(i, *profile)] for i in range(game.n_players))
    return Equilibrium(game.players, tuple(strategies), payoffs)


def _equilibrium_mask(game: NormalFormGame) -> np.ndarray:
    values = game.fraction_payoffs()
    mask = np.ones(game.shape, dtype=bool)
    for i in range(game.n_players):
        u = values[i]
        best = np.max(u, axis=i, keepdims=True)
        mask &= np.asarray(u >= best, dtype=bool)
    return mask


def iter_pure_nash(game: NormalFormGame) -> Iterator[Equilibrium]:
    """Yield the pure Nash equilibria of a game with numbers, in lexicographic order."""
    mask = _equilibrium_mask(game)
    for idx in zip(*np.nonzero(mask)):
        yield pure_equilibrium(game, tuple(int(k) for k in idx))


def _tie_warnings(game: NormalFormGame, eqs: list[Equilibrium]) -> list[str]:
    notes = []
    for e in eqs:
        idx = game.profile_index(e.pure_profile)
        for i in range(game.n_players):
            u = game.fraction_payoffs()[i]
            own = u[idx]
            ties = [
                game.strategies[i][k]
                for k in range(game.shape[i])
                if k != idx[i] and u[idx[:i] + (k,) + idx[i + 1 :]] == own
            ]
            if ties:
                notes.append(
                    f"weak equilibrium ({', '.join(e.pure_profile)}): {game.players[i]} is "
                    f"indifferent to {', '.join(ties)}"
                )
    return notes


def pure_nash(game: NormalFormGame) -> Solution | PiecewiseAnswer:
    """All pure Nash equilibria of an n-player game.

    Parameters
    ----------
    game
        A :class:`~gametheory.NormalFormGame`, or any game with ``to_normal_form()``.

    Returns
    -------
    Solution
        With numbers: every pure equilibrium, with warnings for weak ones (ties).
    PiecewiseAnswer
        With free parameters: one piece per profile that can be an equilibrium, with
        the condition under which it is one, and a piece for "no pure equilibrium".
        :meth:`PiecewiseAnswer.at` returns the :class:`Solution` at a point.
    """
    game = as_normal_form(game)
    if game.parameters:
        return _symbolic_pure_nash(game)
    eqs = list(iter_pure_nash(game))
    warnings = _tie_warnings(game, eqs)
    if not eqs:
        warnings.append("the game has no pure-strategy Nash equilibrium")
    return Solution.of_game(game, "pure", eqs, "exhaustive check of every profile", warnings)


def as_normal_form(game: Any) -> NormalFormGame:
    """The game itself if in normal form, else its ``to_normal_form()``; NotApplicableError
    for a game that has none."""
    if isinstance(game, NormalFormGame):
        return game
    convert = getattr(game, "to_normal_form", None)
    if convert is None:
        raise NotApplicableError(
            f"pure_nash applies to normal-form games (or games with to_normal_form()), "
            f"not {type(game).__name__}"
        )
    return convert()


def profile_condition(game: NormalFormGame, profile: tuple[int, ...]) -> sp.Basic:
    """The condition under which a pure profile is a Nash equilibrium."""
    parts = []
    for i in range(game.n_players):
        own = game.payoffs[(i, *profile)]
        for k in range(game.shape[i]):
            if k == profile[i]:
                continue
            other = game.payoffs[(i, *profile[:i], k, *profile[i + 1 :])]
            rel = canonical_relation(sp.Ge(own, other))
            if rel is sp.false:
                return sp.false
            if rel is not sp.true:
                parts.append(rel)
    return simplify_condition(sp.And(*parts)) if parts else sp.true


def _pure_at_point(game: NormalFormGame, values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> Solution:
    # Built from the pieces that hold, not by solving again at the point.
    at_point = game.subs(mapping)
    eqs = [pure_equilibrium(at_point, prof) for prof in sorted(v for v in values if v is not None)]
    warnings = _tie_warnings(at_point, eqs)
    if not eqs:
        warnings.append("the game has no pure-strategy Nash equilibrium")
    return Solution.of_game(at_point, "pure", eqs,
                            "symbolic best-response conditions, evaluated at a point", warnings)


def _symbolic_pure_nash(game: NormalFormGame) -> PiecewiseAnswer:
    pieces = []
    conditions = []
    for prof in game.profiles():
        cond = profile_condition(game, prof)
        if cond is sp.false:
            continue
        conditions.append(cond)
        labels = tuple(game.strategies[i][s] for i, s in enumerate(prof))
        pieces.append(Piece(cond, prof, "(" + ", ".join(labels) + ")"))
    none = simplify_condition(sp.And(*[sp.Not(c) for c in conditions])) if conditions else sp.true
    if none is not sp.false:
        pieces.append(Piece(none, None, "no pure equilibrium"))

    return PiecewiseAnswer(
        concept="pure",
        pieces=tuple(pieces),
        parameters=game.parameters,
        combine=partial(_pure_at_point, game),
        method="symbolic best-response conditions per profile",
    )


