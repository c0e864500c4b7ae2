import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.models import definitions as df
from gametheory.models.calibration import (
    ATTACK_RISK,
    DEFINITION_SHARE,
    DISARM_COST,
    DISARM_VALUE_US,
    DPRK_2019,
    REGIME_LOSS,
    RELIEF_VALUE,
    RENEGE_GAIN,
)

Q = sp.Rational


def test_all_for_all_outside_dprk_win_set_partial_packages_in_both():
    a = df.definitions_analysis(DPRK_2019)
    assert a.accepted["all for all"] == {"US": True, "DPRK": False}
    assert "Yongbyon plus alpha for most relief" in a.in_both
    assert a.all_for_all_outside_dprk and a.overlap
    # the engine's exact vertices of the joint win-set: the cone between the two rays
    assert set(a.win_sets.vertices["all"]) == {(0, 0), (Q(2, 5), 1), (Q(19, 25), 1)}
    assert (1, 1) not in a.win_sets.vertices["all"]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(10, 80), st.integers(5, 60), st.integers(10, 100), st.integers(1, 60),
       st.integers(0, 200), st.integers(0, 20), st.integers(30, 100))
def test_closed_form_conditions_match_engine_win_sets(r, c, g, t, x, q, s_n):
    point = {RELIEF_VALUE: Q(r), DISARM_COST: Q(c), DISARM_VALUE_US: Q(g), RENEGE_GAIN: Q(t),
             REGIME_LOSS: Q(x), ATTACK_RISK: Q(q, 100), DEFINITION_SHARE: Q(s_n, 100)}
    game = df.definitions_game().subs(point)
    outside = not bool(game.acceptable("DPRK", {"scope": 1, "relief": 1}))
    assert outside == bool(df.all_for_all_condition().xreplace(point))
    ws = df.win_sets(game)
    positive_scope = any(v[0] > 0 for v in ws.vertices["all"])
    assert positive_scope == bool(df.overlap_condition().xreplace(point))


def test_definition_share_threshold():
    # all-for-all enters North Korea's win-set once its own definition covers C/(R - qX)
    th = df.definition_share_threshold()
    assert sp.simplify(th - DISARM_COST / (RELIEF_VALUE - ATTACK_RISK * REGIME_LOSS)) == 0
    at = th.xreplace({s: DPRK_2019[s] for s in th.free_symbols})
    assert at == Q(10, 11)
    # where the op-ed's claim fails: with s_N above 10/11 all-for-all is acceptable
    assert not df.definitions_analysis(DPRK_2019.replace(definition_share=Q(19, 20))).all_for_all_outside_dprk
    assert df.definitions_analysis(DPRK_2019.replace(definition_share=Q(9, 10))).all_for_all_outside_dprk


def test_nash_division_is_in_both_win_sets_and_symmetric():
    # Nash (1950): with a linear frontier and d = (0, 0) the gains are split equally here
    sol, package = df.nash_division(DPRK_2019)
    assert sol.utilities[0] == sol.utilities[1] == 9
    game = df.definitions_game(DPRK_2019)
    assert game.acceptable("US", package) is sp.true and game.acceptable("DPRK", package) is sp.true
    assert package["scope"] < 1


def test_rubinstein_more_patient_side_gets_more():
    # Rubinstein (1982): proposer's share (1 - d2)/(1 - d1 d2) of the pie
    pie, sol = df.rubinstein_division(DPRK_2019, proposer="US")
    d_us, d_nk = DPRK_2019["patience_us"], DPRK_2019["patience_dprk"]
    assert sol.share(0) == pie * (1 - d_nk) / (1 - d_us * d_nk)
    assert sol.share(1) > sol.share(0)              # North Korea, more patient, gets more
    pie2, sol2 = df.rubinstein_division(DPRK_2019.replace(patience_dprk=Q(9, 10)), proposer="US")
    assert sol2.share(0) > sol2.share(1)            # equal patience: the proposer's edge
