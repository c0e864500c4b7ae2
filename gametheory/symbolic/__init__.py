"""Exact numbers, declared parameters, safe formula parsing and compilation to numpy.

Everything in a game (payoffs, probabilities, discount factors) is a sympy
expression. Numbers are exact ``Rational`` unless the user hands in a Python float,
which is kept as a ``Float`` so that every result built from it can say it is
inexact (:func:`is_exact`).

Formulas in text are parsed by a whitelist over Python's :mod:`ast`, never by
``eval`` or ``sympify`` of raw text.

One idea per module, every name importable from here: ``exact_numbers`` (:func:`exact`,
:func:`is_exact`, :func:`to_fraction`), ``parameters`` (:class:`Parameter`,
:func:`parameter` and the one registry of declarations, :func:`substitute`),
``formulas`` (:func:`parse_formula`) and ``compilation`` (:func:`compile_expr`).

Examples
--------
>>> from gametheory.symbolic import exact, parameter, parse_formula
>>> exact("3/4"), exact(2), exact(0.5)
(3/4, 2, 0.500000000000000)
>>> d = parameter("delta_doc", kind="discount", description="patience")
>>> parse_formula("1/(1 - delta_doc)")
1/(1 - delta_doc)
"""

from __future__ import annotations

from typing import Any

from .compilation import compile_expr
from .exact_numbers import exact, is_exact, to_fraction
from .formulas import parse_formula
from .parameters import (
    KINDS,
    SESSION,
    Parameter,
    declared_parameters,
    free_parameters,
    new_scope,
    parameter,
    parameter_info,
    substitute,
)

__all__ = [
    "exact",
    "is_exact",
    "to_fraction",
    "Parameter",
    "parameter",
    "parameter_info",
    "declared_parameters",
    "new_scope",
    "SESSION",
    "free_parameters",
    "parse_formula",
    "compile_expr",
    "substitute",
    "KINDS",
]

# ------------------------------------------------------------------------ conditions
# The condition kernel lives in :mod:`gametheory.conditions`; these names stay
# importable from here (notebooks and older code use them).

_CONDITION_NAMES = ("canonical_relation", "simplify_condition", "relaxed_feasible")


def __getattr__(name: str) -> Any:
    if name in _CONDITION_NAMES:
        from .. import conditions

        return getattr(conditions, name)
    raise AttributeError(f"module 'gametheory.symbolic' has no attribute {name!r}")
