"""The tree picture draws every node, joins information sets and highlights the SPE path;
payoffs and probabilities, numbers or formulas, are typeset as mathtext (issue 16)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import sympy as sp  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory import Chance, Decision, ExtensiveFormGame, Terminal  # noqa: E402
from gametheory.errors import NotApplicableError, ParameterError  # noqa: E402
from gametheory.plot.style import PALETTE  # noqa: E402
from gametheory.plot.tree import math_label, tree, tree_layout  # noqa: E402


def signalling_tree():
    return ExtensiveFormGame(Chance({
        "strong": ("1/3", Decision("S", "s1", {
            "Send": Decision("R", "r", {"A": Terminal([2, 1]), "W": Terminal([0, 0])}),
            "Quiet": Terminal([1, 0])})),
        "weak": ("2/3", Decision("S", "s2", {
            "Send": Decision("R", "r", {"A": Terminal([-1, -1]), "W": Terminal([0, 2])}),
            "Quiet": Terminal([0, 0])})),
    }), ["S", "R"], title="Signal")


def test_draws_nodes_edges_infosets_and_payoffs():
    game = signalling_tree()
    ax = tree(game)
    texts = [t.get_text() for t in ax.texts]
    # chance probabilities beside the chance actions, payoffs one player per line
    assert r"strong $\frac{1}{3}$" in texts and r"weak $\frac{2}{3}$" in texts
    assert "$2$\n$1$" in texts and "$-1$\n$-1$" in texts
    dashed = [line for line in ax.lines if line.get_linestyle() not in ("-", "None")]
    assert len(dashed) == 1  # the receiver's information set
    edges = len(game) - 1
    assert len(ax.lines) == edges + 1 + len(game)  # edges, one infoset line, node markers
    plt.close(ax.figure)


def test_equilibrium_path_is_highlighted():
    game = ExtensiveFormGame(Decision("Entrant", "e", {
        "Out": Terminal([0, 2]),
        "In": Decision("Incumbent", "i", {"Fight": Terminal([-1, -1]), "Accommodate": Terminal([1, 1])}),
    }), ["Entrant", "Incumbent"])
    ax = tree(game, gt.spe(game))
    thick = [line for line in ax.lines if line.get_linewidth() == 2.0]
    assert len(thick) == 2 and all(line.get_color() == PALETTE[5] for line in thick)
    plt.close(ax.figure)


def test_forty_terminals_layout_and_existing_axes():
    game = ExtensiveFormGame(
        Decision("A", "root", {f"o{k}": Decision("B", f"b{k}", {
            "x": Terminal([k, 1]), "y": Terminal([k, 0])}) for k in range(20)}), ["A", "B"])
    pos = tree_layout(game)
    xs = sorted(pos[i][0] for i in game.terminals)
    assert xs == [float(k) for k in range(40)]
    assert pos[0][0] == sum(xs) / 40
    fig, ax = plt.subplots()
    assert tree(game, gt.spe(game), ax=ax) is ax
    fig.savefig(__import__("io").BytesIO(), format="png")
    plt.close(fig)


def _render(fig):
    # Drawing parses every mathtext label: a label matplotlib cannot typeset raises here.
    fig.canvas.draw()
    fig.savefig(__import__("io").BytesIO(), format="png")
    plt.close(fig)


def test_formula_payoffs_are_drawn_as_latex():
    # The README tour's tree: payoffs are formulas in the parameters T and a.
    a = gt.parameter("a", kind="positive", description="US cost of reneging", unit="$bn")
    T = gt.parameter("T", kind="positive", description="US gain from reneging", unit="$bn")
    game = ExtensiveFormGame(Decision("DPRK", "dprk", {
        "stop": Terminal([0, 0]),
        "disarm": Decision("US", "us", {"lift": Terminal([1, 2]),
                                        "renege": Terminal([-2, 2 + T - a])})}), ["DPRK", "US"])
    ax = tree(game)
    texts = [t.get_text() for t in ax.texts]
    assert "$-2$\n$" + sp.latex(2 + T - a) + "$" in texts
    _render(ax.figure)
    with pytest.raises(NotApplicableError, match="piecewise"):
        tree(game, gt.spe(game))
    # with numbers in, the symbolic answer's path can be highlighted
    plt.close("all")
    ax = tree(game.subs({a: 3, T: 1}), gt.spe(game).at({a: 3, T: 1}))
    assert sum(line.get_linewidth() == 2.0 for line in ax.lines) == 2
    _render(ax.figure)


def test_chance_with_formula_probabilities_and_an_information_set():
    q = gt.parameter("q", kind="probability", description="attack risk")
    game = ExtensiveFormGame(Chance({
        "attacked": (q, Decision("B", "b", {"x": Terminal([1, 0]), "y": Terminal([0, q])})),
        "safe": (1 - q, Decision("B", "b", {"x": Terminal(["5/2", 1]), "y": Terminal([0, 0])})),
    }), ["A", "B"])
    ax = tree(game, symbol_names={q: r"\pi"})
    texts = [t.get_text() for t in ax.texts]
    assert r"attacked $\pi$" in texts and r"safe $1 - \pi$" in texts
    assert "$\\frac{5}{2}$\n$1$" in texts and "$0$\n$\\pi$" in texts
    dashed = [line for line in ax.lines if line.get_linestyle() not in ("-", "None")]
    assert len(dashed) == 1 and dashed[0].get_xdata().tolist() == [0.5, 2.5]
    _render(ax.figure)
    ax = tree(game.subs({q: sp.Rational(1, 80)}), chance_actions=False, decimals=1)
    texts = [t.get_text() for t in ax.texts]
    # payoffs rounded, probabilities exact (1/80 rounded to one decimal would read 0)
    assert r"$\frac{1}{80}$" in texts and "$2.5$\n$1$" in texts and "$0$\n$0.0$" in texts
    _render(ax.figure)


def test_math_label_formats_and_rejects_bad_decimals():
    assert math_label(sp.Rational(-8, 5)) == r"$- \frac{8}{5}$"
    assert math_label(sp.Rational(-8, 5), decimals=1) == "$-1.6$"
    assert math_label(7) == "$7$" and math_label(0.5) == "$0.5$"
    with pytest.raises(ParameterError, match="decimals"):
        math_label(1, decimals=-1)
