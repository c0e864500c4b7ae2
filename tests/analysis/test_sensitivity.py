import json
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.analysis.robustness import wilson_interval
from gametheory.analysis.sensitivity import (
    ShareEstimate,
    SobolResult,
    monte_carlo_share,
    shares_latex,
    sobol_indices,
    vectorised,
)
from gametheory.errors import ParameterError
from gametheory.models.calibration import DPRK_2019, LIBYA_2003, Calibration

X1 = gt.parameter("sens_x1", "real", default="1/2", plausible_range=(0, 1))
X2 = gt.parameter("sens_x2", "real", default="1/2", plausible_range=(0, 1))
X3 = gt.parameter("sens_x3", "real", default="1/2", plausible_range=(0, 1))
X4 = gt.parameter("sens_x4", "real", default="1/2", plausible_range=(0, 1))
FIXED = gt.parameter("sens_fixed", "real", default=3)

UNIT = Calibration(
    "UNIT", "four independent uniform(0, 1) inputs and one fixed value",
    values={X1: "1/2", X2: "1/2", X3: "1/2", X4: "1/2", FIXED: 3},
    ranges={X1: (0, 1), X2: (0, 1), X3: (0, 1), X4: (0, 1)},
)


def test_share_matches_the_closed_form_probability():
    # P(x1 + x2 <= 1) = 1/2 for independent uniforms; P(x1 * x2 <= 1/4) = 1/4 (1 + ln 4).
    half = monte_carlo_share(lambda v: v["sens_x1"] + v["sens_x2"] <= 1, UNIT,
                             ["sens_x1", "sens_x2"], draws=4000, seed=11)
    assert half.low <= 0.5 <= half.high
    product = monte_carlo_share(lambda v: v["sens_x1"] * v["sens_x2"] <= 0.25, UNIT,
                                ["sens_x1", "sens_x2"], draws=4000, seed=12)
    assert product.low <= 0.25 * (1 + math.log(4)) <= product.high
    assert np.allclose((product.low, product.high), wilson_interval(product.holds, 4000),
                       rtol=0, atol=1e-12)


def test_seed_reproduces_draws_and_other_parameters_keep_calibration_values():
    seen = []

    def verdict(v):
        seen.append(v)
        return v["sens_x1"] > 0.3

    a = monte_carlo_share(verdict, UNIT, ["sens_x1"], draws=500, seed=5)
    assert {v["sens_fixed"] for v in seen} == {3.0}
    assert {v["sens_x2"] for v in seen} == {0.5}
    # The draws by hand: a (draws, names) matrix of uniforms from default_rng(seed).
    u = np.random.default_rng(5).random((500, 1))[:, 0]
    assert [v["sens_x1"] for v in seen] == u.tolist()
    assert a.holds == int(np.count_nonzero(u > 0.3))
    b = monte_carlo_share(verdict, UNIT, ["sens_x1"], draws=500, seed=5)
    c = monte_carlo_share(verdict, UNIT, ["sens_x1"], draws=500, seed=6)
    assert a == b and a.share != c.share
    assert a.names == ("sens_x1",) and a.ranges == {"sens_x1": ("0", "1")}
    assert not a.exact and a.seed == 5 and a.calibration == "UNIT"


def test_vectorised_and_pointwise_verdicts_agree():
    def pointwise(v):
        return v["patience"] * (1 + v["war_cost_us"]) > v["power_shift"] * 4

    @vectorised
    def vector(v):
        return v["patience"] * (1 + v["war_cost_us"]) > v["power_shift"] * 4

    names = ["patience", "war_cost_us", "power_shift"]
    a = monte_carlo_share(pointwise, DPRK_2019, names, draws=1000, seed=2)
    b = monte_carlo_share(vector, DPRK_2019, names, draws=1000, seed=2)
    c = monte_carlo_share(pointwise, DPRK_2019, names, draws=1000, seed=2, vectorised=False)
    assert a.holds == b.holds == c.holds
    assert 0 < a.share < 1


def test_dask_backend_gives_the_same_share_for_the_same_seed():
    @vectorised
    def vector(v):
        return v["sens_x1"] ** 2 + v["sens_x3"] < v["sens_x2"]

    def pointwise(v):
        return v["sens_x1"] ** 2 + v["sens_x3"] < v["sens_x2"]

    names = ["sens_x1", "sens_x2", "sens_x3"]
    ref = monte_carlo_share(vector, UNIT, names, draws=4000, seed=9)
    for verdict in (vector, pointwise):
        for scheduler in ("synchronous", "threads"):
            d = monte_carlo_share(verdict, UNIT, names, draws=4000, seed=9, backend="dask",
                                  chunk_size=700, scheduler=scheduler)
            assert (d.share, d.low, d.high, d.holds) == (ref.share, ref.low, ref.high, ref.holds)
            assert "Dask" in d.method


def test_default_names_are_the_calibration_assumptions():
    r = monte_carlo_share(lambda v: True, LIBYA_2003, draws=10, seed=0)
    assert r.names == LIBYA_2003.assumptions and r.share == 1.0
    assert monte_carlo_share(lambda v: False, UNIT, draws=10).share == 0.0


def test_json_round_trip_and_table():
    r = monte_carlo_share(lambda v: v["sens_x1"] < 0.5, UNIT, ["sens_x1"], draws=200, seed=1)
    data = json.loads(json.dumps(r.to_json_dict()))
    assert ShareEstimate.from_json_dict(data) == r
    (row,) = r.table()
    assert row["share"] == r.share and row["assumptions"] == "sens_x1"
    assert f"{100 * r.share:.1f}" in shares_latex({"x small": r})


def test_sobol_additive_model_matches_the_variance_shares():
    # Y = sum a_i X_i, X_i ~ U(0, 1) independent: S1_i = ST_i = a_i^2 / sum a_j^2
    # (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, section 1.2.3).
    a = {"sens_x1": 4.0, "sens_x2": 2.0, "sens_x3": 1.0, "sens_x4": 0.0}

    @vectorised
    def output(v):
        return sum(c * v[k] for k, c in a.items())

    r = sobol_indices(output, UNIT, list(a), n=2048, seed=3)
    total = sum(c * c for c in a.values())
    for k, c in a.items():
        s1, st_ = r.index(k)
        assert abs(s1 - c * c / total) < 0.03
        assert abs(st_ - c * c / total) < 0.03
    assert r.ranking()[:3] == ("sens_x1", "sens_x2", "sens_x3")
    assert r.evaluations == 2048 * (4 + 2) and r.n == 2048 and not r.warnings


def test_sobol_g_function_with_interactions():
    # Sobol' g-function, prod |4 X_i - 2| + a_i) / (1 + a_i): V_i = 1 / (3 (1 + a_i)^2),
    # S_i = V_i / (prod (1 + V_j) - 1), ST_i = V_i prod_{j != i} (1 + V_j) / (prod (1 + V_j) - 1)
    # (Saltelli et al. 2010, Computer Physics Communications 181, 259-270, section 4).
    a = {"sens_x1": 0.0, "sens_x2": 1.0, "sens_x3": 9.0}

    @vectorised
    def output(v):
        return np.prod([(np.abs(4 * v[k] - 2) + c) / (1 + c) for k, c in a.items()], axis=0)

    r = sobol_indices(output, UNIT, list(a), n=4096, seed=1)
    var = {k: 1 / (3 * (1 + c) ** 2) for k, c in a.items()}
    whole = math.prod(1 + x for x in var.values()) - 1
    for k in a:
        s1 = var[k] / whole
        st_ = var[k] * math.prod(1 + var[j] for j in a if j != k) / whole
        got1, got_t = r.index(k)
        assert abs(got1 - s1) < 0.04 and abs(got_t - st_) < 0.04
    # Interactions: the total index of the first input exceeds its first-order index.
    assert r.index("sens_x1")[1] - r.index("sens_x1")[0] > 0.05


def test_sobol_pointwise_equals_vectorised_and_round_trips():
    def pointwise(v):
        return v["sens_x1"] * v["sens_x2"] + v["sens_x3"]

    vector = vectorised(lambda v: v["sens_x1"] * v["sens_x2"] + v["sens_x3"])
    names = ["sens_x1", "sens_x2", "sens_x3"]
    a = sobol_indices(pointwise, UNIT, names, n=64, seed=4)
    b = sobol_indices(vector, UNIT, names, n=64, seed=4)
    assert a == b
    again = SobolResult.from_json_dict(json.loads(json.dumps(a.to_json_dict())))
    assert again == a
    rows = a.table()
    assert [row["parameter"] for row in rows] == list(a.ranking())
    assert r"\pm" in a.latex() and "sens\\_x3" in a.latex()


def test_sobol_constant_output_is_reported_not_hidden():
    r = sobol_indices(lambda v: 1.0, UNIT, ["sens_x1", "sens_x2"], n=16)
    assert r.variance == 0.0 and "constant" in r.warnings[0]
    assert all(math.isnan(x) for x in r.first + r.total)
    data = json.loads(json.dumps(r.to_json_dict()))
    assert data["first"] == [None, None]


def test_sobol_default_names_skip_single_valued_assumptions():
    r = sobol_indices(vectorised(lambda v: v["patience"]), LIBYA_2003, n=8)
    widths = {n: LIBYA_2003.range_of(n) for n in r.names}
    assert all(lo < hi for lo, hi in widths.values())
    assert r.ranking()[0] == "patience"


@settings(max_examples=20, deadline=None)
@given(st.floats(0.05, 0.95), st.integers(0, 2**16))
def test_threshold_share_within_interval_of_its_probability(t, seed):
    # P(x1 < t) = t; the 99.99% Wilson interval contains it except with tiny probability.
    r = monte_carlo_share(vectorised(lambda v: v["sens_x1"] < t), UNIT, ["sens_x1"],
                          draws=4000, seed=seed, confidence=0.9999)
    assert r.low <= t <= r.high


def test_bad_input_raises_parameter_errors():
    ok = vectorised(lambda v: v["sens_x1"] > 0)
    with pytest.raises(ParameterError, match="no parameter 'nope'"):
        monte_carlo_share(ok, UNIT, ["nope"])
    with pytest.raises(ParameterError, match="draws"):
        monte_carlo_share(ok, UNIT, draws=0)
    with pytest.raises(ParameterError, match="backend"):
        monte_carlo_share(ok, UNIT, backend="spark")
    with pytest.raises(ParameterError, match="calibration"):
        monte_carlo_share(ok, {"sens_x1": 1})
    with pytest.raises(ParameterError, match="one value per draw"):
        monte_carlo_share(vectorised(lambda v: np.zeros(3, bool)), UNIT, draws=10)
    with pytest.raises(ParameterError, match="power of two"):
        sobol_indices(ok, UNIT, n=100)
    with pytest.raises(ParameterError, match="single value"):
        sobol_indices(ok, UNIT, ["sens_fixed"], n=8)
    with pytest.raises(ParameterError, match="not finite"):
        sobol_indices(lambda v: math.nan, UNIT, ["sens_x1"], n=8)
    with pytest.raises(ParameterError, match="repeat"):
        sobol_indices(ok, UNIT, ["sens_x1", "sens_x1"], n=8)
    with pytest.raises(ParameterError, match="was not varied"):
        sobol_indices(ok, UNIT, ["sens_x1"], n=8).index("sens_x2")


def test_symbols_are_accepted_as_names():
    r = monte_carlo_share(lambda v: v["sens_x1"] < 2, UNIT, [X1, sp.Symbol("sens_x2")], draws=5)
    assert r.names == ("sens_x1", "sens_x2")


def test_sobol_point_estimates_equal_salib_and_intervals_are_seeded():
    # The estimators are SALib's (sobol.analyze, Saltelli et al. 2010); the bootstrap is
    # ours, seeded by a Generator, so the same seed gives the same intervals in any process.
    from SALib.analyze import sobol as salib_sobol
    from SALib.sample import sobol as salib_sample

    @vectorised
    def output(v):
        return 4 * v["sens_x1"] + 2 * v["sens_x2"] * v["sens_x3"]

    names = ["sens_x1", "sens_x2", "sens_x3"]
    ours = sobol_indices(output, UNIT, names, n=256, seed=5)
    problem = {"num_vars": 3, "names": names, "bounds": [[0.0, 1.0]] * 3}
    x = salib_sample.sample(problem, 256, calc_second_order=False, scramble=True, seed=5)
    ref = salib_sobol.analyze(problem, 4 * x[:, 0] + 2 * x[:, 1] * x[:, 2],
                              calc_second_order=False, seed=7)
    assert np.allclose(ours.first, ref["S1"], atol=1e-12)
    assert np.allclose(ours.total, ref["ST"], atol=1e-12)
    again = sobol_indices(output, UNIT, names, n=256, seed=5)
    assert again.first_conf == ours.first_conf and again.total_conf == ours.total_conf
    assert np.allclose(ours.first_conf, ref["S1_conf"], rtol=0.5)
