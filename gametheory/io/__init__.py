"""File formats: Gambit's .nfg and .efg, and the project's JSON/TOML game definitions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ParseError

__all__ = ["read_game", "write_game"]

_READERS = {".nfg": "nfg", ".efg": "efg", ".json": "definition", ".toml": "definition"}


def read_game(path: str | Path) -> Any:
    """Read a game from a file, choosing the format by its suffix.

    ``.nfg`` and ``.efg`` are Gambit's formats; ``.json`` and ``.toml`` are the
    project's game definitions, whose payoffs may be formulas in declared parameters.
    A malformed file raises :class:`~gametheory.errors.ParseError` with its file, line
    and column.
    """
    path = Path(path)
    kind = _READERS.get(path.suffix.lower())
    if kind is None:
        raise ParseError(
            f"unknown game file type {path.suffix!r}; expected one of {sorted(_READERS)}",
            str(path),
        )
    try:
        if kind == "efg":
            from .efg import read_efg_file

            return read_efg_file(str(path), source=str(path))
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror}", str(path)) from None
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text (byte {exc.start})", str(path)) from None
    if kind == "nfg":
        from .nfg import parse_nfg

        return parse_nfg(text, source=str(path))
    from .definition import parse_definition

    return parse_definition(text, fmt=path.suffix.lower()[1:], source=str(path))


def write_game(game: Any, path: str | Path) -> Path:
    """Write a game to a file in the format its suffix names (``.nfg``, ``.efg``, ``.json``).

    The file is written to a temporary name and moved into place, so that a failure
    leaves nothing half-written.
    """
    path = Path(path)
    kind = _READERS.get(path.suffix.lower())
    if kind == "nfg":
        from .nfg import format_nfg

        text = format_nfg(game)
    elif kind == "efg":
        from .efg import format_efg

        text = format_efg(game)
    elif kind == "definition" and path.suffix.lower() == ".json":
        from .definition import format_definition

        text = format_definition(game)
    else:
        raise ParseError(
            f"cannot write games as {path.suffix!r}; use .nfg, .efg or .json", str(path)
        )
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
