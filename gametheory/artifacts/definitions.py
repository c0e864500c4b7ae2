"""Paper items of argument 01: two definitions of "complete denuclearization".

Computed from :mod:`gametheory.models.definitions` at the ``DPRK_2019`` calibration:
the two win-sets over (scope, relief), the named packages each side accepts, the Nash
and Rubinstein divisions, the condition under which the all-for-all package lies
outside North Korea's win-set, and how much of the calibration's ranges the claim
covers. Notebook ``01_definitions.ipynb`` narrates them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.robustness import RobustnessResult, robustness
from ..models import calibration as C
from ..models.calibration import DPRK_2019, Calibration
from ..models.definitions import (
    PACKAGES,
    all_for_all_condition,
    definition_share_threshold,
    definitions_analysis,
    nash_division,
    overlap_condition,
    rubinstein_division,
    scope_cost,
)
from ..plot.tables import percent, percent_interval
from ..reproduce import Equation, Table, TeX, register

__all__ = [
    "PAPER_SYMBOLS",
    "calibration_ranges",
    "definitions_claim_robustness",
    "definitions_win_sets",
    "definitions_divisions",
    "definitions_all_for_all",
    "definitions_values",
]

NOTEBOOK = "01_definitions.ipynb"

PAPER_SYMBOLS: Mapping[sp.Symbol, str] = {
    C.RELIEF_VALUE: "R",
    C.DISARM_COST: "C",
    C.DISARM_VALUE_US: "G",
    C.RENEGE_GAIN: "T",
    C.RENEGE_COST: "a",
    C.REGIME_LOSS: "X",
    C.ATTACK_RISK: "q",
    C.ATTACK_LIKELIHOOD: "L",
    C.ATTACK_LIKELIHOOD_ALT: r"L'",
    C.DEFINITION_SHARE: "s_N",
    C.WAR_SHARE_DPRK: "p_0",
    C.POWER_SHIFT: r"\Delta",
    C.PATIENCE: r"\delta",
    C.WAR_COST_DPRK: "c_D",
    C.WAR_COST_US: "c_R",
    C.PATIENCE_US: r"\delta_{\mathrm{US}}",
    C.PATIENCE_DPRK: r"\delta_{\mathrm{DPRK}}",
}
"""How the paper writes the declared parameters (shared by the artifacts of 01-04 and 10)."""


def calibration_ranges(cal: Calibration, symbols: Iterable[sp.Symbol]) -> dict[sp.Symbol, tuple[float, float]]:
    """Uniform ranges ``(low, high)`` of the given parameters, from the calibration."""
    return {s: (float(cal.range_of(s)[0]), float(cal.range_of(s)[1])) for s in symbols}


def definitions_claim_robustness(cal: Calibration = DPRK_2019, draws: int = 20_000,
                                 seed: int = 0) -> RobustnessResult:
    """Share of the calibration's ranges where argument 01 holds.

    The claim: all-for-all lies outside North Korea's win-set **and** some partial
    package lies in both (the two closed-form conditions of the model, compiled).
    """
    claim = sp.And(all_for_all_condition(), overlap_condition())
    return robustness(claim, distributions=calibration_ranges(cal, claim.free_symbols),
                      draws=draws, seed=seed, label="all-for-all outside, partial deals inside")


@register(
    "definitions_win_sets",
    kind="figure",
    notebook=NOTEBOOK,
    description="win-sets of the US and North Korea over scope of disarmament and relief "
    "(DPRK 2019 calibration): the all-for-all package lies outside North Korea's set, "
    "partial packages lie in both",
)
def definitions_win_sets() -> Any:
    from matplotlib.patches import Polygon

    from ..plot.annotated import legend_below, mark, swatches
    from ..plot.style import PALETTE, figure, paper_style

    analysis = definitions_analysis(DPRK_2019)
    ws = analysis.win_sets
    _, package = nash_division(DPRK_2019)
    fig, ax = figure(columns=1, aspect=1.0)
    names = {"US": "US accepts", "DPRK": "North Korea accepts"}
    colours = {"US": PALETTE[0], "DPRK": PALETTE[1]}
    hatches = {"US": "////", "DPRK": "\\\\\\\\"}
    with paper_style():
        for side in ("US", "DPRK"):
            ax.add_patch(Polygon(_convex_order(ws.vertices[side]), closed=True,
                                 facecolor=colours[side], alpha=0.22, edgecolor=colours[side],
                                 hatch=hatches[side], lw=0.8))
        ax.add_patch(Polygon(_convex_order(ws.vertices["all"]), closed=True, facecolor="none",
                             edgecolor="black", lw=1.2))
    handles = swatches({names[k]: colours[k] for k in names}, alpha=0.35,
                       hatches={names[k]: hatches[k] for k in names})
    handles += swatches({"both accept": "none"}, edgecolor="black")
    markers = {"all for all": ("X", PALETTE[5]), "Yongbyon for partial relief": ("o", PALETTE[2]),
               "Yongbyon plus alpha for most relief": ("s", PALETTE[2]),
               "freeze for a freeze": ("v", PALETTE[3])}
    for name, (s, r) in PACKAGES.items():
        marker, colour = markers.get(name, ("o", PALETTE[7]))
        handles.append(mark(ax, s, r, label=name, marker=marker, color=colour, size=6,
                            mec="black", mew=0.5))
    if package:
        handles.append(mark(ax, package["scope"], package["relief"], marker="*", size=9.5,
                            color=PALETTE[7], label="Nash bargaining package"))
    ax.set(xlim=(0, 1), ylim=(0, 1), aspect="equal",
           xlabel="scope of disarmament (share of the US definition)",
           ylabel="sanctions relief and guarantees (share)")
    # Below the axes, so that no package or region is hidden behind it.
    legend_below(ax, handles, ncol=2, offset=0.16, columnspacing=1.0, handletextpad=0.4)
    return fig


def _convex_order(points: Iterable[tuple[Any, Any]]) -> np.ndarray:
    # Vertices come unordered; sort them by angle about their centroid to draw a polygon.
    pts = np.array([[float(x), float(y)] for x, y in points])
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    return pts[np.argsort(angles)]


@register(
    "definitions_divisions",
    kind="table",
    notebook=NOTEBOOK,
    description="Nash and Rubinstein divisions of the two-issue negotiation with unequal "
    "patience (DPRK 2019 calibration; utilities in $bn of present value)",
)
def definitions_divisions() -> Table:
    nash, package = nash_division(DPRK_2019)
    rows: list[list[Any]] = [[
        "Nash bargaining", package.get("scope"), package.get("relief"), nash["US"], nash["DPRK"],
    ]]
    for proposer in ("US", "DPRK"):
        pie, sol = rubinstein_division(DPRK_2019, proposer=proposer)
        shares = {sol.players[i]: sol.share(i) for i in (0, 1)}
        rows.append([f"Rubinstein, {proposer} proposes first", None, None,
                     shares["US"], shares["DPRK"]])
    return Table(header=["division", "scope", "relief", TeX(r"$u_{\mathrm{US}}$"),
                         TeX(r"$u_{\mathrm{DPRK}}$")], rows=rows, align="lrrrr")


@register(
    "definitions_all_for_all",
    kind="equation",
    notebook=NOTEBOOK,
    description="the share of the US definition above which all-for-all enters North "
    "Korea's win-set",
)
def definitions_all_for_all() -> Equation:
    derived = definition_share_threshold()
    numerator = C.DISARM_COST
    denominator = C.RELIEF_VALUE - C.ATTACK_RISK * C.REGIME_LOSS
    # sympy prints R - qX as "-qX + R"; write it in the paper's order, after checking
    # that the written form is the derived one.
    if sp.simplify(derived - numerator / denominator) != 0:
        raise AssertionError(f"the derived threshold {derived} is not C/(R - qX)")
    names = dict(PAPER_SYMBOLS)
    tex = (rf"\frac{{{sp.latex(numerator, symbol_names=names)}}}"
           rf"{{{sp.latex(C.RELIEF_VALUE, symbol_names=names)} - "
           rf"{sp.latex(C.ATTACK_RISK * C.REGIME_LOSS, symbol_names=names)}}}"
           rf"\quad\text{{(when }} R > qX\text{{)}}")
    return Equation(TeX(tex), lhs=r"s_N^{\ast}")


@register(
    "definitions_values",
    kind="values",
    notebook=NOTEBOOK,
    description="numbers quoted in the section on the two definitions",
)
def definitions_values() -> dict[str, Any]:
    cal = DPRK_2019
    point = {s: cal[s] for s in (C.RELIEF_VALUE, C.DISARM_COST, C.REGIME_LOSS, C.ATTACK_RISK,
                                 C.DEFINITION_SHARE)}
    analysis = definitions_analysis(cal)
    nash, package = nash_division(cal)
    pie, us_first = rubinstein_division(cal, proposer="US")
    _, dprk_first = rubinstein_division(cal, proposer="DPRK")
    rob = definitions_claim_robustness(cal)
    return {
        "DefScopeCost": scope_cost().xreplace(point),
        "DefRelief": cal[C.RELIEF_VALUE],
        "DefShare": cal[C.DEFINITION_SHARE],
        "DefShareThreshold": definition_share_threshold().xreplace(point),
        "DefPartialAccepted": len(analysis.in_both),
        "DefNashScope": package.get("scope"),
        "DefNashRelief": package.get("relief"),
        "DefNashUtility": nash["US"],
        "DefPie": pie,
        "DefRubinsteinUSFirst": us_first.share(0),
        "DefRubinsteinDPRKFirst": dprk_first.share(0),
        "DefRobustShare": percent(rob.share, 0),
        "DefRobustCI": percent_interval(rob, 0),
    }
