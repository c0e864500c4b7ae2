"""Paper items of argument 10: slow and steady wins, and where it does not.

Computed from :mod:`gametheory.models.synthesis`: the region map of the Hanoi trees over
the US temptation and reputation cost (``gt.sweep`` + ``gt.plot.regions``) showing the
big-deal region inside the K-step region, the symbolic inclusion identity, a table of
both models at both calibrations, and robustness shares with confidence intervals of
the inclusion and of the op-ed's full claim over the DPRK ranges. Notebook
``10_synthesis.ipynb`` narrates them.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from ..analysis.robustness import RobustnessResult
from ..analysis.sweep import SweepResult
from ..models.calibration import DPRK_2019, LIBYA_2003
from ..models.synthesis import (
    claim_robustness,
    inclusion_proofs,
    inclusion_robustness,
    synthesis_table,
    tree_region_map,
)
from ..reproduce import Equation, Table, TeX, register
from .definitions import PAPER_SYMBOLS

__all__ = [
    "REGION_STEPS",
    "CLAIM_STEPS",
    "region_map",
    "robustness_results",
    "synthesis_regions",
    "synthesis_inclusion",
    "synthesis_models",
    "synthesis_values",
]

NOTEBOOK = "10_synthesis.ipynb"
REGION_STEPS = 5
"""K of the step-by-step tree in the region map (K* at the DPRK 2019 calibration)."""
CLAIM_STEPS = 10
"""The longest path counted as "step by step works" in the robustness of the claim."""


def region_map() -> SweepResult:
    """The tree regions over T (renege gain) x a (renege cost), other values of DPRK 2019.

    The axes span the union of the two calibrations' ranges, so that Libya's corner
    (little temptation) is on the map too.
    """
    return tree_region_map(DPRK_2019, REGION_STEPS, np.linspace(0, 40, 161), np.linspace(0.1, 10, 100))


@functools.lru_cache(maxsize=1)
def robustness_results() -> dict[str, RobustnessResult]:
    """Inclusion and claim robustness over the DPRK 2019 ranges (seeded, computed once)."""
    inclusion = inclusion_robustness(DPRK_2019, steps=REGION_STEPS)
    claim = claim_robustness(DPRK_2019, steps=CLAIM_STEPS)
    return {**{f"inclusion, {k}": v for k, v in inclusion.items()},
            **{f"claim, {k}": v for k, v in claim.items()}}


@register(
    "synthesis_regions",
    kind="figure",
    notebook=NOTEBOOK,
    description="where the big deal and K = 5 reciprocal steps reach full disarmament in "
    "the Hanoi trees, over the US gain from reneging T and its reputation cost a (other "
    "values DPRK 2019; gt.sweep with exact boundaries): the big-deal region lies inside "
    "the step-by-step region",
)
def synthesis_regions() -> Any:
    from ..plot.regions import regions
    from ..plot.style import PALETTE, paper_style

    result = region_map()
    colours = {"big deal and steps": PALETTE[2], "steps only": PALETTE[0], "neither": PALETTE[6]}
    ax = regions(result, colors=[colours.get(c, PALETTE[7]) for c in result.categories],
                 labels={"big deal and steps": "big deal works (and steps)",
                         "steps only": f"{REGION_STEPS} steps work, the big deal does not",
                         "neither": f"neither (more than {REGION_STEPS} steps needed)"},
                 xlabel=r"US gain from reneging, $T$ (\$bn)",
                 ylabel=r"US reputation cost of reneging, $a$ (\$bn)")
    ax.plot([float(DPRK_2019["renege_gain"])], [float(DPRK_2019["renege_cost"])], marker="*",
            ms=9, color="black", ls="none", label="DPRK 2019")
    ax.plot([float(LIBYA_2003["renege_gain"])], [float(LIBYA_2003["renege_cost"])], marker="o",
            ms=5, color="black", ls="none", label="Libya 2003 (its T, a)")
    handles, labels = ax.get_legend_handles_labels()
    legend = ax.get_legend()
    if legend is not None:
        # Keep the region patches of gt.plot.regions and add the two calibration marks.
        handles = list(legend.legend_handles) + handles[-2:]
        labels = [t.get_text() for t in legend.get_texts()] + labels[-2:]
    with paper_style():
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1,
                  frameon=False)
    return ax.figure


@register(
    "synthesis_inclusion",
    kind="equation",
    notebook=NOTEBOOK,
    description="the inclusion of the big-deal region in the K-step region of the trees: "
    "the US constraint's slack grows by (K - 1) a",
)
def synthesis_inclusion() -> Equation:
    proof = inclusion_proofs()["trees"]
    if not proof["holds"]:
        raise AssertionError("the tree inclusion identity does not hold")
    # The identity's left side, expanded, has lost T; the paper prints the difference of
    # the two US constraints that it came from.
    return Equation(proof["identity"].rhs, symbol_names=PAPER_SYMBOLS,
                    lhs=r"(K a - T) - (a - T)")


@register(
    "synthesis_models",
    kind="table",
    notebook=NOTEBOOK,
    description="both models at both calibrations: does the big deal work, and how many "
    "steps are needed",
)
def synthesis_models() -> Table:
    rows = synthesis_table(DPRK_2019, LIBYA_2003)
    keys = [k for k in rows[0] if k != "calibration"]
    names = {"DPRK_2019": "DPRK 2019", "LIBYA_2003": "Libya 2003"}
    body = [[names.get(r["calibration"], r["calibration"]), *(r[k] for k in keys)] for r in rows]
    header = ["", "big deal peaceful", TeX(r"least $n^\ast$"), "big deal disarms (tree)",
              TeX(r"least $K^\ast$ (tree)")]
    return Table(header=header, rows=body, align="lllll")


def _pct(v: float) -> str:
    return f"{100 * v:.0f}\\%"


def _ci(r: RobustnessResult) -> TeX:
    return TeX(f"[{100 * r.interval[0]:.1f}\\%, {100 * r.interval[1]:.1f}\\%]")


@register(
    "synthesis_values",
    kind="values",
    notebook=NOTEBOOK,
    description="numbers quoted in the synthesis section",
)
def synthesis_values() -> dict[str, Any]:
    rob = robustness_results()
    out: dict[str, Any] = {
        "SynthRegionSteps": REGION_STEPS,
        "SynthClaimSteps": CLAIM_STEPS,
        "SynthProofTrees": inclusion_proofs()["trees"]["holds"],
        "SynthProofCommitment": inclusion_proofs()["commitment"]["holds"],
    }
    macros = {
        "inclusion, trees": "SynthInclusionTrees",
        "inclusion, commitment": "SynthInclusionCommitment",
        "claim, trees": "SynthClaimTrees",
        "claim, commitment": "SynthClaimCommitment",
        "claim, trees: big deal works too": "SynthTreesBigDealToo",
        "claim, trees: no path of <= 10 steps": "SynthTreesNoPath",
        "claim, commitment: big deal works too": "SynthCommitmentBigDealToo",
    }
    for key, macro in macros.items():
        if key in rob:
            out[macro] = TeX(_pct(rob[key].share))
            out[macro + "CI"] = _ci(rob[key])
            out[macro + "Draws"] = rob[key].draws
    return out
