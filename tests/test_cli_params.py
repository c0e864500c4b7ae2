"""Issues 13 and 16 on the command line: ``--limit`` checked and marked, ``--at`` with
declared defaults, ``--symbolic``/``--latex``, ``reproduce --list`` and ``--only``."""

from __future__ import annotations

import json

import pytest
import sympy as sp

import gametheory as gt
from gametheory.cli import main
from gametheory.io.definition import parse_definition

# A coordination game with two parameters; ``a_cli`` has a declared default.
GAME = {
    "parameters": {"a_cli": {"kind": "real", "default": "1/2"}, "T_cli": "positive"},
    "players": {"A": ["x", "y"], "B": ["l", "r"]},
    "payoffs": [[["a_cli", 1], [0, 0]], [[0, 0], ["T_cli", 2]]],
}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def game_file(tmp_path):
    path = tmp_path / "coord.json"
    path.write_text(json.dumps(GAME))
    return path


def test_at_gives_values_and_defaults_fill_in(game_file, capsys):
    code, out, err = run(capsys, "solve", str(game_file), "--at", "T_cli=1/3", "--json")
    assert code == 0, err
    # The reference: the same game with the values substituted in Python, solved by gt.nash.
    game = parse_definition(json.dumps(GAME))
    a, t = sorted(game.parameters, key=lambda s: s.name)[::-1]
    want = gt.nash(game.subs({a: sp.Rational(1, 2), t: sp.Rational(1, 3)})).summary_json()
    got = json.loads(out)
    assert got["equilibria"] == want["equilibria"] and got["truncated"] is False


def test_at_overrides_a_default_and_decimals_are_exact(game_file, capsys):
    code, out, _ = run(capsys, "solve", str(game_file), "--at", "a_cli=0.1", "--at", "T_cli=1",
                       "--json", "--concept", "pure")
    assert code == 0
    payoffs = [e["payoffs"]["A"] for e in json.loads(out)["equilibria"]]
    assert "1/10" in payoffs


@pytest.mark.parametrize("args, words", [
    ((), "T_cli"),                                 # no value, no default
    (("--at", "nope=1"), "no parameter 'nope'"),
    (("--at", "T_cli"), "NAME=VALUE"),
    (("--at", "T_cli=1", "--at", "T_cli=2"), "twice"),
    (("--at", "T_cli=-1"), "T_cli"),               # declared positive
    (("--at", "T_cli=sqrt(-1)"), "not a real number"),
    (("--latex",), "--symbolic"),
])
def test_parameter_errors_are_one_line(game_file, capsys, args, words):
    code, out, err = run(capsys, "solve", str(game_file), *args)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and words in err


def test_symbolic_and_latex(game_file, capsys):
    game = parse_definition(json.dumps(GAME))
    answer = gt.nash(game)
    code, out, _ = run(capsys, "solve", str(game_file), "--symbolic")
    assert code == 0 and out.strip() == str(answer).strip()
    code, out, _ = run(capsys, "solve", str(game_file), "--symbolic", "--latex")
    assert code == 0 and out.strip() == answer.latex().strip()
    code, out, _ = run(capsys, "solve", str(game_file), "--symbolic", "--json")
    data = json.loads(out)
    assert code == 0 and data["symbolic"] and len(data["pieces"]) == len(answer.pieces)


@pytest.mark.parametrize("bad", ["-1", "x", "1.5"])
def test_limit_is_validated(game_file, capsys, bad):
    with pytest.raises(SystemExit) as exc:
        main(["solve", str(game_file), "--limit", bad])
    assert exc.value.code == 2
    assert "--limit" in capsys.readouterr().err


def _ties(tmp_path):
    def node(depth):
        if depth == 0:
            return gt.Terminal([0, 0])
        return gt.Decision(depth % 2, None, {"L": node(depth - 1), "R": node(depth - 1)})

    return gt.write_game(gt.ExtensiveFormGame(node(3), ["A", "B"]), tmp_path / "ties.efg")


@pytest.mark.parametrize("limit", [0, 1, 3])
def test_limit_marks_truncation_in_json_and_text(tmp_path, capsys, limit):
    path = _ties(tmp_path)
    total = gt.spe(gt.read_game(path)).count
    code, out, _ = run(capsys, "solve", str(path), "--json", "--limit", str(limit))
    data = json.loads(out)
    assert code == 0 and data["count"] == total and data["listed"] == limit == len(data["equilibria"])
    assert data["truncated"] is (limit < total)
    code, out, _ = run(capsys, "solve", str(path), "--limit", str(limit))
    assert code == 0
    assert sum(1 for line in out.splitlines() if line.startswith("  SPE") or "Profile" in line
               or line.startswith("  {")) <= limit
    assert f"{total - limit} more not shown" in out


def test_limit_applies_to_nash_text(tmp_path, capsys):
    # Three equilibria in the battle of the sexes; the text lists one and says so.
    path = tmp_path / "bos.json"
    path.write_text(json.dumps({"players": {"R": ["U", "D"], "C": ["L", "R"]},
                                "payoffs": [[[2, 1], [0, 0]], [[0, 0], [1, 2]]]}))
    total = len(gt.nash(gt.read_game(path)).equilibria)
    code, out, _ = run(capsys, "solve", str(path), "--limit", "1")
    assert code == 0 and f"{total - 1} more not shown" in out


def test_reproduce_list_and_only(tmp_path, capsys, monkeypatch):
    from gametheory import reproduce as rep

    items = rep.registered_items()
    code, out, _ = run(capsys, "reproduce", "--list")
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == list(items)
    calls = {}

    def fake(only=None, notebooks=True, pdf=True, **kw):
        calls.update(only=only, notebooks=notebooks, pdf=pdf)
        return 0

    monkeypatch.setattr(rep, "reproduce", fake)
    name = next(iter(items))
    assert main(["reproduce", "--only", name]) == 0
    assert calls == {"only": name, "notebooks": False, "pdf": False}
    assert main(["reproduce", "--only", name, "--notebook", "--pdf"]) == 0
    assert calls == {"only": name, "notebooks": True, "pdf": True}
    assert main(["reproduce", "--no-pdf"]) == 0
    assert calls == {"only": None, "notebooks": True, "pdf": False}
