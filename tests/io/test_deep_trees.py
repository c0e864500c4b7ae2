"""Issue 13, deep trees: iterative traversal everywhere, memory linear in the nodes.

A chain of ``depth`` moves (each player in turn may ``stop`` or ``go``) read from
.efg, solved with ``gt.spe`` and written back; deep JSON definitions read; the
reduced strategies of a long chain listed without enumerating every action combination.
"""

from __future__ import annotations

import json
import sys

import pytest

import gametheory as gt
from gametheory.errors import ParseError
from gametheory.io.definition import parse_definition
from gametheory.io.efg import format_efg, parse_efg


def chain_text(depth: int) -> str:
    """A centipede-like chain: at move k the mover may stop, paying (k + 1, -k - 1),
    or go on; the end pays (0, 0). No mover is ever indifferent (no ties)."""
    lines = ['EFG 2 R "chain" { "A" "B" } ""', ""]
    for k in range(depth):
        lines.append(f'p "" {k % 2 + 1} {k + 1} "" {{ "stop" "go" }} 0')
        lines.append(f't "" {k + 1} "" {{ {k + 1}, {-k - 1} }}')
    lines.append(f't "" {depth + 1} "" {{ 0, 0 }}')
    return "\n".join(lines) + "\n"


def test_a_chain_of_100000_moves_is_read_solved_and_written(tmp_path):
    depth = 100_000
    path = tmp_path / "chain.efg"
    path.write_text(chain_text(depth))
    game = gt.read_game(path)
    assert len(game) == 2 * depth + 1
    # Far above the default recursion limit: nothing here may recurse per level.
    assert depth > 50 * sys.getrecursionlimit()
    solution = gt.spe(game)
    # Backward induction by hand: A moves at even k and gets k by stopping; B stops
    # at odd k for -k < its continuation. The reference is the closed form of the
    # same chain solved from the end: see test_small_chains_match_the_closed_form.
    assert solution.count == 1
    written = gt.write_game(game, tmp_path / "back.efg")
    assert written.stat().st_size < 100 * len(game)  # linear in the nodes, no paths
    assert gt.read_game(written) == game


def _spe_by_hand(depth: int) -> tuple[int, int]:
    """The SPE payoffs of ``chain_text(depth)`` by backward induction over a loop:
    the independent reference for the solver."""
    value = (0, 0)
    for k in range(depth - 1, -1, -1):
        stop = (k + 1, -k - 1)
        mover = k % 2
        value = stop if stop[mover] > value[mover] else value
    return value


@pytest.mark.parametrize("depth", [1, 2, 7, 40, 2000])
def test_small_chains_match_the_closed_form(depth):
    solution = gt.spe(parse_efg(chain_text(depth)))
    want = _spe_by_hand(depth)
    (vec, count), = solution.payoff_vectors
    assert tuple(vec) == want and count == 1


def test_profiles_of_a_deep_chain_are_listed_without_recursion():
    depth = 5000
    solution = gt.spe(parse_efg(chain_text(depth)))
    (profile,) = list(solution.profiles())
    assert tuple(profile.payoffs) == _spe_by_hand(depth)


def test_reduced_strategies_of_an_81_node_chain():
    # Issue 13: 40 moves of A (and 40 of B) made 2^40 combinations before reducing.
    game = parse_efg(chain_text(80))
    strategies = game.reduced_strategies("A")
    # A stops at one of its 40 moves, or goes on at all of them: 41 reduced strategies.
    assert len(strategies) == 41
    assert len({tuple(sorted(s.items())) for s in strategies}) == 41


def test_reduced_strategies_agree_with_full_enumeration_on_small_trees():
    # The reference: every combination of actions, reduced (the definition).
    import itertools

    game = parse_efg(chain_text(6))
    for player in game.players:
        own = [h for h in game.infosets.values() if h.player == player]
        pi = game.players.index(player)
        reduced = set()
        for choice in itertools.product(*[h.actions for h in own]):
            full = {h.label: a for h, a in zip(own, choice)}
            seen, stack = set(), [0]
            while stack:
                i = stack.pop()
                if game.kind[i] == "decision" and game.player[i] == pi:
                    seen.add(game.infoset[i])
                    stack.append(game.children[i][game.actions[i].index(full[game.infoset[i]])])
                else:
                    stack.extend(game.children[i])
            reduced.add(tuple((h.label, full[h.label]) for h in own if h.label in seen))
        got = game.reduced_strategies(player)
        assert {tuple((h.label, s[h.label]) for h in own if h.label in s) for s in got} == reduced
        assert len(got) == len(reduced)


def _json_chain(depth: int) -> str:
    node: dict = {"payoffs": [0, 0]}
    for k in range(depth - 1, -1, -1):
        node = {"player": "AB"[k % 2], "infoset": f"m{k}",
                "actions": {"stop": {"payoffs": [k + 1, -k - 1]}, "go": node}}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10 * depth + 1000)
    try:
        return json.dumps({"type": "extensive_form", "players": ["A", "B"], "root": node})
    finally:
        sys.setrecursionlimit(limit)


def test_a_900_deep_json_tree_is_read():
    text = _json_chain(900)  # 1800 levels of JSON nesting
    game = parse_definition(text)
    assert len(game) == 2 * 900 + 1
    # The same tree as the .efg chain (labels aside): same shape, same payoffs.
    efg = parse_efg(chain_text(900))
    assert game.kind == efg.kind and game.parent == efg.parent and game.outcomes == efg.outcomes
    (vec, _count), = gt.spe(game).payoff_vectors
    assert tuple(vec) == _spe_by_hand(900)


def test_deep_trees_write_as_efg_and_refuse_json_clearly(tmp_path):
    game = parse_efg(chain_text(20_000))
    assert len(format_efg(game)) < 100 * len(game)
    with pytest.raises(ParseError, match="deep"):
        gt.write_game(game, tmp_path / "deep.json")
