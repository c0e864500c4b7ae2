"""Screening by the size of the first step (argument 02): closed forms against gt.pbe."""

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParameterError
from gametheory.models import screening as sc
from gametheory.models.calibration import DPRK_2019, LIBYA_2003, PRIOR_GENUINE

Q = sp.Rational
R, C, q, X, RHO, PI, G, LAM = sc.SCREENING_PARAMETERS
MENU = (0, Q(1, 2), 1)  # three messages keep gt.pbe's enumeration small


@st.composite
def points(draw):
    return {
        R: Q(draw(st.integers(1, 80))), C: Q(draw(st.integers(0, 60))),
        q: Q(draw(st.integers(0, 10)), 100), X: Q(draw(st.integers(0, 300))),
        RHO: Q(draw(st.integers(5, 40)), 5), PI: Q(draw(st.integers(1, 19)), 20),
        G: Q(draw(st.integers(1, 100))), LAM: Q(draw(st.integers(0, 20)), 20),
    }


@settings(max_examples=30, deadline=None, derandomize=True)
@given(points())
def test_closed_forms_equal_pbe_enumeration(v):
    # Kydd (2000)-style costly signal: separation iff V/c_h <= s <= V/c_g (and G >= lambda R);
    # pooling reciprocated iff c_h s <= V and pi G >= lambda R. gt.pbe enumerates all pure PBE.
    found = sc.equilibrium_steps(sc.screening_pbe(v, MENU))
    assert [g for g, h in found["separating"] if h == 0] == sc.separating_steps(v, MENU)
    assert [g for g, _ in found["pooling, reciprocated"]] == sc.pooling_steps(v, MENU)


def test_symbolic_prior_threshold_matches_closed_form():
    # gt.pbe with the prior free: small steps are reciprocated iff pi >= lambda R / G
    v = sc.screening_values(DPRK_2019)
    free = {k: x for k, x in v.items() if k is not PRIOR_GENUINE}
    answer = gt.pbe(sc.screening_game(free, MENU))
    threshold = v[LAM] * v[R] / v[G]
    pooled = [p.condition for p in answer.pieces if p.label.startswith("pooling")
              and "genuine->step 1/2, hold-out->step 1/2" in p.label]
    assert pooled and all(c.as_set() == (PRIOR_GENUINE >= threshold).as_set() for c in pooled)
    for pi in (threshold - Q(1, 100), threshold + Q(1, 100)):
        at = v | {PRIOR_GENUINE: pi}
        numeric = sc.equilibrium_steps(sc.screening_pbe(at, MENU))
        symbolic = sc.equilibrium_steps(answer.at({PRIOR_GENUINE: pi}))
        assert numeric == symbolic
        assert (Q(1, 2) in sc.pooling_steps(at, MENU)) == (pi >= threshold)


def test_calibrations():
    dprk = sc.screening_values(DPRK_2019)
    # V = 38, c_g = 30 + 5 = 35, c_h = 70: steps in [38/70, 38/35] separate
    assert sc.separating_steps(dprk) == [Q(3, 4), 1] and sc.big_deal_separates(dprk)
    refined = sc.equilibrium_steps(sc.screening_pbe(dprk, refine=True))
    assert refined["separating"] == [(Q(3, 4), 0)]  # the least-cost separating step survives
    libya = sc.screening_values(LIBYA_2003)
    # c_h = 12 < V = 20: even a hold-out takes the whole step, nothing screens
    assert sc.separating_steps(libya) == [] and not sc.big_deal_separates(libya)


def test_shares_are_consistent():
    shares = sc.screening_shares(DPRK_2019, draws=4000, seed=0)
    assert all(e.draws == 4000 and e.low <= e.share <= e.high for e in shares.values())
    some = 1 - shares["no step separates"].share
    assert max(shares["big deal separates"].share, shares["a partial step separates"].share) <= some + 1e-12


def test_bad_menu_and_missing_values():
    with pytest.raises(ParameterError, match="menu"):
        sc.screening_game(sc.screening_values(DPRK_2019), (0, 2))
    with pytest.raises(ParameterError, match="prior_genuine"):
        sc.screening_pbe({k: x for k, x in sc.screening_values(DPRK_2019).items() if k is not PI})


# ------------------------------------------------ the separating interval and the figure
@settings(max_examples=20, deadline=None, derandomize=True)
@given(points(), st.integers(1, 8))
def test_separating_interval_against_pbe_at_any_step(v, eighths):
    # A step of any size s (not only the menu): gt.pbe on the menu {0, s} finds the
    # separating PBE (genuine s, hold-out 0) iff s lies in the closed-form interval.
    s = Q(eighths, 8)
    found = sc.equilibrium_steps(sc.screening_pbe(v, (0, s)))
    interval = sc.separating_interval(v)
    inside = interval is not None and interval[0] <= s <= interval[1]
    assert ((s, 0) in found["separating"]) == inside


@settings(max_examples=25, deadline=None, derandomize=True)
@given(points(), st.integers(0, 16))
def test_first_step_answer_symbolic_equals_numeric(v, sixteenths):
    # Symbolic in every parameter, evaluated at a point = the answer built at that point,
    # and both agree with the interval (ties on c_h s = V are both pooling and separating).
    s = Q(sixteenths, 16)
    symbolic = sc.first_step_answer()
    numeric = sc.first_step_answer(v)
    point = {k: x for k, x in {**v, sc.FIRST_STEP: s}.items() if k in symbolic.parameters}
    held = {p.label for p in symbolic.holding(point)}
    assert held == {p.label for p in numeric.holding({sc.FIRST_STEP: s})}
    interval = sc.separating_interval(v)
    if s > 0:
        assert (sc.SEPARATES in held) == (interval is not None and interval[0] <= s <= interval[1])


def test_separating_interval_needs_numbers_and_is_empty_when_the_us_refuses():
    v = sc.screening_values(DPRK_2019)
    with pytest.raises(ParameterError, match="needs numbers"):
        sc.separating_interval({k: x for k, x in v.items() if k is not RHO})
    refuses = {**v, G: v[LAM] * v[R] - 1}
    assert sc.separating_interval(refuses) is None
    assert sc.REFUSED in sc.first_step_answer(refuses).labels


def test_figure_data_come_from_the_model():
    from gametheory.artifacts import screening as fig
    from gametheory.models.reneging import minimal_primitive_steps, primitive_values

    marks = fig.screening_marks(DPRK_2019)
    v = sc.screening_values(DPRK_2019)
    assert marks["interval"] == sc.separating_interval(v)
    assert marks["least_menu_step"] == sc.separating_steps(v)[0]
    assert marks["plan_steps"] == minimal_primitive_steps(primitive_values(DPRK_2019))
    # The op-ed's claim at the calibration, checked with gt.pbe: the step-by-step plan's
    # first step 1/K* does not separate the types.
    first = marks["plan_first_step"]
    found = sc.equilibrium_steps(sc.screening_pbe(v, (0, first)))
    assert marks["plan_separates"] is False and (first, 0) not in found["separating"]
    # The map's boundary at the calibration's rho is the interval's lower end.
    result = fig.first_step_map(RHO, DPRK_2019, points=41)
    answer = sc.first_step_answer({k: x for k, x in v.items() if k is not RHO})
    (rho_axis, rhos), (_, steps) = result.axes
    assert rho_axis == RHO.name
    for i in range(0, 41, 8):
        for j in range(0, 41, 8):
            if result.boundary[i, j]:
                continue
            point = {RHO: sp.nsimplify(rhos[i]), sc.FIRST_STEP: sp.nsimplify(steps[j])}
            assert result.categories[result.codes[i, j]] == answer.at(point)
