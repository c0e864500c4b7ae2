"""Equilibria of a game with numbers in: :class:`Equilibrium` and :class:`Solution`.

A solver given numbers returns a :class:`Solution`: its equilibria, the method that
found them, whether the arithmetic was exact, and warnings such as ties or a
degenerate game. Solutions follow the :class:`~gametheory.solve.result_protocol.Result`
protocol; :class:`EquilibriumSequence` is the base of results that are a list of
equilibria.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .result_protocol import Result, counted, number_to_json

__all__ = ["Equilibrium", "EquilibriumSequence", "Solution"]

@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium of a game in strategic form.

    Attributes
    ----------
    players
        Player names, in order.
    strategies
        Per player, a mapping from strategy label to probability (pure strategies
        have one entry equal to 1 and zeros elsewhere).
    payoffs
        Per player, the expected payoff.
    """

    players: tuple[str, ...]
    strategies: tuple[Mapping[str, sp.Expr], ...]
    payoffs: tuple[sp.Expr, ...]

    @property
    def profile(self) -> tuple[tuple[sp.Expr, ...], ...]:
        """The mixed profile as tuples of probabilities, one per player."""
        return tuple(tuple(s.values()) for s in self.strategies)

    @property
    def is_pure(self) -> bool:
        return all(sum(1 for p in s.values() if p != 0) == 1 for s in self.strategies)

    @property
    def pure_profile(self) -> tuple[str, ...]:
        """The strategy labels of a pure equilibrium."""
        if not self.is_pure:
            raise ValueError("this equilibrium is mixed")
        return tuple(next(k for k, p in s.items() if p != 0) for s in self.strategies)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "strategies": {
                pl: {lab: number_to_json(p) for lab, p in s.items()}
                for pl, s in zip(self.players, self.strategies)
            },
            "payoffs": {pl: number_to_json(v) for pl, v in zip(self.players, self.payoffs)},
        }

    def __repr__(self) -> str:
        if self.is_pure:
            prof = ", ".join(self.pure_profile)
        else:
            prof = "; ".join(
                ", ".join(f"{k}={v}" for k, v in s.items() if v != 0) for s in self.strategies
            )
        pay = ", ".join(str(v) for v in self.payoffs)
        return f"Equilibrium(({prof}), payoffs=({pay}))"


class EquilibriumSequence(Result):
    """A result that is a sequence of its ``equilibria``: ``len``, iteration, indexing,
    and a summary (``concept``, ``method``, ``exact``, ``warnings``, ``equilibria``)."""

    equilibria: tuple[Any, ...]
    concept: str
    method: str
    exact: bool
    warnings: tuple[str, ...]

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        eqs = self.equilibria if limit is None else self.equilibria[:limit]
        return {
            "concept": self.concept,
            "method": self.method,
            "exact": self.exact,
            "warnings": list(self.warnings),
            "equilibria": [e.to_json_dict() for e in eqs],
        }

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> Any:
        return self.equilibria[index]


@dataclass(frozen=True)
class Solution(EquilibriumSequence):
    """Equilibria of a game with numbers in.

    Attributes
    ----------
    concept
        ``"nash"``, ``"pure"``, ``"spe"``, ...
    equilibria
        The equilibria found (for ``nash`` in two-player games: all extreme ones).
    method
        The algorithm that found them.
    exact
        False when any number involved was a float.
    warnings
        Ties, degeneracy, continua, what was not enumerated.
    extra
        Method-specific details (for instance the components of a degenerate game).
    """

    concept: str
    equilibria: tuple[Any, ...]
    method: str
    exact: bool
    players: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of_game(cls, game: Any, concept: str, equilibria: Any, method: str,
                warnings: Any = (), extra: Mapping[str, Any] | None = None) -> Solution:
        """The solution of a game with numbers in: ``exact`` and ``players`` are the game's.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[1]], [[2]])
        >>> Solution.of_game(g, "pure", [], "by hand").players
        ('Row', 'Column')
        """
        return cls(concept=concept, equilibria=tuple(equilibria), method=method,
                   exact=bool(game.is_exact), players=tuple(game.players),
                   warnings=tuple(warnings), extra=dict(extra or {}))

    @property
    def degenerate(self) -> bool:
        return bool(self.extra.get("degenerate", False))

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        eqs = self.equilibria if limit is None else self.equilibria[:limit]
        return {
            "concept": self.concept,
            "exact": self.exact,
            "players": list(self.players),
            "warnings": list(self.warnings),
            "equilibria": [e.to_json_dict() for e in eqs],
        }

    def __repr__(self) -> str:
        lines = [
            f"Solution(concept={self.concept!r}, method={self.method!r}, exact={self.exact}, "
            f"{counted(len(self.equilibria), 'equilibrium')})"
        ]
        lines += [f"  {e!r}" for e in self.equilibria[:20]]
        if len(self.equilibria) > 20:
            lines.append(f"  ... {len(self.equilibria) - 20} more")
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)
