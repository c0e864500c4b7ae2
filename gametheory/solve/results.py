"""Result objects shared by every solver: equilibria, solutions and piecewise answers.

A solver given numbers returns a :class:`Solution` (its equilibria, the method that
found them, whether the arithmetic was exact, and warnings such as ties or a
degenerate game). A solver given a game with free parameters returns a
:class:`PiecewiseAnswer`: a list of (condition, value) pieces that covers the
parameter space, which evaluates at a point, compiles to numpy and prints as LaTeX.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError
from ..symbolic import _value_map, compile_expr, free_parameters, is_exact

__all__ = ["Equilibrium", "Solution", "Piece", "PiecewiseAnswer", "number_to_json"]


def number_to_json(value: Any) -> Any:
    """Exact numbers as ``"p/q"`` strings, floats as JSON numbers, expressions as text."""
    if isinstance(value, sp.Integer):
        return str(int(value))
    if isinstance(value, sp.Rational):
        return f"{value.p}/{value.q}"
    if isinstance(value, sp.Float | float):
        return float(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, sp.Basic):
        return str(value)
    return value


@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium of a game in strategic form.

    Attributes
    ----------
    players
        Player names, in order.
    strategies
        Per player, a mapping from strategy label to probability (pure strategies
        have one entry equal to 1 and zeros elsewhere).
    payoffs
        Per player, the expected payoff.
    """

    players: tuple[str, ...]
    strategies: tuple[Mapping[str, sp.Expr], ...]
    payoffs: tuple[sp.Expr, ...]

    @property
    def profile(self) -> tuple[tuple[sp.Expr, ...], ...]:
        """The mixed profile as tuples of probabilities, one per player."""
        return tuple(tuple(s.values()) for s in self.strategies)

    @property
    def is_pure(self) -> bool:
        return all(sum(1 for p in s.values() if p != 0) == 1 for s in self.strategies)

    @property
    def pure_profile(self) -> tuple[str, ...]:
        """The strategy labels of a pure equilibrium."""
        if not self.is_pure:
            raise ValueError("this equilibrium is mixed")
        return tuple(next(k for k, p in s.items() if p != 0) for s in self.strategies)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "strategies": {
                pl: {lab: number_to_json(p) for lab, p in s.items()}
                for pl, s in zip(self.players, self.strategies)
            },
            "payoffs": {pl: number_to_json(v) for pl, v in zip(self.players, self.payoffs)},
        }

    def __repr__(self) -> str:
        if self.is_pure:
            prof = ", ".join(self.pure_profile)
        else:
            prof = "; ".join(
                ", ".join(f"{k}={v}" for k, v in s.items() if v != 0) for s in self.strategies
            )
        pay = ", ".join(str(v) for v in self.payoffs)
        return f"Equilibrium(({prof}), payoffs=({pay}))"


class EquilibriumSequence:
    """A result that is a sequence of its ``equilibria``: ``len``, iteration, indexing,
    and a JSON form (``concept``, ``method``, ``exact``, ``warnings``, ``equilibria``)."""

    equilibria: tuple[Any, ...]
    concept: str
    method: str
    exact: bool
    warnings: tuple[str, ...]

    def to_json_dict(self, limit: int | None = None) -> dict[str, Any]:
        eqs = self.equilibria if limit is None else self.equilibria[:limit]
        return {
            "concept": self.concept,
            "method": self.method,
            "exact": self.exact,
            "warnings": list(self.warnings),
            "equilibria": [e.to_json_dict() for e in eqs],
        }

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> Any:
        return self.equilibria[index]


@dataclass(frozen=True)
class Solution(EquilibriumSequence):
    """Equilibria of a game with numbers in.

    Attributes
    ----------
    concept
        ``"nash"``, ``"pure"``, ``"spe"``, ...
    equilibria
        The equilibria found (for ``nash`` in two-player games: all extreme ones).
    method
        The algorithm that found them.
    exact
        False when any number involved was a float.
    warnings
        Ties, degeneracy, continua, what was not enumerated.
    extra
        Method-specific details (for instance the components of a degenerate game).
    """

    concept: str
    equilibria: tuple[Any, ...]
    method: str
    exact: bool
    players: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def degenerate(self) -> bool:
        return bool(self.extra.get("degenerate", False))

    def to_json_dict(self, limit: int | None = None) -> dict[str, Any]:
        eqs = self.equilibria if limit is None else self.equilibria[:limit]
        return {
            "concept": self.concept,
            "exact": self.exact,
            "players": list(self.players),
            "warnings": list(self.warnings),
            "equilibria": [e.to_json_dict() for e in eqs],
        }

    def to_json(self, limit: int | None = None) -> str:
        return json.dumps(self.to_json_dict(limit))

    def __repr__(self) -> str:
        lines = [
            f"Solution(concept={self.concept!r}, method={self.method!r}, exact={self.exact}, "
            f"{len(self.equilibria)} equilibria)"
        ]
        lines += [f"  {e!r}" for e in self.equilibria[:20]]
        if len(self.equilibria) > 20:
            lines.append(f"  ... {len(self.equilibria) - 20} more")
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


@dataclass(frozen=True)
class Piece:
    """One piece of a piecewise answer: where ``condition`` holds, ``value`` applies.

    ``boundary`` marks a piece that lies on a tie (an equality between payoffs).
    """

    condition: sp.Basic
    value: Any
    label: str
    boundary: bool = False

    def holds_at(self, mapping: Mapping[sp.Symbol, sp.Expr]) -> bool:
        cond = self.condition.xreplace(dict(mapping)) if isinstance(self.condition, sp.Basic) else self.condition
        if cond in (sp.true, True):
            return True
        if cond in (sp.false, False):
            return False
        try:
            return bool(sp.simplify(cond))
        except TypeError:
            raise ParameterError(
                f"cannot decide the condition {self.condition} at this point: "
                f"free parameters {[s.name for s in free_parameters(cond)]} remain"
            ) from None


def _default_combine(values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> Any:
    subbed = [v.xreplace(dict(mapping)) if isinstance(v, sp.Basic) else v for v in values]
    if len(subbed) == 1:
        return subbed[0]
    return tuple(subbed)


@dataclass(frozen=True)
class PiecewiseAnswer:
    """A solver's answer for a game with free parameters.

    Attributes
    ----------
    concept
        The solution concept.
    pieces
        (condition, value) pieces whose conditions cover the parameter space. A
        point may satisfy several conditions (on a tie boundary, or where several
        profiles are equilibria at once); :meth:`at` combines all that hold.
    parameters
        The free parameters, sorted by name.
    combine
        How the values of the pieces that hold at a point make the answer there.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> ans = PiecewiseAnswer("demo", (Piece(x > 0, "up", "up"), Piece(x <= 0, "down", "down")), (x,))
    >>> ans.at({x: 1})
    'up'
    >>> ans.boundaries()
    [x]
    """

    concept: str
    pieces: tuple[Piece, ...]
    parameters: tuple[sp.Symbol, ...]
    combine: Callable[[list[Any], Mapping[sp.Symbol, sp.Expr]], Any] = field(
        default=_default_combine, repr=False, compare=False
    )
    method: str = ""
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.pieces)

    def __iter__(self) -> Iterator[Piece]:
        return iter(self.pieces)

    @property
    def exact(self) -> bool:
        return is_exact(*[p.condition for p in self.pieces])

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.pieces)

    def _mapping(self, values: Mapping[Any, Any]) -> dict[sp.Symbol, sp.Expr]:
        mapping = _value_map(values)
        by_name = {s.name: s for s in self.parameters}
        fixed: dict[sp.Symbol, sp.Expr] = {}
        for sym, v in mapping.items():
            if sym.name not in by_name:
                raise ParameterError(
                    f"unknown parameter {sym.name!r}; this answer depends on "
                    f"{[s.name for s in self.parameters]}"
                )
            fixed[by_name[sym.name]] = v
        missing = [s.name for s in self.parameters if s not in fixed]
        if missing:
            raise ParameterError(f"no value given for parameter(s) {missing}")
        return fixed

    def holding(self, values: Mapping[Any, Any]) -> list[Piece]:
        """The pieces whose conditions hold at a point."""
        mapping = self._mapping(values)
        return [p for p in self.pieces if p.holds_at(mapping)]

    def at(self, values: Mapping[Any, Any]) -> Any:
        """The answer at a point, from the pieces that hold there."""
        mapping = self._mapping(values)
        held = [p for p in self.pieces if p.holds_at(mapping)]
        if not held:
            raise ParameterError(f"no piece of this answer covers the point {values}")
        return self.combine([p.value for p in held], mapping)

    def subs(self, values: Mapping[Any, Any]) -> Any:
        return self.at(values)

    def compile(self) -> Callable[..., np.ndarray]:
        """A numpy function of the parameters returning, per piece, where it holds.

        The result has shape ``(len(pieces), *broadcast shape)``.
        """
        fns = [compile_expr(p.condition, self.parameters) for p in self.pieces]

        def membership(**values: Any) -> np.ndarray:
            return np.stack([f(**values) for f in fns])

        return membership

    def boundaries(self) -> list[sp.Expr]:
        """The expressions whose zero sets bound the pieces (the thresholds)."""
        found: list[sp.Expr] = []
        for p in self.pieces:
            cond = p.condition
            if not isinstance(cond, sp.Basic):
                continue
            for rel in cond.atoms(sp.Rel):
                expr = sp.factor(sp.simplify(rel.lhs - rel.rhs))
                if expr.is_number:
                    continue
                if not any(sp.simplify(expr - e) == 0 or sp.simplify(expr + e) == 0 for e in found):
                    found.append(expr)
        return found

    def latex(self) -> str:
        rows = []
        for p in self.pieces:
            value = sp.latex(p.value) if isinstance(p.value, sp.Basic) else _latex_text(p.label)
            rows.append(rf"{value} & \text{{if }} {sp.latex(p.condition)}")
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.latex()}$"

    def __repr__(self) -> str:
        lines = [f"PiecewiseAnswer(concept={self.concept!r}, parameters={[s.name for s in self.parameters]})"]
        for p in self.pieces:
            tag = " [boundary]" if p.boundary else ""
            lines.append(f"  {p.label}{tag}  if  {p.condition}")
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _latex_text(label: str) -> str:
    safe = label.replace("\\", "").replace("{", "(").replace("}", ")").replace("_", r"\_")
    return rf"\text{{{safe}}}"


def sequence_label(items: Sequence[str]) -> str:
    return "(" + ", ".join(items) + ")"
