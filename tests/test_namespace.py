"""The public namespace: explicit ``__all__`` everywhere, nothing leaked, lazy subpackages.

Each check runs in a fresh interpreter, because other tests import submodules (which
Python then sets as attributes of the package) and because laziness can only be seen
before the first use.
"""

import ast
import json
import pathlib
import subprocess
import sys

import pytest

import gametheory as gt

PACKAGE = pathlib.Path(gt.__file__).parent
SUBPACKAGES = ("analysis", "conditions", "errors", "games", "io", "models", "plot", "solve", "symbolic")
# What the README, the notebooks, the models and the tests call through ``gt``.
USED_NAMES = (
    "nash",
    "pure_nash",
    "spe",
    "pbe",
    "sweep",
    "parameter",
    "NormalFormGame",
    "ExtensiveFormGame",
    "RepeatedGame",
    "Decision",
    "Terminal",
    "Chance",
    "simulate",
    "grim_trigger",
    "discount_threshold",
    "read_game",
    "write_game",
    "robustness",
    "comparative_statics",
    "PiecewiseAnswer",
    "Piece",
    "rubinstein",
    "core",
    "nucleolus",
    "shapley_value",
    "beer_quiche",
    "catalog",
)


def fresh(code: str) -> object:
    """Run ``code`` (which prints JSON) in a new interpreter importing this checkout."""
    out = subprocess.run(
        [sys.executable, "-c", "import json, sys, types\nimport gametheory as gt\n" + code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    )
    return json.loads(out.stdout)


def test_all_is_true_of_a_fresh_import():
    report = fresh(
        "public = sorted(n for n in gt.__dict__ if not n.startswith('_'))\n"
        "missing = [n for n in gt.__all__ if not hasattr(gt, n)]\n"
        "print(json.dumps({'public': public, 'all': gt.__all__, 'missing': missing,"
        " 'dir': dir(gt)}))"
    )
    assert report["missing"] == []
    assert set(report["public"]) <= set(report["all"])
    assert len(report["all"]) == len(set(report["all"]))
    # dir() shows the lazy subpackages before they are loaded
    assert {"plot", "models"} <= set(report["dir"])
    assert set(report["all"]) == {n for n in report["dir"] if not n.startswith("_")}


def test_plot_and_models_load_lazily_and_are_listed():
    report = fresh(
        "before = [m for m in ('gametheory.plot', 'gametheory.models', 'matplotlib')"
        " if m in sys.modules]\n"
        "loaded = [type(gt.plot).__name__, type(gt.models).__name__]\n"
        "print(json.dumps({'before': before, 'loaded': loaded}))"
    )
    assert report["before"] == []
    assert report["loaded"] == ["module", "module"]
    assert {"plot", "models"} <= set(gt.__all__)


def test_no_module_or_typing_name_leaks_into_gt():
    report = fresh(
        "mods = {n: v.__name__ for n, v in vars(gt).items()"
        " if isinstance(v, types.ModuleType) and not n.startswith('_')}\n"
        "print(json.dumps(mods))"
    )
    # the only modules in ``gt`` are its own subpackages, under their own names, and
    # the catalog of textbook games
    assert report.pop("catalog") == "gametheory.games.catalog"
    assert {name: f"gametheory.{name}" for name in report} == report
    assert set(report) <= set(SUBPACKAGES)
    for leak in ("sign", "importlib", "Any", "annotations", "repeated", "typing"):
        assert not hasattr(gt, leak), leak


def test_names_used_by_readme_notebooks_and_tests_are_kept():
    for name in USED_NAMES:
        assert name in gt.__all__, name
        assert callable(getattr(gt, name)) or name == "catalog", name
    assert gt.catalog is gt.games.catalog


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'repeated'"):
        gt.repeated  # noqa: B018


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_star_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    stars = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names)
    ]
    assert stars == [], f"{path}: star import at lines {stars}"


@pytest.mark.parametrize("package", ["analysis", "games", "solve", "plot", "io"])
def test_each_subpackage_lists_all_and_every_name_exists(package):
    module = __import__(f"gametheory.{package}", fromlist=["__all__"])
    assert module.__all__, package
    assert [n for n in module.__all__ if not hasattr(module, n)] == []
    assert len(module.__all__) == len(set(module.__all__))


@pytest.mark.parametrize("package", ["analysis", "games", "solve"])
def test_gt_reexports_each_subpackage_in_full(package):
    module = getattr(gt, package)
    for name in module.__all__:
        assert getattr(gt, name) is getattr(module, name), name
