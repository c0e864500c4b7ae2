import functools

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import ParameterError
from gametheory.models import trust
from gametheory.models.calibration import (
    DISARM_COST,
    DISARM_VALUE_US,
    DPRK_2019,
    LIBYA_2003,
    RELIEF_VALUE,
    RENEGE_GAIN,
)

Q = sp.Rational


def test_derived_rate_is_lockwood_thomas_reconstruction():
    # LITERATURE.md (after Lockwood and Thomas 2002): rho = c/(d b), derived by sympy here
    b, c, d = sp.symbols("b c d", positive=True)
    assert sp.simplify(trust.derive_gradual_rate() - c / (d * b)) == 0


@st.composite
def triples(draw):
    b = Q(draw(st.integers(1, 50)), draw(st.integers(1, 10)))
    c = b * Q(draw(st.integers(1, 99)), 100)
    lo = c / b
    d = lo + (1 - lo) * Q(draw(st.integers(1, 99)), 100)
    return b, c, d


@settings(max_examples=40, deadline=None, derandomize=True)
@given(triples(), st.integers(1, 6))
def test_gradual_path_binds_and_faster_path_fails(bcd, steps):
    b, c, d = bcd
    path = trust.gradual_path(b, c, d, steps)
    assert path[0] == 0 and all(x < 1 for x in path)
    assert all(x < y for x, y in zip(path, path[1:]))           # rises, stays below 1
    assert trust.path_is_incentive_compatible(path, b, c, d)
    faster = list(path)
    faster[1] += (1 - faster[1]) / 10
    assert not trust.path_is_incentive_compatible(faster, b, c, d)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(triples(), st.integers(1, 95))
def test_steps_to_share_is_least_t(bcd, pct):
    b, c, d = bcd
    share = Q(pct, 100)
    t = trust.steps_to_share(b, c, d, share)
    rho = c / (d * b)
    assert 1 - rho**t >= share and (t == 0 or 1 - rho ** (t - 1) < share)


def test_infeasible_when_discount_at_most_cost_ratio():
    assert trust.steps_to_share(2, 1, Q(1, 2), Q(1, 2)) is None      # d = c/b
    with pytest.raises(ParameterError, match="discount > cost/benefit"):
        trust.gradual_path(2, 1, Q(2, 5), 3)
    with pytest.raises(ParameterError, match="share"):
        trust.steps_to_share(2, 1, Q(3, 4), 1)


def test_steps_rise_as_patience_falls():
    # direction of the claim over the range: less patience -> slower trust
    counts = [trust.steps_to_share(2, 1, Q(k, 20), Q(9, 10)) for k in range(11, 20)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


def test_grim_threshold_is_friedman_ratio():
    # Friedman (1971): grim trigger sustains cooperation iff delta >= (T - R)/(T - P) per player,
    # here max(C/R, T/G).
    res = trust.grim_threshold_symbolic()
    R, C, G, T = RELIEF_VALUE, DISARM_COST, DISARM_VALUE_US, RENEGE_GAIN
    assert res.threshold == sp.Max(C / R, T / G)
    ths = trust.automaton_thresholds(DPRK_2019, limited=(2,))
    expected = max(DPRK_2019[C] / DPRK_2019[R], DPRK_2019[T] / DPRK_2019[G])
    assert ths["grim trigger"].threshold == expected == Q(15, 19)
    # grim's binding ratio C/R is North Korea's gradual-path feasibility bound c/b as well
    assert trust.steps_to_share(DPRK_2019[R], DPRK_2019[C], expected, Q(1, 2)) is None
    assert trust.steps_to_share(DPRK_2019[R], DPRK_2019[C], expected + Q(1, 100), Q(1, 2)) is not None
    # a two-period punishment is too weak here at any patience (the engine says so)
    assert ths["limited punishment (2)"].threshold is None


def test_libya_cooperates_at_lower_patience():
    lib = trust.automaton_thresholds(LIBYA_2003, limited=())["grim trigger"].threshold
    assert lib < trust.automaton_thresholds(DPRK_2019, limited=())["grim trigger"].threshold


def test_calibrated_gradual_path():
    # North Korea's side binds at DPRK_2019 (C/R = 15/19 > T/G = 2/5); rho = (15/19)/(9/10)
    args = trust.gradual_parameters(DPRK_2019)
    assert args == {"benefit": 38, "cost": 30, "discount": Q(9, 10)}
    assert trust.gradual_path(steps=2, **args)[1] == 1 - Q(30, 38) / Q(9, 10)
    assert trust.steps_to_share(share=Q(9, 10), **args) == 18
    # Libya: the US side binds (T/G = 1/5), rho = 2/9, so 90% is reached in 2 periods
    assert trust.gradual_parameters(LIBYA_2003)["benefit"] == 10
    assert trust.steps_to_share(share=Q(9, 10), **trust.gradual_parameters(LIBYA_2003)) == 2


def test_gradual_paths_figure_data():
    out = trust.gradual_paths(DPRK_2019, [Q(3, 4), Q(9, 10)], 4)
    assert out["paths"][Q(3, 4)] is None                  # 3/4 < C/R = 15/19: infeasible
    assert out["paths"][Q(9, 10)] == trust.gradual_path(38, 30, Q(9, 10), 4)


@functools.cache
def _grim_threshold() -> sp.Expr:
    return trust.grim_threshold_symbolic().threshold


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_vectorised_verdict_equals_the_symbolic_grim_threshold(seed):
    import numpy as np

    from gametheory.models.calibration import DPRK_2019

    rng = np.random.default_rng(seed)
    point = {n: sp.Rational(float(rng.uniform(*[float(x) for x in DPRK_2019.range_of(n)])))
             .limit_denominator(100) for n in trust.TRUST_ASSUMPTIONS}
    threshold = _grim_threshold().subs(
        {s: point[s.name] for s in DPRK_2019 if s.name in point and s.name != "patience"})
    expected = bool(point["patience"] >= threshold)
    margin = float(trust.action_for_action_margin({n: float(v) for n, v in point.items()}))
    if abs(margin) > 1e-9:
        assert (margin >= 0) == expected


def test_share_where_action_for_action_holds():
    from gametheory.analysis import monte_carlo_share
    from gametheory.models.calibration import DPRK_2019

    r = monte_carlo_share(trust.action_for_action_holds, DPRK_2019, trust.TRUST_ASSUMPTIONS,
                          draws=4000, seed=0)
    assert 0 < r.low <= r.share <= r.high < 1
