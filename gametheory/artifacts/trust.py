"""Paper items of argument 04: trust built step by step, action for action.

Computed from :mod:`gametheory.models.trust` at the ``DPRK_2019`` calibration: the
least discount factors at which grim trigger, tit-for-tat and limited punishment
sustain action for action (table, and grim trigger's threshold in the parameters), the
rate of the gradual path of cooperation without commitment (Lockwood and Thomas 2002,
reconstruction), its paths for several discount factors and the number of steps it
takes (figure). Notebook ``04_trust.ipynb`` narrates them.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.sensitivity import monte_carlo_share
from ..models import calibration as C
from ..models.calibration import DPRK_2019
from ..models.trust import (
    TRUST_ASSUMPTIONS,
    action_for_action_holds,
    automaton_thresholds,
    derive_gradual_rate,
    gradual_path,
    grim_threshold_symbolic,
    steps_to_share,
)
from ..plot.tables import share_macros
from ..reproduce import Equation, Table, TeX, register
from ..solve.repeated import DiscountThreshold
from .definitions import PAPER_SYMBOLS

__all__ = [
    "LIMITED",
    "PATH_DISCOUNTS",
    "TARGET_SHARE",
    "gradual_parameters",
    "thresholds",
    "trust_thresholds",
    "trust_grim_threshold",
    "trust_gradual_rate",
    "trust_gradual_paths",
    "trust_values",
    "trust_sensitivity_table",
]

NOTEBOOK = "04_trust.ipynb"
LIMITED = (1, 3, 6)
"""Punishment lengths shown (each costs the exact solver more time; 10 takes ~15 s)."""
PATH_DISCOUNTS = tuple(sp.Rational(k, 100) for k in (80, 85, 90, 95, 99))
TARGET_SHARE = sp.Rational(9, 10)
"""The share of full cooperation whose number of steps the paper quotes."""


def gradual_parameters() -> tuple[sp.Expr, sp.Expr]:
    """``(benefit, cost)`` of the symmetric gradual model: North Korea's ``R`` and ``C``.

    North Korea's ratio ``C / R`` is the binding one of the two sides at the
    calibration (the US's is ``T / G``); the grim-trigger threshold is the larger.
    """
    return DPRK_2019[C.RELIEF_VALUE], DPRK_2019[C.DISARM_COST]


@functools.lru_cache(maxsize=1)
def thresholds() -> dict[str, DiscountThreshold]:
    """:func:`~gametheory.models.trust.automaton_thresholds` at DPRK 2019, computed once."""
    return automaton_thresholds(DPRK_2019, limited=LIMITED)


def _threshold_cell(t: DiscountThreshold) -> Any:
    if t.threshold is None:
        return "none in (0, 1)"
    if isinstance(t.threshold, sp.Rational):
        return t.threshold
    # An algebraic root (sympy CRootOf) reads better as a decimal.
    return TeX(f"${float(t.threshold):.4f}$")


@register(
    "trust_thresholds",
    kind="table",
    notebook=NOTEBOOK,
    description="least discount factor at which each strategy, used by both sides, makes "
    "action for action subgame perfect (DPRK 2019 calibration, exact)",
)
def trust_thresholds() -> Table:
    rows: list[list[Any]] = []
    for name, t in thresholds().items():
        rows.append([name, _threshold_cell(t),
                     None if t.threshold is None else float(t.threshold)])
    return Table(header=["strategy of both sides", TeX(r"threshold $\delta^\ast$"), "decimal"],
                 rows=rows, align="lrr", float_format="{:.3f}")


@register(
    "trust_grim_threshold",
    kind="equation",
    notebook=NOTEBOOK,
    description="grim trigger's threshold in the parameters (R > C > 0, G > T > 0)",
)
def trust_grim_threshold() -> Equation:
    return Equation(grim_threshold_symbolic().threshold, symbol_names=PAPER_SYMBOLS,
                    lhs=r"\delta^{\ast}_{\mathrm{grim}}")


@register(
    "trust_gradual_rate",
    kind="equation",
    notebook=NOTEBOOK,
    description="the gradual path without commitment: x_t = 1 - rho^t with the rate "
    "solved from the binding incentive constraint (feasible iff delta > c/b)",
)
def trust_gradual_rate() -> Equation:
    rate = derive_gradual_rate()
    names = {s: r"\delta" for s in rate.free_symbols if s.name == "d"}
    return Equation(rate, symbol_names=names, lhs=r"x_t = 1 - \rho^t, \quad \rho")


@register(
    "trust_gradual_paths",
    kind="figure",
    notebook=NOTEBOOK,
    description="gradual cooperation without commitment at North Korea's benefit and cost: "
    "left, the fastest self-enforcing paths x_t for several discount factors; right, the "
    "number of steps to reach 90% of full cooperation, with the automata's thresholds",
)
def trust_gradual_paths() -> Any:
    from ..plot.annotated import curve_family, legend_below, panel_title, threshold
    from ..plot.style import PALETTE, figure, paper_style

    b, c = gradual_parameters()
    fig, (ax, ax2) = figure(columns=2, aspect=0.38, ncols=2)
    horizon = 40
    # (a) The fastest self-enforcing paths, one per discount factor.
    curve_family(ax, [(rf"$\delta = {float(d):.2f}$", range(horizon + 1),
                       [float(x) for x in gradual_path(b, c, d, horizon)]) for d in PATH_DISCOUNTS],
                 step="post")
    threshold(ax, TARGET_SHARE, color="grey", lw=0.7, ls=":")
    ax.set(xlim=(0, horizon), ylim=(0, 1), xlabel="period $t$", ylabel="cooperation level $x_t$")
    panel_title(ax, "a", "fastest self-enforcing paths")
    # Below the axes: inside, it would cover the slow paths.
    legend_below(ax, ncol=3, offset=0.3)

    # (b) Steps to the target share against patience, with the automata's thresholds.
    ratio = c / b
    grid = [sp.Rational(k, 400) for k in range(int(np.ceil(float(ratio) * 400)) + 1, 400)]
    steps = [steps_to_share(b, c, d, TARGET_SHARE) for d in grid]
    target = f"{float(TARGET_SHARE):.0%}"
    curve_family(ax2, [(f"steps to {target}", [float(d) for d in grid],
                        [np.nan if s is None else s for s in steps])])
    grim = thresholds()["grim trigger"].threshold
    same = grim is not None and sp.simplify(grim - ratio) == 0
    threshold(ax2, ratio, vertical=True, color=PALETTE[5], ls="-", lw=1.0,
              label=r"gradual path exists, $\delta > c/b$" + (" (= grim trigger)" if same else ""))
    if grim is not None and not same:
        threshold(ax2, grim, vertical=True, color=PALETTE[7], lw=1.0, label="grim trigger")
    styles = ["--", "-.", ":", (0, (5, 1)), (0, (1, 1))]
    shown = [(n, t.threshold) for n, t in thresholds().items() if t.threshold is not None
             and n != "grim trigger"]
    for k, (name, value) in enumerate(shown):
        threshold(ax2, value, vertical=True, color=PALETTE[(k + 2) % len(PALETTE)],
                  ls=styles[k % len(styles)], lw=1.0, label=name)
    ax2.set(yscale="log", xlim=(0.78, 1.0), xlabel=r"patience, $\delta$",
            ylabel=f"steps to {target} of full cooperation")
    panel_title(ax2, "b", "how long trust takes")
    legend_below(ax2, offset=0.3)
    with paper_style():
        fig.tight_layout()
    return fig


@register(
    "trust_values",
    kind="values",
    notebook=NOTEBOOK,
    description="numbers quoted in the section on trust",
)
def trust_values() -> dict[str, Any]:
    b, c = gradual_parameters()
    th = thresholds()
    steps = {d: steps_to_share(b, c, d, TARGET_SHARE) for d in PATH_DISCOUNTS}
    # As patience goes to 1 the rate falls to c/b, so the path never gets faster than this.
    rate_limit = c / b
    fastest = int(sp.ceiling(sp.log(1 - TARGET_SHARE) / sp.log(rate_limit)))
    # The shortest of the punishments shown (LIMITED) that sustains action for action.
    limited = {n: t for n, t in th.items() if n.startswith("limited") and t.threshold is not None}
    shortest = min(limited, key=lambda n: int(n.split("(")[1].rstrip(")"))) if limited else None
    share = monte_carlo_share(action_for_action_holds, DPRK_2019, TRUST_ASSUMPTIONS,
                              draws=4000, seed=0)
    return {
        "TrustGrimThreshold": th["grim trigger"].threshold,
        "TrustTitForTatSustains": th["tit-for-tat"].threshold is not None,
        "TrustLimitedLength": TeX(shortest.split("(")[1].rstrip(")")) if shortest else TeX("--"),
        "TrustLimitedThreshold": (float(limited[shortest].threshold)  # type: ignore[arg-type]
                                          if shortest else TeX("--")),
        "TrustBenefit": b,
        "TrustCost": c,
        "TrustRateLimit": rate_limit,
        "TrustStepsAtCalibration": steps_to_share(b, c, DPRK_2019[C.PATIENCE], TARGET_SHARE),
        "TrustStepsPatient": steps[PATH_DISCOUNTS[-1]],
        "TrustStepsImpatient": steps[PATH_DISCOUNTS[0]],
        "TrustStepsLowerBound": fastest,
        "TrustTargetShare": TeX(f"{float(TARGET_SHARE):.0%}".replace("%", "\\%")),
        **share_macros("TrustShare", share, dash=True),
    }


@register("trust_sensitivity_table", kind="table", notebook=NOTEBOOK,
          description="Sobol' indices of grim trigger's slack, patience less max(C/R, T/G), "
                      "over the plausible ranges of the DPRK-2019 calibration")
def trust_sensitivity_table() -> Table:
    from ..analysis.sensitivity import sobol_indices
    from ..models.trust import action_for_action_margin
    from .sensitivity_tables import sobol_table

    return sobol_table(sobol_indices(action_for_action_margin, DPRK_2019, TRUST_ASSUMPTIONS,
                                     n=1024))
