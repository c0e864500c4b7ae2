"""``gametheory reproduce``: rebuild every figure, table and equation of the paper.

Every figure, table, equation and number that ``paper/main.tex`` uses comes from a
function registered here with :func:`register`, under a name, with what it shows and
the notebook that narrates it. :func:`reproduce` runs them all (or one), writes

- ``paper/figures/NAME.pdf`` and ``NAME.png`` for a figure (via
  :func:`gametheory.plot.style.save_figure`: no dates, same bytes on every run),
- ``paper/generated/NAME.tex`` for a table (booktabs), an equation (``sympy.latex``)
  or a set of values (``\\newcommand`` macros, also gathered in
  ``paper/generated/values.tex``),

then executes every ``notebooks/*.ipynb`` into ``build/notebooks/`` and builds
``paper/main.pdf`` with latexmk where LaTeX is installed, with ``SOURCE_DATE_EPOCH``
and ``FORCE_SOURCE_DATE=1`` so that the PDF too has the same bytes on every run.

The registrations themselves live in the modules of :data:`ITEM_MODULES`, so that the
models never import this module. Adding a figure is one decorated function:

>>> from gametheory.reproduce import register, Table
>>> @register("demo_table", kind="table", notebook="00_tour.ipynb",
...           description="a two-row demonstration table", registry={})
... def demo_table():
...     return Table(header=["x", "x squared"], rows=[[1, 1], [2, 4]])
>>> print(render_table(demo_table()))  # doctest: +NORMALIZE_WHITESPACE
\\begin{tabular}{rr}
\\toprule
x & x squared \\\\
\\midrule
$1$ & $1$ \\\\
$2$ & $4$ \\\\
\\bottomrule
\\end{tabular}
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy as sp

from .errors import GameError
from .solve.results import PiecewiseAnswer

__all__ = [
    "KINDS",
    "ITEM_MODULES",
    "REGISTRY",
    "Item",
    "Table",
    "Equation",
    "TeX",
    "register",
    "registered_items",
    "run_item",
    "render_table",
    "render_equation",
    "render_values",
    "execute_notebook",
    "build_pdf",
    "reproduce",
    "SOURCE_DATE_EPOCH",
]

KINDS = ("figure", "table", "equation", "values")

ITEM_MODULES: tuple[str, ...] = tuple(
    f"gametheory.artifacts.{m.name}"
    for m in sorted(
        pkgutil.iter_modules([str(Path(__file__).with_name("artifacts"))]), key=lambda m: m.name
    )
)
"""Modules whose import registers the paper's items (one per notebook or family)."""

SOURCE_DATE_EPOCH = "1577836800"
"""2020-01-01T00:00:00Z: the date every build of the paper carries, for identical bytes."""

NOTEBOOK_TIMEOUT = 120
"""Seconds a single notebook cell may run before reproduce gives up on it."""


# ---------------------------------------------------------------------------- items


class TeX(str):
    """A string that is already LaTeX: written as it is, not escaped."""

    __slots__ = ()


@dataclass(frozen=True)
class Table:
    """A table for the paper: a header row and body rows of cells.

    Cells may be sympy numbers or expressions (typeset as math), ints, floats
    (formatted with ``float_format``), ``None`` (an en dash), :class:`TeX` (written as
    it is) or other strings (escaped as text).
    """

    header: Sequence[Any]
    rows: Sequence[Sequence[Any]]
    align: str | None = None
    float_format: str = "{:.3g}"

    def __post_init__(self) -> None:
        width = len(self.header)
        for k, row in enumerate(self.rows):
            if len(row) != width:
                raise GameError(f"table row {k} has {len(row)} cells; the header has {width}")
        if self.align is not None and len(self.align) != width:
            raise GameError(f"table align {self.align!r} does not have {width} columns")


@dataclass(frozen=True)
class Equation:
    """An equation for the paper.

    ``expr`` is a sympy expression or relation, an object with a ``latex()`` method
    (such as a :class:`~gametheory.solve.results.PiecewiseAnswer`), or :class:`TeX`.
    ``symbol_names`` maps sympy symbols to the LaTeX that the paper prints for them.
    """

    expr: Any
    symbol_names: Mapping[sp.Symbol, str] = field(default_factory=dict)
    lhs: str | None = None


@dataclass(frozen=True)
class Item:
    """A registered figure, table, equation or set of values."""

    name: str
    kind: str
    function: Callable[[], Any]
    notebook: str
    description: str

    def outputs(self, root: Path) -> list[Path]:
        """The files this item writes under ``root``."""
        if self.kind == "figure":
            base = root / "paper" / "figures" / self.name
            return [base.with_suffix(".pdf"), base.with_suffix(".png")]
        return [root / "paper" / "generated" / f"{self.name}.tex"]


REGISTRY: dict[str, Item] = {}

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_MACRO = re.compile(r"^[A-Za-z]+$")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_NOTEBOOK = re.compile(r"^(\d{2})_[A-Za-z0-9_-]+\.ipynb$")


def register(
    name: str,
    kind: str = "figure",
    *,
    notebook: str,
    description: str,
    registry: dict[str, Item] | None = None,
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register a function that makes one figure, table, equation or set of values.

    Parameters
    ----------
    name
        The item's name: its file name under ``paper/`` and the ``--only`` argument.
    kind
        ``"figure"`` (the function returns a matplotlib Figure), ``"table"`` (a
        :class:`Table`), ``"equation"`` (an :class:`Equation`, a sympy expression or
        anything with ``latex()``) or ``"values"`` (a mapping from LaTeX macro name,
        letters only, to a number, expression or :class:`TeX`).
    notebook
        The notebook that narrates it (``"NN_name.ipynb"``); figure captions name it.
    description
        What it shows, in a sentence.
    registry
        Where to register; the module's :data:`REGISTRY` by default.
    """
    target = REGISTRY if registry is None else registry
    if not isinstance(name, str) or not _NAME.match(name):
        raise GameError(f"item name {name!r} must start with a letter and use letters, digits, _ or -")
    if kind not in KINDS:
        raise GameError(f"item {name!r}: unknown kind {kind!r}; choose from {KINDS}")
    if not isinstance(notebook, str) or not _NOTEBOOK.match(notebook):
        raise GameError(
            f"item {name!r}: notebook {notebook!r} must be named like '04_trust.ipynb' "
            "(two digits for the argument, then a short name)"
        )

    def decorate(function: Callable[[], Any]) -> Callable[[], Any]:
        old = target.get(name)
        # Re-registering the same function (a module reloaded) is harmless; two
        # different functions under one name would overwrite each other's files.
        if old is not None and old.function.__qualname__ != function.__qualname__:
            raise GameError(
                f"item name {name!r} is already registered by {old.function.__module__}."
                f"{old.function.__qualname__}"
            )
        target[name] = Item(name, kind, function, notebook, description)
        return function

    return decorate


def registered_items() -> dict[str, Item]:
    """Every registered item, by name, after importing :data:`ITEM_MODULES`."""
    for module in ITEM_MODULES:
        importlib.import_module(module)
    return dict(sorted(REGISTRY.items()))


# ------------------------------------------------------------------------ rendering

_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _escape(text: str) -> str:
    return "".join(_TEXT_ESCAPES.get(ch, ch) for ch in text)


def _cell(value: Any, float_format: str) -> str:
    if isinstance(value, TeX):
        return str(value)
    if value is None:
        return "--"
    if isinstance(value, bool):
        return "yes" if value else "no"
    # Numbers go in math mode so that a negative sign is a minus, not a hyphen.
    if isinstance(value, sp.Integer) or isinstance(value, int):
        return f"${int(value)}$"
    if isinstance(value, float) or isinstance(value, sp.Float):
        return f"${float_format.format(float(value))}$"
    if isinstance(value, sp.Basic):
        return f"${sp.latex(value)}$"
    if isinstance(value, str):
        return _escape(value)
    raise GameError(f"cannot put a {type(value).__name__} ({value!r}) in a table cell")


def render_table(table: Table) -> str:
    """A booktabs ``tabular`` for a :class:`Table`."""
    if not isinstance(table, Table):
        raise GameError(f"a table item must return a Table, got {type(table).__name__}")
    align = table.align or "".join(
        "l" if any(isinstance(r[j], str) for r in table.rows) else "r"
        for j in range(len(table.header))
    )
    lines = [rf"\begin{{tabular}}{{{align}}}", r"\toprule"]
    lines.append(" & ".join(_cell(h, table.float_format) for h in table.header) + r" \\")
    lines.append(r"\midrule")
    for row in table.rows:
        lines.append(" & ".join(_cell(c, table.float_format) for c in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def render_equation(name: str, equation: Any) -> str:
    """A numbered ``equation`` environment, labelled ``eq:NAME``, for an equation item."""
    if not isinstance(equation, Equation):
        equation = Equation(equation)
    expr, names = equation.expr, dict(equation.symbol_names)
    if isinstance(expr, TeX):
        body = str(expr)
    elif isinstance(expr, PiecewiseAnswer):
        body = expr.latex(names)
    elif isinstance(expr, sp.Basic):
        body = sp.latex(expr, symbol_names=names)
    elif hasattr(expr, "latex"):
        body = expr.latex()
    else:
        raise GameError(f"equation {name!r}: cannot typeset a {type(expr).__name__}")
    if equation.lhs:
        body = f"{equation.lhs} = {body}"
    return f"\\begin{{equation}}\\label{{eq:{name}}}\n{body}\n\\end{{equation}}\n"


def _value_tex(macro: str, value: Any) -> str:
    if isinstance(value, TeX):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | sp.Integer):
        return str(int(value))
    if isinstance(value, float | sp.Float):
        return f"{float(value):.3g}"
    if isinstance(value, sp.Basic):
        return rf"\ensuremath{{{sp.latex(value)}}}"
    if isinstance(value, str):
        return _escape(value)
    raise GameError(f"value macro \\{macro}: cannot typeset a {type(value).__name__}")


def render_values(name: str, values: Mapping[str, Any]) -> str:
    """``\\newcommand`` lines, one per value, in name order."""
    if not isinstance(values, Mapping):
        raise GameError(f"values item {name!r} must return a mapping, got {type(values).__name__}")
    lines = [f"% values of {name}; written by gametheory reproduce"]
    for macro in sorted(values):
        if not isinstance(macro, str) or not _MACRO.match(macro):
            raise GameError(
                f"values item {name!r}: macro name {macro!r} must be letters only (LaTeX rule)"
            )
        lines.append(rf"\newcommand{{\{macro}}}{{{_value_tex(macro, values[macro])}}}")
    return "\n".join(lines) + "\n"


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    # Leaving unchanged files alone keeps latexmk from rebuilding for nothing.
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def run_item(item: Item, root: Path) -> list[Path]:
    """Run one item and write its outputs under ``root``; return the files written."""
    result = item.function()
    out = item.outputs(root)
    if item.kind == "figure":
        import logging

        from .plot.style import save_figure

        # fontTools logs the fonts' own 1970s timestamps while subsetting; not our news.
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        if not hasattr(result, "savefig"):
            raise GameError(f"figure {item.name!r} returned a {type(result).__name__}, not a Figure")
        return save_figure(result, out[0].with_suffix(""))
    if item.kind == "table":
        text = f"% {item.description}\n" + render_table(result)
    elif item.kind == "equation":
        text = f"% {item.description}\n" + render_equation(item.name, result)
    else:
        text = render_values(item.name, result)
    _write_if_changed(out[0], text)
    return out


def _gather_values(items: Mapping[str, Item], root: Path) -> Path:
    """Write ``paper/generated/values.tex``: every values file on disk, in name order."""
    generated = root / "paper" / "generated"
    parts = []
    for item in items.values():
        path = generated / f"{item.name}.tex"
        if item.kind == "values" and path.exists():
            parts.append(path.read_text(encoding="utf-8"))
    target = generated / "values.tex"
    _write_if_changed(target, "".join(parts) if parts else "% no values yet\n")
    return target


def _caption(item: Item) -> str:
    text = item.description if isinstance(item.description, TeX) else _escape(item.description)
    text = text[:1].upper() + text[1:]
    if not text.endswith("."):
        text += "."
    book = _escape(item.notebook)
    return rf"{text} Made by notebook \texttt{{{book}}} (item \texttt{{{_escape(item.name)}}})."


def _section_entry(item: Item) -> str:
    name = item.name
    if item.kind == "figure":
        return (
            f"\\IfFileExists{{figures/{name}.pdf}}{{%\n"
            f"\\begin{{figure}}[tbp]\n\\centering\n\\gtgraphic{{figures/{name}.pdf}}\n"
            f"\\caption{{{_caption(item)}}}\\label{{fig:{name}}}\n\\end{{figure}}}}"
            f"{{\\gtmissing{{{_escape(name)}}}}}\n"
        )
    if item.kind == "table":
        return (
            f"\\IfFileExists{{generated/{name}.tex}}{{%\n"
            f"\\begin{{table}}[tbp]\n\\centering\n\\caption{{{_caption(item)}}}\\label{{tab:{name}}}\n"
            f"\\input{{generated/{name}.tex}}\n\\end{{table}}}}{{\\gtmissing{{{_escape(name)}}}}}\n"
        )
    if item.kind == "equation":
        return (
            f"\\IfFileExists{{generated/{name}.tex}}{{\\input{{generated/{name}.tex}}}}"
            f"{{\\gtmissing{{{_escape(name)}}}}}\n"
        )
    return ""


def _write_sections(items: Mapping[str, Item], root: Path) -> list[Path]:
    """Write ``paper/generated/section-NN.tex``: every registered item of notebook NN.

    The paper inputs these files, so a newly registered figure appears in its
    argument's section, captioned with its notebook, without editing ``main.tex``.
    Each entry is guarded, so an item that failed leaves a note, not a broken build.
    """
    order = {"equation": 0, "table": 1, "figure": 2}
    by_section: dict[str, list[Item]] = {}
    for item in items.values():
        if item.kind in order:
            number = _NOTEBOOK.match(item.notebook).group(1)  # type: ignore[union-attr]
            by_section.setdefault(number, []).append(item)
    written = []
    for number, members in sorted(by_section.items()):
        members.sort(key=lambda it: (order[it.kind], it.name))
        text = f"% items narrated by notebook {number}; written by gametheory reproduce\n"
        text += "".join(_section_entry(it) for it in members)
        path = root / "paper" / "generated" / f"section-{number}.tex"
        _write_if_changed(path, text)
        written.append(path)
    return written


# ------------------------------------------------------------------ notebooks, PDF


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


# ------------------------------------------------------------------------ the job


def reproduce(
    only: str | None = None,
    notebooks: bool = True,
    pdf: bool = True,
    root: str | Path = ".",
    *,
    stream: Any = None,
) -> int:
    """Rebuild the paper's figures, tables, equations, notebooks and PDF.

    Parameters
    ----------
    only
        Rebuild one registered item (and, if asked, its notebook and the PDF).
    notebooks
        Execute ``notebooks/*.ipynb`` into ``build/notebooks/``.
    pdf
        Build ``paper/main.pdf`` with latexmk where it is installed.
    root
        The project folder (holding ``paper/`` and ``notebooks/``).
    stream
        Where to print the report; standard output by default.

    Returns
    -------
    int
        0 when everything asked for was done (a PDF skipped for want of LaTeX
        counts as done, and says so), 1 when anything failed.
    """
    out = sys.stdout if stream is None else stream
    root = Path(root).resolve()
    items = registered_items()
    if only is not None:
        if only not in items:
            raise GameError(
                f"no registered item named {only!r}; registered: {', '.join(items) or '(none)'}"
            )
        chosen = {only: items[only]}
    else:
        chosen = items
    failures: list[str] = []
    skipped: list[str] = []

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    say(f"gametheory reproduce: {len(chosen)} item(s) into {root / 'paper'}")
    for item in chosen.values():
        start = time.perf_counter()
        try:
            written = run_item(item, root)
        except Exception as exc:  # one broken item must not hide the others
            failures.append(item.name)
            say(f"  FAILED  {item.kind:8} {item.name}: {exc}")
            say("".join(traceback.format_exception(exc)[-3:]).rstrip())
            continue
        files = ", ".join(str(p.relative_to(root)) for p in written)
        say(f"  ok      {item.kind:8} {item.name} -> {files} ({time.perf_counter() - start:.1f} s)")
    _gather_values(items, root)
    _write_sections(items, root)

    if notebooks:
        book_dir = root / "notebooks"
        books = sorted(book_dir.glob("*.ipynb"))
        if only is not None:
            books = [b for b in books if b.name == chosen[only].notebook]
        if not books:
            skipped.append("notebooks (none found)")
            say(f"  skipped notebooks: none in {book_dir}")
        for book in books:
            start = time.perf_counter()
            try:
                target = execute_notebook(book, root / "build" / "notebooks")
            except Exception as exc:
                failures.append(book.name)
                say(f"  FAILED  notebook {book.name}: {exc}")
                continue
            say(
                f"  ok      notebook {book.name} -> {target.relative_to(root)} "
                f"({time.perf_counter() - start:.1f} s)"
            )
    else:
        skipped.append("notebooks (--no-notebooks)")
        say("  skipped notebooks (asked not to execute them)")

    if pdf:
        paper_dir = root / "paper"
        if not latex_available():
            skipped.append("PDF (latexmk not installed)")
            say(
                "  SKIPPED the PDF: latexmk/pdflatex not found; install texlive-latex-base "
                "texlive-latex-recommended texlive-pictures latexmk to build paper/main.pdf"
            )
        elif not (paper_dir / "main.tex").exists():
            failures.append("paper/main.tex")
            say(f"  FAILED  the PDF: {paper_dir / 'main.tex'} does not exist")
        else:
            start = time.perf_counter()
            try:
                built = build_pdf(paper_dir)
            except GameError as exc:
                failures.append("main.pdf")
                say(f"  FAILED  the PDF: {exc}")
            else:
                say(f"  ok      pdf      {built.relative_to(root)} ({time.perf_counter() - start:.1f} s)")
    else:
        skipped.append("PDF (--no-pdf)")
        say("  skipped the PDF (asked not to build it)")

    say(
        f"done: {len(chosen) - sum(1 for f in failures if f in chosen)} of {len(chosen)} item(s) ok"
        + (f"; FAILED: {', '.join(failures)}" if failures else "")
        + (f"; skipped: {'; '.join(skipped)}" if skipped else "")
    )
    return 1 if failures else 0
