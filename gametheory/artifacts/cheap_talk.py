"""Paper items of argument 11 (notebook ``11_threaten_no_one.ipynb``): "we threaten no one".

Whether North Korea's version of China's narrative can reassure: as cheap talk (never,
while both types want engagement), or backed by restraint that costs an aggressive
state more than engagement gains it. Everything is computed by
:mod:`gametheory.models.cheap_talk`.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..analysis.sensitivity import monte_carlo_share
from ..models import cheap_talk as ct
from ..plot.tables import share_macros
from ..reproduce import Equation, Table, register
from ..symbolic import parameter_info

__all__ = ["narrative_separation_condition", "narrative_separation_figure", "narrative_values",
           "narrative_sensitivity_table", "MARGIN_NAMES"]

MARGIN_NAMES = ("ct_gain_benign", "ct_cost_benign", "ct_gain_aggressive", "ct_cost_aggressive")
"""The assumptions the costly narrative's margin depends on."""

NOTEBOOK = "11_threaten_no_one.ipynb"


def _default(symbol: sp.Symbol) -> Any:
    return parameter_info(symbol).default


@register("narrative_separation_condition", kind="equation", notebook=NOTEBOOK,
          description="when restraint backing 'we threaten no one' separates a benign from an "
                      "aggressive North Korea")
def narrative_separation_condition() -> Equation:
    names = {ct.COST_BENIGN: "k_B", ct.COST_AGGRESSIVE: "k_A", ct.GAIN_BENIGN: "u_B",
             ct.GAIN_AGGRESSIVE: "u_A"}
    return Equation(ct.separation_condition(), symbol_names=names)


@register(
    "narrative_separation_figure",
    kind="figure",
    notebook=NOTEBOOK,
    description="which restraint makes 'we threaten no one' credible: the separating region in "
    "the costs of the restraint to an aggressive (k_A) and a benign (k_B) North Korea, at the "
    "default gains from engagement (gt.pbe at the marked points)",
)
def narrative_separation_figure() -> Any:
    from matplotlib.patches import Rectangle

    from ..plot.annotated import legend_below, mark, threshold
    from ..plot.style import PALETTE, figure, paper_style

    ub, ua = float(_default(ct.GAIN_BENIGN)), float(_default(ct.GAIN_AGGRESSIVE))
    ka_max = float(parameter_info(ct.COST_AGGRESSIVE).plausible_range[1])  # type: ignore[index]
    kb_max = float(parameter_info(ct.COST_BENIGN).plausible_range[1])  # type: ignore[index]
    verdicts = ct.restraint_verdicts()
    fig, ax = figure(columns=1, aspect=0.7)
    with paper_style():
        ax.add_patch(Rectangle((ua, 0), ka_max - ua, ub, color=PALETTE[2], alpha=0.25, lw=0))
        for (x, y), text, colour in (
                (((ua + ka_max) / 2, ub / 2), "narrative separates", "black"),
                ((ua / 2, kb_max * 0.8), "aggressive\ntype mimics", "dimgrey"),
                (((ua + ka_max) / 2, (ub + kb_max) / 2 + 0.1), "too costly for a benign type",
                 "dimgrey")):
            ax.text(x, y, text, ha="center", va="center", fontsize=7, color=colour)
    for j, (name, (kb, ka)) in enumerate(ct.RESTRAINTS.items()):
        ok = verdicts[name]
        mark(ax, ka, kb, marker="o" if ok else "X", color=PALETTE[j],
             label=f"{name} ({'separates' if ok else 'pools'})")
    threshold(ax, ua, vertical=True, lw=0.6)
    threshold(ax, ub, lw=0.6)
    ax.set(xlim=(-0.1, ka_max), ylim=(-0.1, kb_max),
           xlabel=r"cost of the restraint to an aggressive type, $k_A$",
           ylabel=r"cost to a benign type, $k_B$")
    legend_below(ax, offset=0.22)
    return fig


def narrative_share() -> Any:
    """Monte Carlo share (4,000 seeded draws over :data:`~gametheory.models.cheap_talk.NARRATIVE`)
    in which restraint at the drawn costs makes the narrative separate."""
    return monte_carlo_share(ct.costly_narrative_separates, ct.NARRATIVE, draws=4000, seed=0)


@register("narrative_values", kind="values", notebook=NOTEBOOK,
          description="numbers quoted in the 'we threaten no one' section")
def narrative_values() -> dict[str, Any]:
    verdicts = ct.restraint_verdicts()
    share = narrative_share()
    bias = _default(ct.BIAS)
    return {
        "NarrBabbling": "babbling" if ct.narrative_is_babbling() else "informative",
        "NarrEngageThreshold": ct.engagement_threshold(_default(ct.ENGAGE_LOSS)),
        "NarrPrior": _default(ct.PRIOR_BENIGN),
        "NarrSeparating": ", ".join(n for n, ok in verdicts.items() if ok) or "none",
        "NarrPooling": ", ".join(n for n, ok in verdicts.items() if not ok) or "none",
        **share_macros("NarrShare", share, dash=True),
        "NarrBias": bias,
        "NarrPartitions": ct.max_partition_size(bias),
    }


@register("narrative_sensitivity_table", kind="table", notebook=NOTEBOOK,
          description="Sobol' indices of the costly narrative's margin, min(u_B - k_B, "
                      "k_A - u_A), over the plausible ranges")
def narrative_sensitivity_table() -> Table:
    from ..analysis.sensitivity import sobol_indices
    from .sensitivity_tables import sobol_table

    return sobol_table(sobol_indices(ct.costly_narrative_margin, ct.NARRATIVE, MARGIN_NAMES,
                                     n=1024))
