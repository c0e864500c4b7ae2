"""Paper items of argument 09 (notebook ``09_six_party.ipynb``): the Six-Party Talks.

The Shapley value of the six parties (with what each adds to a deal), and the patience
needed to sustain a deal under multilateral punishment as partners join. Everything is
computed by :mod:`gametheory.models.six_party`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..models import six_party as sx
from ..reproduce import Equation, Table, TeX, register
from ..symbolic import parameter_info

__all__ = [
    "PROGRAM_VALUES",
    "six_party_shapley_table",
    "six_party_threshold_table",
    "six_party_threshold_equation",
    "six_party_threshold_figure",
    "six_party_values",
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
                      "one line per value of keeping the programme; above 1 no patience suffices")
def six_party_threshold_figure() -> Any:
    from ..plot.style import PALETTE, figure, paper_style

    b = _default(sx.PARTNER_BENEFIT)
    patience = _default(sx.PUNISHMENT_PATIENCE)
    fig, ax = figure(columns=1, aspect=0.72)
    with paper_style():
        ax.axhspan(1, 2.1, color="grey", alpha=0.15, lw=0)
        ax.annotate("no patience suffices", (5.1, 2.05), ha="right", va="top", fontsize=7,
                    color="dimgrey")
        for j, g in enumerate(PROGRAM_VALUES):
            rows = sx.threshold_by_punishers(b, g)
            ks = [int(r["punishers"]) for r in rows]
            thr = np.array([float(r["threshold"]) for r in rows])
            ax.plot(ks, np.minimum(thr, 2.05), marker="o", ms=3, color=PALETTE[j],
                    label=f"${sp.latex(g)}$")
        ax.axhline(float(patience), color="black", ls="--", lw=0.8)
        ax.annotate(rf"default $\delta = {sp.latex(sp.sympify(patience))}$", (2.5, float(patience)),
                    xytext=(0, 1), textcoords="offset points", va="bottom", fontsize=7)
        ax.set_xticks(range(1, len(sx.PARTIES)))
        ax.set_xlim(0.8, 5.2)
        ax.set_ylim(0, 2.1)
        ax.set_xlabel("number of punishing partners, $k$")
        ax.set_ylabel(r"patience needed, $\delta^{*} = G/(k\,b)$")
        ax.legend(title="value of keeping the programme, $G$", loc="upper center",
                  bbox_to_anchor=(0.5, -0.2), frameon=False, ncol=len(PROGRAM_VALUES))
    return fig


@register("six_party_values", kind="values", notebook=NOTEBOOK,
          description="numbers quoted in the Six-Party Talks section")
def six_party_values() -> dict[str, Any]:
    rows = {r["party"]: r for r in sx.shapley_table()}
    core = sx.six_party_core()
    patience = _default(sx.PUNISHMENT_PATIENCE)
    veto = rows["United States"]
    return {
        "SixVetoShapley": veto["shapley"],
        "SixVetoShare": TeX(f"{float(veto['share']):.0%}".replace("%", r"\%")),
        "SixROKShapley": rows["South Korea"]["shapley"],
        "SixCoreEmpty": bool(core.is_empty),
        "SixPatience": patience,
        "SixMinPunishers": sx.minimal_punishers(patience),
        "SixProgramValue": _default(sx.PROGRAM_VALUE),
        "SixThresholdAll": sx.punishment_threshold(len(sx.PARTIES) - 1, _default(sx.PARTNER_BENEFIT),
                                                   _default(sx.PROGRAM_VALUE)),
    }
