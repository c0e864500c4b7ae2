"""Exact numbers: the sympy number of a value, exact where the input is exact.

Everything in a game (payoffs, probabilities, discount factors) is a sympy
expression. Numbers are exact ``Rational`` unless the user hands in a Python float,
which is kept as a ``Float`` so that every result built from it can say it is
inexact (:func:`is_exact`); :func:`to_fraction` turns a number into a
:class:`~fractions.Fraction` (or a float) for fast loops.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError

__all__ = ["exact", "is_exact", "to_fraction"]


def exact(value: Any, *, where: str | None = None) -> sp.Expr:
    """Convert a number to a sympy number, exactly where the input is exact.

    ints, ``"p/q"`` or decimal strings, :class:`~fractions.Fraction` and sympy
    rationals become ``Rational``; a Python or numpy float stays a ``Float``; a sympy
    expression is returned as it is.

    Parameters
    ----------
    value
        The number.
    where
        Said in the error message when the value is not a number (for instance
        ``"payoff of Row at (Up, Left)"``).

    Examples
    --------
    >>> exact("-2/6"), exact(Fraction(1, 3)), exact("0.25")
    (-1/3, 1/3, 1/4)
    """
    at = f" ({where})" if where else ""
    if isinstance(value, bool | np.bool_):
        raise ParameterError(f"expected a number{at}, got the boolean {value!r}")
    if isinstance(value, sp.Basic):
        if isinstance(value, sp.Expr):
            if value.is_number and value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                raise ParameterError(f"expected a finite number{at}, got {value}")
            return value
        raise ParameterError(f"expected a number or expression{at}, got {value!r}")
    if isinstance(value, int | np.integer):
        return sp.Integer(int(value))
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            raise ParameterError(f"expected a finite number{at}, got {value!r}")
        return sp.Float(float(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            f = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ParameterError(
                f"expected a number such as '3', '-3/4' or '0.25'{at}, got {value!r}"
            ) from None
        return sp.Rational(f.numerator, f.denominator)
    if isinstance(value, numbers.Rational):
        return sp.Rational(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):
        return exact(float(value), where=where)
    raise ParameterError(f"expected a number{at}, got {type(value).__name__} {value!r}")


def is_exact(*values: Any) -> bool:
    """True when no value contains a floating-point number.

    >>> is_exact(sp.Rational(1, 3), 2), is_exact(sp.Float(0.5))
    (True, False)
    """
    for value in values:
        if isinstance(value, float | np.floating):
            return False
        if isinstance(value, sp.Basic):
            if value.has(sp.Float):
                return False
        elif isinstance(value, np.ndarray) and value.dtype == object:
            if not all(is_exact(v) for v in value.flat):
                return False
        elif isinstance(value, np.ndarray):
            if np.issubdtype(value.dtype, np.floating):
                return False
        elif isinstance(value, Mapping):
            if not is_exact(*value.values()):
                return False
        elif isinstance(value, tuple | list):
            if not is_exact(*value):
                return False
    return True


def to_fraction(value: sp.Expr) -> Fraction | float:
    """A numeric sympy value as a Fraction (exact) or a float (inexact), for fast loops."""
    if isinstance(value, sp.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, sp.Float):
        return float(value)
    if isinstance(value, sp.Expr) and value.is_number:
        return float(value)
    raise ParameterError(f"expected a number, got the expression {value}")
