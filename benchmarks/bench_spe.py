"""Benchmark of numeric SPE on complete binary trees and of reading .efg files.

Run: ``.venv/bin/python benchmarks/bench_spe.py [--depths 10 12 ...] [--repeat 5]``

In one run, for complete binary trees of depth 10 to 20 with random payoffs:

* ``fast``: :func:`gametheory.solve.tree_arrays.backward_induction_arrays` on node tables;
* ``bound``: a numpy level-by-level backward induction written here, the lower bound
  (it knows the tree is complete and binary and does nothing else);
* ``recursive``: plain recursive Python over node objects (up to depth 18);
* ``exact``: ``gt.spe`` on an ``ExtensiveFormGame`` (every SPE, exact; up to depth 14);

all in nodes per second (median over repeats), and reading the depth-18 tree from a
Gambit ``.efg`` file against ``pygambit.read_efg``, in one run:

* ``gt.read_game``: the file read and every line checked into arrays (structure,
  labels, information sets, exact payoffs as integer numerators and denominators) by
  the C line scanner; the game's Python tables (lists, sympy Rationals) are built on
  first use, as pygambit builds Python wrappers of its C++ nodes on first use;
* ``+ fast-path SPE``: ``TreeArrays.from_game`` and ``backward_induction_arrays`` on
  the game just read, which use the arrays (no Python table is built);
* ``+ every Python table``: reading, then building every table of the game;
* ``numpy scanner``: ``gt.read_game`` where the C scanner was not built;
* ``careful reader``: the token reader used for errors and unusual files.

Targets (issue 3): fast >= 0.5 x bound at depths 18 and 20; reading >= 30 x pygambit.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
from timing import median_time

import gametheory as gt
from gametheory.io import efg_fast
from gametheory.io.efg import _parse_tokens, parse_efg
from gametheory.solve.tree_arrays import TreeArrays, backward_induction_arrays


def lower_bound(leaves: np.ndarray) -> np.ndarray:
    """Numpy backward induction of a complete binary tree, players alternating by level."""
    values = leaves
    depth = int(np.log2(leaves.shape[0]))
    for level in reversed(range(depth)):
        pairs = values.reshape(-1, 2, values.shape[1])
        own = pairs[:, :, level % 2]
        values = np.where((own[:, 1] > own[:, 0])[:, None], pairs[:, 1], pairs[:, 0])
    return values[0]


class Node:
    __slots__ = ("mover", "children", "payoff")

    def __init__(self, mover: int, children: list[Node], payoff: tuple[float, ...] | None) -> None:
        self.mover = mover
        self.children = children
        self.payoff = payoff


def build_nodes(leaves: np.ndarray, depth: int) -> Node:
    level = [Node(-1, [], tuple(row)) for row in leaves.tolist()]
    for d in reversed(range(depth)):
        level = [Node(d % 2, [level[2 * k], level[2 * k + 1]], None) for k in range(len(level) // 2)]
    return level[0]


def recursive(node: Node) -> tuple[float, ...]:
    if node.payoff is not None:
        return node.payoff
    best = None
    for child in node.children:
        value = recursive(child)
        if best is None or value[node.mover] > best[node.mover]:
            best = value
    assert best is not None
    return best


def build_game(leaves: np.ndarray, depth: int) -> gt.ExtensiveFormGame:
    level = [gt.Terminal([int(a), int(b)]) for a, b in leaves.tolist()]
    for d in reversed(range(depth)):
        level = [gt.Decision(d % 2, None, {"L": level[2 * k], "R": level[2 * k + 1]}) for k in range(len(level) // 2)]
    return gt.ExtensiveFormGame(level[0], ["P1", "P2"])


def efg_text(leaves: np.ndarray, depth: int, chance_every: int = 0) -> str:
    """A Gambit-style .efg of the complete tree (outcome labels as Gambit writes them);
    with ``chance_every = k``, every k-th level is a chance move (1/3, 2/3)."""
    lines = ['EFG 2 R "bench" { "P1" "P2" }', '""', ""]
    infosets = [0, 0, 0]
    leaf = iter(leaves.astype(int).tolist())
    outcome = 0

    def visit(d: int) -> None:
        nonlocal outcome
        if d == depth:
            a, b = next(leaf)
            outcome += 1
            lines.append(f't "" {outcome} "o_{outcome}" {{ {a}, {b} }}')
            return
        if chance_every and d % chance_every == chance_every - 1:
            infosets[2] += 1
            lines.append(f'c "" {infosets[2]} "" {{ "H" 1/3 "T" 2/3 }} 0')
        else:
            infosets[d % 2] += 1
            lines.append(f'p "" {d % 2 + 1} {infosets[d % 2]} "" {{ "L" "R" }} 0')
        visit(d + 1)
        visit(d + 1)

    visit(0)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--depths", type=int, nargs="+", default=[10, 12, 14, 16, 18, 20])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--efg-depth", type=int, default=18)
    parser.add_argument("--efg-repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(20190228)  # the Hanoi summit date, for reproducibility

    print(f"{'depth':>5} {'nodes':>9} {'fast Mn/s':>10} {'bound Mn/s':>11} {'fast/bound':>10} "
          f"{'recursive Mn/s':>15} {'fast/rec':>9} {'exact Mn/s':>11}")
    for depth in args.depths:
        leaves = rng.integers(-10**6, 10**6, size=(2**depth, 2)).astype(float)
        n_nodes = 2 ** (depth + 1) - 1
        tree = TreeArrays.complete(depth, leaves, ("P1", "P2"))
        fast_value = backward_induction_arrays(tree).root_value
        assert np.array_equal(fast_value, lower_bound(leaves)), "fast path and bound disagree"
        t_fast = median_time(lambda: backward_induction_arrays(tree), args.repeat)  # noqa: B023
        t_bound = median_time(lambda: lower_bound(leaves), args.repeat)  # noqa: B023
        rec = exact = "-"
        ratio_rec = "-"
        if depth <= 18:
            root = build_nodes(leaves, depth)
            sys.setrecursionlimit(10_000)
            assert recursive(root) == tuple(fast_value)
            t_rec = median_time(lambda: recursive(root), max(1, args.repeat // 2))  # noqa: B023
            rec = f"{n_nodes / t_rec / 1e6:.2f}"
            ratio_rec = f"{t_rec / t_fast:.0f}x"
            del root
        if depth <= 14:
            game = build_game(leaves, depth)
            t_exact = median_time(lambda: gt.spe(game), 1)  # noqa: B023
            exact = f"{n_nodes / t_exact / 1e6:.3f}"
        print(f"{depth:>5} {n_nodes:>9} {n_nodes / t_fast / 1e6:>10.1f} {n_nodes / t_bound / 1e6:>11.1f} "
              f"{t_bound / t_fast:>10.2f} {rec:>15} {ratio_rec:>9} {exact:>11}")

    try:
        import pygambit
    except ImportError:  # pragma: no cover
        print("pygambit is not installed: skipping the .efg comparison")
        return 0
    depth = args.efg_depth
    leaves = rng.integers(-50, 50, size=(2**depth, 2)).astype(float)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"binary{depth}.efg"
        path.write_text(efg_text(leaves, depth))
        size = path.stat().st_size / 1e6
        t_gambit = median_time(lambda: pygambit.read_efg(str(path)), args.efg_repeat)
        t_ours = median_time(lambda: gt.read_game(path), args.efg_repeat)
        scanner = "C" if efg_fast._efgscan is not None else "numpy (C scanner not built)"

        def read_and_solve() -> np.ndarray:
            return backward_induction_arrays(TreeArrays.from_game(gt.read_game(path))).root_value

        assert np.array_equal(read_and_solve(), lower_bound(leaves)), "read tree solved wrongly"
        t_solve = median_time(read_and_solve, args.efg_repeat)

        def read_and_build() -> None:
            g = gt.read_game(path)
            g.outcomes, g.infosets  # noqa: B018 (the Python tables, built on first use)

        t_built = median_time(read_and_build, args.efg_repeat)
        saved, efg_fast._efgscan = efg_fast._efgscan, None
        try:
            t_numpy = median_time(lambda: gt.read_game(path), args.efg_repeat)
        finally:
            efg_fast._efgscan = saved
        t_careful = median_time(lambda: _parse_tokens(path.read_text(), str(path)), 1)
        game = parse_efg(path.read_text())
        assert len(game) == 2 ** (depth + 1) - 1
        # The same tree with a chance move at every third level.
        chance_path = Path(tmp) / f"chance{depth}.efg"
        chance_path.write_text(efg_text(leaves, depth, chance_every=3))
        chance_size = chance_path.stat().st_size / 1e6
        t_gambit_c = median_time(lambda: pygambit.read_efg(str(chance_path)), args.efg_repeat)
        t_ours_c = median_time(lambda: gt.read_game(chance_path), args.efg_repeat)
        assert not gt.read_game(chance_path).tables_built, "chance tree not read into arrays"
    print(f"\nreading a {size:.1f} MB .efg (binary tree of depth {depth}, {len(game)} nodes; scanner: {scanner}):")
    rows = [
        ("gt.read_game (checked into arrays)", t_ours),
        ("  + fast-path SPE from the arrays", t_solve),
        ("  + every Python table built", t_built),
        ("gt.read_game with the numpy scanner", t_numpy),
        ("careful token reader (errors, odd files)", t_careful),
    ]
    for name, t in rows:
        print(f"  {name:42s} {t:7.3f} s  {t_gambit / t:7.2f}x pygambit")
    print(f"  {'pygambit.read_efg':42s} {t_gambit:7.3f} s   (target: gt.read_game 30x faster)")
    print(f"\nthe same tree with a chance move at every third level ({chance_size:.1f} MB):")
    print(f"  {'gt.read_game (checked into arrays)':42s} {t_ours_c:7.3f} s  {t_gambit_c / t_ours_c:7.2f}x pygambit")
    print(f"  {'pygambit.read_efg':42s} {t_gambit_c:7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
