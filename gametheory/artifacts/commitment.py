"""Paper items of argument 02: one step fails where n* steps succeed.

Computed from :mod:`gametheory.models.commitment`: the least number of equal steps
``n*`` over a grid of patience and the size of the shift of power (with the big-deal
breakdown boundary drawn from its sympy relation), Krainin's point that checking one
period ahead understates ``n*``, and the Hanoi big-deal tree against the K-step tree,
both solved by ``gt.spe`` at the ``DPRK_2019`` calibration. Notebook
``02_commitment.ipynb`` narrates them.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import sympy as sp

from ..models import calibration as C
from ..models import screening as S
from ..models.calibration import DPRK_2019, LIBYA_2003, Calibration
from ..models.commitment import (
    GRID_DISCOUNTS,
    GRID_SHIFTS,
    big_deal_breakdown_condition,
    big_deal_tree,
    breakdown_shift,
    commitment_model,
    krainin_gap,
    minimal_reciprocal_steps,
    minimal_steps,
    peace_feasible,
    reaches_full_disarmament,
    steps_grid,
    tree_values,
)
from ..models.reneging import (
    minimal_primitive_steps,
    primitive_condition,
    primitive_tree,
    primitive_values,
    scaled_cost_neutrality,
    step_advantage_shares,
)
from ..plot.tables import percent, share_macros
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
    "COMMITMENT_SYMBOLS",
    "commitment_reneging",
    "commitment_screening",
    "reneging_shares",
    "screening_shares_dprk",
]

NOTEBOOK = "02_commitment.ipynb"

KRAININ_DISCOUNTS = tuple(sp.Rational(k, 100) for k in (80, 85, 88, 90, 92, 94, 95))


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

    from ..plot.annotated import curve_family, mark, panel_title
    from ..plot.style import PALETTE, figure, paper_style

    cal = DPRK_2019
    grid = steps_grid(cal)
    d = np.array([float(v) for v in GRID_DISCOUNTS])
    s = np.array([float(v) for v in GRID_SHIFTS])
    base = commitment_model(cal)
    fig, (ax, ax2) = figure(columns=2, aspect=0.4, ncols=2)
    # (a) Bands of n*: 1 (the big deal works), 2, 3-4, 5-8, 9-16, 17-32, more.
    bounds = [0.5, 1.5, 2.5, 4.5, 8.5, 16.5, 32.5, 201]
    labels = ["1", "2", "3-4", "5-8", "9-16", "17-32", "> 32"]
    cmap = ListedColormap(["#e5f5e0", "#deebf7", "#b5d4ea", "#84b9dd", "#4a98c9", "#1d6fb1", "#08306b"])
    with paper_style():
        mesh = ax.pcolormesh(s, d, grid, cmap=cmap, norm=BoundaryNorm(bounds, cmap.N),
                             shading="nearest", rasterized=True)
        bar = fig.colorbar(mesh, ax=ax, ticks=[(a + b) / 2 for a, b in zip(bounds, bounds[1:])],
                           fraction=0.06, pad=0.03)
        bar.ax.set_yticklabels(labels)
        bar.set_label(r"least number of steps, $n^{*}$")
    shift_of = sp.lambdify(C.PATIENCE, breakdown_shift(cal), "numpy")
    fine = np.linspace(d.min(), d.max(), 400)
    curve_family(ax, [("big-deal breakdown boundary", shift_of(fine), fine)], colors=[PALETTE[5]],
                 lw=1.4)
    mark(ax, base["shift"], base["discount"], label="DPRK 2019", marker="*", size=9,
         color=PALETTE[7])
    ax.set(xlim=(s.min(), s.max()), ylim=(d.min(), d.max()),
           xlabel=r"shift of power when disarmed, $\Delta$", ylabel=r"patience, $\delta$")
    with paper_style():
        ax.legend(loc="lower left", frameon=True, framealpha=0.9)
    panel_title(ax, "a", "least number of steps")

    # (b) n* against patience at the calibrated shift: every horizon against k = 1.
    fine_d = [sp.Rational(k, 200) for k in range(160, 191)]
    full, one = [], []
    for dv in fine_d:
        k1, kall = krainin_gap(base["p0"], base["shift"], dv, base["cost_declining"],
                               base["cost_rising"], max_steps=200)
        one.append(np.nan if k1 is None else k1)
        full.append(np.nan if kall is None else kall)
    x = [float(v) for v in fine_d]
    curve_family(ax2, [(r"$n^\ast$: every horizon $k$", x, full),
                       (r"one period ahead only ($k = 1$)", x, one)],
                 step="mid", linestyles=["-", "--"])
    ax2.set(xlabel=r"patience, $\delta$", ylabel="least number of steps")
    with paper_style():
        ax2.legend(loc="upper left", frameon=False)
    panel_title(ax2, "b", rf"$n^\ast$ at $\Delta = {sp.latex(base['shift'])}$, "
                          rf"$p_0 = {sp.latex(base['p0'])}$")
    with paper_style():
        fig.tight_layout()
    return fig


@register(
    "commitment_trees",
    kind="figure",
    notebook=NOTEBOOK,
    description="the Hanoi big deal (North Korea disarms first) against K* reciprocal "
    "steps, with the US costs and gain of reneging from primitives, solved by gt.spe at the "
    "DPRK 2019 calibration; payoffs (DPRK above, US below) in $bn rounded to 0.1; the SPE "
    "path is highlighted; diamonds are chance moves (an attack on a partly disarmed state, "
    "left branch, with its probability)",
)
def commitment_trees() -> Any:
    from ..plot.annotated import panel_title
    from ..plot.style import figure, paper_style
    from ..plot.tree import tree

    values = primitive_values(DPRK_2019)
    k_star = minimal_primitive_steps(values) or 2
    # Stacked, each across the full width: panel (b) has 4 K + 1 leaves.
    fig, (ax1, ax2) = figure(columns=2, aspect=0.9, nrows=2,
                             gridspec_kw={"height_ratios": [1, 1.6]})
    big = primitive_tree(1).subs(values)
    steps = primitive_tree(k_star).subs(values)
    tree(big, spe(big), ax=ax1, decimals=1, fontsize=6.5)
    # In (b) the chance branches carry their probability only: the action names are
    # those of (a) (attacked on the left).
    tree(steps, spe(steps), ax=ax2, decimals=1, fontsize=6, chance_actions=False)
    with paper_style():
        for ax in (ax1, ax2):
            for text in ax.texts:
                if text.get_text() == "Chance":
                    text.set_visible(False)
    panel_title(ax1, "a", "Hanoi big deal: North Korea disarms first")
    panel_title(ax2, "b", f"{k_star} reciprocal steps")
    with paper_style():
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
        "CommitGridBigDealShare": percent(np.mean(grid == 1), 0),
        "CommitTreeBigDeal": reaches_full_disarmament(big, 1) is True,  # type: ignore[arg-type]
        "CommitKStar": minimal_reciprocal_steps(values),
        "CommitRenegeGain": values[C.RENEGE_GAIN],
        "CommitRenegeCost": values[C.RENEGE_COST],
        **_derived_values(cal),
    }


def _derived_values(cal: Calibration) -> dict[str, Any]:
    """Macros of the reneging and screening models (section 02)."""
    prim = primitive_values(cal)
    shares = reneging_shares()
    screen = screening_shares_dprk()
    sv = S.screening_values(cal)
    separating = S.separating_steps(sv)
    out: dict[str, Any] = {
        "CommitRepCost": prim[C.REPUTATION_COST],
        "CommitAudCost": prim[C.AUDIENCE_COST],
        "CommitLeverage": prim[C.SANCTIONS_LEVERAGE],
        "CommitLambdaR": prim[C.SANCTIONS_LEVERAGE] * prim[C.RELIEF_VALUE],
        "CommitPrimKStar": minimal_primitive_steps(prim),
        "CommitScalingProof": scaled_cost_neutrality()["holds"],
        "CommitDraws": shares["derived"]["claim"].draws,
        "ScreenHoldoutRatio": sv[C.HOLDOUT_COST_RATIO],
        "ScreenPrior": sv[C.PRIOR_GENUINE],
        "ScreenLeastStep": min(separating) if separating else TeX("none"),
        "ScreenPriorThreshold": sv[C.SANCTIONS_LEVERAGE] * sv[C.RELIEF_VALUE] / sv[C.DISARM_VALUE_US],
    }
    for key, macro in (("claim", "CommitPrimClaim"), ("big deal works", "CommitPrimBigDeal"),
                       ("too many steps", "CommitPrimTooMany"),
                       ("disarming does not pay", "CommitPrimNoPay")):
        out.update(share_macros(macro, shares["derived"][key]))
    out.update(share_macros("CommitScaledClaim", shares["scaled"]["claim"]))
    for key, macro in (("big deal separates", "ScreenBigDeal"),
                       ("a partial step separates", "ScreenPartial"),
                       ("no step separates", "ScreenNone"),
                       ("small steps reciprocated by both types", "ScreenPooled")):
        out.update(share_macros(macro, screen[key]))
    return out


COMMITMENT_SYMBOLS = {**PAPER_SYMBOLS, C.REPUTATION_COST: "a_P", C.AUDIENCE_COST: "a_A",
                      C.SANCTIONS_LEVERAGE: r"\lambda", C.HOLDOUT_COST_RATIO: r"\rho",
                      C.PRIOR_GENUINE: r"\pi"}
"""How the paper writes the parameters of arguments 02 and 10 (PAPER_SYMBOLS and the new ones)."""


@functools.lru_cache(maxsize=1)
def reneging_shares() -> dict[str, Any]:
    """Monte Carlo shares of the reneging model over the DPRK ranges (seeded, once)."""
    return {"derived": step_advantage_shares(DPRK_2019, max_steps=10, draws=4000, seed=0),
            "scaled": step_advantage_shares(DPRK_2019, max_steps=10, draws=4000, seed=0,
                                            scaled=True)}


@functools.lru_cache(maxsize=1)
def screening_shares_dprk() -> dict[str, Any]:
    """Monte Carlo shares of the screening model over the DPRK ranges (seeded, once)."""
    return S.screening_shares(DPRK_2019, draws=4000, seed=0)


@register(
    "commitment_reneging",
    kind="equation",
    notebook=NOTEBOOK,
    description="where K reciprocal steps reach full disarmament when the US cost of "
    "reneging is a_P + a_A/K (reputation per breach, audience cost in proportion to the "
    "step) and its gain lambda R / K, derived by backward induction",
)
def commitment_reneging() -> Equation:
    K = sp.Symbol("K", integer=True, positive=True)
    return Equation(primitive_condition(K), symbol_names=COMMITMENT_SYMBOLS)


def _steps(xs: list[Any]) -> TeX:
    return TeX(", ".join(f"${sp.latex(x)}$" for x in xs) if xs else "none")


@register(
    "commitment_screening",
    kind="table",
    notebook=NOTEBOOK,
    description="screening by the size of North Korea's first step (a signalling game "
    "solved by gt.pbe): the first steps a genuine type takes and is reciprocated for, "
    "separating from a hold-out or pooling with it, at both calibrations and at a "
    "pessimistic US prior",
)
def commitment_screening() -> Table:
    rows: list[list[Any]] = []
    cases = (("DPRK 2019", DPRK_2019, None), ("DPRK 2019, $\\pi = 1/10$", DPRK_2019, "1/10"),
             ("Libya 2003", LIBYA_2003, None))
    for name, cal, prior in cases:
        values = S.screening_values(cal)
        if prior is not None:
            values[C.PRIOR_GENUINE] = sp.Rational(prior)
        found = S.equilibrium_steps(S.screening_pbe(values))
        refined = S.equilibrium_steps(S.screening_pbe(values, refine=True))
        rows.append([TeX(name.replace("\\\\", "\\")),
                     _steps([g for g, _ in found["separating"]]),
                     _steps([g for g, _ in found["pooling, reciprocated"]]),
                     _steps([g for g, _ in refined["separating"]])])
    return Table(header=["", "separating first steps", "pooled steps reciprocated",
                         "separating after the intuitive criterion"], rows=rows, align="llll")
