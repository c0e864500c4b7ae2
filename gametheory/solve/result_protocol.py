"""The protocol every solver's result follows, and results as JSON files.

:class:`Result` is the base of every result class: ``method``, ``exact``, ``warnings``,
``parameters``, ``at(values)``, ``subs(values)``, ``pieces`` and one JSON form with the
same top-level keys everywhere (:data:`JSON_KEYS`) that :meth:`Result.from_json_dict`
reads back, by class name, from :data:`RESULT_TYPES`. :class:`Piece` is one
``(condition, value)`` pair of a piecewise answer; a numeric result is one piece that
holds everywhere. The concrete classes live in :mod:`gametheory.solve.solution`
(equilibria of a game with numbers in) and :mod:`gametheory.solve.piecewise` (answers
with free parameters); :mod:`gametheory.solve.results` gathers them all.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import sympy as sp

from ..errors import ParameterError, ParseError
from ..symbolic import Parameter, free_parameters, parameter_info
from .serialization import decode, encode

__all__ = [
    "JSON_KEYS",
    "RESULT_TYPES",
    "Piece",
    "Result",
    "counted",
    "derived",
    "load_result",
    "number_to_json",
    "save_result",
    "symbol_map",
]

RESULT_TYPES: dict[str, type[Result]] = {}
"""Every result class, by name: what :meth:`Result.from_json_dict` reads."""

JSON_KEYS = ("type", "method", "exact", "warnings", "parameters", "data", "summary")
"""The top-level keys of every result's :meth:`Result.to_json_dict`."""


class derived:
    """A read-only attribute computed from the instance unless the instance (a
    dataclass with a field of that name) stores its own: a non-data descriptor."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn
        self.__doc__ = fn.__doc__

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            # Not a class attribute: a dataclass field of the same name has no default.
            raise AttributeError(self.fn.__name__)
        return self.fn(obj)


def symbol_map(values: Mapping[Any, Any], parameters: Sequence[sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
    """Values keyed by symbol or name, as a map from the result's own symbols, each
    checked against its parameter's kind."""
    by_name = {s.name: s for s in parameters}
    fixed: dict[sp.Symbol, sp.Expr] = {}
    for key, value in values.items():
        if not isinstance(key, str | sp.Symbol):
            raise ParameterError(f"a parameter must be given by symbol or name, got {key!r}")
        name = key if isinstance(key, str) else key.name
        if name not in by_name:
            raise ParameterError(
                f"unknown parameter {name!r}; this result depends on {sorted(by_name)}"
            )
        sym = by_name[name]
        info = parameter_info(sym)
        if info.kind == "real" and not sym.is_real:
            info = Parameter(name)
        fixed[sym] = info.check(value)
    return fixed


def _substituted(value: Any, mapping: Mapping[sp.Symbol, sp.Expr]) -> Any:
    """``value`` with the parameters in ``mapping`` replaced, through containers,
    games (``.subs``), results (``.subs``) and the package's records."""
    if isinstance(value, sp.Basic):
        return value.xreplace(dict(mapping))
    if isinstance(value, Result):
        return value.subs(mapping)
    if isinstance(value, tuple):
        return tuple(_substituted(v, mapping) for v in value)
    if isinstance(value, list):
        return [_substituted(v, mapping) for v in value]
    if isinstance(value, np.ndarray) and value.dtype == object:
        out = np.empty(value.shape, dtype=object)
        out.flat[:] = [_substituted(v, mapping) for v in value.flat]
        return out
    if isinstance(value, Mapping):
        return {_substituted(k, mapping): _substituted(v, mapping) for k, v in value.items()}
    if type(value).__module__.startswith("gametheory.games") and hasattr(value, "subs"):
        mine = {s: v for s, v in mapping.items() if s in set(getattr(value, "parameters", ()))}
        return value.subs(mine) if mine else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields_substituted(value, mapping)
    return value


def _fields_substituted(record: Any, mapping: Mapping[sp.Symbol, sp.Expr]) -> Any:
    changes = {f.name: _substituted(getattr(record, f.name), mapping)
               for f in dataclasses.fields(record) if f.init}
    return dataclasses.replace(record, **changes)


class Result:
    """What every solver's result offers, numeric or symbolic.

    ``method``, ``exact`` and ``warnings`` say how it was found; ``parameters`` are
    the free symbols it depends on (none for a numeric result). ``at(values)`` is the
    result at a point (a numeric result is its own value everywhere), ``subs(values)``
    fixes some parameters and keeps the others free, ``pieces`` and ``is_symbolic``
    let callers treat a numeric result as a piecewise answer of one piece.
    ``to_json_dict()`` has the same top-level keys for every result (:data:`JSON_KEYS`)
    and :meth:`from_json_dict` reads it back; results also pickle.

    Examples
    --------
    >>> import gametheory as gt
    >>> sol = gt.nash(gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    >>> sol.at({}) is sol, sol.is_symbolic, sol.parameters
    (True, False, ())
    >>> back = type(sol).from_json_dict(sol.to_json_dict())
    >>> back.equilibria[0].pure_profile, back.to_json_dict() == sol.to_json_dict()
    (('s2', 's2'), True)
    """

    method: str
    json_excluded: ClassVar[tuple[str, ...]] = ()

    if TYPE_CHECKING:

        @property
        def exact(self) -> bool: ...

        @property
        def warnings(self) -> tuple[str, ...]: ...

    else:
        warnings = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        RESULT_TYPES[cls.__name__] = cls

    def _data(self) -> Mapping[str, Any]:
        if dataclasses.is_dataclass(self):
            return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                    if f.name not in self.json_excluded}
        return {}

    @derived
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The free parameters of the result, sorted by name."""
        return free_parameters(*[v for v in self._data().values() if isinstance(v, sp.Basic | tuple | list | Mapping)])

    @property
    def is_symbolic(self) -> bool:
        """True when the result depends on free parameters."""
        return bool(self.parameters)

    @derived
    def pieces(self) -> tuple[Piece, ...]:
        """The result as a piecewise answer: one piece that holds everywhere."""
        return (Piece(sp.true, self, type(self).__name__),)

    def at(self, values: Mapping[Any, Any]) -> Any:
        """The result at a point: ``self`` when it has no free parameters, else the
        result with every parameter given a value (all must be given)."""
        if not self.parameters:
            return self
        mapping = symbol_map(values, self.parameters)
        missing = [s.name for s in self.parameters if s not in mapping]
        if missing:
            raise ParameterError(f"no value given for parameter(s) {missing}")
        return self.subs(mapping)

    def subs(self, values: Mapping[Any, Any]) -> Any:
        """The result with some parameters given values; the others stay free."""
        if not self.parameters:
            return self
        return _fields_substituted(self, symbol_map(values, self.parameters))

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        """A readable JSON form (numbers as exact text), at most ``limit`` listed items;
        what ``gametheory solve --json`` prints."""
        return {}

    def to_json_dict(self, limit: int | None = None) -> dict[str, Any]:
        """The result as JSON: ``type``, ``method``, ``exact``, ``warnings``,
        ``parameters``, ``data`` (everything, for :meth:`from_json_dict`) and
        ``summary`` (:meth:`summary_json`, limited by ``limit``)."""
        return {
            "type": type(self).__name__,
            "method": self.method,
            "exact": bool(self.exact),
            "warnings": list(self.warnings),
            "parameters": [s.name for s in self.parameters],
            "data": {k: encode(v) for k, v in self._data().items()},
            "summary": self.summary_json(limit),
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> Any:
        """Read a result written by :meth:`to_json_dict` (any result class, by ``type``)."""
        if not isinstance(data, Mapping) or "type" not in data or "data" not in data:
            raise ParseError("a result's JSON needs the keys 'type' and 'data'")
        kind = RESULT_TYPES.get(data["type"])
        if kind is None:
            raise ParseError(f"unknown result type {data['type']!r}; known: {sorted(RESULT_TYPES)}")
        if not issubclass(kind, cls):
            raise ParseError(f"the file holds a {kind.__name__}, not a {cls.__name__}")
        fields = data["data"]
        if not isinstance(fields, Mapping):
            raise ParseError(f"{kind.__name__}: 'data' must be an object of fields")
        return kind._from_state({k: decode(v, f"{kind.__name__}.{k}") for k, v in fields.items()})

    @classmethod
    def _from_state(cls, state: Mapping[str, Any]) -> Any:
        obj = cls.__new__(cls)
        for key, value in state.items():
            object.__setattr__(obj, key, value)
        obj._restore()
        return obj

    def _restore(self) -> None:
        """Rebuild what the JSON form leaves out (see ``json_excluded``)."""

    def to_json(self, limit: int | None = None) -> str:
        return json.dumps(self.to_json_dict(limit))


def save_result(result: Result, path: str | Path) -> None:
    """Write a result to a JSON file that :func:`load_result` reads back."""
    Path(path).write_text(json.dumps(result.to_json_dict(), indent=1) + "\n", encoding="utf-8")


def load_result(path: str | Path) -> Any:
    """Read a result written by :func:`save_result`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg}", str(path), exc.lineno, exc.colno) from None
    return Result.from_json_dict(data)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``"1 equilibrium"``, ``"2 equilibria"``: a count with its noun in the right number."""
    forms = {"equilibrium": "equilibria"}
    many = plural or forms.get(noun, noun + "s")
    return f"{n} {noun if n == 1 else many}"


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
