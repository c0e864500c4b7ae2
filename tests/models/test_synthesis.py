import numpy as np
import sympy as sp

from gametheory.models import synthesis as sy
from gametheory.models.calibration import DPRK_2019, LIBYA_2003

Q = sp.Rational


def test_inclusion_is_proved_in_both_models():
    proofs = sy.inclusion_proofs()
    assert proofs["trees"]["holds"] and proofs["commitment"]["holds"]


def test_inclusion_checked_over_ranges():
    for cal in (DPRK_2019, LIBYA_2003):
        res = sy.inclusion_robustness(cal, steps=5, draws=1000, seed=1)
        assert res["trees"].share == 1.0 and res["commitment"].share == 1.0


def test_region_map_never_has_big_deal_outside_steps():
    answer = sy.tree_region_answer(5)
    m = sy.tree_region_map(DPRK_2019, 5, np.linspace(1, 40, 40), np.linspace(1, 10, 19))
    assert set(m.categories) <= {sy.BOTH, sy.STEPS_ONLY, sy.NEITHER}
    # at DPRK_2019's R, C, X, q disarming pays, so the map splits by K a > T and a > T
    both = m.codes == m.categories.index(sy.BOTH) if sy.BOTH in m.categories else np.zeros(m.shape, bool)
    t, a = np.meshgrid(m.axes[0][1], m.axes[1][1], indexing="ij")
    interior = ~m.boundary
    assert np.array_equal(both[interior], (a > t)[interior])
    assert len(answer.pieces) == 3


def test_commitment_map_direction():
    # Powell (2006): larger shifts break peace; here also more patience needs more steps
    out = sy.commitment_region_map(DPRK_2019, [Q(4, 5), Q(9, 10), Q(19, 20)],
                                   [Q(1, 4), Q(2, 5), Q(1, 2)])
    grid = out["minimal_steps"]
    assert grid == [[1, 1, 1], [1, 3, 4], [5, 9, 11]]
    assert out["big_deal"][2] == [False, False, False]


def test_where_the_claim_fails_is_reported():
    res = sy.claim_robustness(DPRK_2019, steps=10, draws=2000, seed=0)
    # trees: the big deal never works over DPRK ranges, but in a large share of them no
    # number of steps works either (disarming does not pay: R - C - qX <= 0)
    assert res["trees: big deal works too"].share == 0
    assert 0.3 < res["trees: no path of <= 10 steps"].share < 0.8
    assert abs(res["trees"].share + res["trees: no path of <= 10 steps"].share - 1) < 1e-12
    # commitment model: over the wide cost ranges the big deal is often peaceful too
    assert res["commitment: big deal works too"].share > 0.5
    assert res["commitment"].share < 0.5


def test_synthesis_table():
    rows = {r["calibration"]: r for r in sy.synthesis_table(DPRK_2019, LIBYA_2003)}
    assert rows["DPRK_2019"]["least steps n* (commitment)"] == 3
    assert rows["DPRK_2019"]["least reciprocal steps K* (tree)"] == 5
    assert rows["LIBYA_2003"]["big deal reaches disarmament (tree)"]


# ------------------------------------------------ derived models over the ranges (issue 15)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gametheory.models import commitment as cm  # noqa: E402
from gametheory.models import screening as sc  # noqa: E402
from gametheory.models.calibration import PRIOR_GENUINE  # noqa: E402


def test_inclusion_is_tested_per_model_and_fails_under_private_information():
    for cal in (DPRK_2019, LIBYA_2003):
        shares = sy.inclusion_shares(cal, steps=5, draws=4000, seed=0)
        for name in ("trees (a and T set by hand)", "trees (costs from primitives)",
                     "commitment (shift of power)"):
            assert shares[name].share == 1.0, name  # a theorem there: (K - 1) a >= 0 etc.
        assert 0 < shares["screening (private type)"].share < 1


def test_screening_counterexample_to_inclusion_checked_by_pbe():
    # The big deal separates (c_g = 35 <= V = 38 <= c_h = 43.75); no partial step reaches
    # 38/43.75 > 3/4, and with pi = 1/10 small steps are refused (pi G = 5 < lambda R = 19).
    v = sc.screening_values(DPRK_2019) | {sc.SCREENING_PARAMETERS[4]: Q(5, 4), PRIOR_GENUINE: Q(1, 10)}
    found = sc.equilibrium_steps(sc.screening_pbe(v))
    reciprocated = {g for g, _ in found["separating"]} | {g for g, _ in found["pooling, reciprocated"]}
    assert 1 in reciprocated and not reciprocated & {Q(1, 4), Q(1, 2), Q(3, 4)}


def test_claim_shares_partition_each_model():
    shares = sy.claim_shares(DPRK_2019, steps=10, draws=4000, seed=0)
    models = [k for k in shares if ":" not in k]
    assert len(models) == 4
    for m in models:
        total = shares[m].share + shares[f"{m}: big deal works"].share + shares[f"{m}: nothing works"].share
        assert abs(total - 1) < 1e-12 and shares[m].draws == 4000


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(1, 99), st.integers(0, 100), st.integers(1, 99), st.integers(0, 60),
       st.integers(0, 60), st.integers(1, 8))
def test_vectorised_commitment_check_equals_exact_recursion(p, s, d, cd, cr, n):
    args = (Q(p, 100), Q(p, 100) * Q(s, 100), Q(d, 100), Q(cd, 20), Q(cr, 20))
    v = dict(zip(("war_share_dprk", "power_shift", "patience", "war_cost_dprk", "war_cost_us"),
                 (np.array([float(x)]) for x in args)))
    exact = cm.peace_feasible(args[0], args[1], n, *args[2:])
    slack = min(cm.CommitmentModel.of(*args).slack(0, k, n) for k in range(1, n + 1))
    if abs(float(slack)) > 1e-9:  # floats may differ from exact only on the boundary
        assert bool(sy._commitment_peaceful(v, n)[0]) == exact


def test_each_calibration_on_its_own_map():
    for cal in (DPRK_2019, LIBYA_2003):
        m = sy.primitive_region_map(cal, 5, points=21)
        lam, a_p = m.axes[0][1], m.axes[1][1]
        assert (lam.min(), lam.max()) == tuple(float(x) for x in cal.range_of("sanctions_leverage"))
        codes = np.asarray(m.codes)
        for i, j in ((0, 0), (10, 3), (20, 20), (5, 17)):
            point = sy.primitive_region_answer(5).parameters
            values = {x: cal[x] for x in point} | {point[[x.name for x in point].index(
                "sanctions_leverage")]: sp.nsimplify(lam[i]), point[[x.name for x in point].index(
                "reputation_cost")]: sp.nsimplify(a_p[j])}
            if m.boundary[i, j]:
                continue
            assert m.categories[codes[i, j]] == sy.primitive_region_answer(5).at(values)


def test_claim_sobol_ranks_the_assumptions():
    res = sy.claim_sobol(DPRK_2019, n=512, seed=1)
    assert set(res.names) == set(sy.RENEGING_DRAWN)
    # the relief and the cost of disarming decide whether steps work more than the audience cost
    assert res.index("audience_cost")[1] < min(res.index("relief_value")[1], res.index("disarm_cost")[1])
