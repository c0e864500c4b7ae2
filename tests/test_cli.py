"""`gametheory solve`: JSON shape of the issue, readable output, one-line errors."""

import json
import subprocess
import sys

import pytest

from gametheory.cli import main

BOS_NFG = """NFG 1 R "Battle of the sexes" { "Row" "Column" }
{ { "Up" "Down" } { "Left" "Right" } }
""
{
{ "" 2, 1 }
{ "" 0, 0 }
{ "" 1, 2 }
}
1 2 2 3
"""

BOS_JSON = json.dumps({
    "players": {"Row": ["Up", "Down"], "Column": ["Left", "Right"]},
    "payoffs": {"Up,Left": [2, 1], "Up,Right": [0, 0], "Down,Left": [0, 0], "Down,Right": [1, 2]},
})


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name, text", [("bos.nfg", BOS_NFG), ("bos.json", BOS_JSON)])
def test_solve_json_shape(tmp_path, capsys, name, text):
    path = tmp_path / name
    path.write_text(text)
    code, out, err = run(capsys, "solve", str(path), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    # Luce and Raiffa (1957): the battle of the sexes has two pure equilibria and one
    # mixed one, (2/3, 1/3) against (1/3, 2/3), with payoffs 2/3 each.
    assert data == {
        "concept": "nash",
        "exact": True,
        "players": ["Row", "Column"],
        "warnings": [],
        "equilibria": [
            {"strategies": {"Row": {"Up": "1", "Down": "0"}, "Column": {"Left": "1", "Right": "0"}},
             "payoffs": {"Row": "2", "Column": "1"}},
            {"strategies": {"Row": {"Up": "2/3", "Down": "1/3"},
                            "Column": {"Left": "1/3", "Right": "2/3"}},
             "payoffs": {"Row": "2/3", "Column": "2/3"}},
            {"strategies": {"Row": {"Up": "0", "Down": "1"}, "Column": {"Left": "0", "Right": "1"}},
             "payoffs": {"Row": "1", "Column": "2"}},
        ],
        "count": 3, "listed": 3, "truncated": False,
    }


def test_solve_pure_and_limit(tmp_path, capsys):
    path = tmp_path / "bos.nfg"
    path.write_text(BOS_NFG)
    code, out, _ = run(capsys, "solve", str(path), "--concept", "pure", "--json", "--limit", "1")
    data = json.loads(out)
    assert code == 0 and data["concept"] == "pure" and len(data["equilibria"]) == 1
    # Battle of the sexes has two pure equilibria: one listed, the cut marked.
    assert (data["count"], data["listed"], data["truncated"]) == (2, 1, True)


def test_solve_readable_table(tmp_path, capsys):
    path = tmp_path / "bos.nfg"
    path.write_text(BOS_NFG)
    code, out, _ = run(capsys, "solve", str(path))
    assert code == 0 and "Up=2/3" in out


def test_float_payoffs_are_json_numbers(tmp_path, capsys):
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"players": {"A": ["x"], "B": ["y"]}, "payoffs": [[[0.5, 1]]]}))
    code, out, _ = run(capsys, "solve", str(path), "--json")
    # Decimals in definitions are exact, so 0.5 is 1/2.
    assert code == 0 and json.loads(out)["equilibria"][0]["payoffs"] == {"A": "1/2", "B": "1"}


@pytest.mark.parametrize(
    "name, text, args, words",
    [
        ("bad.nfg", 'NFG 1 R "t" { "A" } { 2 }\n1 x', (), "bad.nfg:2:3"),
        ("bad.json", '{"players": ', (), "not valid JSON"),
        ("g.nfg", BOS_NFG, ("--concept", "spe"), "applies to extensive-form"),
        ("p.json", json.dumps({"parameters": {"q_cli": "real"}, "players": {"A": ["x"], "B": ["y"]},
                               "payoffs": [[["q_cli", 1]]]}), (), "free parameters"),
        ("g.txt", "x", (), "unknown game file type"),
    ],
)
def test_errors_exit_nonzero_with_one_line(tmp_path, capsys, name, text, args, words):
    path = tmp_path / name
    path.write_text(text)
    code, out, err = run(capsys, "solve", str(path), *args)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("gametheory: ") and words in err


def test_missing_file(tmp_path, capsys):
    code, _, err = run(capsys, "solve", str(tmp_path / "none.nfg"))
    assert code != 0 and err.count("\n") == 1 and "cannot read" in err


def test_installed_command(tmp_path):
    path = tmp_path / "bos.nfg"
    path.write_text(BOS_NFG)
    done = subprocess.run([sys.executable, "-m", "gametheory.cli", "solve", str(path), "--json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and len(json.loads(done.stdout)["equilibria"]) == 3


def test_output_cut_short_by_the_reader_is_not_an_error(tmp_path):
    """``gametheory solve ... | head``: the command stops quietly when the pipe closes."""
    import gametheory as gt

    def node(depth):
        if depth == 0:
            return gt.Terminal([0, 0])  # every action ties: 2**255 SPE
        return gt.Decision(depth % 2, None, {"L": node(depth - 1), "R": node(depth - 1)})

    path = tmp_path / "ties.efg"
    gt.write_game(gt.ExtensiveFormGame(node(8), ["A", "B"]), path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gametheory.cli", "solve", str(path), "--concept", "spe", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b'{"concept": "spe"')
    proc.stdout.close()  # the reader goes away long before the output ends
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert err == ""


def test_python_dash_m_runs_the_command_line():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "gametheory", "reproduce", "--list"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "tour_dilemma_table" in proc.stdout
