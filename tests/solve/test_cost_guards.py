"""Cost guards of the simulation and the finite-horizon bargaining solver (issue 13)."""

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParameterError, ValidationError
from gametheory.games import catalog
from gametheory.solve.simulate import MAX_ROUNDS

R = sp.Rational
PD = gt.RepeatedGame(catalog.prisoners_dilemma(), "9/10")
GRIM = (gt.grim_trigger("Cooperate", "Defect"),) * 2


@pytest.mark.parametrize("seed", [-1, 1.5, "7", True])
def test_simulate_rejects_bad_seeds(seed):
    with pytest.raises(ValidationError, match="seed must be a non-negative integer"):
        gt.simulate(PD, GRIM, rounds=3, seed=seed)


def test_simulate_refuses_absurd_sizes_before_allocating():
    with pytest.raises(ValidationError, match=r"needs about [\d.]+ GiB, more than max_bytes") as err:
        gt.simulate(PD, GRIM, rounds=10**6, runs=10**6, seed=0)
    assert "fewer runs" in str(err.value)
    with pytest.raises(ValidationError, match="more than 10,000,000"):
        gt.simulate(PD, GRIM, rounds=MAX_ROUNDS + 1, seed=0)
    with pytest.raises(ValidationError, match="max_bytes=1,000"):
        gt.simulate(PD, GRIM, rounds=100, runs=100, seed=0, max_bytes=1000)
    history = gt.simulate(PD, GRIM, rounds=5, runs=2, seed=0)
    assert history.actions.shape == (2, 5, 2)


def stahl_recursion(d1, d2, rounds, pie=1):
    # Stahl (1972): the last proposer takes the pie; the proposer of round t offers the
    # responder the discounted share it would take proposing in round t + 1
    deltas = (d1, d2)
    share = pie
    for t in range(rounds - 1, 0, -1):
        share = pie - deltas[t % 2] * share
    return share


rationals = st.fractions(min_value=0, max_value=1, max_denominator=50).map(
    lambda f: R(f.numerator, f.denominator))


@settings(max_examples=60, deadline=None)
@given(rationals, rationals, st.integers(1, 60))
def test_rubinstein_finite_closed_form_equals_the_recursion(d1, d2, rounds):
    assert gt.rubinstein_finite(d1, d2, rounds).share(0) == stahl_recursion(d1, d2, rounds)


@settings(max_examples=25, deadline=None)
@given(rationals, rationals, st.integers(1, 12))
def test_rubinstein_finite_symbolic_equals_numeric(d1, d2, rounds):
    a, b = sp.symbols("rf_a rf_b", positive=True)
    symbolic = gt.rubinstein_finite(a, b, rounds).share(0)
    assert sp.simplify(symbolic.subs({a: d1, b: d2}) - gt.rubinstein_finite(d1, d2, rounds).share(0)) == 0


def test_rubinstein_finite_long_horizons():
    # float discount factors: closed form for any horizon, close to Rubinstein's limit
    limit = float(gt.rubinstein(R(9, 10), R(4, 5)).share(0))
    share = gt.rubinstein_finite(0.9, 0.8, 10**9).share(0)
    assert abs(float(share) - limit) < 1e-12
    assert gt.rubinstein_finite(1, 1, 10**6).share(0) == 0  # even horizon, no discounting
    # exact rationals over a huge horizon would have millions of digits: refused
    with pytest.raises(ParameterError, match=r"about [\d,]+ digits .* float discount factors"):
        gt.rubinstein_finite(R(9, 10), R(4, 5), 10**7)
    with pytest.raises(ValidationError, match="positive integer"):
        gt.rubinstein_finite(R(9, 10), R(4, 5), True)
