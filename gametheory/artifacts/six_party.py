"""Paper items of argument 09 (notebook ``09_six_party.ipynb``): the Six-Party Talks.

The Shapley value of the six parties (with what each adds to a deal), and the patience
needed to sustain a deal under multilateral punishment as partners join. Everything is
computed by :mod:`gametheory.models.six_party`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..models import enforcement as en
from ..models import six_party as sx
from ..plot.tables import percent, share_macros, sobol_table
from ..reproduce import Equation, Table, TeX, register
from ..symbolic import parameter_info

__all__ = [
    "PROGRAM_VALUES",
    "six_party_shapley_table",
    "six_party_threshold_table",
    "six_party_threshold_equation",
    "six_party_threshold_figure",
    "six_party_values",
    "six_party_enforcement_table",
    "six_party_sensitivity_table",
    "six_party_share",
]

NOTEBOOK = "09_six_party.ipynb"

PROGRAM_VALUES: tuple[sp.Rational, ...] = (
    sp.Rational(1, 2), sp.Integer(1), sp.Rational(3, 2), sp.Integer(2), sp.Integer(4),
)
"""Values of keeping the programme ``G`` (its plausible range) drawn in the figure."""


def _default(symbol: sp.Symbol) -> Any:
    return parameter_info(symbol).default


@register("six_party_shapley_table", kind="table", notebook=NOTEBOOK,
          description="Shapley value of each party in the Six-Party Talks game "
                      "(gt.shapley_value), with what each non-veto party adds to a deal")
def six_party_shapley_table() -> Table:
    rows = [[r["party"], r["contribution"], r["shapley"], float(r["share"])]
            for r in sx.shapley_table()]
    header = ["party", TeX("adds $a_i$"), TeX(r"Shapley value $\phi_i$"), "share"]
    return Table(header=header, rows=rows, align="lrrr", float_format="{:.2f}")


@register("six_party_threshold_equation", kind="equation", notebook=NOTEBOOK,
          description="least discount factor for multilateral grim-trigger punishment "
                      "with k punishers")
def six_party_threshold_equation() -> Equation:
    b, g = sx.PARTNER_BENEFIT, sx.PROGRAM_VALUE
    expr = sx.punishment_threshold_formula()
    return Equation(expr, symbol_names={b: "b", g: "G"}, lhs=r"\delta^{*}(k)")


@register("six_party_threshold_table", kind="table", notebook=NOTEBOOK,
          description="patience needed to sustain a deal as punishers join, at the "
                      "default programme value")
def six_party_threshold_table() -> Table:
    b, g = _default(sx.PARTNER_BENEFIT), _default(sx.PROGRAM_VALUE)
    partners = [p for p in sx.PARTIES if p != "North Korea"]
    rows = []
    for r in sx.threshold_by_punishers(b, g):
        k = int(r["punishers"])
        rows.append([k, partners[k - 1], r["threshold"], bool(r["feasible"])])
    header = [TeX("punishers $k$"), "last to join", TeX(r"$\delta^{*}$"), TeX(r"$\delta^{*} < 1$")]
    return Table(header=header, rows=rows, align="rlrc")


@register("six_party_threshold_figure", kind="figure", notebook=NOTEBOOK,
          description="patience needed to sustain a deal against the number of punishers, "
                      "one line per value of keeping the programme, drawn only where some discount factor in (0, 1) suffices")
def six_party_threshold_figure() -> Any:
    from ..plot.annotated import curve_family, legend_below, threshold
    from ..plot.style import figure

    b = _default(sx.PARTNER_BENEFIT)
    patience = _default(sx.PUNISHMENT_PATIENCE)
    fig, ax = figure(columns=1, aspect=0.72)
    series = []
    for g in PROGRAM_VALUES:
        rows = sx.threshold_by_punishers(b, g)
        # A threshold of 1 or more is no discount factor: those points are not drawn.
        series.append((f"${sp.latex(g)}$", [int(r["punishers"]) for r in rows],
                       [float(r["threshold"]) if bool(r["threshold"] < 1) else np.nan for r in rows]))
    curve_family(ax, series, marker="o")
    ax.set(xticks=range(1, len(sx.PARTIES)), xlim=(0.8, 5.2), ylim=(0, 1),
           xlabel="number of punishing partners, $k$",
           ylabel=r"patience needed, $\delta^{*} = G/(k\,b)$")
    threshold(ax, patience, lw=0.8, at=0.85,
              text=rf"default $\delta = {sp.latex(sp.sympify(patience))}$")
    legend_below(ax, ncol=len(PROGRAM_VALUES), offset=0.22,
                 title="value of keeping the programme, $G$")
    return fig


def six_party_share() -> Any:
    """Monte Carlo share (4,000 seeded draws over :data:`~gametheory.models.enforcement.SIX_PARTY`)
    in which the credible punishers, with leakage, sustain compliance."""
    from ..analysis.sensitivity import monte_carlo_share

    return monte_carlo_share(en.multilateral_deal_holds, en.SIX_PARTY, draws=4000, seed=0)


@register("six_party_enforcement_table", kind="table", notebook=NOTEBOOK,
          description="who punishes credibly: each partner's stake (its exposure in the "
                      "financing game), its cost of punishing and the leakage of its "
                      "sanctions, at the defaults (all ASSUMPTIONS)")
def six_party_enforcement_table() -> Table:
    credible = en.credible_punishers()
    rows = []
    for p in en.PARTNERS:
        stake = _default(en.EXPOSURES[p])
        cost = _default(en.PUNISHMENT_COSTS[p])
        leak = _default(en.LEAKAGE[p]) if p in en.LEAKAGE else sp.Integer(0)
        rows.append([p, stake, cost, leak, "yes" if p in credible else "no (free rides)"])
    header = ["partner", TeX(r"stake $l_j$"), TeX(r"cost $c_j$"), TeX(r"leakage $\lambda_j$"),
              "punishes"]
    return Table(header=header, rows=rows, align="lrrrl")


@register("six_party_sensitivity_table", kind="table", notebook=NOTEBOOK,
          description="Sobol' indices of the enforcement margin (patience less the credible "
                      "punishers' threshold) over the plausible ranges")
def six_party_sensitivity_table() -> Table:
    from ..analysis.sensitivity import sobol_indices

    return sobol_table(sobol_indices(en.enforcement_margin, en.SIX_PARTY, n=1024), top=6,
                       label="assumption (six largest)")


@register("six_party_values", kind="values", notebook=NOTEBOOK,
          description="numbers quoted in the Six-Party Talks section")
def six_party_values() -> dict[str, Any]:
    rows = {r["party"]: r for r in sx.shapley_table()}
    core = sx.six_party_core()
    patience = _default(sx.PUNISHMENT_PATIENCE)
    veto = rows["United States"]
    effective = en.effective_threshold()
    share = six_party_share()
    return {
        "SixVetoShapley": veto["shapley"],
        "SixVetoShare": percent(veto["share"], 0),
        "SixROKShapley": rows["South Korea"]["shapley"],
        "SixCoreEmpty": bool(core.is_empty),
        "SixPatience": patience,
        "SixMinPunishers": sx.minimal_punishers(patience),
        "SixProgramValue": _default(sx.PROGRAM_VALUE),
        "SixCredible": ", ".join(effective["punishers"]),
        "SixEffectiveThreshold": effective["threshold"],
        **share_macros("SixShare", share, dash=True),
        "SixThresholdAll": sx.punishment_threshold(len(sx.PARTIES) - 1, _default(sx.PARTNER_BENEFIT),
                                                   _default(sx.PROGRAM_VALUE)),
    }
