from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.analysis.sweep import NO_PIECE
from gametheory.errors import ParameterError, SolverError

A = gt.parameter("sw_a", "real")
B = gt.parameter("sw_b", "real")
C = gt.parameter("sw_c", "real", default=1)
D = gt.parameter("sw_delta", "discount")

# Grids on multiples of 1/4: float64 holds them exactly, so exact ties are hit.
GRID_A = np.arange(-8, 9) / 4
GRID_B = np.arange(-6, 7) / 4


def _game(cells):
    """A 2x2 game whose payoffs are integers or the parameters sw_a, sw_b."""
    table = {"a": A, "b": B, "a-b": A - B, "2b": 2 * B}
    vals = [table.get(c, c) for c in cells]
    return gt.NormalFormGame.from_arrays(
        [vals[0:2], vals[2:4]], [vals[4:6], vals[6:8]], strategies=[["U", "D"], ["L", "R"]]
    )


CELL = st.sampled_from([-1, 0, 1, 2, "a", "b", "a-b", "2b"])


def _labels_at(game, a, b):
    point = {A: sp.Rational(Fraction(a)), B: sp.Rational(Fraction(b))}
    solution = gt.pure_nash(game.subs({k: v for k, v in point.items() if k in game.parameters}))
    return {"(" + ", ".join(e.pure_profile) + ")" for e in solution}


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.lists(CELL, min_size=8, max_size=8).filter(lambda c: {"a", "a-b"} & set(c) and {"b", "2b", "a-b"} & set(c)))
def test_compiled_sweep_equals_point_by_point_pure_nash(cells):
    game = _game(cells)
    answer = gt.pure_nash(game)
    result = gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B)
    rng = np.random.default_rng(len(str(cells)))
    for i, j in zip(rng.integers(0, len(GRID_A), 12), rng.integers(0, len(GRID_B), 12)):
        held = set(result.category_sets[result.codes[i, j]]) - {"no pure equilibrium"}
        assert held == _labels_at(game, GRID_A[i], GRID_B[j])


def test_boundary_points_are_flagged_and_keep_both_categories():
    # Prisoner's dilemma with reward a: C,C is an equilibrium iff a >= 5 (tie at a = 5).
    pd = gt.NormalFormGame.from_arrays([[A, 0], [5, 1]], [[A, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    result = gt.sweep(gt.pure_nash(pd), sw_a=np.array([4.0, 5.0, 6.0]))
    assert result.boundary.tolist() == [False, True, False]
    assert result.label_at(0) == "(D, D)"
    assert result.category_sets[result.codes[1]] == ("(C, C)", "(D, D)")
    assert result.holds("(C, C)").tolist() == [False, True, True]
    assert any("boundary" in w for w in result.warnings)


def test_boundary_piece_marks_boundary():
    x = A
    answer = gt.PiecewiseAnswer(
        "demo",
        (gt.Piece(x > 0, 1, "up"), gt.Piece(sp.Eq(x, 0), 0, "tie", boundary=True), gt.Piece(x < 0, -1, "down")),
        (x,),
    )
    result = gt.sweep(answer, sw_a=np.array([-1.0, 0.0, 1.0]))
    assert [result.label_at(i) for i in range(3)] == ["down", "tie", "up"]
    assert result.boundary.tolist() == [False, True, False]


@settings(max_examples=6, deadline=None, derandomize=True)
@given(st.integers(7, 400))
def test_chunked_equals_unchunked(chunk):
    game = _game([A, 0, 1, B, 1, 0, 0, A - B])
    answer = gt.pure_nash(game)
    whole = gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B)
    parts = gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B, chunk_size=chunk)
    assert whole.categories == parts.categories
    assert np.array_equal(whole.codes, parts.codes)
    assert np.array_equal(whole.boundary, parts.boundary)


def test_three_dimensional_grid_and_defaults():
    cond = sp.And(A + B > C, A > 0)
    result = gt.sweep(cond, sw_a=np.array([-1.0, 1.0]), sw_b=np.array([0.0, 1.0, 2.0]))
    assert result.fixed == {"sw_c": 1}  # declared default
    assert result.label_at((1, 2)) == "holds" and result.label_at((1, 0)) == "fails"
    assert result.boundary[1, 0]  # a + b - c = 0 exactly at a=1, b=0
    cube = gt.sweep(cond, sw_a=GRID_A, sw_b=GRID_B, sw_c=np.array([0.0, 1.0]))
    assert cube.shape == (len(GRID_A), len(GRID_B), 2)
    expect = (GRID_A[:, None, None] + GRID_B[None, :, None] > np.array([0.0, 1.0])) & (GRID_A[:, None, None] > 0)
    assert np.array_equal(cube.region("holds"), expect)


def test_expression_sweep_gives_values():
    threshold = (5 - 3 * A) / (5 - 1)
    result = gt.sweep(threshold, sw_a=np.array([0.0, 1.0]))
    assert result.values.tolist() == [1.25, 0.5]
    assert result.categories == ()


def test_unknown_axis_and_missing_value_are_clear_errors():
    answer = gt.pure_nash(_game([A, 0, 1, B, 1, 0, 0, 1]))
    with pytest.raises(ParameterError, match="does not depend on it.*sw_a"):
        gt.sweep(answer, sw_a=GRID_A, sw_zzz=GRID_B)
    with pytest.raises(ParameterError, match=r"no value for parameter\(s\) \['sw_b'\]"):
        gt.sweep(answer, sw_a=GRID_A)
    with pytest.raises(ParameterError, match="both on an axis"):
        gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B, values={"sw_a": 1})
    with pytest.raises(ParameterError, match="discount"):
        gt.sweep(D > sp.Rational(1, 2), sw_delta=np.linspace(0, 1, 5))
    fixed = gt.sweep(answer, sw_a=GRID_A, values={"sw_b": "1/2", "unused": 3})
    assert fixed.fixed == {"sw_b": sp.Rational(1, 2)}
    assert any("ignored" in w for w in fixed.warnings)


def test_uncovered_points_are_reported_not_assigned():
    answer = gt.PiecewiseAnswer("partial", (gt.Piece(A > 1, "x", "big"),), (A,))
    result = gt.sweep(answer, sw_a=np.array([0.0, 2.0]))
    assert result.label_at(0) == NO_PIECE
    assert any("no piece" in w for w in result.warnings)


def label_of_point(sw_a, sw_b):
    """Module-level so that worker processes can import it."""
    return "holds" if sw_a + sw_b > 1 else "fails"


def test_function_fallback_equals_compiled_condition():
    compiled = gt.sweep(A + B > 1, sw_a=GRID_A, sw_b=GRID_B)
    serial = gt.sweep(label_of_point, sw_a=GRID_A, sw_b=GRID_B, backend="numpy")
    pooled = gt.sweep(label_of_point, sw_a=GRID_A, sw_b=GRID_B[:4], backend="processes")
    for res in (serial, pooled):
        mask = res.region("holds")
        assert np.array_equal(mask, compiled.region("holds")[: mask.shape[0], : mask.shape[1]])
    numbers = gt.sweep(lambda sw_a: sw_a * 2, sw_a=GRID_A, backend="processes")
    assert np.array_equal(numbers.values, GRID_A * 2)
    assert any("cannot be sent" in w for w in numbers.warnings)
    with pytest.raises(ParameterError, match="does not depend"):
        gt.sweep(label_of_point, sw_a=GRID_A, sw_q=GRID_B)
    with pytest.raises(ParameterError, match="sw_b"):
        gt.sweep(label_of_point, sw_a=GRID_A)
    with pytest.raises(SolverError, match="mix"):
        gt.sweep(lambda sw_a: "x" if sw_a > 0 else 1.0, sw_a=GRID_A)


def test_processes_backend_equals_numpy():
    answer = gt.pure_nash(_game([A, 0, 1, B, 1, 0, 0, A - B]))
    base = gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B)
    pooled = gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B, chunk_size=50, backend="processes")
    assert base.categories == pooled.categories and np.array_equal(base.codes, pooled.codes)


def test_dask_backend_equals_numpy():
    distributed = pytest.importorskip("distributed")
    answer = gt.pure_nash(_game([A, 0, 1, B, 1, 0, 0, A - B]))
    base = gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B)
    with distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            viadask = gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B, chunk_size=37, backend="dask", scheduler=client)
            fn = gt.sweep(label_of_point, sw_a=GRID_A, sw_b=GRID_B, backend="dask", scheduler=client)
    assert base.categories == viadask.categories
    assert np.array_equal(base.codes, viadask.codes)
    assert np.array_equal(base.boundary, viadask.boundary)
    assert "Dask" in viadask.method
    assert np.array_equal(fn.region("holds"), gt.sweep(A + B > 1, sw_a=GRID_A, sw_b=GRID_B).region("holds"))


def test_result_summary_and_json():
    result = gt.sweep(A > 0, sw_a=GRID_A)
    assert result.share("holds") == 8 / 17
    data = result.summary_json(limit=3)
    assert data["counts"] == {"holds": 8, "fails": 9} and data["codes"] == [1, 1, 1]
    assert result.point(0)["sw_a"] == -2.0
    with pytest.raises(ParameterError, match="no category"):
        result.region("nope")


def _disarm_tree():
    b, r = A, B
    return gt.ExtensiveFormGame(
        gt.Decision("DPRK", "dprk", {
            "Keep": gt.Terminal([0, 0]),
            "Disarm": gt.Decision("US", "us", {"Honor": gt.Terminal([b, 1]), "Renege": gt.Terminal([-1, r])}),
        }),
        players=["DPRK", "US"],
    )


def test_spe_sweep_equals_spe_point_by_point_and_flags_ties():
    tree = _disarm_tree()
    answer = gt.spe(tree)
    result = gt.sweep(answer, sw_a=GRID_A, sw_b=GRID_B)
    rng = np.random.default_rng(11)
    checked_ties = 0
    for i, j in zip(rng.integers(0, len(GRID_A), 40), rng.integers(0, len(GRID_B), 40)):
        point = {"sw_a": sp.Rational(Fraction(GRID_A[i])), "sw_b": sp.Rational(Fraction(GRID_B[j]))}
        solution = gt.spe(tree.subs(point))
        expected = {p.label for p in answer.holding(point)}
        assert set(result.category_sets[result.codes[i, j]]) == expected
        # A tie (US indifferent at r = 1, or DPRK at b = 0 or b = -1) means several SPE.
        assert bool(result.boundary[i, j]) == (solution.count > 1)
        checked_ties += solution.count > 1
    assert checked_ties  # the sample hits ties
    assert gt.sweep(answer, sw_a=GRID_A, sw_b=np.array([1.0])).boundary.all()


def test_grim_trigger_sweep_matches_threshold():
    # Grim trigger in a PD with R=3, P=1, temptation t: subgame perfect iff
    # delta >= (t - 3) / (t - 1) (Fudenberg and Tirole 1991, section 5.1).
    pd = gt.NormalFormGame.from_arrays([[3, 0], [A, 1]], [[3, A], [0, 1]], strategies=[["C", "D"]] * 2)
    answer = gt.is_subgame_perfect(gt.RepeatedGame(pd, D), (gt.grim_trigger(), gt.grim_trigger())).as_piecewise()
    t = np.array([4.0, 5.0, 7.0])
    delta = np.arange(1, 20) / 20
    result = gt.sweep(answer, sw_a=t, sw_delta=delta)
    label = next(p.label for p in answer.pieces if "not" not in p.label)
    assert np.array_equal(result.holds(label), delta[None, :] >= ((t - 3) / (t - 1))[:, None])
    assert result.boundary[1, delta.tolist().index(0.5)]  # t = 5: threshold exactly 1/2
