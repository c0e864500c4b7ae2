"""Gambit's strategic-form file format (``.nfg``), read and written exactly.

Both versions of the format are read:

* the *payoff* version, where the header is followed by one payoff per player for
  every profile, the first player's strategy varying fastest::

      NFG 1 R "Battle of the sexes" { "Row" "Column" } { 2 2 }
      2 1 0 0 0 0 1 2

* the *outcome* version, with a list of outcomes (a label and one payoff per player)
  followed by the outcome number of every profile (``0`` is the null outcome, all
  payoffs zero)::

      NFG 1 R "Battle of the sexes" { "Row" "Column" }
      { { "Opera" "Football" } { "Opera" "Football" } }
      ""
      { { "both opera" 2, 1 } { "" 0, 0 } { "both football" 1, 2 } }
      1 2 2 3

Players and strategies are identified by position: repeated or empty labels are kept
and numbered as pygambit numbers them (``"x" "x" ""`` reads as ``x_1 x_2 _1``; see
:mod:`gametheory.io.labels`), never merged.

Numbers are read exactly: ``3``, ``-3/4`` and decimals such as ``0.25`` (which is
1/4) become rationals. The text is scanned once with a regular expression, so reading
is linear in the file's length. A malformed file raises
:class:`~gametheory.errors.ParseError` with the file, line and column.

:func:`format_nfg` writes the outcome version by default (it keeps strategy labels and
is what Gambit itself writes), or the payoff version with ``outcomes=False``; exact
rationals are written as ``p/q``.

Examples
--------
>>> g = parse_nfg('NFG 1 R "PD" { "A" "B" } { 2 2 } 3 3 5 0 0 5 1 1')
>>> g.payoff("A", ("2", "1")), g.strategies[0]
(5, ('1', '2'))
>>> parse_nfg(format_nfg(g)) == g
True
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ParseError, ValidationError
from ..games.normal_form import NormalFormGame
from .labels import unique_labels
from .limits import MAX_CELLS, check_number_text

__all__ = ["parse_nfg", "format_nfg"]

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\f\v]+|\n)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<comma>,)
  | (?P<number>[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?:/\d+)?)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<bad>"|.)
    """,
    re.VERBOSE | re.DOTALL,
)


class _Tokens:
    """The tokens of a file with their positions, and a cursor over them."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.items: list[tuple[str, str, int, int]] = []
        line, line_start = 1, 0
        for mo in _TOKEN.finditer(text):
            kind = mo.lastgroup or "bad"
            value = mo.group()
            col = mo.start() - line_start + 1
            if kind == "ws":
                if value == "\n":
                    line += 1
                    line_start = mo.end()
                continue
            if kind == "bad":
                what = "an unterminated string" if value == '"' else f"unexpected character {value!r}"
                raise ParseError(what, source, line, col)
            self.items.append((kind, value, line, col))
            if kind == "string" and "\n" in value:
                line += value.count("\n")
                line_start = mo.start() + value.rfind("\n") + 1
        self.end = (line, len(text) - line_start + 1)
        self.pos = 0

    def fail(self, message: str, at: int | None = None) -> ParseError:
        k = self.pos if at is None else at
        if k < len(self.items):
            _, _, line, col = self.items[k]
        else:
            line, col = self.end
            message += " (at the end of the file)"
        return ParseError(message, self.source, line, col)

    def peek(self) -> str | None:
        return self.items[self.pos][0] if self.pos < len(self.items) else None

    def take(self, kind: str, what: str) -> str:
        if self.peek() != kind:
            got = self.items[self.pos][1] if self.pos < len(self.items) else "nothing"
            raise self.fail(f"expected {what}, found {got!r}")
        value = self.items[self.pos][1]
        self.pos += 1
        return value

    def string(self, what: str) -> str:
        raw = self.take("string", what)
        return re.sub(r"\\(.)", r"\1", raw[1:-1], flags=re.DOTALL)

    def number(self, what: str) -> sp.Rational:
        text = self.take("number", what)
        try:
            check_number_text(text)
        except ValueError as exc:
            raise self.fail(str(exc), self.pos - 1) from None
        try:
            f = Fraction(text)
        except (ZeroDivisionError, ValueError):
            raise self.fail(f"{text!r} is not a number (division by zero?)", self.pos - 1) from None
        return sp.Rational(f.numerator, f.denominator)

    def integer(self, what: str) -> int:
        text = self.take("number", what)
        if not re.fullmatch(r"\+?\d+", text):
            raise self.fail(f"expected {what} (a whole number), found {text!r}", self.pos - 1)
        return int(text)


def parse_nfg(text: str, source: str = "<nfg>") -> NormalFormGame:
    """Read a game in Gambit's ``.nfg`` format (payoff or outcome version).

    Parameters
    ----------
    text
        The contents of the file.
    source
        The file name, used in error messages.

    Raises
    ------
    ParseError
        With the file, line and column of the first fault.
    """
    tok = _Tokens(text, source)
    if tok.take("word", "the keyword NFG") != "NFG":
        raise tok.fail("a .nfg file starts with 'NFG 1 R' (or 'NFG 1 D')", 0)
    version = tok.integer("the format version 1")
    if version != 1:
        raise tok.fail(f"unsupported .nfg version {version}; only version 1 exists", tok.pos - 1)
    kind = tok.take("word", "R or D (the number type)")
    if kind not in ("R", "D"):
        raise tok.fail(f"expected R or D after 'NFG 1', found {kind!r}", tok.pos - 1)
    title = tok.string("the title in double quotes")
    tok.take("open", "'{' before the player names")
    players = []
    while tok.peek() == "string":
        players.append((tok.string("a player name"), tok.pos - 1))
    tok.take("close", "'}' after the player names")
    if not players:
        raise tok.fail("the game has no players", tok.pos - 1)
    n = len(players)
    tok.take("open", "'{' before the strategies")
    strategies: list[list[str]] = []
    if tok.peek() == "number":
        # Payoff version: strategy counts only.
        for _ in range(n):
            count = tok.integer("a number of strategies")
            if count < 1:
                raise tok.fail("every player needs at least one strategy", tok.pos - 1)
            strategies.append([str(j + 1) for j in range(count)])
        tok.take("close", f"'}}' after the {n} strategy counts")
        outcome_version = False
    else:
        for p in range(n):
            start = tok.pos
            tok.take("open", f"'{{' before the strategies of player {players[p][0]!r}")
            labels: list[str] = []
            while tok.peek() == "string":
                labels.append(tok.string("a strategy label"))
            tok.take("close", f"'}}' after the strategies of player {players[p][0]!r}")
            if not labels:
                raise tok.fail(f"player {players[p][0]!r} has no strategies", start)
            strategies.append(list(unique_labels(labels)))
        tok.take("close", f"'}}' after the strategies of the {n} players")
        outcome_version = True
    if tok.peek() == "string":
        tok.string("the comment")  # the description: not part of the game
    shape = tuple(len(s) for s in strategies)
    cells = 1
    for k in shape:
        cells *= k
    # The header's sizes against the numbers the file holds, before allocating.
    needed = cells * (1 if outcome_version else n)
    present = len(tok.items) - tok.pos
    # (A small table that runs short is read until the end, which names the position.)
    if cells > MAX_CELLS or (needed > present and cells > 4096):
        raise tok.fail(
            f"the header declares {' x '.join(map(str, shape))} strategies ({cells} profiles, "
            f"{needed} numbers), but the file holds {present} more tokens"
            + (f" (and the limit is {MAX_CELLS} profiles)" if cells > MAX_CELLS else ""),
            0,
        )
    payoffs = np.empty((n, *shape), dtype=object)
    # Gambit lists profiles with the first player's strategy varying fastest.
    profiles = [tuple(reversed(p)) for p in itertools.product(*[range(k) for k in reversed(shape)])]
    if tok.peek() == "open" and outcome_version:
        _read_outcomes(tok, payoffs, profiles, n)
    elif tok.peek() == "open":
        raise tok.fail("an outcome list needs strategy labels in the header, not counts")
    else:
        for prof in profiles:
            for i in range(n):
                payoffs[(i, *prof)] = tok.number(
                    f"the payoff of player {i + 1} at profile {tuple(s + 1 for s in prof)}"
                )
    if tok.peek() is not None:
        raise tok.fail("unexpected text after the payoffs")
    names = list(unique_labels([name for name, _ in players]))
    try:
        return NormalFormGame(payoffs, players=names, strategies=strategies, title=title)
    except ValidationError as exc:
        raise ParseError(str(exc), source, 1, 1) from None


def _read_outcomes(tok: _Tokens, payoffs: np.ndarray, profiles: list[tuple[int, ...]], n: int) -> None:
    tok.take("open", "'{' before the outcomes")
    outcomes: list[list[sp.Rational]] = [[sp.Integer(0)] * n]
    while tok.peek() == "open":
        tok.pos += 1
        tok.string("the outcome's label in double quotes")
        values = []
        while tok.peek() in ("number", "comma"):
            if tok.peek() == "comma":
                tok.pos += 1
                continue
            values.append(tok.number("a payoff"))
        if len(values) != n:
            raise tok.fail(f"outcome {len(outcomes)} has {len(values)} payoffs for {n} players")
        tok.take("close", "'}' after the outcome's payoffs")
        outcomes.append(values)
    tok.take("close", "'}' after the outcomes")
    for prof in profiles:
        at = tok.pos
        k = tok.integer(f"the outcome number of profile {tuple(s + 1 for s in prof)}")
        if k >= len(outcomes):
            raise tok.fail(f"outcome {k} does not exist (there are {len(outcomes) - 1})", at)
        for i in range(n):
            payoffs[(i, *prof)] = outcomes[k][i]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value: Any, where: str) -> str:
    if isinstance(value, sp.Integer):
        return str(int(value))
    if isinstance(value, sp.Rational):
        return f"{value.p}/{value.q}"
    if isinstance(value, sp.Float):
        # Gambit reads decimals exactly; repr is the shortest text for this float.
        text = repr(float(value))
        return text if "e" not in text else str(Fraction(float(value)))
    raise ValidationError(f"{where}: a .nfg file needs numbers, got the expression {value}")


def format_nfg(game: NormalFormGame, *, outcomes: bool = True) -> str:
    """Write a game in Gambit's ``.nfg`` format.

    Parameters
    ----------
    game
        A game with numbers (substitute any parameters first).
    outcomes
        Write the outcome version (keeps strategy labels; default) or, if False, the
        payoff version (strategy counts only).
    """
    if not isinstance(game, NormalFormGame):
        convert = getattr(game, "to_normal_form", None)
        if convert is None:
            raise ValidationError(f"cannot write a {type(game).__name__} as .nfg")
        game = convert()
    n = game.n_players
    profiles = [tuple(reversed(p)) for p in itertools.product(*[range(k) for k in reversed(game.shape)])]
    head = f"NFG 1 R {_quote(game.title)} {{ " + " ".join(_quote(p) for p in game.players) + " }"

    def cell(prof: tuple[int, ...]) -> list[str]:
        where = "payoff at (" + ", ".join(game.strategies[i][s] for i, s in enumerate(prof)) + ")"
        return [_number(game.payoffs[(i, *prof)], where) for i in range(n)]

    if not outcomes:
        counts = " ".join(str(k) for k in game.shape)
        body = " ".join(v for prof in profiles for v in cell(prof))
        return f"{head} {{ {counts} }}\n\"\"\n\n{body}\n"
    lines = [head + "\n", "{ " + " ".join(
        "{ " + " ".join(_quote(s) for s in labels) + " }" for labels in game.strategies
    ) + " }", '""', "", "{"]
    for k, prof in enumerate(profiles):
        lines.append(f'{{ "{k + 1}" ' + ", ".join(cell(prof)) + " }")
    lines.append("}")
    lines.append(" ".join(str(k + 1) for k in range(len(profiles))))
    return "\n".join(lines) + "\n"
