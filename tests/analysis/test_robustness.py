import numpy as np
import pytest
import sympy as sp
from scipy import stats

import gametheory as gt
from gametheory.analysis.robustness import wilson_interval
from gametheory.errors import ParameterError

DELTA = gt.parameter("rb_delta", "discount", plausible_range=("1/2", "99/100"))
GAIN = gt.parameter("rb_g", "positive", plausible_range=(1, 3))
LOSS = gt.parameter("rb_l", "positive", default=1)
BARE = gt.parameter("rb_bare", "real")


def test_wilson_interval_matches_published_example():
    # Newcombe (1998), Statistics in Medicine 17, Table I, example (a): 81/263 ->
    # Wilson interval 0.2553 to 0.3662.
    lo, hi = wilson_interval(81, 263)
    assert (round(lo, 4), round(hi, 4)) == (0.2553, 0.3662)


def test_share_reproduces_exactly_from_a_seed():
    claim = DELTA >= GAIN / (GAIN + LOSS)
    first = gt.robustness(claim, draws=5000, seed=7)
    again = gt.robustness(claim, draws=5000, seed=7)
    other = gt.robustness(claim, draws=5000, seed=8)
    assert first.share == again.share and np.array_equal(first.outcome, again.outcome)
    assert first.share != other.share
    assert first.fixed == {"rb_l": 1} and "default" in first.warnings[0]
    assert first.interval[0] <= first.share <= first.interval[1]
    # Same draws by hand: names in order rb_delta, rb_g (rb_l fixed).
    rng = np.random.default_rng(7)
    d = rng.uniform(0.5, 0.99, 5000)
    g = rng.uniform(1.0, 3.0, 5000)
    assert first.holds == int(np.count_nonzero(d >= g / (g + 1)))


def test_given_distributions_values_and_piecewise_claims():
    pd = gt.NormalFormGame.from_arrays([[BARE, 0], [5, 1]], [[BARE, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    answer = gt.pure_nash(pd)
    r = gt.robustness((answer, "(C, C)"), distributions={"rb_bare": (0, 10)}, draws=4000, seed=3)
    assert r.distributions == {"rb_bare": "uniform(0, 10)"}
    assert abs(r.share - 0.5) < 0.03  # (C, C) is an equilibrium iff reward >= 5
    r2 = gt.robustness(answer, {BARE: stats.norm(5, 1)}, draws=3000, seed=3, label="(D, D)")
    assert r2.share == 1.0  # (D, D) is always an equilibrium
    fixed = gt.robustness(DELTA >= GAIN / (GAIN + LOSS), values={"rb_g": 1, "rb_l": 1}, draws=2000, seed=0)
    assert fixed.share == 1.0  # delta >= 1/2 over the whole range [1/2, 99/100]


def claim_function(rb_delta, rb_g):
    return rb_delta >= rb_g / (rb_g + 1)


def test_function_claim_equals_compiled_claim():
    compiled = gt.robustness(DELTA >= GAIN / (GAIN + 1), draws=500, seed=5)
    pointwise = gt.robustness(claim_function, {"rb_delta": (0.5, 0.99), "rb_g": (1, 3)}, draws=500, seed=5)
    assert compiled.holds == pointwise.holds


def test_clear_errors():
    with pytest.raises(ParameterError, match="no distribution, no plausible range"):
        gt.robustness(BARE > 0)
    with pytest.raises(ParameterError, match="does not depend"):
        gt.robustness(DELTA > sp.Rational(1, 2), {"rb_nothing": (0, 1)})
    with pytest.raises(ParameterError, match="needs the label"):
        gt.robustness(gt.pure_nash(gt.NormalFormGame.from_arrays([[BARE, 0], [0, 1]], [[1, 0], [0, 1]])))
    with pytest.raises(ParameterError, match="frozen scipy"):
        gt.robustness(BARE > 0, {"rb_bare": "wide"})
