"""Formulas in notebooks: a sympy expression shown as LaTeX with the paper's symbols.

Examples
--------
>>> import sympy as sp
>>> x = sp.Symbol("tour_gain")
>>> latex_text(x / 2, lhs="g' = ", symbols={x: "g"})
"g' = \\\\frac{g}{2}"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

__all__ = ["latex_text", "show_latex"]


def latex_text(expr: Any, lhs: str = "", symbols: Mapping[sp.Symbol, str] | None = None) -> str:
    """The LaTeX of ``expr`` after ``lhs``, writing each symbol as ``symbols`` names it.

    Parameters
    ----------
    expr
        A sympy expression, relation or boolean condition (or anything ``sp.latex`` takes).
    lhs
        LaTeX put before the formula, e.g. ``r"\\kappa = "``.
    symbols
        Symbol -> LaTeX name (e.g. a model's ``SYMBOLS`` or ``PAPER_SYMBOLS``); other
        symbols keep their names.

    Examples
    --------
    >>> latex_text(sp.Rational(1, 3), lhs="p = ")
    'p = \\\\frac{1}{3}'
    """
    return lhs + sp.latex(expr, symbol_names=dict(symbols or {}))


def show_latex(expr: Any, lhs: str = "", symbols: Mapping[sp.Symbol, str] | None = None) -> None:
    """Display ``expr`` as typeset math in a notebook (see :func:`latex_text`).

    Outside IPython it prints the LaTeX instead, so scripts and doctests see it.

    Examples
    --------
    >>> show_latex(sp.Symbol("x") ** 2, lhs="y = ")
    y = x^{2}
    """
    text = latex_text(expr, lhs, symbols)
    try:  # IPython is optional: present in notebooks, not needed by the library
        from IPython import get_ipython
        from IPython.display import Math, display
    except ImportError:
        print(text)
        return
    if get_ipython() is None:
        print(text)
        return
    display(Math(text))
