"""The table helpers of :mod:`gametheory.plot.tables` on the analysis results they lay out."""

import sympy as sp

from gametheory.analysis.sensitivity import ShareEstimate, SobolResult, wilson_bounds
from gametheory.plot.tables import (
    SOBOL_HEADER,
    Table,
    TeX,
    percent,
    percent_interval,
    plus_minus,
    render_table,
    share_macros,
    share_with_interval,
    sobol_rows,
    sobol_table,
)


def _estimate(holds=30, draws=200):
    low, high = wilson_bounds(holds, draws)
    return ShareEstimate(share=holds / draws, low=low, high=high, draws=draws, seed=0,
                         names=("a",), method="test", holds=holds)


def _sobol():
    return SobolResult(names=("a", "b_c"), first=(0.1, 0.6), first_conf=(0.01, 0.02),
                       total=(0.2, 0.7), total_conf=(0.03, 0.04), n=8, evaluations=32, seed=0,
                       confidence=0.95, variance=1.0)


def test_percent_cells_are_tex_with_escaped_percent_signs():
    assert percent(0.123) == "12.3\\%" and isinstance(percent(0.5), TeX)
    e = _estimate()
    assert percent_interval(e) == f"[{percent(e.low)}, {percent(e.high)}]"
    assert percent_interval(e, 0, dash=True) == f"{percent(e.low, 0)}--{percent(e.high, 0)}"
    assert share_with_interval(e) == f"15.0\\% {percent_interval(e)}"
    assert share_macros("X", e) == {"X": percent(e.share), "XCI": percent_interval(e)}


def test_interval_of_a_robustness_result_reads_its_interval_pair():
    from types import SimpleNamespace

    rob = SimpleNamespace(share=0.5, interval=(0.25, 0.75))
    assert percent_interval(rob, 0) == "[25\\%, 75\\%]"


def test_sobol_table_ranks_labels_and_renders():
    res = _sobol()
    rows = sobol_rows(res)
    assert [r[0] for r in rows] == ["b_c", "a"]  # most influential first
    assert rows[0][1] == plus_minus(0.6, 0.02) == "$0.60 \\pm 0.02$"
    named = sobol_rows(res, names={"b_c": r"$\beta$"})
    assert named[0][0] == r"$\beta$" and isinstance(named[0][0], TeX)
    spaced = sobol_rows(res, names=lambda n: n.replace("_", " "))
    assert spaced[0][0] == "b c"
    table = sobol_table(res, top=1)
    assert table.header == ["assumption (1 largest)", *SOBOL_HEADER] and len(table.rows) == 1
    text = render_table(table)
    assert "b\\_c" in text and "\\pm" in text


def test_table_cells_typeset_exact_numbers_as_math():
    text = render_table(Table(header=["x"], rows=[[sp.Rational(1, 3)]]))
    assert "$\\frac{1}{3}$" in text
