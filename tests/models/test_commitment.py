import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import ParameterError
from gametheory.models import commitment as cm
from gametheory.models.calibration import DPRK_2019, LIBYA_2003

Q = sp.Rational
p0, shift, d, c_d, c_r = (sp.Symbol(n) for n in ("war_share_dprk", "power_shift", "patience",
                                                  "war_cost_dprk", "war_cost_us"))


@st.composite
def models(draw):
    p = Q(draw(st.integers(1, 100)), 100)
    s = p * Q(draw(st.integers(0, 100)), 100)
    dd = Q(draw(st.integers(1, 99)), 100)
    return p, s, dd, Q(draw(st.integers(0, 60)), 100), Q(draw(st.integers(0, 60)), 100)


def test_breakdown_condition_matches_literature():
    # LITERATURE.md reconstruction: n = 1 fails iff d*Delta > (1 - d)(1 - p0 + c_D + d c_R).
    from gametheory.models.calibration import (
        PATIENCE,
        POWER_SHIFT,
        WAR_COST_DPRK,
        WAR_COST_US,
        WAR_SHARE_DPRK,
    )
    P, S, D, CD, CR = WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US
    rel = cm.big_deal_breakdown_condition()
    assert isinstance(rel, sp.StrictGreaterThan)
    assert sp.simplify(rel.lhs - D * S) == 0
    assert sp.simplify(rel.rhs - (1 - D) * (1 - P + CD + D * CR)) == 0


@settings(max_examples=50, deadline=None, derandomize=True)
@given(models())
def test_one_step_feasible_iff_condition_false(m):
    # symbolic relation at a point against the numeric recursion
    from gametheory.models.calibration import (
        PATIENCE,
        POWER_SHIFT,
        WAR_COST_DPRK,
        WAR_COST_US,
        WAR_SHARE_DPRK,
    )
    rel = cm.big_deal_breakdown_condition()
    point = dict(zip((WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US), m))
    assert bool(rel.xreplace(point)) == (not cm.peace_feasible(m[0], m[1], 1, *m[2:]))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(models(), st.integers(1, 12))
def test_reduced_check_equals_exhaustive(m, n):
    p, s, dd, a, b = m
    assert cm.peace_feasible(p, s, n, dd, a, b) == cm.peace_feasible(p, s, n, dd, a, b, method="exhaustive")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(models(), st.integers(1, 15))
def test_big_deal_feasible_implies_every_step_count(m, n):
    # the synthesis claim for the commitment model, numerically (proved in one_step_implies_all_steps)
    if cm.peace_feasible(*m[:2], 1, *m[2:]):
        assert cm.peace_feasible(*m[:2], n, *m[2:])


def test_proof_identity_holds():
    assert cm.one_step_implies_all_steps()["holds"]


def test_general_condition_is_the_exact_slack():
    from gametheory.models.calibration import (
        PATIENCE,
        POWER_SHIFT,
        WAR_COST_DPRK,
        WAR_COST_US,
        WAR_SHARE_DPRK,
    )
    rel = cm.general_condition(3, 1, 2)
    vals = (Q(1, 2), Q(2, 5), Q(9, 10), Q(1), Q(1))
    point = dict(zip((WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US), vals))
    slack = cm.CommitmentModel.of(*vals).slack(1, 2, 3)
    assert sp.Rational(slack.numerator, slack.denominator) == sp.simplify((rel.rhs - rel.lhs).xreplace(point))


def test_krainin_one_period_check_understates_steps():
    # Krainin (2017): slow, persistent shifts break peace; at the DPRK_2019 point the k = 1
    # check says 2 steps while the full check needs 3.
    args = cm.commitment_model(DPRK_2019)
    one, full = cm.krainin_gap(**args)
    assert (one, full) == (2, 3)
    assert not cm.peace_feasible(steps=2, **args)
    assert list(cm.violations(steps=2, **args)) == [(0, 2)]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(models())
def test_one_period_count_never_exceeds_full_count(m):
    one, full = cm.krainin_gap(*m, max_steps=60)
    if full is not None:
        assert one is not None and one <= full


def test_calibrations_big_deal_fails_for_dprk_not_libya():
    assert not cm.peace_feasible(steps=1, **cm.commitment_model(DPRK_2019))
    assert cm.peace_feasible(steps=1, **cm.commitment_model(LIBYA_2003))
    assert cm.minimal_steps(**cm.commitment_model(LIBYA_2003)) == 1


def test_minimal_steps_rises_with_shift_and_falls_with_impatience():
    grid = cm.minimal_steps_grid([Q(4, 5), Q(9, 10)], [Q(1, 10), Q(3, 10), Q(1, 2)],
                                 p0=Q(1, 2), cost_declining=1, cost_rising=1)
    for row in grid:
        vals = [v if v is not None else 10**9 for v in row]
        assert vals == sorted(vals)
    # more patient: the future shift weighs more, so at least as many steps
    for lo, hi in zip(grid[0], grid[1]):
        assert (hi or 10**9) >= (lo or 10**9)


def test_no_peaceful_path_returns_none():
    # D holds everything by force and conflict is free: any shift, however slow, makes the
    # rising state's future threat worth more than it can be given (slack < 0 at k = 1).
    assert cm.minimal_steps(1, Q(1, 2), Q(19, 20), 0, 0, max_steps=50) is None


def test_bad_input_is_named():
    with pytest.raises(ParameterError, match="shift"):
        cm.peace_feasible(Q(1, 5), Q(1, 2), 2, Q(9, 10), 1, 1)
    with pytest.raises(ParameterError, match="discount"):
        cm.minimal_steps(Q(1, 2), Q(1, 5), 1, 1, 1)
    with pytest.raises(ParameterError, match="steps"):
        cm.peace_feasible(Q(1, 2), Q(1, 5), 0, Q(9, 10), 1, 1)
    with pytest.raises(ParameterError, match="method"):
        cm.peace_feasible(Q(1, 2), Q(1, 5), 2, Q(9, 10), 1, 1, method="fast")


# ------------------------------------------------------------------ the Hanoi trees
import gametheory as gt  # noqa: E402
from gametheory.models.calibration import (  # noqa: E402
    ATTACK_RISK,
    DISARM_COST,
    DISARM_VALUE_US,
    REGIME_LOSS,
    RELIEF_VALUE,
    RENEGE_COST,
    RENEGE_GAIN,
)


def test_big_deal_symbolic_region_is_the_one_step_condition():
    answer = gt.spe(cm.big_deal_tree())
    region = cm.full_disarmament_region(answer, 1)
    expected = gt.simplify_condition(cm.step_by_step_condition(1))
    assert gt.simplify_condition(region) == expected


@st.composite
def tree_points(draw):
    vals = {s: Q(draw(st.integers(0, 60))) for s in (RELIEF_VALUE, DISARM_COST, DISARM_VALUE_US,
                                                      RENEGE_GAIN)}
    vals[RENEGE_COST] = Q(draw(st.integers(1, 20)), 2)
    vals[REGIME_LOSS] = Q(draw(st.integers(0, 200)))
    vals[ATTACK_RISK] = Q(draw(st.integers(0, 20)), 100)
    return vals


@settings(max_examples=40, deadline=None, derandomize=True)
@given(tree_points(), st.integers(1, 4))
def test_step_condition_matches_numeric_spe(vals, k):
    R, C, G, T, a, X, q = cm.TREE_PARAMETERS
    if vals[R] - vals[C] - vals[q] * vals[X] == 0 or k * vals[a] == vals[T]:
        return  # a tie: several SPE, checked separately
    sol = gt.spe(cm.step_by_step_tree(k).subs(vals))
    assert cm.reaches_full_disarmament(sol, k) == bool(cm.step_by_step_condition(k).xreplace(vals))


def test_tie_is_reported_not_hidden():
    from gametheory.models.calibration import DPRK_2019
    vals = cm.tree_values(DPRK_2019)                     # T / a = 4 exactly
    sol = gt.spe(cm.step_by_step_tree(4).subs(vals))
    assert cm.reaches_full_disarmament(sol, 4) is None and sol.count > 1


def test_symbolic_step_tree_agrees_with_condition_at_random_points():
    from gametheory.models.calibration import DPRK_2019
    answer = gt.spe(cm.step_by_step_tree(3).subs(cm.tree_values(DPRK_2019, "renege_gain", "renege_cost")))
    region = cm.full_disarmament_region(answer, 3)
    cond = cm.step_by_step_condition(3).xreplace(cm.tree_values(DPRK_2019, "renege_gain", "renege_cost"))
    import random
    rng = random.Random(7)
    for _ in range(40):
        point = {RENEGE_GAIN: Q(rng.randint(0, 80)), RENEGE_COST: Q(rng.randint(1, 40), 2)}
        if 3 * point[RENEGE_COST] == point[RENEGE_GAIN]:
            continue
        assert bool(region.xreplace(point)) == bool(cond.xreplace(point))


def test_big_deal_fails_for_dprk_step_by_step_needs_five_steps():
    from gametheory.models.calibration import DPRK_2019, LIBYA_2003
    dprk, libya = cm.tree_values(DPRK_2019), cm.tree_values(LIBYA_2003)
    assert not cm.reaches_full_disarmament(gt.spe(cm.big_deal_tree().subs(dprk)), 1)
    assert cm.reaches_full_disarmament(gt.spe(cm.big_deal_tree().subs(libya)), 1)
    # T/a = 20/5 = 4 at DPRK_2019: K a > T first holds at K = 5 (K = 4 is a tie)
    assert cm.reciprocal_steps_needed(dprk) == cm.minimal_reciprocal_steps(dprk) == 5
    assert cm.reciprocal_steps_needed(libya) == 1


@settings(max_examples=60, deadline=None, derandomize=True)
@given(tree_points(), st.integers(1, 50))
def test_big_deal_region_inside_every_step_region(vals, k):
    if bool(cm.step_by_step_condition(1).xreplace(vals)):
        assert bool(cm.step_by_step_condition(k).xreplace(vals))


def test_no_steps_help_when_disarming_does_not_pay():
    from gametheory.models.calibration import DPRK_2019
    vals = cm.tree_values(DPRK_2019) | {ATTACK_RISK: Q(1, 10)}   # 38 - 30 - 10 < 0
    assert cm.minimal_reciprocal_steps(vals) is None
    assert cm.reciprocal_steps_needed(vals, max_steps=8) is None


def test_step_by_step_answer_symbolic_in_two_parameters():
    from gametheory.models.calibration import DPRK_2019
    answer = cm.step_by_step_answer(2, DPRK_2019)
    assert {s.name for s in answer.parameters} == {"renege_gain", "renege_cost"}
    region = cm.full_disarmament_region(answer, 2)
    assert bool(region.xreplace({RENEGE_GAIN: 9, RENEGE_COST: 5}))
    assert not bool(region.xreplace({RENEGE_GAIN: 11, RENEGE_COST: 5}))


def test_reaches_full_disarmament_refuses_a_symbolic_answer():
    from gametheory.models.commitment import reaches_full_disarmament, step_by_step_tree

    answer = gt.spe(step_by_step_tree(2))
    with pytest.raises(gt.ParameterError, match="free parameters"):
        reaches_full_disarmament(answer, 2)
