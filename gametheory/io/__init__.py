"""File formats: Gambit's .nfg and .efg, and the project's JSON/TOML game definitions.

Every reader bounds what it reads (:mod:`gametheory.io.limits`) and ends any fault in
a :class:`~gametheory.errors.ParseError`; :func:`write_game` replaces a file
atomically, so a reader never sees half of it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..errors import ParseError
from .limits import read_limited

__all__ = ["read_game", "write_game", "format_game"]

_UMASK = os.umask(0o022)
os.umask(_UMASK)

_READERS = {".nfg": "nfg", ".efg": "efg", ".json": "definition", ".toml": "definition"}


def _as_path(path: Any, what: str) -> Path:
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str | os.PathLike) or not str(path):
        raise ParseError(f"{what} needs a file name (str or Path), got {path!r}")
    return Path(path)


def read_game(path: str | os.PathLike[str]) -> Any:
    """Read a game from a file, choosing the format by its suffix.

    ``.nfg`` and ``.efg`` are Gambit's formats; ``.json`` and ``.toml`` are the
    project's game definitions, whose payoffs may be formulas in declared parameters.

    Parameters
    ----------
    path
        The file (its suffix names the format).

    Returns
    -------
    NormalFormGame or ExtensiveFormGame

    Raises
    ------
    ParseError
        For a malformed file (with its file, line and column), a file that cannot be
        read, or one beyond the limits of :mod:`gametheory.io.limits`.

    Examples
    --------
    >>> read_game(None)
    Traceback (most recent call last):
    ...
    gametheory.errors.ParseError: read_game needs a file name (str or Path), got None
    """
    path = _as_path(path, "read_game")
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
        text = read_limited(str(path)).decode("utf-8")
    except ParseError:
        raise
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror or exc}", str(path)) from None
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text (byte {exc.start})", str(path)) from None
    except ValueError as exc:  # beyond a limit
        raise ParseError(str(exc), str(path)) from None
    if kind == "nfg":
        from .nfg import parse_nfg

        return parse_nfg(text, source=str(path))
    from .definition import parse_definition

    return parse_definition(text, fmt=path.suffix.lower()[1:], source=str(path))


def format_game(game: Any, suffix: str) -> str:
    """The text of ``game`` in the format a file suffix names (``.nfg``, ``.efg``,
    ``.json``, ``.toml``); :class:`ParseError` for another suffix."""
    suffix = suffix.lower()
    if suffix == ".nfg":
        from .nfg import format_nfg

        return format_nfg(game)
    if suffix == ".efg":
        from .efg import format_efg

        return format_efg(game)
    if suffix in (".json", ".toml"):
        from .definition import format_definition, format_definition_toml
        from .limits import MAX_DEPTH

        depth = _depth(game)
        if depth > MAX_DEPTH // 2:  # a move is two levels of nesting (node, actions)
            raise ParseError(
                f"the tree is {depth} moves deep: too deep for a nested JSON/TOML definition "
                f"(at most {MAX_DEPTH // 2}); write it as .efg")
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * depth + 1000))  # json.dumps recurses per level
        try:
            return format_definition(game) if suffix == ".json" else format_definition_toml(game)
        finally:
            sys.setrecursionlimit(limit)
    raise ParseError(f"cannot write games as {suffix!r}; use .nfg, .efg, .json or .toml")


def _depth(game: Any) -> int:
    """The number of moves on the longest path of a tree (0 for other games)."""
    parent = getattr(game, "parent", None)
    if parent is None:
        return 0
    depth = [0] * len(parent)
    for i in range(1, len(parent)):  # preorder: a parent comes before its children
        depth[i] = depth[parent[i]] + 1
    return max(depth, default=0)


def write_game(game: Any, path: str | os.PathLike[str]) -> Path:
    """Write a game to a file in the format its suffix names (``.nfg``, ``.efg``,
    ``.json``, ``.toml``).

    The text goes to a temporary file with a unique name in the target folder, is
    flushed to disk, and replaces ``path`` in one atomic step: concurrent writers do
    not collide, and a reader sees the old file or the new one, never part of one.

    Raises
    ------
    ParseError
        For an unknown suffix, a game the format cannot hold, or a folder that does not
        exist or cannot be written.

    Examples
    --------
    >>> import gametheory as gt, tempfile, pathlib
    >>> game = gt.NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> read_game(write_game(game, folder / "g.toml")) == game
    True
    """
    path = _as_path(path, "write_game")
    text = format_game(game, path.suffix)
    folder = path.parent
    if not folder.is_dir():
        raise ParseError(f"cannot write {path.name}: the folder {str(folder)!r} does not exist", str(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ParseError(f"cannot write in {str(folder)!r}: {exc.strerror}", str(path)) from None
    try:
        try:  # mkstemp makes the file private; give it the mode a new file gets here
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK
            os.chmod(tmp, mode)
        except OSError:
            pass
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ParseError(f"cannot write the file: {exc.strerror}", str(path)) from None
        raise
    return path
