"""The tree picture draws every node, joins information sets and highlights the SPE path."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory import Chance, Decision, ExtensiveFormGame, Terminal  # noqa: E402
from gametheory.plot.style import PALETTE  # noqa: E402
from gametheory.plot.tree import tree, tree_layout  # noqa: E402


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
    assert "strong (1/3)" in texts and "weak (2/3)" in texts
    assert "(2, 1)" in texts and "(-1, -1)" in texts
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
