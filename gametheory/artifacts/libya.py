"""Paper items of argument 03: why the Libya model will not work for North Korea.

Computed from :mod:`gametheory.models.libya`: the big-deal tree solved by ``gt.spe``
under ``LIBYA_2003`` and ``DPRK_2019`` (table), the belief threshold read off the
symbolic SPE and Bayes' rule on the 2011 intervention (equations, figure), and the
share of each calibration's ranges where disarming first is an SPE (values).
Notebook ``03_libya.ipynb`` narrates them.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.robustness import RobustnessResult
from ..models import calibration as C
from ..models.calibration import DPRK_2019, LIBYA_2003
from ..models.libya import (
    belief_effect,
    belief_threshold,
    comparison_table,
    disarm_first_robustness,
    posterior_formula,
    posterior_range,
)
from ..plot.tables import SOBOL_HEADER, percent, percent_interval, share_macros, sobol_rows
from ..reproduce import Equation, Table, TeX, register
from .definitions import PAPER_SYMBOLS

__all__ = [
    "robustness_by_calibration",
    "libya_comparison",
    "libya_belief_threshold",
    "libya_posterior",
    "libya_belief_update",
    "libya_values",
]

NOTEBOOK = "03_libya.ipynb"
CALIBRATIONS = (LIBYA_2003, DPRK_2019)
_SHOWN = (C.WAR_SHARE_DPRK, C.POWER_SHIFT, C.RELIEF_VALUE, C.DISARM_COST, C.RENEGE_GAIN,
          C.RENEGE_COST, C.REGIME_LOSS)


@functools.lru_cache(maxsize=1)
def robustness_by_calibration(draws: int = 4000, seed: int = 0) -> dict[str, RobustnessResult]:
    """Share of each calibration's ranges where disarming first is an SPE (seeded)."""
    return {cal.name: disarm_first_robustness(cal, draws=draws, seed=seed) for cal in CALIBRATIONS}


@register(
    "libya_comparison",
    kind="table",
    notebook=NOTEBOOK,
    description="the same big-deal game under the Libya 2003 and DPRK 2019 calibrations: "
    "parameters ($bn; shares for p0 and the shift), outcomes, the 2011 belief update, and "
    "the share of each calibration's ranges where disarming first is an SPE",
)
def libya_comparison() -> Table:
    names = dict(PAPER_SYMBOLS)
    rows: list[list[Any]] = []
    for s in _SHOWN:
        rows.append([TeX(f"${names[s]}$"), *(cal[s] for cal in CALIBRATIONS)])
    table = comparison_table(*CALIBRATIONS)
    labels = {
        "disarming pays (R - C - qX)": TeX(r"$R - C - qX$"),
        "US keeps its word (a > T)": TeX(r"US keeps its word ($a > T$)"),
        "belief before 2011": TeX(r"belief $q$ before 2011"),
        "belief after 2011": TeX(r"belief $q'$ after 2011"),
        "belief threshold (R - C)/X": TeX(r"threshold $q^\ast = (R - C)/X$"),
    }
    for key in table[0]:
        if key == "calibration":
            continue
        rows.append([labels.get(key, key), *(row[key] for row in table)])
    after = [belief_effect(cal).after for cal in CALIBRATIONS]
    rows.append(["big deal an SPE after 2011", *after])
    rob = robustness_by_calibration()
    rows.append(["share of ranges where it is an SPE",
                 *(percent(rob[cal.name].share, 0) for cal in CALIBRATIONS)])
    return Table(header=["", "Libya 2003", "DPRK 2019"], rows=rows, align="lrr")


@register(
    "libya_belief_threshold",
    kind="equation",
    notebook=NOTEBOOK,
    description="the belief below which disarming first is an SPE (when the US keeps its "
    "word), read off the symbolic SPE of the big-deal tree",
)
def libya_belief_threshold() -> Equation:
    derived = belief_threshold()
    written = (C.RELIEF_VALUE - C.DISARM_COST) / C.REGIME_LOSS
    # sympy prints R - C as "-C + R"; write the paper's order after checking it is the same.
    if sp.simplify(derived - written) != 0:
        raise AssertionError(f"the derived threshold {derived} is not (R - C)/X")
    return Equation(TeX(r"\frac{R - C}{X}"), lhs=r"q^{\ast}")


@register(
    "libya_posterior",
    kind="equation",
    notebook=NOTEBOOK,
    description="Bayes' rule on the 2011 intervention: the belief that a disarmed state is attacked",
)
def libya_posterior() -> Equation:
    return Equation(posterior_formula(), symbol_names=PAPER_SYMBOLS, lhs="q'")


@register(
    "libya_belief_update",
    kind="figure",
    notebook=NOTEBOOK,
    description="North Korea's belief that a disarmed state is attacked, before and after "
    "the 2011 intervention in Libya (band: likelihoods over their ranges), against the "
    "thresholds below which disarming first is an SPE",
)
def libya_belief_update() -> Any:
    from ..plot.annotated import band, curve_family, legend_below, mark, threshold
    from ..plot.style import PALETTE, figure

    cal = DPRK_2019
    lik, alt = cal[C.ATTACK_LIKELIHOOD], cal[C.ATTACK_LIKELIHOOD_ALT]
    (l0, l1), (a0, a1) = cal.range_of(C.ATTACK_LIKELIHOOD), cal.range_of(C.ATTACK_LIKELIHOOD_ALT)
    formula = sp.lambdify((C.ATTACK_RISK, C.ATTACK_LIKELIHOOD, C.ATTACK_LIKELIHOOD_ALT),
                          posterior_formula(), "numpy")
    q = np.linspace(0, 0.25, 301)
    fig, ax = figure(columns=1, aspect=0.8)
    # The posterior rises with L and falls with L', so the band's edges are corners.
    band(ax, q, formula(q, float(l0), float(a1)), formula(q, float(l1), float(a0)),
         label="posterior, likelihood ranges")
    curve_family(ax, [(rf"posterior $q'$ ($L = {sp.latex(lik)}$, $L' = {sp.latex(alt)}$)",
                       q, formula(q, float(lik), float(alt))),
                      ("no update", q, q)],
                 colors=[PALETTE[0], "grey"], linestyles=["-", ":"])
    styles = {"LIBYA_2003": (PALETTE[2], "--", "Libya 2003"), "DPRK_2019": (PALETTE[5], "-.", "DPRK 2019")}
    for c in CALIBRATIONS:
        colour, ls, label = styles[c.name]
        threshold(ax, belief_effect(c).threshold, color=colour, ls=ls, lw=1.1,
                  label=rf"threshold $q^\ast$, {label}")
    effect = belief_effect(cal)
    mark(ax, effect.prior, effect.posterior, label="calibrated prior and its posterior",
         color=PALETTE[7])
    ax.set(xlim=(0, 0.25), ylim=(0, 0.8), xlabel=r"belief before 2011, $q$",
           ylabel=r"belief after 2011, $q'$")
    legend_below(ax)
    return fig


@register(
    "libya_values",
    kind="values",
    notebook=NOTEBOOK,
    description="numbers quoted in the section on the Libya model",
)
def libya_values() -> dict[str, Any]:
    libya, dprk = belief_effect(LIBYA_2003), belief_effect(DPRK_2019)
    low, high = posterior_range(DPRK_2019)
    rob = robustness_by_calibration()
    out: dict[str, Any] = {
        "LibyaPrior": dprk.prior,
        "LibyaPosterior": dprk.posterior,
        "LibyaPosteriorLow": low,
        "LibyaPosteriorHigh": high,
        "LibyaThresholdLibya": libya.threshold,
        "LibyaThresholdDPRK": dprk.threshold,
        "LibyaBigDealLibya": libya.before,
        "LibyaBigDealDPRK": dprk.before,
        "LibyaBigDealLibyaAfter": libya.after,
    }
    for key, name in (("LibyaRobustLibya", "LIBYA_2003"), ("LibyaRobustDPRK", "DPRK_2019")):
        out[key] = percent(rob[name].share, 0)
        out[key + "CI"] = percent_interval(rob[name])
    return out


# ------------------------------------------------ the maturity mechanism (Bas and Coe)
_LABELS = {
    "programme_maturity": r"maturity $m$",
    "dismantle_cost": r"dismantling $K$",
    "relief_value": r"relief $R$",
    "yearly_stake": r"stake $\sigma$",
    "attack_risk": r"2011: $q \to q'$",
    "regime_loss": r"regime loss $X$",
    "renege_cost": r"US cost $a$",
    "full_arsenal_shift": r"shift $D$",
    "patience": r"patience $d$",
}


@functools.lru_cache(maxsize=1)
def maturity_decomposition() -> Any:
    """Libya 2003 to DPRK 2019, one primitive at a time, then the 2011 update of ``q``."""
    from ..models import maturity as mt

    post = mt.belief_update_effect(mt.DPRK_2019_M).posterior
    return mt.decomposition(mt.LIBYA_2003_M, mt.DPRK_2019_M, extra={"attack_risk": post})


@functools.lru_cache(maxsize=1)
def maturity_shares(draws: int = 4000, seed: int = 0) -> dict[str, Any]:
    """Monte Carlo shares (seeded) of the maturity verdict and of the 2011 flip."""
    from ..models import maturity as mt

    return {
        "libya": mt.deal_share(mt.LIBYA_2003_M, draws=draws, seed=seed),
        "dprk": mt.deal_share(mt.DPRK_2019_M, draws=draws, seed=seed),
        "flip_dprk": mt.update_flip_share(mt.DPRK_2019_M, draws=draws, seed=seed),
        "flip_libya": mt.update_flip_share(mt.LIBYA_2003_M, draws=draws, seed=seed),
    }


@register(
    "libya_waterfall",
    kind="figure",
    notebook=NOTEBOOK,
    description="from Libya 2003 to North Korea 2019 one primitive at a time, then the 2011 "
    "update: North Korea's margin R - K - mqX and the US margin a - T(m) ($bn) after each "
    "change; disarming first is the SPE outcome while both are positive",
)
def libya_waterfall() -> Any:
    import matplotlib.pyplot as plt

    from ..plot.annotated import legend_below, panel_title, swatches
    from ..plot.style import ONE_COLUMN, PALETTE, paper_style

    dec = maturity_decomposition()
    labels = (["Libya 2003"] + [_LABELS.get(s.parameter, s.parameter) for s in dec.steps]
              + ["DPRK 2019, after 2011"])
    with paper_style():
        fig, axes = plt.subplots(1, 2, figsize=(ONE_COLUMN, ONE_COLUMN * 0.9), sharey=True)
        for ax, key, letter, title in ((axes[0], "dprk", "a", "North Korea\n" r"$R - K - mqX$"),
                                       (axes[1], "us", "b", "United States\n" r"$a - T(m)$")):
            levels = [float(dec.initial[key])] + [float(getattr(s, key)) for s in dec.steps]
            y = np.arange(len(levels))[::-1]
            ax.barh(y[0], levels[0], color=PALETTE[0], height=0.6)
            for i in range(1, len(levels)):
                lo, hi = sorted((levels[i - 1], levels[i]))
                up = levels[i] >= levels[i - 1]
                # A change that moves this margin across zero is hatched.
                crosses = (levels[i - 1] > 0) != (levels[i] > 0)
                ax.barh(y[i], hi - lo, left=lo, height=0.6, hatch="////" if crosses else None,
                        edgecolor="black" if crosses else "none", linewidth=0.5,
                        color=PALETTE[2] if up else PALETTE[5])
                ax.plot([levels[i - 1]] * 2, [y[i - 1] - 0.3, y[i] + 0.3], color="grey", lw=0.5)
            ax.axvline(0, color="black", lw=0.8)
            ax.barh(y[-1] - 1, levels[-1], color=PALETTE[0], height=0.6)
            ax.plot([levels[-1]] * 2, [y[-1] - 0.3, y[-1] - 0.7], color="grey", lw=0.5)
            panel_title(ax, letter, title)
            ax.set_xlabel(r"margin, \$bn", fontsize=7)
            ax.tick_params(labelsize=7)
        axes[0].set_yticks(np.arange(len(labels))[::-1] - 1)
        axes[0].set_yticklabels(labels)
        handles = swatches({"level": PALETTE[0], "rise": PALETTE[2], "fall": PALETTE[5]})
        handles += swatches({"crosses zero": "white"}, hatches={"crosses zero": "////"},
                            edgecolor="black")
    legend_below(fig, handles, ncol=4, fontsize=6, bbox_to_anchor=(0.55, -0.02),
                 handlelength=1.2, columnspacing=0.8, room=0.06)
    return fig


@register(
    "libya_decomposition",
    kind="table",
    notebook=NOTEBOOK,
    description="the decomposition behind the waterfall: each primitive's Libya and North "
    "Korea values, both margins after the change, and whether the change flips the verdict "
    "(in the chain, and alone from Libya's calibration)",
)
def libya_decomposition() -> Table:
    dec = maturity_decomposition()
    rows: list[list[Any]] = [["Libya 2003", None, None, dec.initial["dprk"], dec.initial["us"],
                              dec.start_holds, None]]
    for row in dec.table():
        rows.append([TeX(_LABELS.get(row["parameter"], row["parameter"])), row["from"], row["to"],
                     row["dprk margin"], row["us margin"], row["holds"], row["flips alone"]])
    return Table(header=["change", "from", "to", TeX("$R - K - mqX$"), TeX("$a - T(m)$"),
                         "deal holds", "flips alone"], rows=rows, align="lrrrrcc")


@register(
    "libya_maturity_values",
    kind="values",
    notebook=NOTEBOOK,
    description="numbers quoted for the maturity mechanism: Monte Carlo shares with Wilson "
    "intervals, and the 2011 update's effect",
)
def libya_maturity_values() -> dict[str, Any]:
    from ..models import maturity as mt

    shares = maturity_shares()
    out: dict[str, Any] = {}
    for key, macro in (("libya", "MatLibya"), ("dprk", "MatDPRK"), ("flip_dprk", "MatFlipDPRK"),
                       ("flip_libya", "MatFlipLibya")):
        out.update(share_macros(macro, shares[key]))
    dprk = mt.belief_update_effect(mt.DPRK_2019_M)
    libya = mt.belief_update_effect(mt.LIBYA_2003_M)
    out["MatMarginDropDPRK"] = -dprk.margin_change
    out["MatMarginDropLibya"] = -libya.margin_change
    out["MatDraws"] = shares["dprk"].draws
    return out


@register(
    "libya_sensitivity_table",
    kind="table",
    notebook=NOTEBOOK,
    description="Sobol' indices of North Korea's two margins ($bn) over the DPRK 2019 ranges "
    "(SALib, n = 1024, seed 0; first-order and total, with bootstrap half-widths)",
)
def libya_sensitivity_table() -> Table:
    from ..models import maturity as mt

    rows: list[list[Any]] = []
    names = _LABELS | {"attack_risk": r"belief $q$"}
    for margin, label in (("us", TeX("$a - T(m)$")), ("dprk", TeX("$R - K - mqX$"))):
        rows += [[label, *row] for row in sobol_rows(mt.deal_sobol(mt.DPRK_2019_M, margin=margin),
                                                     names=names)]
    return Table(header=["margin", "assumption", *SOBOL_HEADER], rows=rows, align="llrr")
