"""Results as JSON and back: a tagged tree of exact numbers, sympy expressions,
containers, numpy arrays and the package's own records.

A sympy expression is written as its expression tree (``{"sympy": "Add", "args": [...]}``,
numbers as exact text), never as text to be parsed or evaluated; a record of this
package (a result, an equilibrium, a game) as its class path and its fields. Reading
builds only sympy classes and classes defined in ``gametheory`` (no code is executed),
so a result file is as safe to read as a game file.

Examples
--------
>>> import sympy as sp
>>> d = sp.Symbol("d_ser", positive=True)
>>> tree = encode((sp.Rational(1, 3) * d, {"a": [1.5, None]}))
>>> decode(tree) == (d / 3, {"a": [1.5, None]})
True
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp
from sympy.core import numbers as _numbers
from sympy.core import relational as _relational
from sympy.logic import boolalg as _boolalg
from sympy.sets import fancysets as _fancysets
from sympy.sets import sets as _sets

from ..errors import ParseError

__all__ = ["encode", "decode"]

_PACKAGE = "gametheory."


def _sympy_classes() -> dict[str, type]:
    out: dict[str, type] = {}
    for space in (sp, _numbers, _relational, _boolalg, _sets, _fancysets):
        for name in dir(space):
            obj = getattr(space, name)
            if isinstance(obj, type) and issubclass(obj, sp.Basic):
                out.setdefault(obj.__name__, obj)
    return out


_SYMPY = _sympy_classes()


def _path(obj: Any) -> str:
    cls = obj if isinstance(obj, type) else type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _resolve(path: str, where: str) -> Any:
    if not path.startswith(_PACKAGE) or "<" in path:
        raise ParseError(f"{where}: {path!r} is not a gametheory name; refusing to load it")
    module, _, name = path.rpartition(".")
    try:
        obj = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise ParseError(f"{where}: no {path!r} in this version of gametheory") from None
    return obj


def _state(obj: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(obj):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if hasattr(obj, f.name)}
    state = dict(getattr(obj, "__dict__", {}))
    for cls in type(obj).__mro__:
        for slot in getattr(cls, "__slots__", ()):
            if slot not in ("__dict__", "__weakref__") and hasattr(obj, slot):
                state[slot] = getattr(obj, slot)
    return state


def _encode_sympy(expr: sp.Basic) -> Any:
    if isinstance(expr, sp.Integer):
        return {"sympy": "Integer", "value": str(int(expr))}
    if isinstance(expr, sp.Rational):
        return {"sympy": "Rational", "value": f"{expr.p}/{expr.q}"}
    if isinstance(expr, sp.Float):
        return {"sympy": "Float", "mpf": [int(v) for v in expr._mpf_], "precision": expr._prec}
    if isinstance(expr, sp.Dummy):
        return {"sympy": "Dummy", "name": expr.name, "assumptions": dict(expr.assumptions0)}
    if isinstance(expr, sp.Symbol):
        return {"sympy": "Symbol", "name": expr.name, "assumptions": dict(expr.assumptions0)}
    name: str = type(expr).__name__
    if _SYMPY.get(name) is not type(expr):
        raise ParseError(f"cannot write the sympy object {expr} ({name}) as JSON")
    args: tuple[Any, ...] = getattr(expr, "args", ())
    return {"sympy": name, "args": [_encode_sympy(a) for a in args]}


def _decode_sympy(tree: Mapping[str, Any]) -> sp.Basic:
    name = tree["sympy"]
    if name == "Integer":
        return sp.Integer(int(tree["value"]))
    if name == "Rational":
        f = Fraction(tree["value"])
        return sp.Rational(f.numerator, f.denominator)
    if name == "Float":
        sign, man, exp, bc = tree["mpf"]
        return sp.Float(mpmath.mpf((sign, man, exp, bc)), precision=tree["precision"])
    if name in ("Symbol", "Dummy"):
        cls = sp.Symbol if name == "Symbol" else sp.Dummy
        return cls(tree["name"], **{k: v for k, v in tree["assumptions"].items() if v is not None})
    cls = _SYMPY.get(name)
    if cls is None:
        raise ParseError(f"unknown sympy class {name!r} in a result file")
    return cls(*[_decode_sympy(a) for a in tree["args"]])


def encode(value: Any) -> Any:
    """A JSON-compatible tree for ``value`` (see the module's description)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if np.isfinite(value) else {"float": repr(value)}
    if isinstance(value, sp.Basic):
        return _encode_sympy(value)
    if isinstance(value, np.generic):
        return encode(value.item())
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return {"ndarray": [encode(v) for v in value.flat], "shape": list(value.shape), "dtype": "object"}
        return {"ndarray": [encode(v) for v in value.ravel().tolist()], "shape": list(value.shape),
                "dtype": value.dtype.str}
    if isinstance(value, Fraction):
        return {"fraction": str(value)}
    if isinstance(value, tuple):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, frozenset | set):
        kind = "frozenset" if isinstance(value, frozenset) else "set"
        return {kind: [encode(v) for v in value]}
    if isinstance(value, functools.partial) and not value.keywords:
        return {"partial": encode(value.func), "args": [encode(a) for a in value.args]}
    if isinstance(value, type) and value.__module__.startswith(_PACKAGE):
        return {"class": _path(value)}
    if callable(value) and getattr(value, "__module__", "").startswith(_PACKAGE) and hasattr(value, "__qualname__") \
            and not isinstance(value, type) and "." not in value.__qualname__ and not dataclasses.is_dataclass(value):
        return {"function": f"{value.__module__}.{value.__qualname__}"}
    if type(value).__module__.startswith(_PACKAGE):
        return {"object": _path(value), "state": {k: encode(v) for k, v in _state(value).items()}}
    if isinstance(value, Mapping):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    raise ParseError(f"cannot write a {type(value).__name__} as JSON: {value!r:.80}")


def decode(tree: Any, where: str = "result") -> Any:
    """The value that :func:`encode` wrote."""
    if tree is None or isinstance(tree, bool | int | float | str):
        return tree
    if isinstance(tree, list):
        return [decode(v, where) for v in tree]
    if not isinstance(tree, Mapping) or len(tree) == 0:
        raise ParseError(f"{where}: unexpected JSON value {tree!r:.80}")
    if "sympy" in tree:
        return _decode_sympy(tree)
    if "float" in tree:
        return float(tree["float"])
    if "fraction" in tree:
        return Fraction(tree["fraction"])
    if "tuple" in tree:
        return tuple(decode(v, where) for v in tree["tuple"])
    if "set" in tree:
        return {decode(v, where) for v in tree["set"]}
    if "frozenset" in tree:
        return frozenset(decode(v, where) for v in tree["frozenset"])
    if "dict" in tree:
        return {decode(k, where): decode(v, where) for k, v in tree["dict"]}
    if "ndarray" in tree:
        items = [decode(v, where) for v in tree["ndarray"]]
        if tree["dtype"] == "object":
            arr = np.empty(len(items), dtype=object)
            arr[:] = items
            return arr.reshape(tree["shape"])
        return np.array(items, dtype=np.dtype(tree["dtype"])).reshape(tree["shape"])
    if "partial" in tree:
        fn = decode(tree["partial"], where)
        if not callable(fn):
            raise ParseError(f"{where}: a partial of something that is not a function")
        return functools.partial(fn, *[decode(a, where) for a in tree["args"]])
    if "class" in tree:
        return _resolve(tree["class"], where)
    if "function" in tree:
        fn = _resolve(tree["function"], where)
        if not callable(fn):
            raise ParseError(f"{where}: {tree['function']!r} is not a function")
        return fn
    if "object" in tree:
        cls: Any = _resolve(tree["object"], where)
        if not isinstance(cls, type):
            raise ParseError(f"{where}: {tree['object']!r} is not a class")
        obj: Any = object.__new__(cls)
        for key, value in tree["state"].items():
            object.__setattr__(obj, key, decode(value, f"{where}.{key}"))
        return obj
    raise ParseError(f"{where}: unexpected JSON object with keys {sorted(tree)}")
