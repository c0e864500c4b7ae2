import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import ParameterError
from gametheory.models import libya
from gametheory.models.calibration import (
    ATTACK_RISK,
    DISARM_COST,
    DPRK_2019,
    LIBYA_2003,
    REGIME_LOSS,
    RELIEF_VALUE,
    RENEGE_GAIN,
)

Q = sp.Rational


def test_libya_disarms_first_north_korea_does_not():
    # Bas and Coe (2016, 2018): early-stage deals happen, post-success ones need more
    assert libya.disarm_first_is_spe(LIBYA_2003)
    assert not libya.disarm_first_is_spe(DPRK_2019)
    rows = {r["calibration"]: r for r in libya.comparison_table(DPRK_2019, LIBYA_2003)}
    assert rows["LIBYA_2003"]["one-step peace (commitment model)"]
    assert not rows["DPRK_2019"]["one-step peace (commitment model)"]


def test_bayes_update_closed_form():
    # Bayes' rule: mu' = mu L / (mu L + (1 - mu) L')
    assert libya.posterior_attack_belief(Q(1, 20), Q(4, 5), Q(1, 5)) == Q(4, 23)
    assert libya.posterior_attack_belief(Q(1, 3), Q(1, 2), Q(1, 2)) == Q(1, 3)   # uninformative
    with pytest.raises(ParameterError, match="probability 0"):
        libya.posterior_attack_belief(0, Q(1, 2), 0)
    with pytest.raises(ParameterError, match="prior"):
        libya.posterior_attack_belief(Q(3, 2), Q(1, 2), Q(1, 2))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(1, 99), st.integers(1, 100), st.integers(1, 100))
def test_evidence_raises_belief_iff_likelier_under_hypothesis(p, lik, alt):
    prior, post = Q(p, 100), libya.posterior_attack_belief(Q(p, 100), Q(lik, 100), Q(alt, 100))
    assert (post > prior) == (lik > alt) and (post == prior) == (lik == alt)


def test_belief_threshold_derived_from_tree():
    assert sp.simplify(libya.belief_threshold() - (RELIEF_VALUE - DISARM_COST) / REGIME_LOSS) == 0


def test_update_pushes_north_korea_over_threshold_not_libya():
    dprk, lib = libya.belief_effect(DPRK_2019), libya.belief_effect(LIBYA_2003)
    assert dprk.prior < dprk.threshold < dprk.posterior          # 1/20 < 2/25 < 4/23
    assert lib.posterior < lib.threshold                          # 4/23 < 19/100
    # even a US that keeps its word would not get the big deal after 2011
    assert not libya.disarm_first_is_spe(DPRK_2019, {ATTACK_RISK: dprk.posterior,
                                                     RENEGE_GAIN: 0})


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.integers(0, 100))
def test_belief_threshold_separates_outcomes_for_libya(pct):
    q = Q(pct, 100)
    threshold = libya.belief_effect(LIBYA_2003).threshold
    if q == threshold:
        return
    assert libya.disarm_first_is_spe(LIBYA_2003, {ATTACK_RISK: q}) == (q < threshold)


def test_posterior_range_brackets_the_point():
    lo, hi = libya.posterior_range(DPRK_2019)
    assert lo <= libya.belief_effect(DPRK_2019).posterior <= hi
    # the claim depends on the assumptions: at the low corner the update stays below 2/25
    assert lo < libya.belief_effect(DPRK_2019).threshold < hi


def test_robustness_over_ranges():
    # over the assumption ranges disarming first is never an SPE for North Korea and is for
    # Libya in most but not all draws (where T > a or the regime risk is large it fails)
    d = libya.disarm_first_robustness(DPRK_2019, draws=2000, seed=3)
    lib = libya.disarm_first_robustness(LIBYA_2003, draws=2000, seed=3)
    assert d.share == 0
    assert 0.5 < lib.share < 1


def test_belief_curve_rises_with_prior():
    out = libya.belief_curve(DPRK_2019, [Q(1, 50), Q(1, 20), Q(1, 10)])
    assert out["posterior"] == sorted(out["posterior"]) and out["threshold"] == Q(2, 25)
    assert all(post > prior for prior, post in zip(out["prior"], out["posterior"]))
