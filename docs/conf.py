"""Sphinx configuration for the gametheory reference documentation.

The API pages are generated here, at build time, from each public module's
``__all__``, so that every public name is documented and a name added to the package
appears without editing the docs. The gallery renders the notebooks executed by
``gametheory reproduce`` (``build/notebooks``) when they exist, and otherwise executes
them during the build.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import gametheory  # noqa: E402

project = "gametheory"
author = "gametheory developers"
copyright = "2026, gametheory developers"
release = gametheory.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "myst_nb",
]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
html_theme = "alabaster"
html_static_path: list[str] = []
templates_path = ["_templates"]
autosummary_generate = True
autodoc_default_options = {"members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]

# Notebooks: rendered with their outputs. ``gametheory reproduce`` (or the test suite)
# leaves executed copies in build/notebooks; without them the build executes them.
EXECUTED = Path(os.environ.get("GAMETHEORY_EXECUTED_NOTEBOOKS", ROOT / "build" / "notebooks"))
nb_execution_mode = "off" if EXECUTED.is_dir() and any(EXECUTED.glob("*.ipynb")) else "force"
nb_execution_timeout = 180
nb_execution_raise_on_error = True

# The public modules documented in the API reference, in the order of the layers.
API_MODULES = [
    ("gametheory.games", "Games"),
    ("gametheory.solve", "Solvers"),
    ("gametheory.analysis", "Analysis over parameters"),
    ("gametheory.io", "Files"),
    ("gametheory.symbolic", "Parameters and formulas"),
    ("gametheory.conditions", "Conditions: signs and relations under the parameters' assumptions"),
    ("gametheory.errors", "Errors"),
    ("gametheory.plot", "Figures"),
    ("gametheory.models", "The US-DPRK models"),
    ("gametheory.reproduce", "Reproducing the paper"),
    # Last: the names ``gt`` re-exports are documented at their subpackage above; this
    # page documents what only the top level holds.
    ("gametheory", "The top-level namespace (``import gametheory as gt``)"),
]


def public_names(module_name: str) -> list[str]:
    """The names a module exports: its ``__all__``, without submodules."""
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    out = []
    for name in names:
        if not hasattr(module, name):  # a submodule listed in __all__ (gametheory.models)
            continue
        value = getattr(module, name)
        if isinstance(value, type(sys)):
            continue
        if getattr(value, "__module__", None) is None and not callable(value):
            continue  # constants (tuples, numbers) are described in their module's page
        out.append(name)
    return sorted(set(out), key=str.lower)


def _write_api_pages() -> None:
    api = HERE / "api"
    if api.exists():
        shutil.rmtree(api)
    api.mkdir()
    index = ["API reference", "=============", "", ".. toctree::", "   :maxdepth: 1", ""]
    documented: set[str] = set()
    queue = list(API_MODULES)
    listed = {name for name, _ in API_MODULES}
    while queue:
        module_name, title = queue.pop(0)
        slug = module_name.replace(".", "-")
        if module_name in listed:
            index.append(f"   {slug}")
        lines = [title, "=" * len(title), "", f".. automodule:: {module_name}", "   :no-members:", ""]
        names = [n for n in public_names(module_name) if f"{module_name}.{n}" not in documented]
        module = importlib.import_module(module_name)
        # Document each object once, at the module that defines it when that module is listed.
        own = []
        for name in names:
            obj = getattr(module, name)
            home = getattr(obj, "__module__", module_name) or module_name
            key = f"{home}.{getattr(obj, '__qualname__', name)}"
            if key in documented:
                continue
            documented.add(key)
            own.append(name)
        if own:
            lines += [f".. currentmodule:: {module_name}", "", ".. autosummary::", "   :toctree: generated", ""]
            lines += [f"   {n}" for n in own]
        # Submodules listed in __all__ (gametheory.models, gt.catalog) get pages of their own.
        subs = []
        for n in getattr(module, "__all__", ()):
            value = getattr(module, n, None)
            if value is not None and not isinstance(value, type(sys)):
                continue
            full = value.__name__ if value is not None else f"{module_name}.{n}"
            if full in listed or full in documented:
                continue
            documented.add(full)
            subs.append(full)
            queue.append((full, f"``{full}``"))
        if subs:
            lines += ["", "Modules", "-------", "", ".. toctree::", "   :maxdepth: 1", ""]
            lines += [f"   {full.replace('.', '-')}" for full in subs]
        (api / f"{slug}.rst").write_text("\n".join(lines) + "\n")
    (api / "index.rst").write_text("\n".join(index) + "\n")


def _write_gallery() -> None:
    gallery = HERE / "gallery"
    if gallery.exists():
        shutil.rmtree(gallery)
    gallery.mkdir()
    source = EXECUTED if nb_execution_mode == "off" else ROOT / "notebooks"
    names = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    for name in names:
        path = source / name
        if not path.exists():
            path = ROOT / "notebooks" / name
        shutil.copy(path, gallery / name)
    lines = ["# Gallery", "", "Every notebook of the paper, executed.", "", "```{toctree}", ":maxdepth: 1", ""]
    lines += [n[: -len(".ipynb")] for n in names]
    lines += ["```", ""]
    (gallery / "index.md").write_text("\n".join(lines))


def _write_models_catalogue() -> None:
    from gametheory.models.catalogue import catalogue_markdown

    (HERE / "models.md").write_text(catalogue_markdown())


_write_api_pages()
_write_gallery()
_write_models_catalogue()
