"""Writing a game definition as TOML (Python reads TOML, but has no writer).

The definition is the same table :func:`gametheory.io.definition.format_definition`
writes as JSON: top-level values first, then one ``[table]`` per top-level table
(``parameters``, ``players``, ``payoffs``), with deeper tables inline. Strings are
TOML basic strings, so any label round-trips.

Examples
--------
>>> print(to_toml({"type": "normal_form", "players": {"Row": ["U", "D"]},
...                "payoffs": {"U,L": [1, "x/2"]}}), end="")
type = "normal_form"
<BLANKLINE>
[players]
Row = ["U", "D"]
<BLANKLINE>
[payoffs]
"U,L" = [1, "x/2"]
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from ..errors import ParseError

__all__ = ["to_toml"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    # JSON's escapes are TOML's, except that TOML also forbids a raw DEL.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def _value(value: Any) -> str:
    # Tables and arrays nest by an explicit stack of pending closings (no recursion),
    # so a deep extensive-form tree does not exhaust Python's stack here.
    out: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Raw):
            out.append(item.text)
        elif isinstance(item, bool):
            out.append("true" if item else "false")
        elif isinstance(item, int):
            out.append(str(item))
        elif isinstance(item, float):
            out.append(("-inf" if item < 0 else "inf") if math.isinf(item)
                       else "nan" if math.isnan(item) else repr(item))
        elif isinstance(item, str):
            out.append(_string(item))
        elif isinstance(item, Mapping):
            parts: list[Any] = [_Raw("{")]
            for k, (key, v) in enumerate(item.items()):
                parts += [_Raw((", " if k else " ") + _key(str(key)) + " = "), v]
            parts.append(_Raw(" }" if item else "}"))
            stack.extend(reversed(parts))
        elif isinstance(item, list | tuple):
            parts = [_Raw("[")]
            for k, v in enumerate(item):
                if k:
                    parts.append(_Raw(", "))
                parts.append(v)
            parts.append(_Raw("]"))
            stack.extend(reversed(parts))
        else:
            raise ParseError(f"cannot write {type(item).__name__} {item!r} to TOML")
    return "".join(out)


class _Raw:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def to_toml(data: Mapping[str, Any]) -> str:
    """The TOML text of a table (a game definition).

    Parameters
    ----------
    data
        Keys to strings, numbers, booleans, lists and tables.

    Returns
    -------
    str
        TOML that :mod:`tomllib` reads back to ``data``.
    """
    lines = [f"{_key(k)} = {_value(v)}" for k, v in data.items() if not isinstance(v, Mapping)]
    for k, v in data.items():
        if isinstance(v, Mapping):
            lines += ["", f"[{_key(k)}]"] + [f"{_key(str(kk))} = {_value(vv)}" for kk, vv in v.items()]
    return "\n".join(lines) + "\n"
