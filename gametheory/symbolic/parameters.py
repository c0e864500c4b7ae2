"""Declared parameters: kinds, bounds, scoped declarations and substitution.

A parameter is a sympy symbol with assumptions (its kind) and metadata (description,
unit, default, plausible range, source). The registries of declarations live here,
once: :func:`parameter` writes them, :func:`parameter_info` and
:func:`declared_parameters` read them, and formulas
(:mod:`gametheory.symbolic.formulas`) see the declared names by default.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError
from .exact_numbers import exact

__all__ = [
    "KINDS",
    "Parameter",
    "SESSION",
    "new_scope",
    "parameter",
    "parameter_info",
    "declared_parameters",
    "free_parameters",
    "substitute",
]

KINDS: dict[str, dict[str, bool]] = {
    "real": {"real": True},
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "probability": {"nonnegative": True},
    "discount": {"positive": True},
}
"""Assumptions given to the sympy symbol of each kind of parameter.

sympy cannot state an upper bound as an assumption; the bounds of probabilities
([0, 1]) and discount factors ((0, 1)) are kept in :attr:`Parameter.bounds` and
enforced whenever a value is substituted.
"""

_BOUNDS: dict[str, tuple[Any, Any, bool, bool]] = {
    # low, high, low inclusive, high inclusive
    "real": (None, None, False, False),
    "positive": (0, None, False, False),
    "nonnegative": (0, None, True, False),
    "probability": (0, 1, True, True),
    "discount": (0, 1, False, False),
}


@dataclass(frozen=True)
class Parameter:
    """A declared parameter: a sympy symbol with assumptions and metadata.

    Attributes
    ----------
    name, kind
        The symbol's name and its kind (a key of :data:`KINDS`).
    description, unit, source
        What it means, in what unit, and where its value comes from.
    default
        The value used when nothing else is given (exact where possible).
    plausible_range
        ``(low, high)`` over which analyses vary it when no source pins it down.
    latex_name
        How formulas print it in LaTeX (``r"\\delta"``); by default sympy's rendering
        of the name.
    declared_in
        The module whose code declared it first (``__name__`` of the caller of
        :func:`parameter`), so that a model's parameters are told from a symbol of the
        same name that other code declares.
    """

    name: str
    kind: str = "real"
    description: str = ""
    unit: str = ""
    default: sp.Expr | None = None
    plausible_range: tuple[sp.Expr, sp.Expr] | None = None
    source: str = ""
    latex_name: str = ""
    declared_in: str = field(default="", repr=False, compare=False)
    symbol: sp.Symbol = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ParameterError(
                f"parameter {self.name!r}: unknown kind {self.kind!r}; "
                f"expected one of {sorted(KINDS)}"
            )
        object.__setattr__(self, "symbol", sp.Symbol(self.name, **KINDS[self.kind]))
        if self.default is not None:
            object.__setattr__(self, "default", exact(self.default, where=f"default of {self.name}"))
            self.check(self.default)
        if self.plausible_range is not None:
            low, high = (exact(v, where=f"range of {self.name}") for v in self.plausible_range)
            if not bool(low <= high):
                raise ParameterError(f"parameter {self.name!r}: range ({low}, {high}) is empty")
            self.check(low)
            self.check(high)
            object.__setattr__(self, "plausible_range", (low, high))

    @property
    def bounds(self) -> tuple[Any, Any, bool, bool]:
        """``(low, high, low_inclusive, high_inclusive)`` implied by the kind."""
        return _BOUNDS[self.kind]

    def check(self, value: Any) -> sp.Expr:
        """Return ``value`` as an exact number, or raise if it is outside the kind's bounds."""
        v = exact(value, where=f"value of {self.name}")
        if not v.is_number:
            return v
        if v.is_real is False:
            raise ParameterError(f"parameter {self.name!r} ({self.kind}) must be real, got {v}")
        low, high, low_in, high_in = self.bounds
        bad = (low is not None and (v < low or (v == low and not low_in))) or (
            high is not None and (v > high or (v == high and not high_in))
        )
        if bad:
            lo = ("[" if low_in else "(") + ("-oo" if low is None else str(low))
            hi = ("oo" if high is None else str(high)) + ("]" if high_in else ")")
            raise ParameterError(
                f"parameter {self.name!r} ({self.kind}) must lie in {lo}, {hi}; got {v}"
            )
        return v

    def latex(self) -> str:
        """The parameter's LaTeX name."""
        return self.latex_name or sp.latex(self.symbol)


_REGISTRY: dict[str, Parameter] = {}
"""The latest declaration of each name: what formulas see by default."""
_SCOPES: dict[tuple[str, str], Parameter] = {}
"""Every declaration by (scope, name)."""
_BY_SYMBOL: dict[sp.Symbol, Parameter] = {}
"""The declaration behind each symbol (a name declared with kinds of different sympy
assumptions gives different symbols, each with its own bounds)."""

SESSION = "session"
"""The scope of declarations made in Python code (notebooks, models)."""

_SCOPE_COUNT = itertools.count(1)


def new_scope(label: str) -> str:
    """A fresh declaration scope (for one game file read), named after ``label``.

    >>> new_scope("game.json") != new_scope("game.json")
    True
    """
    return f"{label}#{next(_SCOPE_COUNT)}"


def parameter(
    name: str,
    kind: str = "real",
    *,
    description: str = "",
    unit: str = "",
    default: Any = None,
    plausible_range: tuple[Any, Any] | None = None,
    source: str = "",
    latex: str = "",
    scope: str = SESSION,
) -> sp.Symbol:
    """Declare a parameter and return its sympy symbol.

    Declarations are scoped: Python code declares in the :data:`SESSION` scope, each game
    file read in its own. Declaring a name again in the same scope with the same kind
    returns the same symbol (metadata given again replaces the old); with a different
    kind it raises :class:`~gametheory.errors.ParameterError`. Another scope may declare
    the name with another kind: the two are different sympy symbols (a game from one
    file and a game from the other each keep their own bounds), unless the two kinds
    share their sympy assumptions but not their bounds (``probability`` and
    ``nonnegative``, ``discount`` and ``positive``), which is an error.

    Examples
    --------
    >>> p = parameter("p_doc", kind="probability", default="1/2", plausible_range=(0, 1))
    >>> parameter_info(p).default
    1/2
    >>> parameter("p_doc", kind="positive")
    Traceback (most recent call last):
    ...
    gametheory.errors.ParameterError: parameter 'p_doc' is already declared as probability; cannot redeclare it as positive
    >>> other = parameter("p_doc", kind="real", scope="other.json")
    >>> other == p, parameter_info(other).kind, parameter_info(p).kind
    (False, 'real', 'probability')
    """
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        raise ParameterError(
            f"parameter name {name!r} must be an identifier that does not start with '_'"
        )
    old = _SCOPES.get((scope, name))
    if old is not None and old.kind != kind:
        where = "" if scope == SESSION else f" in {scope}"
        raise ParameterError(
            f"parameter {name!r} is already declared as {old.kind}{where}; cannot redeclare it as {kind}"
        )
    new = Parameter(
        name,
        kind,
        description=description,
        unit=unit,
        default=default,
        plausible_range=plausible_range,
        source=source,
        latex_name=latex,
        declared_in=sys._getframe(1).f_globals.get("__name__", ""),
    )
    if old is not None:
        # Keep metadata that the new declaration does not repeat.
        new = replace(
            old,
            description=description or old.description,
            unit=unit or old.unit,
            default=new.default if new.default is not None else old.default,
            plausible_range=new.plausible_range or old.plausible_range,
            source=source or old.source,
            latex_name=latex or old.latex_name,
        )
    same_symbol = _BY_SYMBOL.get(new.symbol)
    if same_symbol is not None and same_symbol.bounds != new.bounds:
        raise ParameterError(
            f"parameter {name!r} is declared elsewhere as {same_symbol.kind} and here as {kind}: "
            f"sympy cannot tell the two apart (same assumptions, different bounds); rename one"
        )
    _SCOPES[scope, name] = new
    _REGISTRY[name] = new
    _BY_SYMBOL[new.symbol] = new
    return new.symbol


def parameter_info(symbol: sp.Symbol | str) -> Parameter:
    """The declared :class:`Parameter` of a symbol (or, by name, the latest declaration);
    an undeclared symbol is real, positive or nonnegative as its assumptions say."""
    if isinstance(symbol, sp.Symbol) and symbol in _BY_SYMBOL:
        return _BY_SYMBOL[symbol]
    name = symbol if isinstance(symbol, str) else symbol.name
    if name in _REGISTRY:
        return _REGISTRY[name]
    if isinstance(symbol, sp.Symbol):
        kind = "real"
        if symbol.is_positive:
            kind = "positive"
        elif symbol.is_nonnegative:
            kind = "nonnegative"
        return Parameter(name, kind)
    raise ParameterError(f"no parameter named {name!r} has been declared")


def declared_parameters() -> dict[str, Parameter]:
    """A copy of the registry of declared parameters, by name."""
    return dict(_REGISTRY)


def free_parameters(*values: Any) -> tuple[sp.Symbol, ...]:
    """The free symbols of the given values, sorted by name."""
    found: set[sp.Symbol] = set()
    for value in values:
        if isinstance(value, sp.Basic):
            found |= {s for s in value.free_symbols if isinstance(s, sp.Symbol)}
        elif isinstance(value, np.ndarray) and value.dtype == object:
            found |= set(free_parameters(*value.flat))
        elif isinstance(value, Mapping):
            found |= set(free_parameters(*value.values()))
        elif isinstance(value, tuple | list):
            found |= set(free_parameters(*value))
    return tuple(sorted(found, key=lambda s: s.name))


def substitute(expr: Any, values: Mapping[Any, Any]) -> Any:
    """Substitute parameter values (keyed by symbol or name), checking each against its kind."""
    mapping = _value_map(values)
    if isinstance(expr, sp.Basic):
        return expr.xreplace(mapping)
    return expr


def _value_map(values: Mapping[Any, Any]) -> dict[sp.Symbol, sp.Expr]:
    mapping: dict[sp.Symbol, sp.Expr] = {}
    for key, value in values.items():
        if isinstance(key, str):
            info = parameter_info(key) if key in _REGISTRY else Parameter(key)
            sym = info.symbol
        elif isinstance(key, sp.Symbol):
            info = parameter_info(key)
            sym = key
        else:
            raise ParameterError(f"a parameter must be given by symbol or name, got {key!r}")
        mapping[sym] = info.check(value)
    return mapping
