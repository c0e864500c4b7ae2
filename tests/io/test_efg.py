"""Gambit .efg reading and writing, with pygambit 17 as the real client."""

import pytest
import sympy as sp

import gametheory as gt
from gametheory import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory.errors import ParseError
from gametheory.io.efg import format_efg, parse_efg

pygambit = pytest.importorskip("pygambit")
R = sp.Rational


def rich_tree():
    """Chance, an outcome on a non-terminal node, a two-member information set, rationals."""
    return ExtensiveFormGame(
        Chance({
            "High": ("1/3", Decision("Sender", "s_high", {
                "Send": Decision("Receiver", "r", {"Act": Terminal(["2/3", 1]), "Wait": Terminal([0, 0])}),
                "Quiet": Terminal([1, "-1/2"]),
            }, outcome=["1/4", 0])),
            "Low": ("2/3", Decision("Sender", "s_low", {
                "Send": Decision("Receiver", "r", {"Act": Terminal([-1, -1]), "Wait": Terminal([0, 2])}),
                "Quiet": Terminal([0, 0]),
            })),
        }),
        players=["Sender", "Receiver"], title="Signal")


def _leaf_payoffs(game):
    out = {}
    for i in game.terminals:
        total = [0] * game.n_players
        j = i
        while j >= 0:
            total = [t + v for t, v in zip(total, game.leaf_payoff_part(j))]
            j = game.parent[j]
        out[game.paths[i]] = tuple(total)
    return out


def test_round_trip_exact():
    g = rich_tree()
    text = format_efg(g)
    assert text.startswith('EFG 2 R "Signal" { "Sender" "Receiver" }')
    again = parse_efg(text)
    assert again == g
    assert again.infosets["r"].members == g.infosets["r"].members
    # The information set's description is repeated at its second member, as Gambit does.
    assert text.count('"r" { "Act" "Wait" }') == 2


def test_written_file_opens_in_pygambit(tmp_path):
    from pygambit import H

    g = rich_tree()
    path = gt.write_game(g, tmp_path / "signal.efg")
    pg = pygambit.read_efg(str(path))
    assert list(pg.players) == ["Sender", "Receiver"]
    assert len(pg.get_infosets("Receiver")) == 1
    assert len(pg.get_members(H.path("High", "Send"))) == 2
    assert pg.get_action_probs(H.path()) == {"High": pygambit.Rational(1, 3), "Low": pygambit.Rational(2, 3)}
    assert pg.get_actions(H.path("Low")) == ["Send", "Quiet"]
    outcome = pg.get_outcome(H.path("High"))
    assert dict(pg.get_outcome_payoffs(outcome)) == {"Sender": pygambit.Rational(1, 4), "Receiver": 0}
    # pygambit's own writing of what it read is the same game here.
    assert parse_efg(pg.to_efg()) == g


GAMBIT_TEXT = """EFG 2 R "coin" { "A" "B" }
"written the way Gambit writes"

c "" 1 "" { "H" 1/4 "T" 3/4 } 0
p "" 1 1 "a" { "x" "y" } 1 "bonus" { 1, 0 }
t "" 2 "o_1" { 0, 0 }
t "" 3 "o_2" { 1, -1 }
p "" 1 1 "a" { "x" "y" } 0
p "" 2 1 "b" { "l" "r" } 0
t "" 4 "o_3" { 2, -2 }
t "" 5 "o_4" { 3, -3 }
t "" 6 "o_5" { 4, -4 }
"""


def test_pygambit_written_file_opens_here(tmp_path):
    source = tmp_path / "coin.efg"
    source.write_text(GAMBIT_TEXT)
    pg = pygambit.read_efg(str(source))
    written = tmp_path / "by_gambit.efg"
    pg.to_efg(str(written))
    g = gt.read_game(written)
    from gametheory.io import efg_fast

    # pygambit's layout (chance moves, outcomes on inner nodes, repeated sets) is the
    # one the C scanner reads into arrays.
    assert not g.tables_built or efg_fast._efgscan is None
    assert g == parse_efg(GAMBIT_TEXT)
    assert g.players == ("A", "B")
    assert not g.is_perfect_information and g.has_perfect_recall
    assert g.infosets["a"].members == (1, 4)
    assert g.probabilities[0] == (R(1, 4), R(3, 4))
    assert g.outcomes[1] == (1, 0)  # the outcome on a non-terminal node
    # Payoffs add up along the path: H > y gets the bonus plus o_2.
    assert g.play({"A": {"a": "y"}, "B": {"b": "l"}}).terminals[0] == (("H", "y"), R(1, 4))
    nf = g.to_normal_form()
    assert nf.payoff("A", ("y", "l")) == R(1, 4) * 2 + R(3, 4) * 4
    # And back to pygambit: the same numbers again.
    back = pygambit.read_efg(str(gt.write_game(g, tmp_path / "back.efg")))
    assert parse_efg(back.to_efg()) == g


def test_decimal_files_and_omitted_repeats():
    text = '''EFG 2 D "d" { "A" "B" } ""
    p "" 1 1 "a" { "L" "R" } 0
    p "" 2 1 "b" { "l" "r" } 1 "x" { 0.5, 1.25 }
    t "" 2 "" { 1, 0 }
    t "" 1
    p "" 2 1 0
    t "" 3 "" { 0 2 }
    t "" 2
    '''
    g = parse_efg(text)
    assert g.infosets["b"].members == (1, 4)
    assert g.outcomes[1] == (R(1, 2), R(5, 4))
    assert g.outcomes[3] == (R(1, 2), R(5, 4))
    assert g.outcomes[6] == (1, 0)
    sol = gt.spe(g.subgame("L")) if g.subgames() else None
    assert sol is None  # "b" spans both branches: no proper subgame


@pytest.mark.parametrize(
    "text, message, line, column",
    [
        ('EFG 3 R "x" { "A" }\n', "version 2", 1, 5),
        ('EFG 2 R "x" { "A" }\n""\np "" 2 1 "a" { "L" } 0\nt "" 0\n', "player 2 does not exist", 3, 6),
        ('EFG 2 R "x" { "A" }\n""\np "" 1 1 "a" { "L" "R" } 0\nt "" 1 "o" { 1 }\n', "the file ends before", 5, 1),
        ('EFG 2 R "x" { "A" }\n""\nt "" 1 "o" { 1/0 }\n', "expected a payoff", 3, 14),
        ('EFG 2 R "x" { "A" "B" }\n""\nt "" 1 "o" { 1 }\n', "1 payoffs for 2 players", 3, 16),
        ('EFG 2 R "x" { "A" }\n""\nq "" 1\n', "node type", 3, 1),
        # chance distributions (issue 3: a sum other than 1, a negative probability)
        ('EFG 2 R "x" { "A" }\n""\nc "" 1 "" { "H" 1/3 "T" 1/3 } 0\nt "" 1 "o" { 1 }\nt "" 1\n',
         "sum to 2/3, not 1", 3, 1),
        ('EFG 2 R "x" { "A" }\n""\nc "" 1 "" { "H" -1/3 "T" 4/3 } 0\nt "" 1 "o" { 1 }\nt "" 1\n',
         "-1/3 is negative", 3, 17),
        ('EFG 2 R "x" { "A" }\n""\nc "" 1 "" { "H" 0.3333333333333333 "T" 0.6666666666666666 } 0\n'
         't "" 1 "o" { 1 }\nt "" 1\n', "not 1", 3, 1),
    ],
)
def test_errors_name_line_and_column(text, message, line, column):
    with pytest.raises(ParseError, match=message) as info:
        parse_efg(text, source="bad.efg")
    assert (info.value.line, info.value.column) == (line, column)
    assert str(info.value).startswith(f"bad.efg:{line}:{column}")


def test_symbolic_tree_cannot_be_written():
    x = gt.parameter("x_efg_write")
    with pytest.raises(ParseError, match="substitute"):
        format_efg(ExtensiveFormGame(Terminal([x]), ["A"]))


def test_labels_written_are_unique_and_non_empty():
    g = ExtensiveFormGame(Decision("A", None, {"L": Terminal([0]), "R": Terminal([1])}), ["A"])
    text = format_efg(g)
    labels = [line.split('"')[1] for line in text.splitlines()[3:]]
    assert all(labels) and len(set(labels)) == len(labels)


def test_decimal_files_may_round_chance_probabilities():
    # A D file's decimals may round 1/3 and 2/3; within 1e-9 of 1 is accepted as written.
    text = ('EFG 2 D "x" { "A" }\n""\nc "" 1 "" { "H" 0.3333333333333333 "T" 0.6666666666666666 } 0\n'
            't "" 1 "o" { 1 }\nt "" 1\n')
    game = parse_efg(text)
    assert sum(game.probabilities[0]) == sp.Rational(9999999999999999, 10**16)
    with pytest.raises(ParseError, match="not 1"):
        parse_efg(text.replace("0.6666666666666666", "0.66"))
