"""The registry of the paper's items: every figure, table, equation and set of values.

Each item is a function registered with :func:`register`, under a name, with what it
shows and the notebook that narrates it. The registrations live in the modules of
:data:`ITEM_MODULES` (``gametheory.artifacts``), so that the models never import the
registry; :func:`registered_items` imports them and returns every item.
:mod:`gametheory.reproduce` runs the items.

Examples
--------
>>> mine: dict = {}
>>> @register("demo_values", kind="values", notebook="00_tour.ipynb",
...           description="a demonstration", registry=mine)
... def demo_values():
...     return {"DemoAnswer": 42}
>>> mine["demo_values"].outputs(Path("."))
[PosixPath('paper/generated/demo_values.tex')]
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import GameError

__all__ = ["KINDS", "ITEM_MODULES", "NOTEBOOK_NAME", "REGISTRY", "Item", "register", "registered_items"]

KINDS = ("figure", "table", "equation", "values")

ITEM_MODULES: tuple[str, ...] = tuple(
    f"gametheory.artifacts.{m.name}"
    for m in sorted(
        pkgutil.iter_modules([str(Path(__file__).with_name("artifacts"))]), key=lambda m: m.name
    )
)
"""Modules whose import registers the paper's items (one per notebook or family)."""


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
NOTEBOOK_NAME = re.compile(r"^(\d{2})_[A-Za-z0-9_-]+\.ipynb$")
"""How a notebook is named: two digits for the argument, then a short name."""


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
    if not isinstance(notebook, str) or not NOTEBOOK_NAME.match(notebook):
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
