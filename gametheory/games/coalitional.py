"""Coalitional (transferable-utility) games: a characteristic function over named players.

A multilateral negotiation such as the Six-Party Talks is stated as a value ``v(S)``
for every coalition ``S`` of the parties; weighted majority (voting) games are the
special case where ``v(S)`` is 1 when the coalition's weight reaches a quota.

Examples
--------
>>> import gametheory as gt
>>> glove = gt.CoalitionalGame(["L", "R1", "R2"], {("L", "R1"): 1, ("L", "R2"): 1,
...     ("L", "R1", "R2"): 1, ("L",): 0, ("R1",): 0, ("R2",): 0, ("R1", "R2"): 0})
>>> glove.value({"L", "R1"})
1
>>> gt.WeightedVotingGame({"A": 3, "B": 2, "C": 1}, quota=4).value(("A", "C"))
1
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import sympy as sp

from ..errors import ValidationError
from ..symbolic import exact, free_parameters, is_exact, substitute
from ._coerce import Frozen, FrozenMapping, number_or_formula

__all__ = ["CoalitionalGame", "WeightedVotingGame"]

_MAX_PLAYERS = 20


def _check_players(players: Sequence[str]) -> tuple[str, ...]:
    names = tuple(players)
    if not names:
        raise ValidationError("a coalitional game needs at least one player")
    for p in names:
        if not isinstance(p, str) or not p.strip():
            raise ValidationError(f"player name {p!r} must be a non-empty string")
    if len(set(names)) != len(names):
        raise ValidationError(f"player names repeat: {names}")
    if len(names) > _MAX_PLAYERS:
        raise ValidationError(
            f"{len(names)} players give 2**{len(names)} coalitions; at most {_MAX_PLAYERS} supported"
        )
    return names


class CoalitionalGame(Frozen):
    """A transferable-utility game in characteristic-function form.

    Parameters
    ----------
    players
        Player names.
    value
        Either a mapping from coalitions (a frozenset, tuple, list or set of player
        names; a single name for a singleton) to numbers, sympy expressions or formula
        strings; or a callable taking a ``frozenset`` of names. Every non-empty
        coalition must be given; the empty coalition, if given, must be worth 0.
    title
        A name for the game.

    Raises
    ------
    ValidationError
        For an unknown player in a coalition, a missing coalition, a coalition given
        twice, or a non-zero value of the empty coalition.
    """

    def __init__(
        self,
        players: Sequence[str],
        value: Mapping[Any, Any] | Callable[[frozenset[str]], Any],
        title: str = "",
    ) -> None:
        self.players: tuple[str, ...] = _check_players(players)
        self.title = title
        values: dict[frozenset[str], sp.Expr] = {}
        if callable(value) and not isinstance(value, Mapping):
            # the empty coalition is worth 0 by definition; the callable is not asked
            for coalition in self.coalitions():
                values[coalition] = self._number(value(coalition), coalition)
        elif isinstance(value, Mapping):
            for key, v in value.items():
                coalition = self._coalition(key)
                if coalition in values:
                    raise ValidationError(f"coalition {self._name(coalition)} is given twice")
                values[coalition] = self._number(v, coalition)
            missing = [c for c in self.coalitions() if c not in values]
            if missing:
                shown = ", ".join(self._name(c) for c in missing[:5])
                more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
                raise ValidationError(
                    f"the characteristic function has no value for coalition(s) {shown}{more}"
                )
        else:
            raise ValidationError("value must be a mapping from coalitions or a callable")
        empty = values.setdefault(frozenset(), sp.Integer(0))
        if empty != 0:
            raise ValidationError(f"the empty coalition must be worth 0, got {empty}")
        self._values = FrozenMapping(values)

    # ----------------------------------------------------------------- coalitions
    def _name(self, coalition: Iterable[str]) -> str:
        members = [p for p in self.players if p in set(coalition)]
        return "{" + ", ".join(members) + "}"

    def _coalition(self, key: Any) -> frozenset[str]:
        if isinstance(key, str):
            key = (key,)
        try:
            members = frozenset(key)
        except TypeError:
            raise ValidationError(f"coalition {key!r} must be a collection of player names") from None
        unknown = sorted(str(m) for m in members - set(self.players))
        if unknown:
            raise ValidationError(
                f"coalition {key!r} names unknown player(s) {unknown}; players are {self.players}"
            )
        return members

    def _number(self, v: Any, coalition: frozenset[str]) -> sp.Expr:
        return number_or_formula(v, f"value of coalition {self._name(coalition)}")

    def coalitions(self, include_empty: bool = False) -> Iterator[frozenset[str]]:
        """Every coalition, by size then in player order."""
        start = 0 if include_empty else 1
        for k in range(start, len(self.players) + 1):
            for combo in itertools.combinations(self.players, k):
                yield frozenset(combo)

    # ----------------------------------------------------------------- values
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def grand_coalition(self) -> frozenset[str]:
        return frozenset(self.players)

    def value(self, coalition: Any) -> sp.Expr:
        """``v(S)`` of a coalition given as a collection of names (or one name)."""
        return self._values[self._coalition(coalition)]

    def __call__(self, coalition: Any) -> sp.Expr:
        return self.value(coalition)

    @property
    def values(self) -> dict[frozenset[str], sp.Expr]:
        """A copy of the characteristic function, by coalition."""
        return dict(self._values)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        return free_parameters(list(self._values.values()))

    @property
    def is_exact(self) -> bool:
        return is_exact(list(self._values.values()))

    def subs(self, values: Mapping[Any, Any]) -> CoalitionalGame:
        """The same game with parameter values substituted."""
        return CoalitionalGame(
            self.players, {c: substitute(v, values) for c, v in self._values.items()}, self.title
        )

    # ----------------------------------------------------------------- properties
    def _require_numbers(self, what: str) -> None:
        if self.parameters:
            raise ValidationError(
                f"{what} needs numbers; free parameters {[s.name for s in self.parameters]}"
            )

    def is_superadditive(self) -> bool:
        """``v(S ∪ T) >= v(S) + v(T)`` for all disjoint S, T (numbers only)."""
        self._require_numbers("is_superadditive")
        cs = list(self.coalitions())
        return all(
            bool(self._values[s | t] >= self._values[s] + self._values[t])
            for s, t in itertools.combinations(cs, 2)
            if not s & t
        )

    def is_convex(self) -> bool:
        """Supermodularity: ``v(S ∪ T) + v(S ∩ T) >= v(S) + v(T)`` (numbers only)."""
        self._require_numbers("is_convex")
        cs = list(self.coalitions(include_empty=True))
        return all(
            bool(self._values[s | t] + self._values[s & t] >= self._values[s] + self._values[t])
            for s, t in itertools.combinations(cs, 2)
        )

    def __repr__(self) -> str:
        head = f"CoalitionalGame({self.title + ': ' if self.title else ''}players={self.players})"
        if self.n_players > 4:
            return head
        rows = [f"  v{self._name(c)} = {self._values[c]}" for c in self.coalitions()]
        return head + "\n" + "\n".join(rows)


class WeightedVotingGame(CoalitionalGame):
    """A weighted majority game ``[quota; w_1, ..., w_n]``: ``v(S) = 1`` iff ``w(S) >= quota``.

    Parameters
    ----------
    weights
        A mapping from player name to weight, or a sequence of weights (players are
        then named ``P1``, ``P2``, ...).
    quota
        The weight a coalition needs to win (a number).
    """

    def __init__(
        self,
        weights: Mapping[str, Any] | Sequence[Any],
        quota: Any,
        title: str = "",
    ) -> None:
        if isinstance(weights, Mapping):
            names = list(weights)
            ws = [exact(weights[n], where=f"weight of {n}") for n in names]
        else:
            ws = [exact(w, where=f"weight {i + 1}") for i, w in enumerate(weights)]
            names = [f"P{i + 1}" for i in range(len(ws))]
        q = exact(quota, where="quota")
        for n, w in zip(names, ws):
            if not w.is_number or w < 0:
                raise ValidationError(f"weight of {n} must be a non-negative number, got {w}")
        if not q.is_number or q <= 0:
            raise ValidationError(f"the quota must be a positive number, got {q}")
        self.weights: Mapping[str, sp.Expr] = FrozenMapping(dict(zip(names, ws)))
        self.quota = q

        def win(coalition: frozenset[str]) -> int:
            return int(bool(sum((self.weights[p] for p in coalition), sp.Integer(0)) >= q))

        super().__init__(names, win, title)

    def is_winning(self, coalition: Any) -> bool:
        return self.value(coalition) == 1

    def __repr__(self) -> str:
        ws = ", ".join(f"{p}={w}" for p, w in self.weights.items())
        return f"WeightedVotingGame(quota={self.quota}; {ws})"
