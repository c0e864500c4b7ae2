"""A vectorised reader for big ``.efg`` files in the layout Gambit writes.

Gambit (and :func:`~gametheory.io.efg.format_efg`) write one node per line with single
spaces between fields and repeat an information set's actions at every member::

    p "label" 1 7 "infoset" { "L" "R" } 0
    p "label" 2 3 "infoset" { "L" "R" } 4 "name" { 1/2, -3 }
    t "label" 5 "name" { 1, 2 }
    t "label" 5

For such files (personal moves and terminals; outcomes anywhere) every line is checked
and its fields read without a Python operation per node, by the C line scanner
``_efgscan.c`` where ``setup.py`` could build it, else with numpy over the bytes (from
the positions of the newlines and quotes); the checks that span lines (information sets
repeated with the same actions, outcomes defined before use, the shape of the tree) are
shared (:func:`_finish`). The game keeps the result as arrays (numbers as exact integer
numerators and denominators): :meth:`TreeArrays.from_game
<gametheory.solve.tree_arrays.TreeArrays.from_game>` uses them directly, and the
game's Python tables (sympy Rationals, tuples of labels) are built on first use by
:meth:`ExtensiveFormGame._deferred`, one Python operation per information set and per
distinct payoff. Anything else (chance nodes, other spacing, escapes, a number that is
not ``-12``, ``1/3`` or ``0.25``, an error of any kind) makes :func:`read_fast` return
``None`` and the careful reader takes over, so that errors are reported with line and
column by the same code as before.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__: list[str] = []

try:  # the C line scanner, built where a compiler was found (see setup.py)
    from . import _efgscan  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the build
    _efgscan = None

_KIND_NAMES = np.array(["decision", "terminal"], dtype=object)
_COLS = 12  # fields per line written by _efgscan.scan (see _efgscan.c)

_SP, _LB, _RB, _COMMA, _MINUS, _SLASH, _DOT = (ord(c) for c in " {},-/.")
_P, _T = ord("p"), ord("t")
_WIDTH = 20  # widest integer field (with its spaces) read from a window
PAD = 2 * _WIDTH  # bytes after the text that windows may read
_PAD = b" " * PAD
_U = np.uint64
_ZEROS = _U(0x3030303030303030)  # eight '0' bytes
_ALL = _U(0xFFFFFFFFFFFFFFFF)
_LANES = (
    (_U(10), _U(8), _U(0x00FF00FF00FF00FF)),
    (_U(100), _U(16), _U(0x0000FFFF0000FFFF)),
    (_U(10000), _U(32), _U(0xFFFFFFFF)),
)
_KEEP = np.array([0] + [(1 << 64) - (1 << 8 * (8 - k)) for k in range(1, 9)], dtype=np.uint64)


def read_fast(body: str, players: list[str], title: str) -> Any:
    """The game in ``body`` (the text after the header), or ``None`` to fall back."""
    if not body.isascii():
        return None  # non-ASCII labels: byte and character offsets differ; careful path
    data = body.encode()
    return read_buffer(data + _PAD, 0, len(data), players, title)


def read_buffer(buf: bytes | bytearray, start: int, size: int, players: list[str], title: str) -> Any:
    """The game in ``buf[start:start + size]`` (the bytes after the header, ASCII), or
    ``None`` to fall back. ``buf`` must be ASCII and hold at least ``PAD`` more bytes
    after the text (any bytes): :func:`gametheory.read_game` reads the file straight into such a
    buffer, so that the text is never copied."""
    if size < 8 or len(buf) < start + size + PAD:
        return None
    end = start + size
    for c in b"\\\r\t":  # escapes and other spacing: the careful reader
        if buf.find(c, start, end) >= 0:
            return None
    b = np.frombuffer(buf, dtype=np.uint8)[start:]
    if _efgscan is not None:
        tables = _scan_compiled(buf, b, start, size, len(players))
    else:
        tables = _scan(b, size, len(players))
    if tables is None:
        return None
    from ..games.extensive_form import ExtensiveFormGame

    loader = _Loader(buf, start, size, players, tables)
    return ExtensiveFormGame._deferred(players, title, int(tables["kind"].size), loader)


def _scan_compiled(buf: bytes | bytearray, b: np.ndarray, start: int, size: int, n: int) -> dict[str, Any] | None:
    """:func:`_scan` by the C line scanner (``_efgscan.c``): the fields of every line
    in one pass, then the same checks across lines (:func:`_finish`)."""
    assert _efgscan is not None
    lines = _efgscan.count_lines(buf, start, size)
    cols = np.empty((_COLS, lines), dtype=np.int64)  # one contiguous array per field
    values = np.empty((lines, n, 2), dtype=np.int64)
    got = _efgscan.scan(buf, start, size, n, cols, values)
    if got is None or got[0] == 0:
        return None
    kind_code, arity, pl, number, la, lz, ia, iz, aa, az, outcome, pay_row = cols[:, : got[0]]
    kind = kind_code.astype(np.uint8)
    is_t = kind == _T
    p_idx = np.flatnonzero(~is_t)
    return _finish(
        b, n, kind, is_t, arity, pl, number, np.stack((la, lz), axis=1), p_idx,
        np.stack((ia[p_idx], iz[p_idx]), axis=1), np.stack((aa[p_idx], az[p_idx]), axis=1),
        outcome, pay_row >= 0, values[: got[1]],
    )


def _scan(b: np.ndarray, size: int, n: int) -> dict[str, Any] | None:
    """Check every line and read its fields; ``None`` at the first thing not handled."""
    body = b[:size]
    # Newlines and quotes in one pass. The quotes are never copied out: quote ``j`` of
    # line ``i`` is ``marks[m0[i] + j]`` (a line's quotes lie between its newlines).
    marks = np.flatnonzero((body == 10) | (body == 34))
    k = np.flatnonzero(b[marks] == 10)
    nl = marks[k]
    s = np.concatenate(([0], nl + 1))
    e = np.concatenate((nl, [size]))
    m0 = np.concatenate(([0], k + 1))
    nq = np.concatenate((k, [marks.size])) - m0
    # Blank lines: at the ends (after the header, after the last node) by slicing,
    # elsewhere by a filtering pass.
    lo, hi = int(e[0] == s[0]), s.size - int(e[-1] == s[-1])
    s, e, m0, nq = s[lo:hi], e[lo:hi], m0[lo:hi], nq[lo:hi]
    if (e == s).any():
        keep = e > s
        s, e, m0, nq = s[keep], e[keep], m0[keep], nq[keep]
    if s.size == 0 or ((nq < 2) | (nq & 1).astype(bool)).any():
        return None
    kind = b[s]
    is_p = kind == _P
    is_t = kind == _T
    if not (is_p | is_t).all() or (b[s + 1] != _SP).any() or (marks[m0] != s + 2).any():
        return None
    npairs = nq >> 1
    pay = b[e - 1] == _RB  # the line ends with an outcome's payoff list
    n_acts = np.where(is_p, npairs - 2 - pay, 0)
    if (is_t & (npairs != 1 + pay)).any() or (is_p & (n_acts < 1)).any():
        return None
    last_q = marks.size - 1
    lab_close = marks[m0 + 1]
    nxt = np.where(npairs > 1, marks[np.minimum(m0 + 2, last_q)], e)

    # Terminals: ' <outcome>' to the end or ' <outcome> ' before the outcome's name.
    outcome = np.zeros(s.size, dtype=np.int64)
    t_idx = np.flatnonzero(is_t)
    t_stop = np.where(pay[t_idx], nxt[t_idx] - 1, e[t_idx])
    t_lc = lab_close[t_idx]
    if (b[t_lc + 1] != _SP).any() or (b[t_stop] != np.where(pay[t_idx], _SP, b[t_stop])).any():
        return None
    got = _uints(b, t_lc + 2, t_stop)
    if got is None:
        return None
    outcome[t_idx] = got

    # Personal moves: ' <player> <number> "infoset" { "a" "b" } <outcome>[ "name" {...}]'.
    p_idx = np.flatnonzero(is_p)
    pl = np.zeros(s.size, dtype=np.int64)
    number = np.zeros(s.size, dtype=np.int64)
    if p_idx.size:
        pm = m0[p_idx]
        pa = n_acts[p_idx]
        lc = lab_close[p_idx]
        il = nxt[p_idx]  # the infoset label's opening quote
        pl_got: np.ndarray | None
        if n <= 9:
            # ' 1 7 ': one digit for the player (other spellings go to the careful reader)
            w = _words32(b)[lc + 1]  # bytes ' ', digit, ' ' and one more
            pl_got = ((w >> np.uint32(8)) & np.uint32(0xFF)).astype(np.int64) - 48
            if ((w & np.uint32(0xFF00FF)) != np.uint32(0x200020)).any() or (b[il - 1] != _SP).any():
                return None
            num_got = _uints(b, lc + 4, il - 1)
        else:
            win = _window(b, lc + 1, _WIDTH)
            width = il - lc - 1  # ' 12 7 '
            cols = np.arange(_WIDTH)
            if (width > _WIDTH).any() or (width < 5).any():
                return None
            spaces = (win == _SP) & (cols < width[:, None])
            # exactly three spaces: before, between and after the two numbers
            if (spaces.sum(axis=1) != 3).any() or (win[:, 0] != _SP).any():
                return None
            mid = np.argmax(spaces[:, 1:], axis=1) + 1
            pl_got = _uints(b, lc + 2, lc + 1 + mid)
            num_got = _uints(b, lc + 2 + mid, il - 1)
        if pl_got is None or num_got is None or (pl_got < 1).any() or (pl_got > n).any():
            return None
        pl[p_idx], number[p_idx] = pl_got, num_got
        # ' { ' after the infoset label, ' ' between actions, ' } ' after them
        ilc = marks[pm + 3]
        first_act = marks[pm + 4]
        if (first_act - ilc != 4).any() or not _are(b, ilc + 1, b" { "):
            return None
        if not _single_gaps(b, marks, pm + 6, pa):
            return None
        last = marks[pm + 2 * pa + 3]
        if not _are(b, last + 1, b" } "):
            return None
        p_pay = pay[p_idx]
        p_stop = np.where(p_pay, marks[np.minimum(pm + 2 * pa + 4, last_q)] - 1, e[p_idx])
        if (b[p_stop] != np.where(p_pay, _SP, b[p_stop])).any():
            return None
        got = _uints(b, last + 4, p_stop)
        if got is None:
            return None
        outcome[p_idx] = got
        act_span = np.stack((first_act, last + 1), axis=1)
        ilabel = np.stack((marks[pm + 2] + 1, ilc), axis=1)
    else:
        act_span = np.zeros((0, 2), dtype=np.int64)
        ilabel = np.zeros((0, 2), dtype=np.int64)

    # Outcomes: the payoff list ' { x, y }' after the name; a bare number refers back.
    d_idx = np.flatnonzero(pay)
    dn = marks[m0[d_idx] + nq[d_idx] - 1]  # the closing quote of the outcome's name
    de = e[d_idx]
    if not _are(b, dn + 1, b" {") or (b[de - 2] != _SP).any():
        return None
    values = _int_payoffs(b, size, dn + 3, de - 1, n)
    if values is None:
        values = _numbers(b, dn + 3, de - 1, n)
    if values is None:
        return None
    label = np.stack((marks[m0] + 1, lab_close), axis=1)
    return _finish(b, n, kind, is_t, n_acts, pl, number, label, p_idx, ilabel, act_span, outcome, pay, values)


def _finish(
    b: np.ndarray, n: int, kind: np.ndarray, is_t: np.ndarray, arity: np.ndarray, pl: np.ndarray,
    number: np.ndarray, label: np.ndarray, p_idx: np.ndarray, ilabel: np.ndarray,
    act_span: np.ndarray, outcome: np.ndarray, pay: np.ndarray, values: np.ndarray,
) -> dict[str, Any] | None:
    """The checks that span lines, on the fields read from every line: information sets
    repeated with the same actions, outcomes defined before they are used again, and
    the tree's shape. ``None`` at the first thing not handled."""
    size = kind.size
    if p_idx.size:
        pl_got, num_got = pl[p_idx], number[p_idx]
        if int(num_got.max()) >= 1 << 40:
            return None
        # One information set per (player, number): its later members repeat its actions.
        key = num_got * (n + 1) + pl_got
        rep = _first_of(key)
        again = np.flatnonzero(rep != np.arange(key.size))
        if again.size:
            a = act_span[again]
            r = act_span[rep[again]]
            if ((a[:, 1] - a[:, 0]) != (r[:, 1] - r[:, 0])).any():
                return None
            if not _same_bytes(b, a[:, 0], r[:, 0], a[:, 1] - a[:, 0]):
                return None
    else:
        rep = np.zeros(0, dtype=np.int64)
    if ((outcome == 0) & pay).any():
        return None
    d_idx = np.flatnonzero(pay)
    pay_row = np.full(size, -1, dtype=np.int64)
    pay_row[d_idx] = np.arange(d_idx.size)
    used = np.flatnonzero((outcome != 0) & ~pay)
    if used.size:
        # The first line that gives each used outcome's payoffs.
        first = _first_of(np.concatenate((outcome[d_idx], outcome[used])))[d_idx.size:]
        if (first >= d_idx.size).any():
            return None  # an outcome whose payoffs are never given
        where = d_idx[first]
        if (where > used).any():
            return None  # used before its payoffs are given
        pay_row[used] = pay_row[where]

    # The tree: node i fills an open child slot; slots must not run out before the end.
    height = 1 + np.cumsum(arity - 1)
    if height[-1] != 0 or (height[:-1] < 1).any():
        return None
    return {
        "kind": kind, "arity": arity, "pl": pl, "number": number, "label": label,
        "ilabel": ilabel, "acts": act_span, "rep": rep, "p_idx": p_idx,
        "pay_row": pay_row, "values": values, "is_t": is_t,
    }


def _first_of(key: np.ndarray) -> np.ndarray:
    """For each entry of ``key`` (integers >= 0), the index of the first entry with the
    same value: a table indexed by value where the values are dense, else by sorting."""
    top = int(key.max())
    if top <= 8 * key.size + 64:
        first = np.empty(top + 1, dtype=np.int64)
        first[key[::-1]] = np.arange(key.size - 1, -1, -1)
        return first[key]
    _, index, inverse = np.unique(key, return_index=True, return_inverse=True)
    return index[inverse.ravel()]


def _words32(b: np.ndarray) -> np.ndarray:
    """The little-endian 4-byte word at every byte of ``b`` (a view: no copy)."""
    return np.ndarray((b.size - 3,), np.uint32, b, 0, (1,))


def _are(b: np.ndarray, start: np.ndarray, text: bytes) -> bool:
    """Whether ``text`` (1 to 4 bytes) is written at every ``start``."""
    want = int.from_bytes(text, "little")
    mask = np.uint32((1 << 8 * len(text)) - 1)
    return not ((_words32(b)[start] & mask) != np.uint32(want)).any()


def _window(b: np.ndarray, start: np.ndarray, width: int) -> np.ndarray:
    """The bytes ``b[start:start + width]`` of every start, shape ``(starts, width)``."""
    return sliding_window_view(b, width)[start]


def _single_gaps(b: np.ndarray, marks: np.ndarray, second_open: np.ndarray, n_acts: np.ndarray) -> bool:
    """Whether consecutive actions are separated by one space: for a line whose second
    action opens at ``marks[second_open]``, the gaps before it and the following ones."""
    most = int(n_acts.max())
    if most <= 8:
        # Few actions per move (the usual case): one check per action slot.
        for j in range(most - 1):
            has = n_acts > j + 1
            at = second_open + 2 * j
            if not has.all():
                at = at[has]
            if (marks[at] - marks[at - 1] != 2).any() or (b[marks[at] - 1] != _SP).any():
                return False
        return True
    # Many actions: every gap listed once.
    count = np.maximum(n_acts - 1, 0)
    offsets = np.cumsum(count) - count
    at = np.repeat(second_open, count) + 2 * (np.arange(int(count.sum())) - np.repeat(offsets, count))
    return not ((marks[at] - marks[at - 1] != 2).any() or (b[marks[at] - 1] != _SP).any())


def _same_bytes(b: np.ndarray, a: np.ndarray, r: np.ndarray, length: np.ndarray) -> bool:
    """Whether the byte spans at ``a`` and ``r`` (same lengths) are equal."""
    offsets = np.cumsum(length) - length
    idx = np.arange(int(length.sum())) - np.repeat(offsets, length)
    return bool((b[np.repeat(a, length) + idx] == b[np.repeat(r, length) + idx]).all())


def _uints(b: np.ndarray, start: np.ndarray, stop: np.ndarray) -> np.ndarray | None:
    """The unsigned integers written in ``b[start:stop]`` (1 to 18 digits each), or
    ``None`` if a span is empty, longer or holds anything but digits.

    Each span is read as the 8-byte words that end where it ends (bytes before the
    span taken as leading zeros) and checked and converted eight digits at a time with
    integer arithmetic on the words (exact: the values are below ``10**16``)."""
    length = stop - start
    if length.size == 0:
        return np.zeros(0, dtype=np.int64)
    shortest, longest = int(length.min()), int(length.max())
    if shortest < 1 or longest > 18:
        return None
    if longest == 1:  # one digit each (player numbers, outcome 0): no words needed
        digit = b[start] - np.uint8(48)  # bytes below '0' wrap round above 9
        return None if (digit > 9).any() else digit.astype(np.int64)
    if longest > 16 or int(stop.min()) < (16 if longest > 8 else 8):
        return _digits(b, start, stop)  # rare: very long, or a word before the text
    words = np.ndarray((b.size - 7,), np.uint64, b, 0, (1,))  # the word at every byte
    value = _eight(words[stop - 8], np.minimum(length, 8))
    if value is None or longest <= 8:
        return value
    high = _eight(words[stop - 16], np.maximum(length - 8, 0))
    return None if high is None else high * 10**8 + value


def _eight(word: np.ndarray, length: np.ndarray) -> np.ndarray | None:
    """The numbers written in the last ``length`` (0 to 8) bytes of each little-endian
    ``word``, or ``None`` if one of those bytes is not a digit. (Works in place on
    ``word``, which the caller does not keep.)"""
    keep = _KEEP[length]
    word &= keep
    keep ^= _ALL
    keep &= _ZEROS
    word |= keep  # bytes before the number: '0'
    # A byte is a digit when adding 0x46 leaves bit 7 clear and subtracting 0x30 does
    # not borrow (bytes are ASCII, so neither spills into the next byte unnoticed).
    word -= _ZEROS  # one digit per byte (if digits), the first (most significant) lowest
    t = word + _U(0x7676767676767676)  # = (digit + 0x30) + 0x46
    t |= word
    t &= _U(0x8080808080808080)
    if t.any():
        return None
    d = word
    for mul, shift, mask in _LANES:  # two-, four-, then eight-digit lanes
        t = d >> shift
        d *= mul
        d += t
        d &= mask
    return d.astype(np.int64)


def _digits(b: np.ndarray, start: np.ndarray, stop: np.ndarray) -> np.ndarray | None:
    """:func:`_uints` one column at a time (for spans near the start of the text or
    longer than 16 digits)."""
    length = stop - start
    width = int(length.max())
    win = _window(b, start, width)
    value = np.zeros(length.size, dtype=np.int64)
    for col in range(width):  # Horner's rule
        d = win[:, col].astype(np.int64) - 48
        inside = col < length
        if (inside & ((d < 0) | (d > 9))).any():
            return None
        value = np.where(inside, value * 10 + d, value)
    return value


def _int_payoffs(b: np.ndarray, size: int, start: np.ndarray, stop: np.ndarray, n: int) -> np.ndarray | None:
    """The payoffs of :func:`_numbers` when every span is written as Gambit writes
    integers, ``' 3, -12 '`` (one space, a comma and a space between numbers), else
    ``None`` (and :func:`_numbers` reads them). Shape ``(spans, n, 2)``."""
    spans = start.size
    left = np.empty((spans, n), dtype=np.int64)  # the space before each number
    right = np.empty((spans, n), dtype=np.int64)  # the comma or space after it
    left[:, 0] = start
    right[:, n - 1] = stop - 1
    if n > 1:
        found = np.flatnonzero(b[:size] == _COMMA)
        if found.size != spans * (n - 1):
            return None  # commas in labels, or another layout: the general reader
        commas = found.reshape(spans, n - 1)
        # Sorted commas in row order, all inside their row's span: exactly n - 1 each.
        if (commas[:, 0] <= start).any() or (commas[:, -1] >= stop).any():
            return None
        left[:, 1:] = commas + 1
        right[:, :-1] = commas
    if (b[left] != _SP).any() or (b[stop - 1] != _SP).any():
        return None
    first = left.ravel()
    neg = b[first + 1] == _MINUS
    value = _uints(b, first + 1 + neg, right.ravel())
    if value is None:
        return None
    out = np.ones((spans * n, 2), dtype=np.int64)
    out[:, 0] = np.where(neg, -value, value)
    return out.reshape(spans, n, 2)


def _numbers(b: np.ndarray, start: np.ndarray, stop: np.ndarray, n: int) -> np.ndarray | None:
    """Exact payoffs in the spans ``b[start:stop]`` (``' x, y '``): ``n`` per span,
    as rows ``(numerator, denominator)``, shape ``(spans, n, 2)``; ``None`` unless every
    token is ``-12``, ``1/3`` or ``-0.25`` with at most 18 digits in each part."""
    length = stop - start
    if length.size == 0:
        return np.zeros((0, n, 2), dtype=np.int64)
    offsets = np.cumsum(length) - length
    idx = np.arange(int(length.sum())) + np.repeat(start - offsets, length)
    c = b[idx]
    if c[0] != _SP or c[-1] != _SP:
        return None
    sep = (c == _SP) | (c == _COMMA)
    head = ~sep & np.concatenate(([True], sep[:-1]))
    tail = ~sep & np.concatenate((sep[1:], [True]))
    count = np.add.reduceat(head.astype(np.int64), offsets)
    if (count != n).any() or (c[offsets] != _SP).any():
        return None
    digit = (c >= 48) & (c <= 57)
    minus, mark = c == _MINUS, (c == _SLASH) | (c == _DOT)
    if (~(sep | digit | minus | mark)).any() or (minus & ~head).any():
        return None
    starts = np.flatnonzero(head)
    ends = np.flatnonzero(tail) + 1
    tok = np.cumsum(head) - 1
    n_marks = np.bincount(tok[mark], minlength=starts.size)
    if (n_marks > 1).any():
        return None
    mark_at = ends.copy()  # tokens without a mark: the numerator runs to the end
    mark_at[tok[mark]] = np.flatnonzero(mark)
    is_slash = np.zeros(starts.size, dtype=bool)
    is_slash[tok[c == _SLASH]] = True
    neg = minus[starts]
    num_start = starts + neg
    num_len = mark_at - num_start
    den_len = np.where(n_marks > 0, ends - mark_at - 1, 0)
    if (num_len < 1).any() or (num_len > 18).any() or ((n_marks > 0) & (den_len < 1)).any():
        return None
    if (den_len > 18).any() or ((~is_slash) & (num_len + den_len > 18)).any():
        return None
    pos = np.flatnonzero(digit)
    t = tok[pos]
    before = pos < mark_at[t]
    exponent = np.where(before, mark_at[t] - 1 - pos, ends[t] - 1 - pos)
    part = (c[pos].astype(np.int64) - 48) * 10 ** exponent
    # Per-token sums from running sums (int64 wrap-around cancels in the difference).
    a = _segment_sums(np.where(before, part, 0), t, starts.size)
    d = _segment_sums(np.where(before, 0, part), t, starts.size)
    scale = 10 ** den_len
    numer = np.where(is_slash, a, a * scale + d)
    denom = np.where(is_slash, d, scale)
    if (denom == 0).any():
        return None
    numer = np.where(neg, -numer, numer)
    return np.stack((numer, denom), axis=1).reshape(-1, n, 2)


def _segment_sums(values: np.ndarray, seg: np.ndarray, n_seg: int) -> np.ndarray:
    """Exact int64 sums of ``values`` grouped by the sorted segment ids ``seg`` (every
    segment ``0 .. n_seg - 1`` non-empty)."""
    first = np.flatnonzero(np.concatenate(([True], seg[1:] != seg[:-1])))
    if first.size != n_seg:
        raise AssertionError("a number token without digits")  # excluded by the caller
    return np.add.reduceat(values, first)


def _row_ids(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of integer columns: the index of one row of each (sorted), and
    each row's distinct-row number. Column by column, with integer sorts only (sorting
    whole rows as ``np.unique(axis=0)`` does is many times slower)."""
    ids = np.zeros(columns[0].size, dtype=np.int64)
    for col in columns:
        _, col_ids = np.unique(col, return_inverse=True)
        ids = ids * (int(col_ids.max()) + 1) + col_ids.ravel()  # < rows**2: no overflow
        _, ids = np.unique(ids, return_inverse=True)
        ids = ids.ravel()
    first = np.empty(int(ids.max()) + 1, dtype=np.int64)
    first[ids[::-1]] = np.arange(ids.size - 1, -1, -1)
    return first, ids


def preorder_parents(arity: np.ndarray) -> np.ndarray | None:
    """Parents of nodes listed in preorder with their numbers of children (``-1`` at the
    root), or ``None`` if the numbers do not describe one tree."""
    found = preorder_tree(arity)
    return None if found is None else found[0]


def preorder_tree(arity: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Parents (``-1`` at the root) and depths of nodes listed in preorder with their
    numbers of children, or ``None`` if the numbers do not describe one tree: each node
    fills the top open child slot of a stack (in C where the scanner was built)."""
    arity = np.ascontiguousarray(arity, dtype=np.int64)
    parent = np.empty(arity.size, dtype=np.int64)
    depth = np.empty(arity.size, dtype=np.int64)
    if _efgscan is not None:
        return (parent, depth) if _efgscan.preorder_parents(arity, parent, depth) else None
    stack: list[list[int]] = []
    out = [0] * arity.size
    deep = [0] * arity.size
    for i, k in enumerate(arity.tolist()):
        if stack:
            top = stack[-1]
            out[i] = top[0]
            deep[i] = deep[top[0]] + 1
            top[1] -= 1
            if top[1] == 0:
                stack.pop()
        elif i:
            return None  # a second root
        else:
            out[i] = -1
        if k < 0:
            return None
        if k:
            stack.append([i, k])
    if stack:
        return None
    parent[:] = out
    depth[:] = deep
    return parent, depth


class _Loader:
    """Builds the Python tables of :meth:`ExtensiveFormGame.from_tables` from the arrays."""

    def __init__(self, buf: bytes | bytearray, start: int, size: int, players: list[str], tables: dict[str, Any]) -> None:
        self.buf, self.start, self.size = buf, start, size
        self.players = players
        self.t = tables

    def parents(self) -> np.ndarray:
        """Each node's parent (``-1`` at the root); the scan has checked the shape."""
        if "parent" not in self.t:
            found = preorder_tree(self.t["arity"])
            if found is None:  # pragma: no cover - excluded by the scan
                raise AssertionError("the scanned lines do not form a tree")
            self.t["parent"], self.t["depth"] = found
        return self.t["parent"]

    def node_arrays(self) -> dict[str, Any]:
        """The tree as arrays in preorder, without building the Python tables: ``parent``,
        ``arity``, ``player`` (0-based; ``-2`` at terminals), ``payoffs`` received at
        each node (floats, zero where there are none) and ``perfect_information``
        (every information set has one member). Used by
        :meth:`gametheory.solve.tree_arrays.TreeArrays.from_game`; also ``depth``."""
        t, n = self.t, len(self.players)
        player = np.where(t["is_t"], -2, t["pl"] - 1)
        values = t["values"]
        floats = values[:, :, 0] / values[:, :, 1]
        if values.size and (int(values.max()) > 2**53 or int(values.min()) < -(2**53)):
            big = (np.abs(values[:, :, 0]) > 2**53) | (values[:, :, 1] > 2**53)
            for r, c in zip(*np.nonzero(big)):  # rounded once, as float(Fraction) does
                floats[r, c] = float(Fraction(int(values[r, c, 0]), int(values[r, c, 1])))
        payoffs = np.zeros((player.size, n))
        has = t["pay_row"] >= 0
        payoffs[has] = floats[t["pay_row"][has]]
        perfect = bool((t["rep"] == np.arange(t["rep"].size)).all())
        parent = self.parents()
        return {
            "parent": parent, "depth": t["depth"], "arity": t["arity"], "player": player,
            "payoffs": payoffs, "perfect_information": perfect,
        }

    def __call__(self) -> dict[str, Any]:
        """The arguments of ``ExtensiveFormGame._set_tables``, children and information
        sets included (the scan has checked them): one Python operation per information
        set and per distinct payoff, list conversions otherwise."""
        import sympy as sp

        from ..games.extensive_form import InformationSet

        t, n = self.t, len(self.players)
        is_t = t["is_t"]
        size = is_t.size
        kind = _KIND_NAMES[is_t.astype(np.intp)].tolist()
        text = bytes(self.buf[self.start:self.start + self.size]).decode("ascii")
        lab = t["label"]
        if (lab[:, 0] == lab[:, 1]).all():
            labels = [""] * size
        else:
            labels = [text[a:z] for a, z in lab.tolist()]
        parent_arr = self.parents()
        # Children: nodes sorted by parent (stably: preorder within a parent).
        arity = t["arity"]
        kids = (np.argsort(parent_arr[1:], kind="stable") + 1).tolist()
        ends = np.cumsum(arity).tolist()
        children = [tuple(kids[z - k:z]) if k else () for z, k in zip(ends, arity.tolist())]

        # Information sets: one per (player, number), described at its first member.
        p_idx, rep = t["p_idx"], t["rep"]
        firsts = np.flatnonzero(rep == np.arange(rep.size))
        set_of = np.searchsorted(firsts, rep)  # the information set of each personal move
        parsed: dict[str, tuple[str, ...]] = {}
        acts_of: list[tuple[str, ...]] = []
        for a, z in t["acts"][firsts].tolist():
            acts_text = text[a:z]
            acts = parsed.get(acts_text)
            if acts is None:
                acts = parsed[acts_text] = tuple(acts_text[1:-1].split('" "'))
            acts_of.append(acts)
        first_nodes = p_idx[firsts]
        pls = t["pl"][first_nodes].tolist()
        nums = t["number"][first_nodes].tolist()
        ilab = t["ilabel"][firsts]
        raw = [""] * firsts.size if (ilab[:, 0] == ilab[:, 1]).all() else [text[a:z] for a, z in ilab.tolist()]
        counts: dict[str, int] = {}
        for label in raw:
            counts[label] = counts.get(label, 0) + 1
        names = [
            label if label and counts[label] == 1 else f"{self.players[pl - 1]}:{num}"
            for label, pl, num in zip(raw, pls, nums)
        ]
        actions: list[tuple[str, ...]] = [()] * size
        infoset: list[str | None] = [None] * size
        for i, k in zip(p_idx.tolist(), set_of.tolist()):
            actions[i] = acts_of[k]
            infoset[i] = names[k]
        player = np.where(is_t, -1, t["pl"] - 1).tolist()
        if firsts.size == p_idx.size:  # every set a single node (perfect information)
            members: list[tuple[int, ...]] = [(i,) for i in first_nodes.tolist()]
        else:
            order = p_idx[np.argsort(set_of, kind="stable")].tolist()
            stops = np.cumsum(np.bincount(set_of, minlength=firsts.size)).tolist()
            members = [tuple(order[a:z]) for a, z in zip([0, *stops[:-1]], stops)]
        make = InformationSet._trusted
        infosets = {
            name: make(name, self.players[pl - 1], acts, nodes)
            for name, pl, acts, nodes in zip(names, pls, acts_of, members)
        }

        # Payoffs: each distinct number and each distinct vector made once.
        values = t["values"]
        outcomes: list[tuple[sp.Expr, ...] | None]
        if values.shape[0]:
            flat = values.reshape(-1, 2)
            first, which = _row_ids([flat[:, 0], flat[:, 1]])
            numbers = [sp.Rational(p, q) for p, q in flat[first].tolist()]
            which = which.reshape(-1, n)
            first_v, vec_of = _row_ids([which[:, m] for m in range(n)])
            vectors = [tuple(numbers[j] for j in row) for row in which[first_v].tolist()]
        else:
            vectors, vec_of = [], np.zeros(0, dtype=np.int64)
        zero = (sp.Integer(0),) * n
        table = [*vectors, zero, None]  # the last two: terminals and moves without outcome
        pay_row = t["pay_row"]
        node_vec = np.where(pay_row >= 0, vec_of[np.maximum(pay_row, 0)] if vec_of.size else 0,
                            np.where(is_t, len(vectors), len(vectors) + 1))
        outcomes = [table[j] for j in node_vec.tolist()]
        return {
            "kind": kind, "parent": parent_arr.tolist(), "actions": actions, "player": player,
            "infoset": infoset, "probabilities": [()] * size, "outcomes": outcomes,
            "labels": labels, "children": children, "infosets": infosets,
        }
