"""Result objects shared by every solver: equilibria, solutions and piecewise answers.

A solver given numbers returns a :class:`Solution` (its equilibria, the method that
found them, whether the arithmetic was exact, and warnings such as ties or a
degenerate game). A solver given a game with free parameters returns a
:class:`PiecewiseAnswer`: a list of (condition, value) pieces that covers the
parameter space, which evaluates at a point, compiles to numpy and prints as LaTeX.

This module gathers the three modules that hold them, so that every result name is
importable from one place:

- :mod:`gametheory.solve.result_protocol`: the :class:`Result` protocol, :class:`Piece`,
  JSON files (:func:`save_result`, :func:`load_result`, :data:`RESULT_TYPES`);
- :mod:`gametheory.solve.solution`: :class:`Equilibrium`, :class:`Solution`;
- :mod:`gametheory.solve.piecewise`: :class:`PiecewiseAnswer`.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.solve.results import Solution
>>> isinstance(gt.nash(gt.NormalFormGame.from_arrays([[1]], [[1]])), Solution)
True
"""

from .piecewise import FixedCombine, PiecewiseAnswer
from .result_protocol import (
    JSON_KEYS,
    RESULT_TYPES,
    Piece,
    Result,
    counted,
    load_result,
    number_to_json,
    save_result,
)
from .solution import Equilibrium, EquilibriumSequence, Solution

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
    "JSON_KEYS",
    "EquilibriumSequence",
    "FixedCombine",
    "counted",
]
