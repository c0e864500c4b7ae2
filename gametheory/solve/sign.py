"""Deprecated location of :func:`gametheory.conditions.decide_sign`.

The sign of an expression over a parameter domain is decided by the condition kernel,
:mod:`gametheory.conditions`; this module only keeps the old import path working.

>>> import sympy as sp
>>> T, R, P = sp.symbols("T R P", real=True)
>>> decide_sign(T - P, None, [T > R, R > P])
1
"""

from __future__ import annotations

from ..conditions import decide_sign

__all__ = ["decide_sign"]
