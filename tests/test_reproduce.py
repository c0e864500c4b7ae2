"""`gametheory reproduce`: the registry, byte-identical outputs, --only, notebooks, PDF."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import sympy as sp

from gametheory import cli
from gametheory import reproduce as rp
from gametheory.errors import GameError

ROOT = Path(__file__).resolve().parents[1]


PAPER_BUILD_FILES = shutil.ignore_patterns(
    "figures", "generated", "main.pdf", "*.aux", "*.log", "*.bbl", "*.blg", "*.out", "*.fls",
    "*.fdb_latexmk")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The paper built once, as a user builds it: ``gametheory reproduce --no-notebooks`` in
    a copy of ``paper/``, in a fresh interpreter with a fixed hash seed (the PDF too where
    LaTeX is installed). The registry takes most of a minute, so the tests share it."""
    root = tmp_path_factory.mktemp("reproduce")
    shutil.copytree(ROOT / "paper", root / "paper", ignore=PAPER_BUILD_FILES)
    env = dict(os.environ, PYTHONHASHSEED="1")
    proc = subprocess.run([sys.executable, "-m", "gametheory.cli", "reproduce", "--no-notebooks"],
                          cwd=root, env=env, capture_output=True, text=True)
    return root, proc


def _outputs(root: Path) -> dict[str, bytes]:
    """What the registry writes: paper/figures and paper/generated, by relative path."""
    return {str(p.relative_to(root)): p.read_bytes()
            for folder in ("figures", "generated")
            for p in sorted((root / "paper" / folder).rglob("*")) if p.is_file()}


def test_registry_gives_the_same_bytes_on_every_run(built, tmp_path):
    first, proc = built
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Again in this interpreter (another hash seed): set and dict order inside sympy or
    # matplotlib must not leak into the bytes.
    log = io.StringIO()
    assert rp.reproduce(notebooks=False, pdf=False, root=tmp_path, stream=log) == 0, log.getvalue()
    a, b = _outputs(first), _outputs(tmp_path)
    items = rp.registered_items()
    # Every item wrote every file it promises, and nothing differs by a byte.
    for item in items.values():
        for path in item.outputs(first):
            assert str(path.relative_to(first)) in a, f"{item.name} did not write {path}"
    assert "paper/generated/values.tex" in a
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    assert any(name.endswith(".png") for name in a) and any(name.endswith(".pdf") for name in a)


def test_only_rebuilds_one_item(tmp_path, capsys):
    assert rp.reproduce(only="tour_dilemma_table", notebooks=False, pdf=False, root=tmp_path) == 0
    table = tmp_path / "paper" / "generated" / "tour_dilemma_table.tex"
    assert table.exists()
    text = table.read_text()
    assert r"\toprule" in text and r"\bottomrule" in text and "Keep, Keep" in text
    # Nothing else was run: no figures, no other item's file.
    assert not (tmp_path / "paper" / "figures").exists()
    assert not (tmp_path / "paper" / "generated" / "tour_dilemma_equilibria.tex").exists()
    out = capsys.readouterr().out
    assert "1 of 1 item(s) ok" in out and "tour_dilemma_table" in out


def test_unknown_name_is_a_clear_error_listing_the_names(tmp_path):
    with pytest.raises(GameError) as info:
        rp.reproduce(only="no_such_item", notebooks=False, pdf=False, root=tmp_path)
    message = str(info.value)
    assert "no_such_item" in message
    for name in rp.registered_items():
        assert name in message


def test_cli_reports_an_unknown_name_and_exits_non_zero(capsys):
    code = cli.main(["reproduce", "--only", "no_such_item", "--no-notebooks", "--no-pdf"])
    assert code == 2
    assert "no registered item named 'no_such_item'" in capsys.readouterr().err


def test_every_item_names_an_existing_notebook():
    books = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    missing = {i.name: i.notebook for i in rp.registered_items().values() if i.notebook not in books}
    assert missing == {}


def test_sections_input_every_item_with_its_notebook_in_the_caption(built):
    section = (built[0] / "paper" / "generated" / "section-00.tex").read_text()
    for item in rp.registered_items().values():
        if item.notebook.startswith("00_") and item.kind == "figure":
            assert rf"\gtgraphic{{figures/{item.name}.pdf}}" in section
            assert r"\texttt{00\_tour.ipynb}" in section
        if item.notebook.startswith("00_") and item.kind == "equation":
            assert rf"\input{{generated/{item.name}.tex}}" in section


def test_a_failing_item_is_reported_and_gives_a_non_zero_exit(tmp_path, monkeypatch, capsys):
    def broken() -> None:
        raise ValueError("deliberately broken")

    items = dict(rp.registered_items())
    items["broken_item"] = rp.Item("broken_item", "table", broken, "00_tour.ipynb", "broken")
    monkeypatch.setattr(rp, "registered_items", lambda: items)
    assert rp.reproduce(only="broken_item", notebooks=False, pdf=False, root=tmp_path) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "deliberately broken" in out


def test_pdf_skipped_clearly_where_latex_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(rp, "latex_available", lambda: False)
    assert rp.reproduce(only="tour_values", notebooks=False, pdf=True, root=tmp_path) == 0
    out = capsys.readouterr().out
    assert "SKIPPED the PDF" in out and "latexmk" in out


# ----------------------------------------------------------------------- rendering


def test_table_renders_booktabs_with_math_and_escaped_text():
    table = rp.Table(
        header=["name", rp.TeX(r"$\delta$"), "value"],
        rows=[["a_b & c", sp.Rational(1, 3), -2], ["50%", sp.Symbol("x") ** 2, 0.25]],
    )
    assert rp.render_table(table) == (
        "\\begin{tabular}{lrr}\n\\toprule\n"
        "name & $\\delta$ & value \\\\\n\\midrule\n"
        "a\\_b \\& c & $\\frac{1}{3}$ & $-2$ \\\\\n"
        "50\\% & $x^{2}$ & $0.25$ \\\\\n"
        "\\bottomrule\n\\end{tabular}\n"
    )


def test_table_with_a_short_row_is_rejected():
    with pytest.raises(GameError, match="row 1 has 1 cells; the header has 2"):
        rp.Table(header=["a", "b"], rows=[[1, 2], [3]])


def test_equation_renders_a_labelled_environment_with_symbol_names():
    d = sp.Symbol("delta_x", positive=True)
    text = rp.render_equation("thr", rp.Equation(sp.Gt(d, sp.Rational(1, 2)), {d: r"\delta"}))
    assert text == "\\begin{equation}\\label{eq:thr}\n\\delta > \\frac{1}{2}\n\\end{equation}\n"


def test_values_render_newcommands_and_reject_bad_macro_names():
    text = rp.render_values("v", {"Half": sp.Rational(1, 2), "Count": 3, "Note": rp.TeX(r"37.2\%")})
    assert r"\newcommand{\Half}{\ensuremath{\frac{1}{2}}}" in text
    assert r"\newcommand{\Count}{3}" in text
    assert r"\newcommand{\Note}{37.2\%}" in text
    with pytest.raises(GameError, match="letters only"):
        rp.render_values("v", {"n_steps": 3})


def test_register_rejects_bad_names_kinds_notebooks_and_duplicates():
    reg: dict[str, rp.Item] = {}
    with pytest.raises(GameError, match="unknown kind"):
        rp.register("a", kind="movie", notebook="00_tour.ipynb", description="", registry=reg)
    with pytest.raises(GameError, match="must start with a letter"):
        rp.register("a b", notebook="00_tour.ipynb", description="", registry=reg)
    with pytest.raises(GameError, match="two digits"):
        rp.register("a", notebook="tour.ipynb", description="", registry=reg)

    def first() -> None: ...

    def second() -> None: ...

    rp.register("a", kind="table", notebook="00_tour.ipynb", description="", registry=reg)(first)
    with pytest.raises(GameError, match="already registered"):
        rp.register("a", kind="table", notebook="00_tour.ipynb", description="", registry=reg)(second)


# ------------------------------------------------------------------ notebooks, PDF


def _notebook(path: Path, source: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def test_notebooks_are_executed_into_build_and_failures_named(tmp_path, monkeypatch, capsys):
    books = tmp_path / "notebooks"
    books.mkdir()
    _notebook(books / "01_good.ipynb", "x = 6 * 7\nprint(x)")
    _notebook(books / "02_bad.ipynb", "raise RuntimeError('cell failed on purpose')")
    monkeypatch.setattr(rp, "registered_items", dict)  # only the notebook step here
    assert rp.reproduce(notebooks=True, pdf=False, root=tmp_path) == 1
    out = capsys.readouterr().out
    executed = nbformat.read(tmp_path / "build" / "notebooks" / "01_good.ipynb", as_version=4)
    assert executed.cells[0].outputs[0]["text"] == "42\n"
    assert "FAILED  notebook 02_bad.ipynb" in out and "cell failed on purpose" in out


def _latex_or_skip() -> None:
    if rp.latex_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("latexmk/pdflatex are missing on CI: .ci/run must install them")
    pytest.skip("latexmk/pdflatex not installed: the PDF is not built here")


def test_full_reproduce_builds_the_same_pdf_twice(built):
    _latex_or_skip()
    root, proc = built
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok      pdf      paper/main.pdf" in proc.stdout
    pdf = root / "paper" / "main.pdf"
    first = pdf.read_bytes()
    assert first.startswith(b"%PDF")
    log = (root / "paper" / "main.log").read_text(errors="replace")
    assert "undefined" not in log.lower()
    # From scratch again: same sources, same bytes.
    for path in (root / "paper").glob("main.*"):
        if path.suffix != ".tex":
            path.unlink()
    rp.build_pdf(root / "paper")
    assert pdf.read_bytes() == first
