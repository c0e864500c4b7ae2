"""Bad input is reported as a GameError (ParseError, ValidationError, ParameterError),
never as a stray exception from inside the readers: random edits of valid files of
every format the package reads."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import GameError
from gametheory.io.definition import parse_definition
from gametheory.io.efg import parse_efg
from gametheory.io.nfg import parse_nfg

NFG_PAYOFF = '''NFG 1 R "Selten" { "I" "II" } { 3 2 }
1 1 0 2 0 2 1 1 0 3 2 0
'''
NFG_OUTCOME = '''NFG 1 R "outcomes" { "Player 1" "Player 2" }
{ { "1" "2" } { "1" "2" } }
""
{ { "" 1, -1 } { "" -1/2, 1 } { "x" 0.25, 0 } }
1 2 3 1
'''
EFG = '''EFG 2 R "coin" { "A" "B" } "a comment"
c "" 1 "nature" { "H" 1/3 "T" 2/3 } 0
p "" 1 1 "a" { "L" "R" } 1 "toll" { -1, 0 }
t "" 2 "x" { 2, 1/2 }
t "" 3 "y" { 0, 0.5 }
p "" 1 2 "b" { "L" "R" } 0
p "" 2 1 "c" { "l" "r" } 0
t "" 2
t "" 4 "z" { 1, 1 }
t "" 3
'''
JSON_NF = '''{"type": "normal_form", "title": "fuzz",
 "players": {"Row": ["up", "down"], "Col": ["left", "right"]},
 "payoffs": {"up,left": [1, "1/2"], "up,right": [0, 0], "down,left": ["2 - 1", 3],
             "down,right": [0.5, -1]}}
'''
JSON_TREE = '''{"type": "extensive_form", "players": ["A", "B"],
 "root": {"player": "A", "infoset": "a", "actions": {
   "Out": {"payoffs": [1, 2]},
   "In": {"chance": {"H": ["1/2", {"payoffs": [0, 0]}], "T": ["1/2", {"player": "B",
          "actions": {"l": {"payoffs": {"A": 3, "B": "1/3"}}, "r": {"payoffs": [2, 2]}}}]}}}}}
'''
TOML_NF = '''type = "normal_form"
title = "fuzz"
[players]
Row = ["up", "down"]
Col = ["left", "right"]
[payoffs]
"up,left" = [1, "1/2"]
"up,right" = [0, 0]
"down,left" = [2, 3]
"down,right" = ["-1", 0]
'''

CASES = {
    "nfg payoffs": (NFG_PAYOFF, parse_nfg),
    "nfg outcomes": (NFG_OUTCOME, parse_nfg),
    "efg": (EFG, parse_efg),
    "json normal form": (JSON_NF, lambda t: parse_definition(t, "json")),
    "json tree": (JSON_TREE, lambda t: parse_definition(t, "json")),
    "toml": (TOML_NF, lambda t: parse_definition(t, "toml")),
}
PIECES = list(' "{}[]-,./:0129=\n') + ["", "  ", '""', "pt", "c", "1/0", "x", "**", "e9"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_valid_files_read(name):
    text, read = CASES[name]
    assert read(text) is not None


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=150, deadline=None, derandomize=True)
@given(edits=st.lists(st.tuples(st.integers(0, 10**4), st.sampled_from(PIECES), st.booleans()),
                      min_size=1, max_size=4))
def test_edited_files_read_or_raise_a_game_error(name, edits):
    text, read = CASES[name]
    for at, piece, insert in edits:
        at %= len(text) + 1
        text = text[:at] + piece + text[at + (0 if insert else 1):]
    try:
        read(text)
    except GameError:
        pass
