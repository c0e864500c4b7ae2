"""Subgame perfection of a profile of automata by the one-shot deviation principle.

Checked at every joint state, reachable or not: no player gains by playing another
action for one round and then following his automaton again. Under perfect monitoring
and public signals this is exact (for a public signal: perfect public equilibrium).
Under private noise the joint state is not common knowledge; the check then treats it
as known, which is a sufficient condition, and the result says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ...conditions import decide_sign
from ...errors import ValidationError
from ...games.automata import Automaton
from ...games.repeated import RepeatedGame
from ...symbolic import is_exact, parameter_info
from ..results import Piece, PiecewiseAnswer, Result, number_to_json
from .chain import (
    JointChain,
    JointState,
    joint_chain,
    private_monitoring_warning,
    require_infinite_horizon,
    simplify_value,
    solve_values,
)

__all__ = [
    "Deviation",
    "SubgamePerfection",
    "deviation_condition",
    "deviation_domain",
    "is_subgame_perfect",
    "one_shot_deviations",
]

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


def one_shot_deviations(chain: JointChain, V: sp.Matrix, delta: sp.Expr, states: str = "reachable") -> list[Deviation]:
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
                value = simplify_value(value)
                out.append(Deviation(game.players[i], s, lab, V[k, i], value, simplify_value(value - V[k, i])))
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


def deviation_domain(symbols: Iterable[sp.Symbol], assumptions: Iterable[sp.Basic]) -> list[sp.Basic]:
    """Linear constraints for the sign decisions: declared bounds plus assumptions."""
    cons: list[sp.Basic] = list(assumptions)
    for s in symbols:
        low, high, _, _ = parameter_info(s).bounds
        if low is not None:
            cons.append(s >= low)
        if high is not None:
            cons.append(s <= high)
    return cons


def deviation_condition(gain: sp.Expr, delta: sp.Symbol | None, domain: list[sp.Basic]) -> sp.Basic:
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
    require_infinite_horizon(game, "is_subgame_perfect")
    chain = joint_chain(game, profile)
    delta = game.discount_factor
    V, _, _ = solve_values(chain, delta)
    devs = one_shot_deviations(chain, V, delta, states)
    params = game.parameters
    warnings = list(private_monitoring_warning(game))
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
    domain = deviation_domain(params, assumptions)
    conds = []
    relevant = []
    for d in devs:
        rel = deviation_condition(d.gain, dsym, domain)
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
