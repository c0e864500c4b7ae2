"""The project's own game definitions, in JSON or TOML, with payoffs as formulas.

Schema (normal form)::

    {
      "type": "normal_form",                  # or "extensive_form" (see below)
      "title": "Inspection game",             # optional
      "parameters": {                         # optional; declared with gt.parameter
        "c": {"kind": "positive",             # real | positive | nonnegative |
                                              # probability | discount
              "default": "1/10",              # optional, each of these
              "description": "cost of an inspection",
              "unit": "", "source": "", "range": ["0", "1"]}
      },
      "values": {"c": "1/10"},                # optional: substituted on reading
      "players": {"Inspector": ["inspect", "trust"],     # player -> strategies,
                  "Inspectee": ["legal", "violate"]},    # in order
      "payoffs": {"inspect,legal": ["-c", "0"],          # "s1,s2,...": one payoff
                  "inspect,violate": ["-c", "-d"], ...}  # per player, every profile
    }

``payoffs`` may instead be nested lists indexed by the strategies of each player in
turn, ending in the list of the players' payoffs:
``[[[2, 1], [0, 0]], [[0, 0], [1, 2]]]``. A payoff is a JSON number or text; text is a
formula over the declared parameters only (+ - * / **, Min, Max, log, exp, sqrt; see
:func:`gametheory.symbolic.parse_formula`). Decimals are exact: ``0.1`` is 1/10.

``"type": "extensive_form"`` hands the table (and the declared parameters) to
:meth:`gametheory.games.extensive_form.ExtensiveFormGame.from_definition`.

Every fault raises :class:`~gametheory.errors.ParseError` with the file, line and
column: of the JSON syntax error, or of the offending value (for TOML, of the line
that names the offending key).

Examples
--------
>>> g = parse_definition('''{"players": {"Row": ["U", "D"], "Column": ["L", "R"]},
...   "parameters": {"x_def": {"kind": "positive"}},
...   "payoffs": {"U,L": ["x_def", 1], "U,R": [0, 0], "D,L": [0, 0], "D,R": [1, "2*x_def"]}}''')
>>> g.payoff("Column", ("D", "R"))
2*x_def
>>> parse_definition(format_definition(g)) == g
True
"""

from __future__ import annotations

import itertools
import json
import keyword
import re
import sys
import tomllib
import unicodedata
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

from ..errors import GameError, ParseError
from ..games.normal_form import NormalFormGame
from ..symbolic import new_scope, parameter, parameter_info, parse_formula
from .limits import MAX_DEPTH, check_number_text
from .toml_format import to_toml

__all__ = ["parse_definition", "format_definition", "format_definition_toml"]

Path = tuple[Any, ...]

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\s+', re.DOTALL)


def _json_positions(text: str) -> dict[Path, tuple[int, int]]:
    """The (line, column) where each value of a valid JSON text starts, by key path."""
    positions: dict[Path, tuple[int, int]] = {}
    stack: list[list[Any]] = []  # per container: [kind, current key or index, expecting key]
    line, line_start = 1, 0

    def path() -> Path:
        return tuple(frame[1] for frame in stack)

    for mo in _JSON_TOKEN.finditer(text):
        tok = mo.group()
        pos = (line, mo.start() - line_start + 1)
        if "\n" in tok:
            line += tok.count("\n")
            line_start = mo.start() + tok.rfind("\n") + 1
        if tok.isspace():
            continue
        top = stack[-1] if stack else None
        if tok in ":,":
            if tok == "," and top is not None:
                if top[0] == "list":
                    top[1] += 1
                else:
                    top[2] = True
            continue
        if tok in "]}":
            stack.pop()
            continue
        if top is not None and top[0] == "dict" and top[2]:
            top[1] = json.loads(tok)
            top[2] = False
            positions[path()] = pos  # the key's own position, until its value is seen
            continue
        positions[path()] = pos
        if tok == "{":
            stack.append(["dict", None, True])
        elif tok == "[":
            stack.append(["list", 0, False])
    return positions


def _toml_positions(text: str) -> dict[Path, tuple[int, int]]:
    """Approximate positions for TOML: each key's line, at its value's column."""
    positions: dict[Path, tuple[int, int]] = {}
    table: Path = ()
    key_re = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_\-]+)\s*=\s*')
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("["):
            inner = stripped.strip("[]").strip()
            table = tuple(json.loads(p) if p.startswith('"') else p for p in
                          (s.strip() for s in inner.split(".")))
            positions.setdefault(table, (number, 1))
            continue
        mo = key_re.match(raw)
        if mo:
            key = mo.group(1)
            key = json.loads(key) if key.startswith('"') else key
            positions.setdefault((*table, key), (number, mo.end() + 1))
    return positions


class _Reader:
    def __init__(self, source: str, positions: dict[Path, tuple[int, int]]) -> None:
        self.source = source
        self.positions = positions

    def where(self, path: Path) -> tuple[int | None, int | None]:
        for k in range(len(path), -1, -1):
            if path[:k] in self.positions:
                return self.positions[path[:k]]
        return None, None

    def fail(self, message: str, path: Path) -> ParseError:
        line, col = self.where(path)
        at = "/".join(str(p) for p in path)
        return ParseError(f"{message} (at {at or 'top level'})", self.source, line, col)


def parse_definition(text: str, fmt: str = "json", source: str = "<definition>") -> Any:
    """Read a game definition (JSON or TOML); see the module docstring for the schema.

    Parameters
    ----------
    text
        The definition.
    fmt
        ``"json"`` or ``"toml"``.
    source
        The file name, used in error messages.

    Returns
    -------
    NormalFormGame or ExtensiveFormGame
    """
    if fmt == "json":
        data = _load_json(text, source)
        positions = _json_positions(text)
    elif fmt == "toml":
        try:
            data = tomllib.loads(text, parse_float=str)
        except tomllib.TOMLDecodeError as exc:
            mo = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            msg = re.sub(r"\s*\(at line.*\)$", "", str(exc))
            if mo:
                line, col = int(mo.group(1)), int(mo.group(2))
            else:  # "at end of document"
                lines = text.split("\n")
                line, col = len(lines), len(lines[-1]) + 1
            msg = re.sub(r"\s*\(at end of document\)$", " (at the end of the file)", msg)
            raise ParseError(f"not valid TOML: {msg}", source, line, col) from None
        except (ValueError, RecursionError) as exc:  # an integer beyond Python's digit limit
            raise ParseError(f"not readable TOML: {exc}", source) from None
        positions = _toml_positions(text)
    else:
        raise ParseError(f"unknown definition format {fmt!r}; expected 'json' or 'toml'", source)
    reader = _Reader(source, positions)
    if not isinstance(data, dict):
        raise reader.fail("a game definition must be a JSON object / TOML table", ())
    names = _declare(data.get("parameters", {}), reader)
    kind = data.get("type", "normal_form")
    if kind == "extensive_form":
        from ..games.extensive_form import ExtensiveFormGame

        try:
            game: Any = ExtensiveFormGame.from_definition(data, names, source)
        except ParseError:
            raise
        except GameError as exc:
            raise reader.fail(str(exc), ("root",)) from None
    elif kind == "normal_form":
        game = _normal_form(data, names, reader)
    else:
        raise reader.fail(
            f"unknown game type {kind!r}; expected 'normal_form' or 'extensive_form'", ("type",)
        )
    values = data.get("values")
    if values:
        if not isinstance(values, dict):
            raise reader.fail("'values' must map parameter names to numbers", ("values",))
        mapping = {}
        for name, v in values.items():
            if name not in names:
                raise reader.fail(f"value for undeclared parameter {name!r}", ("values", name))
            mapping[names[name]] = _formula(v, {}, reader, ("values", name))
        try:
            game = game.subs(mapping)
        except GameError as exc:
            raise reader.fail(str(exc), ("values",)) from None
    return game


def _load_json(text: str, source: str) -> Any:
    """JSON with numbers kept as their text (read exactly later), a repeated key an
    error, and nesting bounded (checked before :func:`json.loads` recurses)."""
    depth = deepest = 0
    for mo in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        c = mo.group()[0]
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise ParseError(f"JSON nests {deepest} levels deep; the limit is {MAX_DEPTH}", source)

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _DuplicateKey(key)
            out[key] = value
        return out

    def integer(word: str) -> int:
        check_number_text(word)
        return int(word)

    def number(word: str) -> str:
        check_number_text(word)
        return word

    limit = sys.getrecursionlimit()
    try:
        # The C decoder does not recurse in Python, the pure one does: room for both.
        sys.setrecursionlimit(max(limit, 4 * deepest + 1000))
        return json.loads(text, parse_float=number, parse_int=integer, object_pairs_hook=unique)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg}", source, exc.lineno, exc.colno) from None
    except _DuplicateKey as exc:
        key = exc.args[0]
        line = col = None
        found = re.search(re.escape(json.dumps(key)) + r"\s*:", text)
        if found:  # the first use; the repeat follows it
            later = re.search(re.escape(json.dumps(key)) + r"\s*:", text[found.end():])
            at = found.end() + later.start() if later else found.start()
            line = text.count("\n", 0, at) + 1
            col = at - (text.rfind("\n", 0, at) + 1) + 1
        raise ParseError(f"the key {key!r} is given twice in one table", source, line, col) from None
    except ValueError as exc:  # a number beyond the limits
        raise ParseError(str(exc), source) from None
    finally:
        sys.setrecursionlimit(limit)


class _DuplicateKey(Exception):
    pass


def _check_name(name: str, reader: _Reader, path: Path) -> None:
    """A parameter name a formula can use, meaning what it says: an identifier that
    is not a Python keyword, already in the form Python reads it (NFKC: the micro sign
    ``µ`` is read as Greek ``μ``)."""
    normal = unicodedata.normalize("NFKC", name)
    if normal != name:
        raise reader.fail(
            f"parameter name {name!r} is read by formulas as {normal!r} (Unicode NFKC); "
            f"declare it as {normal!r}", path)
    if not name.isidentifier() or keyword.iskeyword(name):
        raise reader.fail(
            f"parameter name {name!r} cannot be used in a formula: it must be an identifier "
            "and not a Python keyword (such as 'lambda' or 'if')", path)


def _declare(table: Any, reader: _Reader) -> dict[str, sp.Symbol]:
    if not isinstance(table, dict):
        raise reader.fail("'parameters' must map names to their declarations", ("parameters",))
    names: dict[str, sp.Symbol] = {}
    scope = new_scope(reader.source)  # each definition read declares in a scope of its own
    for name, spec in table.items():
        path: Path = ("parameters", name)
        _check_name(name, reader, path)
        if isinstance(spec, str):
            spec = {"kind": spec}
        if not isinstance(spec, dict):
            raise reader.fail(f"parameter {name!r} must be a table such as {{\"kind\": \"real\"}}", path)
        unknown = set(spec) - {"kind", "default", "description", "unit", "source", "range"}
        if unknown:
            raise reader.fail(f"parameter {name!r}: unknown field(s) {sorted(unknown)}", path)
        rng = spec.get("range")
        if rng is not None and (not isinstance(rng, list) or len(rng) != 2):
            raise reader.fail(f"parameter {name!r}: 'range' must be [low, high]", (*path, "range"))
        try:
            names[name] = parameter(
                name,
                spec.get("kind", "real"),
                description=str(spec.get("description", "")),
                unit=str(spec.get("unit", "")),
                default=spec.get("default"),
                plausible_range=tuple(rng) if rng else None,
                source=str(spec.get("source", "")),
                scope=scope,
            )
        except GameError as exc:
            raise reader.fail(str(exc), path) from None
    return names


def _formula(value: Any, names: Mapping[str, sp.Symbol], reader: _Reader, path: Path) -> sp.Expr:
    if isinstance(value, bool) or not isinstance(value, int | str):
        shown = json.dumps(value) if isinstance(value, list | dict | float) else repr(value)
        raise reader.fail(
            f"expected a number or a formula, got {shown} ({type(value).__name__})", path)
    line, col = reader.where(path)
    try:
        return parse_formula(str(value), dict(names), source=reader.source, line=line,
                             column=None if col is None else col + (1 if isinstance(value, str) else 0))
    except ParseError as exc:
        raise ParseError(f"{exc.message} (at {'/'.join(map(str, path))})", exc.source,
                         exc.line, exc.column) from None


def _normal_form(data: dict[str, Any], names: Mapping[str, sp.Symbol], reader: _Reader
                 ) -> NormalFormGame:
    players = data.get("players")
    if not isinstance(players, dict) or not players:
        raise reader.fail("'players' must map each player to a list of strategies", ("players",))
    labels: list[list[str]] = []
    for pl, strategies in players.items():
        if (not isinstance(strategies, list) or not strategies
                or not all(isinstance(s, str) and s.strip() for s in strategies)):
            raise reader.fail(f"player {pl!r} needs a list of strategy names", ("players", pl))
        if len(set(strategies)) != len(strategies):
            raise reader.fail(f"player {pl!r} has a strategy listed twice", ("players", pl))
        labels.append(strategies)
    n = len(labels)
    shape = tuple(len(s) for s in labels)
    payoffs = np.empty((n, *shape), dtype=object)
    table = data.get("payoffs")
    if isinstance(table, dict):
        seen = set()
        for key, cell in table.items():
            parts = tuple(p.strip() for p in key.split(","))
            path: Path = ("payoffs", key)
            if len(parts) != n:
                raise reader.fail(f"profile {key!r} names {len(parts)} strategies for {n} players", path)
            try:
                prof = tuple(labels[i].index(s) for i, s in enumerate(parts))
            except ValueError:
                bad = next(s for i, s in enumerate(parts) if s not in labels[i])
                raise reader.fail(f"profile {key!r}: unknown strategy {bad!r}", path) from None
            if prof in seen:
                raise reader.fail(f"profile {key!r} is given twice", path)
            seen.add(prof)
            _cell(payoffs, prof, cell, names, reader, path)
        for prof in itertools.product(*[range(k) for k in shape]):
            if prof not in seen:
                missing = ",".join(labels[i][s] for i, s in enumerate(prof))
                raise reader.fail(f"no payoffs for the profile {missing!r}", ("payoffs",))
    elif isinstance(table, list):
        for prof in itertools.product(*[range(k) for k in shape]):
            node: Any = table
            for depth, s in enumerate(prof):
                if not isinstance(node, list) or len(node) != shape[depth]:
                    where = ("payoffs", *prof[:depth])
                    raise reader.fail(
                        f"expected a list of {shape[depth]} entries for the strategies of "
                        f"{list(players)[depth]!r}", where)
                node = node[s]
            _cell(payoffs, prof, node, names, reader, ("payoffs", *prof))
    else:
        raise reader.fail("'payoffs' must be a table of profiles or nested lists", ("payoffs",))
    title = data.get("title", "")
    if not isinstance(title, str):
        raise reader.fail("'title' must be text", ("title",))
    return NormalFormGame(payoffs, players=list(players), strategies=labels, title=title)


def _cell(payoffs: np.ndarray, prof: tuple[int, ...], cell: Any, names: Mapping[str, sp.Symbol],
          reader: _Reader, path: Path) -> None:
    n = payoffs.shape[0]
    if not isinstance(cell, list) or len(cell) != n:
        raise reader.fail(f"expected a list of {n} payoffs (one per player)", path)
    for i, v in enumerate(cell):
        payoffs[(i, *prof)] = _formula(v, names, reader, (*path, i))


def _text(value: sp.Expr) -> Any:
    if isinstance(value, sp.Integer):
        return int(value)
    if isinstance(value, sp.Float):
        return float(value)
    return str(value)


def format_definition(game: Any) -> str:
    """The game as a JSON definition (payoffs as exact text, parameters declared)."""
    return json.dumps(definition_table(game), indent=2) + "\n"


def format_definition_toml(game: Any) -> str:
    """The game as a TOML definition: the same table as :func:`format_definition`.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> parse_definition(format_definition_toml(g), fmt="toml") == g
    True
    """
    return to_toml(definition_table(game))


def definition_table(game: Any) -> dict[str, Any]:
    """The definition of a game as a table of plain values (JSON's and TOML's)."""
    from ..games.extensive_form import ExtensiveFormGame

    if isinstance(game, ExtensiveFormGame):
        data = dict(game.to_definition())
        params = game.parameters
    elif isinstance(game, NormalFormGame):
        params = game.parameters
        data = {"type": "normal_form"}
        if game.title:
            data["title"] = game.title
        data["players"] = {pl: list(s) for pl, s in zip(game.players, game.strategies)}
        data["payoffs"] = {
            ",".join(game.strategies[i][s] for i, s in enumerate(prof)): [
                _text(game.payoffs[(i, *prof)]) for i in range(game.n_players)
            ]
            for prof in game.profiles()
        }
    else:
        raise ParseError(f"cannot write a {type(game).__name__} as a game definition")
    if params and "parameters" not in data:
        declared = {}
        for sym in params:
            info = parameter_info(sym)
            spec: dict[str, Any] = {"kind": info.kind}
            if info.default is not None:
                spec["default"] = str(info.default)
            for fld in ("description", "unit", "source"):
                if getattr(info, fld):
                    spec[fld] = getattr(info, fld)
            if info.plausible_range is not None:
                spec["range"] = [str(v) for v in info.plausible_range]
            declared[sym.name] = spec
        data = {"type": data.pop("type", "normal_form"), "parameters": declared, **data}
    return data
