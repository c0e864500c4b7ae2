"""Benchmark: compiled parameter sweeps against point-by-point solving (issue 6).

In one run, on the same grids:

(a) the compiled sweep of the SPE regions of a sequential disarm/honor/renege game and
    of the grim-trigger condition of a repeated prisoner's dilemma, over 100x100,
    300x300 and 1000x1000 grids, derivation (gt.spe / gt.is_subgame_perfect) and
    compilation included in every repetition;
(b) solving point by point: nashpy (support enumeration of the 2x2 normal form) and
    gt.spe for the tree, gt.is_subgame_perfect for the repeated game, timed on a seeded
    sample of points of the small grid; the per-point median, extrapolated to the
    1000x1000 grid, gives the ratio against the compiled sweep;
(c) peak memory of a 10^7-point sweep, measured in a fresh subprocess (resource
    ru_maxrss, and tracemalloc's peak of the sweep itself).

Prints a markdown section. Run: ``.venv/bin/python benchmarks/bench_sweep.py``
(``--quick`` for fewer repetitions and points).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

# nashpy warns about degenerate games on the tie points of the grid; counted as solved.
warnings.filterwarnings("ignore", category=RuntimeWarning, module="nashpy")

SETUP = '''
import numpy as np, sympy as sp
import gametheory as gt
B = gt.parameter("bench_b", "real", description="DPRK's gain from an honoured deal")
R = gt.parameter("bench_r", "real", description="US gain from reneging (honouring pays 1)")
T = gt.parameter("bench_t", "real", description="temptation payoff of the stage PD")
DELTA = gt.parameter("bench_delta", "discount")

def disarm_tree():
    return gt.ExtensiveFormGame(
        gt.Decision("DPRK", "dprk", {
            "Keep": gt.Terminal([0, 0]),
            "Disarm": gt.Decision("US", "us", {
                "Honor": gt.Terminal([B, 1]), "Renege": gt.Terminal([-1, R])})}),
        players=["DPRK", "US"])

def stage_pd(t=T):
    return gt.NormalFormGame.from_arrays([[3, 0], [t, 1]], [[3, t], [0, 1]],
                                         strategies=[["C", "D"], ["C", "D"]])

def grim_answer():
    rg = gt.RepeatedGame(stage_pd(), DELTA)
    return gt.is_subgame_perfect(rg, (gt.grim_trigger(), gt.grim_trigger())).as_piecewise()

B_RANGE, R_RANGE = (-2.0, 2.0), (0.0, 2.0)
T_RANGE, D_RANGE = (3.0, 9.0), (0.01, 0.99)
'''

namespace: dict[str, Any] = {}
exec(SETUP, namespace)  # the same definitions run in the memory subprocess
gt = namespace["gt"]


def grid(n: int, lo_hi: tuple[float, float]) -> np.ndarray:
    return np.linspace(lo_hi[0], lo_hi[1], n)


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    from sympy.core.cache import clear_cache

    out = []
    for _ in range(repeat):
        # A cold sympy cache: the derivation is redone from scratch every time.
        clear_cache()
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def sweep_tree(n: int) -> Any:
    answer = gt.spe(namespace["disarm_tree"]())
    return gt.sweep(answer, bench_b=grid(n, namespace["B_RANGE"]), bench_r=grid(n, namespace["R_RANGE"]))


def sweep_grim(n: int) -> Any:
    answer = namespace["grim_answer"]()
    return gt.sweep(answer, bench_t=grid(n, namespace["T_RANGE"]), bench_delta=grid(n, namespace["D_RANGE"]))


def sample_points(n_grid: int, k: int, ranges: tuple[tuple[float, float], ...], seed: int) -> list[tuple[float, ...]]:
    rng = np.random.default_rng(seed)
    axes = [grid(n_grid, r) for r in ranges]
    return [tuple(float(a[i]) for a, i in zip(axes, rng.integers(0, n_grid, len(axes)))) for _ in range(k)]


def per_point(fn: Callable[[tuple[float, ...]], Any], points: list[tuple[float, ...]]) -> float:
    times = []
    for p in points:
        t0 = time.perf_counter()
        fn(p)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def tree_spe_point(p: tuple[float, ...]) -> Any:
    b, r = p
    return gt.spe(namespace["disarm_tree"]().subs({"bench_b": b, "bench_r": r}))


def tree_nashpy_point(p: tuple[float, ...]) -> Any:
    import nashpy

    b, r = p
    # Reduced normal form of the tree: DPRK {Keep, Disarm} x US {Honor, Renege}.
    a = np.array([[0.0, 0.0], [b, -1.0]])
    u = np.array([[0.0, 0.0], [1.0, r]])
    return list(nashpy.Game(a, u).support_enumeration())


def grim_point(p: tuple[float, ...]) -> Any:
    t, d = p
    rg = gt.RepeatedGame(namespace["stage_pd"](t), d)
    return gt.is_subgame_perfect(rg, (gt.grim_trigger(), gt.grim_trigger())).holds


MEMORY = SETUP + '''
import resource, tracemalloc, json
answer = gt.spe(disarm_tree())
b, r = np.linspace(-2, 2, 10_000), np.linspace(0, 2, 1_000)
gt.sweep(answer, bench_b=b[:10], bench_r=r[:10])  # compile paths warmed
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
res = gt.sweep(answer, bench_b=b, bench_r=r)
current, peak = tracemalloc.get_traced_memory()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"points": res.size, "maxrss_mb": after / 1024, "maxrss_before_mb": before / 1024,
                  "tracemalloc_peak_mb": peak / 2**20}))
'''


def memory_check() -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", MEMORY], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and points")
    args = parser.parse_args()
    repeat = 3 if args.quick else 5
    k = 100 if args.quick else 300
    sizes = (100, 300, 1000)

    # Warm up imports and sympy's caches once, as a user's session would be.
    sweep_tree(10)
    sweep_grim(10)

    rows = []
    medians: dict[tuple[str, int], float] = {}
    for name, fn in (("disarm/honor/renege SPE", sweep_tree), ("grim trigger, repeated PD", sweep_grim)):
        for n in sizes:
            times = timed(lambda fn=fn, n=n: fn(n), repeat)
            medians[(name, n)] = statistics.median(times)
            rows.append((name, f"{n}x{n}", statistics.median(times), min(times)))

    tree_pts = sample_points(100, k, (namespace["B_RANGE"], namespace["R_RANGE"]), seed=1)
    grim_pts = sample_points(100, k, (namespace["T_RANGE"], namespace["D_RANGE"]), seed=2)
    for p in tree_pts[:5]:
        tree_spe_point(p), tree_nashpy_point(p)
    pp = {
        ("disarm/honor/renege SPE", "gt.spe"): per_point(tree_spe_point, tree_pts),
        ("disarm/honor/renege SPE", "nashpy support enumeration"): per_point(tree_nashpy_point, tree_pts),
        ("grim trigger, repeated PD", "gt.is_subgame_perfect"): per_point(grim_point, grim_pts),
    }
    mem = memory_check()

    print("## Parameter sweeps (bench_sweep.py)\n")
    print(f"Compiled sweeps, derivation and compilation included (sympy cache cleared before "
          f"each run); median of {repeat} runs.\n")
    print("| model | grid | median (s) | best (s) | per point (us) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, g, med, best in rows:
        n = int(g.split("x")[0]) ** 2
        print(f"| {name} | {g} | {med:.4f} | {best:.4f} | {med / n * 1e6:.3f} |")
    print(f"\nPoint by point, median over {k} seeded points of the 100x100 grid; "
          "extrapolated to 1000x1000 (10^6 points) and compared with the compiled sweep there.\n")
    print("| model | solver | per point (ms) | 1000x1000 point by point (s, extrapolated) "
          "| compiled 1000x1000 (s) | speed-up |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for (name, solver), t in pp.items():
        total = t * 1_000_000
        compiled = medians[(name, 1000)]
        print(f"| {name} | {solver} | {t * 1e3:.3f} | {total:.0f} | {compiled:.3f} | {total / compiled:,.0f}x |")
    print("\nThe disarm tree's reduced normal form is 2x2; nashpy has no repeated-game "
          "solver, so the grim-trigger row is compared with gt.is_subgame_perfect only.\n")
    print(f"Memory, {mem['points']:,}-point sweep in a fresh process: peak RSS "
          f"{mem['maxrss_mb']:.0f} MB (of which {mem['maxrss_before_mb']:.0f} MB before the sweep: "
          f"interpreter, numpy, sympy, derivation); tracemalloc peak during the sweep "
          f"{mem['tracemalloc_peak_mb']:.0f} MB. Target: under 1 GB.\n")


if __name__ == "__main__":
    main()
