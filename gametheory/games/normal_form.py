"""Games in normal (strategic) form: n players, labelled strategies, exact or symbolic payoffs.

Examples
--------
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                    strategies=[["C", "D"], ["C", "D"]])
>>> pd.shape
(2, 2)
>>> pd.payoff("Row", ("D", "C"))
5
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ValidationError
from ..symbolic import exact, free_parameters, is_exact, substitute, to_fraction
from ._coerce import Frozen

__all__ = ["NormalFormGame"]

_DEFAULT_TWO = ("Row", "Column")


def _check_labels(labels: Sequence[Any], what: str) -> tuple[str, ...]:
    out = []
    for lab in labels:
        if not isinstance(lab, str) or not lab.strip():
            raise ValidationError(f"{what}: label {lab!r} must be a non-empty string")
        out.append(lab)
    seen: set[str] = set()
    for lab in out:
        if lab in seen:
            raise ValidationError(f"{what}: label {lab!r} appears twice")
        seen.add(lab)
    return tuple(out)


class NormalFormGame(Frozen):
    """A finite game in normal form.

    Parameters
    ----------
    payoffs
        An array of shape ``(n_players, k_1, ..., k_n)``: ``payoffs[i][s]`` is player
        ``i``'s payoff at profile ``s``. Entries are numbers (made exact) or sympy
        expressions in parameters.
    players
        Player names (default ``Row``, ``Column`` for two players, else ``P1``...).
    strategies
        Per player, the strategy labels (default ``s1``, ``s2``, ...).
    title
        A name for the game.

    The game is immutable: :meth:`subs` returns a new game.
    """

    __slots__ = ("_payoffs", "players", "strategies", "title", "_numeric_cache")

    def __init__(
        self,
        payoffs: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> None:
        raw = np.asarray(payoffs, dtype=object)
        if raw.ndim < 2:
            raise ValidationError(
                f"payoffs must have shape (n_players, k_1, ..., k_n); got shape {raw.shape}"
            )
        n = raw.shape[0]
        if raw.ndim != n + 1:
            raise ValidationError(
                f"payoffs of {n} players need {n} strategy axes, got {raw.ndim - 1} "
                f"(shape {raw.shape})"
            )
        if players is None:
            players = _DEFAULT_TWO if n == 2 else tuple(f"P{i + 1}" for i in range(n))
        players = _check_labels(players, "players")
        if len(players) != n:
            raise ValidationError(f"{len(players)} player names for {n} players")
        shape = raw.shape[1:]
        if any(k < 1 for k in shape):
            raise ValidationError(f"every player needs at least one strategy; shape {shape}")
        if strategies is None:
            strategies = [tuple(f"s{j + 1}" for j in range(k)) for k in shape]
        if len(strategies) != n:
            raise ValidationError(f"strategy labels for {len(strategies)} players, game has {n}")
        labs = []
        for i, (pl, labels) in enumerate(zip(players, strategies)):
            lab = _check_labels(list(labels), f"strategies of player {pl!r}")
            if len(lab) != shape[i]:
                raise ValidationError(
                    f"player {pl!r} has {len(lab)} strategy labels but the payoff array has "
                    f"{shape[i]} strategies on axis {i}"
                )
            labs.append(lab)
        out = np.empty(raw.shape, dtype=object)
        for idx in np.ndindex(*raw.shape):
            i, prof = idx[0], idx[1:]
            where = (
                f"payoff of {players[i]!r} at ("
                + ", ".join(labs[j][s] for j, s in enumerate(prof))
                + ")"
            )
            out[idx] = exact(raw[idx], where=where)
        out.flags.writeable = False
        self._payoffs = out
        self.players: tuple[str, ...] = players
        self.strategies: tuple[tuple[str, ...], ...] = tuple(labs)
        self.title = title
        self._numeric_cache: dict[str, Any] = {}

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_arrays(
        cls,
        *arrays: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """One payoff array per player, each of shape ``(k_1, ..., k_n)``.

        A single array for two players means a zero-sum game (the column player gets
        its negative).
        """
        if len(arrays) == 1:
            a = np.asarray(arrays[0], dtype=object)
            if a.ndim != 2:
                raise ValidationError(
                    "a single payoff array defines a two-player zero-sum game and must be 2-D"
                )
            arrays = (a, -a)
        shaped = [np.asarray(a, dtype=object) for a in arrays]
        for i, a in enumerate(shaped):
            if a.shape != shaped[0].shape:
                raise ValidationError(
                    f"payoff array {i + 1} has shape {a.shape}, array 1 has {shaped[0].shape}"
                )
        if shaped[0].ndim != len(shaped):
            raise ValidationError(
                f"{len(shaped)} payoff arrays of dimension {shaped[0].ndim}: "
                f"an n-player game needs n arrays with n axes each"
            )
        return cls(np.stack(shaped), players=players, strategies=strategies, title=title)

    @classmethod
    def from_dict(
        cls, table: Mapping[str, Any], players: Sequence[str] | None = None, title: str = ""
    ) -> NormalFormGame:
        """From a nested mapping: the first player's strategies, then the second's, ...,
        and at the leaves a sequence of payoffs (one per player).

        >>> g = NormalFormGame.from_dict({"Up": {"Left": (1, 2), "Right": (0, 0)},
        ...                               "Down": {"Left": (0, 0), "Right": (2, 1)}})
        >>> g.strategies
        (('Up', 'Down'), ('Left', 'Right'))
        """
        labels: list[list[str]] = []
        level: Any = table
        while isinstance(level, Mapping):
            labels.append(list(level.keys()))
            if not level:
                raise ValidationError(f"player {len(labels)} has no strategies")
            level = next(iter(level.values()))
        n = len(labels)
        shape = tuple(len(x) for x in labels)
        payoffs = np.empty((n, *shape), dtype=object)
        for prof in itertools.product(*[range(k) for k in shape]):
            node: Any = table
            for j, s in enumerate(prof):
                key = labels[j][s]
                if not isinstance(node, Mapping) or key not in node:
                    path = " > ".join(labels[m][prof[m]] for m in range(j + 1))
                    raise ValidationError(f"nested payoff table: no entry at {path}")
                node = node[key]
            if isinstance(node, Mapping) or not isinstance(node, Sequence) or len(node) != n:
                path = ", ".join(labels[m][prof[m]] for m in range(n))
                raise ValidationError(
                    f"nested payoff table: at ({path}) expected {n} payoffs, got {node!r}"
                )
            for i in range(n):
                payoffs[(i, *prof)] = node[i]
        return cls(payoffs, players=players, strategies=labels, title=title)

    @classmethod
    def from_nashpy(cls, game: Any, players: Sequence[str] | None = None) -> NormalFormGame:
        """From a ``nashpy.Game`` (its two payoff matrices)."""
        a, b = game.payoff_matrices
        return cls.from_arrays(np.asarray(a).tolist(), np.asarray(b).tolist(), players=players)

    def to_nashpy(self) -> Any:
        """A ``nashpy.Game`` with float payoffs (two players, numbers only)."""
        import nashpy

        if self.n_players != 2:
            raise ValidationError("nashpy handles two-player games only")
        a, b = self.float_payoffs()
        return nashpy.Game(a, b)

    # ------------------------------------------------------------------ properties
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(s) for s in self.strategies)

    @property
    def payoffs(self) -> np.ndarray:
        """Read-only object array of shape ``(n_players, k_1, ..., k_n)``."""
        return self._payoffs

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        return free_parameters(self._payoffs)

    @property
    def is_numeric(self) -> bool:
        return not self.parameters

    @property
    def is_exact(self) -> bool:
        return is_exact(self._payoffs)

    def player_index(self, player: str | int) -> int:
        if isinstance(player, int) and not isinstance(player, bool):
            if not 0 <= player < self.n_players:
                raise ValidationError(f"no player {player}; the game has {self.n_players}")
            return player
        if player not in self.players:
            raise ValidationError(f"no player named {player!r}; players are {self.players}")
        return self.players.index(player)

    def strategy_index(self, player: str | int, strategy: str | int) -> int:
        i = self.player_index(player)
        if isinstance(strategy, int) and not isinstance(strategy, bool):
            if not 0 <= strategy < self.shape[i]:
                raise ValidationError(f"player {self.players[i]!r} has no strategy {strategy}")
            return strategy
        if strategy not in self.strategies[i]:
            raise ValidationError(
                f"player {self.players[i]!r} has no strategy {strategy!r}; "
                f"strategies are {self.strategies[i]}"
            )
        return self.strategies[i].index(strategy)

    def profile_index(self, profile: Sequence[str | int]) -> tuple[int, ...]:
        if len(profile) != self.n_players:
            raise ValidationError(f"a profile needs {self.n_players} strategies, got {profile!r}")
        return tuple(self.strategy_index(i, s) for i, s in enumerate(profile))

    def payoff(self, player: str | int, profile: Sequence[str | int]) -> sp.Expr:
        return self._payoffs[(self.player_index(player), *self.profile_index(profile))]

    def payoff_array(self, player: str | int) -> np.ndarray:
        return self._payoffs[self.player_index(player)]

    def profiles(self) -> Iterator[tuple[int, ...]]:
        return itertools.product(*[range(k) for k in self.shape])

    # ------------------------------------------------------------------ numbers
    def _require_numeric(self, what: str) -> None:
        if not self.is_numeric:
            names = ", ".join(s.name for s in self.parameters)
            raise ValidationError(
                f"{what} needs numbers; the game has free parameters ({names}): "
                f"use game.subs({{...}}) first"
            )

    def fraction_payoffs(self) -> np.ndarray:
        """Payoffs as an object array of Fractions (exact) or floats (inexact)."""
        self._require_numeric("fraction_payoffs")
        if "fraction" not in self._numeric_cache:
            arr = np.vectorize(to_fraction, otypes=[object])(self._payoffs)
            arr.flags.writeable = False
            self._numeric_cache["fraction"] = arr
        return self._numeric_cache["fraction"]

    def float_payoffs(self) -> np.ndarray:
        """Payoffs as a float array of shape ``(n_players, k_1, ..., k_n)``."""
        self._require_numeric("float_payoffs")
        if "float" not in self._numeric_cache:
            arr = np.array(self.fraction_payoffs(), dtype=float)
            arr.flags.writeable = False
            self._numeric_cache["float"] = arr
        return self._numeric_cache["float"]

    def subs(self, values: Mapping[Any, Any]) -> NormalFormGame:
        """The same game with parameter values substituted (by symbol or by name)."""
        out = np.empty(self._payoffs.shape, dtype=object)
        for idx in np.ndindex(*self._payoffs.shape):
            out[idx] = substitute(self._payoffs[idx], values)
        return NormalFormGame(out, self.players, self.strategies, self.title)

    def mixed_profile(self, profile: Sequence[Any]) -> list[list[sp.Expr]]:
        """Validate a mixed profile (one probability vector per player, or labels) and
        return it as exact probabilities."""
        if len(profile) != self.n_players:
            raise ValidationError(
                f"a mixed profile needs {self.n_players} probability vectors, got {len(profile)}"
            )
        out = []
        for i, sigma in enumerate(profile):
            pl = self.players[i]
            if isinstance(sigma, str):
                vec = [sp.Integer(0)] * self.shape[i]
                vec[self.strategy_index(i, sigma)] = sp.Integer(1)
            elif isinstance(sigma, Mapping):
                vec = [sp.Integer(0)] * self.shape[i]
                for lab, p in sigma.items():
                    vec[self.strategy_index(i, lab)] = exact(p, where=f"probability of {lab} for {pl}")
            else:
                vec = [exact(p, where=f"probability for {pl}") for p in sigma]
            if len(vec) != self.shape[i]:
                raise ValidationError(
                    f"player {pl!r}: {len(vec)} probabilities for {self.shape[i]} strategies"
                )
            for lab, p in zip(self.strategies[i], vec):
                if p.is_number and p < 0:
                    raise ValidationError(f"player {pl!r}: probability of {lab!r} is negative ({p})")
            total = sp.nsimplify(sum(vec)) if is_exact(*vec) else sum(vec)
            if total.is_number and abs(total - 1) > (0 if is_exact(*vec) else 1e-9):
                raise ValidationError(f"player {pl!r}: probabilities sum to {total}, not 1")
            out.append(vec)
        return out

    def expected_payoffs(self, profile: Sequence[Any]) -> tuple[sp.Expr, ...]:
        """Expected payoff of each player under a mixed profile.

        >>> mp = NormalFormGame.from_arrays([[1, -1], [-1, 1]])
        >>> mp.expected_payoffs([["1/2", "1/2"], ["1/2", "1/2"]])
        (0, 0)
        """
        probs = self.mixed_profile(profile)
        totals = [sp.Integer(0)] * self.n_players
        for prof in self.profiles():
            weight = sp.Integer(1)
            for i, s in enumerate(prof):
                weight *= probs[i][s]
            if weight == 0:
                continue
            for i in range(self.n_players):
                totals[i] += weight * self._payoffs[(i, *prof)]
        return tuple(sp.expand(t) if not t.is_number else t for t in totals)

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self.players == other.players
            and self.strategies == other.strategies
            and self._payoffs.shape == other._payoffs.shape
            and all(sp.simplify(a - b) == 0 for a, b in zip(self._payoffs.flat, other._payoffs.flat))
        )

    def __hash__(self) -> int:
        return hash((self.players, self.strategies, tuple(self._payoffs.flat)))

    def __repr__(self) -> str:
        head = f"NormalFormGame({self.title + ': ' if self.title else ''}players={self.players}, shape={self.shape})"
        if self.n_players != 2 or max(self.shape) > 8:
            return head
        rows = []
        for r, lab in enumerate(self.strategies[0]):
            cells = [
                f"{self._payoffs[0, r, c]}, {self._payoffs[1, r, c]}" for c in range(self.shape[1])
            ]
            rows.append(f"  {lab}: " + " | ".join(cells))
        return head + "\n  columns: " + ", ".join(self.strategies[1]) + "\n" + "\n".join(rows)
