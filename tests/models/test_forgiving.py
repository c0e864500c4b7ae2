"""Forgiving (k-period) punishments on a noisy public signal, and step size (argument 05)."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParameterError
from gametheory.models import forgiving as fg
from gametheory.models import verification as v

Q = sp.Rational


@pytest.mark.parametrize("k", [1, 3, None])
def test_value_is_the_engines(k):
    # The closed form against the engine's exact value equations of the automata.
    p, d = Q(19, 20), Q(9, 10)
    game = v.monitoring_game(p, Q(3, 10), d, Q(1, 2), Q(1, 2))
    profile = (gt.signal_trigger(k), gt.signal_trigger(k))
    values = gt.repeated_values(game, profile)
    assert values.values[values.initial][0] == fg.cooperation_value(k, p, d)


def test_grim_slack_vanishes_at_the_green_porter_threshold():
    # The grim case reproduces the existing threshold g / (g p + p - q).
    p, q, g = Q(19, 20), Q(3, 10), Q(1, 2)
    d = v.trigger_threshold(p, q, g)
    assert fg.incentive_slack(None, p, q, g, d) == 0


@settings(max_examples=8, deadline=None)
@given(st.fractions(Q(4, 5), Q(99, 100)), st.fractions(Q(1, 20), Q(4, 5)),
       st.fractions(Q(1, 10), 2), st.fractions(Q(1, 2), Q(99, 100)), st.integers(1, 4))
def test_slack_sign_is_the_engines_one_shot_deviation_check(p, q, g, d, k):
    p, q, g, d = (Q(x.numerator, x.denominator) for x in (p, q, g, d))
    slack = fg.incentive_slack(k, p, q, g, d)
    if slack == 0:
        return  # a tie: both accept
    game = v.monitoring_game(p, q, d, g, g)
    check = gt.is_subgame_perfect(game, (gt.signal_trigger(k), gt.signal_trigger(k)))
    assert check.holds == bool(slack > 0)


def test_longer_punishment_deters_more_and_is_worth_less():
    p, q, g, d = Q(19, 20), Q(3, 10), Q(1, 2), Q(9, 10)
    values = [fg.cooperation_value(k, p, d) for k in range(1, 8)]
    slacks = [fg.incentive_slack(k, p, q, g, d) for k in range(1, 8)]
    assert values == sorted(values, reverse=True) and slacks == sorted(slacks)
    assert fg.cooperation_value(None, p, d) < values[-1]
    assert fg.punishment_share(None, p) == 1  # grim: breakdown is certain
    assert fg.punishment_share(1, p) == Q(1, 21)


def test_best_punishment_rises_with_step_size():
    rows = fg.best_punishment_by_step([Q(1, 4), 1])
    small, big = rows
    assert small["best_k"] == 1 and big["best_k"] is not None and big["best_k"] > 1
    assert big["punishing"] > small["punishing"] and big["value"] < small["value"]
    # The vectorised best k used for sampling agrees with the engine.
    p, r, c, g, d = (float(fg.VERIFICATION_2019[s]) for s in fg.PARAMETERS)
    arr = fg._best_k_array(np.array([p, p]), np.array([1 - r * min(1, c / 0.25), 1 - r * c]),
                           np.array([g * 0.25, g]), np.array([d, d]), 12)
    assert list(arr) == [small["best_k"], big["best_k"]]


def test_errors_and_share():
    with pytest.raises(ParameterError, match="positive integer or None"):
        fg.cooperation_value(0, Q(1, 2), Q(1, 2))
    with pytest.raises(ParameterError, match="step size"):
        fg.unseen_probability(2, Q(1, 2), Q(1, 2))
    share = fg.small_steps_forgive_share(draws=4000)
    assert share.draws == 4000 and 0 < share.low <= share.high <= 1
    assert "inspection_capacity" not in share.names
    res = fg.forgiving_equilibria(Q(19, 20), Q(1, 10), Q(1, 8), Q(9, 10))
    import json
    assert fg.ForgivingEquilibria.from_json_dict(json.loads(json.dumps(res.to_json_dict()))) == res


def test_step_advantage_is_the_slack_difference():
    # The sampled output equals slack(x = c) - slack(x = 1) at k = 1 from the exact formulas.
    cal = fg.VERIFICATION_2019
    p, r, c, g, d = (cal[s] for s in fg.PARAMETERS)
    exact_diff = (fg.incentive_slack(1, p, fg.unseen_probability(c, r, c), g * c, d)
                  - fg.incentive_slack(1, p, fg.unseen_probability(1, r, c), g, d))
    values = {s.name: np.array([float(cal[s])]) for s in fg.PARAMETERS}
    assert np.isclose(fg._step_advantage(values)[0], float(exact_diff), rtol=1e-12)
    assert exact_diff == (1 - c) * (r * d * fg.cooperation_value(1, p, d) + g)
    sob = fg.step_advantage_sobol(n=256)
    assert set(sob.names) == {s.name for s in fg.PARAMETERS}
