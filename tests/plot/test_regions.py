import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import ParameterError
from gametheory.plot.regions import boundary_curves, regions

A = gt.parameter("rg_a", "real")
B = gt.parameter("rg_b", "real")
DELTA = gt.parameter("rg_delta", "discount")


def test_boundary_is_the_exact_threshold_not_pixels():
    # Grim trigger with temptation a and reward 3, punishment 1 (Fudenberg and Tirole
    # 1991, section 5.1): cooperation iff delta >= (a - 3) / (a - 1).
    cond = DELTA >= (A - 3) / (A - 1)
    res = gt.sweep(cond, rg_a=np.linspace(4, 10, 13), rg_delta=np.linspace(0.05, 0.95, 10))
    curves = boundary_curves(res, samples=50)
    assert len(curves) == 1
    xs, ys = curves[0]
    ok = np.isfinite(ys)
    assert ok.any()
    assert np.allclose(ys[ok], (xs[ok] - 3) / (xs[ok] - 1), rtol=0, atol=1e-12)
    ax = regions(res, title="grim trigger")
    lines = ax.get_lines()
    assert len(lines) == 1
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == ["boundary (ties on it)", "fails", "holds"]


def test_only_separating_parts_are_drawn_and_vertical_lines():
    # b > 0 matters only where a > 0: the curve b = 0 separates nothing for a < 0.
    cond = sp.And(A > 0, B > 0)
    res = gt.sweep(cond, rg_a=np.linspace(-1, 1, 21), rg_b=np.linspace(-1, 1, 21))
    curves = boundary_curves(res, samples=101)
    horizontal = [c for c in curves if np.nanstd(c[1]) == 0 and np.isfinite(c[1]).any()]
    vertical = [c for c in curves if np.nanstd(c[0]) == 0]
    assert horizontal and vertical
    xs, ys = horizontal[0]
    assert np.all(xs[np.isfinite(ys)] > 0)
    xs, ys = vertical[0]
    assert np.all(ys[np.isfinite(ys)] > 0)


def test_one_axis_numeric_and_errors(tmp_path):
    res = gt.sweep(A > sp.Rational(1, 3), rg_a=np.linspace(0, 1, 31))
    ax = regions(res)
    assert any(np.allclose(line.get_xdata(), 1 / 3) for line in ax.get_lines())
    values = gt.sweep(A**2 + B, rg_a=np.linspace(0, 1, 5), rg_b=np.linspace(0, 1, 5))
    regions(values)
    cube = gt.sweep(A + B > DELTA, rg_a=np.zeros(2), rg_b=np.zeros(2), rg_delta=np.array([0.5]))
    with pytest.raises(ParameterError, match="one or two axes"):
        regions(cube)
    fig = ax.figure
    written = gt.plot.save_figure(fig, tmp_path / "region")
    assert [p.suffix for p in written] == [".pdf", ".png"]


def test_unsolvable_threshold_falls_back_to_exact_contour():
    cond = sp.exp(B) + B > A  # no closed form for b in terms of a (Lambert W aside)
    res = gt.sweep(cond, rg_a=np.linspace(1.5, 3, 16), rg_b=np.linspace(-1, 1, 16))
    ax = regions(res)
    assert ax.collections  # mesh plus a contour set or curve


def test_twelve_numbered_categories_are_distinct_and_in_numeric_order(recwarn):
    # Issue 16: colours were reused after 7 categories and the legend ordered by area.
    # Twelve bands in b, labelled "1 step" ... "12 steps"; the band "10 steps" is the
    # widest, so ordering by area would put it first.
    edges = [k / 12 for k in range(13)]
    edges[9], edges[10] = 8 / 12 + 0.01, 11 / 12 - 0.01
    labels = [f"{k} step" + ("s" if k > 1 else "") for k in range(1, 13)]

    def band(rg_a: float, rg_b: float) -> str:
        return labels[max(k for k in range(12) if rg_b >= edges[k])]

    res = gt.sweep(band, rg_a=np.linspace(0, 1, 5), rg_b=np.linspace(0, 0.999, 240),
                   backend="numpy", progress=False)
    assert len(res.categories) == 12
    ax = regions(res, boundaries=False)
    legend = ax.get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts == labels
    styles = {(tuple(h.get_facecolor()), h.get_hatch()) for h in legend.legend_handles}
    assert len(styles) == 12
    assert not [w for w in recwarn.list if "colour" in str(w.message) or "color" in str(w.message)]


def test_category_styles_run_out_loudly():
    from gametheory.plot.regions import HATCHES, category_styles

    n = 7 * len(HATCHES)
    assert len(set(category_styles(n))) == n
    with pytest.raises(ParameterError, match="distinct colour and hatch"):
        category_styles(n + 1)
