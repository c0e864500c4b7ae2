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
    from ..plot.style import PALETTE, figure, paper_style
    detection = np.linspace(0.0, 1.0, 401)
    thresholds = v.threshold_curve(detection, [float(f) for f in FALSE_ALARM_RATES])
    default_p = _default(v.GOOD_IF_COMPLIANT)
    default_q = _default(v.GOOD_IF_CHEATING)
    default_g = _default(v.CHEATING_GAIN)
    default_thr = v.trigger_threshold(default_p, default_q, default_g)
    fig, ax = figure(columns=1, aspect=0.72)
    with paper_style():
        for k, (rate, row) in enumerate(zip(FALSE_ALARM_RATES, thresholds)):
            # Left of where a line meets 1, no patience sustains the deal at that rate.
            ax.plot(detection, row, color=PALETTE[k], label=f"{float(rate):.0%}")
        ax.plot([1 - float(default_q)], [float(default_thr)], "o", color="black", ms=3.5,
                zorder=5)
        ax.annotate("default", (1 - float(default_q), float(default_thr)),
                    xytext=(4, 4), textcoords="offset points", fontsize=7)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel(r"detection rate of a violation, $1-q$")
        ax.set_ylabel(r"patience needed, $\delta^{*}$")
        ax.legend(title="false alarms $1-p$", loc="upper right", frameon=False)
    return fig


@register("verification_breakdowns", kind="figure", notebook=NOTEBOOK,
          description="share of deals between honest parties broken by false alarms "
                      "(seeded simulation, 2000 runs) against the exact probability")
def verification_breakdowns() -> Any:
    from ..plot.style import PALETTE, figure, paper_style

    fig, ax = figure(columns=1, aspect=0.65)
    with paper_style():
        for k, p in enumerate(BREAKDOWN_SIGNALS):
            sim = v.simulate_breakdowns(p, rounds=60, runs=2000, seed=0)
            rounds = np.arange(1, sim.rounds + 1)
            ax.step(rounds, sim.share_broken, where="post", color=PALETTE[k], lw=1.0,
                    label=f"false alarms {1 - float(p):.0%} (simulated)")
            ax.plot(rounds, sim.exact_share, color="black", ls="--", lw=0.7,
                    label=r"exact, $1-p^{\,t-1}$" if k == 0 else None)
        ax.set_xlim(1, 60)
        ax.set_ylim(0, 1)
        ax.set_xlabel("round $t$")
        ax.set_ylabel("share of deals broken down")
        ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.6), frameon=False)
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
    from ..plot.style import PALETTE, figure, paper_style

    steps = [sp.Rational(j, 20) for j in range(1, 21)]
    rows = fg.best_punishment_by_step(steps)
    fig, ax = figure(columns=1, aspect=0.7)
    with paper_style():
        xs = [float(r["step"]) for r in rows if r["best_k"] is not None]
        ks = [r["best_k"] for r in rows if r["best_k"] is not None]
        ax.step(xs, ks, where="mid", color=PALETTE[0], label="least deterring $k$ (left)")
        ax.set_xlabel("step size $x$ (share of the programme)")
        ax.set_ylabel("punishment length $k$, periods")
        ax.set_ylim(0, max(ks) + 1)
        ax.set_xlim(0, 1)
        right = ax.twinx()
        right.step(xs, [100 * float(r["punishing"]) for r in rows if r["best_k"] is not None],
                   where="mid", color=PALETTE[5], ls="--", label="time punishing, % (right)")
        right.set_ylabel("periods punishing, %")
        right.set_ylim(0, None)
        right.spines["right"].set_visible(True)
        lines = ax.get_lines() + right.get_lines()
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
    return {"VerificationSmallStepsShare": TeX(f"{100 * est.share:.1f}\\%"),
            "VerificationSmallStepsShareCI": TeX(f"[{100 * est.low:.1f}\\%, {100 * est.high:.1f}\\%]")}


@register("verification_sensitivity_table", kind="table", notebook=NOTEBOOK,
          description="Sobol' indices of the small step's advantage over the big deal (the "
                      "difference of incentive slacks under a one-period punishment) over the "
                      "plausible ranges (SALib, n = 1024, seed 0)")
def verification_sensitivity_table() -> Table:
    from ..models import forgiving as fg

    rows = [[r["parameter"].replace("_", " "), TeX(f"${r['first']:.2f} \\pm {r['first_conf']:.2f}$"),
             TeX(f"${r['total']:.2f} \\pm {r['total_conf']:.2f}$")]
            for r in fg.step_advantage_sobol().table()]
    return Table(header=["assumption", TeX("first-order $S_1$"), TeX("total $S_T$")],
                 rows=rows, align="lrr")
