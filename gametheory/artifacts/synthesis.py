"""Paper items of argument 10: slow and steady wins, and where it does not.

Computed from :mod:`gametheory.models.synthesis`: the region map of the Hanoi trees with
the US costs of reneging from primitives, each calibration on its own map (its ranges
and values); the inclusion identity ``(K - 1) a_P``; a table of every model at both
calibrations; the inclusion and the op-ed's claim per model as Monte Carlo shares with
Wilson intervals over the DPRK ranges (:mod:`gametheory.analysis.sensitivity`), and
Sobol indices of the margin by which ten steps work. Notebook ``10_synthesis.ipynb``
narrates them.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.robustness import RobustnessResult
from ..analysis.sweep import SweepResult
from ..models.calibration import DPRK_2019, LIBYA_2003
from ..models.reneging import scaled_cost_neutrality
from ..models.synthesis import (
    claim_robustness,
    claim_shares,
    claim_sobol,
    inclusion_proofs,
    inclusion_robustness,
    inclusion_shares,
    primitive_region_map,
    synthesis_table,
    tree_region_map,
)
from ..plot.tables import percent, share_macros, share_with_interval, sobol_table
from ..reproduce import Equation, Table, TeX, register
from .commitment import COMMITMENT_SYMBOLS

__all__ = [
    "REGION_STEPS",
    "CLAIM_STEPS",
    "region_map",
    "robustness_results",
    "synthesis_regions",
    "synthesis_inclusion",
    "synthesis_models",
    "synthesis_values",
    "model_shares",
    "synthesis_shares",
    "synthesis_sobol",
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
    "the Hanoi trees with the US costs of reneging from primitives, over the US leverage "
    "from sanctions lambda and the reputation cost per breach a_P; each calibration on its "
    "own map (its own ranges, its other values): (a) North Korea 2019, (b) Libya 2003",
)
def synthesis_regions() -> Any:
    from ..plot.annotated import legend_below, mark, panel_title, swatches
    from ..plot.regions import regions
    from ..plot.style import PALETTE, figure

    colours = {"big deal and steps": PALETTE[2], "steps only": PALETTE[0], "neither": PALETTE[6]}
    names = {"big deal and steps": "big deal works (and steps)",
             "steps only": f"{REGION_STEPS} steps work, the big deal does not",
             "neither": f"neither (disarming does not pay, or > {REGION_STEPS} steps)"}
    fig, axes = figure(columns=2, aspect=0.42, ncols=2)
    for ax, cal, letter, title, marker in ((axes[0], DPRK_2019, "a", "North Korea 2019", "*"),
                                           (axes[1], LIBYA_2003, "b", "Libya 2003", "o")):
        result = primitive_region_map(cal, REGION_STEPS)
        regions(result, ax=ax, colors=[colours[c] for c in result.categories],
                labels=names, legend=False,
                xlabel=r"US leverage from sanctions, $\lambda$",
                ylabel=r"reputation cost per breach, $a_P$ (\$bn)")
        mark(ax, cal["sanctions_leverage"], cal["reputation_cost"], marker=marker,
             size=8 if marker == "*" else 5)
        panel_title(ax, letter, f"{title}: $R = {sp.latex(cal['relief_value'])}$, "
                                f"$a_A = {sp.latex(cal['audience_cost'])}$")
    legend_below(fig, swatches({names[c]: colours[c] for c in colours}), ncol=3, room=0.1)
    return fig


@register(
    "synthesis_inclusion",
    kind="equation",
    notebook=NOTEBOOK,
    description="the inclusion of the big-deal region in the K-step region of the trees "
    "with costs from primitives: the US constraint's slack (times K) grows by (K - 1) a_P, "
    "nothing when every cost of reneging scales with the step",
)
def synthesis_inclusion() -> Equation:
    proof = scaled_cost_neutrality()
    if not proof["holds"]:
        raise AssertionError("the inclusion identity of the trees from primitives does not hold")
    # u_K - u_1, the K-step US slack (times K) less the big deal's: steps help by a_P alone.
    return Equation(proof["difference"], symbol_names=COMMITMENT_SYMBOLS,
                    lhs=r"K\left(a_P + \tfrac{a_A}{K} - \tfrac{\lambda R}{K}\right) - "
                        r"\left(a_P + a_A - \lambda R\right)")


@register(
    "synthesis_models",
    kind="table",
    notebook=NOTEBOOK,
    description="every model at both calibrations: does the big deal work, how many steps "
    "are needed (commitment n*, flat trees K*, trees from primitives K*), and the least "
    "first step that separates a genuine North Korea from a hold-out (a dash: none does, "
    "both types take every step)",
)
def synthesis_models() -> Table:
    rows = synthesis_table(DPRK_2019, LIBYA_2003)
    keys = [k for k in rows[0] if k != "calibration"]
    names = {"DPRK_2019": "DPRK 2019", "LIBYA_2003": "Libya 2003"}
    body = [[names.get(r["calibration"], r["calibration"]), *(r[k] for k in keys)] for r in rows]
    header = ["", "big deal peaceful", TeX(r"least $n^\ast$"), "big deal disarms (tree)",
              TeX(r"least $K^\ast$ (tree)"), TeX(r"least $K^\ast$ (primitives)"),
              "least separating first step"]
    return Table(header=header, rows=body, align="lllllll")


@register(
    "synthesis_values",
    kind="values",
    notebook=NOTEBOOK,
    description="numbers quoted in the synthesis section",
)
def synthesis_values() -> dict[str, Any]:
    # The shares come from analysis.sensitivity (model_shares); the older exact-recursion
    # robustness (robustness_results) is kept for its callers but no longer quoted.
    out: dict[str, Any] = {
        "SynthRegionSteps": REGION_STEPS,
        "SynthClaimSteps": CLAIM_STEPS,
        "SynthProofTrees": inclusion_proofs()["trees"]["holds"],
        "SynthProofCommitment": inclusion_proofs()["commitment"]["holds"],
        "SynthProofPrimitives": scaled_cost_neutrality()["holds"],
    }
    shares = model_shares()
    short = {"trees (a and T set by hand)": "Flat", "trees (costs from primitives)": "Prim",
             "commitment (shift of power)": "Commit", "screening (private type)": "Screen"}
    for model, tag in short.items():
        for kind, table in (("Incl", shares["inclusion"]), ("Claim", shares["claim"])):
            out.update(share_macros(f"Synth{kind}{tag}", table[model]))
        for kind, suffix in (("BigDeal", ": big deal works"), ("Nothing", ": nothing works")):
            out[f"Synth{kind}{tag}"] = percent(shares["claim"][model + suffix].share)
    out["SynthDraws"] = shares["inclusion"]["screening (private type)"].draws
    return out


@functools.lru_cache(maxsize=1)
def model_shares() -> dict[str, Any]:
    """Inclusion and claim shares per model over the DPRK 2019 ranges (4,000 seeded draws)."""
    return {"inclusion": inclusion_shares(DPRK_2019, steps=REGION_STEPS, draws=4000, seed=0),
            "claim": claim_shares(DPRK_2019, steps=CLAIM_STEPS, draws=4000, seed=0)}


@register(
    "synthesis_shares",
    kind="table",
    notebook=NOTEBOOK,
    description="per model, over the DPRK 2019 plausible ranges (4,000 seeded uniform "
    "draws, 95% Wilson intervals): the share where 'big deal works implies K = 5 steps work' "
    "holds, the share where the op-ed's claim holds (the big deal fails and at most 10 steps "
    "work), and how the claim fails",
)
def synthesis_shares() -> Table:
    shares = model_shares()
    rows = []
    for model, inc in shares["inclusion"].items():
        claim = shares["claim"][model]
        rows.append([model, share_with_interval(inc), share_with_interval(claim),
                     percent(shares["claim"][model + ": big deal works"].share),
                     percent(shares["claim"][model + ": nothing works"].share)])
    return Table(header=["model", "inclusion holds", "claim holds", "big deal works",
                         "nothing works"], rows=rows, align="lllll")


@register(
    "synthesis_sobol",
    kind="table",
    notebook=NOTEBOOK,
    description="Sobol indices (first order and total, 95% bootstrap intervals; SALib, "
    "Saltelli sampling) of the margin by which 10 reciprocal steps work in the trees with "
    "costs from primitives, min(10 a_P + a_A - lambda R, R - C - qX), over the DPRK 2019 ranges",
)
def synthesis_sobol() -> Table:
    res = claim_sobol(DPRK_2019, steps=CLAIM_STEPS, n=1024, seed=1)
    return sobol_table(res, names=_code)


def _code(name: str) -> TeX:
    """A parameter's name in typewriter type, as the code spells it."""
    return TeX(r"\texttt{" + name.replace("_", r"\_") + "}")
