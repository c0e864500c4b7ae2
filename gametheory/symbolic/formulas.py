"""Safe parsing of formulas over declared parameters.

Formulas in text are parsed by a whitelist over Python's :mod:`ast`, never by
``eval`` or ``sympify`` of raw text; number literals are read exactly and within the
limits of :mod:`gametheory.io.limits`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction

import sympy as sp

from ..errors import ParseError
from .exact_numbers import exact
from .parameters import _REGISTRY

__all__ = ["parse_formula"]


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
    >>> from gametheory.symbolic import parameter
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
    from ..io.limits import check_number_text

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
    from ..io.limits import exact_number

    return str(exact_number(text.replace("_", "")))


def _float_literal(value: float) -> str:
    # repr gives the shortest decimal that round-trips, which is what was typed.
    return repr(value) if "e" not in repr(value) else str(Fraction(repr(value)))
