"""Issue 13, class by class: every bad input a clear GameError, nothing silently lossy.

Each test is a property over a class of inputs (hypothesis draws the members), not one
example; the fuzz suite (``test_fuzz_readers.py``) checks the same over random text.
"""

from __future__ import annotations

import json
import threading
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import ParseError
from gametheory.io import read_game, write_game
from gametheory.io.definition import parse_definition
from gametheory.io.efg import parse_efg
from gametheory.io.limits import MAX_DIGITS, MAX_EXPONENT
from gametheory.io.nfg import parse_nfg


def _one_cell(value: str, fmt: str = "json") -> object:
    if fmt == "json":
        text = f'{{"players": {{"R": ["U"], "C": ["L"]}}, "payoffs": {{"U,L": [{value}, 0]}}}}'
    else:
        text = f'[players]\nR = ["U"]\nC = ["L"]\n[payoffs]\n"U,L" = [{value}, 0]\n'
    return parse_definition(text, fmt=fmt).payoffs[(0, 0, 0)]


decimals = st.builds(
    lambda whole, frac, exp: f"{whole}.{frac}e{exp}",
    st.integers(0, 10**6), st.text("0123456789", min_size=1, max_size=30),
    st.integers(-MAX_EXPONENT, MAX_EXPONENT),
)


@settings(max_examples=40, deadline=None)
@given(decimals)
def test_decimal_text_is_read_exactly_everywhere(text):
    # The reference is Python's Fraction of the same text (exact by definition).
    want = sp.Rational(Fraction(text))
    assert _one_cell(text) == want                        # a JSON number
    assert _one_cell(json.dumps(text)) == want            # a JSON formula
    assert _one_cell(text, "toml") == want                # a TOML float
    assert parse_nfg(f'NFG 1 R "" {{ "A" "B" }} {{ 1 1 }}\n{text} 0\n').payoffs[0, 0, 0] == want
    assert parse_efg(f'EFG 2 R "" {{ "A" }} ""\nt "" 1 "o" {{ {text} }}\n').outcomes[0][0] == want


def test_the_examples_of_the_issue_are_exact():
    assert _one_cell("1.0000000000000001") != 1
    assert _one_cell("1e-400") > 0
    assert _one_cell('"1e-400"', "toml") > 0


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["1e", "1e-", "9" * (MAX_DIGITS + 1) + ".0e", "0.5e"]),
       st.integers(MAX_EXPONENT + 1, 10**12))
def test_huge_numbers_are_parse_errors_in_every_reader(prefix, exponent):
    text = f"{prefix}{exponent}" if prefix.endswith("e") else f"{prefix}{exponent}"
    with pytest.raises(ParseError):
        _one_cell(text)
    with pytest.raises(ParseError):
        _one_cell(json.dumps(text))
    with pytest.raises(ParseError):
        parse_nfg(f'NFG 1 R "" {{ "A" "B" }} {{ 1 1 }}\n{text} 0\n')
    with pytest.raises(ParseError):
        parse_efg(f'EFG 2 R "" {{ "A" }} ""\nt "" 1 "o" {{ {text} }}\n')


@pytest.mark.parametrize("digits", [MAX_DIGITS + 1, 5000, 100_000])
def test_long_integers_are_parse_errors(digits):
    big = "9" * digits
    for read in (lambda: _one_cell(big), lambda: _one_cell(json.dumps(big)),
                 lambda: _one_cell(big, "toml"),
                 lambda: parse_nfg(f'NFG 1 R "" {{ "A" "B" }} {{ 1 1 }}\n{big} 0\n')):
        with pytest.raises(ParseError, match="digits|characters long"):
            read()


@pytest.mark.parametrize("formula", [
    "sqrt(-1)", "log(-1)", "(-1)**(1/2)", "sqrt(-2)*3", "exp(exp(exp(3)))", "exp(10**4)",
    "9**9**9**9", "1/0", "log(0)",
])
def test_formulas_that_are_not_real_numbers_are_parse_errors(formula):
    with pytest.raises(ParseError):
        _one_cell(json.dumps(formula))


def test_algebraic_payoffs_stay_exact():
    assert _one_cell('"sqrt(2)"') == sp.sqrt(2)


@pytest.mark.parametrize("text, match", [
    ('{"players": {"R": ["U"], "R": ["L"]}, "payoffs": {}}', "given twice"),
    ('{"players": "RC", "payoffs": {}}', "players"),
    ('{"players": {"R": "UD", "C": ["L"]}, "payoffs": {}}', "list of strategy names"),
    ('{"parameters": {"\u00b5": "real"}, "players": {"R": ["U"], "C": ["L"]}, '
     '"payoffs": {"U,L": [1, 0]}}', "NFKC"),
    ('{"parameters": {"lambda": "real"}, "players": {"R": ["U"], "C": ["L"]}, '
     '"payoffs": {"U,L": [1, 0]}}', "keyword"),
    ('{"parameters": {"a b": "real"}, "players": {"R": ["U"], "C": ["L"]}, '
     '"payoffs": {"U,L": [1, 0]}}', "identifier"),
    ('{"type": "extensive_form", "players": "AB", "root": {"payoffs": [1]}}', "players"),
    ('{"type": "extensive_form", "players": ["A"], "root": {"player": "A", "infoset": [1],'
     ' "actions": {"x": {"payoffs": [1]}}}}', "information set"),
])
def test_json_shape_errors_are_clear(text, match):
    with pytest.raises(ParseError, match=match):
        parse_definition(text)


def test_toml_dates_where_numbers_belong():
    with pytest.raises(ParseError, match="date"):
        _one_cell("1979-05-27", "toml")


@pytest.mark.parametrize("depth", [900, 5000])
def test_deep_json_is_read_or_refused_clearly(depth):
    text = '{"a": ' * depth + "1" + "}" * depth
    with pytest.raises(ParseError, match="a game definition|players"):
        parse_definition(text)
    with pytest.raises(ParseError, match="nests"):
        parse_definition("[" * 20_000 + "]" * 20_000)


@pytest.mark.parametrize("declared", ["1000000 1000000", "100000 100000 100", "4097 2"])
def test_headers_declaring_more_than_the_file_holds(declared):
    with pytest.raises(ParseError, match="declares"):
        parse_nfg(f'NFG 1 R "" {{ {" ".join(chr(34) + chr(65 + i) + chr(34) for i in range(len(declared.split())))} }}'
                  f' {{ {declared} }}\n1 2\n')


def test_read_game_bad_arguments_and_devices(tmp_path):
    for bad in (None, 3, "", b""):
        with pytest.raises(ParseError):
            read_game(bad)
    zero = tmp_path / "zero.efg"
    zero.symlink_to("/dev/zero")
    with pytest.raises(ParseError):
        read_game(zero)
    for suffix in (".nfg", ".json"):
        link = tmp_path / f"zero{suffix}"
        link.symlink_to("/dev/zero")
        with pytest.raises(ParseError):
            read_game(link)
    with pytest.raises(ParseError):
        read_game(tmp_path)  # a folder, not a file
    (tmp_path / "folder.nfg").mkdir()
    with pytest.raises(ParseError):
        read_game(tmp_path / "folder.nfg")


def test_write_game_into_a_missing_folder(tmp_path):
    game = gt.NormalFormGame([[[1]], [[2]]])
    with pytest.raises(ParseError, match="does not exist"):
        write_game(game, tmp_path / "no" / "such" / "g.nfg")
    with pytest.raises(ParseError, match="cannot write games"):
        write_game(game, tmp_path / "g.xls")


@pytest.mark.parametrize("suffix", [".json", ".toml", ".nfg"])
def test_normal_form_round_trips_in_every_format(tmp_path, suffix):
    x = gt.parameter("x_rt_toml", "positive")
    game = gt.NormalFormGame([[[x, 0], [0, sp.Rational(1, 3)]], [[1, 0], [0, 2]]],
                             players=["Row", "Col \"quoted\""],
                             strategies=[["U", "D"], ["L", "R"]]).subs({x: 2}) if suffix == ".nfg" \
        else gt.NormalFormGame([[[x, 0], [0, sp.Rational(1, 3)]], [[1, 0], [0, 2]]],
                               players=["Row", "Col \"quoted\""], strategies=[["U", "D"], ["L", "R"]])
    assert read_game(write_game(game, tmp_path / f"g{suffix}")) == game


def test_extensive_form_round_trips_as_toml(tmp_path):
    text = Path(__file__).with_name("data").joinpath("dup_chance.efg").read_text()
    game = parse_efg(text)
    assert read_game(write_game(game, tmp_path / "g.toml")) == game


def test_concurrent_writers_and_readers(tmp_path):
    """Stress: 6 writers replace one file with different games while 3 readers read it;
    every read is one whole game written by some writer (no partial file, no crash)."""
    games = [gt.NormalFormGame([[[k, 0], [0, 1]], [[1, 0], [0, k]]]) for k in range(6)]
    path = tmp_path / "shared.json"
    write_game(games[0], path)
    errors: list[BaseException] = []
    seen: list[object] = []
    stop = threading.Event()

    def writer(k: int) -> None:
        try:
            for _ in range(25):
                write_game(games[k], path)
        except BaseException as exc:  # collected, asserted below
            errors.append(exc)

    def reader() -> None:
        try:
            while not stop.is_set():
                seen.append(read_game(path))
        except BaseException as exc:
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    writers = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert errors == []
    assert seen and all(g in games for g in seen)
    assert [p.name for p in tmp_path.iterdir()] == ["shared.json"]  # no temporary left
