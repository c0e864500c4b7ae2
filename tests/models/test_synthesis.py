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
