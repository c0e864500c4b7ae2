"""Mixed and semi-separating perfect Bayesian equilibria of finite signalling games, exact.

Every pair of supports is tried: for each type, the messages it sends with positive
probability; for each message sent, the responses the receiver mixes over. Given the
supports the conditions split in two linear systems: the receiver's indifference
among its responses after a message (linear in the sender's probabilities, through
the Bayes posterior's numerator) and each type's indifference among its messages
(linear in the receiver's probabilities). Both are solved exactly (sympy); a solution
is an equilibrium when its probabilities are positive on the supports and no action
outside them does better. A message no type sends meets a pure response that is a
best reply to some belief (the belief set is reported, as :func:`gametheory.pbe`
does); off-path mixed responses are not enumerated. A system with a continuum of
solutions is reported in ``warnings``, not hidden.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.solve.pbe import beer_quiche
>>> sol = gt.mixed_pbe(beer_quiche("1/10"))
>>> [(e.kind, e.sender["weak"]["beer"], e.receiver["beer"]["duel"]) for e in sol]
[('semi-separating', 1/9, 1/2)]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..errors import NotApplicableError
from ..games.signalling import SignallingGame
from .pbe import BeliefSet, _belief_set
from .results import EquilibriumSequence, number_to_json

__all__ = ["MixedPerfectBayesianEquilibrium", "MixedPBESolution", "mixed_pbe"]


@dataclass(frozen=True)
class MixedPerfectBayesianEquilibrium:
    """One PBE in behaviour strategies.

    Attributes
    ----------
    sender
        Per type, message -> probability.
    receiver
        Per message, response -> probability.
    kind
        ``"separating"``, ``"pooling"``, ``"semi-separating"`` (some type mixes) or
        ``"partially pooling"`` (pure, some types share a message).
    beliefs
        On-path messages: the posterior over types.
    off_path
        Off-path messages: the beliefs that support the response.
    sender_payoffs, receiver_payoff
        Each type's expected payoff; the receiver's ex-ante expected payoff.
    """

    sender: Mapping[str, Mapping[str, sp.Expr]]
    receiver: Mapping[str, Mapping[str, sp.Expr]]
    kind: str
    beliefs: Mapping[str, Mapping[str, sp.Expr]]
    off_path: Mapping[str, BeliefSet]
    sender_payoffs: Mapping[str, sp.Expr]
    receiver_payoff: sp.Expr

    def behavior_profile(self, game: SignallingGame) -> dict[str, dict[str, dict[str, sp.Expr]]]:
        """The profile on ``game.to_extensive_form()``'s information sets."""
        return {
            game.sender: {f"type {t}": dict(d) for t, d in self.sender.items()},
            game.receiver: {f"after {m}": dict(d) for m, d in self.receiver.items()},
        }

    def to_json_dict(self) -> dict[str, Any]:
        def table(d: Mapping[str, Mapping[str, sp.Expr]]) -> dict[str, dict[str, Any]]:
            return {k: {a: number_to_json(p) for a, p in v.items()} for k, v in d.items()}

        return {
            "kind": self.kind,
            "sender": table(self.sender),
            "receiver": table(self.receiver),
            "beliefs": table(self.beliefs),
            "off_path": {m: b.to_json_dict() for m, b in self.off_path.items()},
            "sender_payoffs": {t: number_to_json(v) for t, v in self.sender_payoffs.items()},
            "receiver_payoff": number_to_json(self.receiver_payoff),
        }


@dataclass(frozen=True)
class MixedPBESolution(EquilibriumSequence):
    """The PBE found by support enumeration (fields as :class:`~gametheory.Solution`)."""

    concept: str
    equilibria: tuple[MixedPerfectBayesianEquilibrium, ...]
    method: str
    exact: bool
    players: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


def _subsets(items: Sequence[str]) -> list[tuple[str, ...]]:
    return [c for k in range(1, len(items) + 1) for c in itertools.combinations(items, k)]


def _unique_solution(eqs: list[sp.Expr], unknowns: list[sp.Symbol]) -> dict[sp.Symbol, sp.Expr] | None | str:
    """The unique solution, ``None`` when there is none, ``"continuum"`` when many."""
    if not unknowns:
        return {} if all(sp.simplify(e) == 0 for e in eqs) else None
    sols = sp.linsolve(eqs, unknowns)
    if sols == sp.S.EmptySet:
        return None
    (sol,) = tuple(sols)
    if any(v.free_symbols & set(unknowns) for v in sol):
        return "continuum"
    return dict(zip(unknowns, sol))


def mixed_pbe(game: SignallingGame) -> MixedPBESolution:
    """Every PBE of a signalling game with exact, isolated mixed strategies on the path.

    Parameters
    ----------
    game
        A :class:`~gametheory.SignallingGame` with numbers (use ``game.subs`` first).

    Returns
    -------
    MixedPBESolution
        Pure and mixed equilibria; ``warnings`` name the supports where a continuum of
        equilibria was found (not enumerated).

    Raises
    ------
    NotApplicableError
        If the game has free parameters.
    """
    if game.parameters:
        names = ", ".join(s.name for s in game.parameters)
        raise NotApplicableError(f"mixed_pbe needs numbers; the game has parameters ({names}): use game.subs")
    T, M = game.types, game.messages
    prior = game.prior
    us = {(t, m, r): game.payoff(t, m, r)[0] for t in T for m in M for r in game.responses[m]}
    ur = {(t, m, r): game.payoff(t, m, r)[1] for t in T for m in M for r in game.responses[m]}
    found: list[MixedPerfectBayesianEquilibrium] = []
    warnings: list[str] = []
    pure_off: dict[str, list[tuple[str, BeliefSet]]] = {}
    for m in M:
        pure_off[m] = [(r, bs) for r in game.responses[m] if (bs := _belief_set(game, m, r)).condition is sp.true]
    for sender_support in itertools.product(_subsets(M), repeat=len(T)):
        supp = dict(zip(T, sender_support))
        on = [m for m in M if any(m in supp[t] for t in T)]
        off = [m for m in M if m not in on]
        sigma = {(t, m): sp.Symbol(f"s_{t}_{m}") for t in T for m in supp[t]}
        for recv_support in itertools.product(*[_subsets(game.responses[m]) for m in on]):
            rsupp = dict(zip(on, recv_support))
            # Receiver indifference on the path: linear in sigma (posterior numerators).
            eqs_s = [sum((sigma[(t, m)] for m in supp[t]), sp.Integer(0)) - 1 for t in T]
            weight = {m: {t: prior[t] * sigma[(t, m)] if (t, m) in sigma else sp.Integer(0) for t in T} for m in on}
            for m in on:
                r0 = rsupp[m][0]
                for r in rsupp[m][1:]:
                    eqs_s.append(sum((weight[m][t] * (ur[(t, m, r)] - ur[(t, m, r0)]) for t in T), sp.Integer(0)))
            s_sol = _unique_solution(eqs_s, list(sigma.values()))
            if s_sol is None:
                continue
            w: dict[str, dict[str, sp.Expr]] = {}
            if isinstance(s_sol, dict):
                if any(v <= 0 for v in s_sol.values()):
                    continue
                w = {m: {t: sp.expand(weight[m][t].xreplace(s_sol)) for t in T} for m in on}
                if any(sum((w[m][t] * (ur[(t, m, r)] - ur[(t, m, rsupp[m][0])]) for t in T), sp.Integer(0)) > 0
                       for m in on for r in game.responses[m] if r not in rsupp[m]):
                    continue
            for off_choice in itertools.product(*[pure_off[m] for m in off]):
                rho = {(m, r): sp.Symbol(f"r_{m}_{r}") for m in on for r in rsupp[m]}
                fixed = {m: {r: sp.Integer(int(r == choice)) for r in game.responses[m]}
                         for m, (choice, _) in zip(off, off_choice)}
                eqs_r = [sum((rho[(m, r)] for r in rsupp[m]), sp.Integer(0)) - 1 for m in on]

                # Each type's expected payoff from each message (symbols on the path).
                value = {(t, m): sum((fixed[m][r] * us[(t, m, r)] for r in game.responses[m]), sp.Integer(0))
                         if m in fixed else sum((rho[(m, r)] * us[(t, m, r)] for r in rsupp[m]), sp.Integer(0))
                         for t in T for m in M}
                for t in T:
                    m0 = supp[t][0]
                    eqs_r += [value[(t, m)] - value[(t, m0)] for m in supp[t][1:]]
                r_sol = _unique_solution(eqs_r, list(rho.values()))
                if r_sol is None:
                    continue
                if isinstance(r_sol, dict):
                    if any(v <= 0 for v in r_sol.values()):
                        continue
                    vals = {(t, m): sp.expand(value[(t, m)].xreplace(r_sol)) for t in T for m in M}
                    if any(vals[(t, m)] > vals[(t, supp[t][0])] for t in T for m in M if m not in supp[t]):
                        continue
                if not (isinstance(s_sol, dict) and isinstance(r_sol, dict)):
                    # Only the equalities are solved here; the inequalities on the free
                    # part may still be met: report, do not drop.
                    side = "sender's" if not isinstance(s_sol, dict) else "receiver's"
                    warnings.append(f"sender supports {supp}, receiver supports {rsupp}: the {side} mixing is not "
                                    "pinned down (a possible continuum of equilibria, not enumerated)")
                    continue
                sender = {t: {m: sp.expand(s_sol[sigma[(t, m)]]) if m in supp[t] else sp.Integer(0) for m in M}
                          for t in T}
                receiver = {m: ({r: sp.expand(r_sol[rho[(m, r)]]) if r in rsupp[m] else sp.Integer(0)
                                 for r in game.responses[m]} if m in on else fixed[m]) for m in M}
                beliefs = {m: {t: w[m][t] / sum(w[m].values(), sp.Integer(0)) for t in T} for m in on}
                if any(len(s) > 1 for s in supp.values()):
                    kind = "semi-separating"
                elif len({s[0] for s in supp.values()}) == len(T):
                    kind = "separating"
                elif len(on) == 1:
                    kind = "pooling"
                else:
                    kind = "partially pooling"
                pay = {t: vals[(t, supp[t][0])] for t in T}
                recv = sum((prior[t] * sender[t][m] * receiver[m][r] * ur[(t, m, r)]
                            for t in T for m in M for r in game.responses[m]), sp.Integer(0))
                found.append(MixedPerfectBayesianEquilibrium(
                    sender, receiver, kind, beliefs,
                    {m: bs for m, (_, bs) in zip(off, off_choice)}, pay, sp.expand(recv)))
    return MixedPBESolution(
        "pbe", tuple(found), "support enumeration (exact linear systems)", game.is_exact,
        (game.sender, game.receiver), tuple(dict.fromkeys(warnings)),
        {"off_path_responses": "pure only"},
    )
