import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import NotApplicableError, ParameterError

T = gt.parameter("st_T", "positive")
R = gt.parameter("st_R", "positive")
P = gt.parameter("st_P", "positive")
Q = gt.parameter("st_q", "probability", description="verification quality")
DELTA = gt.parameter("st_delta", "discount")
X = gt.parameter("st_x", "real")


def test_grim_trigger_threshold_statics_with_gap_parameters():
    # Grim trigger in the repeated PD holds iff delta >= (T - R) / (T - P)
    # (Fudenberg and Tirole 1991, Game Theory, section 5.1). With T = R + g, P = R - l
    # (g, l > 0), the threshold g / (g + l) rises with the temptation g and falls with the loss l.
    g = gt.parameter("st_g", "positive", description="temptation gain")
    loss = gt.parameter("st_l", "positive", description="punishment loss")
    cs = gt.comparative_statics(g / (g + loss), name="the patience threshold")
    assert cs[g].derivative == sp.simplify(loss / (g + loss) ** 2)
    assert cs.signs() == {"st_g": "positive", "st_l": "negative"}
    assert cs[loss].sentence == "the patience threshold falls as punishment loss (st_l) rises"
    assert cs[g].direction == 1 and cs[loss].direction == -1


def test_bounds_of_probabilities_and_discount_factors_are_used():
    # 1 - q is positive only because q < 1: needs the probability's upper bound.
    cs = gt.comparative_statics(X * (1 - Q) + 0 * DELTA, [Q, DELTA, "st_x"])
    assert cs[Q].sign == "undetermined"  # sign of -x: x is any real
    assert cs[DELTA].sign == "zero"
    assert cs["st_x"].sign == "positive"
    assert "does not depend" in cs[DELTA].sentence
    cs2 = gt.comparative_statics(sp.log(1 - DELTA) + Q**2)
    assert cs2[DELTA].sign == "negative"  # -1/(1 - delta) < 0 on (0, 1)
    assert cs2[Q].sign == "positive"  # 2q > 0 on the interior (0, 1)


def test_undetermined_sign_is_reported_not_guessed():
    cs = gt.comparative_statics((T - R) / (T - P), [R])
    assert cs[R].sign == "undetermined" and cs[R].direction is None
    assert cs.warnings and "st_R" in cs.warnings[0]
    assert "cannot decide" in cs[R].sentence


def test_errors_and_output():
    with pytest.raises(NotApplicableError, match="not a condition"):
        gt.comparative_statics(DELTA > Q)
    cs = gt.comparative_statics(Q * T)
    with pytest.raises(ParameterError, match="no effect"):
        cs["nope"]
    assert cs.summary_json()["effects"][0]["parameter"] == "st_T"
    assert r"\frac" in cs.latex()


def test_signs_of_ratios_with_squared_denominators():
    # Green and Porter (1984)-style threshold g/(g p + p - q): it falls as the chance p of
    # a good signal under compliance rises and rises with the false-signal chance q,
    # wherever it is defined.
    from gametheory.analysis import comparative_statics
    from gametheory.symbolic import parameter

    g = parameter("g_cs_t", kind="positive")
    p = parameter("p_cs_t", kind="probability")
    q = parameter("q_cs_t", kind="probability")
    result = comparative_statics(g / (g * p + p - q))
    assert result[p].sign == "negative"
    assert result[q].sign == "positive"
    assert result[g].sign == "undetermined"  # the sign of p - q decides it
