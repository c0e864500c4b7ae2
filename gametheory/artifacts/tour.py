"""The tour's items (notebook 00): the disarmament dilemma's equilibria, table, map, values.

The model is :mod:`gametheory.models.tour`; this module only registers, with
:func:`gametheory.reproduce.register`, what the paper pulls in.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..models.tour import DILEMMA_POINTS, GAIN, LOSS, SYMBOLS, dilemma_equilibria
from ..reproduce import Equation, Table, TeX, register

__all__ = ["tour_dilemma_equilibria", "tour_dilemma_table", "tour_dilemma_regions", "tour_values"]


NOTEBOOK = "00_tour.ipynb"


@register("tour_dilemma_equilibria", "equation", notebook=NOTEBOOK,
          description="pure Nash equilibria of the disarmament dilemma as a piecewise answer")
def tour_dilemma_equilibria() -> Equation:
    return Equation(dilemma_equilibria(), symbol_names=SYMBOLS, lhs=r"\mathrm{NE}(g, \ell)")


@register("tour_dilemma_table", "table", notebook=NOTEBOOK,
          description="pure equilibria and payoffs of the disarmament dilemma at one point per family")
def tour_dilemma_table() -> Table:
    answer = dilemma_equilibria()
    rows: list[list[Any]] = []
    for family, g, ell in DILEMMA_POINTS:
        solution = answer.at({GAIN: g, LOSS: ell})
        for k, eq in enumerate(solution.equilibria):
            # The game's name and point only on its first row.
            first = [family, sp.Integer(g), sp.Integer(ell)] if k == 0 else ["", "", ""]
            rows.append([*first, ", ".join(eq.pure_profile), *eq.payoffs])
    return Table(header=["game", TeX("$g$"), TeX(r"$\ell$"), "equilibrium (US, DPRK)", "US", "DPRK"],
                 rows=rows, align="lrrlrr")


@register("tour_dilemma_regions", "figure", notebook=NOTEBOOK,
          description="which pure profiles are equilibria over the (gain, loss) plane")
def tour_dilemma_regions() -> Any:
    from ..analysis.sweep import sweep
    from ..plot.regions import regions
    from ..plot.style import figure, paper_style

    axis = np.linspace(-1, 1, 201)
    result = sweep(dilemma_equilibria(), tour_gain=axis, tour_loss=axis, progress=False)
    fig, ax = figure(columns=1, aspect=0.8)
    # Sets that hold only on a tie line (the axes) cover no area: regions() leaves them
    # out of the legend and draws the exact boundaries g = 0 and l = 0 instead.
    regions(result, ax=ax, labels={c: c.replace(" & ", " and ") for c in result.categories},
            xlabel=r"gain from keeping, $g$", ylabel=r"loss from disarming alone, $\ell$",
            legend_title="pure equilibria", legend_columns=1)
    with paper_style():
        for family, gx, lx in DILEMMA_POINTS:
            ax.annotate(family, (gx / 2, lx / 2), ha="center", va="center", fontsize=7)
        ax.set_aspect("equal")
    return fig


@register("tour_values", "values", notebook=NOTEBOOK, description="numbers quoted in the tour section")
def tour_values() -> dict[str, Any]:
    answer = dilemma_equilibria()
    pd = answer.at({GAIN: 1, LOSS: 1})
    stag = answer.at({GAIN: -1, LOSS: 1})
    return {
        "TourPieces": len(answer.pieces),
        "TourPDEquilibria": len(pd.equilibria),
        "TourStagHuntEquilibria": len(stag.equilibria),
        "TourPDPayoff": pd.equilibria[0].payoffs[0],
    }
