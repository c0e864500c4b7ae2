"""Solutions of coalitional games: Shapley value, Banzhaf index, core and nucleolus.

The Shapley value is computed exactly from its coalition formula (symbolic values
allowed). The core is stated as linear inequalities; whether it is empty and a point
in it come from scipy's linear programming, and the point is then made exact by
solving the active constraints in rationals and checking every constraint exactly.
The nucleolus is the sequence of linear programs of Maschler, Peleg and Shapley
(1979), with each stage's tight coalitions recovered and the final point solved exactly.

Examples
--------
>>> import gametheory as gt
>>> g = gt.WeightedVotingGame({"A": 2, "B": 1, "C": 1}, quota=3)
>>> gt.shapley_value(g).values
{'A': 2/3, 'B': 1/6, 'C': 1/6}
>>> gt.core(g).point   # A is a veto player: the core gives it everything
{'A': 1, 'B': 0, 'C': 0}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..errors import SolverError, ValidationError
from ..games.coalitional import CoalitionalGame
from ..symbolic import to_fraction
from .polytope import as_interval, nonempty_condition, polytope_vertices
from .results import Result, number_to_json

__all__ = [
    "AllocationResult",
    "CoreResult",
    "shapley_value",
    "banzhaf_index",
    "core",
    "nucleolus",
    "VERTEX_LIMIT",
]


@dataclass(frozen=True)
class AllocationResult(Result):
    """A value (one payoff per player) of a coalitional game.

    Attributes
    ----------
    values
        Payoff per player name.
    method, exact, warnings
        How it was computed, whether exactly, and what to watch for.
    """

    values: dict[str, sp.Expr]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    def __getitem__(self, player: str) -> sp.Expr:
        return self.values[player]

    def as_tuple(self) -> tuple[sp.Expr, ...]:
        return tuple(self.values.values())

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "method": self.method,
            "exact": self.exact,
            "warnings": list(self.warnings),
            "values": {p: number_to_json(v) for p, v in self.values.items()},
        }


def _simplify(v: sp.Expr) -> sp.Expr:
    return v if v.is_number else sp.simplify(v)


def shapley_value(game: CoalitionalGame) -> AllocationResult:
    """The Shapley value: each player's average marginal contribution over orderings.

    ``phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! * (v(S ∪ {i}) - v(S))``,
    computed exactly (Fractions for numbers, sympy for formulas).
    """
    n = game.n_players
    vals = game.values
    numeric = not game.parameters
    weights = [Fraction(math.factorial(s) * math.factorial(n - s - 1), math.factorial(n)) for s in range(n)]
    out: dict[str, sp.Expr] = {}
    if numeric:
        fv = {c: to_fraction(v) for c, v in vals.items()}
        for p in game.players:
            total: Any = Fraction(0)
            for c, v in fv.items():
                if p in c:
                    continue
                total += weights[len(c)] * (fv[c | {p}] - v)
            out[p] = sp.Rational(total.numerator, total.denominator) if isinstance(total, Fraction) else sp.Float(total)
    else:
        sym_w = [sp.Rational(w.numerator, w.denominator) for w in weights]
        for p in game.players:
            # collect coefficients per distinct value first: one Add at the end, not
            # thousands of incremental ones
            coeff: dict[sp.Expr, sp.Rational] = {}
            for c, v in vals.items():
                if p in c:
                    continue
                w = sym_w[len(c)]
                coeff[vals[c | {p}]] = coeff.get(vals[c | {p}], sp.Integer(0)) + w
                coeff[v] = coeff.get(v, sp.Integer(0)) - w
            out[p] = _simplify(sp.expand(sp.Add(*[k * e for e, k in coeff.items() if k != 0])))
    return AllocationResult(out, "Shapley coalition formula", game.is_exact)


def banzhaf_index(game: CoalitionalGame, normalized: bool = True) -> AllocationResult:
    """The Banzhaf index: the average marginal contribution over coalitions of the others.

    With ``normalized=True`` the indices sum to 1 (the normalized Banzhaf power index of
    a voting game); otherwise each is ``2**-(n-1)`` times the sum of swings.
    """
    vals = game.values
    raw = {}
    for p in game.players:
        acc = sp.Integer(0)
        for c, v in vals.items():
            if p not in c:
                acc += vals[c | {p}] - v
        raw[p] = acc
    if normalized:
        total = sum(raw.values(), sp.Integer(0))
        if total == 0:
            raise ValidationError("no player ever changes a coalition's value; the index is undefined")
        out = {p: _simplify(v / total) for p, v in raw.items()}
    else:
        out = {p: _simplify(v / 2 ** (game.n_players - 1)) for p, v in raw.items()}
    return AllocationResult(out, "Banzhaf swings" + (" (normalized)" if normalized else ""), game.is_exact)


# ---------------------------------------------------------------------- core


@dataclass(frozen=True)
class CoreResult(Result):
    """The core of a coalitional game.

    Attributes
    ----------
    constraints
        The core as sympy relations in the symbols ``x_<player>``: efficiency
        ``x(N) = v(N)`` and ``x(S) >= v(S)`` for every proper coalition.
    symbols
        The allocation symbols, by player.
    is_empty
        Whether the core is empty (``None`` when free parameters remain).
    point
        An allocation in the core (exact where the game is), or ``None``.
    vertices
        For numbers and at most :data:`VERTEX_LIMIT` players: the exact extreme points
        of the core (each a tuple in player order).
    empty_condition
        With free parameters and at most :data:`VERTEX_LIMIT` players: the condition
        on them under which the core is empty (exact: a non-empty core has a vertex).
    """

    constraints: tuple[sp.Basic, ...]
    symbols: dict[str, sp.Symbol]
    is_empty: bool | None
    point: dict[str, sp.Expr] | None
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    vertices: tuple[tuple[sp.Expr, ...], ...] = ()
    empty_condition: sp.Basic | None = None

    def contains(self, allocation: Mapping[str, Any]) -> bool:
        """Whether an allocation (player -> payoff) satisfies every core constraint."""
        sub = {self.symbols[p]: sp.nsimplify(v) if isinstance(v, float) else v for p, v in allocation.items()}
        return all(bool(c.xreplace(sub)) for c in self.constraints)

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "method": self.method,
            "exact": self.exact,
            "is_empty": self.is_empty,
            "constraints": [str(c) for c in self.constraints],
            "point": None if self.point is None else {p: number_to_json(v) for p, v in self.point.items()},
            "vertices": [[number_to_json(v) for v in vert] for vert in self.vertices],
            "empty_condition": None if self.empty_condition is None else str(self.empty_condition),
            "warnings": list(self.warnings),
        }


def _core_constraints(game: CoalitionalGame) -> tuple[tuple[sp.Basic, ...], dict[str, sp.Symbol]]:
    xs = {p: sp.Symbol(f"x_{p}", real=True) for p in game.players}
    grand = game.grand_coalition
    cons: list[sp.Basic] = [sp.Eq(sum((xs[p] for p in game.players), sp.Integer(0)), game.value(grand))]
    for c in game.coalitions():
        if c == grand:
            continue
        cons.append(sp.Ge(sum((xs[p] for p in game.players if p in c), sp.Integer(0)), game.value(c)))
    return tuple(cons), xs


def _lp_matrices(game: CoalitionalGame) -> tuple[list[frozenset[str]], np.ndarray, np.ndarray]:
    proper = [c for c in game.coalitions() if c != game.grand_coalition]
    a = np.array([[1.0 if p in c else 0.0 for p in game.players] for c in proper])
    b = np.array([float(game.value(c)) for c in proper])
    return proper, a, b


def _exact_point(rows: list[list[Fraction]], rhs: list[Fraction], n: int) -> list[Fraction] | None:
    """Solve a consistent system with n unknowns exactly (least-index basis), or None."""
    m = sp.Matrix([[sp.Rational(v.numerator, v.denominator) for v in r] for r in rows])
    b = sp.Matrix([sp.Rational(v.numerator, v.denominator) for v in rhs])
    if m.rank() < n:
        return None
    try:
        sol, params = m.gauss_jordan_solve(b)
    except ValueError:
        return None
    if params.shape[0]:
        return None
    return [Fraction(int(v.p), int(v.q)) for v in sol]


VERTEX_LIMIT = 4
"""Largest number of players for which the core's vertices (or, with parameters, its
emptiness condition) are enumerated exactly."""


def _core_polytope(game: CoalitionalGame) -> list[tuple[list[sp.Expr], sp.Expr]]:
    # x_n = v(N) - sum of the others; constraints x(S) >= v(S) in the first n-1 shares.
    players = game.players
    vn = game.value(game.grand_coalition)
    cons = []
    for c in game.coalitions():
        if c == game.grand_coalition:
            continue
        if players[-1] in c:
            # x(S) = v(N) - sum_{i not in S} x_i  >= v(S)
            row = [sp.Integer(-1 if p not in c else 0) for p in players[:-1]]
            cons.append((row, game.value(c) - vn))
        else:
            cons.append(([sp.Integer(1 if p in c else 0) for p in players[:-1]], game.value(c)))
    return cons


def _core_vertices(game: CoalitionalGame) -> tuple[tuple[sp.Expr, ...], ...]:
    vn = game.value(game.grand_coalition)
    verts = polytope_vertices(_core_polytope(game), game.n_players - 1)
    return tuple(tuple(v) + (vn - sum(v, sp.Integer(0)),) for v in verts)


def core(game: CoalitionalGame, tol: float = 1e-9) -> CoreResult:
    """The core: allocations that no coalition can improve on by itself.

    Parameters
    ----------
    game
        A coalitional game. With free parameters, only the constraints are returned.
    tol
        Tolerance used to read the active constraints off scipy's floating-point LP
        solution; the point returned is then verified in exact arithmetic.

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = gt.CoalitionalGame(["L", "R1", "R2"], lambda s: int("L" in s and len(s) >= 2))
    >>> gt.core(glove).point
    {'L': 1, 'R1': 0, 'R2': 0}
    """
    from scipy.optimize import linprog

    cons, xs = _core_constraints(game)
    if game.parameters:
        if game.n_players <= VERTEX_LIMIT:
            nonempty = nonempty_condition(_core_polytope(game), game.n_players - 1)
            empty = sp.Not(nonempty) if nonempty not in (sp.true, sp.false) else sp.Not(nonempty).simplify()
            if len(game.parameters) == 1 and empty not in (sp.true, sp.false):
                empty = as_interval(empty, game.parameters[0])
            is_empty = True if empty is sp.true else False if empty is sp.false else None
            return CoreResult(cons, xs, is_empty, None, "exact vertex enumeration (symbolic)",
                              game.is_exact, empty_condition=empty)
        return CoreResult(
            cons, xs, None, None, "constraints only", game.is_exact,
            ("the game has free parameters: substitute values with game.subs() to decide emptiness",),
        )
    n = game.n_players
    proper, a, b = _lp_matrices(game)
    v_n = float(game.value(game.grand_coalition))
    # min x(N) s.t. x(S) >= v(S): the core is non-empty iff the minimum is <= v(N)
    # (Bondareva-Shapley via LP duality).
    res = linprog(
        np.ones(n), A_ub=-a if len(proper) else None, b_ub=-b if len(proper) else None,
        bounds=[(None, None)] * n, method="highs",
    )
    if res.status != 0:
        raise SolverError(f"the core LP failed: {res.message}")
    exact_game = game.is_exact
    if res.fun > v_n + tol * max(1.0, abs(v_n)):
        return CoreResult(cons, xs, True, None, "linear programming (HiGHS)", exact_game,
                          extra={"min_total": res.fun}, empty_condition=sp.true)
    warnings: list[str] = []
    # Spread the slack so the point is efficient: solve again with x(N) = v(N) fixed
    # and read the active set off the solution.
    res2 = linprog(
        np.zeros(n), A_ub=-a if len(proper) else None, b_ub=-b if len(proper) else None,
        A_eq=np.ones((1, n)), b_eq=[v_n], bounds=[(None, None)] * n, method="highs-ds",
    )
    x = res2.x if res2.status == 0 else res.x
    point: dict[str, sp.Expr] | None = None
    if exact_game:
        fvals: dict[frozenset[str], Any] = {c: to_fraction(game.value(c)) for c in game.coalitions()}
        slack = a @ x - b
        order = np.argsort(slack)
        # The dual simplex ends at a vertex: take the n linearly independent constraints
        # that are tightest there (by slack, whatever their size) and solve them exactly.
        rows: list[list[Any]] = [[Fraction(1)] * n]
        rhs: list[Any] = [fvals[game.grand_coalition]]
        basis = sp.Matrix([[1] * n])
        for k in order:
            if len(rows) == n:
                break
            row = [1 if p in proper[k] else 0 for p in game.players]
            trial = basis.col_join(sp.Matrix([row]))
            if trial.rank() > basis.rank():
                basis = trial
                rows.append([Fraction(v) for v in row])
                rhs.append(fvals[proper[k]])
        sol = _exact_point(rows, rhs, n) if len(rows) >= n else None
        if sol is None:
            # Underdetermined active set: round the float point and check exactly.
            sol = [Fraction(float(v)).limit_denominator(10**6) for v in x]
            sol[-1] = fvals[game.grand_coalition] - sum(sol[:-1], Fraction(0))
        ok = all(sum((sol[i] for i, p in enumerate(game.players) if p in c), Fraction(0)) >= fvals[c]
                 for c in proper)
        if ok:
            point = {p: sp.Rational(v.numerator, v.denominator) for p, v in zip(game.players, sol)}
        else:
            warnings.append("could not make the LP point exact; returning the floating-point point")
    if point is None:
        point = {p: sp.Float(v) for p, v in zip(game.players, x)}
        exact_game = False
    verts = _core_vertices(game) if game.is_exact and n <= VERTEX_LIMIT else ()
    return CoreResult(cons, xs, False, point, "linear programming (HiGHS), point verified exactly"
                      if exact_game else "linear programming (HiGHS)", exact_game, tuple(warnings),
                      vertices=verts, empty_condition=sp.false)


# ---------------------------------------------------------------------- nucleolus


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
