"""Exact numbers, declared parameters, safe formula parsing and compilation to numpy.

Everything in a game (payoffs, probabilities, discount factors) is a sympy
expression. Numbers are exact ``Rational`` unless the user hands in a Python float,
which is kept as a ``Float`` so that every result built from it can say it is
inexact (:func:`is_exact`).

Formulas in text are parsed by a whitelist over Python's :mod:`ast`, never by
``eval`` or ``sympify`` of raw text.

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

import ast
import itertools
import numbers
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .errors import ParameterError, ParseError

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

# --------------------------------------------------------------------------- numbers


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


# ------------------------------------------------------------------------ parameters

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


# --------------------------------------------------------------------------- parsing

_FUNCTIONS: dict[str, Callable[..., sp.Expr]] = {
    "Min": sp.Min,
    "Max": sp.Max,
    "min": sp.Min,
    "max": sp.Max,
    "log": sp.log,
    "exp": sp.exp,
    "sqrt": sp.sqrt,
}
_MAX_LENGTH = 20_000
_MAX_DEPTH = 200
_MAX_EXPONENT = 1_000


def parse_formula(
    text: str,
    names: Mapping[str, sp.Symbol] | Iterable[sp.Symbol] | None = None,
    *,
    source: str = "<formula>",
    line: int | None = None,
    column: int | None = None,
) -> sp.Expr:
    """Parse a formula over declared parameters into a sympy expression.

    Allowed: numbers (decimals are read exactly: ``0.1`` is ``1/10``), declared names,
    ``+ - * / **``, unary minus, parentheses, and the functions ``Min``, ``Max``,
    ``log``, ``exp``, ``sqrt``. Anything else raises :class:`ParseError` naming the
    offending piece.

    Parameters
    ----------
    text
        The formula.
    names
        The names it may use: a mapping from name to symbol, or symbols. By default,
        every parameter declared with :func:`parameter`.
    source, line, column
        Where the text came from, for error messages.

    Examples
    --------
    >>> x = parameter("x_doc")
    >>> parse_formula("2*x_doc**2 - 0.5", [x])
    2*x_doc**2 - 1/2
    >>> parse_formula("x_doc.__class__", [x])
    Traceback (most recent call last):
    ...
    gametheory.errors.ParseError: <formula>:1:6: attribute access '.__class__' is not allowed in a formula
    """
    if isinstance(names, Mapping):
        table = dict(names)
    elif names is None:
        table = {name: info.symbol for name, info in _REGISTRY.items()}
    else:
        table = {s.name: s for s in names if isinstance(s, sp.Symbol)}
    if isinstance(text, int | float | Fraction) and not isinstance(text, bool):
        return exact(text)
    if not isinstance(text, str):
        raise ParseError(f"a formula must be text, got {type(text).__name__}", source, line, column)
    if len(text) > _MAX_LENGTH:
        raise ParseError(
            f"formula is {len(text)} characters long; the limit is {_MAX_LENGTH}", source, line
        )
    if text.count("(") > _MAX_DEPTH:
        raise ParseError(f"formula nests deeper than {_MAX_DEPTH} levels", source, line, column)
    from .io.limits import check_number_text

    for literal in re.finditer(r"(?<![\w.])\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?", text):
        try:  # before Python converts it: a 5000-digit integer is a ValueError there
            check_number_text(literal.group())
        except ValueError as exc:
            raise ParseError(str(exc), source, line, column) from None
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        col = (exc.offset or 1) + (column - 1 if column else 0)
        raise ParseError(f"not a formula: {exc.msg}", source, line or 1, col) from None
    except (RecursionError, MemoryError, ValueError):
        raise ParseError("formula is too deeply nested", source, line, column) from None
    reader = _FormulaReader(table, source, line or 1, column or 1, text.strip())
    try:
        return reader.visit(tree.body, 0)
    except RecursionError:
        raise ParseError("formula is too deeply nested", source, line, column) from None


class _FormulaReader:
    def __init__(self, names: dict[str, sp.Symbol], source: str, line: int, column: int,
                 text: str = ""):
        self.text = text
        self.names = names
        self.source = source
        self.line = line
        self.column = column

    def fail(self, node: ast.AST, message: str) -> ParseError:
        line = self.line + getattr(node, "lineno", 1) - 1
        col = getattr(node, "col_offset", 0) + (self.column if getattr(node, "lineno", 1) == 1 else 1)
        return ParseError(message, self.source, line, col)

    def real(self, node: ast.AST, value: sp.Expr) -> sp.Expr:
        """``value`` if it is a real number (or has parameters); a ParseError for a
        complex, infinite or astronomically large constant (``sqrt(-1)``, ``log(-1)``,
        ``exp(exp(exp(3)))``), which no payoff comparison could use."""
        if not value.is_number:
            return value
        if value.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or value.is_extended_real is False:
            raise self.fail(node, f"{value} is not a real number; payoffs and parameters are real")
        try:
            size = abs(sp.N(value, 15))
            big = size > sp.Float(10) ** _MAX_EXPONENT or not size.is_finite
            imaginary = abs(sp.im(sp.N(value, 15))) > 0 if value.is_extended_real is None else False
        except (TypeError, ValueError, OverflowError, RecursionError):
            big, imaginary = True, False
        if imaginary:
            raise self.fail(node, f"{value} is not a real number; payoffs and parameters are real")
        if big:
            raise self.fail(node, f"{value} is beyond 10^{_MAX_EXPONENT} in size")
        return value

    def visit(self, node: ast.AST, depth: int) -> sp.Expr:
        if depth > _MAX_DEPTH:
            raise self.fail(node, f"formula nests deeper than {_MAX_DEPTH} levels")
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.fail(node, f"constant {value!r} is not allowed in a formula")
            # The literal as written, read exactly (a float would round 1.0000000000000001
            # to 1 and 1e-400 to 0), within the io limits on digits and exponent.
            segment = ast.get_source_segment(self.text, node) if self.text else None
            if segment is None:
                segment = repr(value) if isinstance(value, int) else _float_literal(value)
            try:
                return exact(_exact_literal(segment))
            except ValueError as exc:
                raise self.fail(node, str(exc)) from None
        if isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise self.fail(node, f"name {node.id!r} is not allowed in a formula")
            if node.id not in self.names:
                known = ", ".join(sorted(self.names)) or "none"
                raise self.fail(node, f"unknown name {node.id!r} (declared: {known})")
            return self.names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            inner = self.visit(node.operand, depth + 1)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp):
            left = self.visit(node.left, depth + 1)
            right = self.visit(node.right, depth + 1)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if isinstance(node.op, ast.Div):
                if right == 0:
                    raise self.fail(node, "division by zero in a formula")
                return left / right
            if isinstance(node.op, ast.Pow):
                if right.is_number and (not right.is_real or abs(right) > _MAX_EXPONENT):
                    raise self.fail(
                        node, f"exponent {right} is too large (at most {_MAX_EXPONENT})"
                    )
                if left.is_number and right.is_number and abs(left) > 10**6 and abs(right) > 100:
                    raise self.fail(node, "power too large to evaluate exactly")
                return self.real(node, left**right)
            raise self.fail(node, f"operator {type(node.op).__name__} is not allowed in a formula")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
                what = ast.unparse(node.func)
                raise self.fail(
                    node,
                    f"call to {what!r} is not allowed; allowed functions: "
                    + ", ".join(sorted(set(_FUNCTIONS))),
                )
            if node.keywords:
                raise self.fail(node, "keyword arguments are not allowed in a formula")
            args = [self.visit(a, depth + 1) for a in node.args]
            fn = _FUNCTIONS[node.func.id]
            expected = {sp.log: (1, 2), sp.exp: (1, 1), sp.sqrt: (1, 1)}.get(fn, (1, 64))
            if not expected[0] <= len(args) <= expected[1]:
                raise self.fail(node, f"{node.func.id} takes {expected[0]}..{expected[1]} arguments")
            return self.real(node, fn(*args))
        if isinstance(node, ast.Attribute):
            # Point at the dot, not at the start of the value.
            dot = ast.Constant(value=None)
            dot.lineno = node.end_lineno or node.lineno
            dot.col_offset = (node.end_col_offset or 0) - len(node.attr) - 1
            raise self.fail(dot, f"attribute access '.{node.attr}' is not allowed in a formula")
        if isinstance(node, ast.Subscript):
            raise self.fail(node, "subscripts are not allowed in a formula")
        if isinstance(node, ast.Lambda):
            raise self.fail(node, "lambda is not allowed in a formula")
        raise self.fail(node, f"{type(node).__name__} is not allowed in a formula")


def _exact_literal(text: str) -> str:
    """A number literal as exact text (``1e-400`` as ``1/10**400``), or ValueError
    beyond the limits of :mod:`gametheory.io.limits`."""
    from .io.limits import exact_number

    return str(exact_number(text.replace("_", "")))


def _float_literal(value: float) -> str:
    # repr gives the shortest decimal that round-trips, which is what was typed.
    return repr(value) if "e" not in repr(value) else str(Fraction(repr(value)))


# ----------------------------------------------------------------------- compilation


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


# ------------------------------------------------------------------------ conditions
# The condition kernel lives in :mod:`gametheory.conditions`; these names stay
# importable from here (notebooks and older code use them).

_CONDITION_NAMES = ("canonical_relation", "simplify_condition", "relaxed_feasible")


def __getattr__(name: str) -> Any:
    if name in _CONDITION_NAMES:
        from . import conditions

        return getattr(conditions, name)
    raise AttributeError(f"module 'gametheory.symbolic' has no attribute {name!r}")
