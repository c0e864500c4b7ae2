"""The tour's model (notebook 00): a disarmament dilemma in two parameters.

A symmetric two-by-two game between the US and the DPRK (the catalog's
:func:`~gametheory.games.catalog.disarmament_dilemma`) whose parameters, the gain from
keeping weapons against a disarmer and the loss from disarming alone, sweep through
Rapoport and Guyer's (1966) families of two-by-two games: harmony, stag hunt, chicken
and the prisoner's dilemma.

Examples
--------
>>> from gametheory.models import tour
>>> len(tour.dilemma_equilibria().pieces) > 1
True
"""

from __future__ import annotations

import sympy as sp

from ..errors import SolverError
from ..games.catalog import disarmament_dilemma as catalog_dilemma
from ..games.normal_form import NormalFormGame
from ..solve.pure_nash import pure_nash
from ..solve.results import PiecewiseAnswer
from ..symbolic import parameter

__all__ = ["GAIN", "LOSS", "SYMBOLS", "DILEMMA_POINTS", "disarmament_dilemma", "dilemma_equilibria"]


def _axis(name: str, description: str) -> sp.Symbol:
    # Both axes run over [-1, 1]: each quadrant is one of Rapoport and Guyer's families.
    return parameter(name, "real", description=description, default=1, plausible_range=(-1, 1))


GAIN = _axis("tour_gain", "gain from keeping weapons while the other side disarms")
LOSS = _axis("tour_loss", "loss from disarming while the other side keeps its weapons")
SYMBOLS = {GAIN: "g", LOSS: r"\ell"}
"""How the paper writes the two parameters in LaTeX."""

# One point in each quadrant of (gain, loss): the four classic symmetric 2x2 games.
DILEMMA_POINTS: tuple[tuple[str, int, int], ...] = (
    ("prisoner's dilemma", 1, 1),
    ("chicken", 1, -1),
    ("stag hunt", -1, 1),
    ("harmony", -1, -1),
)


def disarmament_dilemma() -> NormalFormGame:
    """The dilemma in the parameters ``tour_gain`` (g) and ``tour_loss`` (l).

    Both disarm (1 each) or keep (0 each); a keeper facing a disarmer gains ``1 + g``,
    the disarmer gets ``-l``.

    Examples
    --------
    >>> disarmament_dilemma().players
    ('US', 'DPRK')
    """
    return catalog_dilemma(GAIN, LOSS)


def dilemma_equilibria() -> PiecewiseAnswer:
    """The pure Nash equilibria of :func:`disarmament_dilemma`, piecewise in (g, l).

    Examples
    --------
    >>> answer = dilemma_equilibria()
    >>> answer.at({GAIN: 1, LOSS: 1}).equilibria[0].pure_profile
    ('Keep', 'Keep')
    """
    answer = pure_nash(disarmament_dilemma())
    if not isinstance(answer, PiecewiseAnswer):  # the game has free parameters
        raise SolverError("pure_nash gave one answer for the dilemma's free (g, l): expected pieces")
    return answer
