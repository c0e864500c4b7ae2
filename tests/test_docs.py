"""The reference documentation builds without warnings, and what it promises holds:
the JSON/TOML schema accepts every game definition we ship and rejects malformed ones,
the citation file and the bibliography the docstrings cite are in the repository, and
the model catalogue lists units, ranges and sources."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.io.definition import format_definition
from gametheory.models.catalogue import catalogue_markdown, model_catalogue

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCHEMA = json.loads((DOCS / "game-definition.schema.json").read_text())


def test_sphinx_build_has_no_warnings(executed_notebooks, tmp_path):
    # -W turns every warning into an error; the gallery renders the notebooks executed
    # once for the whole session (tests/conftest.py).
    env = dict(os.environ, GAMETHEORY_EXECUTED_NOTEBOOKS=str(executed_notebooks.all()))
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(DOCS), str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    generated = {p.name for p in (tmp_path / "api" / "generated").glob("*.html")}
    for name in ("nash", "spe", "ExtensiveFormGame", "parameter", "read_game"):
        assert any(page.endswith(f".{name}.html") for page in generated), name
    assert (tmp_path / "gallery" / "02_commitment.html").exists()
    assert "source" in (tmp_path / "models.html").read_text()


def _examples() -> list[Path]:
    return sorted(DOCS.glob("examples/*.json")) + sorted(DOCS.glob("examples/*.toml"))


def _load(path: Path):
    return json.loads(path.read_text()) if path.suffix == ".json" else tomllib.loads(path.read_text())


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_schema_accepts_the_examples_and_the_reader_reads_them(path):
    jsonschema.validate(_load(path), SCHEMA)
    game = gt.read_game(path)
    assert game.players


def test_schema_accepts_what_the_writer_writes():
    bos = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    jsonschema.validate(json.loads(format_definition(bos)), SCHEMA)
    tree = gt.read_game(DOCS / "examples" / "hanoi.toml")
    jsonschema.validate(tree.to_definition(), SCHEMA)


@pytest.mark.parametrize(
    "bad",
    [
        {"type": "normal_form", "players": {"A": ["x"]}},  # no payoffs
        {"type": "extensive_form", "players": ["A"]},  # no root
        {"type": "extensive_form", "players": ["A"], "root": {"player": "A"}},  # no actions
        {"players": {"A": ["x"]}, "payoffs": {"x": [1]}, "parameters": {"c": {"kind": "big"}}},
        {"type": "extensive_form", "players": ["A"], "root": {"chance": {"H": [1]}}},
    ],
)
def test_schema_rejects_malformed_definitions(bad):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_citation_file_names_the_software():
    text = (ROOT / "CITATION.cff").read_text()
    assert re.search(r"^cff-version: 1\.2\.0$", text, re.M)
    assert re.search(r"^title: .*gametheory", text, re.M)
    assert f"version: {gt.__version__}" in text


def test_the_bibliography_the_docstrings_cite_is_shipped():
    cited = [p for p in (ROOT / "gametheory").rglob("*.py") if "LITERATURE.md" in p.read_text()]
    assert cited, "no docstring cites LITERATURE.md any more; drop the file or this test"
    literature = (ROOT / "LITERATURE.md").read_text()
    for heading in ("commitment problem", "Libya", "Sanctions"):
        assert heading in literature


def test_model_catalogue_lists_units_ranges_and_sources(capsys):
    entries = {e.module.rsplit(".", 1)[1]: e for e in model_catalogue()}
    assert {"commitment", "libya", "calibration"} <= set(entries)
    power = {p.name: p for e in entries.values() for p in e.parameters}
    assert all(p.kind for p in power.values())
    assert any(p.plausible_range is not None and p.source for p in power.values())
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "gametheory.models.commitment" in out and "range" in out and "source:" in out
    assert "| parameter |" in catalogue_markdown()
