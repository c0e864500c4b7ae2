"""`gametheory solve FILE.efg --concept spe --json --limit N` prints the issue's JSON shape."""

import json

import gametheory as gt
from gametheory import Decision, ExtensiveFormGame, Terminal
from gametheory.cli import main


def _entry(tmp_path):
    game = ExtensiveFormGame(Decision("Entrant", "entrant", {
        "Out": Terminal([0, 2]),
        "In": Decision("Incumbent", "incumbent", {"Fight": Terminal([-1, -1]), "Accommodate": Terminal([1, 1])}),
    }), ["Entrant", "Incumbent"])
    return gt.write_game(game, tmp_path / "entry.efg")


def test_spe_json_matches_issue_example(tmp_path, capsys):
    path = _entry(tmp_path)
    assert main(["solve", str(path), "--concept", "spe", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # Issue 3, "Pictures and command line": the example output, exactly.
    assert out == {
        "concept": "spe", "exact": True, "players": ["Entrant", "Incumbent"], "count": 1,
        "payoff_vectors": [{"payoffs": {"Entrant": "1", "Incumbent": "1"}, "count": 1}],
        "equilibria": [
            {"behavior": {"Entrant": {"entrant": {"Out": "0", "In": "1"}},
                          "Incumbent": {"incumbent": {"Fight": "0", "Accommodate": "1"}}},
             "payoffs": {"Entrant": "1", "Incumbent": "1"}}],
        "listed": 1, "truncated": False}


def test_limit_caps_listed_profiles_not_the_count(tmp_path, capsys):
    offers = {f"offer {x}": Decision("R", f"after {x}", {"Accept": Terminal([3 - x, x]), "Reject": Terminal([0, 0])})
              for x in range(4)}
    path = gt.write_game(ExtensiveFormGame(Decision("P", "p", offers), ["P", "R"]), tmp_path / "ult.efg")
    assert main(["solve", str(path), "--concept", "spe", "--json", "--limit", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["count"] == 2 and len(out["equilibria"]) == 1
    assert sorted(v["count"] for v in out["payoff_vectors"]) == [1, 1]


def test_default_concept_for_trees_is_spe_and_text_output(tmp_path, capsys):
    path = _entry(tmp_path)
    assert main(["solve", str(path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("SPESolution(count=1")


def test_pure_nash_of_the_tree_through_its_normal_form(tmp_path, capsys):
    path = _entry(tmp_path)
    assert main(["solve", str(path), "--concept", "pure", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # (Out, Fight) is a Nash equilibrium that is not subgame perfect (Selten 1978).
    profiles = sorted(tuple(next(k for k, p in s.items() if p == "1") for s in e["strategies"].values())
                      for e in out["equilibria"])
    assert profiles == [("In", "Accommodate"), ("Out", "Fight")]


def test_bad_file_reports_line_and_column(tmp_path, capsys):
    path = tmp_path / "bad.efg"
    path.write_text('EFG 2 R "x" { "A" }\n""\nq "" 1\n')
    assert main(["solve", str(path), "--concept", "spe"]) == 2
    assert f"{path}:3:1" in capsys.readouterr().err
