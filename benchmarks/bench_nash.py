"""gt.nash against pygambit and nashpy on seeded random bimatrix games and QuantEcon's games.

Run: ``.venv/bin/python benchmarks/bench_nash.py [--sizes 8,11,15] [--timeout 60] [--quick]``

One run per game (the issue-14 benchmark): for every size and payoff kind (small
integers -3..3, often degenerate; continuous uniform payoffs, whose binary fractions
make exact arithmetic big) and for QuantEcon's ``sgc_game(4)`` (15x15) and
``blotto_game(4, 3, 0.5)`` (20x20, seeded), it times

* ``gt.nash`` (all extreme equilibria, exact; no time limit),
* pygambit ``enummixed_solve(rational=True)`` and ``enummixed_solve`` (floats),
* nashpy ``vertex_enumeration``,

and prints the seconds, the ratio to gt.nash, and whether each found the complete set
of extreme equilibria (the set gt.nash finds, itself checked against pygambit's
rational solver wherever that finishes: "!!" marks a disagreement). Every other method
runs in a forked process killed after ``--timeout`` seconds: such rows say "> T".
The gt.nash row also names its engine (the C search in 128-bit integers, or Python's
unbounded integers after an overflow) and the lex-feasible bases it visited.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time
import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pygambit as gbt

import gametheory as gt
from gametheory.solve.results import counted

warnings.simplefilter("ignore")


def random_game(kind: str, size: int, seed: int):
    rng = np.random.default_rng([seed, size, 0 if kind == "integer" else 1])
    if kind == "integer":
        return rng.integers(-3, 4, (size, size)), rng.integers(-3, 4, (size, size))
    return rng.random((size, size)), rng.random((size, size))


def as_fraction(v) -> Fraction:
    return Fraction(int(v)) if float(v).is_integer() else Fraction(float(v))


def run_gt(a, b):
    g = gt.NormalFormGame.from_arrays([[as_fraction(v) for v in r] for r in a],
                                      [[as_fraction(v) for v in r] for r in b])
    sol = gt.nash(g, max_seconds=None)
    found = [tuple(tuple(Fraction(str(p)) if sol.exact else float(p) for p in s)
                   for s in e.profile) for e in sol]
    return found, f"{sol.extra['engine']}, {sol.extra['bases_visited']:,} bases"


def run_nashpy(a, b):
    return [(tuple(x), tuple(y)) for x, y in nashpy.Game(a, b).vertex_enumeration()], ""


def run_gambit(rational):
    def solve(a, b):
        arrays = [[[as_fraction(v) for v in row] for row in m] for m in (a, b)]
        G = gbt.StrategicGame.from_arrays(*arrays)
        res = gbt.nash.enummixed_solve(G, rational=rational)
        return [tuple(tuple(Fraction(str(v)) if rational else float(v) for _, v in e[p])
                      for p in ("1", "2")) for e in res.equilibria], ""
    return solve


def same_set(found, reference, exact: bool) -> bool:
    if exact:
        return {tuple(map(tuple, e)) for e in found} == {tuple(map(tuple, e)) for e in reference}

    def close(e, f):
        return all(np.allclose(np.asarray(x, float), np.asarray(y, float), atol=1e-6)
                   for x, y in zip(e, f))

    return (all(any(close(e, f) for f in found) for e in reference)
            and all(any(close(f, e) for e in reference) for f in found))


OTHERS = {
    "pygambit rational": run_gambit(True),
    "pygambit float": run_gambit(False),
    "nashpy vertex": run_nashpy,
}


def _child(solve, a, b, queue) -> None:
    start = time.perf_counter()
    found, _ = solve(a, b)
    queue.put((time.perf_counter() - start, found))


def timed(solve, a, b, timeout: float):
    """(seconds, equilibria) from a forked process, or None if it ran out of time."""
    queue = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_child, args=(solve, a, b, queue))
    proc.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:
        return None
    finally:
        proc.kill()
        proc.join()


def compare(title: str, a, b, timeout: float, exact: bool) -> None:
    start = time.perf_counter()
    reference, note = run_gt(a, b)
    base = time.perf_counter() - start
    rows = [("gt.nash", f"{base:.3f}", "1.0", "yes (reference)", note)]
    for name, solve in OTHERS.items():
        got = timed(solve, a, b, timeout)
        if got is None:
            rows.append((name, f"> {timeout:g}", f"> {timeout / base:.0f}", "did not finish", ""))
            continue
        seconds, found = got
        complete = same_set(found, reference, exact and name != "pygambit float"
                            and name != "nashpy vertex")
        if name == "pygambit rational" and not complete:
            complete_text = "!! disagrees with gt.nash"
        else:
            complete_text = "yes" if complete else "no"
        rows.append((name, f"{seconds:.3f}", f"{seconds / base:.1f}",
                     f"{complete_text} ({counted(len(found), 'equilibrium', 'equilibria')})", ""))
    for name, secs, ratio, complete, note in rows:
        print(f"| {title} | {name} | {secs} | {ratio} | {complete} | {note} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8,11,15")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds allowed to each pygambit or nashpy call")
    parser.add_argument("--quick", action="store_true", help="sizes 4,8, timeout 10 s")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.timeout = "4,8", 10.0
    import quantecon.game_theory as qe

    print("## Exact all-Nash: gt.nash vs pygambit and nashpy (bench_nash.py)")
    print()
    print("| game | method | seconds | x gt.nash | complete | gt.nash engine |")
    print("| --- | --- | ---: | ---: | --- | --- |")
    for kind in ("integer", "continuous"):
        for size in (int(s) for s in args.sizes.split(",")):
            a, b = random_game(kind, size, args.seed)
            compare(f"random {kind} {size}x{size}", a, b, args.timeout, kind == "integer")
    if args.quick:
        return
    for title, g in (("sgc_game(4) 15x15", qe.sgc_game(4)),
                     ("blotto_game(4,3) 20x20", qe.blotto_game(4, 3, 0.5,
                                                               random_state=args.seed))):
        a = g.payoff_profile_array[..., 0]
        b = g.payoff_profile_array[..., 1]
        compare(title, a, b, args.timeout, True)


if __name__ == "__main__":
    main()
