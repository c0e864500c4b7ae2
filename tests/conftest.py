"""Shared fixtures: each notebook is executed once per test session.

The notebook tests and the documentation build (which renders the executed notebooks as
its gallery) both need the executed notebooks; executing them once keeps the suite's
time down.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from gametheory.reproduce import execute_notebook

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK_TIMEOUT = 300  # seconds per cell: a hang, not a slow notebook, fails the run


class ExecutedNotebooks:
    """Executes notebooks on first request and remembers the outcome (path or error)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._outcomes: dict[str, Path | Exception] = {}

    def _execute(self, path: Path) -> None:
        try:
            self._outcomes[path.name] = execute_notebook(path, self.out_dir, timeout=NOTEBOOK_TIMEOUT)
        except Exception as exc:  # kept, and raised again for every test that asks
            self._outcomes[path.name] = exc

    def get(self, path: Path) -> Path:
        if path.name not in self._outcomes:
            self._execute(path)
        outcome = self._outcomes[path.name]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def all(self) -> Path:
        """Execute every notebook not yet executed, one kernel per core at a time (each
        kernel is its own process), and return the folder of executed copies."""
        todo = [p for p in sorted(NOTEBOOK_DIR.glob("*.ipynb")) if p.name not in self._outcomes]
        with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
            list(pool.map(self._execute, todo))
        for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
            self.get(path)  # raise the first failure here
        return self.out_dir


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory: pytest.TempPathFactory) -> ExecutedNotebooks:
    return ExecutedNotebooks(tmp_path_factory.mktemp("executed-notebooks"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With pytest-xdist (``make test`` runs ``-n auto --dist loadgroup``), the tests that
    share a costly session or module fixture run on one worker, so that it is built once:
    the executed notebooks (notebook tests and the docs build) and the paper built by
    ``gametheory reproduce``."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "executed_notebooks" in names:
            item.add_marker(pytest.mark.xdist_group("notebooks"))
        elif "built" in names and item.path.name == "test_reproduce.py":
            item.add_marker(pytest.mark.xdist_group("reproduce"))
