"""Issue 13: every reader and the CLI give a correct game/answer or a GameError, within
a time and memory budget, on hostile input.

Each input runs in a forked child with an address-space limit (``resource.setrlimit``)
and a deadline; the parent sorts the outcome into the issue's categories:

* ``clear error``: a :class:`~gametheory.errors.GameError`;
* ``correct``: a game that writes and reads back equal (the CLI: exit code 0);
* ``wrong``: a game that does not read back equal to itself;
* ``silently accepted``: a Gambit file pygambit rejects but the reader accepts,
  outside the documented differences (labels renamed, see ``io/labels.py``);
* ``other traceback``, ``memory`` (MemoryError or killed), ``hang`` (past the deadline).

The test fails on ``wrong``, ``other traceback``, ``memory`` and ``hang``. The counts
over all inputs are written to the file named by ``$GT_FUZZ_REPORT`` when it is set.

The suite draws ``$GT_FUZZ_EXAMPLES`` edits per reader (20 by default, a fixed
derandomized sample that keeps the test suite short); a deeper run is
``GT_FUZZ_EXAMPLES=500 GT_FUZZ_REPORT=fuzz.json pytest tests/io/test_fuzz_limits.py``.
"""

from __future__ import annotations

import collections
import json
import multiprocessing
import os
import resource
import signal
from pathlib import Path

import pygambit  # noqa: F401  (imported here so that forked children start warm)
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory  # noqa: F401
import gametheory.cli  # noqa: F401

FUZZ_EXAMPLES = int(os.environ.get("GT_FUZZ_EXAMPLES", "20"))
DEADLINE_S = 10  # per input, in the child; generous because the machine is shared
MEMORY_MB = 768  # beyond what the child already maps when it forks

DATA = Path(__file__).parent / "data"
SEEDS = {
    ".nfg": ['NFG 1 R "Selten" { "I" "II" } { 3 2 }\n1 1 0 2 0 2 1 1 0 3 2 0\n',
             (DATA / "dup_labels_outcomes.nfg").read_text()],
    ".efg": [(DATA / "dup_chance.efg").read_text(), (DATA / "dup_actions.efg").read_text()],
    ".json": ['{"type": "normal_form", "parameters": {"c": {"kind": "positive", "default": "1/2"}},'
              ' "players": {"Row": ["up", "down"], "Col": ["left", "right"]},'
              ' "payoffs": {"up,left": [1, "c/2"], "up,right": [0, 0], "down,left": [2, 3],'
              ' "down,right": [0.5, -1]}}',
              '{"type": "extensive_form", "players": ["A", "B"], "root": {"player": "A", '
              '"infoset": "a", "actions": {"Out": {"payoffs": [1, 2]}, "In": {"chance": '
              '{"H": ["1/2", {"payoffs": [0, 0]}], "T": ["1/2", {"player": "B", "actions": '
              '{"l": {"payoffs": [3, "1/3"]}, "r": {"payoffs": [2, 2]}}}]}}}}}'],
    ".toml": ['type = "normal_form"\n[players]\nRow = ["up", "down"]\nCol = ["left", "right"]\n'
              '[payoffs]\n"up,left" = [1, "1/2"]\n"up,right" = [0, 0]\n"down,left" = [2, 3]\n'
              '"down,right" = ["-1", 0]\n'],
}
# Pieces from the issue's classes: huge numbers, towers, complex values, duplicates,
# empty labels, keywords, Unicode look-alikes, structure characters.
NASTY = [
    "1e999999999", "9" * 5000, "1e-400", "1.0000000000000001", "9**9**9**9", "exp(exp(exp(3)))",
    "sqrt(-1)", "log(-1)", "sqrt(2)", '""', '"x" "x"', '"', "{", "}", "[", "]", ",", "-1", "0",
    "1/0", "lambda", "\u00b5", "\u03bc", "\x00", "1000000000000", "NaN", "Infinity", "1979-05-27",
    '{"a": 1, "a": 2}', "[" * 50, "p", "c", "t", "\n", " ", "/", ".", "e", "*", "I", "zoo",
]

COUNTS: collections.Counter[str] = collections.Counter()
EXAMPLES: list[dict[str, str]] = []  # the inputs accepted here that pygambit rejects
BAD = ("wrong", "other traceback", "memory", "hang")


def _child(path: str, cli: bool, conn) -> None:  # runs in the forked child
    soft = MEMORY_MB * 2**20 + _mapped_bytes()
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
    try:
        import gametheory as gt
        from gametheory.errors import GameError

        try:
            if cli:
                import contextlib
                import io as _io

                from gametheory.cli import main

                with contextlib.redirect_stdout(_io.StringIO()), contextlib.redirect_stderr(_io.StringIO()):
                    code = main(["solve", path, "--json", "--limit", "3"])
                conn.send(("correct" if code == 0 else "clear error", ""))
                return
            game = gt.read_game(path)
        except GameError as exc:
            conn.send(("clear error", str(exc)[:200]))
            return
        except MemoryError:
            import traceback

            conn.send(("memory", traceback.format_exc()[-600:]))
            return
        except SystemExit as exc:  # argparse
            conn.send(("clear error" if exc.code == 2 else "other traceback", str(exc)))
            return
        except BaseException as exc:
            conn.send(("other traceback", f"{type(exc).__name__}: {exc}"[:300]))
            return
        suffix = Path(path).suffix
        try:
            back = gt.read_game(gt.write_game(game, path + ".back" + suffix))
        except GameError as exc:  # a game its own format cannot hold (e.g. formulas in .efg)
            back, why = None, str(exc)
        else:
            why = ""
        outcome = "correct" if back is None or back == game else "wrong"
        if outcome == "correct" and suffix in (".nfg", ".efg"):
            import pygambit

            try:
                (pygambit.read_nfg if suffix == ".nfg" else pygambit.read_efg)(path)
            except Exception as exc:  # pygambit rejects what we accepted
                outcome, why = "silently accepted", str(exc)[:200]
        conn.send((outcome, why))
    except MemoryError:
        conn.send(("memory", ""))


def _mapped_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _run(tmp_path: Path, suffix: str, text: str, cli: bool) -> tuple[str, str]:
    path = tmp_path / f"case{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(str(path), cli, child))
    proc.start()
    child.close()
    outcome: tuple[str, str] | None = None
    if parent.poll(DEADLINE_S):
        try:
            outcome = parent.recv()
        except EOFError:
            outcome = None
    if outcome is None:
        alive = proc.is_alive()
        if alive:
            os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        outcome = ("hang", "") if alive else ("memory", f"child died with {proc.exitcode}")
    proc.join()
    COUNTS[outcome[0]] += 1
    if outcome[0] == "silently accepted":
        EXAMPLES.append({"text": text[:200], "pygambit": outcome[1]})
    _report()
    return outcome


def _report() -> None:
    target = os.environ.get("GT_FUZZ_REPORT")
    if target:
        Path(target).write_text(json.dumps(
            {"inputs": sum(COUNTS.values()), **COUNTS, "silently accepted, examples": EXAMPLES},
            indent=1))


edits = st.lists(st.tuples(st.integers(0, 10**4), st.sampled_from(NASTY), st.booleans()),
                 min_size=1, max_size=3)


def _edit(text: str, changes: list[tuple[int, str, bool]]) -> str:
    for at, piece, insert in changes:
        at %= len(text) + 1
        text = text[:at] + piece + text[at + (0 if insert else 1):]
    return text


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 1), changes=edits)
def test_readers_answer_or_raise_within_budget(tmp_path, suffix, seed, changes):
    seeds = SEEDS[suffix]
    text = _edit(seeds[seed % len(seeds)], changes)
    outcome, why = _run(tmp_path, suffix, text, cli=False)
    assert outcome not in BAD, (outcome, why, text[:300])


@settings(max_examples=max(1, FUZZ_EXAMPLES * 4 // 5), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from(sorted(SEEDS)), changes=edits)
def test_cli_answers_or_errors_within_budget(tmp_path, suffix, changes):
    text = _edit(SEEDS[suffix][0], changes)
    outcome, why = _run(tmp_path, suffix, text, cli=True)
    assert outcome not in BAD, (outcome, why, text[:300])


@pytest.mark.parametrize("suffix, text", [
    (".nfg", 'NFG 1 R "" { "A" "B" } { 1000000 1000000 }\n1 2\n'),
    (".nfg", 'NFG 1 R "" { "A" "B" } { 1 1 }\n1e999999999 0\n'),
    (".efg", 'EFG 2 R "" { "A" } ""\nt "" 1 "o" { ' + "9" * 5000 + ' }\n'),
    (".json", "[" * 100_000 + "]" * 100_000),
    (".json", '{"players": {"R": ["U"], "C": ["L"]}, "payoffs": {"U,L": ["9**9**9**9", 0]}}'),
    (".toml", 'x = ' + "9" * 5000 + "\n"),
])
def test_the_issues_hangs_and_blowups_end_in_clear_errors(tmp_path, suffix, text):
    assert _run(tmp_path, suffix, text, cli=False)[0] == "clear error"
    assert _run(tmp_path, suffix, text, cli=True)[0] == "clear error"


def test_dev_zero_is_refused_within_budget(tmp_path):
    for suffix in (".efg", ".nfg", ".json"):
        link = tmp_path / f"zero{suffix}"
        link.symlink_to("/dev/zero")
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(str(link), False, child))
        proc.start()
        assert parent.poll(DEADLINE_S * 3), "reading /dev/zero hung"
        assert parent.recv()[0] == "clear error"
        proc.join()
