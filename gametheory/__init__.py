"""gametheory: exact and symbolic game theory for the US-DPRK denuclearization problem.

Games are immutable objects (:mod:`gametheory.games`); solving is a function of a game
(``gt.pure_nash(game)``, ``gt.nash(game)``, ``gt.spe(tree)``, ``gt.pbe(game)``).
Numbers are exact by default; games with free parameters give piecewise answers.
"""

from __future__ import annotations

import importlib
from typing import Any

from .analysis import *  # noqa: F403
from .errors import *  # noqa: F403
from .games import *  # noqa: F403
from .io import read_game, write_game
from .solve import *  # noqa: F403
from .symbolic import (
    Parameter,
    compile_expr,
    exact,
    free_parameters,
    is_exact,
    parameter,
    parameter_info,
    parse_formula,
    simplify_condition,
)

__version__ = "0.1.0"

_LAZY = {"plot", "models"}


def __getattr__(name: str) -> Any:
    # matplotlib and the domain models load on first use, not at import.
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'gametheory' has no attribute {name!r}")


__all__ = [
    "Parameter",
    "compile_expr",
    "exact",
    "free_parameters",
    "is_exact",
    "parameter",
    "parameter_info",
    "parse_formula",
    "simplify_condition",
    "read_game",
    "write_game",
]
