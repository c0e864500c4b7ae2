"""Repeated-game strategies as finite automata (Moore machines).

An automaton has named states, an initial state, the action it plays in each state
(a label, or a mapping label -> probability for a mixed action), and a transition
from each state on what the player observes at the end of a round: the observed
action profile (a tuple of labels, one per player, own action included), or, under a
public signal, the signal (``"good"`` or ``"bad"``).

Transitions are given per state either as a table (a mapping observation -> next
state) or as a function. A function takes the observation, or the observation and
the player's own index (``f(observed, me)``), so that one automaton serves either seat.
Tables and functions are checked against a game's observations when the automaton is
used in it (:meth:`Automaton.table`): a missing observation is named with its state.

Every shipped constructor declares its metadata in the manner of the Axelrod library
(its states, whether it randomises, its memory depth), and one shared test checks each
against its declaration.

Examples
--------
>>> from gametheory.games.automata import grim_trigger
>>> g = grim_trigger()
>>> g.states, g.initial
(('cooperate', 'punish'), 'cooperate')
>>> g.next_state("cooperate", ("C", "D"), 0)
'punish'
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..errors import ValidationError
from ..symbolic import exact, free_parameters, substitute
from ._coerce import FrozenMapping

__all__ = [
    "Automaton",
    "SIGNALS",
    "always_cooperate",
    "always_defect",
    "grim_trigger",
    "tit_for_tat",
    "limited_punishment",
    "win_stay_lose_shift",
    "generous_tit_for_tat",
    "signal_trigger",
    "shipped_automata",
]

SIGNALS: tuple[str, str] = ("good", "bad")
"""The public signals of :class:`~gametheory.games.repeated.PublicSignal` monitoring."""

Observation = tuple[str, ...] | str


def _arity(fn: Callable[..., Any]) -> int:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 1
    positional = [
        p
        for p in params
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    return 2 if len(positional) >= 2 else 1


@dataclass(frozen=True)
class Automaton:
    """A strategy of the repeated game as a finite automaton.

    Parameters
    ----------
    name
        A name for the strategy.
    states
        The state names.
    initial
        The state in the first round.
    actions
        Per state, the action label played, or a mapping label -> probability.
    transitions
        Per state, a mapping observation -> next state, or a function of the
        observation (or of ``(observation, me)``) returning the next state.
    declared_states
        The states the strategy claims to have (checked against ``states``).
    stochastic, memory
        Declared metadata: whether the strategy randomises, and its memory depth
        (the number of past rounds that determine its state; ``None`` = unbounded).
    observes
        ``"actions"`` (transitions on action profiles) or ``"signal"`` (on a public
        signal).
    n_players
        The number of players it is defined for (``None`` = any number).
    """

    name: str
    states: tuple[str, ...]
    initial: str
    actions: Mapping[str, Any]
    transitions: Mapping[str, Any]
    declared_states: tuple[str, ...] | None = None
    stochastic: bool | None = None
    memory: int | None = None
    observes: str = "actions"
    n_players: int | None = None
    description: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        states = tuple(self.states)
        object.__setattr__(self, "states", states)
        who = f"automaton {self.name!r}"
        if not states:
            raise ValidationError(f"{who} has no states")
        if len(set(states)) != len(states):
            raise ValidationError(f"{who}: a state name appears twice in {states}")
        if self.initial not in states:
            raise ValidationError(f"{who}: initial state {self.initial!r} is not one of {states}")
        if self.observes not in ("actions", "signal"):
            raise ValidationError(f"{who}: observes must be 'actions' or 'signal', got {self.observes!r}")
        actions: dict[str, Any] = {}
        for s in states:
            if s not in self.actions:
                raise ValidationError(f"{who}: no action given in state {s!r}")
            actions[s] = _check_action(self.actions[s], f"{who}, state {s!r}")
        extra = set(self.actions) - set(states)
        if extra:
            raise ValidationError(f"{who}: actions given for unknown state(s) {sorted(extra)}")
        object.__setattr__(self, "actions", FrozenMapping(actions))
        for s in states:
            if s not in self.transitions:
                raise ValidationError(f"{who}: no transition given from state {s!r}")
        extra = set(self.transitions) - set(states)
        if extra:
            raise ValidationError(f"{who}: transitions given for unknown state(s) {sorted(extra)}")
        object.__setattr__(self, "transitions", FrozenMapping(
            {s: FrozenMapping(r) if isinstance(r, Mapping) else r for s, r in self.transitions.items()}
        ))
        if self.declared_states is not None and tuple(self.declared_states) != states:
            raise ValidationError(
                f"{who}: declares states {tuple(self.declared_states)} but has {states}"
            )

    # ------------------------------------------------------------------ behaviour
    def action_distribution(self, state: str) -> dict[str, sp.Expr]:
        """The mixed action in a state, as label -> probability."""
        a = self.actions[state]
        if isinstance(a, str):
            return {a: sp.Integer(1)}
        return dict(a)

    def is_stochastic(self) -> bool:
        """True when some state plays a mixed action with more than one label."""
        return any(
            sum(1 for p in self.action_distribution(s).values() if p != 0) > 1 for s in self.states
        )

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        return free_parameters(*[self.action_distribution(s) for s in self.states])

    def subs(self, values: Mapping[Any, Any]) -> Automaton:
        """The automaton with parameter values substituted in its mixed actions."""
        actions = {
            s: (a if isinstance(a, str) else {k: substitute(p, values) for k, p in a.items()})
            for s, a in self.actions.items()
        }
        return Automaton(
            self.name, self.states, self.initial, actions, self.transitions,
            self.declared_states, self.stochastic, self.memory, self.observes,
            self.n_players, self.description,
        )

    def next_state(self, state: str, observed: Observation, me: int) -> str:
        """The state after observing ``observed`` in ``state``, as player ``me``."""
        rule = self.transitions[state]
        if isinstance(rule, Mapping):
            if observed not in rule:
                raise ValidationError(
                    f"automaton {self.name!r}: the transition from state {state!r} does not "
                    f"cover the observed {_describe(observed)}"
                )
            nxt = rule[observed]
        elif callable(rule):
            nxt = rule(observed, me) if _arity(rule) == 2 else rule(observed)
        elif isinstance(rule, str):
            nxt = rule  # a constant transition
        else:
            raise ValidationError(
                f"automaton {self.name!r}: the transition from state {state!r} must be a "
                f"mapping, a function or a state name, got {type(rule).__name__}"
            )
        if nxt not in self.states:
            raise ValidationError(
                f"automaton {self.name!r}: from state {state!r} on {_describe(observed)} the "
                f"transition goes to {nxt!r}, which is not a state ({self.states})"
            )
        return nxt

    def table(self, observations: Iterable[Observation], me: int) -> dict[str, dict[Observation, str]]:
        """The full transition table over the given observations, validated."""
        obs = list(observations)
        return {s: {o: self.next_state(s, o, me) for o in obs} for s in self.states}

    def check_actions(self, labels: Sequence[str], player: str) -> None:
        """Raise unless every action played is one of ``labels`` (the player's actions)."""
        for s in self.states:
            for lab in self.action_distribution(s):
                if lab not in labels:
                    raise ValidationError(
                        f"automaton {self.name!r} for player {player!r}: state {s!r} plays "
                        f"{lab!r}, which is not one of the player's actions {tuple(labels)}"
                    )

    def memory_depth(self, observations: Sequence[Observation], me: int = 0, bound: int = 6) -> int | None:
        """The least m such that any m rounds of observations determine the state,
        from whichever state they start; ``None`` when no m up to ``bound`` does."""
        obs = list(observations)
        if len(self.states) == 1:
            return 0
        for m in range(1, bound + 1):
            if all(
                len({self._run(s, seq, me) for s in self.states}) == 1
                for seq in itertools.product(obs, repeat=m)
            ):
                return m
        return None

    def _run(self, state: str, seq: Sequence[Observation], me: int) -> str:
        for o in seq:
            state = self.next_state(state, o, me)
        return state

    def __repr__(self) -> str:
        return f"Automaton({self.name!r}, states={self.states}, initial={self.initial!r})"


def _describe(observed: Observation) -> str:
    if isinstance(observed, tuple):
        return "action profile (" + ", ".join(observed) + ")"
    return f"signal {observed!r}"


def _check_action(action: Any, where: str) -> Any:
    if isinstance(action, str):
        return action
    if not isinstance(action, Mapping) or not action:
        raise ValidationError(f"{where}: an action is a label or a mapping label -> probability")
    probs = {}
    for lab, p in action.items():
        if not isinstance(lab, str):
            raise ValidationError(f"{where}: action label {lab!r} is not a string")
        v = exact(p, where=f"{where}, probability of {lab!r}")
        if v.is_number and (v < 0 or v > 1):
            raise ValidationError(f"{where}: probability of {lab!r} is {v}, outside [0, 1]")
        probs[lab] = v
    total = sp.simplify(sum(probs.values()))
    if total.is_number and abs(total - 1) > 1e-12:
        raise ValidationError(f"{where}: probabilities sum to {total}, not 1")
    return FrozenMapping(probs)


# ---------------------------------------------------------------------- shipped
def _others(observed: tuple[str, ...], me: int) -> tuple[str, ...]:
    return observed[:me] + observed[me + 1 :]


def always_cooperate(cooperate_label: str = "C") -> Automaton:
    """Play the cooperative action in every round (one state, memory 0)."""
    return Automaton(
        "always cooperate", ("cooperate",), "cooperate", {"cooperate": cooperate_label},
        {"cooperate": "cooperate"}, declared_states=("cooperate",), stochastic=False, memory=0,
    )


def always_defect(defect_label: str = "D") -> Automaton:
    """Play the defecting action in every round (one state, memory 0)."""
    return Automaton(
        "always defect", ("defect",), "defect", {"defect": defect_label},
        {"defect": "defect"}, declared_states=("defect",), stochastic=False, memory=0,
    )


def grim_trigger(cooperate_label: str = "C", defect_label: str = "D") -> Automaton:
    """Cooperate until anyone (the player included) has been seen not to cooperate,
    then defect for ever. Works for any number of players (multilateral punishment)."""

    def coop(observed: tuple[str, ...]) -> str:
        return "cooperate" if all(a == cooperate_label for a in observed) else "punish"

    return Automaton(
        "grim trigger", ("cooperate", "punish"), "cooperate",
        {"cooperate": cooperate_label, "punish": defect_label},
        {"cooperate": coop, "punish": "punish"},
        declared_states=("cooperate", "punish"), stochastic=False, memory=None,
    )


def tit_for_tat(cooperate_label: str = "C", defect_label: str = "D") -> Automaton:
    """Cooperate first, then cooperate exactly when every other player was seen to
    cooperate in the last round (in two-player games: copy the other's last action)."""

    def copy(observed: tuple[str, ...], me: int) -> str:
        return "cooperate" if all(a == cooperate_label for a in _others(observed, me)) else "defect"

    return Automaton(
        "tit for tat", ("cooperate", "defect"), "cooperate",
        {"cooperate": cooperate_label, "defect": defect_label},
        {"cooperate": copy, "defect": copy},
        declared_states=("cooperate", "defect"), stochastic=False, memory=1,
    )


def limited_punishment(k: int, cooperate_label: str = "C", defect_label: str = "D") -> Automaton:
    """Cooperate; after anyone is seen not to cooperate, defect for ``k`` rounds (whatever
    is seen meanwhile), then cooperate again."""
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValidationError(f"limited_punishment: k must be a positive integer, got {k!r}")
    punish = tuple(f"punish{j}" for j in range(1, k + 1))

    def coop(observed: tuple[str, ...]) -> str:
        return "cooperate" if all(a == cooperate_label for a in observed) else "punish1"

    transitions: dict[str, Any] = {"cooperate": coop}
    for j, s in enumerate(punish):
        transitions[s] = punish[j + 1] if j + 1 < k else "cooperate"
    actions = {"cooperate": cooperate_label, **{s: defect_label for s in punish}}
    return Automaton(
        f"limited punishment ({k})", ("cooperate", *punish), "cooperate", actions, transitions,
        declared_states=("cooperate", *punish), stochastic=False, memory=None,
    )


def win_stay_lose_shift(cooperate_label: str = "C", defect_label: str = "D") -> Automaton:
    """Pavlov (Nowak and Sigmund 1993): cooperate after both played the same action,
    defect after they differed. Defined for two players."""

    def pavlov(observed: tuple[str, ...]) -> str:
        return "cooperate" if observed[0] == observed[1] else "defect"

    return Automaton(
        "win-stay lose-shift", ("cooperate", "defect"), "cooperate",
        {"cooperate": cooperate_label, "defect": defect_label},
        {"cooperate": pavlov, "defect": pavlov},
        declared_states=("cooperate", "defect"), stochastic=False, memory=1, n_players=2,
    )


def generous_tit_for_tat(
    generosity: Any = "1/3", cooperate_label: str = "C", defect_label: str = "D"
) -> Automaton:
    """Tit-for-tat that forgives: after a defection by another player, cooperate with
    probability ``generosity`` (a number in [0, 1] or a parameter) instead of defecting
    (Nowak and Sigmund 1992)."""
    g = exact(generosity, where="generosity of generous tit-for-tat")
    if g.is_number and (g < 0 or g > 1):
        raise ValidationError(f"generous_tit_for_tat: generosity must lie in [0, 1], got {g}")

    def copy(observed: tuple[str, ...], me: int) -> str:
        return "cooperate" if all(a == cooperate_label for a in _others(observed, me)) else "forgive"

    return Automaton(
        "generous tit for tat", ("cooperate", "forgive"), "cooperate",
        {"cooperate": cooperate_label, "forgive": {cooperate_label: g, defect_label: 1 - g}},
        {"cooperate": copy, "forgive": copy},
        declared_states=("cooperate", "forgive"), stochastic=True, memory=1,
    )


def signal_trigger(
    k: int | None = None, cooperate_label: str = "C", defect_label: str = "D"
) -> Automaton:
    """Green-Porter trigger on a public signal: cooperate while the signal is good;
    after a bad signal defect for ``k`` rounds (``None``: for ever)."""
    if k is None:
        return Automaton(
            "signal grim trigger", ("cooperate", "punish"), "cooperate",
            {"cooperate": cooperate_label, "punish": defect_label},
            {"cooperate": {"good": "cooperate", "bad": "punish"}, "punish": "punish"},
            declared_states=("cooperate", "punish"), stochastic=False, memory=None,
            observes="signal",
        )
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValidationError(f"signal_trigger: k must be a positive integer or None, got {k!r}")
    punish = tuple(f"punish{j}" for j in range(1, k + 1))
    transitions: dict[str, Any] = {"cooperate": {"good": "cooperate", "bad": "punish1"}}
    for j, s in enumerate(punish):
        transitions[s] = punish[j + 1] if j + 1 < k else "cooperate"
    return Automaton(
        f"signal trigger ({k})", ("cooperate", *punish), "cooperate",
        {"cooperate": cooperate_label, **{s: defect_label for s in punish}}, transitions,
        declared_states=("cooperate", *punish), stochastic=False, memory=None, observes="signal",
    )


def shipped_automata(cooperate_label: str = "C", defect_label: str = "D") -> tuple[Automaton, ...]:
    """One instance of every automaton the package ships (for shared tests and tours)."""
    c, d = cooperate_label, defect_label
    return (
        always_cooperate(c),
        always_defect(d),
        grim_trigger(c, d),
        tit_for_tat(c, d),
        limited_punishment(1, c, d),
        limited_punishment(3, c, d),
        win_stay_lose_shift(c, d),
        generous_tit_for_tat(sp.Rational(1, 3), c, d),
        signal_trigger(None, c, d),
        signal_trigger(2, c, d),
    )
