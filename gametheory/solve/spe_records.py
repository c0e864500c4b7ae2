"""What :func:`~gametheory.solve.backward_induction.spe` returns for a tree with numbers in.

:class:`SPESolution` holds the count of subgame-perfect equilibria and their distinct
payoff vectors, computed from the tables of the backward-induction engine
(:mod:`gametheory.solve.spe_engine`) without listing profiles; each profile, a
:class:`SubgamePerfectEquilibrium`, is produced lazily from the same tables. Counts
too long to print are given by their size (:func:`count_text`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..errors import SolverError
from ..games.extensive_form import ExtensiveFormGame
from ..symbolic import exact
from .results import Result, number_to_json

__all__ = ["SPESolution", "SubgamePerfectEquilibrium", "MAX_LISTED", "count_text", "count_json"]

MAX_LISTED = 100_000
"""``SPESolution.equilibria`` lists at most this many; beyond, use ``profiles()``."""

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
