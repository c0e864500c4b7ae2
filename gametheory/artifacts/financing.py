"""Paper items of argument 08 (notebook ``08_financing.ipynb``): who pays.

The cost figures from the calibration, burden sharing among the five outside
financiers (only the most exposed pays), the set of acceptable deals growing with South
Korea's side payment, and the number of steps falling with a per-period payment, with
the payment at which one step (the big deal) suffices. Everything is computed by
:mod:`gametheory.models.financing`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..analysis.sensitivity import monte_carlo_share
from ..models import financing as fin
from ..models.calibration import (
    DPRK_2019,
    PATIENCE,
    POWER_SHIFT,
    WAR_COST_DPRK,
    WAR_COST_US,
    WAR_SHARE_DPRK,
)
from ..plot.tables import percent, share_macros
from ..reproduce import Equation, Table, TeX, register
from ..symbolic import parameter_info

__all__ = [
    "SYMBOLS",
    "SIDE_PAYMENTS",
    "financing_cost_table",
    "financing_burden_table",
    "financing_big_deal_payment",
    "financing_area_figure",
    "financing_steps_figure",
    "financing_values",
    "financing_sensitivity_table",
]

NOTEBOOK = "08_financing.ipynb"

SYMBOLS = {WAR_SHARE_DPRK: "p_0", POWER_SHIFT: r"\Delta", PATIENCE: r"\delta",
           WAR_COST_DPRK: "c_D", WAR_COST_US: "c_R"}
"""How the paper writes the commitment model's parameters."""

SIDE_PAYMENTS: tuple[int, ...] = tuple(range(0, 21, 2))
"""South Korea's side payments ($bn) at which the acceptable area is drawn."""


def _calibrated(expr: sp.Expr) -> sp.Expr:
    """``expr`` with the DPRK-2019 calibration substituted for its free symbols."""
    return sp.nsimplify(expr.subs({s: DPRK_2019[s] for s in expr.free_symbols}))


@register("financing_cost_table", kind="table", notebook=NOTEBOOK,
          description="what redirecting scientists and dismantling the programme cost: a "
                      "lower bound on ISTC funding per scientist (the funding known, US by "
                      "1996, EU and Japan, over its 58,000 lifetime scientists; no upper "
                      "value), Yongbyon's "
                      "about 2,000 staff (Reuters 2007), the KEDO budget, and published "
                      "estimates of the whole job (Heinonen 2018 to Kwon 2018; central value "
                      "assumed)")
def financing_cost_table() -> Table:
    rows = []
    for r in fin.cost_table():
        low, central, high, unit = r["low"], r["central"], r["high"], r["unit"]
        scale = 1000 if unit == "$m" and central < 1 else 1  # per person reads better in $k
        unit = "$k" if scale == 1000 else unit
        # The sources are in the calibration and the caption; the table stays one column.
        rows.append([r["item"], float(low * scale), float(central * scale),
                     None if high is None else float(high * scale), unit])
    header = ["item", "low", "central", "high", "unit"]
    return Table(header=header, rows=rows, align="lrrrl", float_format="{:,.3g}")


@register("financing_burden_table", kind="table", notebook=NOTEBOOK,
          description="who pays for denuclearization in the Nash equilibrium of the "
                      "Olson-Zeckhauser financing game, against the efficient level")
def financing_burden_table() -> Table:
    result = fin.burden_sharing()
    rows: list[list[Any]] = []
    for name, symbol in fin.EXPOSURES.items():
        rows.append([name, parameter_info(symbol).default, result["contributions"][name]])
    rows.append([TeX(r"\midrule total in equilibrium"), None, result["total"]])
    rows.append(["efficient total (Samuelson)", None, result["efficient_total"]])
    header = ["financier", TeX(r"exposure $v_i$ (\$bn)"), TeX(r"pays $g_i$ (\$bn)")]
    return Table(header=header, rows=rows, align="lrr")


@register("financing_big_deal_payment", kind="equation", notebook=NOTEBOOK,
          description="per-period payment to North Korea at and above which one step suffices")
def financing_big_deal_payment() -> Equation:
    sigma = fin.big_deal_payment()
    p0, shift, d, cd, cr = WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US
    # sympy expands the derived payment; print it grouped as in the literature where the
    # two are the same expression, and as derived otherwise.
    if sp.simplify(sigma - (d * shift - (1 - d) * (1 - p0 + cd + d * cr))) == 0:
        return Equation(TeX(r"\sigma^{*} = \delta\,\Delta - (1-\delta)\,(1 - p_0 + c_D + \delta\,c_R)"))
    return Equation(sigma, symbol_names=SYMBOLS, lhs=r"\sigma^{*}")


@register("financing_area_figure", kind="figure", notebook=NOTEBOOK,
          description="share of the packages of disarmament scope and sanctions relief that "
                      "both sides accept, against South Korea's side payment")
def financing_area_figure() -> Any:
    from ..plot.annotated import curve_family
    from ..plot.style import figure

    areas = [float(fin.acceptable_area(s)) for s in SIDE_PAYMENTS]
    fig, ax = figure(columns=1, aspect=0.65)
    curve_family(ax, [("acceptable share", SIDE_PAYMENTS, areas)], marker="o", markersize=2.5)
    ax.set(xlim=(0, max(SIDE_PAYMENTS)), ylim=(0, 1),
           xlabel=r"South Korea's side payment, $s$ (\$bn)", ylabel="acceptable share of packages")
    return fig


@register("financing_steps_figure", kind="figure", notebook=NOTEBOOK,
          description="least number of equal disarmament steps with a peaceful path against "
                      "a per-period payment to North Korea (DPRK-2019 calibration)")
def financing_steps_figure() -> Any:
    from ..plot.annotated import curve_family, threshold
    from ..plot.style import PALETTE, figure

    payments = [sp.Rational(j, 400) for j in range(0, 81)]
    steps = [fin.steps_with_financing(p) for p in payments]
    most = max(s for s in steps if s is not None)
    big_deal = _calibrated(fin.big_deal_payment())
    fig, ax = figure(columns=1, aspect=0.65)
    curve_family(ax, [("least number of steps", [float(p) for p in payments],
                       [np.nan if s is None else s for s in steps])], step="post")
    ax.set(xlim=(0, float(payments[-1])), ylim=(0, most + 1), yticks=range(0, most + 2),
           xlabel=r"payment per period, $\sigma$ (share of the yearly surplus)",
           ylabel="least number of steps")
    # Left of the line, right-aligned: the text stays inside the axes at any width.
    threshold(ax, big_deal, vertical=True, color=PALETTE[5],
              text=r"big deal possible for $\sigma \geq \sigma^{*}$", at=most + 0.5)
    return fig


@register("financing_values", kind="values", notebook=NOTEBOOK,
          description="numbers quoted in the financing section")
def financing_values() -> dict[str, Any]:
    burden = fin.burden_sharing()
    kedo = fin.kedo_shares()
    areas = {s: fin.acceptable_area(s) for s in (0, 10)}
    share = monte_carlo_share(fin.rok_pays_alone, fin.FINANCING, draws=4000, seed=0)
    return {
        "FinPayers": ", ".join(burden["payers"]),
        "FinTotal": burden["total"],
        "FinEfficientTotal": burden["efficient_total"],
        "FinShortfall": burden["shortfall"],
        "FinKEDOShare": percent(kedo["South Korea"], 0),
        "FinStaffCost": TeX(rf"\${float(fin.cost_table()[1]['central']):.1f}m"),
        **share_macros("FinShare", share, dash=True),
        "FinAreaNoPayment": percent(areas[0], 0),
        "FinAreaTenBillion": percent(areas[10], 0),
        "FinStepsNoPayment": fin.steps_with_financing(0),
        "FinBigDealPayment": _calibrated(fin.big_deal_payment()),
    }


@register("financing_sensitivity_table", kind="table", notebook=NOTEBOOK,
          description="Sobol' indices of South Korea's exposure less the largest other "
                      "(positive: it pays alone) over the exposures' plausible ranges")
def financing_sensitivity_table() -> Table:
    from ..analysis.sensitivity import sobol_indices
    from .sensitivity_tables import sobol_table

    return sobol_table(sobol_indices(fin.rok_exposure_margin, fin.FINANCING, n=1024))
