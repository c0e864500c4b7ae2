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

import sys
import time
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .build import SOURCE_DATE_EPOCH, build_pdf, execute_notebook, latex_available
from .errors import GameError
from .plot.tables import (
    Equation,
    Table,
    TeX,
    latex_escape,
    render_equation,
    render_table,
    render_values,
)
from .registry import (
    ITEM_MODULES,
    KINDS,
    NOTEBOOK_NAME,
    REGISTRY,
    Item,
    register,
    registered_items,
)

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
    text = item.description if isinstance(item.description, TeX) else latex_escape(item.description)
    text = text[:1].upper() + text[1:]
    if not text.endswith("."):
        text += "."
    book = latex_escape(item.notebook)
    return rf"{text} Made by notebook \texttt{{{book}}} (item \texttt{{{latex_escape(item.name)}}})."


def _section_entry(item: Item) -> str:
    name = item.name
    if item.kind == "figure":
        return (
            f"\\IfFileExists{{figures/{name}.pdf}}{{%\n"
            f"\\begin{{figure}}[tbp]\n\\centering\n\\gtgraphic{{figures/{name}.pdf}}\n"
            f"\\caption{{{_caption(item)}}}\\label{{fig:{name}}}\n\\end{{figure}}}}"
            f"{{\\gtmissing{{{latex_escape(name)}}}}}\n"
        )
    if item.kind == "table":
        return (
            f"\\IfFileExists{{generated/{name}.tex}}{{%\n"
            f"\\begin{{table}}[tbp]\n\\centering\n\\caption{{{_caption(item)}}}\\label{{tab:{name}}}\n"
            f"\\input{{generated/{name}.tex}}\n\\end{{table}}}}{{\\gtmissing{{{latex_escape(name)}}}}}\n"
        )
    if item.kind == "equation":
        return (
            f"\\IfFileExists{{generated/{name}.tex}}{{\\input{{generated/{name}.tex}}}}"
            f"{{\\gtmissing{{{latex_escape(name)}}}}}\n"
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
            number = NOTEBOOK_NAME.match(item.notebook).group(1)  # type: ignore[union-attr]
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
