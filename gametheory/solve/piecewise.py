"""Answers for games with free parameters: :class:`PiecewiseAnswer`.

A solver given a game with free parameters returns a list of ``(condition, value)``
pieces (:class:`~gametheory.solve.result_protocol.Piece`) that covers the parameter
space. The answer evaluates at a point, fixes some parameters and keeps the others
free, compiles to numpy, lists its boundaries (thresholds) and prints as LaTeX.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from ..conditions import simplify_condition
from ..errors import ParameterError
from ..symbolic import compile_expr, is_exact, parameter_info
from .result_protocol import Piece, Result, symbol_map

__all__ = ["FixedCombine", "PiecewiseAnswer"]

def _default_combine(values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> Any:
    subbed = [v.xreplace(dict(mapping)) if isinstance(v, sp.Basic) else v for v in values]
    if len(subbed) == 1:
        return subbed[0]
    return tuple(subbed)


@dataclass(frozen=True)
class FixedCombine:
    """The combine step of an answer some of whose parameters were fixed by
    :meth:`PiecewiseAnswer.subs`: the fixed values join every later point."""

    combine: Callable[[list[Any], Mapping[sp.Symbol, sp.Expr]], Any]
    fixed: Mapping[sp.Symbol, sp.Expr]

    def __call__(self, values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> Any:
        return self.combine(values, {**self.fixed, **mapping})


@dataclass(frozen=True)
class PiecewiseAnswer(Result):
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
        fixed = symbol_map(values, self.parameters)
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
        """The answer with some parameters fixed: the answer at a point when all are
        given, else a piecewise answer in the others (pieces that cannot hold dropped)."""
        mapping = symbol_map(values, self.parameters)
        if all(s in mapping for s in self.parameters):
            return self.at(mapping)
        pieces = []
        for p in self.pieces:
            cond = simplify_condition(p.condition.xreplace(mapping))
            if cond is not sp.false:
                pieces.append(Piece(cond, p.value, p.label, p.boundary))
        return dataclasses.replace(
            self,
            pieces=tuple(pieces),
            parameters=tuple(s for s in self.parameters if s not in mapping),
            combine=FixedCombine(self.combine, mapping),
        )

    @property
    def is_symbolic(self) -> bool:
        return True

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        pieces = self.pieces if limit is None else self.pieces[:limit]
        return {
            "concept": self.concept,
            "parameters": [s.name for s in self.parameters],
            "pieces": [
                {"condition": str(p.condition), "label": p.label, "boundary": p.boundary} for p in pieces
            ],
        }

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

    def latex(self, symbol_names: Mapping[Any, str] | None = None, *, ties: bool = True) -> str:
        r"""The answer as a LaTeX ``cases`` environment (for math mode).

        Parameters
        ----------
        symbol_names
            LaTeX for symbols, keyed by symbol or name; by default each parameter's
            declared ``latex`` name (``parameter("delta", latex=r"\delta")``).
        ties
            False leaves out the pieces that lie on a tie (an equality of payoffs).

        Labels are set in text mode with LaTeX's own names for ``<``, ``>`` and the
        other characters that default fonts print wrongly.

        Examples
        --------
        >>> x = sp.Symbol("x_tex", real=True)
        >>> ans = PiecewiseAnswer("demo", (Piece(x > 0, "Out > In", "Out > In"),
        ...                                Piece(sp.Eq(x, 0), "tie", "tie", True)), (x,))
        >>> print(ans.latex({"x_tex": r"\xi"}, ties=False))
        \begin{cases}
        \text{Out \textgreater{} In} & \text{if } \xi > 0
        \end{cases}
        """
        names = _latex_names(self.parameters, symbol_names)
        rows = []
        for p in self.pieces:
            if p.boundary and not ties:
                continue
            if isinstance(p.value, sp.Basic):
                value = sp.latex(p.value, symbol_names=names)
            else:
                value = _latex_text(p.label)
            rows.append(rf"{value} & \text{{if }} {sp.latex(p.condition, symbol_names=names)}")
        return "\\begin{cases}\n" + " \\\\\n".join(rows) + "\n\\end{cases}"

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.latex()}$"

    def __repr__(self) -> str:
        lines = [f"PiecewiseAnswer(concept={self.concept!r}, parameters={[s.name for s in self.parameters]})"]
        for p in self.pieces:
            tag = " [boundary]" if p.boundary else ""
            lines.append(f"  {p.label}{tag}  if  {p.condition}")
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "_": r"\_", "&": r"\&", "%": r"\%",
    "$": r"\$", "#": r"\#", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
    ">": r"\textgreater{}", "<": r"\textless{}", "|": r"\textbar{}",
}


def _latex_text(label: str) -> str:
    """A label in ``\text{...}`` that compiles under LaTeX's default (OT1) fonts, where a
    bare ``>`` prints as an inverted question mark."""
    return r"\text{" + "".join(_TEXT_ESCAPES.get(ch, ch) for ch in label) + "}"


def _latex_names(parameters: Sequence[sp.Symbol], given: Mapping[Any, str] | None) -> dict[sp.Symbol, str]:
    names: dict[sp.Symbol, str] = {}
    for sym in parameters:
        declared = parameter_info(sym).latex_name
        if declared:
            names[sym] = declared
    for key, tex in (given or {}).items():
        if isinstance(key, sp.Symbol):
            names[key] = tex
        else:
            names.update({s: tex for s in parameters if s.name == key})
    return names
