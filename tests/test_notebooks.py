"""Every notebook runs top to bottom (kernel python3) and is committed without outputs."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from gametheory.reproduce import execute_notebook

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
TIME_LIMIT = 30.0  # seconds per notebook on the CI machine (issue 8)


def test_there_are_notebooks():
    assert any(p.name.startswith("00_") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    dirty = [
        k
        for k, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert dirty == [], f"{path.name}: cells {dirty} have outputs or execution counts; clear them"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_error_in_time(path, tmp_path):
    start = time.perf_counter()
    executed = execute_notebook(path, tmp_path, timeout=int(2 * TIME_LIMIT))
    elapsed = time.perf_counter() - start
    nb = nbformat.read(executed, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert elapsed < TIME_LIMIT, f"{path.name} took {elapsed:.1f} s (limit {TIME_LIMIT} s)"
