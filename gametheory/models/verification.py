"""Argument 05: verification: inspection games, sequential inspection, noisy monitoring.

"Confidence is low; satellite images suggest reprocessing." Three models of how
verification works when compliance cannot be seen directly:

1. The inspection game (after Avenhaus, von Stengel and Zamir 2002, "Inspection
   games", Handbook of Game Theory vol. 3): an inspector decides whether to inspect,
   an inspectee whether to violate; an inspection detects a violation with
   probability ``r``. The mixed equilibrium comes out of :func:`gametheory.nash`
   symbolically. *Reconstruction*: the payoff normalisation below (inspection cost
   ``e``, loss ``c`` from an undetected and ``a`` from a detected violation, gain
   ``d`` of an undetected violation and penalty ``b`` when caught, detection
   probability ``r``) is ours; the structure is the authors'.
2. Dresher's (1962) sequential inspection game: ``n`` periods, ``m`` inspections, one
   possible violation; each stage is a 2x2 zero-sum game solved exactly with
   :func:`gametheory.nash`. Its value is the authors' closed form
   ``C(n-1, m) / sum_{i<=m} C(n, i)`` (Dresher 1962; von Stengel 2016, Mathematics of
   Operations Research 41(3)), with the normalisation: an undetected violation is worth
   1 to the inspectee, a detected one -1, no violation 0. The tests check the closed form
   against the toolkit's recursion.
3. Trigger strategies on a noisy public signal (Green and Porter 1984): the parties
   cooperate while the signal is good and revert to the stage equilibrium for ever after
   a bad one. The good signal comes with probability ``p`` under compliance and ``q`` under
   cheating, so ``1 - p`` is the false-alarm rate and ``p - q`` the power of
   verification. *Reconstruction*: the patience threshold is derived here with sympy
   from the value equations of the two-state automaton and checked against
   :func:`gametheory.discount_threshold`.

Examples
--------
>>> from gametheory.models import verification
>>> verification.sequential_inspection_value(3, 1)
1/2
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParameterError, SolverError
from ..games.normal_form import NormalFormGame
from ..games.repeated import PublicSignal, RepeatedGame
from ..solve.mixed_nash import nash
from ..solve.results import Solution
from ..symbolic import exact, parameter

__all__ = [
    "INSPECTION_COST",
    "UNDETECTED_LOSS",
    "DETECTED_LOSS",
    "VIOLATION_GAIN",
    "VIOLATION_PENALTY",
    "DETECTION",
    "GOOD_IF_COMPLIANT",
    "GOOD_IF_CHEATING",
    "CHEATING_GAIN",
    "CHEATED_LOSS",
    "MONITORING_PATIENCE",
    "inspection_game",
    "inspection_equilibrium",
    "inspection_probabilities",
    "sequential_inspection_game",
    "sequential_inspection_value",
    "dresher_closed_form",
    "sequential_inspection_table",
    "monitoring_stage_game",
    "monitoring_game",
    "trigger_threshold",
    "trigger_threshold_from_solver",
    "verification_can_sustain",
    "threshold_derivatives",
    "threshold_curve",
    "BreakdownSimulation",
    "simulate_breakdowns",
]

_SOURCE_AVSZ = "ASSUMPTION, normalisation after Avenhaus, von Stengel and Zamir (2002)"

INSPECTION_COST = parameter(
    "inspection_cost", "positive", description="inspector's cost of one inspection",
    unit="utility", default="1/10", plausible_range=("1/100", "1/2"), source=_SOURCE_AVSZ,
)
UNDETECTED_LOSS = parameter(
    "undetected_loss", "positive", description="inspector's loss from an undetected violation",
    unit="utility", default=1, plausible_range=(1, 1), source=_SOURCE_AVSZ + " (numeraire)",
)
DETECTED_LOSS = parameter(
    "detected_loss", "nonnegative",
    description="inspector's loss from a violation that is detected (below the undetected loss)",
    unit="utility", default="1/2", plausible_range=(0, "9/10"), source=_SOURCE_AVSZ,
)
VIOLATION_GAIN = parameter(
    "violation_gain", "positive", description="inspectee's gain from an undetected violation",
    unit="utility", default=1, plausible_range=(1, 1), source=_SOURCE_AVSZ + " (numeraire)",
)
VIOLATION_PENALTY = parameter(
    "violation_penalty", "positive", description="inspectee's loss when a violation is detected",
    unit="utility", default=2, plausible_range=("1/2", 10), source=_SOURCE_AVSZ,
)
DETECTION = parameter(
    "detection", "probability", description="probability that an inspection detects a violation",
    unit="probability", default="9/10", plausible_range=("1/2", 1), source=_SOURCE_AVSZ,
)
GOOD_IF_COMPLIANT = parameter(
    "good_if_compliant", "probability",
    description="probability of a good public signal when both comply (1 - false-alarm rate)",
    unit="probability", default="19/20", plausible_range=("4/5", "99/100"),
    source="ASSUMPTION; Green and Porter (1984) structure",
)
GOOD_IF_CHEATING = parameter(
    "good_if_cheating", "probability",
    description="probability of a good public signal after cheating (1 - detection rate)",
    unit="probability", default="3/10", plausible_range=("1/20", "4/5"),
    source="ASSUMPTION; Green and Porter (1984) structure",
)
CHEATING_GAIN = parameter(
    "cheating_gain", "positive",
    description="one-period gain from cheating on the deal (T - R, with R - P = 1)",
    unit="periods of cooperation", default="1/2", plausible_range=("1/10", 2),
    source="ASSUMPTION",
)
CHEATED_LOSS = parameter(
    "cheated_loss", "positive", description="loss of the side that is cheated (P - S)",
    unit="periods of cooperation", default="1/2", plausible_range=("1/10", 2),
    source="ASSUMPTION",
)
MONITORING_PATIENCE = parameter(
    "monitoring_patience", "discount", description="common discount factor per period",
    unit="per period", default="9/10", plausible_range=("1/2", "99/100"), source="ASSUMPTION",
)

# ------------------------------------------------------------------ inspection game

INSPECTOR, INSPECTEE = "Inspector", "Inspectee"


def inspection_game(
    inspection_cost: Any = INSPECTION_COST,
    undetected_loss: Any = UNDETECTED_LOSS,
    detected_loss: Any = DETECTED_LOSS,
    violation_gain: Any = VIOLATION_GAIN,
    violation_penalty: Any = VIOLATION_PENALTY,
    detection: Any = DETECTION,
) -> NormalFormGame:
    """The one-shot inspection game as a 2x2 normal-form game (symbolic by default).

    The inspector chooses ``inspect`` or ``trust``; the inspectee ``comply`` or
    ``violate``. An inspection costs ``e`` and detects a violation with probability
    ``r``. Payoffs (inspector, inspectee)::

                     comply        violate
        inspect     (-e, 0)   (-e - r a - (1 - r) c,  -r b + (1 - r) d)
        trust       ( 0, 0)   (-c, d)

    Parameters are numbers or sympy expressions; the defaults are the declared
    parameters of this module. *Reconstruction* after Avenhaus, von Stengel and Zamir
    (2002): their basic game has ``r = 1``.
    """
    e, c, a, d, b, r = (
        exact(v, where=w)
        for v, w in zip(
            (inspection_cost, undetected_loss, detected_loss, violation_gain,
             violation_penalty, detection),
            ("inspection_cost", "undetected_loss", "detected_loss", "violation_gain",
             "violation_penalty", "detection"),
        )
    )
    inspector = [[-e, -e - r * a - (1 - r) * c], [0, -c]]
    inspectee = [[0, -r * b + (1 - r) * d], [0, d]]
    return NormalFormGame.from_arrays(
        inspector, inspectee, players=[INSPECTOR, INSPECTEE],
        strategies=[["inspect", "trust"], ["comply", "violate"]],
        title="inspection game",
    )


def inspection_equilibrium(game: NormalFormGame | None = None) -> Any:
    """``gt.nash`` of the inspection game: a piecewise answer when it has parameters."""
    return nash(game if game is not None else inspection_game())


def inspection_probabilities(game: NormalFormGame | None = None) -> dict[str, sp.Expr]:
    """The completely mixed equilibrium of the inspection game, from ``gt.nash``.

    Returns ``{"inspect": P(inspect), "violate": P(violate), "inspector": payoff,
    "inspectee": payoff, "condition": where this piece holds}``, as the symbolic support
    enumeration gives them. With the
    default parameters these are ``d / (r (b + d))`` and ``e / (r (c - a))``; they
    describe an equilibrium only where both lie in (0, 1) (see
    :func:`inspection_equilibrium` for the other pieces: where detection is too poor,
    ``r (b + d) < d``, the inspectee violates whatever the inspector does).
    """
    if game is None:
        return dict(_default_inspection_probabilities())
    return _inspection_probabilities(game)


@cache
def _default_inspection_probabilities() -> tuple[tuple[str, Any], ...]:
    # gt.nash of the symbolic game takes seconds; it is a pure function of no arguments.
    return tuple(_inspection_probabilities(inspection_game()).items())


def _inspection_probabilities(game: NormalFormGame) -> dict[str, Any]:
    answer = nash(game)
    for piece in answer.pieces if answer.is_symbolic else ():
        profile = piece.value  # (row mixed strategy, column mixed strategy)
        if profile is None:
            continue
        x, y = profile
        if all(sum(1 for v in s if v != 0) == 2 for s in (x, y)):
            payoffs = game.expected_payoffs([list(x), list(y)])
            return {
                "inspect": sp.factor(sp.simplify(x[0])),
                "violate": sp.factor(sp.simplify(y[1])),
                "inspector": sp.factor(sp.simplify(payoffs[0])),
                "inspectee": sp.factor(sp.simplify(payoffs[1])),
                "condition": piece.condition,
            }
    raise SolverError("gt.nash found no completely mixed equilibrium of the inspection game")


# ------------------------------------------------------------- sequential inspection


def sequential_inspection_game(inspect_continue: Any, wait_continue: Any) -> NormalFormGame:
    """One stage of Dresher's game: the inspectee's payoffs, the inspector gets minus them.

    ``inspect_continue`` and ``wait_continue`` are the values of the rest of the game
    after a legal period that was inspected (one inspection fewer) or not.
    """
    inspectee = [[-1, inspect_continue], [1, wait_continue]]
    inspector = [[-exact(v) for v in row] for row in inspectee]
    return NormalFormGame.from_arrays(
        inspector, inspectee, players=[INSPECTOR, INSPECTEE],
        strategies=[["inspect", "wait"], ["violate", "legal"]],
        title="Dresher stage game",
    )


def _check_counts(periods: Any, inspections: Any) -> tuple[int, int]:
    for name, v in (("periods", periods), ("inspections", inspections)):
        if not isinstance(v, int | np.integer) or isinstance(v, bool) or v < 0:
            raise ParameterError(f"sequential inspection: {name} must be an integer >= 0, got {v!r}")
    if periods < 1:
        raise ParameterError(f"sequential inspection: periods must be at least 1, got {periods}")
    return int(periods), int(inspections)


def sequential_inspection_value(periods: int, inspections: int) -> sp.Rational:
    """Value to the inspectee of Dresher's (1962) sequential inspection game, exactly.

    ``periods`` periods, ``inspections`` inspections, at most one violation; an
    undetected violation is worth 1 to the inspectee, a detected one -1, none 0. The
    inspectee, who sees whether a period is inspected only after it, may violate in any
    period; with no inspection left it violates for sure (value 1), with as many
    inspections as periods it never does (value 0). Every other stage is a 2x2
    zero-sum game solved exactly by :func:`gametheory.nash`.

    Examples
    --------
    >>> sequential_inspection_value(2, 1), sequential_inspection_value(5, 2)
    (1/3, 3/8)
    """
    n, m = _check_counts(periods, inspections)
    return _dresher(n, m)


@cache
def _dresher(n: int, m: int) -> sp.Rational:
    if m == 0:
        return sp.Integer(1)
    if m >= n:
        return sp.Integer(0)
    stage = sequential_inspection_game(_dresher(n - 1, m - 1), _dresher(n - 1, m))
    sol = nash(stage)
    if not isinstance(sol, Solution):
        raise SolverError(f"stage ({n}, {m}) of Dresher's game is not numeric")
    values = {eq.payoffs[1] for eq in sol.equilibria}
    if len(values) != 1:  # a zero-sum game has one value; anything else is a solver bug
        raise SolverError(f"stage ({n}, {m}) of Dresher's game has several values {values}")
    return values.pop()


def dresher_closed_form(periods: int, inspections: int) -> sp.Rational:
    """The published closed form ``C(n-1, m) / sum_{i=0}^{m} C(n, i)`` (0 when m >= n).

    Dresher (1962); von Stengel (2016), Mathematics of Operations Research 41(3).
    """
    n, m = _check_counts(periods, inspections)
    if m >= n:
        return sp.Integer(0)
    return sp.Rational(sp.binomial(n - 1, m), sum(sp.binomial(n, i) for i in range(m + 1)))


def sequential_inspection_table(max_periods: int = 8) -> list[dict[str, Any]]:
    """Rows ``{periods, inspections, value, closed_form}`` for a paper table."""
    rows = []
    for n in range(1, max_periods + 1):
        for m in range(0, n + 1):
            rows.append({
                "periods": n, "inspections": m,
                "value": sequential_inspection_value(n, m),
                "closed_form": dresher_closed_form(n, m),
            })
    return rows


# ----------------------------------------------------- monitoring by a public signal


def monitoring_stage_game(
    cheating_gain: Any = CHEATING_GAIN, cheated_loss: Any = CHEATED_LOSS
) -> NormalFormGame:
    """The stage game of a deal: each side complies (``C``) or cheats (``D``).

    A prisoner's dilemma normalised to R = 1, P = 0, T = 1 + g, S = -l (``g`` the gain
    from cheating, ``l`` the loss of being cheated): the United States grants relief or
    withholds it; North Korea dismantles or conceals.
    """
    g, loss = exact(cheating_gain), exact(cheated_loss)
    row = [[1, -loss], [1 + g, 0]]
    col = [[1, 1 + g], [-loss, 0]]
    return NormalFormGame.from_arrays(
        row, col, players=["United States", "North Korea"],
        strategies=[["C", "D"], ["C", "D"]], title="deal stage game",
    )


def monitoring_game(
    good_if_compliant: Any = GOOD_IF_COMPLIANT,
    good_if_cheating: Any = GOOD_IF_CHEATING,
    discount_factor: Any = MONITORING_PATIENCE,
    cheating_gain: Any = CHEATING_GAIN,
    cheated_loss: Any = CHEATED_LOSS,
) -> RepeatedGame:
    """The repeated deal with Green-Porter monitoring (a public good/bad signal)."""
    return RepeatedGame(
        monitoring_stage_game(cheating_gain, cheated_loss),
        discount_factor,
        monitoring=PublicSignal.green_porter(good_if_compliant, good_if_cheating, ("C", "C")),
    )


def trigger_threshold(
    good_if_compliant: Any = GOOD_IF_COMPLIANT,
    good_if_cheating: Any = GOOD_IF_CHEATING,
    cheating_gain: Any = CHEATING_GAIN,
) -> sp.Expr:
    """Least discount factor at which the public-signal grim trigger is an equilibrium.

    Derived here with sympy (a *reconstruction* in the structure of Green and Porter
    1984): with ``V`` the normalised value of cooperation, ``P = 0`` the value of the
    punishment phase, ``V = (1 - d) R + d (p V + (1 - p) P)``; a one-shot deviation gives
    ``(1 - d) T + d (q V + (1 - q) P)``. The threshold solves equality of the two.
    With R = 1, P = 0, T = 1 + g it is ``g / (g p + p - q)``; it is a threshold in (0, 1)
    only where :func:`verification_can_sustain` holds.

    Examples
    --------
    >>> trigger_threshold("19/20", "3/10", "1/2")
    4/9
    """
    p, q, g = exact(good_if_compliant), exact(good_if_cheating), exact(cheating_gain)
    symbolic = _trigger_threshold_symbolic()
    if (p, q, g) == (GOOD_IF_COMPLIANT, GOOD_IF_CHEATING, CHEATING_GAIN):
        return symbolic
    # The derivation is done once in the declared parameters; other arguments are
    # substituted into it (simultaneously, so that swapped symbols stay swapped).
    value = symbolic.subs(
        {GOOD_IF_COMPLIANT: p, GOOD_IF_CHEATING: q, CHEATING_GAIN: g}, simultaneous=True
    )
    return value if value.is_number else sp.factor(sp.simplify(value))


@cache
def _trigger_threshold_symbolic() -> sp.Expr:
    p, q, g = GOOD_IF_COMPLIANT, GOOD_IF_CHEATING, CHEATING_GAIN
    d, v = sp.Symbol("d", positive=True), sp.Symbol("V")
    reward, temptation, punishment = sp.Integer(1), 1 + g, sp.Integer(0)
    value = sp.solve(sp.Eq(v, (1 - d) * reward + d * (p * v + (1 - p) * punishment)), v)[0]
    deviation = (1 - d) * temptation + d * (q * value + (1 - q) * punishment)
    # Both sides of the incentive constraint carry a factor (1 - d); d = 1 is no threshold.
    roots = [r for r in sp.solve(sp.Eq(sp.together(value - deviation).as_numer_denom()[0], 0), d)
             if r not in (0, 1)]
    if len(roots) != 1:
        raise SolverError(f"expected one threshold in the discount factor, got {roots}")
    return sp.factor(sp.simplify(roots[0]))


def trigger_threshold_from_solver(game: RepeatedGame | None = None) -> Any:
    """The same threshold computed by :func:`gametheory.discount_threshold`.

    The profile is the public-signal grim trigger for both sides
    (:func:`gametheory.signal_trigger`).
    """
    from ..games.automata import signal_trigger
    from ..solve.repeated import discount_threshold

    game = game if game is not None else monitoring_game()
    return discount_threshold(game, (signal_trigger(), signal_trigger()))


def verification_can_sustain(
    good_if_compliant: Any = GOOD_IF_COMPLIANT,
    good_if_cheating: Any = GOOD_IF_CHEATING,
    cheating_gain: Any = CHEATING_GAIN,
) -> sp.Basic:
    """The condition under which some discount factor below 1 sustains the deal.

    ``threshold < 1``: the power of verification ``p - q`` must exceed the false-alarm
    rate times the gain from cheating, ``(1 - p) g``. Where it fails, no patience is
    enough: the argument for a deal enforced by trigger strategies does not hold.
    """
    thr = trigger_threshold(good_if_compliant, good_if_cheating, cheating_gain)
    num, den = sp.fraction(sp.together(thr))
    # num > 0 (a gain g > 0); the threshold is in (0, 1) iff den > num.
    cond = sp.simplify(den - num > 0)
    return cond


@cache
def threshold_derivatives() -> dict[str, sp.Expr]:
    """Derivatives of the threshold in p (good signal | comply) and q (good | cheat).

    Returned as simplified sympy expressions; their signs (``d/dp < 0``, ``d/dq > 0``
    where the threshold lies in (0, 1)) are the comparative statics of argument 05:
    better detection (lower q) and fewer false alarms (higher p) lower the patience
    needed.
    """
    thr = trigger_threshold()
    return {
        "good_if_compliant": sp.factor(sp.diff(thr, GOOD_IF_COMPLIANT)),
        "good_if_cheating": sp.factor(sp.diff(thr, GOOD_IF_CHEATING)),
    }


def threshold_curve(
    detections: Any, false_alarm_rates: Any, cheating_gain: Any = CHEATING_GAIN
) -> np.ndarray:
    """Thresholds on a grid: rows per false-alarm rate ``1 - p``, columns per detection ``1 - q``.

    Entries where no discount factor in (0, 1) works are ``nan``. For the figure of
    argument 05 (threshold against verification quality). ``cheating_gain`` left at the
    declared parameter takes its declared default.
    """
    from ..symbolic import compile_expr, parameter_info

    if cheating_gain == CHEATING_GAIN:  # a grid needs a number: take the declared default
        cheating_gain = parameter_info(CHEATING_GAIN).default
    thr = trigger_threshold(cheating_gain=cheating_gain)
    fn = compile_expr(thr, [GOOD_IF_COMPLIANT, GOOD_IF_CHEATING])
    fa = np.asarray(false_alarm_rates, dtype=float)[:, None]
    det = np.asarray(detections, dtype=float)[None, :]
    out = fn(good_if_compliant=1 - fa, good_if_cheating=1 - det)
    return np.where((out > 0) & (out < 1), out, np.nan)


# ---------------------------------------------------- breakdowns from false alarms


@dataclass(frozen=True)
class BreakdownSimulation:
    """Seeded simulation of a compliant deal under the public-signal trigger.

    Attributes
    ----------
    breakdown_round
        Per run, the first round played in the punishment phase (``-1``: never).
    share_broken
        Per round ``t`` (1-based index ``t - 1``), the share of runs broken down by then.
    exact_share
        The exact probability of a breakdown by round ``t``: ``1 - p**(t-1)``.
    """

    good_if_compliant: sp.Expr
    rounds: int
    runs: int
    seed: Any
    breakdown_round: np.ndarray
    share_broken: np.ndarray
    exact_share: np.ndarray
    method: str = "gt.simulate of the public-signal grim trigger, both sides complying"
    exact: bool = False
    warnings: tuple[str, ...] = ()


def simulate_breakdowns(
    good_if_compliant: Any = "19/20",
    rounds: int = 100,
    runs: int = 2000,
    seed: Any = 0,
    good_if_cheating: Any = "3/10",
    discount_factor: Any = "9/10",
) -> BreakdownSimulation:
    """Simulate how often a deal of honest parties breaks down on false alarms.

    Both sides play the public-signal grim trigger and comply; a bad signal (a false
    alarm, probability ``1 - p`` each round) ends cooperation for good (Green and
    Porter 1984: punishment happens on the equilibrium path). Uses
    :func:`gametheory.simulate`, seeded.
    """
    from ..games.automata import signal_trigger
    from ..solve.simulate import cooperation_durations, simulate

    p = exact(good_if_compliant)
    game = monitoring_game(p, good_if_cheating, discount_factor, "1/2", "1/2")
    hist = simulate(game, (signal_trigger(), signal_trigger()), rounds, runs=runs, seed=seed)
    # Rounds of cooperation before the first punishment round; ``rounds`` if none.
    durations = np.asarray(cooperation_durations(hist, ("C", "C")))
    first = np.where(durations < rounds, durations + 1, -1)
    t = np.arange(1, rounds + 1)
    share = ((first[None, :] > 0) & (first[None, :] <= t[:, None])).mean(axis=1)
    exact_share = 1 - float(p) ** (t - 1)
    return BreakdownSimulation(p, rounds, runs, seed, first, share, exact_share,
                               warnings=tuple(hist.warnings))
