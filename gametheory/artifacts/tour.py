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


@register(
    "tour_dilemma_equilibria",
    kind="equation",
    notebook="00_tour.ipynb",
    description="pure Nash equilibria of the disarmament dilemma as a piecewise answer",
)
def tour_dilemma_equilibria() -> Equation:
    return Equation(dilemma_equilibria(), symbol_names=SYMBOLS, lhs=r"\mathrm{NE}(g, \ell)")


@register(
    "tour_dilemma_table",
    kind="table",
    notebook="00_tour.ipynb",
    description="pure equilibria and payoffs of the disarmament dilemma at one point per family",
)
def tour_dilemma_table() -> Table:
    answer = dilemma_equilibria()
    rows: list[list[Any]] = []
    for family, g, ell in DILEMMA_POINTS:
        solution = answer.at({GAIN: g, LOSS: ell})
        for k, eq in enumerate(solution.equilibria):
            rows.append(
                [family if k == 0 else "", sp.Integer(g) if k == 0 else "",
                 sp.Integer(ell) if k == 0 else "", ", ".join(eq.pure_profile), *eq.payoffs]
            )
    return Table(
        header=["game", TeX("$g$"), TeX(r"$\ell$"), "equilibrium (US, DPRK)", "US", "DPRK"],
        rows=rows,
        align="lrrlrr",
    )


@register(
    "tour_dilemma_regions",
    kind="figure",
    notebook="00_tour.ipynb",
    description="which pure profiles are equilibria over the (gain, loss) plane",
)
def tour_dilemma_regions() -> Any:
    from ..plot.style import PALETTE, figure, paper_style

    answer = dilemma_equilibria()
    membership = answer.compile()
    g, ell = np.meshgrid(np.linspace(-1, 1, 201), np.linspace(-1, 1, 201))
    held = membership(tour_gain=g, tour_loss=ell)
    # Label each grid point by the set of pieces that hold there.
    code = np.zeros(g.shape, dtype=int)
    for k in range(held.shape[0]):
        code += held[k].astype(int) << k
    codes = sorted(int(c) for c in np.unique(code))
    names = {
        c: " and ".join(p.label for k, p in enumerate(answer.pieces) if c >> k & 1) for c in codes
    }
    index = np.searchsorted(codes, code)
    fig, ax = figure(columns=1, aspect=0.8)
    with paper_style():
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch

        colours = [PALETTE[k % len(PALETTE)] for k in range(len(codes))]
        # An image, not a mesh of 40,000 vector patches: small files, same bytes.
        ax.imshow(index, cmap=ListedColormap(colours), origin="lower", extent=(-1, 1, -1, 1),
                  vmin=-0.5, vmax=len(codes) - 0.5, alpha=0.55, interpolation="nearest")
        ax.axhline(0, color="black", lw=0.6)
        ax.axvline(0, color="black", lw=0.6)
        for family, gx, lx in DILEMMA_POINTS:
            ax.annotate(family, (gx / 2, lx / 2), ha="center", va="center", fontsize=7)
        ax.set_xlabel(r"gain from keeping, $g$")
        ax.set_ylabel(r"loss from disarming alone, $\ell$")
        ax.set_aspect("equal")
        # Sets that hold only on a tie line (the axes) cover no area: the lines show them.
        share = np.bincount(index.ravel(), minlength=len(codes)) / index.size
        handles = [
            Patch(color=colours[k], alpha=0.55, label=names[c])
            for k, c in enumerate(codes)
            if share[k] >= 0.01
        ]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1,
                  frameon=False, title="pure equilibria (ties on the axes)")
    return fig


@register(
    "tour_values",
    kind="values",
    notebook="00_tour.ipynb",
    description="numbers quoted in the tour section",
)
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
