"""Tests of the extensive-form representation: building, validation, recall, subgames,
play and the reduced normal form."""

from typing import Any

import pytest
import sympy as sp

import gametheory as gt
from gametheory import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory.errors import ParseError, ValidationError

R = sp.Rational


def entry_game():
    # Selten's chain-store stage game (Selten 1978), as in Osborne (2004), Fig. 154.1.
    return ExtensiveFormGame(
        Decision("Entrant", "entrant", {
            "Out": Terminal([0, 2]),
            "In": Decision("Incumbent", "incumbent", {
                "Fight": Terminal([-1, -1]),
                "Accommodate": Terminal([1, 1]),
            }),
        }),
        players=["Entrant", "Incumbent"],
        title="Entry deterrence",
    )


def matching_pennies_tree():
    # Simultaneous moves as a tree: player 2 does not see player 1's move.
    return ExtensiveFormGame(
        Decision("P1", "h1", {
            "H": Decision("P2", "h2", {"h": Terminal([1, -1]), "t": Terminal([-1, 1])}),
            "T": Decision("P2", "h2", {"h": Terminal([-1, 1]), "t": Terminal([1, -1])}),
        }),
        players=["P1", "P2"],
    )


def test_tables_and_infosets():
    g = entry_game()
    assert len(g) == 5
    assert g.kind[0] == "decision" and g.paths[2] == ("In",)
    assert g.infosets["incumbent"].player == "Incumbent"
    assert g.infosets["incumbent"].actions == ("Fight", "Accommodate")
    assert g.is_perfect_information and g.has_perfect_recall
    assert g.index_of("In > Fight") == 3
    assert g.outcomes[3] == (-1, -1)


def test_payoffs_as_mapping_and_exact_numbers():
    g = ExtensiveFormGame(Terminal({"B": "1/3", "A": 0.5}), ["A", "B"])
    assert g.outcomes[0][1] == R(1, 3)
    assert not g.is_exact


def test_validation_names_the_node_path():
    with pytest.raises(ValidationError, match="node In > Fight: payoffs has 3 entries"):
        ExtensiveFormGame(
            Decision("A", "a", {"In": Decision("B", "b", {"Fight": Terminal([1, 2, 3])})}), ["A", "B"]
        )
    with pytest.raises(ValidationError, match="node In: unknown player 'C'"):
        ExtensiveFormGame(Decision("A", "a", {"In": Decision("C", "b", {"x": Terminal([1, 2])})}), ["A", "B"])
    with pytest.raises(ValidationError, match="sum to 1/2"):
        ExtensiveFormGame(Chance({"H": ("1/4", Terminal([0])), "T": ("1/4", Terminal([0]))}), ["A"])
    with pytest.raises(ValidationError, match="negative"):
        ExtensiveFormGame(Chance({"H": (-1, Terminal([0])), "T": (2, Terminal([0]))}), ["A"])


def test_node_reached_twice_is_an_error():
    leaf = Terminal([0, 0])
    with pytest.raises(ValidationError, match="node R: this node object is already in the tree at node L"):
        ExtensiveFormGame(Decision("A", "a", {"L": leaf, "R": leaf}), ["A", "B"])


def test_infoset_with_different_players_or_actions():
    with pytest.raises(ValidationError, match="information set 'h': node R has a different player"):
        ExtensiveFormGame(
            Decision("A", "a", {
                "L": Decision("B", "h", {"x": Terminal([0, 0])}),
                "R": Decision("A", "h", {"x": Terminal([0, 0])}),
            }), ["A", "B"])
    with pytest.raises(ValidationError, match="has actions"):
        ExtensiveFormGame(
            Decision("A", "a", {
                "L": Decision("B", "h", {"x": Terminal([0, 0])}),
                "R": Decision("B", "h", {"y": Terminal([0, 0])}),
            }), ["A", "B"])


def test_perfect_recall_and_subgames():
    g = matching_pennies_tree()
    assert not g.is_perfect_information
    assert g.has_perfect_recall
    assert g.subgames() == []
    forgetful = ExtensiveFormGame(
        Decision("A", "a", {
            "L": Decision("A", "h", {"x": Terminal([0]), "y": Terminal([1])}),
            "R": Decision("A", "h", {"x": Terminal([2]), "y": Terminal([3])}),
        }), ["A"])
    assert not forgetful.has_perfect_recall
    with pytest.raises(ValidationError, match="perfect recall"):
        forgetful.require_perfect_recall()
    # A sequential prefix before a simultaneous-move stage: the stage is a proper subgame.
    seq = ExtensiveFormGame(
        Decision("P1", "start", {"Stop": Terminal([0, 0]), "Go": matching_pennies_tree().root}),
        ["P1", "P2"])
    assert seq.subgames() == [("Go",)]
    assert seq.subgame("Go").infosets["h2"].members == (1, 4)


def test_play_with_chance_and_outcomes():
    g = ExtensiveFormGame(
        Chance({
            "Good": ("1/3", Decision("A", "a", {"x": Terminal([3]), "y": Terminal([0])}, outcome=[1])),
            "Bad": ("2/3", Terminal([0])),
        }), ["A"])
    res = g.play({"A": {"a": "x"}})
    assert res.payoffs == (R(4, 3),)
    assert res.terminals == ((("Good", "x"), R(1, 3)), (("Bad",), R(2, 3)))
    assert res.path == ()
    mixed = g.play({"a": {"x": "1/2", "y": "1/2"}})
    assert mixed.payoffs == (R(1, 3) * (1 + R(3, 2)),)


def test_reduced_normal_form_of_centipede():
    # Three-move centipede (Rosenthal 1981): player 1's strategies Take/Cont-Take/Cont-Cont
    # reduce to 3 (not 4), since "Take-*" covers both continuations.
    g = ExtensiveFormGame(
        Decision("P1", "1a", {
            "Take": Terminal([1, 0]),
            "Cont": Decision("P2", "2a", {
                "Take": Terminal([0, 2]),
                "Cont": Decision("P1", "1b", {"Take": Terminal([3, 1]), "Cont": Terminal([2, 4])}),
            }),
        }), ["P1", "P2"])
    nf = g.to_normal_form()
    assert nf.strategies == (("Take-*", "Cont-Take", "Cont-Cont"), ("Take", "Cont"))
    assert nf.payoff("P1", ("Cont-Take", "Cont")) == 3
    # (Take-*, Cont) is not an equilibrium: P1 would switch to Cont-Take and get 3.
    assert [e.pure_profile for e in gt.pure_nash(nf)] == [("Take-*", "Take")]


def test_subs_and_parameters():
    x = gt.parameter("x_efg_test")
    p = gt.parameter("p_efg_test", kind="probability")
    g = ExtensiveFormGame(Chance({"a": (p, Terminal([x])), "b": (1 - p, Terminal([0]))}), ["A"])
    assert g.parameters == (p, x)
    h = g.subs({"x_efg_test": 2, "p_efg_test": "1/4"})
    assert h.parameters == () and h.play({}).payoffs == (R(1, 2),)
    with pytest.raises(gt.ParameterError):
        g.subs({"p_efg_test": 2})


def test_k_step_game_built_with_a_loop():
    node = Terminal([0, 0])
    for k in range(50):
        node = Decision("A" if k % 2 else "B", f"step{k}", {"stop": Terminal([k, -k]), "go": node})
    g = ExtensiveFormGame(node, ["A", "B"])
    assert len(g) == 101 and g.is_perfect_information


def test_definition_round_trip_with_formulas():
    c = gt.parameter("c_efg_def", kind="positive")
    data = {
        "type": "extensive_form",
        "players": ["A", "B"],
        "root": {
            "player": "A", "infoset": "a",
            "actions": {
                "Out": {"payoffs": [0, 2]},
                "In": {"chance": {"H": ["1/2", {"payoffs": ["1 - c_efg_def", 1]}],
                                  "T": ["1/2", {"payoffs": {"A": 1, "B": "2*c_efg_def"}}]}},
            },
        },
    }
    g = ExtensiveFormGame.from_definition(data, {"c_efg_def": c})
    assert g.parameters == (c,)
    assert g.outcomes[g.index_of("In > H")] == (1 - c, 1)
    again = ExtensiveFormGame.from_definition(g.to_definition(), {"c_efg_def": c})
    assert again == g
    bad = {"players": ["A"], "root": {"payoffs": ["1 +* c_efg_def"]}}
    with pytest.raises(ParseError):
        ExtensiveFormGame.from_definition(bad, {"c_efg_def": c})


def test_default_information_set_names_are_player_and_preorder_index():
    # issue 13: a default name is O(1) in size (it used to spell the whole path)
    g = ExtensiveFormGame(
        Decision("A", None, {"L": Decision("B", None, {"l": Terminal([1, 0]), "r": Terminal([0, 1])}),
                             "R": Chance({"H": ("1/2", Terminal([2, 2])), "T": ("1/2", Terminal([0, 0]))})}),
        ["A", "B"])
    assert set(g.infosets) == {"A@0", "B@1", "chance@4"}
    assert g.infosets["B@1"].members == (g.index_of("L"),)
    assert g.infosets["chance@4"].members == (g.index_of("R"),)


def test_a_hand_given_name_equal_to_a_default_name_is_an_error_not_a_merge():
    root = Decision("A", None, {"L": Decision("A", "A@0", {"x": Terminal([0, 0]), "y": Terminal([1, 1])}),
                                "R": Terminal([0, 0])})
    with pytest.raises(ValidationError, match=r"node L: the information set name 'A@0' is the default name of node root"):
        ExtensiveFormGame(root, ["A", "B"])


def test_a_20000_deep_chain_built_in_python_costs_linear_memory_and_is_solved():
    # issue 13: default names spelled the whole path, about 1 GB for this chain.
    # Unique SPE by backward induction: stopping gives 0, the end of the chain 1, so
    # every mover goes on; the only equilibrium path is "go" at every node.
    import tracemalloc

    depth = 20_000
    node: Any = Terminal([1, 1])
    for k in range(depth):
        node = Decision("A" if k % 2 else "B", None, {"stop": Terminal([0, 0]), "go": node})
    tracemalloc.start()
    try:
        g = ExtensiveFormGame(node, ["A", "B"])
        solution = gt.spe(g)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(g) == 2 * depth + 1 and len(g.infosets) == depth
    assert solution.count == 1 and solution.exact
    assert solution.payoff_vectors == (((1, 1), 1),)
    # generous linear bound: 4 KB per node (measured about 1 KB; the quadratic names took ~25 KB)
    assert peak < 4_000 * len(g), peak


def test_node_kinds_are_read_only():
    # issue 12: answers are cached on the game, so its node kinds cannot change under them
    g = ExtensiveFormGame(Decision("A", "a", {"L": Terminal([1]), "R": Terminal([0])}), ["A"])
    assert g.kind == ("decision", "terminal", "terminal")
    with pytest.raises(AttributeError):
        g.kind = ["terminal"] * 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        g.kind[0] = "terminal"  # type: ignore[index]
    with pytest.raises(AttributeError):
        g.kind.append("terminal")  # type: ignore[attr-defined]
    again = ExtensiveFormGame.from_tables(["A"], list(g.kind), g.parent, g.actions, g.player,
                                          g.infoset, g.probabilities, g.outcomes)
    assert again == g and isinstance(again.kind, tuple)
    assert g.subs({}).kind is g.kind


def test_no_module_reaches_into_the_games_private_table_hooks():
    # issue 12: the fast .efg path builds games through the public from_loader,
    # InformationSet.checked and lazy_node_arrays; nothing else knows the game's internals
    import pathlib
    import re

    import gametheory

    package = pathlib.Path(gametheory.__file__).parent
    private = re.compile(r"_deferred\b|_trusted\b|_set_tables\b|\b_DEFERRED\b|\"_loader\"")
    users = sorted(
        str(f.relative_to(package)) for f in package.rglob("*.py")
        if f.name != "extensive_form.py" and private.search(f.read_text(encoding="utf-8"))
    )
    assert users == []


def test_a_game_from_a_loader_builds_its_tables_on_first_use():
    calls = []
    plain = ExtensiveFormGame(Decision("A", "a", {"L": Terminal([1]), "R": Terminal([0])}), ["A"])

    def loader():
        calls.append(1)
        return (plain.kind, plain.parent, plain.actions, plain.player, plain.infoset,
                plain.probabilities, plain.outcomes, None)

    lazy = ExtensiveFormGame.from_loader(["A"], "", 3, loader)
    assert not lazy.tables_built and len(lazy) == 3 and calls == []
    assert lazy.lazy_node_arrays() is None  # this loader offers no arrays
    assert lazy == plain and lazy.tables_built and calls == [1]
    assert plain.tables_built and plain.lazy_node_arrays() is None


def test_information_set_by_label_and_a_clear_error_for_an_unknown_one():
    from gametheory.errors import ValidationError

    game = ExtensiveFormGame(Decision("A", "a", {"L": Terminal([1]), "R": Terminal([0])}), ["A"])
    assert game.information_set("a").actions == ("L", "R")
    with pytest.raises(ValidationError, match="no information set 'b'"):
        game.information_set("b")
