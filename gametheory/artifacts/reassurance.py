"""Paper items of argument 06 (notebook ``06_reassurance.ipynb``): reassurance.

Which confidence-building measures separate a trustworthy from an untrustworthy
United States (solved by ``gt.pbe``), North Korea's trust along the op-ed's sequence of
gestures in the equilibrium of the multi-stage game, the security-guarantee threshold,
and the sensitivity of the verdict (Monte Carlo share, Sobol' indices). Everything is computed by
:mod:`gametheory.models.reassurance`.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..models import reassurance as ra
from ..plot.tables import share_macros, sobol_table
from ..reproduce import Equation, Table, TeX, register
from ..symbolic import parameter_info

__all__ = [
    "SYMBOLS",
    "GUARANTEES",
    "reassurance_separating_table",
    "reassurance_guarantee_threshold",
    "reassurance_trust_path",
    "reassurance_values",
    "reassurance_sensitivity_table",
    "SENSITIVITY_NAMES",
    "reassurance_share",
]

NOTEBOOK = "06_reassurance.ipynb"

SYMBOLS = {ra.TRUST_PRIOR: r"\mu", ra.RELIEF: "W", ra.ATTACK_LOSS: "X", ra.GUARANTEE: "g"}
"""How the paper writes the model's parameters."""

GUARANTEES: tuple[int, ...] = (0, 5)
"""Guarantee values ($bn) whose disarmament beliefs the trust figure marks."""


SENSITIVITY_NAMES: tuple[str, ...] = tuple(
    n for n in ra.REASSURANCE.assumptions
    if n not in ("security_guarantee", "benefit_untrustworthy"))
"""Assumptions varied for the verdict "the gestures alone reassure" (no guarantee; the
untrustworthy benefit of the one-gesture game plays no part in the sequence)."""


def _default(symbol: sp.Symbol) -> Any:
    return parameter_info(symbol).default


def reassurance_share() -> Any:
    """Monte Carlo share (4,000 seeded draws) of the assumption space where the sequence
    of gestures ends in disarmament in equilibrium."""
    from ..analysis.sensitivity import monte_carlo_share

    return monte_carlo_share(ra.sequence_reassures, ra.REASSURANCE, SENSITIVITY_NAMES,
                             draws=4000, seed=0)


@register("reassurance_sensitivity_table", kind="table", notebook=NOTEBOOK,
          description="Sobol' indices of the reassurance margin (North Korea's belief after "
                      "the affordable gestures less the belief it needs) over the plausible "
                      "ranges of the assumptions")
def reassurance_sensitivity_table() -> Table:
    from ..analysis.sensitivity import sobol_indices

    return sobol_table(sobol_indices(ra.reassurance_margin, ra.REASSURANCE, SENSITIVITY_NAMES,
                                     n=1024))


@register("reassurance_separating_table", kind="table", notebook=NOTEBOOK,
          description="which gestures separate a trustworthy from an untrustworthy United "
                      "States at the default benefits (gt.pbe)")
def reassurance_separating_table() -> Table:
    separates = ra.separating_measures()
    bt, bu = _default(ra.BENEFIT_TRUSTWORTHY), _default(ra.BENEFIT_UNTRUSTWORTHY)
    rows = []
    for name, m in ra.MEASURES.items():
        rows.append([name, m.political_cost, m.total_cost,
                     bool(m.political_cost <= bt), bool(m.total_cost >= bu), separates[name]])
    header = [
        "gesture", TeX("cost $k$"), TeX("$k+b$"), TeX(f"$k \\le B_T = {bt}$"),
        TeX(f"$k+b \\ge B_U = {bu}$"), "separates (PBE)",
    ]
    return Table(header=header, rows=rows, align="lrrccc")


@register("reassurance_guarantee_threshold", kind="equation", notebook=NOTEBOOK,
          description="security guarantee above which North Korea disarms at belief mu")
def reassurance_guarantee_threshold() -> Equation:
    # Collected in X, the derived threshold reads as the literature writes it.
    threshold = sp.collect(ra.guarantee_threshold(), ra.ATTACK_LOSS)
    return Equation(threshold, symbol_names=SYMBOLS, lhs=r"g^{*}(\mu)")


@register("reassurance_trust_path", kind="figure", notebook=NOTEBOOK,
          description="North Korea's belief that the United States is trustworthy after each "
                      "gesture of the op-ed's sequence, for three ranges of exploitation gains, "
                      "against the belief it needs to disarm")
def reassurance_trust_path() -> Any:
    from ..plot.annotated import curve_family, legend_below, threshold
    from ..plot.style import figure

    prior = _default(ra.TRUST_PRIOR)
    low, high = parameter_info(ra.EXPLOITATION_MAX).plausible_range or (15, 60)
    fig, ax = figure(columns=1, aspect=0.72)
    labels = ["prior"] + ["declaration", "military CBMs", "peace treaty"]
    series = []
    for emax in (low, _default(ra.EXPLOITATION_MAX), high):
        path = ra.trust_path(prior=prior, exploitation_max=emax)
        series.append((f"\\${sp.sympify(emax)}bn", [int(r["step"]) for r in path],
                       [float(r["belief"]) for r in path]))
    curve_family(ax, series, marker="o")
    ax.set(xticks=range(len(labels)), xticklabels=labels, xlim=(-0.15, len(labels) - 0.85),
           ylim=(0, 1.02), xlabel="gestures made so far, in equilibrium",
           ylabel=r"belief in a trustworthy US, $\mu_m$")
    for j, g in enumerate(GUARANTEES):
        need = ra.disarm_belief(_default(ra.RELIEF), _default(ra.ATTACK_LOSS), g)
        text = "no guarantee" if g == 0 else f"guarantee \\${g}bn"
        threshold(ax, need, ls=("--", ":")[j % 2], lw=0.7, text=f"disarms above ({text})",
                  at=-0.1, fontsize=6.5)
    legend_below(ax, ncol=3, offset=0.25, title="untrustworthy types' values up to $E$ =")
    return fig


@register("reassurance_values", kind="values", notebook=NOTEBOOK,
          description="numbers quoted in the reassurance section")
def reassurance_values() -> dict[str, Any]:
    prior = _default(ra.TRUST_PRIOR)
    w, x = _default(ra.RELIEF), _default(ra.ATTACK_LOSS)
    path = ra.trust_path(prior=prior, exploitation_max=_default(ra.EXPLOITATION_MAX))
    separating = [name for name, ok in ra.separating_measures().items() if ok]
    equilibrium = ra.reassurance_equilibrium()
    share = reassurance_share()
    return {
        "ReassurePrior": prior,
        "ReassureFinalBelief": path[-1]["belief"],
        "ReassureNeededBelief": ra.disarm_belief(w, x, 0),
        "ReassureGuaranteeThreshold": ra.guarantee_threshold(prior, w, x),
        "ReassureStepsWithGuarantee": ra.steps_to_disarm(guarantee=GUARANTEES[1]),
        "ReassureGuaranteeUsed": GUARANTEES[1],
        "ReassureSeparating": ", ".join(separating) if separating else "none",
        "ReassureSteps": equilibrium.steps,
        "ReassureCutoff": equilibrium.cutoff,
        "ReassureTrustworthyCost": equilibrium.cost_trustworthy,
        **share_macros("ReassureShare", share, dash=True),
    }
