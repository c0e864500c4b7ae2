"""Exact values, subgame perfection and discount thresholds of automaton profiles.

A profile of automata (one per player) in a repeated game induces a finite Markov
chain on *joint states* (one automaton state per player). Normalised discounted values
solve ``V = (1 - delta) u + delta P V``, so ``V = (1 - delta) (I - delta P)^-1 u``,
computed exactly (sympy), symbolic in the discount factor, the payoffs and the noise.

Subgame perfection is checked by the one-shot deviation principle at every joint state,
reachable or not: no player gains by playing another action for one round and then
following his automaton again. Under perfect monitoring and public signals this is
exact (for a public signal: perfect public equilibrium). Under private noise the joint
state is not common knowledge; the check then treats it as known, which is a
sufficient condition (conforming is optimal whatever a player believes about the
others' states) and the result says so.

Examples
--------
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]],
...                                    strategies=[["C", "D"], ["C", "D"]])
>>> rg = gt.RepeatedGame(pd, "1/2")
>>> gt.is_subgame_perfect(rg, (gt.grim_trigger(), gt.grim_trigger())).holds
True
>>> gt.discount_threshold(rg, (gt.grim_trigger(), gt.grim_trigger())).threshold
1/3
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..conditions import decide_sign
from ..errors import NotApplicableError, ValidationError
from ..games.automata import Automaton
from ..games.repeated import PrivateNoise, RepeatedGame
from ..symbolic import is_exact, parameter_info
from .results import Piece, PiecewiseAnswer, Result, number_to_json

__all__ = [
    "RepeatedValues",
    "Deviation",
    "SubgamePerfection",
    "DiscountThreshold",
    "repeated_values",
    "is_subgame_perfect",
    "discount_threshold",
    "joint_markov_chain",
    "finite_horizon_spe",
]

JointState = tuple[str, ...]


# ---------------------------------------------------------------------- the chain
@dataclass(frozen=True)
class _Chain:
    game: RepeatedGame
    states: tuple[JointState, ...]
    tables: tuple[dict[str, dict[Any, str]], ...]
    automata: tuple[Automaton, ...]

    def action_probs(self, i: int, s_i: str) -> list[tuple[int, sp.Expr]]:
        labels = self.game.stage.strategies[i]
        return [(labels.index(lab), p) for lab, p in self.automata[i].action_distribution(s_i).items() if p != 0]

    def next_distribution(self, state: JointState, profile: tuple[int, ...]) -> dict[JointState, sp.Expr]:
        """Distribution of the next joint state after ``profile`` is played in ``state``."""
        game, mon = self.game, self.game.monitoring
        out: dict[JointState, sp.Expr] = {}
        if getattr(mon, "public", True):
            for obs, p in mon.observation_distribution(game.stage, profile, 0):
                nxt = tuple(self.tables[i][state[i]][obs] for i in range(game.n_players))
                out[nxt] = out.get(nxt, sp.Integer(0)) + p
            return out
        marginals = []
        for i in range(game.n_players):
            m: dict[str, sp.Expr] = {}
            for obs, p in mon.observation_distribution(game.stage, profile, i):
                s = self.tables[i][state[i]][obs]
                m[s] = m.get(s, sp.Integer(0)) + p
            marginals.append(list(m.items()))
        for combo in itertools.product(*marginals):
            prob = sp.Integer(1)
            for _, p in combo:
                prob *= p
            nxt = tuple(s for s, _ in combo)
            out[nxt] = out.get(nxt, sp.Integer(0)) + prob
        return out

    def reachable(self) -> tuple[JointState, ...]:
        """Joint states reached from the initial one by some history: any action
        profiles (deviations included) and any observation of positive probability."""
        start = tuple(a.initial for a in self.automata)
        seen, todo = {start}, [start]
        while todo:
            s = todo.pop()
            for prof in self.game.stage.profiles():
                for nxt, p in self.next_distribution(s, prof).items():
                    if p != 0 and nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
        return tuple(s for s in self.states if s in seen)

    def profile_distribution(self, state: JointState, fixed: tuple[int, int] | None = None):
        """Action profiles played in ``state`` with their probabilities; ``fixed`` =
        (player, action index) replaces that player's action."""
        per = []
        for i, s_i in enumerate(state):
            if fixed is not None and fixed[0] == i:
                per.append([(fixed[1], sp.Integer(1))])
            else:
                per.append(self.action_probs(i, s_i))
        for combo in itertools.product(*per):
            prob = sp.Integer(1)
            for _, p in combo:
                prob *= p
            yield tuple(a for a, _ in combo), prob


def joint_markov_chain(game: RepeatedGame, profile: Sequence[Automaton]) -> tuple[tuple[JointState, ...], sp.Matrix, sp.Matrix]:
    """The joint states, the transition matrix P and the expected stage payoffs u
    (one column per player) of a profile of automata."""
    chain = _chain(game, profile)
    return chain.states, *_matrices(chain)


def _chain(game: RepeatedGame, profile: Sequence[Automaton]) -> _Chain:
    if not isinstance(game, RepeatedGame):
        raise NotApplicableError(f"expected a RepeatedGame, got {type(game).__name__}")
    tables = game.check_profile(profile)
    states = tuple(itertools.product(*[a.states for a in profile]))
    return _Chain(game, states, tuple(tables), tuple(profile))


def _matrices(chain: _Chain) -> tuple[sp.Matrix, sp.Matrix]:
    n, idx = len(chain.states), {s: k for k, s in enumerate(chain.states)}
    pay = chain.game.stage.payoffs
    P = sp.zeros(n, n)
    U = sp.zeros(n, chain.game.n_players)
    for k, s in enumerate(chain.states):
        for prof, prob in chain.profile_distribution(s):
            for i in range(chain.game.n_players):
                U[k, i] += prob * pay[(i, *prof)]
            for nxt, p in chain.next_distribution(s, prof).items():
                P[k, idx[nxt]] += prob * p
    return P, U


def _simplify(expr: sp.Expr) -> sp.Expr:
    return expr if expr.is_number else sp.factor(sp.cancel(expr))


def _solve_values(chain: _Chain, delta: sp.Expr) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix]:
    P, U = _matrices(chain)
    A = sp.eye(len(chain.states)) - delta * P
    V = _normalised_values(A, U, 1 - delta).applyfunc(_factor)
    return V, P, U


def _normalised_values(A: sp.Matrix, B: sp.Matrix, scale: sp.Expr) -> sp.Matrix:
    """``scale * A^-1 B`` over the field of rational functions of the symbols involved,
    with sympy's polynomial matrices (every entry a cancelled fraction of polynomials):
    many times faster than ``Matrix.LUsolve`` on symbolic entries, the same answer."""
    from sympy.polys.matrices import DomainMatrix

    a, b = DomainMatrix.from_Matrix(A), DomainMatrix.from_Matrix(B)
    a, b = a.unify(b)
    a, b = a.to_field(), b.to_field()
    w = a.lu_solve(b)
    return (w * w.domain.from_sympy(scale)).to_Matrix()


def _factor(expr: sp.Expr) -> sp.Expr:
    """:func:`_simplify` for a fraction already in lowest terms."""
    return expr if expr.is_number else sp.factor(expr)


# ---------------------------------------------------------------------- values
@dataclass(frozen=True)
class RepeatedValues(Result):
    """Normalised discounted values ``(1 - delta) sum delta^t u_t`` from every joint state.

    Attributes
    ----------
    states
        The joint states (one automaton state per player).
    values
        Joint state -> tuple of values, one per player.
    initial
        The joint initial state.
    """

    players: tuple[str, ...]
    states: tuple[JointState, ...]
    values: Mapping[JointState, tuple[sp.Expr, ...]]
    initial: JointState
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    @property
    def initial_values(self) -> tuple[sp.Expr, ...]:
        return self.values[self.initial]

    def __getitem__(self, state: JointState) -> tuple[sp.Expr, ...]:
        return self.values[tuple(state)]

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        states = self.states if limit is None else self.states[:limit]
        return {
            "players": list(self.players),
            "initial": list(self.initial),
            "exact": self.exact,
            "method": self.method,
            "warnings": list(self.warnings),
            "values": [
                {"state": list(s), "values": [number_to_json(v) for v in self.values[s]]} for s in states
            ],
        }


def repeated_values(game: RepeatedGame, profile: Sequence[Automaton]) -> RepeatedValues:
    """Exact normalised discounted values of a profile of automata from every joint state.

    Parameters
    ----------
    game
        An infinitely repeated game (numbers or parameters).
    profile
        One :class:`~gametheory.Automaton` per player.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> v = gt.repeated_values(gt.RepeatedGame(pd, "1/2"), (gt.tit_for_tat(), gt.always_defect()))
    >>> v.initial_values
    (1/2, 5/2)
    """
    _require_infinite(game, "repeated_values")
    chain = _chain(game, profile)
    V, _, _ = _solve_values(chain, game.discount_factor)
    values = {s: tuple(V[k, i] for i in range(game.n_players)) for k, s in enumerate(chain.states)}
    return RepeatedValues(
        players=game.players,
        states=chain.states,
        values=values,
        initial=tuple(a.initial for a in profile),
        method="linear equations of the joint automaton (exact)",
        exact=is_exact(list(V)),
        warnings=_private_warning(game),
    )


def _require_infinite(game: RepeatedGame, what: str) -> None:
    if not isinstance(game, RepeatedGame):
        raise NotApplicableError(f"{what} applies to a RepeatedGame, not {type(game).__name__}")
    if game.horizon is not None:
        raise NotApplicableError(
            f"{what} applies to an infinite horizon; for {game.horizon} rounds use "
            "gt.spe(game.to_extensive_form())"
        )


def finite_horizon_spe(game: RepeatedGame) -> Any:
    """Every pure SPE of a finitely repeated game: the game unrolled into a tree
    (:meth:`RepeatedGame.to_extensive_form`) and solved by backward induction
    (:func:`gametheory.spe`)."""
    from .backward_induction import spe

    if not isinstance(game, RepeatedGame) or game.horizon is None:
        raise NotApplicableError("finite_horizon_spe needs a RepeatedGame with a finite horizon")
    return spe(game.to_extensive_form())


def _private_warning(game: RepeatedGame) -> tuple[str, ...]:
    if isinstance(game.monitoring, PrivateNoise):
        return (
            "private monitoring: values and deviations are computed from the joint state, which "
            "the players do not know; subgame perfection so checked is a sufficient condition",
        )
    return ()


# ---------------------------------------------------------------------- deviations
@dataclass(frozen=True)
class Deviation:
    """A one-shot deviation: ``player`` plays ``action`` in joint state ``state``.

    ``gain`` is the deviation value minus the value of conforming.
    """

    player: str
    state: JointState
    action: str
    conform: sp.Expr
    deviate: sp.Expr
    gain: sp.Expr

    def __repr__(self) -> str:
        return (
            f"Deviation({self.player} plays {self.action} at ({', '.join(self.state)}): "
            f"gain {self.gain})"
        )


def _deviations(chain: _Chain, V: sp.Matrix, delta: sp.Expr, states: str = "reachable") -> list[Deviation]:
    game = chain.game
    idx = {s: k for k, s in enumerate(chain.states)}
    pay = game.stage.payoffs
    out = []
    if states not in ("reachable", "all"):
        raise ValidationError(f"states must be 'reachable' or 'all', got {states!r}")
    check = set(chain.reachable()) if states == "reachable" else set(chain.states)
    for k, s in enumerate(chain.states):
        if s not in check:
            continue
        for i in range(game.n_players):
            played = chain.automata[i].action_distribution(s[i])
            for b, lab in enumerate(game.stage.strategies[i]):
                if played == {lab: 1}:
                    continue  # conforming: no deviation
                value = sp.Integer(0)
                for prof, prob in chain.profile_distribution(s, fixed=(i, b)):
                    cont = sum(
                        (p * V[idx[n], i] for n, p in chain.next_distribution(s, prof).items()),
                        sp.Integer(0),
                    )
                    value += prob * ((1 - delta) * pay[(i, *prof)] + delta * cont)
                value = _simplify(value)
                out.append(Deviation(game.players[i], s, lab, V[k, i], value, _simplify(value - V[k, i])))
    return out


def _any_holds(values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> bool:
    return any(values)


@dataclass(frozen=True)
class SubgamePerfection(Result):
    """Whether a profile of automata is subgame perfect (one-shot deviation check).

    Attributes
    ----------
    holds
        With numbers, True or False; with free parameters, None (see ``condition``).
    condition
        The sympy condition under which the profile is subgame perfect
        (``sympy.true``/``false`` with numbers).
    deviations
        With numbers, the profitable one-shot deviations; with parameters, every
        one-shot deviation whose gain depends on them.
    """

    holds: bool | None
    condition: sp.Basic
    deviations: tuple[Deviation, ...]
    parameters: tuple[sp.Symbol, ...]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        if self.holds is None:
            raise ValidationError(
                "subgame perfection depends on the parameters "
                f"{[s.name for s in self.parameters]}; use .condition or .as_piecewise()"
            )
        return self.holds

    def as_piecewise(self) -> PiecewiseAnswer:
        """Pieces ``"subgame perfect"`` (where ``condition`` holds) and ``"not"``."""
        cond = self.condition
        return PiecewiseAnswer(
            concept="subgame perfect (repeated)",
            pieces=(
                Piece(cond, True, "subgame perfect"),
                Piece(sp.Not(cond) if cond not in (sp.true, sp.false) else sp.Not(cond), False, "not"),
            ),
            parameters=self.parameters,
            combine=_any_holds,
            method=self.method,
            warnings=self.warnings,
        )

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        devs = self.deviations if limit is None else self.deviations[:limit]
        return {
            "holds": self.holds,
            "condition": str(self.condition),
            "exact": self.exact,
            "method": self.method,
            "warnings": list(self.warnings),
            "deviations": [
                {
                    "player": d.player,
                    "state": list(d.state),
                    "action": d.action,
                    "gain": number_to_json(d.gain),
                }
                for d in devs
            ],
        }


def _domain(symbols: Iterable[sp.Symbol], assumptions: Iterable[sp.Basic]) -> list[sp.Basic]:
    """Linear constraints for the sign decisions: declared bounds plus assumptions."""
    cons: list[sp.Basic] = list(assumptions)
    for s in symbols:
        low, high, _, _ = parameter_info(s).bounds
        if low is not None:
            cons.append(s >= low)
        if high is not None:
            cons.append(s <= high)
    return cons


def _relation(gain: sp.Expr, delta: sp.Symbol | None, domain: list[sp.Basic]) -> sp.Basic:
    """The condition ``gain <= 0``, solved for ``delta`` where it can be."""
    diff = -gain  # want diff >= 0
    if diff.is_number:
        return sp.true if diff >= 0 else sp.false
    num, den = sp.fraction(sp.factor(sp.cancel(sp.together(diff))))
    coeff, factors = sp.factor_list(sp.expand(num * den))
    sign = 1 if coeff > 0 else -1
    unknown = []
    for f, e in factors:
        s = decide_sign(f, delta, domain)
        if s == 0:
            return sp.true  # the gain vanishes identically on the domain
        if s is None:
            if e % 2 == 1:
                unknown.append(f)
            continue
        if e % 2 == 1:
            sign *= s
    if not unknown:
        return sp.true if sign > 0 else sp.false
    if len(unknown) == 1:
        f = unknown[0]
        if delta is not None and f.has(delta):
            solved = _monotone_root(f, delta, domain)
            if solved is not None:
                s, bound = solved
                return delta >= bound if sign * s > 0 else delta <= bound
        return f >= 0 if sign > 0 else f <= 0
    prod = sp.Mul(*unknown)
    return prod >= 0 if sign > 0 else prod <= 0


def _monotone_root(f: sp.Expr, delta: sp.Symbol, domain: list[sp.Basic]) -> tuple[int, sp.Expr] | None:
    """For a polynomial ``f`` in ``delta`` (degree 1 or 2) that is strictly monotone for
    ``delta > 0`` (all coefficients of positive powers of one sign ``s``), the pair
    ``(s, root)``: ``f >= 0`` exactly when ``s * (delta - root) >= 0``."""
    poly = sp.Poly(f, delta)
    if poly.degree() not in (1, 2):
        return None
    coeffs = [poly.coeff_monomial(delta**k) for k in range(poly.degree() + 1)]
    signs = [decide_sign(c, None, domain) for c in coeffs[1:]]
    nonzero = {x for x in signs if x != 0}
    if None in signs or len(nonzero) != 1:
        return None
    s: int = nonzero.pop()  # type: ignore[assignment]
    if poly.degree() == 1:
        return s, sp.factor(-coeffs[0] / coeffs[1])
    c0, c1, c2 = (s * c for c in coeffs)
    if c2 == 0:
        return s, sp.factor(-c0 / c1)
    # c2 > 0 and c1 >= 0: the larger root is the only one that can be positive.
    return s, sp.simplify((-c1 + sp.sqrt(c1**2 - 4 * c2 * c0)) / (2 * c2))


def is_subgame_perfect(
    game: RepeatedGame,
    profile: Sequence[Automaton],
    *,
    assumptions: Iterable[sp.Basic] = (),
    states: str = "reachable",
) -> SubgamePerfection:
    """One-shot deviation check of a profile of automata at every joint state.

    Parameters
    ----------
    game
        An infinitely repeated game.
    profile
        One automaton per player.
    assumptions
        Relations between parameters (for instance ``[T > R, R > P, P > S]``) used to
        decide signs when simplifying the condition.
    states
        ``"reachable"`` (default): every joint state that some history leads to, on
        the path of play or after any deviations or observation errors; ``"all"``:
        every joint state, including combinations no history produces (such as one
        grim-trigger player punishing while the other cooperates under perfect
        monitoring, where the check would fail for a reason no subgame exhibits).

    Returns
    -------
    SubgamePerfection
        With numbers ``.holds`` and the profitable deviations; with parameters,
        ``.condition`` (a sympy relation or ``And``), also as ``.as_piecewise()``.
    """
    _require_infinite(game, "is_subgame_perfect")
    chain = _chain(game, profile)
    delta = game.discount_factor
    V, _, _ = _solve_values(chain, delta)
    devs = _deviations(chain, V, delta, states)
    params = game.parameters
    warnings = list(_private_warning(game))
    exact = is_exact(list(V), [d.gain for d in devs])
    if not params:
        tol = 0 if exact else 1e-9
        bad = tuple(d for d in devs if d.gain > tol)
        ties = [d for d in devs if d.gain == 0]
        if ties:
            warnings.append(
                f"{len(ties)} one-shot deviation(s) leave a player exactly indifferent "
                f"(e.g. {ties[0]!r})"
            )
        return SubgamePerfection(
            holds=not bad,
            condition=sp.true if not bad else sp.false,
            deviations=bad,
            parameters=(),
            method="one-shot deviation check at every joint state (exact)",
            exact=exact,
            warnings=tuple(warnings),
        )
    dsym = delta if isinstance(delta, sp.Symbol) else None
    domain = _domain(params, assumptions)
    conds = []
    relevant = []
    for d in devs:
        rel = _relation(d.gain, dsym, domain)
        if rel is sp.false:
            conds = [sp.false]
            relevant.append(d)
            break
        if rel is not sp.true:
            relevant.append(d)
            if rel not in conds:
                conds.append(rel)
    condition = sp.And(*conds) if conds else sp.true
    return SubgamePerfection(
        holds=True if condition is sp.true else (False if condition is sp.false else None),
        condition=condition,
        deviations=tuple(relevant),
        parameters=params,
        method="one-shot deviation check at every joint state (symbolic)",
        exact=exact,
        warnings=tuple(warnings),
    )


# ---------------------------------------------------------------------- thresholds
@dataclass(frozen=True)
class DiscountThreshold(Result):
    """The least discount factor at which a profile is subgame perfect.

    Attributes
    ----------
    threshold
        The least discount factor (an exact expression), or None when none works.
    reason
        What the threshold means, or why there is none.
    upper
        An upper bound on the discount factor, when one applies (else None).
    condition
        The full condition in the discount factor and the parameters.
    region
        With numeric payoffs, the exact set of discount factors in (0, 1) where the
        profile is subgame perfect.
    """

    threshold: sp.Expr | None
    reason: str
    condition: sp.Basic
    discount_factor: sp.Symbol
    upper: sp.Expr | None = None
    region: sp.Set | None = None
    method: str = ""
    exact: bool = True
    warnings: tuple[str, ...] = field(default=())

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "threshold": None if self.threshold is None else number_to_json(self.threshold),
            "upper": None if self.upper is None else number_to_json(self.upper),
            "reason": self.reason,
            "condition": str(self.condition),
            "exact": self.exact,
            "method": self.method,
            "warnings": list(self.warnings),
        }


def discount_threshold(
    game: RepeatedGame,
    profile: Sequence[Automaton],
    *,
    assumptions: Iterable[sp.Basic] = (),
    states: str = "reachable",
) -> DiscountThreshold:
    """The least discount factor making a profile of automata subgame perfect.

    The game's own discount factor is replaced by a symbol. With numeric payoffs the
    exact set of discount factors in (0, 1) that work is computed (``region``); with
    symbolic payoffs the bounds on the discount factor are solved for, using
    ``assumptions`` (e.g. ``[T > R, R > P, P > S]``) to decide signs. ``states`` is
    as in :func:`is_subgame_perfect`.

    Examples
    --------
    >>> import sympy as sp, gametheory as gt
    >>> T, R, P, S = sp.symbols("T R P S", real=True)
    >>> pd = gt.NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> res = gt.discount_threshold(gt.RepeatedGame(pd, "1/2"), (gt.grim_trigger(),) * 2,
    ...                             assumptions=[T > R, R > P, P > S])
    >>> sp.simplify(res.threshold - (T - R) / (T - P))
    0
    """
    _require_infinite(game, "discount_threshold")
    assumptions = list(assumptions)
    delta = game.discount_factor
    if not isinstance(delta, sp.Symbol):
        delta = sp.Symbol("delta", positive=True)
        game = game.with_discount_factor(delta)
    others = [s for s in game.parameters if s != delta]
    chain = _chain(game, profile)
    V, _, _ = _solve_values(chain, delta)
    devs = _deviations(chain, V, delta, states)
    warnings = list(_private_warning(game))
    exact = is_exact(list(V))
    unit = sp.Interval.open(0, 1)
    if not others:
        region: sp.Set = unit
        for d in devs:
            num, den = sp.fraction(sp.cancel(sp.together(-d.gain)))
            # den > 0 on (0, 1) is not assumed: solve the rational inequality as it is.
            region = region.intersect(
                sp.solveset(sp.Ge(num / den, 0) if den != 1 else sp.Ge(num, 0), delta, unit)
            )
            if region is sp.S.EmptySet:
                break
        condition = region.as_relational(delta) if region is not sp.S.EmptySet else sp.false
        if region is sp.S.EmptySet:
            return DiscountThreshold(
                None, "no discount factor in (0, 1) makes the profile subgame perfect",
                sp.false, delta, region=region, method="exact solution of the deviation inequalities",
                exact=exact, warnings=tuple(warnings),
            )
        low = region.inf
        attained = low in region or low == 0
        upper = region.sup if region.sup < 1 else None
        reason = (
            "subgame perfect for every discount factor in (0, 1)" if region == unit
            else f"subgame perfect exactly for delta in {region}"
        )
        if not attained:
            warnings.append(f"the threshold {low} itself is not included")
        return DiscountThreshold(
            low, reason, condition, delta, upper=upper, region=region,
            method="exact solution of the deviation inequalities", exact=exact,
            warnings=tuple(warnings),
        )
    domain = _domain([*others, delta], assumptions)
    lows: list[sp.Expr] = []
    highs: list[sp.Expr] = []
    rest: list[sp.Basic] = []
    for d in devs:
        rel = _relation(d.gain, delta, domain)
        if rel is sp.true:
            continue
        if rel is sp.false:
            return DiscountThreshold(
                None, f"no discount factor works: {d!r} is always profitable", sp.false, delta,
                method="symbolic deviation inequalities", exact=exact, warnings=tuple(warnings),
            )
        if isinstance(rel, sp.GreaterThan) and rel.lhs == delta and not rel.rhs.has(delta):
            _add_bound(lows, rel.rhs, domain)
        elif isinstance(rel, sp.LessThan) and rel.lhs == delta and not rel.rhs.has(delta):
            _add_bound(highs, rel.rhs, domain)
        elif rel not in rest:
            rest.append(rel)
    low = _extreme(lows, domain, largest=True)
    high = _extreme(highs, domain, largest=False)
    parts = [delta >= b for b in lows] + [delta <= b for b in highs] + rest
    condition = sp.And(*parts) if parts else sp.true
    unresolved = [r for r in rest if r.has(delta)]
    if unresolved:
        warnings.append(f"conditions not solved for the discount factor: {unresolved}")
        warnings += _linear_readings(unresolved, delta)
    param_only = [r for r in rest if not r.has(delta)]
    if param_only:
        warnings.append(f"the profile also needs {param_only} (conditions on the parameters)")
    if low is None:
        low_value: sp.Expr = sp.Integer(0)
    else:
        low_value = low
    if high is not None:
        gap = decide_sign(high - low_value, None, domain)
        if gap is not None and gap < 0:
            return DiscountThreshold(
                None, f"no discount factor works: it would need {low_value} <= delta <= {high}",
                condition, delta, upper=high, method="symbolic deviation inequalities",
                exact=exact, warnings=tuple(warnings),
            )
        if gap == 0:
            warnings.append("the profile is subgame perfect at a single discount factor only")
        elif gap is None:
            warnings.append(f"a discount factor works only where {low_value} <= {high}")
    if low is not None:
        top = decide_sign(1 - low, None, domain)
        if top is not None and top <= 0:
            return DiscountThreshold(
                None, f"no discount factor below 1 works: it would need delta >= {low}",
                condition, delta, upper=high, method="symbolic deviation inequalities",
                exact=exact, warnings=tuple(warnings),
            )
    if unresolved:
        return DiscountThreshold(
            None, "the condition could not be solved for the discount factor; see .condition",
            condition, delta, upper=high, method="symbolic deviation inequalities",
            exact=exact, warnings=tuple(warnings),
        )
    reason = (
        "subgame perfect for every discount factor in (0, 1) (up to the upper bound)"
        if low is None else "least discount factor at which every one-shot deviation is unprofitable"
    )
    return DiscountThreshold(
        low_value, reason, condition, delta, upper=high, method="symbolic deviation inequalities",
        exact=exact, warnings=tuple(warnings),
    )


def _linear_readings(relations: list[sp.Basic], delta: sp.Symbol) -> list[str]:
    """For a condition linear in delta whose slope has no known sign, the two readings:
    a threshold where the slope is positive, and what holds where it is not (the user
    can pick one with ``assumptions=[slope > 0]``)."""
    notes = []
    for rel in relations:
        if not isinstance(rel, sp.GreaterThan | sp.StrictGreaterThan | sp.LessThan | sp.StrictLessThan):
            continue
        diff = sp.expand(rel.lhs - rel.rhs)
        if isinstance(rel, sp.LessThan | sp.StrictLessThan):
            diff = -diff
        poly = diff.as_poly(delta)
        if poly is None or poly.degree() != 1:
            continue
        slope, rest = poly.all_coeffs()
        slope = sp.factor(slope)
        notes.append(
            f"where {slope} > 0 this reads delta >= {sp.factor(-rest / slope)}; where "
            f"{slope} < 0 it reads delta <= {sp.factor(-rest / slope)}; pass "
            f"assumptions=[{slope} > 0] to get the threshold"
        )
    return notes


def _add_bound(bounds: list[sp.Expr], b: sp.Expr, domain: list[sp.Basic]) -> None:
    for old in bounds:
        if sp.simplify(old - b) == 0:
            return
    bounds.append(b)


def _extreme(bounds: list[sp.Expr], domain: list[sp.Basic], largest: bool) -> sp.Expr | None:
    """The largest (smallest) bound, decided exactly where possible, else Max (Min)."""
    if not bounds:
        return None
    keep: list[sp.Expr] = []
    for b in bounds:
        dominated = False
        for other in list(keep):
            s = decide_sign(b - other, None, domain)
            if s is None:
                continue
            if (s <= 0 and largest) or (s >= 0 and not largest):
                dominated = True
                break
            keep.remove(other)
        if not dominated:
            keep.append(b)
    if len(keep) == 1:
        return keep[0]
    return sp.Max(*keep) if largest else sp.Min(*keep)
