"""The maturity mechanism of argument 03 (Bas and Coe 2016, 2018), reconstructed."""

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParameterError
from gametheory.models import maturity as mt
from gametheory.models.calibration import ATTACK_LIKELIHOOD, ATTACK_LIKELIHOOD_ALT

Q_ = sp.Rational
M, K, R, SIGMA, Q, X, A, D, DELTA = mt.PRIMITIVES


def _closed_form_path(p):
    # Backward induction by hand on the tree of the module docstring (expected values):
    # the US lifts iff G > G + T(m) - a; the state then compares R - K - qX (or -K - qX)
    # with keeping, -(1 - m) q X.
    t = p[M] * p[D] * p[SIGMA] * p[DELTA] / (1 - p[DELTA])
    lifts = p[A] > t
    disarm_value = (p[R] if lifts else 0) - p[K] - p[Q] * p[X]
    keeps = -(1 - p[M]) * p[Q] * p[X]
    return ("disarm", "lift" if lifts else "renege") if disarm_value > keeps else ("keep",)


def test_calibrations_libya_disarms_north_korea_does_not():
    assert mt.disarm_first(mt.LIBYA_2003_M) is True
    assert mt.disarm_first(mt.DPRK_2019_M) is False
    # North Korea would disarm if the US kept its word; the US would not (a < T(m)).
    mg = mt.margins(mt.DPRK_2019_M)
    assert mg["dprk"] > 0 > mg["us"]


def test_region_from_spe_is_the_closed_form():
    region = mt.deal_region()
    closed = sp.And(A > mt.renege_gain(), R - mt.disarm_cost() > 0)
    g = mt.G
    free = region.free_symbols - {g}
    assert free <= set(mt.PRIMITIVES)
    # Equal as conditions: checked on a grid of exact points below and at random in the next test.
    for m in (Q_(1, 10), Q_(1, 2), Q_(9, 10)):
        for a in (1, 5, 20):
            point = {M: m, K: 1, R: 20, SIGMA: 2, Q: Q_(1, 10), X: 100, A: a, D: Q_(9, 20),
                     DELTA: Q_(9, 10), g: 10}
            assert bool(region.xreplace(point)) == bool(closed.xreplace(point))


@settings(max_examples=25, deadline=None)
@given(st.fractions(0, 1), st.fractions(0, 50), st.fractions(0, 80), st.fractions(1, 6),
       st.fractions(0, 1), st.fractions(1, 500), st.fractions(Q_(1, 10), 20), st.fractions(0, 1),
       st.fractions(Q_(1, 2), Q_(49, 50)))
def test_symbolic_equals_numeric_spe(m, k, r, sigma, q, x, a, d, delta):
    # Symbolic = numeric: gt.spe on the tree with numbers in, against the closed form.
    p = dict(zip(mt.PRIMITIVES, (Q_(v.numerator, v.denominator) for v in
                                 (m, k, r, sigma, q, x, a, d, delta))))
    expected = _closed_form_path(p)
    g = mt.G
    tree = mt.maturity_tree().subs({**p, g: 10})
    paths = {e.path[:len(expected)] for e in gt.spe(tree).profiles()}
    t = p[M] * p[D] * p[SIGMA] * p[DELTA] / (1 - p[DELTA])
    tie = p[A] == t or (p[R] if p[A] > t else 0) - p[K] - p[M] * p[Q] * p[X] == 0
    if not tie:
        assert paths == {expected}
        assert mt.disarm_first({s.name: v for s, v in p.items()}) == (expected == ("disarm", "lift"))


def test_spe_profile_is_a_gambit_agent_equilibrium(tmp_path):
    pygambit = pytest.importorskip("pygambit")
    g = mt.G
    for cal in (mt.LIBYA_2003_M, mt.DPRK_2019_M):
        point = {s: cal[s] for s in mt.PRIMITIVES} | {g: cal[g]}
        tree = mt.maturity_tree().subs(point)
        (eq,) = gt.spe(tree).profiles()
        path = gt.write_game(tree, tmp_path / f"{cal.name}.efg")
        game = pygambit.read_efg(str(path))
        found = pygambit.nash.enumpure_agent_solve(game).equilibria
        profiles = []
        for prof in found:
            chosen = {}
            for player in ("DPRK", "US"):
                (probs,) = dict(prof[player]).values()  # one information set each
                chosen[player] = next(a for a, pr in dict(probs).items() if pr == 1)
            profiles.append(chosen)
        state = eq.path[0]
        us = "lift" if (cal["renege_cost"] > mt.renege_gain().xreplace(point)) else "renege"
        assert {"DPRK": state, "US": us} in profiles


def test_mechanism_monotone_in_maturity():
    # Bas and Coe: a more mature programme costs more to give up and shifts more power.
    ms = [Q_(j, 10) for j in range(11)]
    costs = [mt.disarm_cost(m, 1, Q_(1, 20), 100) for m in ms]
    gains = [mt.renege_gain(m, Q_(9, 20), 2, Q_(9, 10)) for m in ms]
    assert costs == sorted(costs) and gains == sorted(gains)
    assert mt.renege_gain(0, Q_(9, 20), 2, Q_(9, 10)) == 0


def test_decomposition_maturity_flips_the_verdict():
    d = mt.decomposition()
    assert d.start_holds and not d.steps[-1].holds
    assert d.flipping == ("programme_maturity",)
    # One at a time from Libya: maturity alone and the dismantling cost alone flip it.
    alone = mt.one_at_a_time(mt.LIBYA_2003_M, mt.DPRK_2019_M)
    assert {n for n, holds in alone.items() if not holds} == set(d.flipping_alone)
    assert "programme_maturity" in d.flipping_alone
    # The end of the chain is North Korea's calibration.
    last = d.steps[-1]
    assert {"dprk": last.dprk, "us": last.us} == mt.margins(mt.DPRK_2019_M)
    assert d.to_json_dict()["steps"][0]["parameter"] == "programme_maturity"
    import json
    again = mt.Decomposition.from_json_dict(json.loads(json.dumps(d.to_json_dict())))
    assert again.steps == d.steps and dict(again.start_point) == dict(d.start_point)
    with pytest.raises(ParameterError, match="unknown primitive"):
        mt.decomposition(order=["nonsense"])


def test_belief_update_matters_only_for_mature_programmes_with_a_credible_us():
    libya, dprk = (mt.belief_update_effect(c) for c in (mt.LIBYA_2003_M, mt.DPRK_2019_M))
    # The margin falls by m (q' - q) X: nine times more for North Korea's maturity.
    assert dprk.margin_change / libya.margin_change == Q_(9, 1)
    assert libya.before and libya.after  # Libya's deal survives the update
    assert not dprk.us_keeps_word and not dprk.before and not dprk.after
    # With a credible US (a above T(m)) and a mature programme past the threshold, 2011 decides.
    credible = mt.DPRK_2019_M.replace(renege_cost=10, yearly_stake=2, patience=Q_(4, 5),
                                      full_arsenal_shift=Q_(1, 4), programme_maturity=1,
                                      dismantle_cost=25, relief_value=38)
    eff = mt.belief_update_effect(credible)
    assert eff.us_keeps_word and eff.before and not eff.after
    assert eff.maturity_threshold < 1


def test_monte_carlo_shares_and_sobol():
    libya, dprk = mt.deal_share(mt.LIBYA_2003_M), mt.deal_share(mt.DPRK_2019_M)
    assert libya.draws == dprk.draws == 4000 and libya.seed == 0
    assert dprk.high < libya.low  # the gap survives the ranges ...
    assert dprk.share > 0  # ... but North Korea's share is not fixed at zero by them
    again = mt.deal_share(mt.DPRK_2019_M)
    assert again.share == dprk.share
    flips = mt.update_flip_share(mt.DPRK_2019_M)
    assert 0 <= flips.share <= dprk.share + flips.high
    assert {ATTACK_LIKELIHOOD.name, ATTACK_LIKELIHOOD_ALT.name} <= set(flips.names)
    us = mt.deal_sobol(mt.DPRK_2019_M, margin="us", n=256)
    assert set(us.names) <= {"programme_maturity", "yearly_stake", "renege_cost",
                             "full_arsenal_shift", "patience"}
    with pytest.raises(ParameterError, match="margin must be"):
        mt.deal_sobol(mt.DPRK_2019_M, margin="both")


def test_belief_update_effect_round_trips_through_json():
    import json

    e = mt.belief_update_effect(mt.DPRK_2019_M)
    assert mt.BeliefUpdateEffect.from_json_dict(json.loads(json.dumps(e.to_json_dict()))) == e
