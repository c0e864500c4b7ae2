"""Paper items of argument 02: one step fails where n* steps succeed.

Computed from :mod:`gametheory.models.commitment`: the least number of equal steps
``n*`` over a grid of patience and the size of the shift of power (with the big-deal
breakdown boundary drawn from its sympy relation), Krainin's point that checking one
period ahead understates ``n*``, and the Hanoi big-deal tree against the K-step tree,
both solved by ``gt.spe`` at the ``DPRK_2019`` calibration. Notebook
``02_commitment.ipynb`` narrates them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..models import calibration as C
from ..models.calibration import DPRK_2019, Calibration
from ..models.commitment import (
    big_deal_breakdown_condition,
    big_deal_tree,
    commitment_model,
    krainin_gap,
    minimal_reciprocal_steps,
    minimal_steps,
    minimal_steps_grid,
    peace_feasible,
    reaches_full_disarmament,
    step_by_step_tree,
    tree_values,
)
from ..reproduce import Equation, Table, TeX, register
from ..solve.backward_induction import spe
from .definitions import PAPER_SYMBOLS

__all__ = [
    "GRID_DISCOUNTS",
    "GRID_SHIFTS",
    "KRAININ_DISCOUNTS",
    "steps_grid",
    "breakdown_shift",
    "commitment_steps_map",
    "commitment_trees",
    "commitment_breakdown",
    "commitment_krainin",
    "commitment_values",
]

NOTEBOOK = "02_commitment.ipynb"

GRID_DISCOUNTS = tuple(sp.Rational(k, 200) for k in range(160, 191))
"""Patience from 4/5 to 19/20 (the calibration's plausible range), in steps of 1/200."""
GRID_SHIFTS = tuple(sp.Rational(k, 80) for k in range(0, 41))
"""Shift of power from 0 to 1/2, in steps of 1/80."""
KRAININ_DISCOUNTS = tuple(sp.Rational(k, 100) for k in (80, 85, 88, 90, 92, 94, 95))


def steps_grid(cal: Calibration = DPRK_2019, discounts: Any = GRID_DISCOUNTS,
               shifts: Any = GRID_SHIFTS, max_steps: int = 200) -> np.ndarray:
    """``n*`` over ``discounts`` (rows) x ``shifts`` (columns) at the calibration's p0 and
    costs, as a float array with NaN where no path of at most ``max_steps`` steps exists."""
    base = commitment_model(cal)
    grid = minimal_steps_grid(discounts, shifts, p0=base["p0"],
                              cost_declining=base["cost_declining"],
                              cost_rising=base["cost_rising"], max_steps=max_steps)
    return np.array([[np.nan if n is None else float(n) for n in row] for row in grid])


def breakdown_shift(cal: Calibration = DPRK_2019) -> sp.Expr:
    """The shift above which the big deal breaks down, as a function of the patience symbol.

    Solved with sympy from :func:`big_deal_breakdown_condition` at the calibration's p0
    and costs.
    """
    rel = big_deal_breakdown_condition()
    point = {C.WAR_SHARE_DPRK: cal[C.WAR_SHARE_DPRK], C.WAR_COST_DPRK: cal[C.WAR_COST_DPRK],
             C.WAR_COST_US: cal[C.WAR_COST_US]}
    boundary = (rel.lhs - rel.rhs).xreplace(point)
    return sp.simplify(sp.solve(sp.Eq(boundary, 0), C.POWER_SHIFT)[0])


@register(
    "commitment_steps_map",
    kind="figure",
    notebook=NOTEBOOK,
    description="least number of equal disarmament steps n* with a peaceful path, over "
    "patience and the size of the shift of power (DPRK 2019 values of p0 and the costs), "
    "with the exact big-deal breakdown boundary; right: n* against patience, all "
    "horizons against the one-period check (Krainin 2017)",
)
def commitment_steps_map() -> Any:
    from matplotlib.colors import BoundaryNorm, ListedColormap

    from ..plot.style import PALETTE, figure, paper_style

    cal = DPRK_2019
    grid = steps_grid(cal)
    d = np.array([float(v) for v in GRID_DISCOUNTS])
    s = np.array([float(v) for v in GRID_SHIFTS])
    fig, (ax, ax2) = figure(columns=2, aspect=0.4, ncols=2)
    with paper_style():
        # Bands of n*: 1 (the big deal works), 2, 3-4, 5-8, 9-16, 17-32, more.
        bounds = [0.5, 1.5, 2.5, 4.5, 8.5, 16.5, 32.5, 201]
        labels = ["1", "2", "3-4", "5-8", "9-16", "17-32", "> 32"]
        colours = ["#e5f5e0", "#deebf7", "#b5d4ea", "#84b9dd", "#4a98c9", "#1d6fb1", "#08306b"]
        cmap = ListedColormap(colours)
        mesh = ax.pcolormesh(s, d, grid, cmap=cmap, norm=BoundaryNorm(bounds, cmap.N),
                             shading="nearest", rasterized=True)
        shift_of = sp.lambdify(C.PATIENCE, breakdown_shift(cal), "numpy")
        fine = np.linspace(d.min(), d.max(), 400)
        ax.plot(shift_of(fine), fine, color=PALETTE[5], lw=1.4,
                label="big-deal breakdown boundary")
        base = commitment_model(cal)
        ax.plot([float(base["shift"])], [float(base["discount"])], marker="*", ms=9,
                color=PALETTE[7], ls="none", label="DPRK 2019")
        ax.set_xlim(s.min(), s.max())
        ax.set_ylim(d.min(), d.max())
        ax.set_xlabel(r"shift of power when disarmed, $\Delta$")
        ax.set_ylabel(r"patience, $\delta$")
        ax.legend(loc="lower left", frameon=True, framealpha=0.9)
        bar = fig.colorbar(mesh, ax=ax, ticks=[(a + b) / 2 for a, b in zip(bounds, bounds[1:])],
                           fraction=0.06, pad=0.03)
        bar.ax.set_yticklabels(labels)
        bar.set_label(r"least number of steps, $n^{*}$")

        fine_d = [sp.Rational(k, 200) for k in range(160, 191)]
        full, one = [], []
        for dv in fine_d:
            k1, kall = krainin_gap(base["p0"], base["shift"], dv, base["cost_declining"],
                                   base["cost_rising"], max_steps=200)
            one.append(np.nan if k1 is None else k1)
            full.append(np.nan if kall is None else kall)
        x = [float(v) for v in fine_d]
        ax2.step(x, full, where="mid", color=PALETTE[0], label=r"$n^\ast$: every horizon $k$")
        ax2.step(x, one, where="mid", color=PALETTE[1], ls="--",
                 label=r"one period ahead only ($k = 1$)")
        ax2.set_xlabel(r"patience, $\delta$")
        ax2.set_ylabel("least number of steps")
        ax2.set_title(rf"(b) $n^\ast$ at $\Delta = {sp.latex(base['shift'])}$, $p_0 = {sp.latex(base['p0'])}$",
                      fontsize=8)
        ax2.legend(loc="upper left", frameon=False)
        ax.set_title("(a) least number of steps", fontsize=8)
        fig.tight_layout()
    return fig


@register(
    "commitment_trees",
    kind="figure",
    notebook=NOTEBOOK,
    description="the Hanoi big deal (North Korea disarms first) against K* reciprocal "
    "steps, solved by gt.spe at the DPRK 2019 calibration (payoffs DPRK, US in $bn); the SPE "
    "path is highlighted; diamonds are the chance of an attack on a (partly) disarmed state, "
    "attacked on the left branch",
)
def commitment_trees() -> Any:
    from ..plot.style import figure, paper_style
    from ..plot.tree import tree

    values = tree_values(DPRK_2019)
    k_star = minimal_reciprocal_steps(values) or 2
    # Stacked, each across the full width: the chance labels of a tree need room.
    fig, (ax1, ax2) = figure(columns=2, aspect=0.95, nrows=2,
                             gridspec_kw={"height_ratios": [1, 1.9]})
    big = big_deal_tree().subs(values)
    steps = step_by_step_tree(k_star).subs(values)
    tree(big, spe(big), ax=ax1)
    tree(steps, spe(steps), ax=ax2)
    with paper_style():
        for ax, size in ((ax1, 6.5), (ax2, 5.5)):
            for text in ax.texts:
                text.set_fontsize(size)
        # Panel (a) names the chance branches; in (b) their labels would overprint the
        # payoffs, so the diamonds stand alone there (same branches, probabilities q j/K).
        for text in ax2.texts:
            label = text.get_text()
            if label == "Chance" or label.startswith(("attacked", "not attacked")):
                text.set_visible(False)
        ax1.set_title("(a) Hanoi big deal: North Korea disarms first", fontsize=8)
        ax2.set_title(f"(b) {k_star} reciprocal steps", fontsize=8)
        fig.tight_layout()
    return fig


@register(
    "commitment_breakdown",
    kind="equation",
    notebook=NOTEBOOK,
    description="the one-step (big deal) breakdown condition of the commitment model",
)
def commitment_breakdown() -> Equation:
    return Equation(big_deal_breakdown_condition(), symbol_names=PAPER_SYMBOLS)


@register(
    "commitment_krainin",
    kind="table",
    notebook=NOTEBOOK,
    description="least number of steps at the DPRK 2019 shift: checking every horizon "
    "against checking one period ahead (Krainin 2017)",
)
def commitment_krainin() -> Table:
    base = commitment_model(DPRK_2019)
    rows: list[list[Any]] = []
    for d in KRAININ_DISCOUNTS:
        one, full = krainin_gap(base["p0"], base["shift"], d, base["cost_declining"],
                                base["cost_rising"], max_steps=500)
        big = peace_feasible(base["p0"], base["shift"], 1, d, base["cost_declining"],
                             base["cost_rising"])
        rows.append([d, big, one, full])
    return Table(header=[TeX(r"patience $\delta$"), "big deal peaceful",
                         TeX(r"$n$ ($k = 1$ only)"), TeX(r"$n^\ast$ (all $k$)")],
                 rows=rows, align="rlrr")


@register(
    "commitment_values",
    kind="values",
    notebook=NOTEBOOK,
    description="numbers quoted in the section on the commitment problem",
)
def commitment_values() -> dict[str, Any]:
    cal = DPRK_2019
    base = commitment_model(cal)
    one, full = krainin_gap(**base)
    values = tree_values(cal)
    big = spe(big_deal_tree().subs(values))
    grid = steps_grid(cal)
    return {
        "CommitPZero": base["p0"],
        "CommitShift": base["shift"],
        "CommitPatience": base["discount"],
        "CommitBigDealPeaceful": peace_feasible(steps=1, **base),
        "CommitNStar": minimal_steps(**base),
        "CommitNOnePeriod": one,
        "CommitNAllHorizons": full,
        "CommitBreakdownShift": breakdown_shift(cal).xreplace({C.PATIENCE: base["discount"]}),
        "CommitGridMaxSteps": int(np.nanmax(grid)),
        "CommitGridBigDealShare": TeX(f"{100 * float(np.mean(grid == 1)):.0f}\\%"),
        "CommitTreeBigDeal": reaches_full_disarmament(big, 1) is True,  # type: ignore[arg-type]
        "CommitKStar": minimal_reciprocal_steps(values),
        "CommitRenegeGain": values[C.RENEGE_GAIN],
        "CommitRenegeCost": values[C.RENEGE_COST],
    }
