"""Paper items of argument 07 (notebook ``07_sanctions.ipynb``): sanctions and the dual track.

The weight on the economy below which a target tests whatever the sanctions, the table
of that weight over the range of the security value of testing under the 2017 UN
measures, and a figure of where military first and the dual track fall. Everything is
computed by :mod:`gametheory.models.sanctions`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..models import sanctions as sn
from ..plot.tables import share_macros, sobol_table
from ..reproduce import Equation, Table, TeX, register
from ..symbolic import parameter_info

__all__ = [
    "SYMBOLS",
    "sanctions_stop_testing_weight",
    "sanctions_weight_table",
    "sanctions_weight_figure",
    "sanctions_values",
]

NOTEBOOK = "07_sanctions.ipynb"

SYMBOLS = {sn.SECURITY_RESOLUTE: "s", sn.SANCTIONS_LOSS: "S", sn.ECONOMY_WEIGHT: "w"}
"""How the paper writes the model's parameters."""


@register("sanctions_stop_testing_weight", kind="equation", notebook=NOTEBOOK,
          description="weight on the economy below which a target tests even under "
                      "certain sanctions")
def sanctions_stop_testing_weight() -> Equation:
    return Equation(sn.stop_testing_weight(), symbol_names=SYMBOLS, lhs=r"w^{*}(s, S)")


@register("sanctions_weight_table", kind="table", notebook=NOTEBOOK,
          description="weight on the economy needed to stop testing under the 2017 UN "
                      "sanctions, over the assumed range of the security value of testing")
def sanctions_weight_table() -> Table:
    rows = [
        [r["security_value"], r["threshold_weight"], float(r["threshold_weight"]),
         r["military_first_tests"], r["dual_track_tests"]]
        for r in sn.weight_needed_to_stop_testing()
    ]
    header = [
        TeX(r"security value $s$ (\$bn/yr)"), TeX("$w^{*}$"), TeX(r"$\approx$"),
        TeX(f"military first ($w={sp.latex(sn.MILITARY_FIRST)}$) tests"),
        TeX(f"dual track ($w={sp.latex(sn.DUAL_TRACK)}$) tests"),
    ]
    return Table(header=header, rows=rows, align="rrrcc", float_format="{:.2f}")


@register("sanctions_weight_figure", kind="figure", notebook=NOTEBOOK,
          description="weight on the economy needed to stop testing against the security "
                      "value of testing, 2017 UN sanctions; military first and dual track marked")
def sanctions_weight_figure() -> Any:
    from ..plot.annotated import band, threshold
    from ..plot.style import PALETTE, figure, paper_style
    from ..symbolic import compile_expr

    loss = sn.sanctions_loss_2017()
    low, high = parameter_info(sn.SECURITY_RESOLUTE).plausible_range or (4, 20)
    weight = compile_expr(sn.stop_testing_weight(sn.SECURITY_RESOLUTE, loss), [sn.SECURITY_RESOLUTE])
    s = np.linspace(0.0, float(high), 401)
    w = np.asarray(weight(security_resolute=s), dtype=float)
    fig, ax = figure(columns=1, aspect=0.72)
    band(ax, s, 0, w, color=PALETTE[5], label="tests even under sanctions")
    band(ax, s, w, 1, color=PALETTE[2], label="sanctions stop testing")
    ax.set(xlim=(0, float(high)), ylim=(0, 1), xlabel=r"security value of testing, $s$ (\$bn a year)",
           ylabel=r"weight on the economy, $w$")
    with paper_style():
        ax.plot(s, w, color="black", lw=1.0)
        ax.axvspan(float(low), float(high), ymin=0, ymax=0.02, color="grey", lw=0)
        ax.annotate("assumed range of $s$", (float(low), 0.03), fontsize=6.5, color="grey",
                    xytext=(2, 2), textcoords="offset points")
    for k, (name, value) in enumerate((("military first", sn.MILITARY_FIRST),
                                       ("dual track", sn.DUAL_TRACK))):
        threshold(ax, value, color=PALETTE[k], text=name, at=float(high), ha="right")
    with paper_style():
        # A white box: the patches' colours must not mix with the shading behind them.
        ax.legend(loc="upper left", frameon=True, framealpha=1, facecolor="white",
                  edgecolor="none")
    return fig


@register("sanctions_values", kind="values", notebook=NOTEBOOK,
          description="numbers quoted in the sanctions section")
def sanctions_values() -> dict[str, Any]:
    loss = sn.sanctions_loss_2017()
    s_default = parameter_info(sn.SECURITY_RESOLUTE).default
    low, high = parameter_info(sn.SECURITY_RESOLUTE).plausible_range or (4, 20)
    outcomes = sn.regime_outcomes()
    # The largest security value at which the dual track still stops testing: w* = 3/5.
    s = sp.Symbol("s", positive=True)
    (s_dual,) = sp.solve(sp.Eq(sn.stop_testing_weight(s, loss), sn.DUAL_TRACK), s)
    return {
        "SanctionsLoss": loss,
        "SanctionsMilitaryFirst": sn.MILITARY_FIRST,
        "SanctionsDualTrack": sn.DUAL_TRACK,
        "SanctionsThresholdDefault": sn.stop_testing_weight(s_default, loss),
        "SanctionsSecurityDefault": s_default,
        "SanctionsSecurityLow": sp.sympify(low),
        "SanctionsSecurityHigh": sp.sympify(high),
        "SanctionsDualTrackMaxSecurity": s_dual,
        "SanctionsDualTrackIrresolute": outcomes["dual track"]["irresolute"],
        "SanctionsMilitaryFirstIrresolute": outcomes["military first"]["irresolute"],
    }


# --------------------------------------------- the threat stage (Lacy and Niou 2004)
@register("sanctions_threat_table", kind="table", notebook=NOTEBOOK,
          description="the sanctions game with a threat stage under the 2017 UN measures: per "
                      "policy, whether the sanctioner threatens, which type halts at the "
                      "threat, on whom sanctions are imposed and whether they change "
                      "behaviour, and the economic offer a resolute target needs")
def sanctions_threat_table() -> Table:
    from ..models import sanctions_threat as th

    cal = th.SANCTIONS_2017
    rows: list[list[Any]] = []
    for name, w in (("military first", th.MILITARY_FIRST), ("dual track", th.DUAL_TRACK)):
        for o in th.threat_outcomes(cal, economy_weight=w):
            rows.append([name, w, "yes" if o.threatens else "no",
                         ", ".join(o.halts) or "none", ", ".join(o.sanctioned) or "none",
                         "yes" if o.selection else "no",
                         th.offer_needed(w, cal[th.SECURITY_RESOLUTE], cal[th.SANCTIONS_LOSS])])
    return Table(header=["policy", TeX("$w$"), "threat", "halts at threat", "sanctioned after a threat",
                         "selection", TeX(r"offer needed, \$bn/yr")], rows=rows, align="lrcllcr")


@register("sanctions_threat_values", kind="values", notebook=NOTEBOOK,
          description="Monte Carlo shares (4,000 seeded draws, Wilson intervals) of the "
                      "selection outcome under the dual track and of 'no type halts' under "
                      "military first, over the plausible ranges")
def sanctions_threat_values() -> dict[str, Any]:
    from ..models import sanctions_threat as th

    out: dict[str, Any] = {}
    for macro, est in (("SanctionsSelectionShare", th.selection_share()),
                       ("SanctionsMilitaryFirstShare", th.military_first_share())):
        out.update(share_macros(macro, est))
    sob = th.holdout_sobol()
    out["SanctionsSobolWeight"] = TeX(f"{sob.index('economy_weight')[0]:.2f}")
    return out


@register("sanctions_sensitivity_table", kind="table", notebook=NOTEBOOK,
          description="Sobol' indices of the offer a resolute target needs, (1 - w) s_H - w S, "
                      "over the plausible ranges of w and s_H (SALib, n = 1024, seed 0)")
def sanctions_sensitivity_table() -> Table:
    from ..models import sanctions_threat as th

    return sobol_table(th.holdout_sobol(), names=lambda name: name.replace("_", " "))
