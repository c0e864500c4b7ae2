"""Repeated games: a stage game, a discount factor, a horizon and a monitoring structure.

Monitoring says what each player sees at the end of a round:

- :class:`PerfectMonitoring` (the default): everyone sees the action profile played.
- :class:`PrivateNoise` ``(error)``: each player sees his own action exactly and each
  other player's action correctly with probability ``1 - error``; with probability
  ``error`` he sees instead one of that player's *other* actions, drawn uniformly (in a
  two-action game: the action is flipped). Misperceptions are independent across
  observers and across observed players, so the players' views are private.
- :class:`PublicSignal`: nobody sees actions; everyone sees a public signal, ``"good"``
  or ``"bad"``, whose probability of being good depends on the action profile (Green and
  Porter 1984). ``PublicSignal.green_porter(p, q, compliant)`` makes it ``p`` at the
  compliant profile and ``q`` at every other profile.

Examples
--------
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]],
...                                    strategies=[["C", "D"], ["C", "D"]])
>>> rg = gt.RepeatedGame(pd, "9/10")
>>> rg.discount_factor, rg.horizon, rg.monitoring
(9/10, None, PerfectMonitoring())
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..errors import ParameterError, ValidationError
from ..symbolic import exact, free_parameters, is_exact, substitute
from ._coerce import FrozenMapping
from .automata import SIGNALS, Automaton
from .extensive_form import Decision, ExtensiveFormGame, Terminal
from .normal_form import NormalFormGame

__all__ = ["RepeatedGame", "PerfectMonitoring", "PrivateNoise", "PublicSignal"]


def _probability(value: Any, what: str) -> sp.Expr:
    v = exact(value, where=what)
    if v.is_number and (v.is_real is False or v < 0 or v > 1):
        raise ParameterError(f"{what} must lie in [0, 1], got {v}")
    return v


@dataclass(frozen=True)
class PerfectMonitoring:
    """Every player observes the action profile played."""

    public = True

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        return ()

    def subs(self, values: Mapping[Any, Any]) -> PerfectMonitoring:
        return self

    def observation_distribution(
        self, game: NormalFormGame, profile: tuple[int, ...], observer: int
    ) -> list[tuple[tuple[str, ...], sp.Expr]]:
        labels = tuple(game.strategies[j][a] for j, a in enumerate(profile))
        return [(labels, sp.Integer(1))]


@dataclass(frozen=True)
class PrivateNoise:
    """Each other player's action is misperceived with probability ``error``.

    A misperceived action is replaced by one of that player's other actions, uniformly;
    errors are independent across observers and observed players; one's own action is
    always seen correctly.
    """

    error: Any
    public = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "error", _probability(self.error, "observation error"))

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        return free_parameters(self.error)

    def subs(self, values: Mapping[Any, Any]) -> PrivateNoise:
        return PrivateNoise(substitute(self.error, values))

    def observation_distribution(
        self, game: NormalFormGame, profile: tuple[int, ...], observer: int
    ) -> list[tuple[tuple[str, ...], sp.Expr]]:
        per_player: list[list[tuple[str, sp.Expr]]] = []
        for j, a in enumerate(profile):
            labels = game.strategies[j]
            if j == observer or len(labels) == 1:
                per_player.append([(labels[a], sp.Integer(1))])
                continue
            wrong = self.error / (len(labels) - 1)
            per_player.append(
                [(lab, 1 - self.error if k == a else wrong) for k, lab in enumerate(labels)]
            )
        out = []
        for combo in itertools.product(*per_player):
            prob = sp.Integer(1)
            for _, p in combo:
                prob *= p
            if prob != 0:
                out.append((tuple(lab for lab, _ in combo), prob))
        return out


@dataclass(frozen=True)
class PublicSignal:
    """A public good/bad signal whose probability of being good depends on the profile.

    Parameters
    ----------
    good_given
        Mapping from action profiles (tuples of labels) to the probability of the good
        signal.
    default
        The probability for every profile not in ``good_given`` (``None``: every profile
        must be listed).
    """

    good_given: Mapping[tuple[str, ...], Any]
    default: Any = None
    public = True

    def __post_init__(self) -> None:
        table = {}
        for prof, p in self.good_given.items():
            prof = tuple(prof)
            table[prof] = _probability(p, f"probability of the good signal at {prof}")
        object.__setattr__(self, "good_given", FrozenMapping(table))
        if self.default is not None:
            object.__setattr__(
                self, "default", _probability(self.default, "default probability of the good signal")
            )

    @classmethod
    def green_porter(cls, p: Any, q: Any, compliant_profile: Sequence[str]) -> PublicSignal:
        """Good signal with probability ``p`` at the compliant profile, ``q`` elsewhere."""
        return cls({tuple(compliant_profile): p}, default=q)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        return free_parameters(list(self.good_given.values()), self.default)

    def subs(self, values: Mapping[Any, Any]) -> PublicSignal:
        return PublicSignal(
            {k: substitute(v, values) for k, v in self.good_given.items()},
            None if self.default is None else substitute(self.default, values),
        )

    def good_probability(self, labels: tuple[str, ...]) -> sp.Expr:
        if labels in self.good_given:
            return self.good_given[labels]
        if self.default is None:
            raise ValidationError(
                f"public signal: no probability of the good signal given at the action "
                f"profile ({', '.join(labels)})"
            )
        return self.default

    def observation_distribution(
        self, game: NormalFormGame, profile: tuple[int, ...], observer: int
    ) -> list[tuple[str, sp.Expr]]:
        labels = tuple(game.strategies[j][a] for j, a in enumerate(profile))
        good = self.good_probability(labels)
        return [(SIGNALS[0], good), (SIGNALS[1], 1 - good)]


Monitoring = PerfectMonitoring | PrivateNoise | PublicSignal


@dataclass(frozen=True)
class RepeatedGame:
    """A stage game played repeatedly with discounting.

    Parameters
    ----------
    stage
        The stage game, a :class:`~gametheory.NormalFormGame` with any number of players.
    discount_factor
        A number in (0, 1) or a sympy expression (declare a symbol with
        ``gt.parameter("delta", kind="discount")``).
    horizon
        ``None`` for an infinite horizon, else the number of rounds.
    monitoring
        :class:`PerfectMonitoring` (default), :class:`PrivateNoise` or :class:`PublicSignal`.
    """

    stage: NormalFormGame
    discount_factor: Any
    horizon: int | None = None
    monitoring: Any = field(default_factory=PerfectMonitoring)

    def __post_init__(self) -> None:
        if not isinstance(self.stage, NormalFormGame):
            raise ValidationError(
                f"the stage game must be a NormalFormGame, got {type(self.stage).__name__}"
            )
        d = exact(self.discount_factor, where="discount factor")
        if d.is_number and (d.is_real is False or not (0 < d < 1)):
            raise ParameterError(f"the discount factor must lie in (0, 1), got {d}")
        object.__setattr__(self, "discount_factor", d)
        if self.horizon is not None and (
            not isinstance(self.horizon, int) or isinstance(self.horizon, bool) or self.horizon < 1
        ):
            raise ValidationError(f"the horizon must be a positive integer or None, got {self.horizon!r}")
        if self.monitoring is None:
            object.__setattr__(self, "monitoring", PerfectMonitoring())
        if not isinstance(self.monitoring, PerfectMonitoring | PrivateNoise | PublicSignal):
            raise ValidationError(
                "monitoring must be PerfectMonitoring(), PrivateNoise(error) or PublicSignal(...), "
                f"got {self.monitoring!r}"
            )
        if isinstance(self.monitoring, PublicSignal):
            for given in self.monitoring.good_given:
                self.stage.profile_index(given)  # raises naming the bad label
            if self.monitoring.default is None:
                for prof in self.stage.profiles():
                    self.monitoring.good_probability(self.labels(prof))

    # ------------------------------------------------------------------ facts
    @property
    def players(self) -> tuple[str, ...]:
        return self.stage.players

    @property
    def n_players(self) -> int:
        return self.stage.n_players

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        return free_parameters(
            self.stage.payoffs, self.discount_factor, list(self.monitoring.parameters)
        )

    @property
    def is_exact(self) -> bool:
        mon = self.monitoring
        return is_exact(
            self.stage.payoffs,
            self.discount_factor,
            getattr(mon, "error", 0),
            list(getattr(mon, "good_given", {}).values()),
            getattr(mon, "default", None),
        )

    def labels(self, profile: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(self.stage.strategies[j][a] for j, a in enumerate(profile))

    def observations(self) -> list[Any]:
        """Everything a player can observe at the end of a round."""
        if isinstance(self.monitoring, PublicSignal):
            return list(SIGNALS)
        return [self.labels(p) for p in self.stage.profiles()]

    def subs(self, values: Mapping[Any, Any]) -> RepeatedGame:
        """The same repeated game with parameter values substituted."""
        return RepeatedGame(
            self.stage.subs(values),
            substitute(self.discount_factor, values),
            self.horizon,
            self.monitoring.subs(values),
        )

    def with_discount_factor(self, discount_factor: Any) -> RepeatedGame:
        return RepeatedGame(self.stage, discount_factor, self.horizon, self.monitoring)

    def to_extensive_form(self, max_leaves: int = 200_000) -> Any:
        """The finitely repeated game as a tree, for ``gt.spe``.

        Each round the players move in turn at information sets that record the
        profiles of the earlier rounds only (moves within a round are simultaneous).
        A leaf pays each player the discounted sum ``sum_t delta^t u_t`` (not
        normalised). Needs a finite horizon and perfect monitoring.
        """
        if self.horizon is None:
            raise ValidationError("to_extensive_form needs a finite horizon (horizon=...)")
        if not isinstance(self.monitoring, PerfectMonitoring):
            raise ValidationError("to_extensive_form supports perfect monitoring only")
        n_profiles = 1
        for k in self.stage.shape:
            n_profiles *= k
        if n_profiles**self.horizon > max_leaves:
            raise ValidationError(
                f"the tree would have {n_profiles}^{self.horizon} leaves, more than "
                f"max_leaves={max_leaves}"
            )
        pay, d, players = self.stage.payoffs, self.discount_factor, self.players
        horizon = self.horizon

        def round_tree(t: int, history: tuple[str, ...], totals: tuple[sp.Expr, ...]) -> Any:
            if t == horizon:
                return Terminal(list(totals))
            past = "/".join(history) or "start"

            def move(i: int, chosen: tuple[int, ...]) -> Any:
                if i == self.n_players:
                    labels = ",".join(self.labels(chosen))
                    new = tuple(
                        totals[j] + d**t * pay[(j, *chosen)] for j in range(self.n_players)
                    )
                    return round_tree(t + 1, (*history, labels), new)
                return Decision(
                    players[i],
                    f"{players[i]}@{t + 1}:{past}",
                    {lab: move(i + 1, (*chosen, a)) for a, lab in enumerate(self.stage.strategies[i])},
                )

            return move(0, ())

        zero = tuple(sp.Integer(0) for _ in players)
        return ExtensiveFormGame(
            round_tree(0, (), zero), players=list(players),
            title=f"{self.stage.title or 'stage game'} repeated {horizon} times",
        )

    def check_profile(self, profile: Sequence[Automaton]) -> list[dict[str, dict[Any, str]]]:
        """Validate a profile of automata (one per player) and return their transition
        tables over this game's observations."""
        if isinstance(profile, Automaton) or len(profile) != self.n_players:
            raise ValidationError(
                f"a strategy profile needs one automaton per player ({self.n_players}), "
                f"got {profile!r}"
            )
        wanted = "signal" if isinstance(self.monitoring, PublicSignal) else "actions"
        tables = []
        for i, aut in enumerate(profile):
            pl = self.players[i]
            if not isinstance(aut, Automaton):
                raise ValidationError(f"player {pl!r}: expected an Automaton, got {aut!r}")
            if aut.n_players is not None and aut.n_players != self.n_players:
                raise ValidationError(
                    f"player {pl!r}: automaton {aut.name!r} is defined for {aut.n_players} "
                    f"players, the game has {self.n_players}"
                )
            if aut.observes != wanted:
                raise ValidationError(
                    f"player {pl!r}: automaton {aut.name!r} transitions on "
                    f"{'a public signal' if aut.observes == 'signal' else 'action profiles'}, "
                    f"but under {type(self.monitoring).__name__} players observe "
                    f"{'a public signal' if wanted == 'signal' else 'action profiles'}"
                )
            aut.check_actions(self.stage.strategies[i], pl)
            tables.append(aut.table(self.observations(), i))
        return tables

    def __repr__(self) -> str:
        h = "infinite" if self.horizon is None else f"{self.horizon} rounds"
        return (
            f"RepeatedGame(players={self.players}, discount_factor={self.discount_factor}, "
            f"horizon={h}, monitoring={self.monitoring!r})"
        )
