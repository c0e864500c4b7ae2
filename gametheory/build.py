"""Executing the notebooks and building the paper's PDF, with fixed dates.

:func:`execute_notebook` runs a notebook with nbclient (kernel ``python3``) in its own
folder and writes the executed copy; :func:`build_pdf` runs latexmk with
``SOURCE_DATE_EPOCH`` and ``FORCE_SOURCE_DATE=1`` so that the PDF has the same bytes on
every run. :func:`gametheory.reproduce.reproduce` calls both.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .errors import GameError

__all__ = ["SOURCE_DATE_EPOCH", "NOTEBOOK_TIMEOUT", "execute_notebook", "latex_available", "build_pdf"]

SOURCE_DATE_EPOCH = "1577836800"
"""2020-01-01T00:00:00Z: the date every build of the paper carries, for identical bytes."""

NOTEBOOK_TIMEOUT = 120
"""Seconds a single notebook cell may run before reproduce gives up on it."""

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def execute_notebook(path: Path, out_dir: Path, timeout: int = NOTEBOOK_TIMEOUT) -> Path:
    """Execute a notebook with nbclient (kernel ``python3``) and write the executed copy.

    The kernel runs in the notebook's own folder, as in Jupyter. Raises
    :class:`~gametheory.errors.GameError` naming the notebook and the failing cell.
    """
    import nbclient
    import nbformat
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="gt-kernel-") as sockets:
        # The kernel talks over local sockets in a private folder (where the platform has
        # them) rather than over TCP on the loopback, which the kernel warns about.
        config = Config()
        if sys.platform != "win32":
            config = Config({"KernelManager": {"transport": "ipc", "ip": f"{sockets}/kernel"}})
        client = nbclient.NotebookClient(
            nb,
            kernel_name="python3",
            timeout=timeout,
            resources={"metadata": {"path": str(path.parent)}},
            config=config,
        )
        _run_notebook(client, path, timeout, CellExecutionError)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / path.name
    nbformat.write(nb, target)
    return target


def _run_notebook(client: Any, path: Path, timeout: int, cell_error: type[Exception]) -> None:
    try:
        client.execute()
    except cell_error as exc:
        # The kernel's traceback comes coloured for a terminal; the report is plain text.
        text = _ANSI.sub("", str(exc)).strip().splitlines()
        raise GameError(f"notebook {path.name} failed:\n" + "\n".join(text[-40:])) from None
    except TimeoutError:
        raise GameError(f"notebook {path.name}: a cell ran longer than {timeout} s") from None


def latex_available() -> bool:
    """True where latexmk and pdflatex are on the PATH."""
    return shutil.which("latexmk") is not None and shutil.which("pdflatex") is not None


def build_pdf(paper_dir: Path) -> Path:
    """Build ``main.pdf`` in ``paper_dir`` with latexmk, with fixed dates for identical bytes."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, FORCE_SOURCE_DATE="1")
    cmd = ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-quiet", "main.tex"]
    proc = subprocess.run(cmd, cwd=paper_dir, env=env, capture_output=True, text=True)
    pdf = paper_dir / "main.pdf"
    if proc.returncode != 0 or not pdf.exists():
        log = paper_dir / "main.log"
        tail = ""
        if log.exists():
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
            errors = [k for k, line in enumerate(lines) if line.startswith("!")]
            start = errors[0] if errors else max(0, len(lines) - 20)
            tail = "\n".join(lines[start : start + 12])
        raise GameError(f"latexmk failed on {paper_dir / 'main.tex'}:\n{tail or proc.stdout[-2000:]}")
    return pdf
