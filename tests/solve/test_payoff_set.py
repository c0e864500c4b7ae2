"""Pure-strategy SPE payoff sets against QuantEcon's Abreu-Sannikov implementation."""

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import NotApplicableError, ValidationError

GAMES = {
    # (T, R, P, S) = (4, 3, 1, 0) prisoner's dilemma
    "pd": ([[3, 0], [4, 1]], [[3, 4], [0, 1]]),
    # QuantEcon's repeated-game example (quantecon/tests/test_repeated_game.py)
    "qe_pd": ([[9, 1], [10, 3]], [[9, 10], [1, 3]]),
    "bos": ([[3, 0], [0, 1]], [[1, 0], [0, 3]]),
    # Abreu and Sannikov (2014), Theoretical Economics 9(2), Table 1 (3 x 3 example)
    "abreu_sannikov": ([[16, 3, 0], [21, 10, -1], [9, 5, -5]], [[9, 1, 0], [13, 4, -4], [3, 0, -15]]),
}


def _ours(name, delta):
    a, b = GAMES[name]
    return gt.equilibrium_payoffs(gt.RepeatedGame(gt.NormalFormGame.from_arrays(a, b), delta))


# QuantEcon's polygons, stored by ``benchmarks/bench_repeated.py --write-reference
# tests/solve/data/quantecon_payoff_sets.json`` (quantecon.game_theory.RepeatedGame(...)
# .equilibrium_payoffs(), Abreu-Sannikov, tol 1e-12): the live call costs numba's
# compilation (15 s or more) on every test run. The benchmark compares live.
REFERENCE = json.loads((Path(__file__).parent / "data" / "quantecon_payoff_sets.json").read_text())
CASES = [
    (entry["game"], entry["delta"]) for entry in REFERENCE["sets"]
    if entry["delta"] != "9/10" or entry["game"] == "Abreu-Sannikov 3x3"
]
NAMES = {"PD (4,3,1,0)": "pd", "QuantEcon PD": "qe_pd", "Battle of the sexes": "bos",
         "Abreu-Sannikov 3x3": "abreu_sannikov"}


@pytest.mark.parametrize("game,delta", CASES)
def test_matches_quantecon_within_tolerance(game, delta):
    entry = next(e for e in REFERENCE["sets"] if e["game"] == game and e["delta"] == delta)
    assert (entry["A"], entry["B"]) == tuple(GAMES[NAMES[game]])
    ours = _ours(NAMES[game], delta)
    assert ours.converged
    scale = np.ptp(np.array(GAMES[NAMES[game]]))
    # stated accuracy: about tol / (1 - delta); QuantEcon's own tol is 1e-12
    bound = 10 * ours.tol / (1 - float(Fraction(delta))) + 1e-9 * scale
    assert ours.hausdorff(entry["vertices"]) <= bound


def test_small_discount_factors_shrink_the_set():
    # PD: below (T - R)/(T - P) = 1/3 only the stage equilibrium (D, D) survives, a point
    # (QuantEcon's convex hull cannot represent it); BoS: only randomisations over the two
    # stage equilibria, the segment from (3, 1) to (1, 3).
    point = _ours("pd", "1/5")
    assert len(point.vertices) == 1 and np.allclose(point.vertices[0], [1, 1], atol=1e-7)
    seg = _ours("bos", "1/5")
    assert len(seg.vertices) == 2
    assert gt.hausdorff_distance(seg.vertices, [[3, 1], [1, 3]]) < 1e-7
    areas = [_ours("abreu_sannikov", d).area for d in ("1/5", "2/5", "3/5")]
    assert areas[0] < areas[1] < areas[2]
    assert _ours("abreu_sannikov", "1/5").contains((21, 13))  # the stage Nash payoff


def test_hausdorff_distance_of_polygons():
    sq = [[0, 0], [1, 0], [1, 1], [0, 1]]
    assert gt.hausdorff_distance(sq, sq) == 0
    assert gt.hausdorff_distance(sq, [[0, 0], [2, 0], [2, 1], [0, 1]]) == pytest.approx(1)
    assert gt.hausdorff_distance([[0, 0]], [[3, 4]]) == pytest.approx(5)


def test_bad_input():
    pd = gt.NormalFormGame.from_arrays(*GAMES["pd"])
    with pytest.raises(ValidationError, match="unknown method"):
        gt.equilibrium_payoffs(gt.RepeatedGame(pd, "1/2"), method="jyc")
    with pytest.raises(NotApplicableError, match="perfect monitoring"):
        gt.equilibrium_payoffs(gt.RepeatedGame(pd, "1/2", monitoring=gt.PrivateNoise("1/10")))
    d = gt.parameter("delta_ps", kind="discount")
    with pytest.raises(ValidationError, match="numbers"):
        gt.equilibrium_payoffs(gt.RepeatedGame(pd, d))
    res = _ours("pd", "1/2")
    assert res.summary_json()["method"] == "APS operator on polygons"


def test_matches_a_live_quantecon_call():
    # The stored polygons above keep the suite fast; this one case calls QuantEcon itself
    # (numba compiles on first use) so that a change in either implementation shows.
    qe = pytest.importorskip("quantecon.game_theory")
    a, b = GAMES["qe_pd"]
    players = [qe.Player(np.array(a, dtype=float)), qe.Player(np.array(b, dtype=float).T)]
    theirs = qe.RepeatedGame(qe.NormalFormGame(players), 0.75).equilibrium_payoffs(
        options={"tol": 1e-12}
    )
    ours = _ours("qe_pd", "3/4")
    bound = 10 * ours.tol / (1 - 0.75) + 1e-9 * np.ptp(np.array(GAMES["qe_pd"]))
    assert ours.hausdorff(theirs.points[theirs.vertices]) <= bound
