"""Seeded, vectorised simulation of automaton profiles in a repeated game.

Many runs are simulated at once: per round, every run's actions, observations and next
states are drawn with numpy operations over the runs axis. Randomness comes from a
:class:`numpy.random.Generator` built from ``seed`` (an int, a Generator or None),
never from the global state, and the draws are made in a fixed order, so a seed
reproduces the history exactly.

Examples
--------
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]],
...                                    strategies=[["C", "D"], ["C", "D"]])
>>> rg = gt.RepeatedGame(pd, "9/10", monitoring=gt.PrivateNoise("1/20"))
>>> h = gt.simulate(rg, (gt.grim_trigger(),) * 2, rounds=50, runs=1000, seed=1)
>>> h.actions.shape
(1000, 50, 2)
>>> bool((h.actions[:, 0] == 0).all())  # everyone cooperates in the first round
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ValidationError
from ..games.automata import SIGNALS, Automaton
from ..games.repeated import PerfectMonitoring, PrivateNoise, PublicSignal, RepeatedGame
from .results import Result

__all__ = ["History", "simulate", "cooperation_durations"]


@dataclass(frozen=True)
class History(Result):
    """Simulated play: arrays indexed by (run, round, player).

    Attributes
    ----------
    actions
        Action indices, shape ``(runs, rounds, players)``; labels in ``action_labels``.
    payoffs
        Stage payoffs (float), shape ``(runs, rounds, players)``.
    states
        Automaton state indices at the start of each round, shape
        ``(runs, rounds, players)``; names in ``state_names``.
    signals
        Under a public signal, True where the signal was good, shape ``(runs, rounds)``;
        else None.
    discount_factor
        The game's discount factor (a float), or None when it is a free parameter.
    """

    players: tuple[str, ...]
    action_labels: tuple[tuple[str, ...], ...]
    state_names: tuple[tuple[str, ...], ...]
    actions: np.ndarray
    payoffs: np.ndarray
    states: np.ndarray
    signals: np.ndarray | None
    discount_factor: float | None
    method: str = "vectorised simulation over runs (numpy)"
    exact: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def runs(self) -> int:
        return self.actions.shape[0]

    @property
    def rounds(self) -> int:
        return self.actions.shape[1]

    def discounted_average(self, discount_factor: float | None = None) -> np.ndarray:
        """``(1 - delta) sum_t delta^t u_t`` per run and player (shape ``(runs, players)``),
        truncated at the simulated horizon."""
        d = self.discount_factor if discount_factor is None else float(discount_factor)
        if d is None:
            raise ValidationError("the discount factor is a free parameter: pass discount_factor=")
        weights = (1 - d) * d ** np.arange(self.rounds)
        return np.einsum("rtp,t->rp", self.payoffs, weights)

    def action_profiles(self) -> np.ndarray:
        """Labels of the action profile per run and round, shape ``(runs, rounds)``."""
        names = np.array(
            [
                ",".join(self.action_labels[i][a] for i, a in enumerate(p))
                for p in np.ndindex(*[len(a) for a in self.action_labels])
            ]
        )
        flat = np.ravel_multi_index(
            tuple(self.actions[..., i] for i in range(len(self.players))),
            tuple(len(a) for a in self.action_labels),
        )
        return names[flat]

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        runs = self.runs if limit is None else min(limit, self.runs)
        return {
            "players": list(self.players),
            "method": self.method,
            "exact": self.exact,
            "warnings": list(self.warnings),
            "actions": [
                [[self.action_labels[i][a] for i, a in enumerate(prof)] for prof in run]
                for run in self.actions[:runs].tolist()
            ],
            "payoffs": self.payoffs[:runs].tolist(),
        }


def _monitoring(game: RepeatedGame, noise: Any) -> Any:
    if noise is None:
        return game.monitoring
    if isinstance(noise, PerfectMonitoring | PrivateNoise | PublicSignal):
        return noise
    return PrivateNoise(noise)


def _float(value: Any, what: str) -> float:
    if hasattr(value, "free_symbols") and value.free_symbols:
        raise ValidationError(
            f"simulation needs numbers; {what} is {value}: use game.subs({{...}}) first"
        )
    return float(value)


MAX_HISTORY_BYTES = 2 * 1024**3
"""Default limit on the memory of a simulated history (2 GiB): see ``max_bytes``."""

MAX_ROUNDS = 10_000_000
"""Rounds are a Python loop (runs are vectorised): at most this many per call."""


def _check_sizes(rounds: Any, runs: Any, seed: Any) -> None:
    for name, v in (("rounds", rounds), ("runs", runs)):
        if not isinstance(v, int | np.integer) or isinstance(v, bool) or v < 1:
            raise ValidationError(f"{name} must be a positive integer, got {v!r}")
    if rounds > MAX_ROUNDS:
        raise ValidationError(
            f"{rounds:,} rounds is more than {MAX_ROUNDS:,}: each round is one step of a "
            "Python loop (minutes per 10^7); simulate fewer rounds with more runs (runs are "
            "vectorised), or call simulate again from the states where a run stopped"
        )
    if seed is not None and not isinstance(seed, np.random.Generator):
        if not isinstance(seed, int | np.integer) or isinstance(seed, bool) or seed < 0:
            raise ValidationError(
                f"seed must be a non-negative integer, a numpy.random.Generator or None; got {seed!r}"
            )


def simulate(
    game: RepeatedGame,
    profile: Sequence[Automaton],
    rounds: int,
    runs: int = 1,
    noise: Any = None,
    seed: int | np.random.Generator | None = None,
    max_bytes: int = MAX_HISTORY_BYTES,
) -> History:
    """Simulate a profile of automata for ``rounds`` rounds, ``runs`` times at once.

    Parameters
    ----------
    game
        The repeated game (payoffs and monitoring must be numbers).
    profile
        One automaton per player.
    rounds, runs
        Rounds per run and the number of independent runs.
    noise
        None: the game's monitoring; a number: :class:`PrivateNoise` with that error;
        or a monitoring object.
    seed
        A non-negative int, a :class:`numpy.random.Generator`, or None (fresh entropy).
    max_bytes
        The most memory the history may take (actions, states, payoffs and signals of
        every run and round); the estimate is made before anything is allocated.

    Returns
    -------
    History

    Raises
    ------
    ValidationError
        For sizes that are not positive integers, more than :data:`MAX_ROUNDS` rounds,
        a negative or non-integer seed, or a history larger than ``max_bytes`` (the
        message gives the estimate and what to do instead).
    """
    _check_sizes(rounds, runs, seed)
    mon = _monitoring(game, noise)
    if mon is not game.monitoring:
        game = RepeatedGame(game.stage, game.discount_factor, game.horizon, mon)
    stage = game.stage
    if stage.parameters:
        names = ", ".join(s.name for s in stage.parameters)
        raise ValidationError(f"simulation needs numeric payoffs; free parameters: {names}")
    tables = game.check_profile(profile)
    n, shape = stage.n_players, stage.shape
    per_run_round = n * (4 + 4 + 8) + 1  # actions, states, float payoffs, a signal
    needed = int(rounds) * int(runs) * per_run_round + int(runs) * n * n * 24
    if needed > max_bytes:
        raise ValidationError(
            f"a history of {int(runs):,} runs x {int(rounds):,} rounds x {n} players needs about "
            f"{needed / 1024**3:.1f} GiB, more than max_bytes={max_bytes:,}; simulate fewer runs "
            "or rounds (in batches with different seeds), or raise max_bytes"
        )
    rng = np.random.default_rng(seed)
    observations = game.observations()
    obs_index = {o: k for k, o in enumerate(observations)}
    cdfs, nexts = [], []
    for i, aut in enumerate(profile):
        probs = np.zeros((len(aut.states), shape[i]))
        for s, st in enumerate(aut.states):
            for lab, p in aut.action_distribution(st).items():
                probs[s, stage.strategy_index(i, lab)] = _float(p, f"a probability of {aut.name!r}")
        cdfs.append(np.cumsum(probs, axis=1))
        nexts.append(
            np.array(
                [[aut.states.index(tables[i][st][o]) for o in observations] for st in aut.states],
                dtype=np.intp,
            )
        )
    # deterministic automata play a fixed action per state: a lookup, no comparison
    pure: list[np.ndarray | None] = []
    for i, aut in enumerate(profile):
        probs = np.diff(np.concatenate([np.zeros((len(aut.states), 1)), cdfs[i]], axis=1), axis=1)
        pure.append(probs.argmax(axis=1) if np.all(probs.max(axis=1) == 1) else None)
    pay = stage.float_payoffs()
    error = _float(mon.error, "the observation error") if isinstance(mon, PrivateNoise) else 0.0
    good = None
    if isinstance(mon, PublicSignal):
        good = np.array(
            [_float(mon.good_probability(game.labels(p)), "a signal probability") for p in stage.profiles()]
        )
    state = np.array([[aut.states.index(aut.initial)] * runs for aut in profile], dtype=np.intp)
    # Round-major buffers: each round writes one contiguous block (a run-major layout
    # would scatter every write across the whole array). Small integer types keep the
    # history of 10^7 run-rounds in memory.
    act_type = np.int8 if max(shape) < 128 else np.int32
    state_type = np.int16 if max(len(a.states) for a in profile) < 32768 else np.int32
    actions = np.empty((rounds, n, runs), dtype=act_type)
    states = np.empty((rounds, n, runs), dtype=state_type)
    signals = np.empty((rounds, runs), dtype=bool) if good is not None else None
    k = np.array(shape)
    strides = np.array([int(np.prod(shape[j + 1 :])) for j in range(n)], dtype=np.intp)
    random_play = any(p is None for p in pure)
    for t in range(rounds):
        states[t] = state
        u = rng.random((n, runs)) if random_play else None
        acts = np.empty((n, runs), dtype=np.intp)
        for i in range(n):
            fixed = pure[i]
            if fixed is not None:
                acts[i] = fixed[state[i]]
                continue
            # inverse-cdf draw, one gather per action boundary (the last is 1)
            acts[i] = 0
            assert u is not None
            for j in range(shape[i] - 1):
                acts[i] += u[i] >= cdfs[i][state[i], j]
        actions[t] = acts
        if good is not None:
            g = rng.random(runs) < good[np.ravel_multi_index(tuple(acts), shape)]
            assert signals is not None
            signals[t] = g
            obs = np.where(g, obs_index[SIGNALS[0]], obs_index[SIGNALS[1]])
            for i in range(n):
                state[i] = nexts[i][state[i], obs]
        elif error > 0:
            flips = rng.random((n, n, runs)) < error  # [observer, observed, run]
            flips &= (k > 1)[None, :, None]
            if k.max() > 2:
                # a wrong action uniform over the k - 1 others: shift by 1 .. k - 1
                spread = (np.maximum(k, 2) - 1)[None, :, None]
                shifts = 1 + (rng.random((n, n, runs)) * spread).astype(np.intp)
            for i in range(n):
                if k.max() > 2:
                    seen = (acts + flips[i] * shifts[i]) % k[:, None]
                else:
                    seen = acts ^ flips[i]  # two actions: a misperception flips the label
                seen[i] = acts[i]
                flat_seen = (seen * strides[:, None]).sum(axis=0)
                state[i] = nexts[i][state[i], flat_seen]
        else:
            flat = np.asarray(np.ravel_multi_index(tuple(acts), shape))
            for i in range(n):
                state[i] = nexts[i][state[i], flat]
    acts_all = actions.transpose(2, 0, 1)  # (runs, rounds, players), a view
    idx = tuple(acts_all[..., i] for i in range(n))
    payoffs = np.stack([pay[i][idx] for i in range(n)], axis=-1)
    d = game.discount_factor
    return History(
        players=game.players,
        action_labels=stage.strategies,
        state_names=tuple(a.states for a in profile),
        actions=acts_all,
        payoffs=payoffs,
        states=states.transpose(2, 0, 1),
        signals=None if signals is None else signals.T,
        discount_factor=None if getattr(d, "free_symbols", None) else float(d),
    )


def cooperation_durations(history: History, cooperative_profile: Sequence[str] | None = None) -> np.ndarray:
    """Per run, the number of rounds before play first leaves the cooperative profile
    (``rounds`` where it never does). The default cooperative profile is the one played
    in round 0 of the first run.

    Under a trigger strategy with false alarms this measures how long cooperation
    survives noise.
    """
    target: np.ndarray
    if cooperative_profile is None:
        target = np.asarray(history.actions[0, 0])
    else:
        if len(cooperative_profile) != len(history.players):
            raise ValidationError(f"a profile needs {len(history.players)} labels")
        target = np.array(
            [labels.index(a) for labels, a in zip(history.action_labels, cooperative_profile)]
        )
    off = (history.actions != target).any(axis=2)
    return np.where(off.any(axis=1), off.argmax(axis=1), history.rounds)
