"""The vectorised .efg reader gives exactly the game of the careful token reader."""

import random

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory.errors import ParseError
from gametheory.io.efg import _HEADER, _QUOTED, _parse_tokens, format_efg, parse_efg
from gametheory.io.efg_fast import read_fast


@pytest.fixture(autouse=True, params=["compiled", "numpy"])
def scanner(request, monkeypatch):
    """Every test runs with the C line scanner (where it was built) and with numpy's."""
    import gametheory.io.efg_fast as efg_fast

    if request.param == "numpy":
        monkeypatch.setattr(efg_fast, "_efgscan", None)
    elif efg_fast._efgscan is None:
        pytest.skip("the C line scanner was not built (no compiler)")
    return request.param


def tables(g):
    return (
        g.players, g.title, g.kind, g.parent, g.children, g.actions, g.player, g.infoset,
        g.probabilities, g.outcomes, g.labels, g.paths,
        {k: (v.label, v.player, v.actions, v.members) for k, v in g.infosets.items()},
    )


def fast_and_careful(text):
    head = _HEADER.match(text)
    players = [p.strip('"') for p in head.group(3).split()]
    fast = read_fast(text[head.end():], players, head.group(2))
    return fast, _parse_tokens(text, "<t>")


def random_tree(rng, depth, players, shared, chance=False):
    """A random tree with outcomes on inner nodes, rationals, shared information sets
    and (with ``chance``) chance moves, some sharing a set with the same distribution."""
    def build(d):
        if d == 0 or rng.random() < 0.2:
            return Terminal([sp.Rational(rng.randint(-9, 9), rng.choice([1, 2, 3, 7])) for _ in players])
        k = rng.randint(1, 3)
        if chance and rng.random() < 0.3:
            weights = [k + i for i in range(k)] if shared else [rng.randint(1, 4) for _ in range(k)]
            total = sum(weights)
            return Chance({f"c{i}": (sp.Rational(w, total), build(d - 1)) for i, w in enumerate(weights)},
                          infoset=f"nature{k}" if shared else None)
        acts = [f"a{i}" for i in range(k)]
        who = rng.randrange(len(players))
        info = f"h{who}_{k}_{rng.randrange(2)}" if shared else None
        out = [rng.randint(-3, 3) for _ in players] if rng.random() < 0.3 else None
        return Decision(who, info, {a: build(d - 1) for a in acts}, outcome=out)
    return ExtensiveFormGame(build(depth), players, title="random")


def test_gambit_layout_is_read_fast_and_equals_careful():
    text = '''EFG 2 R "Entry" { "Entrant" "Incumbent" }
""

p "" 1 1 "entrant" { "Out" "In" } 0
t "" 1 "Out" { 0, 2 }
p "" 2 1 "incumbent" { "Fight" "Accommodate" } 3 "toll" { 1/4, -0.5 }
t "" 2 "Fight" { -1 -1 }
t "" 1
'''
    fast, careful = fast_and_careful(text)
    assert fast is not None
    assert not fast.tables_built and len(fast) == 5  # tables not built yet
    assert tables(fast) == tables(careful)
    assert fast.outcomes[2] == (sp.Rational(1, 4), sp.Rational(-1, 2))
    assert fast.outcomes[4] == (0, 2)  # outcome 1 used again by number
    assert parse_efg(text) == careful


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # set once per test
@given(st.integers(0, 10**6), st.booleans(), st.integers(2, 3), st.booleans())
def test_random_trees_written_by_format_efg(scanner, seed, shared, n, chance):
    rng = random.Random(seed)
    players = [f"P{i + 1}" for i in range(n)]
    game = random_tree(rng, 4, players, shared, chance)
    text = format_efg(game)
    fast, careful = fast_and_careful(text)
    has_chance = "chance" in game.kind
    if game.kind[0] != "terminal" and (scanner == "compiled" or not has_chance):
        assert fast is not None  # chance moves: the C scanner only
    if fast is not None:
        assert tables(fast) == tables(careful)
        assert fast == game


def test_repeated_infoset_with_different_actions_falls_back_to_the_error():
    text = '''EFG 2 R "" { "A" "B" }
""
p "" 1 1 "" { "L" "R" } 0
p "" 2 1 "" { "l" "r" } 0
t "" 1 "x" { 1, 1 }
t "" 2 "y" { 2, 2 }
p "" 2 1 "" { "l" "x" } 0
t "" 3 "z" { 3, 3 }
t "" 4 "w" { 4, 4 }
'''
    assert fast_and_careful.__name__  # the fast reader declines, the careful one names the line
    head = _HEADER.match(text)
    assert read_fast(text[head.end():], ["A", "B"], "") is None
    with pytest.raises(ParseError) as err:
        parse_efg(text)
    assert err.value.line == 7


@pytest.mark.parametrize("bad, line", [
    ('t "" 1 "x" { 1, 2, 3 }', 4),      # three payoffs for two players
    ('t "" 1 "x" { 1, 2/0 }', 4),       # not a number
    ('t "" 2', 5),  # outcome used before its payoffs: named at the token after it
    ('p "" 3 1 "" { "a" } 0', 4),        # no player 3
    ('t "" 1 "x" { 1, 2x }', 4),         # a letter in an integer
    ('t "" 1 "x" { 1, - 2 }', 4),        # a sign apart from its digits
    ('p "" 1 1 "" { "a" "b" } 0', 4),    # player 1's set 1 again with other actions
    ('p "" 1 1x "" { "L" "R" } 0', 4),   # a letter in the set number
    ('t " 1 "x" { 1, 2 }', 5),  # an odd quote: labels may span lines, so the one left is on line 5
])
def test_errors_keep_line_numbers(bad, line):
    text = 'EFG 2 R "" { "A" "B" }\n""\np "" 1 1 "" { "L" "R" } 0\n' + bad + '\nt "" 9 "y" { 0, 0 }\n'
    head = _HEADER.match(text)
    assert read_fast(text[head.end():], ["A", "B"], "") is None
    with pytest.raises(ParseError) as err:
        parse_efg(text)
    assert err.value.line == line


def test_chance_and_missing_descriptions_use_the_careful_reader():
    text = '''EFG 2 R "" { "A" }
""
c "" 1 "" { "H" 1/3 "T" 2/3 } 0
p "" 1 1 "" { "x" "y" } 0
t "" 1 "o" { 1 }
t "" 2 "p" { 2 }
p "" 1 1 0
t "" 1
t "" 2
'''
    head = _HEADER.match(text)
    assert read_fast(text[head.end():], ["A"], "") is None
    game = parse_efg(text)
    assert game.probabilities[0] == (sp.Rational(1, 3), sp.Rational(2, 3))
    assert game.infosets["A:1"].members == (1, 4)


def test_deferred_game_subs_and_copy():
    text = format_efg(random_tree(random.Random(3), 3, ["A", "B"], True))
    game = parse_efg(text)
    again = game.subs({})
    assert tables(again) == tables(_parse_tokens(text, "<t>"))
    assert tables(game) == tables(again)


def _int_text(rng, players, nodes_per_level):
    """A file with only integer payoffs written ``{ a, b }`` (the integer special case),
    long numbers (9 to 18 digits: the two-word and column-wise readers) included."""
    n = len(players)

    def number():
        digits = rng.choice([1, 2, 3, 8, 9, 12, 16, 17, 18])
        value = rng.randrange(10 ** (digits - 1), 10**digits) if digits > 1 else rng.randrange(10)
        return str(-value if rng.random() < 0.4 else value)

    lines = [f'EFG 2 R "ints" {{ {" ".join(chr(34) + p + chr(34) for p in players)} }}', '""', ""]
    count = 0

    def visit(d):
        nonlocal count
        if d == 0:
            count += 1
            lines.append(f't "" {count} "o{count}" {{ {", ".join(number() for _ in range(n))} }}')
            return
        lines.append(f'p "" {d % n + 1} {count + 1} "" {{ "L" "R" }} 0')
        visit(d - 1)
        visit(d - 1)

    visit(nodes_per_level)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("n, seed", [(1, 0), (2, 1), (3, 2), (2, 3)])
def test_integer_payoffs_equal_the_careful_reader(n, seed, monkeypatch):
    import gametheory.io.efg_numpy as efg_numpy

    def general_reader_not_needed(*args):
        raise AssertionError("the integer layout should not need the general number reader")

    monkeypatch.setattr(efg_numpy, "_numbers", general_reader_not_needed)
    rng = random.Random(seed)
    text = _int_text(rng, [f"P{i}" for i in range(n)], 5)
    fast, careful = fast_and_careful(text)
    assert fast is not None
    assert tables(fast) == tables(careful)


@pytest.mark.parametrize("old, new", [
    ("{ 5, -7 }", "{ 5 , -7 }"),   # space before the comma
    ("{ 5, -7 }", "{ 5,-7 }"),     # no space after it
    ("{ 5, -7 }", "{ 5, 12345678901234567890 }"),  # too long for the fast readers
    ("{ 5, -7 }", "{ 5, -7.5 }"),  # a decimal among integers
    ("{ 5, -7 }", "{ 05, -0 }"),   # leading zeros and minus zero
    ('"o2"', '"o,2"'),             # a comma inside a label
])
def test_integer_layout_variants_agree_with_the_careful_reader(old, new):
    text = '''EFG 2 R "" { "A" "B" }
""
p "" 1 1 "" { "L" "R" } 0
t "" 1 "o1" { 1, 2 }
t "" 2 "o2" { 5, -7 }
'''.replace(old, new)
    fast, careful = fast_and_careful(text)
    if fast is not None:  # the general number reader or the careful one: same game
        assert tables(fast) == tables(careful)
    assert tables(parse_efg(text)) == tables(careful)


def test_uints_reads_every_length_and_rejects_non_digits():
    import numpy as np

    from gametheory.io.efg_fast import _PAD
    from gametheory.io.efg_numpy import _uints

    rng = random.Random(7)
    for _ in range(40):
        tokens = [str(rng.randrange(10 ** rng.randint(0, 18))) for _ in range(30)]
        text = "x" * rng.randint(0, 20) + " " + " ".join(tokens) + " "
        b = np.frombuffer(text.encode() + _PAD, dtype=np.uint8)
        start, stop, at = [], [], text.index(" ") + 1
        for tok in tokens:
            start.append(at)
            stop.append(at + len(tok))
            at += len(tok) + 1
        start_a, stop_a = np.array(start), np.array(stop)
        assert _uints(b, start_a, stop_a).tolist() == [int(t) for t in tokens]
        k = rng.randrange(30)
        broken = bytearray(b.tobytes())
        broken[rng.randrange(start[k], stop[k])] = ord(rng.choice("a/: -"))
        assert _uints(np.frombuffer(bytes(broken), dtype=np.uint8), start_a, stop_a) is None


def test_blank_lines_at_the_ends_and_inside():
    text = 'EFG 2 R "" { "A" "B" }\n""\n\n\np "" 1 1 "" { "L" "R" } 0\n\nt "" 1 "x" { 1, 2 }\nt "" 2 "y" { 3, 4 }\n\n\n'
    fast, careful = fast_and_careful(text)
    assert fast is not None
    assert tables(fast) == tables(careful)


@pytest.mark.parametrize("payoffs", [
    "{ 1/3, -0.25 }", "{ -12, 0.5 }", "{ 1,2 }", "{ 1 2 }", "{ 1,, 2 }", "{ 007, -0 }",
    "{ 1/0, 2 }", "{ 1.5.2, 0 }", "{ 1, 2x }", "{ -, 2 }", "{ 1, 2, 3 }", "{ 1 }",
    "{ 1/2/3, 0 }", "{ 1-2, 0 }", "{ 123456789012345678, 1 }", "{ 1234567890123456789, 1 }",
    "{ 0.123456789012345678, 1 }", "{1, 2 }", "{ 1, 2}", "{ }",
])
def test_payoff_spellings_agree_with_the_careful_reader(payoffs):
    text = f'''EFG 2 R "" {{ "A" "B" }}
""
p "" 1 1 "" {{ "L" "R" }} 0
t "" 1 "o1" {payoffs}
t "" 2 "o2" {{ 5, -7 }}
'''
    head = _HEADER.match(text)
    fast = read_fast(text[head.end():], ["A", "B"], "")
    try:
        careful = _parse_tokens(text, "<t>")
    except ParseError:
        assert fast is None  # an error: left to the careful reader, which names the line
        return
    if fast is not None:
        assert tables(fast) == tables(careful)


@pytest.mark.parametrize("line", [
    'p "{a, b}" 1 1 "x,y}" { "L{" "R," } 0',     # braces and commas inside labels
    'p "" 1 1 "" { "L" "R" } 0 ',                 # a space at the end of the line
    'p "" 1 1 "" {  "L" "R" } 0',                 # two spaces before an action
    'p "" 1 1 "" { "L"  "R" } 0',                 # two spaces between actions
    'p "" 1 1 "" { "L" "R" }  0',                 # two spaces before the outcome
    'p "" 1  1 "" { "L" "R" } 0',                 # two spaces between the numbers
    'p "" 0 1 "" { "L" "R" } 0',                  # player 0
    'p "" 1 1 "" { } 0',                           # no actions
    'p "" 1 1 "" { "L" "R" } 0 "" { 1, 1 }',      # outcome 0 with payoffs
    't ""',                                        # a terminal without its outcome
    'x "" 1',                                      # not a node
])
def test_line_variants_agree_with_the_careful_reader(line):
    text = 'EFG 2 R "" { "A" "B" }\n""\n' + line + '\nt "" 1 "o" { 1, 2 }\nt "" 2 "p" { 3, 4 }\n'
    head = _HEADER.match(text)
    fast = read_fast(text[head.end():], ["A", "B"], "")
    try:
        careful = _parse_tokens(text, "<t>")
    except ParseError:
        assert fast is None
        return
    if fast is not None:
        assert tables(fast) == tables(careful)


def test_more_than_nine_players():
    players = [f"P{i}" for i in range(12)]
    rng = random.Random(11)
    text = _int_text(rng, players, 11)  # depth 11: players 2 to 12 move
    fast, careful = fast_and_careful(text)
    assert fast is not None
    assert tables(fast) == tables(careful)
    assert len(fast.players) == 12 and max(fast.player) == 11  # two-digit player numbers


def test_read_game_reads_big_files_from_a_buffer(tmp_path):
    import gametheory as gt

    text = _int_text(random.Random(5), ["A", "B"], 9)
    path = tmp_path / "big.efg"
    path.write_text(text)
    game = gt.read_game(path)
    assert not game.tables_built  # the fast path was taken
    assert tables(game) == tables(_parse_tokens(text, "<t>"))
    path.write_bytes(text.replace('"ints"', '"\u00e9"').encode())  # non-ASCII: careful path
    assert gt.read_game(path).title == "\u00e9"


_BASE = '''EFG 2 R "" { "A" "B" }
""
c "n" 1 "z" { "u" 1/2 "v" 0.5 } 0
p "x" 1 1 "s" { "L" "M" "R" } 0
t "" 1 "o1" { 1, -2 }
p "" 2 1 "" { "l" "r" } 2 "o2" { 1/3, 0.25 }
t "" 3 "o3" { 0, 7 }
t "" 1
t "" 4 "o4" { -5, 12 }
c "" 1 "z" { "u" 1/2 "v" 0.5 } 0
t "" 1
t "" 4
'''


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, len(_BASE) - 1), st.sampled_from(
    list(' "{}-,./0129ptc\n') + ["", "  ", '""']), st.booleans()), min_size=1, max_size=3))
def test_mutated_files_give_the_careful_readers_game_or_fall_back(edits):
    """Random edits of a small file: the fast readers (C and numpy) give the careful
    reader's game, or decline; where the careful reader finds an error they decline."""
    text = _BASE
    for at, piece, insert in edits:
        at = min(at, len(text))
        text = text[:at] + piece + text[at + (0 if insert else 1):]
    head = _HEADER.match(text)
    if head is None:
        return
    fast = read_fast(text[head.end():], _QUOTED.findall(head.group(3)), head.group(2))
    try:
        careful = _parse_tokens(text, "<t>")
    except ParseError:
        assert fast is None
        return
    if fast is not None:
        assert tables(fast) == tables(careful)


@pytest.mark.parametrize("dist, line", [
    ('"H" 1/3 "T" 1/3', 3),      # sums to 2/3
    ('"H" -1/3 "T" 4/3', 3),     # a negative probability
])
def test_bad_chance_distributions_fall_back_to_the_error(dist, line):
    text = f'EFG 2 R "" {{ "A" }}\n""\nc "" 1 "" {{ {dist} }} 0\nt "" 1 "o" {{ 1 }}\nt "" 1\n'
    head = _HEADER.match(text)
    assert read_fast(text[head.end():], ["A"], "") is None
    with pytest.raises(ParseError) as err:
        parse_efg(text)
    assert err.value.line == line


def test_chance_moves_read_into_arrays(scanner):
    """A chance root over two subgames: read by the C scanner straight into arrays, the
    fast path's probabilities included, and the same game as the careful reader's."""
    import gametheory as gt

    text = '''EFG 2 R "nature first" { "A" "B" }
""
c "" 1 "nature" { "good" 2/3 "bad" 0.3333333333333333 } 0
p "" 1 1 "" { "L" "R" } 0
t "" 1 "x" { 3, 1 }
t "" 2 "y" { 0, 0 }
c "" 2 "" { "h" 1/2 "t" 1/2 } 4 "fee" { -1, 0 }
t "" 3 "z" { 2, 2 }
t "" 1
'''
    fast, careful = fast_and_careful(text.replace("0.3333333333333333", "1/3"))
    if scanner == "numpy":
        assert fast is None  # the numpy scanner leaves chance moves to the careful reader
        return
    assert fast is not None and tables(fast) == tables(careful)
    arrays = gt.TreeArrays.from_game(fast_and_careful(text.replace("0.3333333333333333", "1/3"))[0])
    assert sorted(arrays.prob.tolist()) == sorted([1, 2 / 3, 1, 1, 1 / 3, 1 / 2, 1 / 2])
    # An R file must sum to 1 exactly; the same decimals in a D file are accepted.
    assert fast_and_careful.__name__ and read_fast(text[text.index("c "):], ["A", "B"], "") is None
    d_game = read_fast(text[text.index("c "):], ["A", "B"], "", decimal=True)
    assert d_game is not None and d_game.probabilities[0][1] == sp.Rational(3333333333333333, 10**16)
