"""Tests of argument 07: sanctions, the dual track, and the selection of resolute targets."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models import sanctions as sn

R = sp.Rational
BASE = dict(security_resolute=8, security_irresolute=2, prior_resolute=R(1, 2),
            sanctions_loss=R(19, 5), impose_cost=1, backdown_cost=2, halt_value=5)


def profiles(sol):
    return sorted((tuple(sorted(e.sender.items())), tuple(sorted(e.receiver.items()))) for e in sol)


def test_threshold_weight_derived_and_its_direction():
    s, loss = sn.SECURITY_RESOLUTE, sn.SANCTIONS_LOSS
    thr = sn.stop_testing_weight()
    assert sp.simplify(thr - s / (s + loss)) == 0
    # over the range: a larger security value needs more weight on the economy;
    # larger sanctions need less
    assert sp.simplify(sp.diff(thr, s)).is_positive
    assert sp.simplify(sp.diff(thr, loss)).is_negative


def test_2017_sanctions_figure_from_calibration():
    # LITERATURE.md: about $3bn coal and minerals + about $800m textiles banned in 2017
    assert sn.sanctions_loss_2017() == R(19, 5)


def test_military_first_tests_whatever_the_security_value_in_range():
    # Across the assumed range s_H in [4, 20], a military-first regime (w = 1/5) tests
    # under the 2017 sanctions; a dual-track one stops only when s_H is at the low end.
    rows = sn.weight_needed_to_stop_testing()
    assert all(r["military_first_tests"] for r in rows)
    assert [r["dual_track_tests"] for r in rows] == [False, True, True, True, True]


def test_dual_track_makes_sanctions_bite_on_the_irresolute_type_only():
    out = sn.regime_outcomes()
    assert out["military first"] == {"resolute": "test", "irresolute": "test"}
    assert out["dual track"] == {"resolute": "test", "irresolute": "halt"}


_ANSWER = []


@settings(max_examples=6, deadline=None, derandomize=True)
@given(w=st.fractions(R(1, 20), R(19, 20), max_denominator=40))
def test_symbolic_pbe_matches_numeric_in_the_weight(w):
    if not _ANSWER:
        _ANSWER.append(sn.sanctions_equilibria(**BASE))  # free: economy_weight only
    answer = _ANSWER[0]
    numeric = gt.pbe(sn.sanctions_game(economy_weight=w, **BASE))
    assert profiles(answer.at({sn.ECONOMY_WEIGHT: w})) == profiles(numeric)


@settings(max_examples=12, deadline=None, derandomize=True)
@given(
    w=st.fractions(R(1, 10), R(9, 10)), rho=st.fractions(R(1, 10), R(9, 10)),
    k=st.fractions(R(1, 2), 2), extra=st.fractions(R(1, 10), 2),
)
def test_lacy_niou_selection_over_the_range(w, rho, k, extra):
    # Lacy and Niou (2004): where the threat is credible (a > k) and the sanction would
    # work on the irresolute type only, imposed sanctions fall on resolute targets alone
    # and do not change their behaviour.
    loss = R(19, 5)
    s_low = (w * loss / (1 - w)) * R(1, 2)   # (1-w) s_L < w S
    s_high = (w * loss / (1 - w)) * 2        # (1-w) s_H > w S
    game = sn.sanctions_game(w, s_high, s_low, rho, loss, k, k + extra, 5)
    res = sn.selection_effect(game)
    assert res["sanctions_imposed_on"] == ("resolute",)
    assert res["imposed_sanctions_fail"]
    assert [e.kind for e in res["equilibria"]] == ["separating"]


def test_incredible_threat_stops_no_one():
    # Where backing down is cheaper than imposing (a < k) the sanctioner backs down after
    # a test, so both types test: the sanctions argument fails there.
    sol = gt.pbe(sn.sanctions_game(R(3, 5), 8, 2, R(1, 2), R(19, 5), 2, 1, 5))
    assert [dict(e.sender) for e in sol] == [{"resolute": "test", "irresolute": "test"}]
    assert all(e.receiver["test"] == "back down" for e in sol)
