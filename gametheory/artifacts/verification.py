"""Paper items of argument 05 (notebook ``05_verification.ipynb``): verification.

Dresher's sequential inspection values against the closed form, the inspection
game's mixed equilibrium, the Green-Porter patience threshold and how it moves with
the quality of verification, and the breakdowns that false alarms cause among honest
parties. Everything is computed by :mod:`gametheory.models.verification`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..models import verification as v
from ..plot.tables import share_macros, sobol_table
from ..reproduce import Equation, Table, TeX, register
from ..symbolic import parameter_info

__all__ = [
    "FALSE_ALARM_RATES",
    "BREAKDOWN_SIGNALS",
    "SYMBOLS",
    "verification_dresher_table",
    "verification_inspection_equilibrium",
    "verification_trigger_threshold",
    "verification_threshold_curve",
    "verification_breakdowns",
    "verification_values",
]

NOTEBOOK = "05_verification.ipynb"

FALSE_ALARM_RATES: tuple[sp.Rational, ...] = (
    sp.Rational(1, 100), sp.Rational(1, 20), sp.Rational(1, 10), sp.Rational(1, 5),
)
"""False-alarm rates ``1 - p`` drawn in the threshold figure (the plausible range of p)."""

BREAKDOWN_SIGNALS: tuple[sp.Rational, ...] = (sp.Rational(19, 20), sp.Rational(99, 100))
"""Probabilities ``p`` of a good signal under compliance in the breakdown figure."""

SYMBOLS = {
    v.INSPECTION_COST: "e", v.UNDETECTED_LOSS: "c", v.DETECTED_LOSS: "a",
    v.VIOLATION_GAIN: "d", v.VIOLATION_PENALTY: "b", v.DETECTION: "r",
    v.GOOD_IF_COMPLIANT: "p", v.GOOD_IF_CHEATING: "q", v.CHEATING_GAIN: "g",
}
"""How the paper writes the model's parameters."""

DRESHER_PERIODS = 8
DRESHER_INSPECTIONS = 4


def _default(symbol: sp.Symbol) -> Any:
    return parameter_info(symbol).default


@register("verification_dresher_table", kind="table", notebook=NOTEBOOK,
          description="value of Dresher's sequential inspection game to the inspectee, "
                      "solved stage by stage with gt.nash, against the closed form")
def verification_dresher_table() -> Table:
    rows = v.sequential_inspection_table(DRESHER_PERIODS)
    value = {(r["periods"], r["inspections"]): r["value"] for r in rows}
    agrees: dict[int, bool] = {}
    for r in rows:
        agrees[r["periods"]] = agrees.get(r["periods"], True) and r["value"] == r["closed_form"]
    body = []
    for n in range(2, DRESHER_PERIODS + 1):
        cells: list[Any] = [n]
        cells += [value[(n, m)] if m < n else None for m in range(1, DRESHER_INSPECTIONS + 1)]
        cells.append(agrees[n])
        body.append(cells)
    header: list[Any] = [TeX("periods $n$")]
    header += [TeX(f"$m={m}$") for m in range(1, DRESHER_INSPECTIONS + 1)]
    header.append(TeX(r"$=\binom{n-1}{m}\big/\sum_{i\le m}\binom{n}{i}$"))
    return Table(header=header, rows=body, align="r" * (DRESHER_INSPECTIONS + 1) + "c")


@register("verification_inspection_equilibrium", kind="equation", notebook=NOTEBOOK,
          description="the inspection game's completely mixed equilibrium from gt.nash")
def verification_inspection_equilibrium() -> Equation:
    sol = v.inspection_probabilities()
    inspect = sp.latex(sol["inspect"], symbol_names=SYMBOLS)
    violate = sp.latex(sol["violate"], symbol_names=SYMBOLS)
    # sympy orders c - a as a - c and pulls out the sign; print the computed result in
    # the literature's form only where it is the same expression.
    e, c, a, r = v.INSPECTION_COST, v.UNDETECTED_LOSS, v.DETECTED_LOSS, v.DETECTION
    if sp.simplify(sol["violate"] - e / (r * (c - a))) == 0:
        violate = r"\frac{e}{r\,(c - a)}"
    return Equation(TeX(
        rf"\Pr(\text{{inspect}}) = {inspect}, \qquad \Pr(\text{{violate}}) = {violate}"
    ))


@register("verification_trigger_threshold", kind="equation", notebook=NOTEBOOK,
          description="least discount factor for the grim trigger on a noisy public signal")
def verification_trigger_threshold() -> Equation:
    return Equation(v.trigger_threshold(), symbol_names=SYMBOLS, lhs=r"\delta^{*}(p, q, g)")


@register("verification_threshold_curve", kind="figure", notebook=NOTEBOOK,
          description="patience needed to sustain a deal against the detection rate, "
                      "one line per false-alarm rate; no line where no patience suffices")
def verification_threshold_curve() -> Any:
    from ..plot.annotated import curve_family, mark
    from ..plot.style import figure, paper_style

    detection = np.linspace(0.0, 1.0, 401)
    thresholds = v.threshold_curve(detection, [float(f) for f in FALSE_ALARM_RATES])
    default_q = _default(v.GOOD_IF_CHEATING)
    default_thr = v.trigger_threshold(_default(v.GOOD_IF_COMPLIANT), default_q,
                                      _default(v.CHEATING_GAIN))
    fig, ax = figure(columns=1, aspect=0.72)
    # Left of where a line meets 1, no patience sustains the deal at that rate.
    curve_family(ax, [(f"{float(rate):.0%}", detection, row)
                      for rate, row in zip(FALSE_ALARM_RATES, thresholds)])
    mark(ax, 1 - default_q, default_thr, text="default", size=3.5)
    ax.set(xlim=(0, 1), ylim=(0, 1), xlabel=r"detection rate of a violation, $1-q$",
           ylabel=r"patience needed, $\delta^{*}$")
    with paper_style():
        ax.legend(title="false alarms $1-p$", loc="upper right", frameon=False)
    return fig


@register("verification_breakdowns", kind="figure", notebook=NOTEBOOK,
          description="share of deals between honest parties broken by false alarms "
                      "(seeded simulation, 2000 runs) against the exact probability")
def verification_breakdowns() -> Any:
    from ..plot.annotated import curve_family, legend_below
    from ..plot.style import figure

    fig, ax = figure(columns=1, aspect=0.65)
    simulated, exact = [], []
    for k, p in enumerate(BREAKDOWN_SIGNALS):
        sim = v.simulate_breakdowns(p, rounds=60, runs=2000, seed=0)
        rounds = np.arange(1, sim.rounds + 1)
        simulated.append((f"false alarms {1 - float(p):.0%} (simulated)", rounds, sim.share_broken))
        exact.append((r"exact, $1-p^{\,t-1}$" if k == 0 else None, rounds, sim.exact_share))
    curve_family(ax, simulated, step="post", lw=1.0)
    curve_family(ax, exact, colors=["black"], ls="--", lw=0.7)
    ax.set(xlim=(1, 60), ylim=(0, 1), xlabel="round $t$", ylabel="share of deals broken down")
    # Below the axes: between the curves it would cover the fast one.
    legend_below(ax, offset=0.22)
    return fig


@register("verification_values", kind="values", notebook=NOTEBOOK,
          description="numbers quoted in the verification section")
def verification_values() -> dict[str, Any]:
    p = _default(v.GOOD_IF_COMPLIANT)
    q = _default(v.GOOD_IF_CHEATING)
    g = _default(v.CHEATING_GAIN)
    sim = v.simulate_breakdowns(p, rounds=60, runs=2000, seed=0)
    # The least detection rate 1 - q at which some patience below 1 sustains the deal,
    # at a false-alarm rate of 10%: solve verification_can_sustain's boundary in q.
    qq = sp.Symbol("q")
    fa = sp.Rational(1, 10)
    boundary = v.trigger_threshold(1 - fa, qq, g) - 1
    (q_max,) = sp.solve(sp.numer(sp.together(boundary)), qq)
    return {
        "VerifDefaultThreshold": v.trigger_threshold(p, q, g),
        "VerifFalseAlarm": TeX(f"{float(1 - p):.0%}".replace("%", r"\%")),
        "VerifDetection": TeX(f"{float(1 - q):.0%}".replace("%", r"\%")),
        "VerifBrokenByTwenty": TeX(f"{float(sim.exact_share[19]):.0%}".replace("%", r"\%")),
        "VerifMinDetectionAtTen": TeX(f"{float(1 - q_max):.0%}".replace("%", r"\%")),
        "VerifDresherEightTwo": v.sequential_inspection_value(8, 2),
        "VerifDresherPeriods": DRESHER_PERIODS,
    }


# ----------------------------------------------- forgiving punishments and step size
_STEPS = (sp.Rational(1, 10), sp.Rational(1, 4), sp.Rational(1, 2), sp.Rational(3, 4), sp.Integer(1))


@register("verification_forgiving_table", kind="table", notebook=NOTEBOOK,
          description="per step size x: the probability cheating on the step goes unseen, "
                      "the gain from cheating, the shortest deterring punishment k, the deal's "
                      "value and the long-run share of periods spent punishing false alarms")
def verification_forgiving_table() -> Table:
    from ..models import forgiving as fg

    rows = [[r["step"], r["unseen"], r["gain"], r["best_k"],
             r["value"], r["punishing"]] for r in fg.best_punishment_by_step(_STEPS)]
    return Table(header=[TeX("step $x$"), TeX("$q(x)$"), TeX("gain $g x$"), TeX("least $k$"),
                         TeX("value $V_k$"), "time punishing"], rows=rows, align="rrrrrr")


@register("verification_forgiving_figure", kind="figure", notebook=NOTEBOOK,
          description="the shortest deterring punishment and the long-run share of periods "
                      "spent punishing false alarms, against the step size (the grim "
                      "trigger punishes for ever)")
def verification_forgiving_figure() -> Any:
    from ..models import forgiving as fg
    from ..plot.annotated import curve_family
    from ..plot.style import PALETTE, figure, paper_style

    steps = [sp.Rational(j, 20) for j in range(1, 21)]
    rows = fg.best_punishment_by_step(steps)
    fig, ax = figure(columns=1, aspect=0.7)
    shown = [r for r in rows if r["best_k"] is not None]
    xs = [float(r["step"]) for r in shown]
    ks = [r["best_k"] for r in shown]
    lines = curve_family(ax, [("least deterring $k$ (left)", xs, ks)], step="mid")
    ax.set(xlabel="step size $x$ (share of the programme)", ylabel="punishment length $k$, periods",
           ylim=(0, max(ks) + 1), xlim=(0, 1))
    with paper_style():
        right = ax.twinx()
        right.spines["right"].set_visible(True)
    lines += curve_family(right, [("time punishing, % (right)", xs,
                                   [100 * float(r["punishing"]) for r in shown])],
                          step="mid", colors=[PALETTE[5]], ls="--")
    right.set(ylabel="periods punishing, %", ylim=(0, None))
    with paper_style():
        ax.legend(lines, [ln.get_label() for ln in lines], loc="upper left", frameon=False,
                  fontsize=7)
    return fig


@register("verification_forgiving_values", kind="values", notebook=NOTEBOOK,
          description="the share of the ranges (4,000 seeded draws, Wilson interval) where a "
                      "step within inspection capacity needs a shorter punishment than the "
                      "big deal")
def verification_forgiving_values() -> dict[str, Any]:
    from ..models import forgiving as fg

    est = fg.small_steps_forgive_share()
    return share_macros("VerificationSmallStepsShare", est)


@register("verification_sensitivity_table", kind="table", notebook=NOTEBOOK,
          description="Sobol' indices of the small step's advantage over the big deal (the "
                      "difference of incentive slacks under a one-period punishment) over the "
                      "plausible ranges (SALib, n = 1024, seed 0)")
def verification_sensitivity_table() -> Table:
    from ..models import forgiving as fg

    return sobol_table(fg.step_advantage_sobol(), names=lambda name: name.replace("_", " "))
