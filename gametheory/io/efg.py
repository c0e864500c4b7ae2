"""Gambit's extensive-form file format (``.efg``, version 2, rational and decimal).

A file holds a header (``EFG 2 R "title" { "P1" "P2" } "comment"``) and the nodes in
preorder, one record each::

    p "label" player infoset "infoset label" { "a" "b" } outcome "name" { 1, 2 }
    c "label" infoset "infoset label" { "H" 1/2 "T" 1/2 } outcome ...
    t "label" outcome "name" { 1, 2 }

The action list of an information set may be left out at its later members, and an
outcome's name and payoffs at its later uses; Gambit repeats them, and so does
:func:`format_efg`. Outcomes may sit on any node; payoffs add up along a path.
Actions, players and outcomes are identified by position and number: repeated or
empty action labels (at personal and chance moves) and player names are kept and
numbered as pygambit numbers them (``"x" "x"`` reads as ``x_1 x_2``; see
:mod:`gametheory.io.labels`), never merged. An outcome number names one outcome: given
different payoffs twice, or negative, it is a :class:`~gametheory.errors.ParseError`.
Numbers are read exactly (``1/3``, ``0.25``). The reader is one pass over a token
stream, linear in the size of the file, builds node tables directly (no object per
node) and converts each distinct number once.

Examples
--------
>>> text = '''EFG 2 R "Entry" { "Entrant" "Incumbent" }
... ""
... p "" 1 1 "entrant" { "Out" "In" } 0
... t "" 1 "Out" { 0, 2 }
... p "" 2 1 "incumbent" { "Fight" "Accommodate" } 0
... t "" 2 "Fight" { -1, -1 }
... t "" 3 "Acc" { 1, 1 }
... '''
>>> game = parse_efg(text)
>>> game.players, game.infosets["incumbent"].actions
(('Entrant', 'Incumbent'), ('Fight', 'Accommodate'))
"""

from __future__ import annotations

import bisect
import gc
import os
import re
import stat
from fractions import Fraction
from typing import Any

import sympy as sp

from ..errors import GameError, ParseError
from .efg_fast import PAD, read_buffer, read_fast
from .labels import unique_labels
from .limits import MAX_FILE_BYTES, check_number_text, read_limited

__all__ = ["parse_efg", "format_efg", "read_efg_file"]

# Commas match nothing, so the scan skips them like white space (Gambit allows both).
_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*")|([{}])|([^\s{}",]+)|([^\s,])', re.S)


class _Tokens:
    """A token stream; token positions (line, column) are recovered only on error.

    ``re.findall`` tokenizes the whole text in C, which is what keeps reading linear and
    fast; the position of token ``k`` is found again by rescanning when it is needed.
    """

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.items: list[tuple[str, str, str, str]] = _TOKEN.findall(text)
        self.i = 0
        self._lines: list[int] | None = None
        for k, item in enumerate(self.items):
            if item[3]:
                self.i = k
                what = "a quote that is never closed" if item[3] == '"' else f"unexpected character {item[3]!r}"
                raise self.fail(what)

    def position(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._lines, offset)
        return line, offset - self._lines[line - 1] + 1

    def offset_of(self, index: int) -> int:
        for k, m in enumerate(_TOKEN.finditer(self.text)):
            if k == index:
                return m.start()
        return len(self.text)

    def fail(self, message: str) -> ParseError:
        line, col = self.position(self.offset_of(self.i))
        return ParseError(message, self.source, line, col)

    def kind(self) -> str | None:
        if self.i >= len(self.items):
            return None
        q, b, w, _bad = self.items[self.i]
        return "s" if q else (b or "w")

    def next(self, kind: str, what: str) -> str:
        if self.i >= len(self.items):
            raise self.fail(f"expected {what}, found the end of the file")
        q, b, w, _bad = self.items[self.i]
        if kind == "s" and q:
            self.i += 1
            value = q[1:-1]
            return value.replace('\\"', '"').replace("\\\\", "\\") if "\\" in value else value
        if kind == "w" and w:
            self.i += 1
            return w
        if b and kind == b:
            self.i += 1
            return b
        raise self.fail(f"expected {what}, found {q or b or w}")

    def integer(self, what: str) -> int:
        word = self.next("w", what)
        try:
            return int(word)
        except ValueError:
            self.i -= 1
            raise self.fail(f"expected {what} (a whole number), found {word}") from None


class _Numbers:
    """Each distinct number text converted to sympy once (trees repeat payoffs a lot)."""

    def __init__(self, tokens: _Tokens) -> None:
        self.cache: dict[str, sp.Expr] = {}
        self.tokens = tokens

    def read(self, what: str) -> sp.Expr:
        word = self.tokens.next("w", what)
        value = self.cache.get(word)
        if value is None:
            try:
                check_number_text(word)
            except ValueError as exc:
                self.tokens.i -= 1
                raise self.tokens.fail(str(exc)) from None
            try:
                f = Fraction(word)
            except (ValueError, ZeroDivisionError):
                self.tokens.i -= 1
                raise self.tokens.fail(f"expected {what}, found {word}") from None
            value = sp.Rational(f.numerator, f.denominator)
            self.cache[word] = value
        return value


def chance_problem(probs: tuple[sp.Expr, ...] | list[sp.Expr], decimal: bool) -> str | None:
    """What is wrong with a chance distribution read from a file, or ``None``: a
    negative probability, or a sum other than 1 (exactly in an ``R`` file; within
    ``1e-9`` in a ``D`` file, whose decimals may round a fraction such as 1/3)."""
    for q in probs:
        if q < 0:
            return f"the chance probability {q} is negative"
    total = sum(probs, sp.Integer(0))
    if total != 1 and not (decimal and abs(total - 1) <= sp.Rational(1, 10**9)):
        return f"the chance probabilities sum to {total}, not 1"
    return None


def parse_efg(text: str, source: str = "<efg>") -> Any:
    """Read a Gambit ``.efg`` (version 2) text into an :class:`~gametheory.ExtensiveFormGame`.

    Information-set labels are kept where they are non-empty and unique; otherwise the
    set is named ``"<player>:<number>"`` (``"chance:<number>"``). Raises
    :class:`~gametheory.errors.ParseError` with line and column on malformed input.

    Files with one node per line (as Gambit and :func:`format_efg` write them) are read
    line by line with one regular expression per line; anything else, and every file
    with an error, goes through the general tokenizer, which names line and column.
    """
    # Building a million small tuples triggers the cyclic collector again and again for
    # nothing (they hold no cycles); pausing it makes big files read about 3x faster.
    enabled = gc.isenabled()
    gc.disable()
    try:
        fast = _parse_by_lines(text, source)
        if fast is not None:
            return fast
        return _parse_tokens(text, source)
    finally:
        if enabled:
            gc.enable()


def read_efg_file(path: str, source: str) -> Any:
    """Read a ``.efg`` file: big ASCII files in Gambit's layout straight from a buffer
    that the file is read into (no copy of the text), anything else by :func:`parse_efg`.
    Raises :class:`OSError` and :class:`UnicodeDecodeError` as reading the text would,
    and :class:`ValueError` for a file beyond :data:`~gametheory.io.limits.MAX_FILE_BYTES`."""
    with open(path, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device: size unknown
            return parse_efg(read_limited(path).decode("utf-8"), source)
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"the file has {size} bytes; the limit is {MAX_FILE_BYTES}")
        buf = bytearray(size + PAD + 1)
        got = f.readinto(buf)
    if got == size and buf.isascii():
        head = _HEADER.match(buf[: min(size, 1 << 16)].decode("ascii"))
        if head is not None:
            players = list(unique_labels(_QUOTED.findall(head.group(3))))
            if players:
                game = read_buffer(buf, head.end(), size - head.end(), players, head.group(2),
                                   head.group(1) == "D")
                if game is not None:
                    return game
    return parse_efg(bytes(buf[:got]).decode("utf-8"), source)


_HEADER = re.compile(
    r'\s*EFG\s+2\s+([RD])\s+"([^"\\]*)"\s*\{((?:\s*"[^"\\]*")*)\s*\}\s*(?:"[^"\\]*")?[ \t]*\n'
)
_LABEL = r'"([^"\\]*)"'
_PAYOFFS = r'(?: ' + _LABEL + r' \{([^{}"]*)\})?'
_LINE_T = re.compile(r'\s*t ' + _LABEL + r' (\d+)' + _PAYOFFS + r'\s*$')
_LINE_P = re.compile(
    r'\s*p ' + _LABEL + r' (\d+) (\d+)(?: ' + _LABEL + r' \{((?:\s*"[^"\\]*")*)\s*\})? (\d+)' + _PAYOFFS + r'\s*$'
)
_LINE_C = re.compile(
    r'\s*c ' + _LABEL + r' (\d+)(?: ' + _LABEL + r' \{([^{}]*)\})? (\d+)' + _PAYOFFS + r'\s*$'
)
_QUOTED = re.compile(_LABEL)


def _parse_by_lines(text: str, source: str) -> Any:
    """The fast path: ``None`` where the file is not one well-formed node per line."""
    head = _HEADER.match(text)
    if head is None:
        return None
    players = list(unique_labels(_QUOTED.findall(head.group(3))))
    n = len(players)
    if not n:
        return None
    # Big files as Gambit writes them: checked and read with numpy, tables built on use.
    game = read_fast(text[head.end():], players, head.group(2), head.group(1) == "D")
    if game is not None:
        return game
    cache: dict[str, sp.Expr] = {}

    def number(word: str) -> sp.Expr:
        value = cache.get(word)
        if value is None:
            check_number_text(word)  # a ValueError: the careful reader names the line
            f = Fraction(word)
            value = cache[word] = sp.Rational(f.numerator, f.denominator)
        return value

    kinds: list[str] = []
    parent: list[int] = []
    actions: list[tuple[str, ...]] = []
    player: list[int] = []
    infoset: list[str | None] = []
    probabilities: list[tuple[sp.Expr, ...]] = []
    outcomes: list[tuple[sp.Expr, ...] | None] = []
    labels: list[str] = []
    known_infosets: dict[tuple[int, int], tuple[tuple[str, ...], tuple[sp.Expr, ...]]] = {}
    raw_labels: dict[tuple[int, int], str] = {}
    raw_actions: dict[tuple[int, int], tuple[str, ...]] = {}
    known_outcomes: dict[str, tuple[sp.Expr, ...]] = {}
    vectors: dict[str, tuple[sp.Expr, ...]] = {}
    zero = (sp.Integer(0),) * n
    stack: list[list[int]] = []
    try:
        for line in text[head.end():].split("\n"):
            if not line or line.isspace():
                continue
            if kinds and not stack:
                return None
            first = line.lstrip()[:1]
            here = len(kinds)
            if first == "t":
                m = _LINE_T.match(line)
                if m is None:
                    return None
                label, out, _name, pays = m.groups()
                kinds.append("terminal")
                actions.append(())
                player.append(-1)
                infoset.append(None)
                probabilities.append(())
            elif first in ("p", "c"):
                if first == "p":
                    m = _LINE_P.match(line)
                    if m is None:
                        return None
                    label, pl_text, number_text, h_label, acts_text, out, _name, pays = m.groups()
                    pl = int(pl_text)
                    if not 1 <= pl <= n:
                        return None
                else:
                    m = _LINE_C.match(line)
                    if m is None:
                        return None
                    label, number_text, h_label, acts_text, out, _name, pays = m.groups()
                    pl = 0
                key = (pl, int(number_text))
                if acts_text is not None:
                    if first == "p":
                        acts = tuple(_QUOTED.findall(acts_text))
                        probs: tuple[sp.Expr, ...] = ()
                    else:
                        parts = re.findall(r'"([^"\\]*)"\s+([^\s"]+)', acts_text)
                        acts = tuple(a for a, _q in parts)
                        probs = tuple(number(q) for _a, q in parts)
                        if chance_problem(probs, head.group(1) == "D"):
                            return None  # the careful reader names the line
                    if not acts or (key in known_infosets and raw_actions[key] != acts):
                        return None
                    raw_actions.setdefault(key, acts)
                    known_infosets.setdefault(key, (unique_labels(acts), probs))
                    raw_labels.setdefault(key, h_label)
                elif key not in known_infosets:
                    return None
                acts, probs = known_infosets[key]
                kinds.append("decision" if first == "p" else "chance")
                actions.append(acts)
                player.append(pl - 1)
                infoset.append(repr(key))
                probabilities.append(probs)
            else:
                return None
            parent.append(stack[-1][0] if stack else -1)
            if stack:
                stack[-1][1] -= 1
                if stack[-1][1] == 0:
                    stack.pop()
            if first != "t":
                stack.append([here, len(actions[-1])])
            labels.append(label)
            if out == "0":
                outcomes.append(zero if first == "t" else None)
            elif pays is not None:
                values = vectors.get(pays)  # type: ignore[assignment]
                if values is None:
                    values = vectors[pays] = tuple(number(w) for w in pays.replace(",", " ").split())
                if len(values) != n or known_outcomes.setdefault(out, values) != values:
                    return None  # the careful reader names the fault
                outcomes.append(values)
            elif out in known_outcomes:
                outcomes.append(known_outcomes[out])
            else:
                return None
    except (ValueError, ZeroDivisionError):
        return None
    if not kinds or stack:
        return None
    return _finish_tables(
        players, kinds, parent, actions, player, infoset, probabilities, outcomes, labels,
        head.group(2), raw_labels, source,
    )


def _parse_tokens(text: str, source: str) -> Any:
    tok = _Tokens(text, source)
    nums = _Numbers(tok)
    magic = tok.next("w", "'EFG'")
    if magic != "EFG":
        tok.i -= 1
        raise tok.fail(f"not an .efg file: expected 'EFG', found {magic}")
    version = tok.next("w", "the version number 2")
    if version != "2":
        tok.i -= 1
        raise tok.fail(f"only .efg version 2 is supported, found version {version}")
    kind = tok.next("w", "R or D")
    if kind not in ("R", "D"):
        tok.i -= 1
        raise tok.fail(f"expected R (rational) or D (decimal), found {kind}")
    title = tok.next("s", "the quoted title")
    tok.next("{", "'{' before the player names")
    players: list[str] = []
    while tok.kind() == "s":
        players.append(tok.next("s", "a player name"))
    tok.next("}", "'}' after the player names")
    if tok.kind() == "s":
        tok.next("s", "the comment")
    if not players:
        raise tok.fail("the game has no players")
    players = list(unique_labels(players))
    n = len(players)

    kinds: list[str] = []
    parent: list[int] = []
    actions: list[tuple[str, ...]] = []
    player: list[int] = []
    infoset: list[str | None] = []
    probabilities: list[tuple[sp.Expr, ...]] = []
    outcomes: list[tuple[sp.Expr, ...] | None] = []
    labels: list[str] = []
    known_infosets: dict[tuple[int, int], tuple[str, tuple[str, ...], tuple[sp.Expr, ...]]] = {}
    known_outcomes: dict[int, tuple[sp.Expr, ...]] = {}
    raw_infoset_labels: dict[tuple[int, int], str] = {}
    shown: dict[tuple[int, int], tuple[str, ...]] = {}  # the action labels, made unique
    # (parent, children still to come): nodes arrive in preorder.
    open_nodes: list[list[int]] = []
    while tok.kind() is not None:
        if kinds and not open_nodes:
            raise tok.fail("text after the last node of the tree")
        start = tok.i
        code = tok.next("w", "a node type (p, c or t)")
        here = len(kinds)
        if open_nodes:
            parent.append(open_nodes[-1][0])
            open_nodes[-1][1] -= 1
            if open_nodes[-1][1] == 0:
                open_nodes.pop()
        else:
            parent.append(-1)
        labels.append(tok.next("s", "the node's quoted label"))
        if code == "t":
            kinds.append("terminal")
            actions.append(())
            player.append(-1)
            infoset.append(None)
            probabilities.append(())
        elif code in ("p", "c"):
            if code == "p":
                pl = tok.integer("the player number")
                if not 1 <= pl <= n:
                    tok.i -= 1
                    raise tok.fail(f"player {pl} does not exist; the game has {n} players")
            else:
                pl = 0
            number = tok.integer("the information set number")
            key = (pl, number)
            if tok.kind() == "s":
                lab = tok.next("s", "the information set label")
                acts: list[str] = []
                probs: list[sp.Expr] = []
                tok.next("{", "'{' before the actions")
                prob_at: list[int] = []
                while tok.kind() == "s":
                    acts.append(tok.next("s", "an action label"))
                    if code == "c":
                        prob_at.append(tok.i)
                        probs.append(nums.read("a probability"))
                tok.next("}", "'}' after the actions")
                if not acts:
                    raise tok.fail("an information set needs at least one action")
                problem = chance_problem(probs, kind == "D") if code == "c" else None
                if problem is not None:
                    negative = [k for k, q in zip(prob_at, probs) if q < 0]
                    tok.i = negative[0] if negative else start
                    raise tok.fail(problem)
                if key in known_infosets and known_infosets[key][1] != tuple(acts):
                    tok.i = start
                    raise tok.fail(
                        f"information set {number} of player {pl} is given different actions here"
                    )
                known_infosets.setdefault(key, (lab, tuple(acts), tuple(probs)))
                shown.setdefault(key, unique_labels(acts))
                raw_infoset_labels.setdefault(key, lab)
            elif key not in known_infosets:
                raise tok.fail(f"information set {number} is used before its actions are given")
            _lab, _raw, probs_t = known_infosets[key]
            acts_t = shown[key]
            kinds.append("decision" if code == "p" else "chance")
            actions.append(acts_t)
            player.append(pl - 1 if code == "p" else -1)
            infoset.append(repr(key))  # renamed below once every label is known
            probabilities.append(probs_t if code == "c" else ())
            open_nodes.append([here, len(acts_t)])
        else:
            tok.i = start
            raise tok.fail(f"expected a node type (p, c or t), found {code}")
        outcome = tok.integer("the outcome number")
        if outcome < 0:
            tok.i -= 1
            raise tok.fail(f"outcome numbers are 0 (none) or positive, found {outcome}")
        payoff: tuple[sp.Expr, ...] | None = None
        if tok.kind() == "s" and outcome != 0:
            tok.next("s", "the outcome name")
            tok.next("{", "'{' before the payoffs")
            values = []
            while tok.kind() == "w":
                values.append(nums.read("a payoff"))
            tok.next("}", "'}' after the payoffs")
            if len(values) != n:
                tok.i -= 1
                raise tok.fail(f"outcome {outcome} has {len(values)} payoffs for {n} players")
            payoff = tuple(values)
            if known_outcomes.setdefault(outcome, payoff) != payoff:
                tok.i = start
                raise tok.fail(
                    f"outcome {outcome} is given payoffs {list(payoff)} here and "
                    f"{list(known_outcomes[outcome])} before; an outcome number names one outcome"
                )
        elif outcome != 0:
            if outcome not in known_outcomes:
                raise tok.fail(f"outcome {outcome} is used before its payoffs are given")
            payoff = known_outcomes[outcome]
        if code == "t" and payoff is None:
            payoff = (sp.Integer(0),) * n
        outcomes.append(payoff)
    if not kinds:
        raise tok.fail("the file has no nodes")
    if open_nodes:
        raise tok.fail(f"the file ends before node {open_nodes[-1][0] + 1} has all its children")

    return _finish_tables(
        players, kinds, parent, actions, player, infoset, probabilities, outcomes, labels,
        title, raw_infoset_labels, source,
    )


def _finish_tables(
    players: list[str], kinds: list[str], parent: list[int], actions: list[tuple[str, ...]],
    player: list[int], infoset: list[str | None], probabilities: list[tuple[sp.Expr, ...]],
    outcomes: list[tuple[sp.Expr, ...] | None], labels: list[str], title: str,
    raw_infoset_labels: dict[tuple[int, int], str], source: str,
) -> Any:
    from ..games.extensive_form import ExtensiveFormGame

    # Keep Gambit's labels where they identify a set; otherwise name it by its number.
    counts: dict[str, int] = {}
    for lab in raw_infoset_labels.values():
        counts[lab] = counts.get(lab, 0) + 1
    names: dict[str, str] = {}
    for key, lab in raw_infoset_labels.items():
        pl, number = key
        who = "chance" if pl == 0 else players[pl - 1]
        names[repr(key)] = lab if lab and counts[lab] == 1 else f"{who}:{number}"
    infoset = [None if h is None else names[h] for h in infoset]
    try:
        return ExtensiveFormGame.from_tables(
            players, kinds, parent, actions, player, infoset, probabilities, outcomes, labels, title
        )
    except ParseError:
        raise
    except GameError as exc:  # a ValidationError from the game names the node
        raise ParseError(str(exc), source) from None


# ----------------------------------------------------------------------- writing
def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value: sp.Expr, where: Any) -> str:
    """``value`` as .efg text; ``where`` (text, or a function giving it) names the node."""
    if isinstance(value, sp.Integer):
        return str(int(value))
    if isinstance(value, sp.Rational):
        return f"{value.p}/{value.q}"
    if isinstance(value, sp.Float):
        return repr(float(value))
    raise ParseError(
        f"cannot write {value} ({where() if callable(where) else where}) to .efg: "
        "substitute parameter values first (tree.subs)"
    )


def format_efg(game: Any) -> str:
    """The text of a Gambit ``.efg`` (version 2) file for a tree with numbers.

    Exact numbers are written as ``p/q`` in an ``R`` file (a tree with floats gives a
    ``D`` file). Every information set, action and outcome gets a non-empty label,
    unique where Gambit needs it; nodes keep their own labels or are named by their
    number ``n<i>`` (naming them by their path would make a deep tree's file quadratic
    in size), and
    an information set's description is repeated at each member as Gambit does.
    """
    from ..games.extensive_form import ExtensiveFormGame

    if not isinstance(game, ExtensiveFormGame):
        raise ParseError(f"format_efg writes extensive-form games, not {type(game).__name__}")
    fmt = "R" if game.is_exact else "D"
    lines = [
        f"EFG 2 {fmt} {_quote(game.title or 'Untitled')} {{ "
        + " ".join(_quote(p) for p in game.players)
        + " }",
        _quote(""),
        "",
    ]
    numbers: dict[tuple[int, str], int] = {}
    per_player: dict[int, int] = {}
    outcome_no = 0
    seen_labels: set[str] = set()
    for i, kind in enumerate(game.kind):
        # A node without a label is named by its number (a path would cost depth^2).
        name = game.labels[i] or f"n{i}"
        if name in seen_labels:
            name = f"{name} #{i}"
        seen_labels.add(name)
        out = game.outcomes[i]
        if out is None:
            tail = "0"
        else:
            outcome_no += 1

            def where(i: int = i) -> str:
                from ..games.extensive_form import path_text

                return f"node {path_text(game.path_of(i))}"

            tail = f"{outcome_no} {_quote('o' + str(outcome_no))} {{ " + ", ".join(
                _number(v, where) for v in out
            ) + " }"
        if kind == "terminal":
            lines.append(f"t {_quote(name)} {tail}")
            continue
        pl = game.player[i] + 1 if kind == "decision" else 0
        lab = game.infoset[i] or ""
        key = (pl, lab)
        if key not in numbers:
            per_player[pl] = per_player.get(pl, 0) + 1
            numbers[key] = per_player[pl]
        if kind == "decision":
            acts = " ".join(_quote(a) for a in game.actions[i])
            lines.append(f"p {_quote(name)} {pl} {numbers[key]} {_quote(lab)} {{ {acts} }} {tail}")
        else:
            acts = " ".join(
                f"{_quote(a)} {_number(p, lambda i=i: f'probability at node {i}')}"
                for a, p in zip(game.actions[i], game.probabilities[i])
            )
            lines.append(f"c {_quote(name)} {numbers[key]} {_quote(lab)} {{ {acts} }} {tail}")
    return "\n".join(lines) + "\n"
