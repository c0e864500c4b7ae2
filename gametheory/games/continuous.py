"""Games with continuous contributions: private provision of a public good.

Each of n players chooses a contribution ``g_i >= lower_i`` (default 0); utilities
are sympy formulas in all contributions and parameters, concave in one's own
contribution (Olson and Zeckhauser 1966; Bergstrom, Blume and Varian 1986). Solved by
:func:`gametheory.nash_contributions` and :func:`gametheory.samuelson_level`.

Examples
--------
>>> import gametheory as gt
>>> g = gt.PublicGoodsGame(["US", "ROK"], {"US": "3*log(gU + gK) - gU",
...     "ROK": "2*log(gU + gK) - gK"}, ["gU", "gK"])
>>> g.symbols
(gU, gK)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from ..errors import ValidationError
from ..symbolic import (
    declared_parameters,
    exact,
    free_parameters,
    is_exact,
    parse_formula,
    substitute,
)
from ._coerce import Frozen, FrozenMapping

__all__ = ["PublicGoodsGame"]


class PublicGoodsGame(Frozen):
    """An n-player contribution game with utilities as formulas.

    Parameters
    ----------
    players
        Player names.
    utilities
        Per player (mapping or sequence in player order): a sympy expression, or a
        formula string in the contribution names and declared parameters.
    contribution_symbols
        Per player, its contribution: a sympy symbol or a name.
    lower_bounds
        Per player, the least contribution (default 0). A negative bound is an error:
        a contribution cannot be a withdrawal.
    title
        A name for the game.

    Raises
    ------
    ValidationError
        For a negative lower bound, a utility that is provably convex in one's own
        contribution, or a utility naming an unknown contribution.
    """

    def __init__(
        self,
        players: Sequence[str],
        utilities: Mapping[str, Any] | Sequence[Any],
        contribution_symbols: Sequence[sp.Symbol | str],
        lower_bounds: Mapping[str, Any] | Sequence[Any] | None = None,
        title: str = "",
    ) -> None:
        self.players: tuple[str, ...] = tuple(players)
        n = len(self.players)
        if n < 1 or len(set(self.players)) != n:
            raise ValidationError(f"players must be distinct names, got {self.players}")
        if len(contribution_symbols) != n:
            raise ValidationError(f"{len(contribution_symbols)} contribution symbols for {n} players")
        syms = []
        for s in contribution_symbols:
            if isinstance(s, str):
                if not s.isidentifier():
                    raise ValidationError(f"contribution name {s!r} must be an identifier")
                s = sp.Symbol(s, real=True)
            if not isinstance(s, sp.Symbol):
                raise ValidationError(f"contribution {s!r} must be a symbol or a name")
            syms.append(s)
        if len(set(syms)) != n:
            raise ValidationError("contribution symbols repeat")
        self.symbols: tuple[sp.Symbol, ...] = tuple(syms)
        names = {n_: p.symbol for n_, p in declared_parameters().items()}
        names.update({s.name: s for s in syms})
        if isinstance(utilities, Mapping):
            missing = [p for p in self.players if p not in utilities]
            if missing:
                raise ValidationError(f"no utility for player(s) {missing}")
            raw = [utilities[p] for p in self.players]
        else:
            raw = list(utilities)
            if len(raw) != n:
                raise ValidationError(f"{len(raw)} utilities for {n} players")
        us = []
        for p, u in zip(self.players, raw):
            if isinstance(u, str):
                u = parse_formula(u, names, source=f"utility of {p}")
            us.append(exact(u, where=f"utility of {p}"))
        self.utilities: Mapping[str, sp.Expr] = FrozenMapping(dict(zip(self.players, us)))
        if lower_bounds is None:
            lows = [sp.Integer(0)] * n
        elif isinstance(lower_bounds, Mapping):
            lows = [exact(lower_bounds.get(p, 0), where=f"lower bound of {p}") for p in self.players]
        else:
            lows = [exact(v, where=f"lower bound of {p}") for p, v in zip(self.players, lower_bounds)]
        for p, lo in zip(self.players, lows):
            if lo.is_number and lo < 0:
                raise ValidationError(
                    f"the lower bound of {p}'s contribution is {lo}; contributions are non-negative"
                )
            if lo.is_negative:
                raise ValidationError(f"the lower bound of {p}'s contribution ({lo}) is negative")
        self.lower_bounds: Mapping[str, sp.Expr] = FrozenMapping(dict(zip(self.players, lows)))
        for p, s in zip(self.players, self.symbols):
            second = sp.simplify(sp.diff(self.utilities[p], s, 2))
            if second.is_positive:
                raise ValidationError(
                    f"the utility of {p} is convex in its own contribution ({second} > 0); "
                    "the first-order conditions would find minima"
                )
        self.title = title

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def total(self) -> sp.Expr:
        """The sum of the contributions."""
        return sp.Add(*self.symbols)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        own = set(self.symbols)
        return tuple(s for s in free_parameters(list(self.utilities.values()), list(self.lower_bounds.values()))
                     if s not in own)

    @property
    def is_exact(self) -> bool:
        return is_exact(list(self.utilities.values()))

    def symbol(self, player: str) -> sp.Symbol:
        if player not in self.players:
            raise ValidationError(f"no player {player!r}; players are {self.players}")
        return self.symbols[self.players.index(player)]

    def payoffs(self, contributions: Mapping[str, Any]) -> dict[str, sp.Expr]:
        """Every player's utility at a contribution profile (player -> amount)."""
        sub = {}
        for p, s in zip(self.players, self.symbols):
            if p not in contributions:
                raise ValidationError(f"no contribution given for {p}")
            v = exact(contributions[p], where=f"contribution of {p}")
            lo = self.lower_bounds[p]
            if v.is_number and lo.is_number and v < lo:
                raise ValidationError(f"contribution of {p} ({v}) is below its lower bound {lo}")
            sub[s] = v
        return {p: sp.simplify(u.xreplace(sub)) for p, u in self.utilities.items()}

    def subs(self, values: Mapping[Any, Any]) -> PublicGoodsGame:
        return PublicGoodsGame(
            self.players,
            {p: substitute(u, values) for p, u in self.utilities.items()},
            self.symbols,
            {p: substitute(v, values) for p, v in self.lower_bounds.items()},
            self.title,
        )

    def __repr__(self) -> str:
        us = "; ".join(f"{p}: {u}" for p, u in self.utilities.items())
        return f"PublicGoodsGame({self.title + ': ' if self.title else ''}{us})"
