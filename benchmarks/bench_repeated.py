"""Repeated games: the SPE payoff set against QuantEcon, and simulation throughput.

Run: ``.venv/bin/python benchmarks/bench_repeated.py [--quick] [--repeats 3]``

1. ``gt.equilibrium_payoffs`` (APS operator on polygons, pure Python/numpy) against
   ``quantecon.game_theory.RepeatedGame.equilibrium_payoffs`` (Abreu-Sannikov, numba)
   on the same games and discount factors, in one run: median time of each, the ratio,
   and the Hausdorff distance between the two polygons. QuantEcon's numba compilation is
   done once before timing. Where the set is a point or a segment QuantEcon's convex
   hull (qhull) fails; the row says so.
2. ``gt.simulate``: 10,000 runs of 1,000 rounds of grim trigger under private noise,
   vectorised over runs, against a plain Python loop over runs and rounds doing the same
   draws with ``random.Random``. The plain loop is timed on a slice of the runs (it
   would take minutes on all) and its rate in rounds per second is reported. The loop
   is specialised by hand to grim trigger in a 2x2 game (the strongest plain-Python
   baseline); gt.simulate runs any automata.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import warnings
from fractions import Fraction

import numpy as np
import quantecon.game_theory as qg

import gametheory as gt

warnings.simplefilter("ignore")

GAMES = {
    "PD (4,3,1,0)": ([[3, 0], [4, 1]], [[3, 4], [0, 1]]),
    "QuantEcon PD": ([[9, 1], [10, 3]], [[9, 10], [1, 3]]),
    "Battle of the sexes": ([[3, 0], [0, 1]], [[1, 0], [0, 3]]),
    "Abreu-Sannikov 3x3": ([[16, 3, 0], [21, 10, -1], [9, 5, -5]], [[9, 1, 0], [13, 4, -4], [3, 0, -15]]),
}
DELTAS = ("1/5", "2/5", "3/5", "9/10")


def timed(fn, repeats, cpu=False):
    """Median wall-clock (or, with ``cpu``, process CPU) seconds over ``repeats`` calls."""
    clock = time.process_time if cpu else time.perf_counter
    times, out = [], None
    for _ in range(repeats):
        t = clock()
        out = fn()
        times.append(clock() - t)
    return statistics.median(times), out


def payoff_sets(repeats: int, deltas) -> None:
    a0, b0 = GAMES["PD (4,3,1,0)"]
    warm = qg.NormalFormGame((qg.Player(np.array(a0, float)), qg.Player(np.array(b0, float).T)))
    qg.RepeatedGame(warm, 0.5).equilibrium_payoffs()  # numba compilation, not timed
    print("## SPE payoff set: gt.equilibrium_payoffs vs QuantEcon (Abreu-Sannikov)\n")
    print("| game | delta | gt s | QuantEcon s | gt / QE | vertices | Hausdorff |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, (a, b) in GAMES.items():
        for d in deltas:
            game = gt.RepeatedGame(gt.NormalFormGame.from_arrays(a, b), d)
            t_gt, ours = timed(lambda game=game: gt.equilibrium_payoffs(game), repeats)
            sg = qg.NormalFormGame((qg.Player(np.array(a, float)), qg.Player(np.array(b, float).T)))
            rg = qg.RepeatedGame(sg, float(Fraction(d)))
            try:
                t_qe, hull = timed(rg.equilibrium_payoffs, repeats)
            except Exception as exc:  # qhull cannot build a hull of a point or segment
                print(f"| {name} | {d} | {t_gt:.4f} | fails ({type(exc).__name__}) | - | "
                      f"{len(ours.vertices)} | - |")
                continue
            dist = ours.hausdorff(hull.points[hull.vertices])
            print(f"| {name} | {d} | {t_gt:.4f} | {t_qe:.4f} | {t_gt / t_qe:.1f} | "
                  f"{len(ours.vertices)} | {dist:.2e} |")
    print()


def plain_loop(runs: int, rounds: int, error: float, seed: int) -> float:
    """Grim trigger x grim trigger in the PD under private noise, one run and round at a
    time in plain Python; returns the mean payoff (so the work is not optimised away)."""
    rng = random.Random(seed)
    pay = {(0, 0): (3, 3), (0, 1): (0, 4), (1, 0): (4, 0), (1, 1): (1, 1)}
    total = 0.0
    for _ in range(runs):
        state = [0, 0]  # 0 cooperate, 1 punish
        for _ in range(rounds):
            acts = (state[0], state[1])
            total += pay[acts][0]
            for i in (0, 1):
                other = acts[1 - i]
                seen = 1 - other if rng.random() < error else other
                if state[i] == 0 and (acts[i] == 1 or seen == 1):
                    state[i] = 1
    return total / (runs * rounds)


def simulation(runs: int, rounds: int, loop_runs: int, repeats: int) -> None:
    pd = gt.NormalFormGame.from_arrays(*GAMES["PD (4,3,1,0)"], strategies=[["C", "D"]] * 2)
    game = gt.RepeatedGame(pd, "9/10", monitoring=gt.PrivateNoise("1/100"))
    prof = (gt.grim_trigger(),) * 2
    rows = []
    for cpu in (False, True):
        t_vec, _ = timed(lambda: gt.simulate(game, prof, rounds, runs=runs, seed=1), repeats, cpu)
        t_loop, _ = timed(lambda: plain_loop(loop_runs, rounds, 0.01, 1), repeats, cpu)
        rows.append((cpu, t_vec, runs * rounds / t_vec, t_loop, loop_runs * rounds / t_loop))
    print(f"## Simulation throughput ({runs:,} runs x {rounds:,} rounds, grim trigger, noise 1/100)\n")
    print("Wall-clock and process CPU time (the CPU figures are robust to a loaded machine).\n")
    print("| method | clock | median s | rounds/s | speed-up |")
    print("| --- | --- | ---: | ---: | ---: |")
    for cpu, t_vec, rate_vec, t_loop, rate_loop in rows:
        clock = "CPU" if cpu else "wall"
        print(f"| gt.simulate (numpy over runs) | {clock} | {t_vec:.3f} | {rate_vec:,.0f} | "
              f"{rate_vec / rate_loop:.1f} |")
        print(f"| plain Python loop ({loop_runs:,} runs timed) | {clock} | {t_loop:.3f} | "
              f"{rate_loop:,.0f} | 1.0 |")
    print()


def write_reference(path: str) -> None:
    """Store QuantEcon's polygons for the test suite (tests/solve/test_payoff_set.py), so
    that the tests do not pay numba's compilation on every run."""
    import json

    import quantecon

    out = {"quantecon": quantecon.__version__, "method": "RepeatedGame.equilibrium_payoffs()",
           "sets": []}
    for name, (a, b) in GAMES.items():
        for d in DELTAS:
            sg = qg.NormalFormGame((qg.Player(np.array(a, float)), qg.Player(np.array(b, float).T)))
            try:
                hull = qg.RepeatedGame(sg, float(Fraction(d))).equilibrium_payoffs()
            except Exception:
                continue
            out["sets"].append({"game": name, "A": a, "B": b, "delta": d,
                                "vertices": hull.points[hull.vertices].tolist()})
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
    print(f"wrote {len(out['sets'])} QuantEcon payoff sets to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer games and runs")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write-reference", metavar="PATH",
                        help="store QuantEcon's polygons as JSON for the tests, then stop")
    args = parser.parse_args()
    if args.write_reference:
        write_reference(args.write_reference)
    elif args.quick:
        payoff_sets(1, ("2/5", "9/10"))
        simulation(1_000, 1_000, 100, 1)
    else:
        payoff_sets(args.repeats, DELTAS)
        simulation(10_000, 1_000, 500, args.repeats)


if __name__ == "__main__":
    main()
