"""Pure-strategy perfect Bayesian equilibria of finite signalling games.

Every pair of pure strategies (sender: type -> message, receiver: message -> response)
is checked: on the path, the receiver's beliefs come from Bayes' rule and its response
must be a best reply to them; off the path, the response must be a best reply to *some*
belief, and the set of such beliefs is reported (an interval of the first type's
probability for two types; linear constraints and the vertices of the belief polytope
otherwise); every type of sender must prefer its message given the responses.

With parameters (in the prior, the costs, the payoffs), the answer is a
:class:`~gametheory.PiecewiseAnswer`: for each candidate equilibrium the exact
condition under which it is one. :func:`intuitive_criterion` applies Cho and Kreps'
(1987) refinement.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.solve.pbe import beer_quiche
>>> sol = gt.pbe(beer_quiche())
>>> [(e.kind, e.sender["weak"]) for e in sol]
[('pooling', 'beer'), ('pooling', 'quiche')]
>>> [e.sender["weak"] for e in gt.intuitive_criterion(sol)]
['beer']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import sympy as sp

from ..errors import NotApplicableError
from ..games.catalog import beer_quiche
from ..games.signalling import SignallingGame
from .polytope import Constraint, as_interval, nonempty_condition, polytope_vertices
from .results import EquilibriumSequence, Piece, PiecewiseAnswer, counted, number_to_json

__all__ = [
    "BeliefSet",
    "PerfectBayesianEquilibrium",
    "PBESolution",
    "pbe",
    "intuitive_criterion",
    "beer_quiche",
]


@dataclass(frozen=True)
class BeliefSet:
    """The receiver's beliefs after an off-path message that make its response a best reply.

    Attributes
    ----------
    message, response
        The off-path message and the response it meets.
    types
        The sender's types; beliefs are ``mu = (mu_t)`` over them.
    constraints
        Linear relations in the belief symbols ``mu_<type>`` (with ``sum mu = 1``).
    interval
        For two types with numbers: ``(low, high)`` of the first type's probability.
    vertices
        With numbers: the extreme beliefs (each a tuple over ``types``).
    condition
        When the set is not empty (``True`` with numbers when it is not).
    """

    message: str
    response: str
    types: tuple[str, ...]
    constraints: tuple[sp.Basic, ...]
    interval: tuple[sp.Expr, sp.Expr] | None
    vertices: tuple[tuple[sp.Expr, ...], ...]
    condition: sp.Basic

    def contains(self, belief: Mapping[str, Any]) -> bool:
        syms = {sp.Symbol(f"mu_{t}", nonnegative=True): sp.nsimplify(belief.get(t, 0)) for t in self.types}
        return all(bool(c.xreplace(syms)) for c in self.constraints)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "response": self.response,
            "constraints": [str(c) for c in self.constraints],
            "interval": None if self.interval is None else [number_to_json(v) for v in self.interval],
            "vertices": [[number_to_json(v) for v in vert] for vert in self.vertices],
        }


@dataclass(frozen=True)
class PerfectBayesianEquilibrium:
    """One pure PBE of a signalling game.

    Attributes
    ----------
    sender
        The message of each type.
    receiver
        The response to each message.
    kind
        ``"separating"``, ``"pooling"`` or ``"partially pooling"``.
    beliefs
        On-path messages: the posterior over types by Bayes' rule.
    off_path
        Off-path messages: the :class:`BeliefSet` that supports the response.
    sender_payoffs
        Each type's payoff (net of costs).
    receiver_payoff
        The receiver's ex-ante expected payoff.
    condition
        When it is an equilibrium (``True`` with numbers).
    """

    sender: Mapping[str, str]
    receiver: Mapping[str, str]
    kind: str
    beliefs: Mapping[str, Mapping[str, sp.Expr]]
    off_path: Mapping[str, BeliefSet]
    sender_payoffs: Mapping[str, sp.Expr]
    receiver_payoff: sp.Expr
    condition: sp.Basic = sp.true

    @property
    def label(self) -> str:
        s = ", ".join(f"{t}->{m}" for t, m in self.sender.items())
        r = ", ".join(f"{m}->{a}" for m, a in self.receiver.items())
        return f"{self.kind}: sender ({s}); receiver ({r})"

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sender": dict(self.sender),
            "receiver": dict(self.receiver),
            "beliefs": {m: {t: number_to_json(p) for t, p in b.items()} for m, b in self.beliefs.items()},
            "off_path": {m: b.to_json_dict() for m, b in self.off_path.items()},
            "sender_payoffs": {t: number_to_json(v) for t, v in self.sender_payoffs.items()},
            "receiver_payoff": number_to_json(self.receiver_payoff),
        }

    def __repr__(self) -> str:
        return f"PerfectBayesianEquilibrium({self.label})"


@dataclass(frozen=True)
class PBESolution(EquilibriumSequence):
    """Every pure PBE of a signalling game with numbers in."""

    equilibria: tuple[PerfectBayesianEquilibrium, ...]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()
    game: SignallingGame | None = field(default=None, repr=False, compare=False)
    concept: str = "pbe"

    def of_kind(self, kind: str) -> tuple[PerfectBayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == kind)

    def __repr__(self) -> str:
        lines = [f"PBESolution(method={self.method!r}, exact={self.exact}, {counted(len(self.equilibria), 'equilibrium')})"]
        lines += [f"  {e.label}" for e in self.equilibria]
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# ---------------------------------------------------------------------- conditions


def _ge(diff: sp.Expr, simplify: bool = True) -> sp.Basic:
    # Payoffs that are numbers leave a linear form in the beliefs: expanding it is
    # enough (and simplify() on thousands of them dominated the screening tables).
    diff = sp.simplify(diff) if simplify else sp.expand(diff)
    if diff.is_number:
        return sp.true if diff >= 0 else sp.false
    if diff.is_nonnegative is True:
        return sp.true
    if diff.is_negative is True:
        return sp.false
    return sp.Ge(diff, 0)


def _belief_constraints(
    game: SignallingGame, m: str, r: str, support: Sequence[str] | None = None
) -> tuple[list[Constraint], list[sp.Basic]]:
    """Constraints on (mu_1 .. mu_{k-1}) that make r a best reply after m; and as relations."""
    types = game.types
    k = len(types)
    mus = [sp.Symbol(f"mu_{t}", nonnegative=True) for t in types]
    cons: list[Constraint] = []
    rels: list[sp.Basic] = []
    for i in range(k - 1):
        unit = [sp.Integer(1 if j == i else 0) for j in range(k - 1)]
        cons.append((unit, sp.Integer(0)))
    cons.append(([sp.Integer(-1)] * (k - 1), sp.Integer(-1)))  # mu_last >= 0
    if support is not None:
        for i, t in enumerate(types):
            if t in support:
                continue
            if i < k - 1:
                unit = [sp.Integer(-1 if j == i else 0) for j in range(k - 1)]
                cons.append((unit, sp.Integer(0)))
            else:
                cons.append(([sp.Integer(1)] * (k - 1), sp.Integer(1)))
            rels.append(sp.Eq(mus[i], 0))
    for r2 in game.responses[m]:
        if r2 == r:
            continue
        delta = [game.payoff(t, m, r)[1] - game.payoff(t, m, r2)[1] for t in types]
        symbolic = any(not sp.sympify(d).is_number for d in delta)
        tidy = sp.simplify if symbolic else sp.sympify
        coeffs = [tidy(delta[i] - delta[-1]) for i in range(k - 1)]
        cons.append((coeffs, tidy(-delta[-1])))
        rel = _ge(sum((mu * d for mu, d in zip(mus, delta)), sp.Integer(0)), simplify=symbolic)
        if rel is not sp.true:
            rels.append(rel)
    return cons, rels


def _belief_set(game: SignallingGame, m: str, r: str, support: Sequence[str] | None = None) -> BeliefSet:
    cons, rels = _belief_constraints(game, m, r, support)
    n = len(game.types) - 1
    numeric = all(all(sp.sympify(a).is_number for a in row) and sp.sympify(b).is_number for row, b in cons)
    if numeric:
        verts = polytope_vertices(cons, n)
        full = tuple(tuple(list(v) + [1 - sum(v, sp.Integer(0))]) for v in verts)
        interval = None
        if len(game.types) == 2 and verts:
            qs = [v[0] for v in verts]
            interval = (min(qs), max(qs))
        cond: sp.Basic = sp.true if verts else sp.false
        return BeliefSet(m, r, game.types, tuple(rels), interval, full, cond)
    cond = nonempty_condition(cons, n)
    return BeliefSet(m, r, game.types, tuple(rels), None, (), cond)


def _kind(game: SignallingGame, sender: Mapping[str, str]) -> str:
    used = set(sender.values())
    if len(used) == 1 and len(game.types) > 1:
        return "pooling"
    if len(used) == len(game.types):
        return "separating"
    return "partially pooling"


def _candidate(
    game: SignallingGame, sender: dict[str, str], receiver: dict[str, str]
) -> PerfectBayesianEquilibrium | None:
    parts: list[sp.Basic] = []

    def add(c: sp.Basic) -> bool:
        if c is sp.false:
            return False
        if c is not sp.true:
            parts.append(c)
        return True

    # sender incentive constraints
    for t in game.types:
        own = game.payoff(t, sender[t], receiver[sender[t]])[0]
        for m2 in game.messages:
            if m2 != sender[t] and not add(_ge(own - game.payoff(t, m2, receiver[m2])[0])):
                return None
    beliefs: dict[str, dict[str, sp.Expr]] = {}
    off: dict[str, BeliefSet] = {}
    for m in game.messages:
        senders = [t for t in game.types if sender[t] == m]
        r = receiver[m]
        if senders:
            weight = {t: game.prior[t] for t in senders}
            for r2 in game.responses[m]:
                if r2 != r and not add(_ge(sum(
                        (weight[t] * (game.payoff(t, m, r)[1] - game.payoff(t, m, r2)[1]) for t in senders),
                        sp.Integer(0)))):
                    return None
            total = sum(weight.values(), sp.Integer(0))
            beliefs[m] = {t: sp.simplify(weight[t] / total) if t in weight else sp.Integer(0) for t in game.types}
        else:
            bs = _belief_set(game, m, r)
            if not add(bs.condition):
                return None
            off[m] = bs
    condition = sp.And(*parts) if parts else sp.true
    sender_pay = {t: game.payoff(t, sender[t], receiver[sender[t]])[0] for t in game.types}
    receiver_pay = game.expected_payoffs(sender, receiver)[1]
    return PerfectBayesianEquilibrium(sender, receiver, _kind(game, sender), beliefs, off,
                                      sender_pay, receiver_pay, condition)


def _tie_notes(game: SignallingGame, eq: PerfectBayesianEquilibrium) -> list[str]:
    notes = []
    for t in game.types:
        own = eq.sender_payoffs[t]
        ties = [m for m in game.messages if m != eq.sender[t] and game.payoff(t, m, eq.receiver[m])[0] == own]
        if ties:
            notes.append(f"({eq.label}): type {t} is indifferent to sending {', '.join(ties)}")
    return notes


def _pbe_at_point(game: SignallingGame, values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> PBESolution:
    at = game.subs(mapping)
    eqs = []
    for v in values:
        if v is None:
            continue
        e = _candidate(at, v[0], v[1])
        if e is not None:
            eqs.append(e)
    warnings = [n for e in eqs for n in _tie_notes(at, e)]
    return PBESolution(tuple(eqs), "symbolic PBE conditions, evaluated at a point", at.is_exact,
                       tuple(warnings) + (() if eqs else ("the game has no pure-strategy PBE",)), at)


def pbe(game: SignallingGame) -> PBESolution | PiecewiseAnswer:
    """Every pure-strategy perfect Bayesian equilibrium of a signalling game.

    Parameters
    ----------
    game
        A :class:`~gametheory.SignallingGame`.

    Returns
    -------
    PBESolution
        With numbers: every pure PBE, classified, with on-path posteriors and off-path
        supporting belief sets; warnings for types indifferent between messages.
    PiecewiseAnswer
        With free parameters: one piece per strategy pair that is a PBE somewhere, with
        its exact condition (an interval when there is a single parameter), and a piece
        for "no pure PBE". ``.at(values)`` gives the :class:`PBESolution` at a point.
    """
    if not isinstance(game, SignallingGame):
        raise NotApplicableError(f"pbe applies to SignallingGame, not {type(game).__name__}")
    params = game.parameters
    found = []
    for s in game.sender_strategies():
        for r in game.receiver_strategies():
            eq = _candidate(game, s, r)
            if eq is not None:
                found.append(eq)
    if not params:
        warnings = [n for e in found for n in _tie_notes(game, e)]
        if not found:
            warnings.append("the game has no pure-strategy PBE")
        return PBESolution(tuple(found), "enumeration of pure strategy pairs with exact belief sets",
                           game.is_exact, tuple(warnings), game)
    pieces = []
    conds = []
    for e in found:
        cond = e.condition
        if len(params) == 1 and cond not in (sp.true, sp.false):
            cond = as_interval(cond, params[0])
        if cond is sp.false:
            continue
        conds.append(cond)
        pieces.append(Piece(cond, (dict(e.sender), dict(e.receiver)), e.label))
    none = sp.And(*[sp.Not(c) for c in conds]) if conds else sp.true
    if len(params) == 1 and none not in (sp.true, sp.false):
        none = as_interval(none, params[0])
    if none is not sp.false:
        pieces.append(Piece(none, None, "no pure PBE"))

    return PiecewiseAnswer("pbe", tuple(pieces), params, partial(_pbe_at_point, game),
                           method="symbolic PBE conditions per pure strategy pair")


# ---------------------------------------------------------------------- refinement


def intuitive_criterion(result: PBESolution) -> PBESolution:
    """Keep the equilibria that pass Cho and Kreps' (1987) intuitive criterion.

    For each off-path message m: a type is *equilibrium-dominated* at m if its
    equilibrium payoff exceeds its best payoff from m against any response that is a
    best reply to some belief. If some type that is not equilibrium-dominated gets more
    than its equilibrium payoff from m against *every* best reply to beliefs on the
    non-dominated types, the equilibrium fails.
    """
    if not isinstance(result, PBESolution) or result.game is None:
        raise NotApplicableError(
            "intuitive_criterion needs the PBESolution of a game with numbers "
            "(for a piecewise answer, evaluate it with .at(values) first)"
        )
    game = result.game
    kept = []
    notes = list(result.warnings)
    for eq in result.equilibria:
        reason = _fails_intuitive(game, eq)
        if reason is None:
            kept.append(eq)
        else:
            notes.append(f"eliminated by the intuitive criterion ({eq.label}): {reason}")
    return PBESolution(tuple(kept), result.method + "; intuitive criterion (Cho and Kreps 1987)",
                       result.exact, tuple(notes), game)


def _best_replies(game: SignallingGame, m: str, support: Sequence[str] | None) -> list[str]:
    return [r for r in game.responses[m] if _belief_set(game, m, r, support).condition is sp.true]


def _fails_intuitive(game: SignallingGame, eq: PerfectBayesianEquilibrium) -> str | None:
    for m in eq.off_path:
        br_all = _best_replies(game, m, None)
        keep = [t for t in game.types
                if not eq.sender_payoffs[t] > max(game.payoff(t, m, r)[0] for r in br_all)]
        if not keep:
            continue
        br_j = _best_replies(game, m, keep)
        if not br_j:
            continue
        for t in keep:
            if min(game.payoff(t, m, r)[0] for r in br_j) > eq.sender_payoffs[t]:
                return (f"after {m}, only types {keep} could gain; type {t} gains against every "
                        f"best reply to beliefs on them")
    return None
