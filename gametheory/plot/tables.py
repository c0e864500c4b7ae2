"""Tables and equations for the paper, as LaTeX: the cells, the layout, the shares.

A :class:`Table` is a header and rows of cells; :func:`render_table` writes it as a
booktabs ``tabular``. Cells may be sympy numbers or expressions (typeset as math),
ints, floats (formatted with the table's ``float_format``), ``None`` (an en dash),
booleans (yes / no), :class:`TeX` (written as it is) or other text (escaped). An
:class:`Equation` is typeset by :func:`render_equation`, a mapping of values as
``\\newcommand`` macros by :func:`render_values`.

The helpers below build the cells that the paper's tables repeat: a share in percent
(:func:`percent`), a share with its confidence interval (:func:`share_with_interval`),
an index with its half-width (:func:`plus_minus`) and a whole table of Sobol' indices
(:func:`sobol_table`).

Examples
--------
>>> print(render_table(Table(header=["x", "share"], rows=[[1, percent(0.25)]], align="rr")))
\\begin{tabular}{rr}
\\toprule
x & share \\\\
\\midrule
$1$ & 25.0\\% \\\\
\\bottomrule
\\end{tabular}
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..errors import GameError
from ..solve.results import PiecewiseAnswer

__all__ = [
    "TeX",
    "Table",
    "Equation",
    "latex_escape",
    "render_table",
    "render_equation",
    "render_values",
    "percent",
    "percent_interval",
    "share_with_interval",
    "share_macros",
    "plus_minus",
    "sobol_rows",
    "sobol_table",
    "SOBOL_HEADER",
]

_MACRO = re.compile(r"^[A-Za-z]+$")

class TeX(str):
    """A string that is already LaTeX: written as it is, not escaped."""

    __slots__ = ()


@dataclass(frozen=True)
class Table:
    """A table for the paper: a header row and body rows of cells.

    Cells may be sympy numbers or expressions (typeset as math), ints, floats
    (formatted with ``float_format``), ``None`` (an en dash), :class:`TeX` (written as
    it is) or other strings (escaped as text).
    """

    header: Sequence[Any]
    rows: Sequence[Sequence[Any]]
    align: str | None = None
    float_format: str = "{:.3g}"

    def __post_init__(self) -> None:
        width = len(self.header)
        for k, row in enumerate(self.rows):
            if len(row) != width:
                raise GameError(f"table row {k} has {len(row)} cells; the header has {width}")
        if self.align is not None and len(self.align) != width:
            raise GameError(f"table align {self.align!r} does not have {width} columns")


@dataclass(frozen=True)
class Equation:
    """An equation for the paper.

    ``expr`` is a sympy expression or relation, an object with a ``latex()`` method
    (such as a :class:`~gametheory.solve.results.PiecewiseAnswer`), or :class:`TeX`.
    ``symbol_names`` maps sympy symbols to the LaTeX that the paper prints for them.
    """

    expr: Any
    symbol_names: Mapping[sp.Symbol, str] = field(default_factory=dict)
    lhs: str | None = None



_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    return "".join(_TEXT_ESCAPES.get(ch, ch) for ch in text)


def _typeset(value: Any, float_format: str) -> tuple[str, str] | None:
    """``(text, kind)`` of a value that cells and macros both take, ``kind`` being
    ``"text"``, ``"number"`` or ``"formula"``; None for any other value."""
    if isinstance(value, TeX):
        return str(value), "text"
    if isinstance(value, bool):
        return ("yes" if value else "no"), "text"
    if isinstance(value, int | sp.Integer):
        return str(int(value)), "number"
    if isinstance(value, float | sp.Float):
        return float_format.format(float(value)), "number"
    if isinstance(value, sp.Basic):
        return sp.latex(value), "formula"
    if isinstance(value, str):
        return latex_escape(value), "text"
    return None


def _cell(value: Any, float_format: str) -> str:
    if value is None:
        return "--"
    typeset = _typeset(value, float_format)
    if typeset is None:
        raise GameError(f"cannot put a {type(value).__name__} ({value!r}) in a table cell")
    text, kind = typeset
    # Numbers go in math mode so that a negative sign is a minus, not a hyphen.
    return text if kind == "text" else f"${text}$"


def render_table(table: Table) -> str:
    """A booktabs ``tabular`` for a :class:`Table`."""
    if not isinstance(table, Table):
        raise GameError(f"a table item must return a Table, got {type(table).__name__}")
    align = table.align or "".join(
        "l" if any(isinstance(r[j], str) for r in table.rows) else "r"
        for j in range(len(table.header))
    )
    lines = [rf"\begin{{tabular}}{{{align}}}", r"\toprule"]
    lines.append(" & ".join(_cell(h, table.float_format) for h in table.header) + r" \\")
    lines.append(r"\midrule")
    for row in table.rows:
        lines.append(" & ".join(_cell(c, table.float_format) for c in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def render_equation(name: str, equation: Any) -> str:
    """A numbered ``equation`` environment, labelled ``eq:NAME``, for an equation item."""
    if not isinstance(equation, Equation):
        equation = Equation(equation)
    expr, names = equation.expr, dict(equation.symbol_names)
    if isinstance(expr, TeX):
        body = str(expr)
    elif isinstance(expr, PiecewiseAnswer):
        body = expr.latex(names)
    elif isinstance(expr, sp.Basic):
        body = sp.latex(expr, symbol_names=names)
    elif hasattr(expr, "latex"):
        body = expr.latex()
    else:
        raise GameError(f"equation {name!r}: cannot typeset a {type(expr).__name__}")
    if equation.lhs:
        body = f"{equation.lhs} = {body}"
    return f"\\begin{{equation}}\\label{{eq:{name}}}\n{body}\n\\end{{equation}}\n"


def _value_tex(macro: str, value: Any) -> str:
    typeset = _typeset(value, "{:.3g}")
    if typeset is None:
        raise GameError(f"value macro \\{macro}: cannot typeset a {type(value).__name__}")
    text, kind = typeset
    # A macro is used in running text as well as in formulas: only formulas need math.
    return rf"\ensuremath{{{text}}}" if kind == "formula" else text


def render_values(name: str, values: Mapping[str, Any]) -> str:
    """``\\newcommand`` lines, one per value, in name order."""
    if not isinstance(values, Mapping):
        raise GameError(f"values item {name!r} must return a mapping, got {type(values).__name__}")
    lines = [f"% values of {name}; written by gametheory reproduce"]
    for macro in sorted(values):
        if not isinstance(macro, str) or not _MACRO.match(macro):
            raise GameError(
                f"values item {name!r}: macro name {macro!r} must be letters only (LaTeX rule)"
            )
        lines.append(rf"\newcommand{{\{macro}}}{{{_value_tex(macro, values[macro])}}}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ cells and tables


def percent(share: float, digits: int = 1) -> TeX:
    """A share in ``[0, 1]`` as a LaTeX percentage with ``digits`` decimals.

    Examples
    --------
    >>> percent(0.1234), percent(0.5, digits=0)
    ('12.3\\\\%', '50\\\\%')
    """
    return TeX(f"{100 * float(share):.{digits}f}\\%")


def _bounds(estimate: Any) -> tuple[float, float]:
    # Monte Carlo shares carry ``low`` and ``high``; robustness results an ``interval``.
    if hasattr(estimate, "low") and hasattr(estimate, "high"):
        return float(estimate.low), float(estimate.high)
    low, high = estimate.interval
    return float(low), float(high)


def percent_interval(estimate: Any, digits: int = 1, *, dash: bool = False) -> TeX:
    """The confidence interval of a share estimate in percent: ``[l%, h%]``, or
    ``l%--h%`` with ``dash=True``.

    ``estimate`` has ``low`` and ``high`` (a
    :class:`~gametheory.analysis.sensitivity.MonteCarloShare`) or an ``interval`` pair
    (a :class:`~gametheory.analysis.robustness.RobustnessResult`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> e = SimpleNamespace(share=0.5, low=0.45, high=0.55)
    >>> percent_interval(e), percent_interval(e, 0, dash=True)
    ('[45.0\\\\%, 55.0\\\\%]', '45\\\\%--55\\\\%')
    """
    low, high = (percent(v, digits) for v in _bounds(estimate))
    return TeX(f"{low}--{high}" if dash else f"[{low}, {high}]")


def share_with_interval(estimate: Any, digits: int = 1) -> TeX:
    """A share and its interval in one cell: ``s% [l%, h%]``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> share_with_interval(SimpleNamespace(share=0.5, low=0.45, high=0.55))
    '50.0\\\\% [45.0\\\\%, 55.0\\\\%]'
    """
    return TeX(f"{percent(estimate.share, digits)} {percent_interval(estimate, digits)}")


def share_macros(macro: str, estimate: Any, digits: int = 1, *, dash: bool = False) -> dict[str, TeX]:
    """The two value macros of a share estimate: ``macro`` (the share in percent) and
    ``macro + "CI"`` (its interval, see :func:`percent_interval`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> share_macros("Share", SimpleNamespace(share=0.5, low=0.45, high=0.55), 0)
    {'Share': '50\\\\%', 'ShareCI': '[45\\\\%, 55\\\\%]'}
    """
    return {macro: percent(estimate.share, digits),
            macro + "CI": percent_interval(estimate, digits, dash=dash)}


def plus_minus(value: float, half_width: float, digits: int = 2) -> TeX:
    """``$v \\pm h$``: an estimate with its half-width, in math mode.

    Examples
    --------
    >>> plus_minus(0.123, 0.02)
    '$0.12 \\\\pm 0.02$'
    """
    return TeX(f"${value:.{digits}f} \\pm {half_width:.{digits}f}$")


def sobol_rows(result: Any, top: int | None = None,
               names: Mapping[str, str] | Any = None) -> list[list[Any]]:
    """Rows ``[assumption, S1 ± half-width, ST ± half-width]`` of a
    :class:`~gametheory.analysis.sensitivity.SobolResult`, most influential first.

    ``names`` maps a parameter's name to its label (a mapping, or a function of the
    name); a label from a mapping is LaTeX (:class:`TeX`), other names are text.
    """
    rows = []
    for r in result.table()[:top]:
        name = r["parameter"]
        if callable(names):
            label: Any = names(name)
        elif names is not None and name in names:
            label = TeX(names[name])
        else:
            label = name
        rows.append([label, plus_minus(r["first"], r["first_conf"]),
                     plus_minus(r["total"], r["total_conf"])])
    return rows


SOBOL_HEADER: tuple[TeX, TeX] = (TeX("first-order $S_1$"), TeX("total $S_T$"))
"""The header of the two index columns of every Sobol' table."""


def sobol_table(result: Any, top: int | None = None, names: Mapping[str, str] | Any = None,
                label: str | None = None) -> Table:
    """A table of Sobol' indices with their bootstrap half-widths, most influential
    first (``top`` rows); see :func:`sobol_rows` for ``names``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> res = SimpleNamespace(names=("a", "b"), table=lambda: [
    ...     {"parameter": "a", "first": 0.7, "first_conf": 0.01, "total": 0.8, "total_conf": 0.02},
    ...     {"parameter": "b", "first": 0.2, "first_conf": 0.01, "total": 0.3, "total_conf": 0.02}])
    >>> t = sobol_table(res, top=1)
    >>> t.header[0], t.rows
    ('assumption (1 largest)', [['a', '$0.70 \\\\pm 0.01$', '$0.80 \\\\pm 0.02$']])
    """
    if label is None:
        label = "assumption" if top is None else f"assumption ({min(top, len(result.names))} largest)"
    return Table(header=[label, *SOBOL_HEADER], rows=sobol_rows(result, top, names), align="lrr")
