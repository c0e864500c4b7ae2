"""Comparative statics: how a threshold moves with each parameter, and in which direction.

The derivative of a threshold with respect to each parameter is simplified under the
parameters' assumptions, and its sign is decided where sympy can: the kind of each
parameter (positive, a probability in [0, 1], a discount factor in (0, 1)) is made
available to sympy by writing a bounded parameter as a function of an unbounded
positive one (``p = t / (1 + t)`` maps ``t > 0`` onto ``(0, 1)``), so that the sign
holds on the interior of every parameter's range.

Examples
--------
>>> import gametheory as gt
>>> T, R, P = (gt.parameter(n, "positive") for n in ("T_cs", "R_cs", "P_cs"))
>>> cs = comparative_statics((T - R) / (T - P), [R], name="the patience threshold")
>>> cs[R].derivative, cs[R].sign
(1/(P_cs - T_cs), 'undetermined')
>>> q = gt.parameter("q_cs", "probability", description="verification quality")
>>> cs = comparative_statics(1 / (1 + q), name="the patience threshold")
>>> cs.sentences()
['the patience threshold falls as verification quality (q_cs) rises']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..conditions import sign_class
from ..errors import NotApplicableError, ParameterError
from ..solve.results import Result
from ..symbolic import free_parameters, parameter_info

__all__ = ["comparative_statics", "ComparativeStatics", "Effect"]


@dataclass(frozen=True)
class Effect:
    """The effect of one parameter on an expression.

    Attributes
    ----------
    parameter
        The parameter's symbol.
    derivative
        The simplified partial derivative.
    sign
        ``"positive"``, ``"negative"``, ``"zero"``, ``"nonnegative"``,
        ``"nonpositive"`` or ``"undetermined"`` (on the interior of the parameters'
        ranges).
    sentence
        The effect in words.
    """

    parameter: sp.Symbol
    derivative: sp.Expr
    sign: str
    sentence: str

    @property
    def direction(self) -> int | None:
        """+1 (rises with the parameter), -1 (falls), 0 (no effect) or None (undecided)."""
        return {"positive": 1, "negative": -1, "zero": 0}.get(self.sign)


@dataclass(frozen=True)
class ComparativeStatics(Result):
    """Derivatives of an expression with respect to each parameter, with their signs."""

    expression: sp.Expr
    name: str
    effects: tuple[Effect, ...]
    method: str = "symbolic differentiation; signs under the parameters' assumptions"
    exact: bool = True
    warnings: tuple[str, ...] = ()

    def __getitem__(self, key: sp.Symbol | str) -> Effect:
        name = key.name if isinstance(key, sp.Symbol) else key
        for e in self.effects:
            if e.parameter.name == name:
                return e
        raise ParameterError(
            f"no effect of {name!r} computed; parameters are {[e.parameter.name for e in self.effects]}"
        )

    def __iter__(self) -> Iterator[Effect]:
        return iter(self.effects)

    def __len__(self) -> int:
        return len(self.effects)

    def sentences(self) -> list[str]:
        return [e.sentence for e in self.effects]

    def signs(self) -> dict[str, str]:
        return {e.parameter.name: e.sign for e in self.effects}

    def latex(self) -> str:
        rows = [
            rf"\frac{{\partial}}{{\partial {sp.latex(e.parameter)}}} &= {sp.latex(e.derivative)}"
            for e in self.effects
        ]
        return r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        effects = self.effects if limit is None else self.effects[:limit]
        return {
            "expression": str(self.expression),
            "effects": [
                {"parameter": e.parameter.name, "derivative": str(e.derivative), "sign": e.sign,
                 "sentence": e.sentence}
                for e in effects
            ],
            "exact": self.exact,
            "warnings": list(self.warnings),
        }

    def __repr__(self) -> str:
        lines = [f"ComparativeStatics({self.name}: {self.expression})"]
        lines += [f"  d/d{e.parameter.name} = {e.derivative}   [{e.sign}]" for e in self.effects]
        return "\n".join(lines)


def _describe(symbol: sp.Symbol) -> str:
    info = parameter_info(symbol)
    return f"{info.description} ({symbol.name})" if info.description else symbol.name


def comparative_statics(
    expr: Any, parameters: Iterable[sp.Symbol | str] | None = None, *, name: str = "the threshold"
) -> ComparativeStatics:
    """Derivatives of an expression (typically a threshold) with respect to parameters.

    Parameters
    ----------
    expr
        A sympy expression, for instance a threshold on the discount factor.
    parameters
        Symbols or names to differentiate by (default: every free parameter).
    name
        How the sentences call the expression (``"the patience threshold"``).

    Returns
    -------
    ComparativeStatics
        One :class:`Effect` per parameter: the simplified derivative, its sign on the
        interior of the parameters' ranges where sympy can decide it, and a sentence.
    """
    if isinstance(expr, sp.logic.boolalg.Boolean):
        raise NotApplicableError(
            "comparative statics apply to an expression (a threshold), not a condition; "
            "pass the threshold itself, e.g. the right-hand side of delta >= threshold"
        )
    if not isinstance(expr, sp.Expr):
        try:
            expr = sp.sympify(expr, strict=True)
        except (sp.SympifyError, TypeError):
            raise NotApplicableError(f"expected a sympy expression, got {type(expr).__name__}") from None
    free = free_parameters(expr)
    by_name = {s.name: s for s in free}
    if parameters is None:
        chosen = list(free)
    else:
        chosen = []
        for p in parameters:
            pname = p.name if isinstance(p, sp.Symbol) else str(p)
            sym = by_name.get(pname)
            if sym is None:
                sym = p if isinstance(p, sp.Symbol) else parameter_info(pname).symbol
            chosen.append(sym)
    effects = []
    for sym in chosen:
        d = sp.simplify(sp.diff(expr, sym))
        sign = sign_class(d)
        what = _describe(sym)
        if sign == "zero":
            sentence = f"{name} does not depend on {what}"
        elif sign in ("positive", "negative"):
            verb = "rises" if sign == "positive" else "falls"
            sentence = f"{name} {verb} as {what} rises"
        elif sign in ("nonnegative", "nonpositive"):
            verb = "never falls" if sign == "nonnegative" else "never rises"
            sentence = f"{name} {verb} as {what} rises"
        else:
            sentence = (
                f"the sign of the effect of {what} on {name} is the sign of {sp.factor(d)}, "
                "which sympy cannot decide from the assumptions"
            )
        effects.append(Effect(sym, d, sign, sentence))
    warnings = tuple(
        f"sign of d/d{e.parameter.name} depends on the other parameters" for e in effects if e.sign == "undetermined"
    )
    return ComparativeStatics(
        expression=expr,
        name=name,
        effects=tuple(effects),
        exact=not expr.has(sp.Float),
        warnings=warnings,
    )
