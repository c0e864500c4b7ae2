"""gt.nash against nashpy and pygambit on seeded random bimatrix games.

Run: ``.venv/bin/python benchmarks/bench_nash.py [--games N] [--sizes 3,4,6,8,11,15] [--quick]``

For every size and payoff kind (small integers, which are often degenerate, and
continuous uniform payoffs) it times each method on the same seeded games, in one run,
and prints the median time, the ratio to gt.nash, and on how many games the method
found the complete set of extreme equilibria (the set gt.nash finds, which is checked
against pygambit's exact rational enumeration). nashpy is skipped where one call would
take minutes (above 8x8), and so is pygambit's rational solver on continuous payoffs
above 6x6 (their binary fractions have 53-bit denominators).

gt.nash refuses games whose estimated enumeration time exceeds its ``max_seconds``
(60 s): those rows say "refused" with the estimate. ``gt lemke-howson`` is
``gt.nash(method="lemke-howson")`` (every label, exact): its "complete" column counts
the games where it happened to find every extreme equilibrium. A second table runs
QuantEcon's ``sgc_game(4)`` (15x15) and ``blotto_game(4, 3, 0.5)`` (20x20, seeded).
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pygambit as gbt

import gametheory as gt

warnings.simplefilter("ignore")


def games(kind: str, size: int, count: int, seed: int):
    rng = np.random.default_rng([seed, size, 0 if kind == "integer" else 1])
    for _ in range(count):
        if kind == "integer":
            yield rng.integers(-3, 4, (size, size)), rng.integers(-3, 4, (size, size))
        else:
            yield rng.random((size, size)), rng.random((size, size))


def as_fraction(v) -> Fraction:
    return Fraction(int(v)) if isinstance(v, np.integer) else Fraction(float(v))


def run_gt(a, b):
    g = gt.NormalFormGame.from_arrays(a.tolist(), b.tolist())
    sol = gt.nash(g)
    return [tuple(tuple(Fraction(str(p)) if sol.exact else float(p) for p in s) for s in e.profile)
            for e in sol]


def run_gt_lh(a, b):
    g = gt.NormalFormGame.from_arrays(a.tolist(), b.tolist())
    sol = gt.nash(g, method="lemke-howson")
    return [tuple(tuple(Fraction(str(p)) if sol.exact else float(p) for p in s) for s in e.profile)
            for e in sol]


def run_nashpy(method):
    def solve(a, b):
        game = nashpy.Game(a, b)
        return [(tuple(x), tuple(y)) for x, y in getattr(game, method)()]
    return solve


def run_gambit(rational):
    def solve(a, b):
        arrays = [[[as_fraction(v) for v in row] for row in m] for m in (a, b)]
        G = gbt.StrategicGame.from_arrays(*arrays)
        res = gbt.nash.enummixed_solve(G, rational=rational)
        return [tuple(tuple(Fraction(str(v)) if rational else float(v) for _, v in e[p])
                      for p in ("1", "2")) for e in res.equilibria]
    return solve


def same_set(found, reference, exact: bool) -> bool:
    if exact:
        return {tuple(map(tuple, e)) for e in found} == {tuple(map(tuple, e)) for e in reference}

    def close(e, f):
        return all(np.allclose(np.asarray(x, float), np.asarray(y, float), atol=1e-6)
                   for x, y in zip(e, f))

    return (all(any(close(e, f) for f in found) for e in reference)
            and all(any(close(f, e) for e in reference) for f in found))


# Largest size each method is run at, per payoff kind (beyond it one call takes minutes).
METHODS = {
    "gt.nash": (run_gt, {"integer": 99, "continuous": 99}),
    "gt lemke-howson": (run_gt_lh, {"integer": 99, "continuous": 99}),
    "pygambit rational": (run_gambit(True), {"integer": 8, "continuous": 6}),
    "pygambit float": (run_gambit(False), {"integer": 99, "continuous": 99}),
    "nashpy vertex": (run_nashpy("vertex_enumeration"), {"integer": 8, "continuous": 8}),
    "nashpy support": (run_nashpy("support_enumeration"), {"integer": 8, "continuous": 8}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=3, help="games per size and kind")
    parser.add_argument("--sizes", default="3,4,6,8,11,15")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--quick", action="store_true", help="one game per size, sizes 3,6,8")
    args = parser.parse_args()
    if args.quick:
        args.games, args.sizes = 1, "3,6,8"
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'kind':<11}{'size':>5}  {'method':<18}{'median s':>10}{'x gt.nash':>11}  complete")
    for kind in ("integer", "continuous"):
        for size in sizes:
            times: dict[str, list[float]] = {m: [] for m in METHODS}
            complete: dict[str, int] = {m: 0 for m in METHODS}
            refused: dict[str, float] = {}
            batch = list(games(kind, size, args.games, args.seed))
            for a, b in batch:
                reference = None
                exact_ref = None
                for name, (solve, max_size) in METHODS.items():
                    if size > max_size[kind]:
                        continue
                    start = time.perf_counter()
                    try:
                        found = solve(a, b)
                    except gt.SolverError:
                        refused[name] = gt.solve.mixed_nash.estimated_seconds(size, size)
                        continue
                    times[name].append(time.perf_counter() - start)
                    if name == "gt.nash":
                        reference = found
                    elif name == "pygambit rational":
                        exact_ref = found
                    exact = name in ("gt.nash", "pygambit rational") and kind == "integer"
                    if reference is not None and same_set(found, reference, exact):
                        complete[name] += 1
                # The reference itself is checked against pygambit's rational solver.
                if (exact_ref is not None and reference is not None
                        and not same_set(reference, exact_ref, kind == "integer")):
                    print(f"  !! gt.nash and pygambit rational disagree on a {size}x{size} {kind} game")
            base = statistics.median(times["gt.nash"] or times["gt lemke-howson"])
            for name in METHODS:
                if name in refused:
                    print(f"{kind:<11}{size:>5}  {name:<18}{'refused':>10}  (estimate "
                          f"{refused[name]:,.0f} s)")
                    continue
                if not times[name]:
                    print(f"{kind:<11}{size:>5}  {name:<18}{'skipped':>10}")
                    continue
                med = statistics.median(times[name])
                print(f"{kind:<11}{size:>5}  {name:<18}{med:>10.4f}{med / base:>11.1f}"
                      f"  {complete[name]}/{len(times[name])}")
    quantecon_games(args.seed)


def quantecon_games(seed: int) -> None:
    """QuantEcon's sgc_game(4) and blotto_game(4, 3): one run each, times and counts."""
    import quantecon.game_theory as qe

    print()
    print(f"{'game':<24}{'method':<18}{'s':>10}  equilibria")
    cases = [("sgc_game(4) 15x15", qe.sgc_game(4)),
             ("blotto_game(4,3) 20x20", qe.blotto_game(4, 3, 0.5, random_state=seed))]
    for title, g in cases:
        a = g.payoff_profile_array[..., 0]
        b = g.payoff_profile_array[..., 1]
        size = a.shape[0]
        for name, solve in (("gt.nash", run_gt), ("gt lemke-howson", run_gt_lh),
                            ("pygambit float", run_gambit(False))):
            start = time.perf_counter()
            try:
                found = solve(a, b)
            except gt.SolverError:
                est = gt.solve.mixed_nash.estimated_seconds(size, a.shape[1])
                print(f"{title:<24}{name:<18}{'refused':>10}  (estimate {est:,.0f} s)")
                continue
            print(f"{title:<24}{name:<18}{time.perf_counter() - start:>10.3f}  {len(found)}")


if __name__ == "__main__":
    main()
