"""The nucleolus of a coalitional game (Schmeidler 1969).

Computed as the sequence of linear programs of Maschler, Peleg and Shapley (1979), with
each stage's tight coalitions recovered and the final point solved exactly.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..errors import SolverError, ValidationError
from ..games.coalitional import CoalitionalGame
from .cooperative import AllocationResult

__all__ = ["nucleolus"]


def nucleolus(game: CoalitionalGame, tol: float = 1e-9) -> AllocationResult:
    """The nucleolus (Schmeidler 1969) over imputations, by a sequence of linear programs.

    Each stage minimises the largest excess ``v(S) - x(S)`` over the coalitions not yet
    fixed; the coalitions whose excess is pinned at the optimum (checked by one LP
    each) are fixed at that level. When the point is determined, the fixed equalities
    are solved in exact rationals and every constraint is checked exactly.

    Intended for small games (the LPs have ``2**n`` rows; n up to about 10).

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = gt.CoalitionalGame(["L", "R1", "R2"], lambda s: int("L" in s and len(s) >= 2))
    >>> gt.nucleolus(glove).values
    {'L': 1, 'R1': 0, 'R2': 0}
    """
    from scipy.optimize import linprog

    if game.parameters:
        raise ValidationError("the nucleolus needs numbers; substitute the parameters first")
    n = game.n_players
    players = game.players
    grand = game.grand_coalition
    v_n = float(game.value(grand))
    singles = [float(game.value({p})) for p in players]
    if sum(singles) > v_n + tol:
        raise ValidationError("the game has no imputation (sum of v({i}) exceeds v(N))")
    open_set = [c for c in game.coalitions() if c != grand]
    fixed: list[tuple[frozenset[str], int]] = []  # coalition, stage
    levels: list[float] = []
    indicator = {c: np.array([1.0 if p in c else 0.0 for p in players]) for c in open_set}
    bounds = [(s, None) for s in singles] + [(None, None)]
    stage = 0
    while open_set:
        # variables: x (n), t; minimise t s.t. v(S) - x(S) <= t for open S,
        # v(S) - x(S) = level for fixed S, x(N) = v(N), x_i >= v({i}).
        a_ub = np.array([np.append(-indicator[c], -1.0) for c in open_set])
        b_ub = np.array([-float(game.value(c)) for c in open_set])
        a_eq = [np.append(np.ones(n), 0.0)] + [np.append(indicator[c], 0.0) for c, _ in fixed]
        b_eq = [v_n] + [float(game.value(c)) - levels[k] for c, k in fixed]
        cost = np.zeros(n + 1)
        cost[-1] = 1.0
        res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=np.array(a_eq), b_eq=b_eq, bounds=bounds, method="highs")
        if res.status != 0:
            raise SolverError(f"nucleolus stage {stage + 1}: LP failed ({res.message})")
        t = res.fun
        levels.append(t)
        # A coalition is fixed at this stage if its excess cannot drop below t
        # while the other open coalitions stay at or below t.
        newly = []
        for c in open_set:
            obj = np.append(indicator[c], 0.0)  # maximise x(S): minimise -x(S)
            r = linprog(-obj, A_ub=a_ub, b_ub=b_ub, A_eq=np.array(a_eq + [cost]),
                        b_eq=b_eq + [t], bounds=bounds, method="highs")
            if r.status != 0:
                raise SolverError(f"nucleolus stage {stage + 1}: LP failed ({r.message})")
            if -r.fun <= float(game.value(c)) - t + tol * max(1.0, abs(t)):
                newly.append(c)
        if not newly:
            raise SolverError("nucleolus: no coalition fixed at a stage (numerical trouble)")
        fixed += [(c, stage) for c in newly]
        open_set = [c for c in open_set if c not in newly]
        rank = np.linalg.matrix_rank(np.array([np.ones(n)] + [indicator[c] for c, _ in fixed]))
        stage += 1
        if rank >= n:
            break
    return _exact_nucleolus(game, fixed, stage, levels)


def _exact_nucleolus(
    game: CoalitionalGame, fixed: list[tuple[frozenset[str], int]], stages: int, levels: list[float]
) -> AllocationResult:
    players = game.players
    xs = [sp.Symbol(f"x{i}") for i in range(len(players))]
    ts = [sp.Symbol(f"t{k}") for k in range(stages)]
    eqs = [sp.Eq(sum(xs), game.value(game.grand_coalition))]
    for c, k in fixed:
        eqs.append(sp.Eq(game.value(c) - sum(x for x, p in zip(xs, players) if p in c), ts[k]))
    exact = game.is_exact
    if exact:
        sols = sp.solve(eqs, xs + ts, dict=True)
        if len(sols) == 1 and all(s in sols[0] and sols[0][s].is_number for s in xs):
            vals = {p: sols[0][x] for p, x in zip(players, xs)}
            tvals = [sols[0].get(t) for t in ts]
            singles_ok = all(vals[p] >= game.value({p}) for p in players)
            # every coalition's excess at most the level of the stage at which it was fixed
            ok = singles_ok and all(
                tvals[k] is not None and
                game.value(c) - sum(vals[p] for p in c) <= tvals[k] for c, k in fixed
            )
            if ok and all(abs(float(t) - lv) < 1e-6 for t, lv in zip(tvals, levels) if t is not None):
                return AllocationResult(vals, "sequential LPs, final point solved and verified exactly", True)
    # fall back to the float solution of the last stage's equalities
    sols = sp.solve([e.xreplace({t: sp.Float(levels[k]) for k, t in enumerate(ts)}) for e in eqs], xs, dict=True)
    if not sols:
        raise SolverError("nucleolus: the fixed coalitions do not determine a point")
    vals = {p: sp.Float(sols[0][x]) for p, x in zip(players, xs)}
    return AllocationResult(vals, "sequential LPs (floating point)", False,
                            ("could not recover the nucleolus exactly",) if exact else ())
