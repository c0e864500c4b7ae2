"""The numeric fast path agrees with the exact SPE on random trees and reports ties."""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory.solve.tree_arrays import TreeArrays, backward_induction_arrays, read_efg_arrays


@st.composite
def trees(draw):
    counter = itertools.count()

    def node(depth):
        if depth == 0 or draw(st.integers(0, 4)) == 0:
            return Terminal([draw(st.integers(-3, 3)), draw(st.integers(-3, 3))])
        k = draw(st.integers(1, 3))
        if draw(st.integers(0, 5)) == 0:
            # Dyadic probabilities are exact in binary floating point.
            half, quarter = sp.Rational(1, 2), sp.Rational(1, 4)
            probs = {1: [sp.Integer(1)], 2: [half, half], 3: [half, quarter, quarter]}[k]
            return Chance({f"c{next(counter)}": (q, node(depth - 1)) for q in probs})
        return Decision(draw(st.sampled_from(["A", "B"])), f"h{next(counter)}",
                        {f"a{next(counter)}": node(depth - 1) for _ in range(k)},
                        outcome=[1, 0] if draw(st.integers(0, 6)) == 0 else None)

    return ExtensiveFormGame(node(4), ["A", "B"])


@settings(max_examples=80, deadline=None, derandomize=True)
@given(trees())
def test_fast_path_matches_exact_spe(game):
    exact = gt.spe(game)
    fast = backward_induction_arrays(TreeArrays.from_game(game))
    # No tie under the chosen continuations <=> a unique SPE.
    assert (fast.ties == 0) == (exact.count == 1)
    values = {tuple(float(v) for v in vec) for vec, _n in exact.payoff_vectors}
    assert tuple(fast.root_value.tolist()) in values
    if exact.count == 1:
        (eq,) = exact.equilibria
        labels = TreeArrays.from_game(game).action_labels
        tree = fast.tree
        path, i = [], 0
        for step in fast.path():
            i = int(tree.first_child[i] + step)
            path.append(labels[i])
        assert tuple(path) == eq.path[: len(path)]


def test_complete_tree_against_plain_recursion():
    rng = np.random.default_rng(7)
    depth = 10
    leaves = rng.integers(-100, 100, size=(2**depth, 2)).astype(float)
    sol = backward_induction_arrays(TreeArrays.complete(depth, leaves, ("A", "B")))

    def solve(level, index):
        if level == depth:
            return leaves[index]
        left, right = solve(level + 1, 2 * index), solve(level + 1, 2 * index + 1)
        mover = level % 2
        return right if right[mover] > left[mover] else left

    assert sol.root_value.tolist() == solve(0, 0).tolist()


def test_ties_are_reported_and_tol_is_used():
    tree = TreeArrays.complete(1, np.array([[1.0, 0.0], [1.0 + 1e-12, 0.0]]), ("A", "B"))
    assert backward_induction_arrays(tree).ties == 0
    assert backward_induction_arrays(tree, tol=1e-9).ties == 1
    assert "gt.spe" in backward_induction_arrays(tree, tol=1e-9).warnings[0]


def test_imperfect_information_is_refused():
    g = ExtensiveFormGame(Decision("A", "a", {
        "L": Decision("B", "b", {"x": Terminal([0, 0])}),
        "R": Decision("B", "b", {"x": Terminal([0, 0])})}), ["A", "B"])
    with pytest.raises(gt.NotApplicableError):
        TreeArrays.from_game(g)


def _same_tables(a, b):
    return all(np.array_equal(getattr(a, f), getattr(b, f))
               for f in ("first_child", "n_children", "player", "outcome", "prob")) and a.levels == b.levels


@settings(max_examples=40, deadline=None, derandomize=True)
@given(trees())
def test_tables_from_the_readers_arrays_equal_those_from_the_game(game):
    from gametheory.io.efg import format_efg, parse_efg

    text = format_efg(game)
    expected = TreeArrays.from_game(game)
    read = parse_efg(text)
    plain = all(k != "chance" for k in game.kind)
    if plain:  # personal moves only: read into arrays, tables not built
        assert not read.tables_built
    got = TreeArrays.from_game(read)
    assert not read.tables_built or not plain  # still not built
    assert _same_tables(got, expected)
    assert _same_tables(read_efg_arrays(text), expected)


def test_tables_of_a_gambit_style_file():
    text = ('EFG 2 R "b" { "A" "B" }\n""\n\n'
            'p "" 1 1 "" { "L" "R" } 0\n'
            'p "" 2 1 "" { "l" "r" } 0\n'
            't "" 1 "o_1" { 3, -12 }\n'
            't "" 2 "o_2" { 0, 5 }\n'
            't "" 3 "o_3" { -7, 1/3 }\n')
    tables = read_efg_arrays(text)
    assert tables.levels == ((0, 1), (1, 3), (3, 5))
    assert tables.outcome[tables.first_child[1]:].tolist() == [[3, -12], [0, 5]]
    assert tables.outcome[2].tolist() == [-7, 1 / 3]
    assert backward_induction_arrays(tables).root_value.tolist() == [0, 5]


def test_big_rationals_are_rounded_once():
    from fractions import Fraction

    p, q = 123456789012345678, 98765432109876543
    text = ('EFG 2 R "" { "A" }\n""\n'
            'p "" 1 1 "" { "L" "R" } 0\n'
            f't "" 1 "x" {{ {p}/{q} }}\n'
            't "" 2 "y" { 1 }\n')
    assert read_efg_arrays(text).outcome[1, 0] == float(Fraction(p, q))


def test_imperfect_information_read_from_a_file_is_refused():
    text = ('EFG 2 R "" { "A" "B" }\n""\n'
            'p "" 1 1 "" { "L" "R" } 0\n'
            'p "" 2 1 "" { "l" "r" } 0\n'
            't "" 1 "a" { 1, 1 }\n'
            't "" 2 "b" { 2, 2 }\n'
            'p "" 2 1 "" { "l" "r" } 0\n'
            't "" 3 "c" { 3, 3 }\n'
            't "" 4 "d" { 4, 4 }\n')
    with pytest.raises(gt.NotApplicableError):
        read_efg_arrays(text)
