"""``solve/backward_induction.py`` was split into ``spe_records`` (the result classes),
``spe_engine`` (the payoff-multiset tables) and what stays (the numeric solver and the
entry point :func:`gametheory.spe`), issue 12. Code, JSON files and pickles naming the
old paths ``gametheory.solve.backward_induction.X`` still work."""

import json
import pickle

import gametheory as gt
from gametheory.solve import backward_induction, spe_engine, spe_records, spe_symbolic
from gametheory.solve.results import Result

# What other code imported from the old module (grep of gametheory/, tests/).
OLD_NAMES = ("spe", "SPESolution", "SubgamePerfectEquilibrium", "MAX_LISTED", "count_text",
             "count_json", "SPEEngine", "Vector", "behaviour_from_mixed", "imperfect_region",
             "numeric_spe", "spe_solution", "truncated_game")


def _entry():
    return gt.ExtensiveFormGame(
        gt.Decision("Entrant", "entrant", {"Out": gt.Terminal([0, 2]), "In": gt.Decision(
            "Incumbent", "incumbent", {"Fight": gt.Terminal([-1, -1]), "Accommodate": gt.Terminal([1, 1])})}),
        ["Entrant", "Incumbent"])


def test_every_name_imported_from_the_old_module_is_still_there():
    for name in OLD_NAMES:
        obj = getattr(backward_induction, name)
        homes = [m for m in (spe_records, spe_engine) if hasattr(m, name)]
        assert all(getattr(m, name) is obj for m in homes), name
    assert backward_induction.__all__ == ["spe", "SPESolution", "SubgamePerfectEquilibrium", "MAX_LISTED"]
    assert gt.spe is backward_induction.spe and gt.solve.SPESolution is spe_records.SPESolution
    assert spe_symbolic.SPEEngine is spe_engine.SPEEngine


def test_pickles_naming_the_old_module_load():
    sol = gt.spe(_entry())
    data = pickle.dumps(sol, protocol=2)
    old = data.replace(b"gametheory.solve.spe_records", b"gametheory.solve.backward_induction")
    old = old.replace(b"gametheory.solve.spe_engine", b"gametheory.solve.backward_induction")
    assert old != data
    back = pickle.loads(old)
    assert back == sol and back.equilibria[0].path == ("In", "Accommodate")


def test_json_naming_the_old_class_paths_reads_back():
    sol = gt.spe(_entry())
    text = json.dumps(sol.to_json_dict())
    # The result is named by class name; the engine it carries, by module path.
    assert "gametheory.solve.spe_engine.SPEEngine" in text
    old = text.replace("gametheory.solve.spe_engine.", "gametheory.solve.backward_induction.")
    back = Result.from_json_dict(json.loads(old))
    assert back == sol and back.summary_json() == sol.summary_json()
