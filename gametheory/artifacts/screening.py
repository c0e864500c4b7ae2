"""Paper figure of argument 02's screening game: where a small first step says nothing.

From :mod:`gametheory.models.screening`: a first step ``s`` separates a genuine North
Korea from a hold-out iff ``V / c_h <= s <= V / c_g`` (and ``G >= lambda R``). The figure
maps :func:`~gametheory.models.screening.first_step_answer` over the step size and (a)
the hold-out's cost ratio ``rho = c_h / c_g``, (b) the value of relief ``V = R``, each over
its plausible range with the other parameters at ``DPRK_2019``, and marks the
calibration's separating interval, the least separating step on the menu, and the first
step ``1 / K*`` of the step-by-step plan that the reneging model
(:func:`~gametheory.models.reneging.minimal_primitive_steps`) needs. Notebook
``02_commitment.ipynb`` narrates it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..analysis.sweep import SweepResult, sweep
from ..models import screening as S
from ..models.calibration import DPRK_2019, HOLDOUT_COST_RATIO, RELIEF_VALUE, Calibration
from ..models.reneging import minimal_primitive_steps, primitive_values
from ..reproduce import TeX, register

__all__ = ["first_step_map", "screening_marks", "screening_first_step"]

NOTEBOOK = "02_commitment.ipynb"

_NAMES = {S.POOLS: "pools: a hold-out takes it too (no information)",
          S.SEPARATES: "separates: only a genuine type takes it",
          S.TOO_LARGE: "too costly even for a genuine type",
          S.REFUSED: "would separate, but the US refuses both types"}


def first_step_map(axis: sp.Symbol, cal: Calibration = DPRK_2019, points: int = 161) -> SweepResult:
    """:func:`~gametheory.models.screening.first_step_answer` swept over the first step
    ``s`` in ``[0, 1]`` and one parameter over the calibration's range of it; every other
    parameter takes the calibration's value."""
    values = {k: v for k, v in S.screening_values(cal).items() if k is not axis}
    low, high = (float(x) for x in cal.range_of(axis))
    axes: dict[str, Any] = {axis.name: np.linspace(low, high, points),
                            S.FIRST_STEP.name: np.linspace(0.0, 1.0, points)}
    return sweep(S.first_step_answer(values), **axes)


def screening_marks(cal: Calibration = DPRK_2019) -> dict[str, Any]:
    """What the figure marks at the calibration, all computed.

    ``interval`` (the separating steps, :func:`~gametheory.models.screening.separating_interval`),
    ``least_menu_step`` (the least separating step on the menu), ``plan_steps`` (``K*``
    of the reneging model) and ``plan_first_step`` (``1 / K*``) with ``plan_separates``
    (whether that step separates).
    """
    values = S.screening_values(cal)
    interval = S.separating_interval(values)
    menu = S.separating_steps(values)
    k_star = minimal_primitive_steps(primitive_values(cal))
    first = None if k_star is None else sp.Rational(1, k_star)
    separates = bool(first is not None and interval is not None
                     and interval[0] <= first <= interval[1])
    return {"interval": interval, "least_menu_step": menu[0] if menu else None,
            "plan_steps": k_star, "plan_first_step": first, "plan_separates": separates}


@register(
    "screening_first_step",
    kind="figure",
    notebook=NOTEBOOK,
    description=TeX(
        r"what a first step of size $s$ reveals in the screening game (its PBE in closed "
        r"form, checked against \texttt{gt.pbe}), over (a) the hold-out's cost ratio "
        r"$\rho = c_h/c_g$ and (b) the value of relief $V$, each over its plausible range "
        r"with the other parameters at DPRK 2019. Bar: the separating steps "
        r"$[V/c_h, \min(1, V/c_g)]$ at the calibration; star: the least separating step on "
        r"the menu; dashed: the first step $1/K^*$ of the step-by-step plan that the "
        r"reneging model needs"),
)
def screening_first_step() -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ..plot.regions import regions
    from ..plot.style import PALETTE, figure, paper_style

    cal = DPRK_2019
    marks = screening_marks(cal)
    colours = {S.POOLS: "#A6CEE3", S.SEPARATES: PALETTE[2], S.TOO_LARGE: "#D9D9D9",
               S.REFUSED: PALETTE[5]}
    fig, axes = figure(columns=2, aspect=0.44, ncols=2)
    shown: set[str] = set()
    panels = ((axes[0], HOLDOUT_COST_RATIO, r"(a) hold-out's cost ratio, $\rho = c_h/c_g$"),
              (axes[1], RELIEF_VALUE, r"(b) value of relief, $V = R$ (\$bn)"))
    for k, (ax, axis, xlabel) in enumerate(panels):
        result = first_step_map(axis, cal)
        regions(result, ax=ax, colors=[colours.get(c, "#FFFFFF") for c in result.categories],
                legend=False, boundaries=True, xlabel=xlabel,
                ylabel="" if k else r"first step $s$ (share of the programme)")
        shown.update(c for c in result.categories if c in colours
                     and np.any((result.codes == result.categories.index(c)) & ~result.boundary))
        x = float(cal[axis])
        with paper_style():
            if marks["interval"] is not None:
                low, high = (float(v) for v in marks["interval"])
                ax.plot([x, x], [low, high], color="black", lw=2.4, solid_capstyle="butt")
                ax.plot([x, x], [low, high], color="black", ls="none", marker="_", ms=7)
            if marks["least_menu_step"] is not None:
                ax.plot([x], [float(marks["least_menu_step"])], marker="*", ms=9,
                        color=PALETTE[1], markeredgecolor="black", markeredgewidth=0.5,
                        ls="none")
            if marks["plan_first_step"] is not None:
                ax.axhline(float(marks["plan_first_step"]), color="black", lw=0.9, ls="--")
            ax.set_ylim(0, 1)
    with paper_style():
        handles: list[Any] = [Patch(facecolor=colours[c], label=_NAMES[c])
                              for c in colours if c in shown]
        handles.append(Line2D([], [], color="black", lw=2.4,
                              label=f"DPRK 2019: separating steps "
                                    f"$[{_fraction(marks['interval'], 0)}, "
                                    f"{_fraction(marks['interval'], 1)}]$"))
        handles.append(Line2D([], [], color=PALETTE[1], marker="*", ms=8, ls="none",
                              markeredgecolor="black", markeredgewidth=0.5,
                              label=f"least separating step on the menu, "
                                    f"${_fraction(marks['least_menu_step'])}$"))
        handles.append(Line2D([], [], color="black", lw=0.9, ls="--",
                              label=f"step-by-step plan's first step, $1/K^* = "
                                    f"{_fraction(marks['plan_first_step'])}$"))
        fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        fig.tight_layout(rect=(0, 0.2, 1, 1))
    return fig


def _fraction(value: Any, index: int | None = None) -> str:
    if value is None:
        return r"\mathrm{none}"
    number = value[index] if index is not None else value
    return str(sp.nsimplify(number))
