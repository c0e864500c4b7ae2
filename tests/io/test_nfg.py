"""Gambit .nfg files: both versions, exact numbers, errors with positions, pygambit round trips."""

import io
from fractions import Fraction

import numpy as np
import pygambit as gbt
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParseError
from gametheory.io.nfg import format_nfg, parse_nfg

# The payoff-version example of Gambit's file-format documentation (section "The
# strategic game (.nfg) file format, payoff version").
GAMBIT_PAYOFF_EXAMPLE = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

# The outcome-version example of the same documentation page.
GAMBIT_OUTCOME_EXAMPLE = """NFG 1 R "Two person 2 x 2 game with unique mixed equilibrium"
{ "Player 1" "Player 2" }

{ { "1" "2" }
{ "1" "2" }
}
""

{
{ "" 1, -1 }
{ "" -1, 1 }
}
1 2 2 1
"""


def test_payoff_version_order_first_player_fastest():
    g = parse_nfg(GAMBIT_PAYOFF_EXAMPLE)
    assert g.players == ("Player 1", "Player 2")
    assert g.shape == (3, 2)
    # Profiles (1,1), (2,1), (3,1), (1,2), ...: first player's strategy varies fastest.
    assert g.payoff(0, (0, 0)) == 1 and g.payoff(1, (0, 0)) == 1
    assert g.payoff(0, (1, 0)) == 0 and g.payoff(1, (1, 0)) == 2
    assert g.payoff(0, (2, 0)) == 0 and g.payoff(1, (2, 0)) == 2
    assert g.payoff(0, (2, 1)) == 2 and g.payoff(1, (2, 1)) == 0
    assert g.title == "Selten (IJGT, 75), Figure 2, normal form"


def test_outcome_version_matching_pennies():
    g = parse_nfg(GAMBIT_OUTCOME_EXAMPLE)
    assert g.payoffs[0].tolist() == [[1, -1], [-1, 1]]
    assert g.payoffs[1].tolist() == [[-1, 1], [1, -1]]
    # von Neumann (1928): the unique equilibrium of matching pennies mixes 1/2, 1/2.
    assert gt.nash(g)[0].profile == ((sp.Rational(1, 2),) * 2, (sp.Rational(1, 2),) * 2)


def test_null_outcome_and_decimals_are_exact():
    text = 'NFG 1 R "t" { "A" "B" } { { "x" "y" } { "l" } } "" { { "o" 0.1 -2/6 } } 1 0'
    g = parse_nfg(text)
    assert g.payoff("A", ("x", "l")) == sp.Rational(1, 10)
    assert g.payoff("B", ("x", "l")) == sp.Rational(-1, 3)
    assert g.payoff("A", ("y", "l")) == 0


def test_round_trip_both_versions():
    g = gt.NormalFormGame.from_arrays(
        [[sp.Rational(1, 3), 2], [0, -5]], [[1, sp.Rational(-7, 2)], [0, 0]],
        players=["Row", 'Col "quoted"'], strategies=[["U", "D"], ["L", "R"]], title="t"
    )
    assert parse_nfg(format_nfg(g)) == g
    back = parse_nfg(format_nfg(g, outcomes=False))
    assert back.payoffs.tolist() == g.payoffs.tolist()
    assert back.strategies == (("1", "2"), ("1", "2"))


def _to_pygambit(g):
    arrays = [[[Fraction(int(v.p), int(v.q)) for v in row] for row in g.payoffs[i]] for i in range(2)]
    return gbt.StrategicGame.from_arrays(*arrays)


def _from_pygambit_arrays(G):
    as_rational = np.vectorize(lambda v: sp.Rational(str(v)), otypes=[object])
    return [as_rational(np.asarray(arr, dtype=object)).tolist() for arr in G.to_arrays()]


payoff = st.fractions(min_value=-20, max_value=20, max_denominator=12)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_random_games_round_trip_with_pygambit(m, n, data):
    a = data.draw(st.lists(st.lists(payoff, min_size=n, max_size=n), min_size=m, max_size=m))
    b = data.draw(st.lists(st.lists(payoff, min_size=n, max_size=n), min_size=m, max_size=m))
    g = gt.NormalFormGame.from_arrays(a, b, players=["Row", "Column"])
    assert parse_nfg(format_nfg(g)) == g
    # Written here, read by pygambit: the same game.
    for outcomes in (True, False):
        G = gbt.read_nfg(io.StringIO(format_nfg(g, outcomes=outcomes)))
        assert _from_pygambit_arrays(G) == [g.payoffs[0].tolist(), g.payoffs[1].tolist()]
        assert list(G.players) == ["Row", "Column"]
    # Written by pygambit, read here: the same game.
    back = parse_nfg(_to_pygambit(g).to_nfg())
    assert back.payoffs.tolist() == g.payoffs.tolist()


def test_three_player_round_trip_with_pygambit():
    rng = np.random.default_rng(3)
    arrays = [rng.integers(-5, 5, (2, 3, 2)).tolist() for _ in range(3)]
    g = gt.NormalFormGame.from_arrays(*arrays)
    G = gbt.read_nfg(io.StringIO(format_nfg(g)))
    assert _from_pygambit_arrays(G) == [
        g.payoffs[i].tolist() for i in range(3)
    ]
    assert parse_nfg(G.to_nfg()).payoffs.tolist() == g.payoffs.tolist()


def test_read_and_write_game_by_suffix(tmp_path):
    g = parse_nfg(GAMBIT_OUTCOME_EXAMPLE)
    path = gt.write_game(g, tmp_path / "mp.nfg")
    assert gt.read_game(path) == g


@pytest.mark.parametrize(
    "text, line, column, words",
    [
        ("EFG 2 R", 1, 1, "NFG"),
        ('NFG 2 R "t" { "A" } { 1 }', 1, 5, "version"),
        ('NFG 1 Q "t" { "A" } { 1 }', 1, 7, "R or D"),
        ('NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3', 2, 6, "end of the file"),
        ('NFG 1 R "t" { "A" "B" } { 2 1 }\n1 2 x 4', 2, 5, "payoff of player 1"),
        ('NFG 1 R "t" { "A" "B" } { 1 1 }\n1 2 3', 2, 5, "unexpected text"),
        ('NFG 1 R "t { "A" } { 1 }', 1, 16, "unterminated"),
        ('NFG 1 R "t" { "A" } { 1 } 1/0', 1, 27, "not a number"),
        ('NFG 1 R "t" { "A" "B" }\n{ { "x" } { "l" } }\n""\n{ { "" 1 } }\n1', 4, 10, "1 payoffs"),
        ('NFG 1 R "t" { "A" "B" }\n{ { "x" } { "l" } }\n""\n{ { "" 1 2 } }\n3', 5, 1, "outcome 3"),
        ('NFG 1 R "t" { } { }', 1, 15, "no players"),
        ('NFG 1 R "t" { "A" } { 0 }', 1, 23, "at least one"),
        ('NFG 1 R "t" { "A" } { 1 } @', 1, 27, "unexpected character"),
    ],
)
def test_malformed_files_name_line_and_column(text, line, column, words):
    with pytest.raises(ParseError) as info:
        parse_nfg(text, source="bad.nfg")
    err = info.value
    assert err.source == "bad.nfg"
    assert (err.line, err.column) == (line, column), str(err)
    assert words in str(err)


def test_symbolic_payoffs_cannot_be_written():
    x = gt.parameter("x_nfg")
    g = gt.NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(gt.ValidationError, match="expression x_nfg"):
        format_nfg(g)


def test_linear_time_on_a_large_file():
    rng = np.random.default_rng(0)
    g = gt.NormalFormGame.from_arrays(*(rng.integers(-9, 9, (60, 60)).tolist() for _ in range(2)))
    text = format_nfg(g, outcomes=False)
    assert parse_nfg(text).payoffs.tolist() == g.payoffs.tolist()
