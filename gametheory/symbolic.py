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
import numbers
import re
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
    "free_parameters",
    "parse_formula",
    "compile_expr",
    "substitute",
    "KINDS",
    "canonical_relation",
    "simplify_condition",
    "relaxed_feasible",
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
    """

    name: str
    kind: str = "real"
    description: str = ""
    unit: str = ""
    default: sp.Expr | None = None
    plausible_range: tuple[sp.Expr, sp.Expr] | None = None
    source: str = ""
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
        return sp.latex(self.symbol)


_REGISTRY: dict[str, Parameter] = {}


def parameter(
    name: str,
    kind: str = "real",
    *,
    description: str = "",
    unit: str = "",
    default: Any = None,
    plausible_range: tuple[Any, Any] | None = None,
    source: str = "",
) -> sp.Symbol:
    """Declare a parameter and return its sympy symbol.

    Declaring a name again with the same kind returns the same symbol (metadata given
    again replaces the old); declaring it with a different kind raises
    :class:`~gametheory.errors.ParameterError`.

    Examples
    --------
    >>> p = parameter("p_doc", kind="probability", default="1/2", plausible_range=(0, 1))
    >>> parameter_info(p).default
    1/2
    >>> parameter("p_doc", kind="positive")
    Traceback (most recent call last):
    ...
    gametheory.errors.ParameterError: parameter 'p_doc' is already declared as probability; cannot redeclare it as positive
    """
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        raise ParameterError(
            f"parameter name {name!r} must be an identifier that does not start with '_'"
        )
    old = _REGISTRY.get(name)
    if old is not None and old.kind != kind:
        raise ParameterError(
            f"parameter {name!r} is already declared as {old.kind}; cannot redeclare it as {kind}"
        )
    new = Parameter(
        name,
        kind,
        description=description,
        unit=unit,
        default=default,
        plausible_range=plausible_range,
        source=source,
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
        )
    _REGISTRY[name] = new
    return new.symbol


def parameter_info(symbol: sp.Symbol | str) -> Parameter:
    """The declared :class:`Parameter` of a symbol (or name); an undeclared symbol is real."""
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


def canonical_relation(rel: sp.Basic) -> sp.Basic:
    """A relation written readably: decided where sympy can, a linear one in a single
    symbol solved for it, otherwise positive terms on the left and negative on the right.

    >>> a, b = sp.symbols("a b", real=True)
    >>> canonical_relation(sp.Ge(1, a + 1)), canonical_relation(sp.Gt(a - b, 0))
    (a <= 0, a > b)
    """
    if not isinstance(rel, sp.Rel):
        return rel
    diff = sp.expand(rel.lhs - rel.rhs)
    if isinstance(rel, sp.Ne):
        if diff.is_zero:
            return sp.false
        return sp.true if diff.is_nonzero else sp.Ne(diff, 0)
    op = type(rel)
    if diff.is_number:
        return sp.true if bool(op(diff, 0)) else sp.false
    decided = _decide_sign(diff, op)
    if decided is not None:
        return decided
    syms = sorted(diff.free_symbols, key=lambda s: s.name)
    if len(syms) == 1:
        poly = diff.as_poly(syms[0])
        if poly is not None and poly.degree() == 1:
            a, b = poly.all_coeffs()
            if a.is_number:
                flipped = {sp.Ge: sp.Le, sp.Gt: sp.Lt, sp.Le: sp.Ge, sp.Lt: sp.Gt, sp.Eq: sp.Eq}
                return (op if a > 0 else flipped[op])(syms[0], -b / a)
    left = sp.Add(*[t for t in sp.Add.make_args(diff) if not t.could_extract_minus_sign()])
    right = -sp.Add(*[t for t in sp.Add.make_args(diff) if t.could_extract_minus_sign()])
    return op(left, right)


def _decide_sign(diff: sp.Expr, op: type) -> sp.Basic | None:
    if op in (sp.Ge, sp.Gt) and (diff.is_positive or (op is sp.Ge and diff.is_nonnegative)):
        return sp.true
    if op in (sp.Le, sp.Lt) and (diff.is_negative or (op is sp.Le and diff.is_nonpositive)):
        return sp.true
    if op in (sp.Ge, sp.Gt) and (diff.is_negative or (op is sp.Gt and diff.is_nonpositive)):
        return sp.false
    if op in (sp.Le, sp.Lt) and (diff.is_positive or (op is sp.Lt and diff.is_nonnegative)):
        return sp.false
    return None


def _monomial_bounds(monom: tuple[int, ...], symbols: list[sp.Symbol]) -> tuple[float | None, float | None]:
    """Bounds of a product of parameters from the parameters' own bounds (where all
    factors are bounded below by zero; otherwise unbounded)."""
    low: float = 1.0
    high: float | None = 1.0
    for power, s in zip(monom, symbols):
        if power == 0:
            continue
        lo, hi, _, _ = parameter_info(s).bounds
        if lo is None or lo < 0:
            return (0.0, None) if power % 2 == 0 else (None, None)
        low *= float(lo) ** power
        high = None if (high is None or hi is None) else high * float(hi) ** power
    return low, high


def relaxed_feasible(conjunct: list[sp.Basic], symbols: list[sp.Symbol] | None = None) -> bool | None:
    """Whether a conjunction of polynomial relations may have a solution within the
    parameters' bounds.

    Every product of parameters (``q*X``) is replaced by a variable of its own,
    bounded where the factors' bounds allow, and the linear relaxation is solved with
    scipy's LP (a slack for strict inequalities). ``False`` is therefore certain (the
    relaxation has no solution, so neither has the original); ``True`` means only that
    the relaxation has one. ``None`` when a relation is not polynomial.

    Floating point: a region thinner than about 1e-9 counts as empty.

    >>> a, b = sp.symbols("a_rf b_rf", positive=True)
    >>> relaxed_feasible([a * b > 1, a * b < 1]), relaxed_feasible([a * b + a < 0])
    (False, False)
    """
    from scipy.optimize import linprog

    if symbols is None:
        symbols = sorted(set().union(*[c.free_symbols for c in conjunct]), key=lambda x: x.name)
    columns: dict[tuple[int, ...], int] = {}
    rows: list[dict[int, float]] = []
    rhs: list[float] = []
    strict: list[bool] = []
    eq_rows: list[dict[int, float]] = []
    eq_rhs: list[float] = []
    for rel in conjunct:
        if rel is sp.true:
            continue
        if rel is sp.false:
            return False
        if not isinstance(rel, sp.Rel) or isinstance(rel, sp.Ne):
            return None
        diff = sp.expand(rel.lhs - rel.rhs)
        if not symbols:
            return bool(rel)
        poly = diff.as_poly(*symbols)
        if poly is None:
            return None
        coeffs: dict[int, float] = {}
        const = 0.0
        for monom, c in poly.terms():
            if sum(monom) == 0:
                const = float(c)
                continue
            col = columns.setdefault(monom, len(columns))
            coeffs[col] = float(c)
        if isinstance(rel, sp.Eq):
            eq_rows.append(coeffs)
            eq_rhs.append(-const)
            continue
        sign = -1.0 if isinstance(rel, sp.Ge | sp.Gt) else 1.0  # written as a.x <= b
        rows.append({k: sign * v for k, v in coeffs.items()})
        rhs.append(-sign * const)
        strict.append(isinstance(rel, sp.Gt | sp.Lt))
    bounds: list[tuple[float | None, float | None]] = [(None, None)] * len(columns)
    for monom, col in columns.items():
        bounds[col] = _monomial_bounds(monom, symbols)
        if sum(monom) == 1:
            s = symbols[monom.index(1)]
            low, high, low_in, high_in = parameter_info(s).bounds
            if low is not None and not low_in:
                rows.append({col: -1.0})
                rhs.append(-float(low))
                strict.append(True)
            if high is not None and not high_in:
                rows.append({col: 1.0})
                rhs.append(float(high))
                strict.append(True)
    n = len(columns)

    def dense(row: dict[int, float], slack: float) -> list[float]:
        out = [0.0] * (n + 1)
        for k, v in row.items():
            out[k] = v
        out[n] = slack
        return out

    # maximise t subject to a.x + t <= b on the strict rows, t <= 1
    a_ub = [dense(r, 1.0 if st else 0.0) for r, st in zip(rows, strict)]
    a_eq = [dense(r, 0.0) for r in eq_rows]
    res = linprog(
        c=[0.0] * n + [-1.0],
        A_ub=a_ub or None,
        b_ub=rhs or None,
        A_eq=a_eq or None,
        b_eq=eq_rhs or None,
        bounds=bounds + [(None, 1.0)],
        method="highs",
    )
    if res.status == 2:
        return False
    if res.status != 0:
        return None
    return bool(-res.fun > 1e-9) if any(strict) else True


def simplify_condition(cond: Any) -> sp.Basic:
    """Simplify a condition over parameters as far as is cheap and safe.

    Relations are decided under the parameters' assumptions and bounds where sympy can,
    written readably (:func:`canonical_relation`); a conjunction of linear relations
    that has no solution within the parameters' bounds is dropped (checked by linear
    programming); a condition that cannot hold becomes ``false``.

    >>> p, s = sp.symbols("p_sc s_sc", real=True)
    >>> simplify_condition(sp.And(p < s, sp.Or(p > s, p > 2)))
    (p_sc > 2) & (p_sc < s_sc)
    """
    if isinstance(cond, bool):
        return sp.true if cond else sp.false
    if cond in (sp.true, sp.false) or not isinstance(cond, sp.Basic):
        return cond
    cond = cond.replace(lambda e: isinstance(e, sp.Rel), canonical_relation)
    if cond in (sp.true, sp.false):
        return cond
    symbols = sorted(cond.free_symbols, key=lambda s: s.name)
    if len(symbols) == 1:
        solved = _solve_in_one(cond, symbols[0])
        if solved is not None:
            return solved
    if len(cond.atoms(sp.Rel)) > 12:
        return cond
    dnf = sp.to_dnf(cond, simplify=False)
    conjuncts = [list(sp.And.make_args(term)) for term in sp.Or.make_args(dnf)]
    kept = []
    for conj in conjuncts:
        conj = [canonical_relation(c.negated) if isinstance(c, sp.Not) and isinstance(c.args[0], sp.Rel)
                else c for c in conj]
        if any(c is sp.false for c in conj):
            continue
        conj = [c for c in conj if c is not sp.true]
        feasible = relaxed_feasible(conj, symbols)
        if feasible is False:
            continue
        kept.append(sp.And(*conj))
    if not kept:
        return sp.false
    out = sp.Or(*kept)
    return out if sp.count_ops(out) <= sp.count_ops(cond) else cond


def _solve_in_one(cond: sp.Basic, x: sp.Symbol) -> sp.Basic | None:
    """A condition in one parameter as the set where it holds within the parameter's
    bounds, written back as relations; None where sympy cannot solve it."""
    low, high, low_in, high_in = parameter_info(x).bounds
    domain = sp.Interval(
        -sp.oo if low is None else low,
        sp.oo if high is None else high,
        left_open=not low_in or low is None,
        right_open=not high_in or high is None,
    )
    free = sp.Dummy(x.name, real=True)
    try:
        region = cond.xreplace({x: free}).as_set().intersect(domain)
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return None
    if region is sp.S.EmptySet:
        return sp.false
    if region == domain:
        return sp.true
    try:
        out = region.as_relational(free).xreplace({free: x})
    except (NotImplementedError, TypeError, AttributeError):
        return None
    # Drop the parameter's own bounds from the relations: they hold by declaration.
    bound_rels = []
    if low is not None:
        bound_rels += [sp.Ge(x, low), sp.Gt(x, low)]
    if high is not None:
        bound_rels += [sp.Le(x, high), sp.Lt(x, high)]
    if isinstance(out, sp.And):
        kept = [a for a in out.args if a not in bound_rels and not (
            isinstance(a, sp.Rel) and a.has(sp.oo, -sp.oo))]
        out = sp.And(*kept) if kept else sp.true
    return out.replace(lambda e: isinstance(e, sp.Rel), canonical_relation)
