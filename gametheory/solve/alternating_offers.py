"""Alternating offers: Rubinstein's infinite-horizon shares and the finite horizon.

* :func:`rubinstein` gives the shares of the unique SPE of alternating offers
  (Rubinstein 1982; Osborne and Rubinstein 1994, Prop. 122.1);
* :func:`rubinstein_finite` the T-round version in closed form (Stahl 1972);
* :func:`rubinstein_tree` the same game as an :class:`~gametheory.ExtensiveFormGame`
  for :func:`gametheory.spe`.

Examples
--------
>>> import gametheory as gt
>>> gt.rubinstein("9/10", "4/5").share(0)
5/7
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..errors import ParameterError, ValidationError
from ..games.extensive_form import Decision, ExtensiveFormGame, Terminal
from ..symbolic import exact, is_exact
from .results import Result, number_to_json

__all__ = ["RubinsteinSolution", "rubinstein", "rubinstein_finite", "rubinstein_tree"]


@dataclass(frozen=True)
class RubinsteinSolution(Result):
    """Shares of alternating-offers bargaining over a pie.

    Attributes
    ----------
    discount_factors
        ``(d1, d2)`` of player 0 and player 1.
    proposer_share
        What the first proposer (player 0) gets in the first-round agreement.
    rounds
        ``None`` for the infinite horizon, else the number of rounds.
    """

    discount_factors: tuple[sp.Expr, sp.Expr]
    pie: sp.Expr
    proposer_share: sp.Expr
    method: str
    exact: bool
    rounds: int | None = None
    players: tuple[str, str] = ("A", "B")
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def share(self, player: int, proposer: int = 0) -> sp.Expr:
        """Player ``player``'s share of the pie when ``proposer`` makes the first offer.

        With player 1 proposing first, the roles (and discount factors) swap.
        """
        if player not in (0, 1) or proposer not in (0, 1):
            raise ValidationError("players are 0 and 1")
        if proposer == 0:
            x = self.proposer_share
        else:
            d1, d2 = self.discount_factors
            if self.rounds is None:
                x = sp.simplify(self.pie * (1 - d1) / (1 - d1 * d2))
            else:
                x = _finite_shares(d2, d1, self.rounds, self.pie)
        return x if player == proposer else sp.simplify(self.pie - x)

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "method": self.method,
            "exact": self.exact,
            "rounds": self.rounds,
            "shares": {p: number_to_json(self.share(i)) for i, p in enumerate(self.players)},
            "warnings": list(self.warnings),
        }


def _discount(d: Any, who: str) -> sp.Expr:
    v = exact(d, where=f"discount factor of {who}")
    if v.is_number and not 0 <= v <= 1:
        raise ParameterError(f"the discount factor of {who} must lie in [0, 1], got {v}")
    return v


def rubinstein(d1: Any, d2: Any, pie: Any = 1, players: Sequence[str] = ("A", "B")) -> RubinsteinSolution:
    """The SPE shares of Rubinstein's infinite-horizon alternating-offers game.

    The first proposer gets ``(1 - d2) / (1 - d1 d2)`` of the pie, the responder the
    rest, agreed at once (Rubinstein 1982; Osborne and Rubinstein 1994, Prop. 122.1).

    Parameters
    ----------
    d1, d2
        Discount factors of the first proposer and of the responder (numbers in
        [0, 1], not both 1, or parameters).
    pie
        The size of the surplus.
    """
    a, b = _discount(d1, players[0]), _discount(d2, players[1])
    size = exact(pie, where="pie")
    if a.is_number and b.is_number and a * b == 1:
        raise ParameterError("with both discount factors equal to 1 every division is an SPE outcome")
    x = sp.simplify(size * (1 - b) / (1 - a * b))
    return RubinsteinSolution((a, b), size, x, "closed form (Rubinstein 1982)", is_exact(a, b, size),
                              players=(players[0], players[1]))


_MAX_SHARE_DIGITS = 100_000  # an exact finite-horizon share longer than this is refused
_SYMBOLIC_SUM_ROUNDS = 200  # up to here a symbolic share is the polynomial itself


def _finite_shares(d1: sp.Expr, d2: sp.Expr, rounds: int, pie: sp.Expr) -> sp.Expr:
    # Backward induction: the last proposer takes the pie; earlier, the proposer offers
    # the responder what it would get proposing next round, discounted. Two rounds at a
    # time this is x(T) = pie (1 - d2) + d1 d2 x(T - 2), a geometric series in m = d1 d2:
    # x(2k) = pie (1 - d2) (1 + m + ... + m^(k-1)), x(2k + 1) = x(2k) + m^k pie.
    m, k = d1 * d2, rounds // 2
    if m.is_number:
        series = sp.Integer(k) if m == 1 else (1 - m**k) / (1 - m)
    elif k <= _SYMBOLIC_SUM_ROUNDS:
        series = sp.Add(*[m**j for j in range(k)])
    else:  # the closed form (assumes d1 d2 != 1)
        series = (1 - m**k) / (1 - m)
    x = pie * (1 - d2) * series + (m**k * pie if rounds % 2 else 0)
    return x if x.is_number else sp.simplify(sp.expand(x)) if k <= _SYMBOLIC_SUM_ROUNDS else x


def _exact_digits(m: sp.Expr, k: int) -> float:
    """Roughly how many digits the exact rational ``m ** k`` has."""
    if not (m.is_Rational and m not in (0, 1)):
        return 0.0
    p, q = sp.fraction(m)
    return k * math.log10(max(abs(int(p)), abs(int(q)), 2))


def rubinstein_finite(
    d1: Any, d2: Any, rounds: int, pie: Any = 1, players: Sequence[str] = ("A", "B")
) -> RubinsteinSolution:
    """The SPE shares of alternating offers with a last round ``rounds`` (breakdown after).

    Player 0 proposes in odd rounds; an offer rejected in the last round leaves both
    with nothing. Solved in closed form (Stahl 1972): the backward recursion is a
    geometric series in ``d1 * d2``, so the cost does not grow with the horizon for
    float discount factors; :func:`rubinstein_tree` builds the same game as a tree.

    Raises
    ------
    ValidationError
        If ``rounds`` is not a positive integer.
    ParameterError
        If the exact share would have more than 100,000 digits (exact rational
        discount factors over a very long horizon): the message gives the estimate;
        pass float discount factors, or use :func:`rubinstein` for the limit.

    Examples
    --------
    >>> rubinstein_finite("1/2", "1/2", 3).share(0)
    3/4
    >>> round(float(rubinstein_finite(0.9, 0.8, 10**9).share(0)), 6)
    0.714286
    """
    if not isinstance(rounds, int) or isinstance(rounds, bool) or rounds < 1:
        raise ValidationError(f"rounds must be a positive integer, got {rounds!r}")
    a, b = _discount(d1, players[0]), _discount(d2, players[1])
    size = exact(pie, where="pie")
    digits = _exact_digits(a * b, rounds // 2)
    if digits > _MAX_SHARE_DIGITS:
        raise ParameterError(
            f"the exact share after {rounds:,} rounds has about {digits:,.0f} digits (limit "
            f"{_MAX_SHARE_DIGITS:,}); pass float discount factors (e.g. {float(a)}) for a float "
            "answer, or use rubinstein() for the infinite-horizon limit, which the "
            "finite shares approach like (d1 d2)^(rounds/2)"
        )
    x = _finite_shares(a, b, rounds, size)
    return RubinsteinSolution((a, b), size, x, "closed form of the backward recursion (Stahl 1972)",
                              is_exact(a, b, size), rounds=rounds, players=(players[0], players[1]))


def rubinstein_tree(
    d1: Any, d2: Any, rounds: int, pie_steps: int, players: Sequence[str] = ("A", "B")
) -> Any:
    """Alternating offers over a pie of 1 cut into ``pie_steps`` equal units, as a tree.

    In round ``t`` (player 0 proposes in odd rounds) the proposer offers the responder
    ``k / pie_steps`` for some ``k``; the responder accepts (payoffs discounted by
    ``d_i ** (t - 1)``) or rejects; a rejection in the last round gives (0, 0). Solve it
    with :func:`gametheory.spe`. The tree has ``(2 (pie_steps + 1)) ** rounds`` leaves,
    so keep both small.
    """
    if rounds < 1 or pie_steps < 1:
        raise ValidationError("rounds and pie_steps must be positive")
    if (2 * (pie_steps + 1)) ** rounds > 200_000:
        raise ValidationError(
            f"{rounds} rounds with {pie_steps} pie steps make more than 200000 leaves; "
            "use rubinstein_finite for long horizons"
        )
    deltas = (_discount(d1, players[0]), _discount(d2, players[1]))
    names = (players[0], players[1])

    def node(t: int, path: str) -> Any:
        proposer, responder = (t - 1) % 2, t % 2
        offers = {}
        for k in range(pie_steps + 1):
            give = sp.Rational(k, pie_steps)
            keep = 1 - give
            pay = [sp.Integer(0), sp.Integer(0)]
            pay[proposer] = keep * deltas[proposer] ** (t - 1)
            pay[responder] = give * deltas[responder] ** (t - 1)
            reject = node(t + 1, f"{path}{k}r") if t < rounds else Terminal([0, 0])
            offers[f"offer {give}"] = Decision(
                names[responder], f"respond r{t} {path}{k}",
                {"accept": Terminal(pay), "reject": reject},
            )
        return Decision(names[proposer], f"propose r{t} {path}", offers)

    return ExtensiveFormGame(node(1, ""), players=list(names),
                             title=f"Alternating offers, {rounds} rounds, pie in {pie_steps} steps")
