"""The one way games read a number or formula given by the user, and how they stay frozen.

Game constructors accept numbers (made exact), sympy expressions, and text that is
either a number (``"3/4"``, ``"0.25"``) or a formula over declared parameters
(``"2*tour_gain - 1"``): :func:`number_or_formula` reads them all the same way.
:class:`Frozen` makes a game class immutable once its constructor has returned, and
:class:`FrozenMapping` is the read-only (and, unlike ``MappingProxyType``, picklable)
mapping its tables are kept in.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import FrozenInstanceError
from typing import Any

import sympy as sp

from ..errors import ParameterError
from ..symbolic import declared_parameters, exact, parse_formula

__all__ = ["Frozen", "FrozenMapping", "number_or_formula"]


def number_or_formula(value: Any, where: str, names: Mapping[str, sp.Symbol] | None = None) -> sp.Expr:
    """Read ``value`` as an exact number, or as a formula when it is text that is no number.

    Parameters
    ----------
    value
        A number, a sympy expression, or text.
    where
        What the value is, for error messages (e.g. ``"prior of weak"``).
    names
        Names a formula may use besides the declared parameters (e.g. ``{"u1": U1}``).

    Examples
    --------
    >>> number_or_formula("0.25", "a share")
    1/4
    >>> number_or_formula("2*u + 1", "a frontier", {"u": sp.Symbol("u")})
    2*u + 1
    """
    if not isinstance(value, str):
        return exact(value, where=where)
    try:
        return exact(value)
    except ParameterError:
        table = {n: p.symbol for n, p in declared_parameters().items()}
        table.update(names or {})
        return parse_formula(value, table, source=where)


class _FreezeOnCreation(type):
    # Freezes after the whole constructor chain, subclasses' included, has run.
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        instance = super().__call__(*args, **kwargs)
        object.__setattr__(instance, "_frozen", True)
        return instance


class Frozen(metaclass=_FreezeOnCreation):
    """Base of the game classes that are not dataclasses: no attribute changes after creation.

    Assigning or deleting an attribute of a finished game raises
    :class:`dataclasses.FrozenInstanceError`, as a frozen dataclass does; a game's
    ``subs`` and ``with_*`` methods return new games instead.

    Examples
    --------
    >>> class Point(Frozen):
    ...     def __init__(self, x):
    ...         self.x = x
    >>> p = Point(1)
    >>> p.x = 2
    Traceback (most recent call last):
    ...
    dataclasses.FrozenInstanceError: cannot assign to field 'x' of a Point: games are immutable
    """

    __slots__ = ("_frozen",)

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_frozen", False):
            raise FrozenInstanceError(
                f"cannot assign to field {name!r} of a {type(self).__name__}: games are immutable"
            )
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if getattr(self, "_frozen", False):
            raise FrozenInstanceError(
                f"cannot delete field {name!r} of a {type(self).__name__}: games are immutable"
            )
        object.__delattr__(self, name)


class FrozenMapping(Mapping[Any, Any]):
    """A read-only mapping: a game's table that no caller can change.

    Equal to a dict with the same items; picklable, so games cross process boundaries.

    Examples
    --------
    >>> m = FrozenMapping({"a": 1})
    >>> m == {"a": 1}, m["a"]
    (True, 1)
    >>> m["b"] = 2
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenMapping' object does not support item assignment
    """

    __slots__ = ("_data",)
    _data: dict[Any, Any]

    def __init__(self, data: Mapping[Any, Any] | None = None) -> None:
        object.__setattr__(self, "_data", dict(data or {}))

    def __getitem__(self, key: Any) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError("a FrozenMapping cannot change")

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMapping, (self._data,))
