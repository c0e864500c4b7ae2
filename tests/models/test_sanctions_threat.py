"""Argument 07 with a threat stage (reconstruction after Lacy and Niou 2004)."""

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParameterError
from gametheory.models import sanctions_threat as th

Q = sp.Rational
NAMES = [s.name for s in th.PARAMETERS]


def test_dual_track_selection_military_first_no_threat():
    (mf,) = th.threat_outcomes(economy_weight=th.MILITARY_FIRST)
    assert mf.halts == () and mf.threatens is False  # a threat would stop no one
    (dt,) = th.threat_outcomes(economy_weight=th.DUAL_TRACK)
    # Lacy and Niou (2004): sanctions that would work succeed at the threat stage, so
    # imposed sanctions fall on resolute targets, who keep testing under them.
    assert dt.threatens and dt.halts == ("irresolute",) and dt.sanctioned == ("resolute",)
    assert dt.selection and dt.holdouts == ("resolute",)


def test_beliefs_matter_when_imposing_costs_more_than_backing_down():
    # Symbolic in the sanctioner's side: gt.pbe gives the conditions. Testing by both types
    # with the sanctioner backing down needs (1 - rho) h <= k - a (derived by hand).
    game = th.threat_game(None, economy_weight=th.DUAL_TRACK, security_resolute=8,
                          security_irresolute=2, sanctions_loss=Q(19, 5), sanctions_endured=Q(1, 4))
    answer = gt.pbe(game)
    rho, k, a, h = th.PRIOR_RESOLUTE, th.IMPOSE_COST, th.BACKDOWN_COST, th.HALT_VALUE
    pooling = [p for p in answer.pieces if p.label.startswith("pooling")]
    assert len(pooling) == 1
    for point in ({rho: Q(1, 2), k: 3, a: 1, h: 2}, {rho: Q(1, 10), k: 3, a: 1, h: 5},
                  {rho: Q(9, 10), k: 3, a: 1, h: 5}):
        assert bool(pooling[0].condition.xreplace(point)) == bool((1 - point[rho]) * point[h] <= point[k] - point[a])
    # Same k > a, different priors, different equilibria: the prior decides.
    low = th.threat_outcomes(prior_resolute=Q(1, 10), impose_cost=3, backdown_cost=1)
    high = th.threat_outcomes(prior_resolute=Q(9, 10), impose_cost=3, backdown_cost=1)
    assert low == [] and [o.receiver["test"] for o in high] == ["back down"]


@settings(max_examples=30, deadline=None)
@given(st.fractions(Q(1, 10), Q(9, 10)), st.fractions(4, 20), st.fractions(Q(1, 2), 4),
       st.fractions(Q(1, 10), Q(9, 10)), st.fractions(Q(1, 2), 2), st.fractions(1, 4),
       st.fractions(2, 10), st.fractions(Q(1, 10), Q(1, 2)))
def test_closed_form_selection_matches_pbe(w, s_h, s_l, rho, k, a, h, tau):
    vals = dict(zip(NAMES, (Q(x.numerator, x.denominator) for x in
                            (w, s_h, s_l, rho, Q(19, 5), k, a, h, tau))))
    vals["sanctions_loss"] = Q(19, 5)
    w_, loss = vals["economy_weight"], vals["sanctions_loss"]
    slacks = [(1 - w_) * vals[n] - w_ * loss for n in ("security_resolute", "security_irresolute")]
    if any(s == 0 or s + w_ * loss * vals["sanctions_endured"] == 0 for s in slacks) \
            or vals["backdown_cost"] == vals["impose_cost"] \
            or (1 - vals["prior_resolute"]) * vals["halt_value"] == vals["prior_resolute"] * vals["impose_cost"]:
        return  # ties: the model refuses to choose (tested below)
    outcomes = th.threat_outcomes(**vals)
    from_pbe = any(o.selection and o.threatens for o in outcomes)
    assert from_pbe == bool(th.selection_holds({n: float(v) for n, v in vals.items()}))


def test_offer_needed_falls_with_the_weight_on_the_economy():
    offers = [th.offer_needed(Q(j, 10), 8, Q(19, 5)) for j in range(1, 10)]
    assert offers == sorted(offers, reverse=True) and offers[-1] == 0


def test_errors_name_what_is_wrong():
    with pytest.raises(ParameterError, match="unknown sanctions parameter"):
        th.threat_game(nonsense=1)
    with pytest.raises(ParameterError, match="target's side must be numbers"):
        th.threat_game(None)
    with pytest.raises(ParameterError, match="indifferent"):
        th.holds_out(Q(1, 2), 1, 2, Q(1, 2))


def test_shares_over_the_ranges():
    dual, mf = th.selection_share(), th.military_first_share()
    assert dual.draws == mf.draws == 4000
    assert 0 < dual.low and dual.high < 1  # holds over part of the ranges, not all
    assert "economy_weight" not in dual.names
    sob = th.holdout_sobol(n=256)
    assert set(sob.names) == {"economy_weight", "security_resolute"}


def test_outcomes_round_trip_through_json():
    import json

    for o in th.threat_outcomes(economy_weight=th.DUAL_TRACK):
        assert th.ThreatOutcome.from_json_dict(json.loads(json.dumps(o.to_json_dict()))) == o
