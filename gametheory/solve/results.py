"""Result objects shared by every solver: equilibria, solutions and piecewise answers.

A solver given numbers returns a :class:`Solution` (its equilibria, the method that
found them, whether the arithmetic was exact, and warnings such as ties or a
degenerate game). A solver given a game with free parameters returns a
:class:`PiecewiseAnswer`: a list of (condition, value) pieces that covers the
parameter space, which evaluates at a point, compiles to numpy and prints as LaTeX.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import sympy as sp

from ..conditions import simplify_condition
from ..errors import ParameterError, ParseError
from ..symbolic import Parameter, compile_expr, free_parameters, is_exact, parameter_info
from .serialization import decode, encode

__all__ = [
    "Result",
    "Equilibrium",
    "Solution",
    "Piece",
    "PiecewiseAnswer",
    "number_to_json",
    "save_result",
    "load_result",
    "RESULT_TYPES",
]

RESULT_TYPES: dict[str, type[Result]] = {}
"""Every result class, by name: what :meth:`Result.from_json_dict` reads."""

JSON_KEYS = ("type", "method", "exact", "warnings", "parameters", "data", "summary")
"""The top-level keys of every result's :meth:`Result.to_json_dict`."""


class _derived:
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


def _symbol_map(values: Mapping[Any, Any], parameters: Sequence[sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
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

    @_derived
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The free parameters of the result, sorted by name."""
        return free_parameters(*[v for v in self._data().values() if isinstance(v, sp.Basic | tuple | list | Mapping)])

    @property
    def is_symbolic(self) -> bool:
        """True when the result depends on free parameters."""
        return bool(self.parameters)

    @_derived
    def pieces(self) -> tuple[Piece, ...]:
        """The result as a piecewise answer: one piece that holds everywhere."""
        return (Piece(sp.true, self, type(self).__name__),)

    def at(self, values: Mapping[Any, Any]) -> Any:
        """The result at a point: ``self`` when it has no free parameters, else the
        result with every parameter given a value (all must be given)."""
        if not self.parameters:
            return self
        mapping = _symbol_map(values, self.parameters)
        missing = [s.name for s in self.parameters if s not in mapping]
        if missing:
            raise ParameterError(f"no value given for parameter(s) {missing}")
        return self.subs(mapping)

    def subs(self, values: Mapping[Any, Any]) -> Any:
        """The result with some parameters given values; the others stay free."""
        if not self.parameters:
            return self
        return _fields_substituted(self, _symbol_map(values, self.parameters))

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


class EquilibriumSequence(Result):
    """A result that is a sequence of its ``equilibria``: ``len``, iteration, indexing,
    and a summary (``concept``, ``method``, ``exact``, ``warnings``, ``equilibria``)."""

    equilibria: tuple[Any, ...]
    concept: str
    method: str
    exact: bool
    warnings: tuple[str, ...]

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
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

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        eqs = self.equilibria if limit is None else self.equilibria[:limit]
        return {
            "concept": self.concept,
            "exact": self.exact,
            "players": list(self.players),
            "warnings": list(self.warnings),
            "equilibria": [e.to_json_dict() for e in eqs],
        }

    def __repr__(self) -> str:
        lines = [
            f"Solution(concept={self.concept!r}, method={self.method!r}, exact={self.exact}, "
            f"{counted(len(self.equilibria), 'equilibrium')})"
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
        fixed = _symbol_map(values, self.parameters)
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
        mapping = _symbol_map(values, self.parameters)
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


def sequence_label(items: Sequence[str]) -> str:
    return "(" + ", ".join(items) + ")"
