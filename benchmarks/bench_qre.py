"""Benchmark of logit QRE tracing and strategic-logit estimation (issue 14, item 3).

Run: ``.venv/bin/python benchmarks/bench_qre.py [--quick] [--repeat 5]``

In one run:

* estimation on 1,000 observations of Signorino's three-move deterrence tree (8
  payoff parameters, two covariates): the time of one log-likelihood evaluation and
  of one whole fit (BFGS with central-difference gradients, then the Hessian);
* the logit QRE path from lambda 0 to 10 on a random 3x3 game, ``gt.logit_qre_path``
  against ``pygambit.qre.logit_solve_lambda`` at lambda 10 (pygambit traces in C++);
* the agent QRE of Kuhn poker at lambda 2, the same two tools;
* the exact sequence-form Lemke equilibrium of Kuhn poker, ``gt.sequence_form_nash``
  against ``pygambit.nash.lcp_solve(rational=True)`` on the tree.

Times are medians over the repeats; ratios are ours over pygambit's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import sympy as sp
from timing import median_time

import gametheory as gt
from gametheory.analysis.estimation import (
    StrategicLogitModel,
    fit_strategic_logit,
    simulate_outcomes,
)
from gametheory.games.catalog import kuhn_poker
from gametheory.io.efg import format_efg
from gametheory.io.nfg import format_nfg


def deterrence() -> tuple[gt.ExtensiveFormGame, list[sp.Symbol], dict[sp.Symbol, float]]:
    b1, b2, b3, b4, b5, c1, c2, c3, x, z = sp.symbols("b1 b2 b3 b4 b5 c1 c2 c3 x z")
    tree = gt.ExtensiveFormGame(gt.Decision("1", "challenge?", {
        "SQ": gt.Terminal([0, 0]),
        "Challenge": gt.Decision("2", "resist?", {
            "Concede": gt.Terminal([b1 + b2 * x, 0]),
            "Resist": gt.Decision("1", "fight?", {
                "BackDown": gt.Terminal([b3, c1]),
                "War": gt.Terminal([b4 + b5 * z, c2 + c3 * x])})})}), players=["1", "2"])
    params = [b1, b2, b3, b4, b5, c1, c2, c3]
    truth = dict(zip(params, [0.5, 1.0, -0.5, -1.0, 1.5, 0.5, -0.5, 1.0]))
    return tree, params, truth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repeat = 1 if args.quick else args.repeat
    import pygambit

    rows = []
    tree, params, truth = deterrence()
    rng = np.random.default_rng(0)
    cov = {"x": rng.normal(size=1000), "z": rng.normal(size=1000)}
    obs = simulate_outcomes(tree, cov, truth, seed=1)
    model = StrategicLogitModel(tree, cov, params)
    idx = model.outcome_index(obs)
    theta = np.array([truth[p] for p in params])
    t_ll = median_time(lambda: model.loglik(theta, idx), max(repeat, 20))
    t_fit = median_time(lambda: fit_strategic_logit(tree, obs, cov, params), repeat)
    fit = fit_strategic_logit(tree, obs, cov, params)
    rows.append(("log-likelihood, 1,000 obs, 3-move tree", f"{t_ll * 1e3:.2f} ms", "", ""))
    rows.append((f"fit + standard errors ({fit.extra['evaluations']} evaluations)", f"{t_fit:.2f} s", "", ""))

    with tempfile.TemporaryDirectory() as tmp:
        g = gt.NormalFormGame.from_arrays(*[np.random.default_rng(3).integers(-5, 6, size=(3, 3)) for _ in range(2)])
        Path(tmp, "g.nfg").write_text(format_nfg(g))
        pg = pygambit.read_nfg(str(Path(tmp, "g.nfg")))
        ours = median_time(lambda: gt.logit_qre_path(g, lam_max=10.0), repeat)
        theirs = median_time(lambda: pygambit.qre.logit_solve_lambda(pg, lam=[10.0]), repeat)
        rows.append(("logit QRE path to lambda 10, random 3x3", f"{ours * 1e3:.1f} ms", f"{theirs * 1e3:.1f} ms",
                     f"{ours / theirs:.0f}x"))
        kuhn = kuhn_poker()
        Path(tmp, "k.efg").write_text(format_efg(kuhn))
        pk = pygambit.read_efg(str(Path(tmp, "k.efg")))
        ours = median_time(lambda: gt.logit_qre(kuhn, 2.0), repeat)
        theirs = median_time(lambda: pygambit.qre.logit_solve_lambda(pk, lam=[2.0]), repeat)
        rows.append(("agent QRE of Kuhn poker at lambda 2", f"{ours * 1e3:.0f} ms", f"{theirs * 1e3:.1f} ms",
                     f"{ours / theirs:.0f}x"))
        ours = median_time(lambda: gt.sequence_form_nash(kuhn), repeat)
        theirs = median_time(lambda: pygambit.nash.lcp_solve(pk, rational=True), repeat)
        rows.append(("exact sequence-form Lemke, Kuhn poker", f"{ours * 1e3:.0f} ms", f"{theirs * 1e3:.1f} ms",
                     f"{ours / theirs:.0f}x"))

    print("## bench_qre: logit QRE, strategic-logit estimation, sequence-form Lemke")
    print()
    print(f"Median of {repeat} run(s).")
    print()
    print("| task | gametheory | pygambit | ratio |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
