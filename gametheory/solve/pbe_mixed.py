"""Mixed and semi-separating perfect Bayesian equilibria of finite signalling games, exact.

Every combination of supports is tried: for each type, the messages it sends with
positive probability; for each message, the responses the receiver mixes over (after
an off-path message too, where some belief makes all of them best replies). Given the
supports the conditions split in two linear systems: the receiver's indifference among
its responses after an on-path message (linear in the sender's probabilities, through
the Bayes posterior's numerator) and each type's indifference among its messages
(linear in the receiver's probabilities). Both are solved by exact Gauss-Jordan
elimination. A support gives an equilibrium where its probabilities are positive and
no action outside it does better.

Where a system leaves probabilities free the support holds a continuum of equilibria:
it is returned as a :class:`MixedPBEComponent` (the free probabilities, the linear
constraints on them, the extreme points of its closure, the interval when one
probability is free) in ``components``, as :func:`gametheory.nash` reports continua.
Mixed replies to an off-path message only appear there (the sender's incentives bound
them by inequalities, never pin them down).

With parameters (in the prior, the costs, the payoffs) the answer is a
:class:`~gametheory.PiecewiseAnswer`: for each support, the mixing probabilities as
formulas and the condition (probabilities in (0, 1], no profitable deviation, the
off-path belief set not empty) as sympy relations in the parameters; where a pivot of
the elimination vanishes, or the support holds a continuum, a piece says so and
``.at(point)`` solves that support with the numbers in.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.solve.pbe import beer_quiche
>>> sol = gt.mixed_pbe(beer_quiche("1/10"))
>>> [(e.kind, e.sender["weak"]["beer"], e.receiver["beer"]["duel"]) for e in sol]
[('semi-separating', 1/9, 1/2)]
>>> p = gt.parameter("p_bq", kind="probability")
>>> ans = gt.mixed_pbe(beer_quiche(p))
>>> hybrid = [pc for pc in ans if pc.label.startswith("semi-separating") and "[" not in pc.label][0]
>>> hybrid.value.sender["weak"]["beer"], hybrid.value.receiver["beer"]["duel"], hybrid.condition
(-p_bq/(p_bq - 1), 1/2, (p_bq > 0) & (p_bq < 1/2))

At prior 1/2 the receiver is indifferent after beer: pooling on beer with quiche met
by a duel is an equilibrium for every duel probability after beer in [0, 1/2]:

>>> at_half = gt.mixed_pbe(beer_quiche("1/2"))
>>> [(c.free, c.interval) for c in at_half.components
...  if c.sender["weak"]["beer"] == 1 and c.receiver["quiche"]["duel"] == 1]
[((rho[beer,duel],), (0, 1/2))]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..conditions import canonical_relation
from ..errors import NotApplicableError
from ..games.signalling import SignallingGame
from ..symbolic import exact
from .pbe import BeliefSet, _belief_constraints
from .polytope import Constraint, nonempty_condition, polytope_vertices
from .results import EquilibriumSequence, PiecewiseAnswer, number_to_json

__all__ = [
    "MixedPerfectBayesianEquilibrium", "MixedPBEComponent", "MixedPBESolution", "MixedPBESupport", "mixed_pbe",
]

Table = Mapping[str, Mapping[str, sp.Expr]]


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
class MixedPBEComponent:
    """A continuum of PBE on one pair of supports: a polytope of mixing probabilities.

    Attributes
    ----------
    sender, receiver
        The profile as formulas in the ``free`` probabilities.
    free
        The probabilities left free by the indifference equations.
    constraints
        Linear relations in ``free`` that describe the component (strict ``> 0`` for the
        probabilities on the supports, ``>= 0`` for no profitable deviation).
    vertices
        The extreme points of the component's closure (values of ``free``); points on
        its boundary may belong to smaller supports, reported there.
    interval
        With one free probability: its ``(low, high)`` over the closure.
    kind, beliefs, off_path
        As for :class:`MixedPerfectBayesianEquilibrium` (beliefs may depend on ``free``).
    """

    sender: Table
    receiver: Table
    free: tuple[sp.Symbol, ...]
    constraints: tuple[sp.Basic, ...]
    vertices: tuple[tuple[sp.Expr, ...], ...]
    interval: tuple[sp.Expr, sp.Expr] | None
    kind: str
    beliefs: Table
    off_path: Mapping[str, BeliefSet]

    def at(self, values: Sequence[Any]) -> dict[str, dict[str, dict[str, sp.Expr]]]:
        """The profile ``{"sender": ..., "receiver": ...}`` at values of ``free``."""
        sub = {s: exact(v, where=f"component value of {s}") for s, v in zip(self.free, values)}
        return {"sender": {t: {m: sp.expand(p.xreplace(sub)) for m, p in d.items()} for t, d in self.sender.items()},
                "receiver": {m: {r: sp.expand(p.xreplace(sub)) for r, p in d.items()}
                             for m, d in self.receiver.items()}}

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "free": [s.name for s in self.free],
            "sender": {t: {m: str(p) for m, p in d.items()} for t, d in self.sender.items()},
            "receiver": {m: {r: str(p) for r, p in d.items()} for m, d in self.receiver.items()},
            "constraints": [str(c) for c in self.constraints],
            "vertices": [[number_to_json(v) for v in vert] for vert in self.vertices],
            "interval": None if self.interval is None else [number_to_json(v) for v in self.interval],
            "off_path": {m: b.to_json_dict() for m, b in self.off_path.items()},
        }


@dataclass(frozen=True)
class MixedPBESolution(EquilibriumSequence):
    """The PBE found by support enumeration (fields as :class:`~gametheory.Solution`);
    ``components`` holds the continua of equilibria."""

    concept: str
    equilibria: tuple[MixedPerfectBayesianEquilibrium, ...]
    method: str
    exact: bool
    players: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    components: tuple[MixedPBEComponent, ...] = ()

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        out = super().summary_json(limit)
        out["components"] = [c.to_json_dict() for c in self.components]
        return out


# ---------------------------------------------------------------------- exact linear algebra


@dataclass(frozen=True)
class _Linear:
    """A linear system solved: unknown -> formula in the parameters and ``free``."""

    solution: dict[sp.Symbol, sp.Expr]
    free: tuple[sp.Symbol, ...]
    conditions: tuple[sp.Basic, ...]  # relations in the parameters alone (rows 0 = c)
    pivots: tuple[sp.Expr, ...]  # pivots with parameters: the solution needs them nonzero


def _numerator(expr: sp.Expr) -> sp.Expr:
    return sp.factor(sp.numer(sp.together(expr)))


def _eliminate(eqs: Sequence[sp.Expr], unknowns: Sequence[sp.Symbol]) -> _Linear | None:
    """Gauss-Jordan elimination of ``eqs = 0``; ``None`` when inconsistent for all values."""
    n = len(unknowns)
    zero = {u: 0 for u in unknowns}
    rows = []
    for e in eqs:
        e = sp.expand(e)
        rows.append([e.coeff(u) for u in unknowns] + [sp.expand(e.xreplace(zero))])
    pivot_cols: list[int] = []
    pivots: list[sp.Expr] = []
    r = 0
    for c in range(n):
        choice = None
        for i in range(r, len(rows)):
            if rows[i][c] == 0:
                continue
            if rows[i][c].is_number:
                choice = i
                break
            if choice is None:
                choice = i
        if choice is None:
            continue
        rows[r], rows[choice] = rows[choice], rows[r]
        p = rows[r][c]
        if not p.is_number:
            pivots.append(_numerator(p))
        rows[r] = [sp.cancel(v / p) for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [sp.cancel(a - f * b) for a, b in zip(rows[i], rows[r])]
        pivot_cols.append(c)
        r += 1
    conditions = []
    for row in rows[r:]:
        const = row[n]
        if const == 0:
            continue
        if const.is_number:
            return None
        conditions.append(sp.Eq(_numerator(const), 0))
    free = tuple(sorted((unknowns[c] for c in range(n) if c not in pivot_cols), key=list(unknowns)[::-1].index))
    solution = {u: u for u in free}
    for i, c in enumerate(pivot_cols):
        rest = sum((rows[i][j] * unknowns[j] for j in range(n) if unknowns[j] in free), sp.Integer(0))
        solution[unknowns[c]] = sp.cancel(-rows[i][n] - rest)
    return _Linear(solution, free, tuple(conditions), tuple(pivots))


# ---------------------------------------------------------------------- one support


def _subsets(items: Sequence[str]) -> list[tuple[str, ...]]:
    return [c for k in range(1, len(items) + 1) for c in itertools.combinations(items, k)]


def _response_belief_set(game: SignallingGame, m: str, rs: Sequence[str]) -> BeliefSet:
    """Beliefs after off-path ``m`` making every response in ``rs`` a best reply."""
    cons: list[Constraint] = []
    rels: list[sp.Basic] = []
    for r in rs:
        c, rl = _belief_constraints(game, m, r)
        cons += c
        rels += [x for x in rl if x not in rels]
    n = len(game.types) - 1
    numeric = all(all(sp.sympify(a).is_number for a in row) and sp.sympify(b).is_number for row, b in cons)
    label = " / ".join(rs)
    if numeric:
        verts = polytope_vertices(cons, n)
        full = tuple(tuple(list(v) + [1 - sum(v, sp.Integer(0))]) for v in verts)
        interval = (min(v[0] for v in verts), max(v[0] for v in verts)) if len(game.types) == 2 and verts else None
        return BeliefSet(m, label, game.types, tuple(rels), interval, full, sp.true if verts else sp.false)
    return BeliefSet(m, label, game.types, tuple(rels), None, (), nonempty_condition(cons, n))


@dataclass(frozen=True)
class MixedPBESupport:
    """One pair of supports with its indifference systems solved: the value of a piece of
    the symbolic answer (formulas in the parameters and the ``free`` probabilities).

    Attributes
    ----------
    index
        Its place in the enumeration (the order of the equilibria in a solution).
    supp, rsupp
        The sender's messages per type; the receiver's responses per message.
    sender, receiver
        The profile: probabilities as formulas.
    free
        Probabilities the equations leave free (a continuum where not empty).
    equalities, pivots
        Relations in the parameters the equations need; the elimination's pivots, which
        the formulas need nonzero.
    positive, nonnegative
        Expressions that must be ``> 0`` (probabilities on the supports) and ``>= 0``
        (no profitable deviation).
    off_path
        Per unsent message, the beliefs that support the receiver's responses.
    """

    index: int
    supp: dict[str, tuple[str, ...]]
    rsupp: dict[str, tuple[str, ...]]
    sender: dict[str, dict[str, sp.Expr]]
    receiver: dict[str, dict[str, sp.Expr]]
    free: tuple[sp.Symbol, ...]
    equalities: tuple[sp.Basic, ...]
    pivots: tuple[sp.Expr, ...]
    positive: tuple[sp.Expr, ...]  # each > 0
    nonnegative: tuple[sp.Expr, ...]  # each >= 0
    off_path: dict[str, BeliefSet]

    @property
    def label(self) -> str:
        s = "; ".join(f"{t}: {'/'.join(ms)}" for t, ms in self.supp.items())
        r = "; ".join(f"{m}: {'/'.join(rs)}" for m, rs in self.rsupp.items())
        return f"{_kind(self.supp, len(self.supp))}: sender ({s}); receiver ({r})"


def _kind(supp: Mapping[str, Sequence[str]], n_types: int) -> str:
    if any(len(s) > 1 for s in supp.values()):
        return "semi-separating"
    used = {s[0] for s in supp.values()}
    if len(used) == n_types:
        return "separating"
    return "pooling" if len(used) == 1 else "partially pooling"


def _supports(game: SignallingGame) -> list[MixedPBESupport]:
    """Every pair of supports whose equations can hold for some parameter values."""
    T, M = game.types, game.messages
    us = {(t, m, r): game.payoff(t, m, r)[0] for t in T for m in M for r in game.responses[m]}
    ur = {(t, m, r): game.payoff(t, m, r)[1] for t in T for m in M for r in game.responses[m]}
    out: list[MixedPBESupport] = []
    index = 0
    for sender_support in itertools.product(_subsets(M), repeat=len(T)):
        supp = dict(zip(T, sender_support))
        on = {m for m in M if any(m in supp[t] for t in T)}
        sigma = {(t, m): sp.Symbol(f"sigma[{t},{m}]", real=True) for t in T for m in supp[t]}
        weight = {m: {t: game.prior[t] * sigma[(t, m)] if (t, m) in sigma else sp.Integer(0) for t in T} for m in on}
        for recv_support in itertools.product(*[_subsets(game.responses[m]) for m in M]):
            index += 1
            rsupp = dict(zip(M, recv_support))
            off_path = {m: _response_belief_set(game, m, rsupp[m]) for m in M if m not in on}
            if any(b.condition is sp.false for b in off_path.values()):
                continue
            eqs_s = [sum((sigma[(t, m)] for m in supp[t]), sp.Integer(0)) - 1 for t in T]
            for m in sorted(on, key=M.index):
                r0 = rsupp[m][0]
                eqs_s += [sum((weight[m][t] * (ur[(t, m, r)] - ur[(t, m, r0)]) for t in T), sp.Integer(0))
                          for r in rsupp[m][1:]]
            lin_s = _eliminate(eqs_s, list(sigma.values())[::-1])  # reversed: the first ones stay free
            if lin_s is None:
                continue
            rho = {(m, r): sp.Symbol(f"rho[{m},{r}]", real=True) for m in M for r in rsupp[m]}
            eqs_r = [sum((rho[(m, r)] for r in rsupp[m]), sp.Integer(0)) - 1 for m in M]
            value = {(t, m): sum((rho[(m, r)] * us[(t, m, r)] for r in rsupp[m]), sp.Integer(0)) for t in T for m in M}
            for t in T:
                eqs_r += [value[(t, m)] - value[(t, supp[t][0])] for m in supp[t][1:]]
            lin_r = _eliminate(eqs_r, list(rho.values())[::-1])
            if lin_r is None:
                continue
            sol = {**lin_s.solution, **lin_r.solution}
            positive = tuple(sol[v] for v in list(sigma.values()) + list(rho.values()) if v not in (lin_s.free + lin_r.free))
            positive += lin_s.free + lin_r.free
            w = {m: {t: sp.expand(weight[m][t].xreplace(sol)) for t in T} for m in on}
            nonneg = [sum((w[m][t] * (ur[(t, m, rsupp[m][0])] - ur[(t, m, r)]) for t in T), sp.Integer(0))
                      for m in on for r in game.responses[m] if r not in rsupp[m]]
            vals = {k: v.xreplace(sol) for k, v in value.items()}
            nonneg += [vals[(t, supp[t][0])] - vals[(t, m)] for t in T for m in M if m not in supp[t]]
            sender = {t: {m: sp.cancel(sol[sigma[(t, m)]]) if m in supp[t] else sp.Integer(0) for m in M} for t in T}
            receiver = {m: {r: sp.cancel(sol[rho[(m, r)]]) if r in rsupp[m] else sp.Integer(0)
                            for r in game.responses[m]} for m in M}
            out.append(MixedPBESupport(index, supp, rsupp, sender, receiver, lin_s.free + lin_r.free,
                                lin_s.conditions + lin_r.conditions, lin_s.pivots + lin_r.pivots,
                                tuple(sp.cancel(p) for p in positive), tuple(sp.cancel(e) for e in nonneg), off_path))
    return out


# ---------------------------------------------------------------------- numbers in


def _equilibrium(game: SignallingGame, s: MixedPBESupport, sub: Mapping[sp.Symbol, sp.Expr]) -> MixedPerfectBayesianEquilibrium:
    T, M = game.types, game.messages
    sender = {t: {m: sp.cancel(p.xreplace(sub)) for m, p in d.items()} for t, d in s.sender.items()}
    receiver = {m: {r: sp.cancel(p.xreplace(sub)) for r, p in d.items()} for m, d in s.receiver.items()}
    beliefs = {}
    for m in M:
        w = {t: game.prior[t] * sender[t][m] for t in T}
        total = sum(w.values(), sp.Integer(0))
        if total != 0:
            beliefs[m] = {t: sp.cancel(w[t] / total) for t in T}
    pay = {t: sp.expand(sum((sender[t][m] * receiver[m][r] * game.payoff(t, m, r)[0]
                             for m in M for r in game.responses[m]), sp.Integer(0))) for t in T}
    recv = sum((game.prior[t] * sender[t][m] * receiver[m][r] * game.payoff(t, m, r)[1]
                for t in T for m in M for r in game.responses[m]), sp.Integer(0))
    kind = _kind(s.supp, len(T))
    if len({s.supp[t][0] for t in T}) < len(T) and kind == "separating":
        kind = "partially pooling"
    off_path = {m: _response_belief_set(game, m, s.rsupp[m]) for m in s.off_path}  # with this game's numbers
    return MixedPerfectBayesianEquilibrium(sender, receiver, kind, beliefs, off_path, pay, sp.expand(recv))


def _closure(s: MixedPBESupport) -> list[Constraint]:
    """The constraints ``a . free >= b`` of the closure of a support's continuum."""
    cons: list[Constraint] = []
    for e in s.positive + s.nonnegative:
        e = sp.expand(e)
        cons.append(([e.coeff(f) for f in s.free], -e.xreplace({f: 0 for f in s.free})))
    return cons


def _numeric(game: SignallingGame, s: MixedPBESupport) -> MixedPerfectBayesianEquilibrium | MixedPBEComponent | None:
    """The equilibrium, the component, or ``None`` on one support of a game with numbers."""
    if s.equalities or any(b.condition is not sp.true for b in s.off_path.values()):
        return None  # numbers in: the equalities are decided (False) by the elimination
    if not s.free:
        if all(p > 0 for p in s.positive) and all(e >= 0 for e in s.nonnegative):
            return _equilibrium(game, s, {})
        return None
    free = list(s.free)
    cons = _closure(s)
    verts = polytope_vertices(cons, len(free))
    if not verts:
        return None
    centre = {f: sum((v[i] for v in verts), sp.Integer(0)) / len(verts) for i, f in enumerate(free)}
    if not all(sp.expand(p.xreplace(centre)) > 0 for p in s.positive):
        return None  # the closure is met only where a probability on the support is 0
    if len(verts) == 1:  # pinned by the inequalities: an isolated point
        return _equilibrium(game, s, dict(zip(free, verts[0])))
    # Keep the constraints tight at some vertex of the closure (the others are implied).
    rels = tuple(dict.fromkeys(
        [canonical_relation(rel(e, 0)) for rel, group in ((sp.Gt, s.positive), (sp.Ge, s.nonnegative)) for e in group
         if any(sp.expand(e.xreplace(dict(zip(free, v)))) == 0 for v in verts)]))
    rels = tuple(r for r in rels if r is not sp.true)
    beliefs = {}
    for m in game.messages:
        w = {t: game.prior[t] * s.sender[t][m] for t in game.types}
        total = sp.cancel(sum(w.values(), sp.Integer(0)))
        if total != 0:
            beliefs[m] = {t: sp.cancel(w[t] / total) for t in game.types}
    interval = (min(v[0] for v in verts), max(v[0] for v in verts)) if len(free) == 1 else None
    return MixedPBEComponent(s.sender, s.receiver, tuple(free), rels, tuple(verts), interval,
                             _kind(s.supp, len(game.types)), beliefs, dict(s.off_path))


def _solution(game: SignallingGame, found: list[MixedPerfectBayesianEquilibrium | MixedPBEComponent],
              method: str) -> MixedPBESolution:
    eqs = tuple(x for x in found if isinstance(x, MixedPerfectBayesianEquilibrium))
    comps = tuple(x for x in found if isinstance(x, MixedPBEComponent))
    warnings = []
    if comps:
        warnings.append(f"{len(comps)} continuum component(s) of equilibria (mixing probabilities free on an "
                        "interval or polytope): see .components")
    return MixedPBESolution("pbe", eqs, method, game.is_exact, (game.sender, game.receiver), tuple(warnings),
                            {"off_path_responses": "pure and mixed (mixed ones form components)"}, comps)


def mixed_pbe(game: SignallingGame) -> MixedPBESolution | PiecewiseAnswer:
    """Every PBE of a signalling game in behaviour strategies, exact; symbolic with parameters.

    Parameters
    ----------
    game
        The signalling game (:class:`~gametheory.SignallingGame`): types with a prior,
        messages, responses; payoffs may be formulas in parameters.

    Returns
    -------
    MixedPBESolution
        With numbers: the isolated equilibria (pure and mixed) in ``equilibria`` and
        the continua in ``components``.
    PiecewiseAnswer
        With free parameters: one piece per support that is an equilibrium somewhere,
        its value the profile as formulas (``value.sender``, ``value.receiver``) and its
        condition as relations in the parameters. ``.at(values)`` gives the
        :class:`MixedPBESolution` at a point.

    Raises
    ------
    NotApplicableError
        If ``game`` is not a signalling game.
    """
    if not isinstance(game, SignallingGame):
        raise NotApplicableError(f"mixed_pbe applies to SignallingGame, not {type(game).__name__}")
    supports = _supports(game)
    if game.parameters:
        from .pbe_mixed_symbolic import symbolic_mixed_pbe

        return symbolic_mixed_pbe(game, supports)
    found = [x for s in supports if (x := _numeric(game, s)) is not None]
    return _solution(game, found, "support enumeration (exact linear systems)")
