"""Results written before ``solve/results.py`` was split into ``result_protocol``,
``solution`` and ``piecewise`` still load: JSON files and pickles name classes by their
old path ``gametheory.solve.results.X``, which the old module re-exports."""

import json
import pickle

import gametheory as gt
from gametheory.solve import piecewise, result_protocol, results, solution


def _pd():
    return gt.NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]])


def test_every_result_name_is_importable_from_the_old_module():
    for name in results.__all__:
        assert getattr(results, name) is getattr(
            next(m for m in (result_protocol, solution, piecewise) if hasattr(m, name)), name)


def test_json_naming_the_old_class_paths_reads_back():
    sol = gt.nash(_pd())
    text = json.dumps(sol.to_json_dict())
    assert "gametheory.solve.solution.Equilibrium" in text
    old = text.replace("gametheory.solve.solution.", "gametheory.solve.results.")
    back = results.Result.from_json_dict(json.loads(old))
    assert back == sol


def test_pickles_naming_the_old_module_load():
    g = gt.parameter("g_split", "real")
    answer = gt.pure_nash(gt.NormalFormGame.from_arrays([[g, 0], [0, 1]], [[1, 0], [0, 1]]))
    data = pickle.dumps(answer, protocol=2)
    # Protocol 2 names a class by module and name as text: rewrite them to the old path.
    old = data.replace(b"gametheory.solve.piecewise", b"gametheory.solve.results")
    assert b"gametheory.solve.results" in old
    assert pickle.loads(old) == answer
