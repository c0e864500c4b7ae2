"""Cost guards and the shared executor of sweeps (issue 13: no memory blow-up on big grids)."""

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.analysis.executor import MAX_RESULT_BYTES, backend_note, require_memory, run_chunks
from gametheory.errors import ParameterError

X = gt.parameter("sg_x", "real")
Y = gt.parameter("sg_y", "real")


def big_axes(points_each):
    return {"sg_x": np.linspace(-1, 1, points_each), "sg_y": np.linspace(-1, 1, points_each)}


def test_billion_point_sweep_is_refused_before_allocating():
    # 31,623^2 ~ 10^9 points: codes and tie flags alone would need ~5 GB
    with pytest.raises(ParameterError, match=r"1,000,0\d\d,\d\d\d grid points needs about [\d.]+ GiB") as err:
        gt.sweep(X > Y, **big_axes(31_623))
    message = str(err.value)
    assert "coarser axes" in message and "max_bytes" in message


def test_the_estimate_scales_with_the_grid_and_the_limit_is_adjustable():
    small = big_axes(101)
    result = gt.sweep(X > Y, **small)
    assert result.size == 101 * 101
    with pytest.raises(ParameterError, match="limit of 0.0 GiB"):
        gt.sweep(X > Y, max_bytes=1000, **small)
    with pytest.raises(ParameterError, match="max_bytes must be a positive"):
        gt.sweep(X > Y, max_bytes=-5, **small)


def test_a_numeric_expression_counts_its_values_too():
    axes = big_axes(101)
    codes_and_flags = 101 * 101 * (4 + 1)
    # room for codes, tie flags and a chunk's work, but not for the float values as well
    with pytest.raises(ParameterError, match="GiB"):
        gt.sweep(X + Y, max_bytes=codes_and_flags + 10_000, chunk_size=10, **axes)
    assert gt.sweep(X + Y, chunk_size=10, **axes).values.shape == (101, 101)


def test_point_by_point_sweep_is_refused_on_a_huge_grid():
    def label(sg_x, sg_y):
        return "up" if sg_x > sg_y else "down"

    with pytest.raises(ParameterError, match="point-by-point sweep over .* grid points") as err:
        gt.sweep(label, **big_axes(20_000))
    assert "closed-form answer" in str(err.value)


def test_require_memory_names_estimate_limit_and_alternative():
    require_memory(MAX_RESULT_BYTES, None, "x", "y")  # at the limit: allowed
    with pytest.raises(ParameterError, match=r"^a job needs about 2.0 GiB, more than the limit of 1.0 GiB \(max_bytes=\); do less$"):
        require_memory(2 * 1024**3, 1024**3, "a job", "do less")


def chunk_total(shared, start, stop):
    return sum(shared * k for k in range(start, stop))


def test_run_chunks_in_order_and_equal_to_one_pass():
    bounds = [(0, 3), (3, 7), (7, 10)]
    out = list(run_chunks(chunk_total, 2, bounds, backend="numpy", progress=False))
    assert [(a, b) for a, b, _ in out] == bounds
    assert sum(v for _, _, v in out) == chunk_total(2, 0, 10)
    with pytest.raises(ParameterError, match="unknown backend 'gpu'"):
        list(run_chunks(chunk_total, 2, bounds, backend="gpu"))


def test_backend_note_says_where_chunks_ran():
    assert backend_note("numpy", 5) == ""
    assert backend_note("processes", 1) == ""  # one chunk runs in this process
    assert backend_note("processes", 2) == ", local process pool"
    assert backend_note("dask", 1) == ", Dask backend"


def test_compiled_and_pointwise_sweeps_agree_through_the_shared_executor():
    axes = {"sg_x": np.arange(-4, 5) / 4, "sg_y": np.arange(-4, 5) / 4}
    compiled = gt.sweep(sp.Gt(X, Y), chunk_size=7, progress=False, **axes)

    def claim(sg_x, sg_y):
        return sg_x > sg_y

    pointwise = gt.sweep(claim, chunk_size=7, progress=False, backend="numpy", **axes)
    assert np.array_equal(compiled.holds("holds"), pointwise.holds("holds"))
