"""Tests of argument 11: "we threaten no one" as cheap talk and as a costly signal."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.analysis import monte_carlo_share
from gametheory.errors import ParameterError
from gametheory.models import cheap_talk as ct

R = sp.Rational
fractions = st.fractions(R(1, 10), 5, max_denominator=20)


@settings(max_examples=12, deadline=None, derandomize=True)
@given(pi=st.fractions(R(1, 20), R(19, 20), max_denominator=20), loss=fractions,
       ub=fractions, ua=fractions)
def test_cheap_talk_never_informs_when_both_types_want_engagement(pi, loss, ub, ua):
    # Crawford and Sobel (1982): with state-independent sender preferences every
    # equilibrium is babbling; the response is the one the prior alone gives.
    values = {"prior": pi, "engage_loss": loss, "gain_benign": ub, "gain_aggressive": ua}
    assert ct.narrative_is_babbling(**values)
    sol = gt.pbe(ct.narrative_game(0, 0, **values))
    engage = pi >= ct.engagement_threshold(loss)
    for e in sol:
        on_path = e.receiver[e.sender["benign"]]
        assert (on_path == "engage") == engage or (pi == ct.engagement_threshold(loss))


def test_cheap_talk_informs_when_the_aggressive_type_does_not_want_engagement():
    # Sanity check of the test above: aligned interests make talk credible.
    sol = gt.pbe(ct.narrative_game(0, 0, "3/10", 2, 1, -1))
    assert any(e.kind == "separating" and e.receiver[ct.SAY] == "engage" for e in sol)
    assert not ct.narrative_is_babbling(gain_aggressive=-1)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(kb=st.fractions(0, 2, max_denominator=4), ka=st.fractions(0, 6, max_denominator=4),
       ub=st.fractions(R(1, 2), 2, max_denominator=4), ua=st.fractions(1, 4, max_denominator=4))
def test_costly_narrative_separates_iff_derived_condition(kb, ka, ub, ua):
    cond = ct.separation_condition().subs({ct.COST_BENIGN: kb, ct.COST_AGGRESSIVE: ka,
                                           ct.GAIN_BENIGN: ub, ct.GAIN_AGGRESSIVE: ua})
    found = ct.narrative_separates(kb, ka, gain_benign=ub, gain_aggressive=ua)
    assert found == bool(cond)
    values = {"ct_gain_benign": float(ub), "ct_cost_benign": float(kb),
              "ct_gain_aggressive": float(ua), "ct_cost_aggressive": float(ka)}
    assert bool(ct.costly_narrative_separates(values)) == found


def test_only_costly_restraint_backs_the_narrative_at_the_defaults():
    assert ct.restraint_verdicts() == {"the statement alone": False, "a test moratorium": False,
                                       "Yongbyon dismantled": True}
    assert ct.engagement_threshold(2) == R(2, 3)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(b=st.fractions(R(1, 200), R(1, 2), max_denominator=200))
def test_crawford_sobel_partition_size_matches_the_boundaries(b):
    # Crawford and Sobel (1982), section 4: N(b) = ceil(-1/2 + sqrt(1 + 2/b)/2), the most
    # intervals with strictly increasing boundaries a_i = i/N + 2 b i (i - N).
    n = ct.max_partition_size(b)
    bounds = ct.partition_boundaries(n, b)
    assert bounds[0] == 0 and bounds[-1] == 1
    # Indifference of the boundary types: a_{i+1} - a_i = a_i - a_{i-1} + 4b.
    assert all(bounds[i + 1] - bounds[i] == bounds[i] - bounds[i - 1] + 4 * b for i in range(1, n))
    try:
        ct.partition_boundaries(n + 1, b)
        raise AssertionError("one more interval must fail")
    except ParameterError:
        pass
    assert (n >= 2) == (b < R(1, 4))


def test_share_where_restraint_backs_the_narrative():
    r = monte_carlo_share(ct.costly_narrative_separates, ct.NARRATIVE, draws=4000, seed=0)
    assert 0.2 < r.low <= r.high < 0.8
