"""The annotated-line helpers draw what they say, where they say, in the paper style."""

import numpy as np

from gametheory.plot import PALETTE, annotated, figure


def test_curve_family_colours_in_palette_order_and_steps():
    _, ax = figure()
    x = np.arange(5)
    lines = annotated.curve_family(ax, [("a", x, x), ("b", x, 2 * x)], step="post", marker="o",
                         linestyles=["-", "--"])
    assert [ln.get_label() for ln in lines] == ["a", "b"]
    assert [ln.get_color() for ln in lines] == list(PALETTE[:2])
    assert lines[1].get_linestyle() == "--" and lines[0].get_marker() == "o"
    assert lines[0].get_drawstyle() == "steps-post"


def test_threshold_line_and_its_note_sit_at_the_value():
    _, ax = figure()
    ax.set(xlim=(0, 10), ylim=(0, 1))
    line = annotated.threshold(ax, 0.4, label="needed", text="disarms above", at=2)
    assert list(line.get_ydata()) == [0.4, 0.4] and line.get_label() == "needed"
    note = ax.texts[-1]
    assert note.get_text() == "disarms above" and note.xy == (2.0, 0.4)
    vline = annotated.threshold(ax, 3, vertical=True, text="big deal")
    assert list(vline.get_xdata()) == [3, 3] and ax.texts[-1].get_ha() == "right"


def test_band_mark_and_legend_below_the_axes():
    _, ax = figure()
    x = np.linspace(0, 1, 5)
    annotated.band(ax, x, x / 2, x, label="range")
    point = annotated.mark(ax, 0.5, 0.5, text="default", label="calibration", marker="*")
    assert point.get_marker() == "*" and ax.texts[-1].get_text() == "default"
    legend = annotated.legend_below(ax, ncol=2, title="what")
    assert [t.get_text() for t in legend.get_texts()] == ["range", "calibration"]
    assert legend.get_title().get_text() == "what"
    # Below the axes: the anchor is under the axes' bottom edge.
    assert legend.get_bbox_to_anchor().y0 < ax.get_window_extent().y0


def test_figure_legend_with_swatches_and_panel_titles():
    fig, (a, b) = figure(columns=2, ncols=2)
    patches = annotated.swatches({"holds": PALETTE[2], "fails": PALETTE[5]}, hatches={"fails": "////"})
    legend = annotated.legend_below(fig, patches, ncol=2)
    assert [t.get_text() for t in legend.get_texts()] == ["holds", "fails"]
    assert patches[1].get_hatch() == "////" and patches[0].get_hatch() is None
    assert annotated.panel_title(b, "b", "paths").get_text() == "(b) paths"
