"""Values of coalitional games: the Shapley value and the Banzhaf index.

The Shapley value is computed exactly from its coalition formula (symbolic values
allowed). The core (:mod:`gametheory.solve.coalition_core`) and the nucleolus
(:mod:`gametheory.solve.nucleolus`) have modules of their own; ``core`` stays
importable from here.

Examples
--------
>>> import gametheory as gt
>>> g = gt.WeightedVotingGame({"A": 2, "B": 1, "C": 1}, quota=3)
>>> gt.shapley_value(g).values
{'A': 2/3, 'B': 1/6, 'C': 1/6}
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from ..errors import ValidationError
from ..games.coalitional import CoalitionalGame
from ..symbolic import to_fraction

# Models import core from here, as before the split.
from .coalition_core import core as core
from .results import Result, number_to_json

__all__ = ["AllocationResult", "banzhaf_index", "shapley_value"]


@dataclass(frozen=True)
class AllocationResult(Result):
    """A value (one payoff per player) of a coalitional game.

    Attributes
    ----------
    values
        Payoff per player name.
    method, exact, warnings
        How it was computed, whether exactly, and what to watch for.
    """

    values: dict[str, sp.Expr]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    def __getitem__(self, player: str) -> sp.Expr:
        return self.values[player]

    def as_tuple(self) -> tuple[sp.Expr, ...]:
        return tuple(self.values.values())

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "method": self.method,
            "exact": self.exact,
            "warnings": list(self.warnings),
            "values": {p: number_to_json(v) for p, v in self.values.items()},
        }


def _simplify(v: sp.Expr) -> sp.Expr:
    return v if v.is_number else sp.simplify(v)


def shapley_value(game: CoalitionalGame) -> AllocationResult:
    """The Shapley value: each player's average marginal contribution over orderings.

    ``phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! * (v(S ∪ {i}) - v(S))``,
    computed exactly (Fractions for numbers, sympy for formulas).
    """
    n = game.n_players
    vals = game.values
    numeric = not game.parameters
    weights = [Fraction(math.factorial(s) * math.factorial(n - s - 1), math.factorial(n)) for s in range(n)]
    out: dict[str, sp.Expr] = {}
    if numeric:
        fv = {c: to_fraction(v) for c, v in vals.items()}
        for p in game.players:
            total: Any = Fraction(0)
            for c, v in fv.items():
                if p in c:
                    continue
                total += weights[len(c)] * (fv[c | {p}] - v)
            out[p] = sp.Rational(total.numerator, total.denominator) if isinstance(total, Fraction) else sp.Float(total)
    else:
        sym_w = [sp.Rational(w.numerator, w.denominator) for w in weights]
        for p in game.players:
            # collect coefficients per distinct value first: one Add at the end, not
            # thousands of incremental ones
            coeff: dict[sp.Expr, sp.Rational] = {}
            for c, v in vals.items():
                if p in c:
                    continue
                w = sym_w[len(c)]
                coeff[vals[c | {p}]] = coeff.get(vals[c | {p}], sp.Integer(0)) + w
                coeff[v] = coeff.get(v, sp.Integer(0)) - w
            out[p] = _simplify(sp.expand(sp.Add(*[k * e for e, k in coeff.items() if k != 0])))
    return AllocationResult(out, "Shapley coalition formula", game.is_exact)


def banzhaf_index(game: CoalitionalGame, normalized: bool = True) -> AllocationResult:
    """The Banzhaf index: the average marginal contribution over coalitions of the others.

    With ``normalized=True`` the indices sum to 1 (the normalized Banzhaf power index of
    a voting game); otherwise each is ``2**-(n-1)`` times the sum of swings.
    """
    vals = game.values
    raw = {}
    for p in game.players:
        acc = sp.Integer(0)
        for c, v in vals.items():
            if p not in c:
                acc += vals[c | {p}] - v
        raw[p] = acc
    if normalized:
        total = sum(raw.values(), sp.Integer(0))
        if total == 0:
            raise ValidationError("no player ever changes a coalition's value; the index is undefined")
        out = {p: _simplify(v / total) for p, v in raw.items()}
    else:
        out = {p: _simplify(v / 2 ** (game.n_players - 1)) for p, v in raw.items()}
    return AllocationResult(out, "Banzhaf swings" + (" (normalized)" if normalized else ""), game.is_exact)
