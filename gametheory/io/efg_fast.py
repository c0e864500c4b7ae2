"""A vectorised reader for big ``.efg`` files in the layout Gambit writes.

Gambit (and :func:`~gametheory.io.efg.format_efg`) write one node per line with single
spaces between fields and repeat an information set's actions at every member::

    p "label" 1 7 "infoset" { "L" "R" } 0
    p "label" 2 3 "infoset" { "L" "R" } 4 "name" { 1/2, -3 }
    c "label" 2 "nature" { "H" 1/3 "T" 2/3 } 0
    t "label" 5 "name" { 1, 2 }
    t "label" 5

For such files (personal moves, chance moves with the C scanner, terminals; outcomes
anywhere) every line is checked
and its fields read without a Python operation per node, by the C line scanner
``_efgscan.c`` where ``setup.py`` could build it, else by the numpy scanner of
:mod:`gametheory.io.efg_numpy`; the checks that span lines (information sets
repeated with the same actions, outcomes defined before use, the shape of the tree) are
shared (:func:`_finish`). The game keeps the result as arrays (numbers as exact integer
numerators and denominators): :meth:`TreeArrays.from_game
<gametheory.solve.tree_arrays.TreeArrays.from_game>` uses them directly, and the
game's Python tables (sympy Rationals, tuples of labels) are built on first use by
:meth:`ExtensiveFormGame.from_loader`, one Python operation per information set and per
distinct payoff. Anything else (chance moves for the numpy scanner, a chance
distribution that is not one, other spacing, escapes, a number that is not ``-12``,
``1/3`` or ``0.25``, an error of any kind) makes :func:`read_fast` return
``None`` and the careful reader takes over, so that errors are reported with line and
column by the same code as before.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from .efg_numpy import PAD, scan_lines

__all__: list[str] = []

try:  # the C line scanner, built where a compiler was found (see setup.py)
    from . import _efgscan  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the build
    _efgscan = None

_KIND_NAMES = np.array(["decision", "terminal", "chance"], dtype=object)
_COLS = 13  # fields per line written by _efgscan.scan (see _efgscan.c)

_P, _T, _C = ord("p"), ord("t"), ord("c")
_PAD = b" " * PAD

def read_fast(body: str, players: list[str], title: str, decimal: bool = False) -> Any:
    """The game in ``body`` (the text after the header), or ``None`` to fall back.
    ``decimal``: a ``D`` file (chance probabilities may round, see ``chance_problem``)."""
    if not body.isascii():
        return None  # non-ASCII labels: byte and character offsets differ; careful path
    data = body.encode()
    return read_buffer(data + _PAD, 0, len(data), players, title, decimal)


def read_buffer(
    buf: bytes | bytearray, start: int, size: int, players: list[str], title: str, decimal: bool = False
) -> Any:
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
        tables = _scan_compiled(buf, b, start, size, len(players), decimal)
    else:
        fields = scan_lines(b, size, len(players))
        tables = None if fields is None else _finish(b, len(players), *fields)
    if tables is None:
        return None
    from ..games.extensive_form import ExtensiveFormGame

    loader = _Loader(buf, start, size, players, tables)
    return ExtensiveFormGame.from_loader(players, title, int(tables["kind"].size), loader)


def _scan_compiled(
    buf: bytes | bytearray, b: np.ndarray, start: int, size: int, n: int, decimal: bool
) -> dict[str, Any] | None:
    """The fields of every line by the C line scanner (``_efgscan.c``), chance moves
    included, then the same checks across lines as for the numpy scanner
    (:func:`_finish`) and the check of every distinct chance distribution."""
    assert _efgscan is not None
    lines = _efgscan.count_lines(buf, start, size)
    cols = np.empty((_COLS, lines), dtype=np.int64)  # one contiguous array per field
    values = np.empty((lines, n, 2), dtype=np.int64)
    probs = np.empty((lines, 2), dtype=np.int64)  # a tree has fewer edges than lines
    got = _efgscan.scan(buf, start, size, n, cols, values, probs)
    if got is None or got[0] == 0:
        return None
    kind_code, arity, pl, number, la, lz, ia, iz, aa, az, outcome, pay_row, prob_start = cols[:, : got[0]]
    kind = kind_code.astype(np.uint8)
    is_t = kind == _T
    p_idx = np.flatnonzero(~is_t)
    tables = _finish(
        b, n, kind, is_t, arity, pl, number, np.stack((la, lz), axis=1), p_idx,
        np.stack((ia[p_idx], iz[p_idx]), axis=1), np.stack((aa[p_idx], az[p_idx]), axis=1),
        outcome, pay_row >= 0, values[: got[1]],
    )
    if tables is None:
        return None
    probs = probs[: got[2]]
    if got[2] and not _chance_ok(probs, prob_start, arity, p_idx, tables["rep"], decimal):
        return None  # the careful reader names the line
    tables["prob_start"], tables["probs"] = prob_start, probs
    return tables


def _chance_ok(
    probs: np.ndarray, prob_start: np.ndarray, arity: np.ndarray, p_idx: np.ndarray,
    rep: np.ndarray, decimal: bool,
) -> bool:
    """Whether every chance distribution is one (non-negative, summing to 1: see
    :func:`gametheory.io.efg.chance_problem`). Later members of a chance information set
    repeat its first member's bytes (checked by :func:`_finish`), so only first members
    are checked, and each distinct distribution once."""
    import sympy as sp

    from .efg import chance_problem

    firsts = p_idx[rep == np.arange(rep.size)]
    firsts = firsts[prob_start[firsts] >= 0]
    for k in np.unique(arity[firsts]).tolist():
        # The distributions with k outcomes as rows of 2k integers; each distinct row once.
        starts = prob_start[firsts[arity[firsts] == k]]
        rows = probs[starts[:, None] + np.arange(k)].reshape(-1, 2 * k)
        one, _ = _row_ids([rows[:, j] for j in range(2 * k)])
        for row in rows[one].tolist():
            if chance_problem([sp.Rational(a, b) for a, b in zip(row[::2], row[1::2])], decimal):
                return False
    return True


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
    if d_idx.size:
        # An outcome number given payoffs twice must be given the same bytes (else the
        # careful reader compares the values, and names a real redefinition).
        again_first = _first_of(outcome[d_idx])
        if (values[again_first] != values[: d_idx.size]).any():
            return None

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






def _same_bytes(b: np.ndarray, a: np.ndarray, r: np.ndarray, length: np.ndarray) -> bool:
    """Whether the byte spans at ``a`` and ``r`` (same lengths) are equal."""
    offsets = np.cumsum(length) - length
    idx = np.arange(int(length.sum())) - np.repeat(offsets, length)
    return bool((b[np.repeat(a, length) + idx] == b[np.repeat(r, length) + idx]).all())








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

    def sibling_rank(self) -> np.ndarray:
        """Each node's position among its parent's children (0 for the first)."""
        parent, arity = self.parents(), self.t["arity"]
        order = np.argsort(parent[1:], kind="stable") + 1  # grouped by parent, in order
        starts = np.cumsum(arity) - arity  # where each node's children begin in order
        rank = np.zeros(parent.size, dtype=np.int64)
        rank[order] = np.arange(order.size) - starts[parent[order]]
        return rank

    def node_arrays(self) -> dict[str, Any]:
        """The tree as arrays in preorder, without building the Python tables: ``parent``,
        ``arity``, ``player`` (0-based; ``-2`` at terminals), ``payoffs`` received at
        each node (floats, zero where there are none) and ``perfect_information``
        (every information set has one member). Used by
        :meth:`gametheory.solve.tree_arrays.TreeArrays.from_game`; also ``depth`` and
        ``prob``, each node's probability given its parent's chance move (1 elsewhere)."""
        t, n = self.t, len(self.players)
        is_c = t["kind"] == _C
        player = np.where(t["is_t"], -2, np.where(is_c, -1, t["pl"] - 1))
        values = t["values"]
        floats = values[:, :, 0] / values[:, :, 1]
        if values.size and (int(values.max()) > 2**53 or int(values.min()) < -(2**53)):
            big = (np.abs(values[:, :, 0]) > 2**53) | (values[:, :, 1] > 2**53)
            for r, c in zip(*np.nonzero(big)):  # rounded once, as float(Fraction) does
                floats[r, c] = float(Fraction(int(values[r, c, 0]), int(values[r, c, 1])))
        payoffs = np.zeros((player.size, n))
        has = t["pay_row"] >= 0
        payoffs[has] = floats[t["pay_row"][has]]
        p_idx, rep = t["p_idx"], t["rep"]
        personal = ~is_c[p_idx]
        perfect = bool((rep == np.arange(rep.size))[personal].all())
        parent = self.parents()
        prob = np.ones(player.size)
        if is_c.any():
            # The probability of each child of a chance move: the k-th child's entry.
            rank = self.sibling_rank()
            child = np.flatnonzero(parent >= 0)
            child = child[is_c[parent[child]]]
            pairs = t["probs"][t["prob_start"][parent[child]] + rank[child]]
            prob[child] = pairs[:, 0] / pairs[:, 1]
        return {
            "prob": prob,
            "parent": parent, "depth": t["depth"], "arity": t["arity"], "player": player,
            "payoffs": payoffs, "perfect_information": perfect,
        }

    def __call__(self) -> dict[str, Any]:
        """The tables :meth:`ExtensiveFormGame.from_loader` asks its loader for, children and information
        sets included (the scan has checked them): one Python operation per information
        set and per distinct payoff, list conversions otherwise."""
        import sympy as sp

        from ..games.extensive_form import InformationSet
        from .labels import unique_labels

        t, n = self.t, len(self.players)
        is_t = t["is_t"]
        is_c = t["kind"] == _C
        size = is_t.size
        kind = _KIND_NAMES[np.where(is_c, 2, is_t.astype(np.intp))].tolist()
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
        first_nodes = p_idx[firsts]
        chance_first = is_c[first_nodes].tolist()
        for (a, z), chance in zip(t["acts"][firsts].tolist(), chance_first):
            acts_text = text[a:z]
            acts = parsed.get(acts_text)
            if acts is None:
                # '"a" "b"'; at chance moves '"a" 1/3 "b" 2/3' (labels hold no quotes)
                labels_only = acts_text.split('"')[1::2] if chance else acts_text[1:-1].split('" "')
                acts = parsed[acts_text] = unique_labels(labels_only)
            acts_of.append(acts)
        pls = t["pl"][first_nodes].tolist()
        nums = t["number"][first_nodes].tolist()
        ilab = t["ilabel"][firsts]
        raw = [""] * firsts.size if (ilab[:, 0] == ilab[:, 1]).all() else [text[a:z] for a, z in ilab.tolist()]
        counts: dict[str, int] = {}
        for label in raw:
            counts[label] = counts.get(label, 0) + 1
        who = [self.players[pl - 1] if pl else "chance" for pl in pls]
        names = [
            label if label and counts[label] == 1 else f"{w}:{num}"
            for label, w, num in zip(raw, who, nums)
        ]
        actions: list[tuple[str, ...]] = [()] * size
        infoset: list[str | None] = [None] * size
        for i, k in zip(p_idx.tolist(), set_of.tolist()):
            actions[i] = acts_of[k]
            infoset[i] = names[k]
        player = np.where(is_t | is_c, -1, t["pl"] - 1).tolist()
        # Chance moves: the distribution of each set's first member (its later members
        # repeat the same bytes), as sympy numbers, each distinct number made once.
        probabilities: list[tuple[sp.Expr, ...]] = [()] * size
        if is_c.any():
            rationals: dict[tuple[int, int], sp.Expr] = {}
            probs, starts, arity_list = t["probs"].tolist(), t["prob_start"], t["arity"]
            dist_of: list[tuple[sp.Expr, ...]] = []
            for node, chance in zip(first_nodes.tolist(), chance_first):
                if not chance:
                    dist_of.append(())
                    continue
                i, k = int(starts[node]), int(arity_list[node])
                dist_of.append(tuple(
                    rationals.get(tuple(q)) or rationals.setdefault(tuple(q), sp.Rational(*q))
                    for q in probs[i:i + k]
                ))
            for i, k in zip(p_idx.tolist(), set_of.tolist()):
                if dist_of[k]:
                    probabilities[i] = dist_of[k]
        if firsts.size == p_idx.size:  # every set a single node (perfect information)
            members: list[tuple[int, ...]] = [(i,) for i in first_nodes.tolist()]
        else:
            order = p_idx[np.argsort(set_of, kind="stable")].tolist()
            stops = np.cumsum(np.bincount(set_of, minlength=firsts.size)).tolist()
            members = [tuple(order[a:z]) for a, z in zip([0, *stops[:-1]], stops)]
        make = InformationSet.checked
        infosets = {
            name: make(name, self.players[pl - 1] if pl else None, acts, nodes)
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
            "infoset": infoset, "probabilities": probabilities, "outcomes": outcomes,
            "labels": labels, "children": children, "infosets": infosets,
        }
