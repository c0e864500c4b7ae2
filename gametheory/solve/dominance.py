"""Dominance, best responses and regret in normal-form games, exactly.

* :func:`best_responses`: a player's pure best responses to the others' (mixed)
  strategies, in exact arithmetic.
* :func:`regret`: how much a player (or the worst-off player) gains by deviating from
  a mixed profile; zero exactly at a Nash equilibrium.
* :func:`iterated_dominance`: iterated elimination of dominated strategies. With
  ``strict=True`` a strategy is removed when another pure strategy, or a mixture of the
  player's remaining strategies, is strictly better against every remaining profile of
  the others. Pure domination is decided exactly; domination by a mixture is found
  with a linear program (scipy's HiGHS) maximising the margin, and the mixture it
  returns is made rational and checked exactly before anything is removed. With
  ``strict=False`` a strategy is removed when another pure strategy is at least as
  good everywhere and better somewhere (weak dominance, pure dominators only); the
  result can depend on the order of elimination, which is every dominated strategy of
  every player at once, round by round.

Examples
--------
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                    strategies=[["C", "D"], ["C", "D"]])
>>> res = gt.iterated_dominance(pd)
>>> res.game.strategies, [(e.player, e.strategy, e.dominated_by) for e in res.eliminated]
((('D',), ('D',)), [('Row', 'C', 'D'), ('Column', 'C', 'D')])
>>> gt.best_responses(pd, "Row", [None, "C"]), gt.regret(pd, [["1/2", "1/2"], "D"])
(('D',), 1/2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..errors import NotApplicableError
from ..games.normal_form import NormalFormGame
from .pure_nash import as_normal_form
from .results import Result

__all__ = ["best_responses", "regret", "iterated_dominance", "DominanceResult", "Elimination"]


def _numeric(game: Any, what: str) -> NormalFormGame:
    game = as_normal_form(game)
    if game.parameters:
        names = ", ".join(s.name for s in game.parameters)
        raise NotApplicableError(f"{what} needs numbers; the game has free parameters ({names}): "
                                 "use game.subs({...}) first")
    return game


def _to_fraction_array(values: np.ndarray) -> np.ndarray:
    return np.vectorize(lambda v: Fraction(v), otypes=[object])(values)


def _probabilities(game: NormalFormGame, profile: Sequence[Any], skip: int | None = None
                   ) -> list[np.ndarray | None]:
    """Each player's mixed strategy as an object array of Fractions (None for ``skip``)."""
    filled = list(profile)
    if skip is not None:
        filled[skip] = game.strategies[skip][0]
    probs = game.mixed_profile(filled)
    out: list[np.ndarray | None] = []
    for i, vec in enumerate(probs):
        if i == skip:
            out.append(None)
            continue
        exact = all(isinstance(p, sp.Rational) for p in vec)
        out.append(np.array([Fraction(int(p.p), int(p.q)) if exact else float(p) for p in vec],
                            dtype=object))
    return out


def _payoff_vector(game: NormalFormGame, player: int, probs: list[np.ndarray | None]) -> np.ndarray:
    """Player's expected payoff of each own pure strategy against the others' mixtures."""
    u = _to_fraction_array(game.fraction_payoffs()[player])
    # Contract the opponents' axes from the last to the first so indices stay valid.
    for j in reversed(range(game.n_players)):
        if j == player:
            continue
        vec = probs[j]
        assert vec is not None
        u = np.tensordot(u, vec, axes=([j], [0]))
    return np.asarray(u, dtype=object)


def best_responses(game: Any, player: str | int, profile: Sequence[Any]) -> tuple[str, ...]:
    """The pure best responses of ``player`` to the others' strategies in ``profile``.

    Parameters
    ----------
    game
        A normal-form game with numbers.
    player
        Name or index.
    profile
        One entry per player: a strategy label, a probability vector or a mapping from
        labels to probabilities; the entry of ``player`` itself is ignored (may be None).
    """
    game = _numeric(game, "best_responses")
    i = game.player_index(player)
    values = _payoff_vector(game, i, _probabilities(game, profile, skip=i))
    best = max(values)
    return tuple(lab for lab, v in zip(game.strategies[i], values) if v == best)


def regret(game: Any, profile: Sequence[Any], player: str | int | None = None) -> sp.Expr:
    """The regret of a mixed profile: what a player gains by the best deviation.

    Returns the regret of ``player``, or with ``player=None`` the largest regret over
    all players (zero exactly when the profile is a Nash equilibrium). Exact for exact
    games and profiles.
    """
    game = _numeric(game, "regret")
    probs = _probabilities(game, profile)
    players = range(game.n_players) if player is None else [game.player_index(player)]
    worst: Any = Fraction(0)
    for i in players:
        own = probs[i]
        assert own is not None
        values = _payoff_vector(game, i, probs[:i] + [None] + probs[i + 1:])
        r = max(values) - sum(p * v for p, v in zip(own, values))
        worst = r if player is not None else max(worst, r)
    if isinstance(worst, Fraction):
        return sp.Rational(worst.numerator, worst.denominator)
    return sp.Float(float(worst))


@dataclass(frozen=True)
class Elimination:
    """One removed strategy: in which round, whose, and what dominates it."""

    round: int
    player: str
    strategy: str
    dominated_by: str
    mixture: tuple[tuple[str, sp.Expr], ...] = ()


@dataclass(frozen=True)
class DominanceResult(Result):
    """The game left after iterated elimination, and how it was reached."""

    game: NormalFormGame
    eliminated: tuple[Elimination, ...]
    strict: bool
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    @property
    def surviving(self) -> dict[str, tuple[str, ...]]:
        return dict(zip(self.game.players, self.game.strategies))

    @property
    def solved(self) -> bool:
        """True when one strategy per player survives (dominance solvable)."""
        return all(k == 1 for k in self.game.shape)


def _restrict(game: NormalFormGame, keep: list[list[int]]) -> NormalFormGame:
    idx = np.ix_(range(game.n_players), *keep)
    return NormalFormGame(game.payoffs[idx], game.players,
                          [[game.strategies[i][k] for k in ks] for i, ks in enumerate(keep)],
                          game.title)


def _mixed_dominator(u: np.ndarray, s: int, others: list[int]) -> tuple[Fraction, ...] | None:
    """A mixture over ``others`` strictly better than ``s`` everywhere, verified exactly.

    ``u`` has the player's own strategies on axis 0 (Fractions).
    """
    from scipy.optimize import linprog

    target = u[s].reshape(-1)
    rows = np.array([u[k].reshape(-1) for k in others], dtype=object)
    scale = max(1.0, float(max(abs(v) for v in rows.flat)), float(max(abs(v) for v in target)))
    k = len(others)
    # Variables: k weights and the margin e; maximise e subject to
    # sum_k w_k u_k(c) - e >= u_s(c) for every column c, sum w = 1, w >= 0.
    a_ub = np.hstack([-rows.T.astype(float) / scale, np.ones((rows.shape[1], 1))])
    b_ub = -target.astype(float) / scale
    res = linprog(np.r_[np.zeros(k), -1.0], A_ub=a_ub, b_ub=b_ub,
                  A_eq=np.r_[np.ones(k), 0.0][None, :], b_eq=[1.0],
                  bounds=[(0, None)] * k + [(None, 1.0)], method="highs")
    if res.status != 0 or -res.fun <= 1e-12:
        return None
    weights = [Fraction(float(max(w, 0.0))).limit_denominator(10**6) for w in res.x[:k]]
    total = sum(weights)
    if total == 0:
        return None
    weights = [w / total for w in weights]
    mixed = sum(w * r for w, r in zip(weights, rows))
    if all(m > t for m, t in zip(mixed, target)):
        return tuple(weights)
    return None


def iterated_dominance(game: Any, strict: bool = True) -> DominanceResult:
    """Iteratively remove dominated strategies.

    Parameters
    ----------
    game
        A normal-form game with numbers (or any game with ``to_normal_form()``).
    strict
        Strict dominance by pure strategies or mixtures (order-independent), or, if
        False, weak dominance by pure strategies (order matters; see the module
        docstring).

    Returns
    -------
    DominanceResult
        The reduced game, the eliminations in order, and whether the arithmetic was
        exact (mixtures found by linear programming are verified exactly).
    """
    game = _numeric(game, "iterated_dominance")
    keep = [list(range(k)) for k in game.shape]
    values = [_to_fraction_array(game.fraction_payoffs()[i]) for i in range(game.n_players)]
    eliminated: list[Elimination] = []
    rnd = 0
    while True:
        rnd += 1
        removals: list[tuple[int, int, str, tuple[tuple[str, sp.Expr], ...]]] = []
        for i in range(game.n_players):
            if len(keep[i]) < 2:
                continue
            sub = values[i][np.ix_(*keep)]
            own = np.moveaxis(sub, i, 0)
            for a, s in enumerate(keep[i]):
                found: tuple[str, tuple[tuple[str, sp.Expr], ...]] | None = None
                for b, t in enumerate(keep[i]):
                    if a == b:
                        continue
                    diff = own[b] - own[a]
                    better = all(d > 0 for d in diff.flat) if strict else (
                        all(d >= 0 for d in diff.flat) and any(d > 0 for d in diff.flat))
                    if better:
                        found = (game.strategies[i][t], ())
                        break
                if found is None and strict and len(keep[i]) > 2:
                    rest = [b for b in range(len(keep[i])) if b != a]
                    w = _mixed_dominator(own, a, rest)
                    if w is not None:
                        mix = tuple((game.strategies[i][keep[i][b]], sp.Rational(x.numerator, x.denominator))
                                    for b, x in zip(rest, w) if x != 0)
                        found = ("mixture of " + ", ".join(f"{lab} ({p})" for lab, p in mix), mix)
                if found is not None:
                    removals.append((i, s, found[0], found[1]))
        if not removals:
            break
        for i, s, by, mix in removals:
            eliminated.append(Elimination(rnd, game.players[i], game.strategies[i][s], by, mix))
        for i, s, _, _ in removals:
            keep[i].remove(s)
    warnings = []
    if not strict and eliminated:
        warnings.append("weak dominance: the surviving strategies can depend on the order of "
                        "elimination (here: all dominated strategies at once, round by round)")
    if strict:
        warnings.append("domination by mixtures is found by linear programming (margin above "
                        "1e-12 of the payoff scale) and every elimination is verified exactly")
    return DominanceResult(
        game=_restrict(game, keep),
        eliminated=tuple(eliminated),
        strict=strict,
        method=("strict dominance by pure strategies and mixtures" if strict
                else "weak dominance by pure strategies"),
        exact=game.is_exact,
        warnings=tuple(warnings),
    )
