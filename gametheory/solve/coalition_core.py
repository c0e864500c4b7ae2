"""The core of a coalitional game: allocations no coalition can improve on.

The core is stated as linear inequalities; whether it is empty and a point in it come
from scipy's linear programming, and the point is then made exact by solving the active
constraints in rationals and checking every constraint exactly. For up to
:data:`VERTEX_LIMIT` players its vertices (or, with parameters, its emptiness
condition) are enumerated exactly.

Examples
--------
>>> import gametheory as gt
>>> g = gt.WeightedVotingGame({"A": 2, "B": 1, "C": 1}, quota=3)
>>> gt.core(g).point   # A is a veto player: the core gives it everything
{'A': 1, 'B': 0, 'C': 0}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..errors import SolverError
from ..games.coalitional import CoalitionalGame
from ..symbolic import to_fraction
from .polytope import as_interval, nonempty_condition, polytope_vertices
from .results import Result, number_to_json

__all__ = ["CoreResult", "VERTEX_LIMIT", "core"]


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
