"""Compilation of expressions and conditions to numpy functions that broadcast."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError
from .parameters import free_parameters

__all__ = ["compile_expr"]


def compile_expr(
    expr: Any, parameters: Iterable[sp.Symbol | str] | None = None
) -> Callable[..., np.ndarray]:
    """Compile an expression or condition to a numpy function that broadcasts.

    The function takes the parameters as keyword arguments (by name) and returns an
    array of the broadcast shape of its inputs, also when the expression is constant.

    Examples
    --------
    >>> a, b = sp.symbols("a b", real=True)
    >>> f = compile_expr(sp.And(a > b, a > 0), [a, b])
    >>> f(a=np.array([1.0, -1.0, 2.0]), b=0.0).tolist()
    [True, False, True]
    >>> compile_expr(sp.Integer(3), [a])(a=np.zeros(2)).tolist()
    [3.0, 3.0]
    """
    expr = sp.sympify(expr) if isinstance(expr, bool | int) else expr
    if parameters is None:
        symbols = list(free_parameters(expr))
    else:
        symbols = [sp.Symbol(p) if isinstance(p, str) else p for p in parameters]
    names = [s.name for s in symbols]
    missing = set(free_parameters(expr)) - set(symbols)
    if missing:
        raise ParameterError(
            "cannot compile: no value for " + ", ".join(sorted(s.name for s in missing))
        )
    dummies = [sp.Dummy(n) for n in names]
    body = expr.xreplace(dict(zip(symbols, dummies)))
    is_bool = isinstance(body, sp.logic.boolalg.Boolean)
    fn = sp.lambdify(dummies, body, modules="numpy")

    def compiled(**values: Any) -> np.ndarray:
        unknown = set(values) - set(names)
        if unknown:
            raise ParameterError(
                f"unknown parameter(s) {sorted(unknown)}; the expression takes {names}"
            )
        absent = [n for n in names if n not in values]
        if absent:
            raise ParameterError(f"no value given for parameter(s) {absent}")
        arrays = [np.asarray(values[n], dtype=float) for n in names]
        shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.asarray(fn(*arrays))
        out = np.broadcast_to(out, shape)
        return out.astype(bool) if is_bool else out.astype(float)

    compiled.__name__ = "compiled"
    compiled.__doc__ = f"numpy function of ({', '.join(names)}) computing {expr}"
    return compiled
