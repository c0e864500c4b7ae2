"""Tests of argument 08: costs, burden sharing, side payments, financing and steps."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.models import financing as fin
from gametheory.models.calibration import (
    PATIENCE,
    POWER_SHIFT,
    WAR_COST_DPRK,
    WAR_COST_US,
    WAR_SHARE_DPRK,
)

R = sp.Rational


def test_cost_figures_from_the_sources():
    # LITERATURE.md: ISTC US $64m (by 1996), EU $53.5m, Japan $17m; 58,000 scientists;
    # Yongbyon about 2,000 staff (Reuters 2007)
    assert fin.istc_cost_per_scientist() == R(1345, 10) / 58000
    rows = {r["item"]: r for r in fin.cost_table()}
    staff = rows["redirecting Yongbyon's staff at ISTC rates, at least"]
    assert staff["central"] == R(1345, 10) / 29 and staff["bound"] == "lower"
    # Known funding is part of the lifetime total over the lifetime count: a bound, no high.
    assert staff["high"] is None
    whole = rows["whole denuclearization (published estimates)"]
    assert (whole["low"], whole["high"]) == (R(1, 10), 200)


def test_kedo_pledge_matches_declared_share():
    # KEDO: $4.6bn budget, South Korea about $3.22bn = 70%
    shares = fin.kedo_shares()
    assert shares["South Korea"] == shares["South Korea (declared share)"] == R(7, 10)


def test_only_the_most_exposed_pays_at_the_defaults():
    res = fin.burden_sharing()
    assert res["payers"] == ("South Korea",)
    assert res["total"] == 10 and res["efficient_total"] == 23 and res["shortfall"] == 13


@settings(max_examples=2, deadline=None, derandomize=True)
@given(st.lists(st.integers(1, 30), min_size=3, max_size=3, unique=True))
def test_olson_zeckhauser_comes_out_of_the_solver(values):
    # Olson and Zeckhauser (1966): only the member with the largest valuation contributes,
    # G = max v_i; the efficient level is sum v_i.
    exposures = dict(zip(["South Korea", "Japan", "China"], values))
    game = fin.burden_sharing_game(exposures, players=list(exposures))
    from gametheory import nash_contributions, samuelson_level

    eq = nash_contributions(game).equilibria
    expected = fin.olson_zeckhauser(exposures)
    assert len(eq) == 1 and eq[0].total == expected["total"]
    assert tuple(p for p, g in eq[0].contributions.items() if g != 0) == expected["payers"]
    assert samuelson_level(game).equilibria[0].total == expected["efficient_total"]


def test_side_payment_enlarges_the_acceptable_set():
    areas = [fin.acceptable_area(s) for s in (0, 2, 5, 10, 20)]
    assert areas[0] == R(77, 190)  # r >= 15x/19 and r <= 5x/2 in the unit square
    assert all(a < b for a, b in zip(areas, areas[1:]))
    # every package acceptable without a payment stays acceptable with one
    before = fin.acceptable_deals(0).vertices["all"]
    after = fin.acceptable_deals(5)
    x, r = after.symbols
    assert all(bool(after.intersection.subs({x: a, r: b})) for a, b in before)


def test_financing_lowers_the_number_of_steps_at_the_calibration():
    rows = fin.steps_by_payment()
    steps = [row["steps"] for row in rows]
    assert steps[0] == 3 and steps[-1] == 1
    assert all(a >= b for a, b in zip(steps, steps[1:]))


def test_big_deal_payment_derived_and_sharp():
    p0, shift, d, cd, cr = WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US
    sigma = fin.big_deal_payment()
    assert sp.simplify(sigma - (d * shift - (1 - d) * (1 - p0 + cd + d * cr))) == 0
    at = sigma.subs({p0: R(1, 2), shift: R(2, 5), d: R(9, 10), cd: 1, cr: 1})
    assert at == R(3, 25)
    assert fin.steps_with_financing(at) == 1
    assert fin.steps_with_financing(at - R(1, 1000)) > 1


@settings(max_examples=8, deadline=None, derandomize=True)
@given(d=st.fractions(R(4, 5), R(19, 20)), shift=st.fractions(R(1, 4), R(1, 2)))
def test_steps_never_rise_with_payment_over_the_range(d, shift):
    counts = [fin.steps_with_financing(p, discount=d, shift=shift, max_steps=200)
              for p in (0, R(1, 20), R(1, 10), R(1, 5), R(2, 5))]
    assert all(a is not None for a in counts)
    assert all(a >= b for a, b in zip(counts, counts[1:]))


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.lists(st.integers(1, 30), min_size=5, max_size=5))
def test_vectorised_verdict_matches_olson_zeckhauser(values):
    exposures = dict(zip(fin.FINANCIERS, values, strict=True))
    expected = fin.olson_zeckhauser(exposures)["payers"] == ("South Korea",)
    named = {fin.EXPOSURES[p].name: float(v) for p, v in exposures.items()}
    assert bool(fin.rok_pays_alone(named)) == expected


def test_share_where_south_korea_pays_alone():
    from gametheory.analysis import monte_carlo_share

    r = monte_carlo_share(fin.rok_pays_alone, fin.FINANCING, draws=4000, seed=0)
    assert 0.3 < r.low <= r.high < 1
