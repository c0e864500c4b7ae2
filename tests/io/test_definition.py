"""The project's JSON/TOML game definitions: schema, formulas, exact numbers, positioned errors."""

import json

import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import ParseError
from gametheory.io.definition import format_definition, parse_definition

INSPECTION = """{
  "type": "normal_form",
  "title": "Inspection game",
  "parameters": {
    "a_insp": {"kind": "positive", "description": "loss from an undetected violation"},
    "b_insp": {"kind": "positive", "default": "1"},
    "c_insp": {"kind": "positive", "range": ["1/100", "1"]},
    "d_insp": "positive"
  },
  "players": {"Inspector": ["inspect", "trust"], "Inspectee": ["legal", "violate"]},
  "payoffs": {
    "inspect,legal": ["-c_insp", 0],
    "inspect,violate": ["-c_insp", "-d_insp"],
    "trust,legal": [0, 0],
    "trust,violate": ["-a_insp", "b_insp"]
  }
}
"""


def test_inspection_game_with_formulas():
    g = parse_definition(INSPECTION, source="insp.json")
    a, b, c, d = (gt.parameter_info(f"{s}_insp").symbol for s in "abcd")
    assert g.players == ("Inspector", "Inspectee")
    assert g.payoff("Inspector", ("trust", "violate")) == -a
    assert g.payoff("Inspectee", ("trust", "violate")) == b
    assert gt.parameter_info("c_insp").plausible_range == (sp.Rational(1, 100), 1)
    assert gt.parameter_info("a_insp").description == "loss from an undetected violation"
    # Avenhaus, von Stengel and Zamir (2002), Handbook of Game Theory 3, ch. 51: in the
    # mixed equilibrium the inspectee violates with probability c/a and the inspector
    # inspects with probability b/(b+d).
    sol = gt.nash(g).at({a: 4, b: 1, c: 1, d: 3})
    assert [e.profile for e in sol] == [
        ((sp.Rational(1, 4), sp.Rational(3, 4)), (sp.Rational(3, 4), sp.Rational(1, 4)))
    ]


def test_values_substitute_and_decimals_are_exact():
    text = json.dumps({
        "parameters": {"p_val": {"kind": "probability"}},
        "values": {"p_val": "1/4"},
        "players": {"A": ["x"], "B": ["y", "z"]},
        "payoffs": [[["p_val", 0.1], ["2*p_val", "1e-1"]]],
    })
    g = parse_definition(text)
    assert g.is_numeric and g.is_exact
    assert g.payoffs[:, 0, 0].tolist() == [sp.Rational(1, 4), sp.Rational(1, 10)]
    assert g.payoffs[:, 0, 1].tolist() == [sp.Rational(1, 2), sp.Rational(1, 10)]


def test_toml_definition():
    text = """
type = "normal_form"
[parameters.t_toml]
kind = "discount"
[players]
Row = ["U", "D"]
Column = ["L", "R"]
[payoffs]
"U,L" = ["t_toml", 1]
"U,R" = [0, 0]
"D,L" = [0, 0]
"D,R" = [1, "1/2"]
"""
    g = parse_definition(text, fmt="toml", source="g.toml")
    assert g.payoff("Row", ("U", "L")) == gt.parameter_info("t_toml").symbol
    assert g.payoff("Column", ("D", "R")) == sp.Rational(1, 2)


def test_format_round_trip_keeps_parameters(tmp_path):
    g = parse_definition(INSPECTION)
    again = parse_definition(format_definition(g))
    assert again == g
    path = gt.write_game(g, tmp_path / "g.json")
    assert gt.read_game(path) == g


BAD_JSON = [
    # (text, line, column, words)
    ('{"players": {"A": ["x"]},\n "payoffs": [[1]', 2, 17, "not valid JSON"),
    ('[1, 2]', 1, 1, "must be a JSON object"),
    ('{"type": "bimatrix"}', 1, 10, "unknown game type"),
    ('{"players": {"A": ["x", "x"]}, "payoffs": {}}', 1, 19, "listed twice"),
    ('{"players": {"A": []}, "payoffs": {}}', 1, 19, "list of strategy names"),
    ('{"players": {"A": ["x"], "B": ["y"]},\n "payoffs": {"x,y": [1, "q + 1"]}}', 2, 26, "unknown name 'q'"),
    ('{"players": {"A": ["x"], "B": ["y"]},\n "payoffs": {"x,y": [1, "__import__(\'os\')"]}}', 2, 26, "not allowed"),
    ('{"players": {"A": ["x"], "B": ["y"]},\n "payoffs": {"x,w": [1, 2]}}', 2, 21, "unknown strategy 'w'"),
    ('{"players": {"A": ["x"], "B": ["y", "z"]},\n "payoffs": {"x,y": [1, 2]}}', 2, 13, "no payoffs for the profile 'x,z'"),
    ('{"players": {"A": ["x"], "B": ["y"]},\n "payoffs": {"x,y": [1]}}', 2, 21, "list of 2 payoffs"),
    ('{"players": {"A": ["x"], "B": ["y"]},\n "payoffs": {"x,y": [1, true]}}', 2, 25, "number or a formula"),
    ('{"players": {"A": ["x"], "B": ["y", "z"]},\n "payoffs": [[[1, 2]]]}', 2, 14, "list of 2 entries"),
    ('{"parameters": {"k_bad": {"kind": "weird"}}}', 1, 26, "unknown kind"),
    ('{"parameters": {"k_p": {"kind": "probability", "default": "2"}}}', 1, 24, "must lie in"),
    ('{"parameters": {"k_x": {"kind": "real", "colour": "red"}}}', 1, 24, "unknown field"),
]


@pytest.mark.parametrize("text, line, column, words", BAD_JSON)
def test_bad_json_definitions_name_line_and_column(text, line, column, words):
    with pytest.raises(ParseError) as info:
        parse_definition(text, source="bad.json")
    err = info.value
    assert err.source == "bad.json"
    assert words in str(err)
    assert (err.line, err.column) == (line, column), str(err)


def test_a_file_may_declare_a_name_the_session_declared_otherwise():
    # Issue 16: declarations are scoped; the file's symbol is its own.
    session = gt.parameter("k_twice", kind="positive")
    game = parse_definition('{"parameters": {"k_twice": "real"}, "players": {"A": ["x", "y"], "B": ["z"]},'
                            ' "payoffs": {"x,z": ["k_twice", 0], "y,z": [0, 0]}}')
    (mine,) = game.parameters
    assert mine != session and gt.parameter_info(mine).kind == "real"
    assert gt.parameter_info(session).kind == "positive"
    # Same sympy assumptions, different bounds: sympy could not tell them apart.
    with pytest.raises(ParseError, match="cannot tell the two apart"):
        parse_definition('{"parameters": {"k_twice": "discount"}}')


def test_bad_toml_names_line_and_column():
    with pytest.raises(ParseError) as info:
        parse_definition('type = "normal_form"\nplayers = [1,\n', fmt="toml", source="bad.toml")
    assert info.value.line is not None and "not valid TOML" in str(info.value)
    with pytest.raises(ParseError) as info:
        parse_definition('[players]\nA = ["x"]\nB = ["y"]\n[payoffs]\n"x,y" = [1, "zz"]\n',
                         fmt="toml", source="bad.toml")
    assert info.value.line == 5 and "unknown name 'zz'" in str(info.value)


def test_unknown_format_and_file_type(tmp_path):
    with pytest.raises(ParseError, match="unknown definition format"):
        parse_definition("{}", fmt="yaml")
    (tmp_path / "g.yaml").write_text("x")
    with pytest.raises(ParseError, match="unknown game file type"):
        gt.read_game(tmp_path / "g.yaml")
