"""The numpy line scanner for big ``.efg`` files in Gambit's layout, used where the C
scanner (``_efgscan.c``) was not built: the same lines accepted, the same fields read
(see :mod:`gametheory.io.efg_fast`), from the positions of the newlines and quotes
over the bytes, with no Python operation per line."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["PAD", "scan_lines"]

_SP, _LB, _RB, _COMMA, _MINUS, _SLASH, _DOT = (ord(c) for c in " {},-/.")
_P, _T = ord("p"), ord("t")
_WIDTH = 20  # widest integer field (with its spaces) read from a window
PAD = 2 * _WIDTH  # bytes after the text that windows may read
_U = np.uint64
_ZEROS = _U(0x3030303030303030)  # eight '0' bytes
_ALL = _U(0xFFFFFFFFFFFFFFFF)
_LANES = (
    (_U(10), _U(8), _U(0x00FF00FF00FF00FF)),
    (_U(100), _U(16), _U(0x0000FFFF0000FFFF)),
    (_U(10000), _U(32), _U(0xFFFFFFFF)),
)
_KEEP = np.array([0] + [(1 << 64) - (1 << 8 * (8 - k)) for k in range(1, 9)], dtype=np.uint64)


def scan_lines(b: np.ndarray, size: int, n: int) -> tuple[np.ndarray, ...] | None:
    """Check every line of ``b[:size]`` and read its fields, as the C scanner does:
    ``(kind, is_t, arity, pl, number, label, p_idx, ilabel, act_span, outcome, pay,
    values)`` (see ``efg_fast._finish``); ``None`` at the first thing not handled."""
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
    return kind, is_t, n_acts, pl, number, label, p_idx, ilabel, act_span, outcome, pay, values


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
