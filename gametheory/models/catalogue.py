"""A catalogue of the US-DPRK models and their parameters (``gametheory models``).

Each model module of :mod:`gametheory.models` declares its parameters with
:func:`gametheory.parameter` (unit, plausible range, source). The catalogue finds them
by importing every model module and reading the declared parameters it holds at module
level, so a new model appears here without being registered.

Examples
--------
>>> entries = model_catalogue()
>>> any(e.module == "gametheory.models.commitment" for e in entries)
True
>>> rows = [p for e in entries for p in e.parameters]
>>> all(isinstance(p.name, str) and p.name for p in rows)
True
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

import sympy as sp

from ..symbolic import Parameter, declared_parameters

__all__ = ["ModelEntry", "model_catalogue", "catalogue_text", "catalogue_markdown"]

_NOT_MODELS = {"catalogue"}


@dataclass(frozen=True)
class ModelEntry:
    """One model module: its name, its summary line and its declared parameters."""

    module: str
    summary: str
    parameters: tuple[Parameter, ...]


def _summary(doc: str | None) -> str:
    if not doc:
        return ""
    first = doc.strip().split("\n\n")[0]
    return " ".join(first.split())


def model_catalogue() -> list[ModelEntry]:
    """Every model module of :mod:`gametheory.models` with the parameters it declares.

    A parameter is listed under the module that holds its symbol at module level;
    parameters shared by several models (the calibration's data) are listed under each.
    """
    from .. import models

    entries = []
    for info in sorted(pkgutil.iter_modules(models.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in _NOT_MODELS:
            continue
        name = f"{models.__name__}.{info.name}"
        module = importlib.import_module(name)
        declared = declared_parameters()  # after the import, which declares them
        found: dict[str, Parameter] = {}
        for value in vars(module).values():
            # Only parameters the models declare: a module's plain helper symbol
            # (``_Q = Symbol("q", positive=True)`` for algebra) is not one, even where
            # other code (a user, a game file) has declared a parameter "q".
            param = declared.get(value.name) if isinstance(value, sp.Symbol) else None
            if (param is not None and param.symbol == value
                    and param.declared_in.startswith(models.__name__ + ".")):
                found.setdefault(value.name, param)
        entries.append(ModelEntry(name, _summary(module.__doc__),
                                  tuple(found[k] for k in sorted(found))))
    return entries


def _range(p: Parameter) -> str:
    if p.plausible_range is None:
        return ""
    low, high = p.plausible_range
    return f"{low}" if low == high else f"{low} to {high}"


def catalogue_text() -> str:
    """The catalogue as plain text, one block per model (what ``gametheory models`` prints)."""
    lines: list[str] = []
    for entry in model_catalogue():
        lines.append(entry.module)
        if entry.summary:
            lines.append(f"  {entry.summary}")
        for p in entry.parameters:
            unit = f" [{p.unit}]" if p.unit else ""
            default = "" if p.default is None else f" = {p.default}"
            rng = _range(p)
            rng = f", range {rng}" if rng else ""
            lines.append(f"  - {p.name}{unit}{default}{rng} ({p.kind}): {p.description}")
            if p.source:
                lines.append(f"      source: {p.source}")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def catalogue_markdown() -> str:
    """The catalogue as a Markdown page for the documentation."""
    lines = ["# Models and parameters", "",
             "Generated from the declared parameters of every module in `gametheory.models`",
             "(`gametheory models` prints the same catalogue).", ""]
    for entry in model_catalogue():
        lines += [f"## `{entry.module}`", "", _md(entry.summary), ""]
        if not entry.parameters:
            lines += ["(no declared parameters)", ""]
            continue
        lines += ["| parameter | kind | default | range | unit | description | source |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for p in entry.parameters:
            default = "" if p.default is None else str(p.default)
            lines.append(f"| `{p.name}` | {p.kind} | {default} | {_range(p)} | {_md(p.unit)} "
                         f"| {_md(p.description)} | {_md(p.source)} |")
        lines.append("")
    return "\n".join(lines)
