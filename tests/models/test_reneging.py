"""Costs of reneging from primitives (argument 02): the derived condition against gt.spe."""

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import ParameterError
from gametheory.models import commitment as cm
from gametheory.models import reneging as rn
from gametheory.models.calibration import DPRK_2019, LIBYA_2003

Q = sp.Rational
R, C, G, LAM, A_P, A_A, X, q = rn.PRIMITIVES


@st.composite
def primitives(draw):
    return {
        R: Q(draw(st.integers(1, 80))), C: Q(draw(st.integers(0, 60))), G: Q(draw(st.integers(1, 100))),
        LAM: Q(draw(st.integers(0, 20)), 20), A_P: Q(draw(st.integers(0, 40)), 4),
        A_A: Q(draw(st.integers(0, 40)), 2), X: Q(draw(st.integers(0, 200))),
        q: Q(draw(st.integers(0, 10)), 100),
    }


def _unique_path(sol, k):
    # gt.spe enumerates ties: None when some SPE disarm fully and some do not
    return cm.reaches_full_disarmament(sol, k)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(primitives(), st.integers(1, 3))
def test_derived_condition_equals_backward_induction(v, k):
    # symbolic condition at a point against gt.spe of the tree built from primitives
    us = k * v[A_P] + v[A_A] - v[LAM] * v[R]
    dprk = v[R] - v[C] - v[q] * v[X]
    solved = _unique_path(cm.spe(rn.primitive_tree(k).subs(v)), k)
    if us == 0 or dprk == 0:
        assert solved is not True  # on a boundary a tie (None) or a stop
        return
    assert solved == bool(rn.primitive_condition(k).xreplace(v))


@settings(max_examples=25, deadline=None, derandomize=True)
@given(primitives())
def test_least_steps_closed_form_equals_spe(v):
    closed = rn.minimal_primitive_steps(v)
    if closed is not None and closed > 6:
        return  # large trees: covered by the condition test
    by_spe = rn.primitive_steps_by_spe(v, max_steps=6)
    boundary = any((k * v[A_P] + v[A_A] - v[LAM] * v[R]) == 0 for k in range(1, 7))
    if not boundary:
        assert closed == by_spe


def test_flat_model_is_the_special_case():
    # a_A = 0, a_P = a, lambda R = T gives the commitment module's K a > T
    K = sp.Symbol("K", integer=True, positive=True)
    flat = rn.primitive_condition(K).xreplace({A_A: 0, A_P: cm.RENEGE_COST})
    T = cm.RENEGE_GAIN
    assert flat.args[0].xreplace({LAM: T / R}) == (K * cm.RENEGE_COST > T)


def test_scaled_costs_make_steps_neutral():
    out = rn.scaled_cost_neutrality()
    assert out["holds"]
    assert out["difference"] == (sp.Symbol("K", integer=True, positive=True) - 1) * A_P
    # numerically: with a_P = 0 no K helps where the big deal fails
    v = rn.primitive_values(DPRK_2019) | {A_P: 0}
    assert rn.minimal_primitive_steps(v) is None
    assert rn.primitive_steps_by_spe(v, max_steps=5) is None


def test_calibrations():
    # DPRK 2019: 4 K + 5 > 19 first at K = 4; Libya 2003: 4 + 5 > 2, the big deal works
    assert rn.minimal_primitive_steps(rn.primitive_values(DPRK_2019)) == 4
    assert rn.primitive_steps_by_spe(rn.primitive_values(DPRK_2019)) == 4
    assert rn.minimal_primitive_steps(rn.primitive_values(LIBYA_2003)) == 1


def test_shares_partition_and_scaled_claim_vanishes():
    shares = rn.step_advantage_shares(DPRK_2019, draws=4000, seed=0)
    assert abs(sum(e.share for e in shares.values()) - 1) < 1e-12
    assert all(e.draws == 4000 and e.low <= e.share <= e.high for e in shares.values())
    assert 0 < shares["claim"].share < 1
    scaled = rn.step_advantage_shares(DPRK_2019, draws=4000, seed=0, scaled=True)
    assert scaled["claim"].share == 0


def test_bad_step_size():
    with pytest.raises(ParameterError, match="step_size"):
        rn.renege_cost(0)
    with pytest.raises(ParameterError, match="step_size"):
        rn.renege_gain(2)
