"""Repeated and empty labels in Gambit files: kept by position, numbered as pygambit numbers them.

The files in ``tests/io/data/`` were written by hand in Gambit's formats; pygambit
(the reference implementation of both formats) reads each one, and the labels and
payoffs read here must be the ones pygambit reads.
"""

from __future__ import annotations

from pathlib import Path

import pygambit
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from pygambit import H

import gametheory as gt
from gametheory.errors import ParseError
from gametheory.io.efg import parse_efg
from gametheory.io.labels import unique_labels
from gametheory.io.nfg import parse_nfg

DATA = Path(__file__).parent / "data"
EFG_FILES = sorted(DATA.glob("dup_*.efg"))
NFG_FILES = sorted(DATA.glob("dup_*.nfg"))


def _paths(game, i=0, path=()):
    """Every decision or chance node's path, as pygambit's ``H.path`` takes it."""
    stack = [(0, ())]
    while stack:
        i, path = stack.pop()
        if game.kind[i] != "terminal":
            yield i, path
            for a, c in zip(game.actions[i], game.children[i]):
                stack.append((c, (*path, a)))


@pytest.mark.parametrize("path", EFG_FILES, ids=lambda p: p.name)
def test_efg_labels_are_pygambits(path):
    pg = pygambit.read_efg(str(path))
    g = gt.read_game(path)
    assert list(g.players) == list(pg.players)
    for i, hist in _paths(g):
        assert list(g.actions[i]) == pg.get_actions(H.path(*hist)), hist
        if g.kind[i] == "chance":
            probs = pg.get_action_probs(H.path(*hist))
            assert {a: sp.Rational(str(q)) for a, q in probs.items()} == dict(
                zip(g.actions[i], g.probabilities[i]))
    # Every action is kept: the tree has one terminal per leaf of the file, and the
    # payoffs of its reduced normal form are the ones pygambit writes (its own writer).
    nf_here = g.to_normal_form()
    nf_gambit = parse_nfg(pg.to_nfg())
    assert sorted(map(tuple, nf_here.payoffs.reshape(len(g.players), -1).T.tolist())) == sorted(
        map(tuple, nf_gambit.payoffs.reshape(len(g.players), -1).T.tolist()))


@pytest.mark.parametrize("path", EFG_FILES, ids=lambda p: p.name)
def test_same_labels_by_every_reader(path):
    # The C scanner (read_game on the file), the line reader and the tokenizer agree.
    text = path.read_text()
    spaced = text.replace('" {', '"   {')  # not one-node-per-line any more: the tokenizer
    a, b, c = gt.read_game(path), parse_efg(text), parse_efg(spaced)
    assert a == b == c
    assert a.actions == b.actions == c.actions and a.players == b.players == c.players


@pytest.mark.parametrize("path", NFG_FILES, ids=lambda p: p.name)
def test_nfg_labels_and_payoffs_are_pygambits(path):
    pg = pygambit.read_nfg(str(path))
    g = gt.read_game(path)
    assert list(g.players) == list(pg.players)
    assert [list(s) for s in g.strategies] == [pg.get_strategies(p) for p in pg.players]
    # pygambit's own .nfg writer, read back, gives the same payoff table.
    assert parse_nfg(pg.to_nfg()) .payoffs.tolist() == g.payoffs.tolist()


def _distinct(text: str) -> str:
    """The same file with every action label replaced by a distinct one (a0, a1, ...)."""
    import itertools
    import re

    counter = itertools.count()

    def relabel(m):
        inner = re.sub(r'"[^"]*"', lambda _q: f'"a{next(counter)}"', m.group(1))
        return "{" + inner + "}"

    lines = []
    for line in text.splitlines():
        if line.startswith(("p ", "c ")):
            head, _, rest = line.partition("{")
            body, _, tail = rest.partition("}")
            line = head + relabel(re.match(r"(.*)", body)) + tail
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", ["dup_actions.efg", "dup_chance.efg", "dup_players.efg"])
def test_repeated_labels_solve_as_distinct_labels(name):
    # Issue 13: two actions labelled "x" were merged (payoffs summed), and "h" 1/4
    # "h" 1/4 at chance made spe fail with "sums to 1/2". The reference: the same tree
    # with every action given its own label, which labels cannot change the answer of.
    text = (DATA / name).read_text()
    here, reference = gt.spe(parse_efg(text)), gt.spe(parse_efg(_distinct(text)))
    assert reference.count == here.count >= 1  # dup_players.efg has a tie: both kept
    assert [e["payoffs"] for e in here.summary_json()["equilibria"]] == [
        e["payoffs"] for e in reference.summary_json()["equilibria"]]
    g = parse_efg(text)
    for i in range(len(g)):
        assert len(g.actions[i]) == len(g.children[i]) == len(set(g.actions[i]))


def test_redefined_outcome_is_an_error_as_in_gambit(tmp_path):
    text = ('EFG 2 R "t" { "A" "B" } ""\np "" 1 1 "" { "x" "y" } 0\n'
            't "" 1 "o" { 1, 0 }\nt "" 1 "o" { 0, 5 }\n')
    path = tmp_path / "r.efg"
    path.write_text(text)
    with pytest.raises(ValueError):  # pygambit: "Outcome label does not match"
        pygambit.read_efg(str(path))
    with pytest.raises(ParseError, match="outcome 1 is given payoffs"):
        gt.read_game(path)
    # The same payoffs given again are the same outcome: fine.
    same = text.replace("{ 0, 5 }", "{ 1, 0 }")
    assert parse_efg(same).outcomes[2] == (1, 0)


def test_negative_outcome_number_is_an_error():
    with pytest.raises(ParseError, match="outcome numbers are 0"):
        parse_efg('EFG 2 R "t" { "A" } ""\nt "" -1 "o" { 1 }\n')


@given(st.lists(st.sampled_from(["", "x", "x_1", "x_2", "y", "_1"]), min_size=1, max_size=8))
def test_unique_labels_properties(labels):
    out = unique_labels(labels)
    assert len(out) == len(labels) and len(set(out)) == len(out) and all(out)
    for old, new in zip(labels, out):
        if old and labels.count(old) == 1:
            assert new == old
        else:
            assert new.startswith(old + "_")
