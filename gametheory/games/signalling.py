"""Finite signalling games: a sender with private type, a message, a receiver's response.

Nature draws the sender's type from a prior (parameters allowed); the sender, knowing
it, sends a message (at a type-dependent cost); the receiver sees the message, not the
type, and responds. Solved by :func:`gametheory.pbe`.

Examples
--------
>>> import gametheory as gt
>>> g = gt.SignallingGame(["weak", "strong"], {"weak": "1/10", "strong": "9/10"},
...     ["beer", "quiche"], ["duel", "not"],
...     lambda t, m, r: (int(r == "not") * 2 + int((t == "strong") == (m == "beer")),
...                      int((t == "weak") == (r == "duel"))))
>>> g.payoff("strong", "beer", "not")
(3, 1)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ValidationError
from ..symbolic import free_parameters, is_exact, substitute
from ._coerce import Frozen, FrozenMapping, number_or_formula
from .extensive_form import Chance, Decision, ExtensiveFormGame, Terminal
from .normal_form import NormalFormGame

__all__ = ["SignallingGame"]


def _labels(items: Sequence[Any], what: str) -> tuple[str, ...]:
    out = tuple(items)
    if not out:
        raise ValidationError(f"a signalling game needs at least one {what}")
    for x in out:
        if not isinstance(x, str) or not x.strip():
            raise ValidationError(f"{what} label {x!r} must be a non-empty string")
    if len(set(out)) != len(out):
        raise ValidationError(f"{what} labels repeat: {out}")
    return out


class SignallingGame(Frozen):
    """A finite sender-receiver game.

    Parameters
    ----------
    types
        The sender's types.
    prior
        Probability of each type: a mapping type -> probability or a sequence in the
        order of ``types``. Entries may be parameters; the sum must be 1 (checked
        symbolically).
    messages
        The sender's messages.
    responses
        The receiver's responses: a sequence (the same after every message) or a
        mapping message -> sequence.
    payoffs
        ``(u_sender, u_receiver)`` for every ``(type, message, response)``: a mapping
        keyed by that triple, or a callable of the three labels.
    costs
        Optional cost of each ``(type, message)`` to the sender, subtracted from its
        payoff: a mapping or a callable of two labels.
    sender, receiver
        The players' names.
    """

    def __init__(
        self,
        types: Sequence[str],
        prior: Mapping[str, Any] | Sequence[Any],
        messages: Sequence[str],
        responses: Sequence[str] | Mapping[str, Sequence[str]],
        payoffs: Mapping[tuple[str, str, str], Sequence[Any]] | Callable[[str, str, str], Sequence[Any]],
        costs: Mapping[tuple[str, str], Any] | Callable[[str, str], Any] | None = None,
        sender: str = "Sender",
        receiver: str = "Receiver",
        title: str = "",
    ) -> None:
        self.types = _labels(types, "type")
        self.messages = _labels(messages, "message")
        if sender == receiver:
            raise ValidationError("the sender and the receiver need different names")
        self.sender, self.receiver, self.title = sender, receiver, title
        if isinstance(responses, Mapping):
            unknown = set(responses) - set(self.messages)
            if unknown or set(self.messages) - set(responses):
                raise ValidationError(
                    f"responses must be given for exactly the messages {self.messages}; "
                    f"got {list(responses)}"
                )
            self.responses: Mapping[str, tuple[str, ...]] = FrozenMapping({
                m: _labels(responses[m], f"response to {m}") for m in self.messages
            })
        else:
            rs = _labels(responses, "response")
            self.responses = FrozenMapping({m: rs for m in self.messages})
        # prior
        if isinstance(prior, Mapping):
            unknown = set(prior) - set(self.types)
            if unknown:
                raise ValidationError(f"prior names unknown type(s) {sorted(unknown)}")
            missing = [t for t in self.types if t not in prior]
            if missing:
                raise ValidationError(f"the prior gives no probability for type(s) {missing}")
            probs = [prior[t] for t in self.types]
        else:
            probs = list(prior)
            if len(probs) != len(self.types):
                raise ValidationError(f"{len(probs)} prior probabilities for {len(self.types)} types")
        self.prior: Mapping[str, sp.Expr] = FrozenMapping({
            t: number_or_formula(p, f"prior of {t}") for t, p in zip(self.types, probs)
        })
        for t, p in self.prior.items():
            if p.is_number and (p < 0 or p > 1):
                raise ValidationError(f"prior probability of type {t!r} is {p}, outside [0, 1]")
        total = sp.simplify(sum(self.prior.values(), sp.Integer(0)))
        if total != 1:
            inexact = not is_exact(total)
            if not (inexact and total.is_number and abs(float(total) - 1) < 1e-12):
                raise ValidationError(f"the prior must sum to 1; it sums to {total}")
        # payoffs and costs
        table: dict[tuple[str, str, str], tuple[sp.Expr, sp.Expr]] = {}
        for t in self.types:
            for m in self.messages:
                for r in self.responses[m]:
                    if callable(payoffs) and not isinstance(payoffs, Mapping):
                        pair = payoffs(t, m, r)
                    else:
                        if (t, m, r) not in payoffs:
                            raise ValidationError(f"no payoffs for (type {t}, message {m}, response {r})")
                        pair = payoffs[(t, m, r)]
                    if len(pair) != 2:
                        raise ValidationError(
                            f"payoffs at ({t}, {m}, {r}) must be (sender, receiver), got {pair!r}"
                        )
                    where = f"({t}, {m}, {r})"
                    table[(t, m, r)] = (number_or_formula(pair[0], f"sender payoff at {where}"),
                                        number_or_formula(pair[1], f"receiver payoff at {where}"))
        self._payoffs = FrozenMapping(table)
        cost_table: dict[tuple[str, str], sp.Expr] = {}
        for t in self.types:
            for m in self.messages:
                if costs is None:
                    c: Any = 0
                elif callable(costs) and not isinstance(costs, Mapping):
                    c = costs(t, m)
                else:
                    c = costs.get((t, m), 0)
                cost_table[(t, m)] = number_or_formula(c, f"cost of {m} to type {t}")
        if isinstance(costs, Mapping):
            bad = [k for k in costs if k not in cost_table]
            if bad:
                raise ValidationError(f"costs name unknown (type, message) pairs {bad}")
        self.costs: Mapping[tuple[str, str], sp.Expr] = FrozenMapping(cost_table)

    # ------------------------------------------------------------------ access
    def payoff(self, t: str, m: str, r: str) -> tuple[sp.Expr, sp.Expr]:
        """``(u_sender - cost, u_receiver)`` at a type, message and response."""
        try:
            us, ur = self._payoffs[(t, m, r)]
        except KeyError:
            raise ValidationError(f"no outcome (type {t!r}, message {m!r}, response {r!r})") from None
        return (us - self.costs[(t, m)], ur)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        return free_parameters(list(self.prior.values()), [v for p in self._payoffs.values() for v in p],
                               list(self.costs.values()))

    @property
    def is_exact(self) -> bool:
        return is_exact(list(self.prior.values()), [v for p in self._payoffs.values() for v in p],
                        list(self.costs.values()))

    def subs(self, values: Mapping[Any, Any]) -> SignallingGame:
        return SignallingGame(
            self.types,
            {t: substitute(p, values) for t, p in self.prior.items()},
            self.messages,
            self.responses,
            {k: (substitute(a, values), substitute(b, values)) for k, (a, b) in self._payoffs.items()},
            {k: substitute(c, values) for k, c in self.costs.items()},
            self.sender,
            self.receiver,
            self.title,
        )

    # ------------------------------------------------------------------ strategies
    def sender_strategies(self) -> list[dict[str, str]]:
        """Every pure sender strategy (type -> message)."""
        return [dict(zip(self.types, ms)) for ms in itertools.product(self.messages, repeat=len(self.types))]

    def receiver_strategies(self) -> list[dict[str, str]]:
        """Every pure receiver strategy (message -> response)."""
        return [dict(zip(self.messages, rs))
                for rs in itertools.product(*[self.responses[m] for m in self.messages])]

    def expected_payoffs(self, sender: Mapping[str, str], receiver: Mapping[str, str]) -> tuple[sp.Expr, sp.Expr]:
        """Ex-ante expected payoffs of a pure strategy pair."""
        us = sp.Integer(0)
        ur = sp.Integer(0)
        for t in self.types:
            a, b = self.payoff(t, sender[t], receiver[sender[t]])
            us += self.prior[t] * a
            ur += self.prior[t] * b
        return (sp.expand(us), sp.expand(ur))

    @staticmethod
    def strategy_label(strategy: Mapping[str, str]) -> str:
        return ", ".join(f"{k}->{v}" for k, v in strategy.items())

    def to_normal_form(self) -> NormalFormGame:
        """The ex-ante strategic form: sender strategies are type->message maps."""
        ss, rs = self.sender_strategies(), self.receiver_strategies()
        arr = np.empty((2, len(ss), len(rs)), dtype=object)
        for i, s in enumerate(ss):
            for j, r in enumerate(rs):
                arr[0, i, j], arr[1, i, j] = self.expected_payoffs(s, r)
        return NormalFormGame(arr, players=[self.sender, self.receiver],
                              strategies=[[self.strategy_label(s) for s in ss],
                                          [self.strategy_label(r) for r in rs]],
                              title=self.title)

    def to_extensive_form(self) -> ExtensiveFormGame:
        """The game tree: chance draws the type at the root, the sender (one information
        set per type) sends a message, the receiver (one information set per message,
        across types) responds."""
        outcomes = {}
        for t in self.types:
            branches = {}
            for m in self.messages:
                branches[m] = Decision(self.receiver, f"after {m}", {
                    r: Terminal(list(self.payoff(t, m, r))) for r in self.responses[m]
                })
            outcomes[t] = (self.prior[t], Decision(self.sender, f"type {t}", branches))
        return ExtensiveFormGame(Chance(outcomes), players=[self.sender, self.receiver],
                                 title=self.title or "signalling game")

    def __repr__(self) -> str:
        prior = ", ".join(f"{t}: {p}" for t, p in self.prior.items())
        return (f"SignallingGame({self.title + ': ' if self.title else ''}types ({prior}); "
                f"messages {self.messages}; responses {dict(self.responses)})")
