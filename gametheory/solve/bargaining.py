"""Axiomatic solutions of bargaining problems: Nash and Kalai-Smorodinsky.

* :func:`nash_bargaining` maximises the (weighted) Nash product over the frontier,
  exactly where the frontier is polynomial (linear or quadratic) and symbolically in
  the parameters.
* :func:`kalai_smorodinsky` finds the frontier point on the line from the
  disagreement point to the ideal point.
Alternating offers (:mod:`gametheory.solve.alternating_offers`) and win-sets
(:mod:`gametheory.solve.win_sets`) have modules of their own; their names stay
importable from here.

Examples
--------
>>> import gametheory as gt
>>> gt.nash_bargaining(gt.BargainingProblem(frontier="1 - u1", domain=(0, 1))).utilities
(1/2, 1/2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..conditions import decide
from ..errors import ValidationError
from ..games.bargaining import U1, BargainingProblem
from ..symbolic import exact, is_exact, parameter_info

# Models import these from here (gametheory.solve.bargaining) as before the split.
from .alternating_offers import RubinsteinSolution as RubinsteinSolution
from .alternating_offers import rubinstein as rubinstein
from .alternating_offers import rubinstein_finite as rubinstein_finite
from .alternating_offers import rubinstein_tree as rubinstein_tree
from .results import Result, number_to_json
from .win_sets import WinSets as WinSets
from .win_sets import win_sets as win_sets

__all__ = ["BargainingSolution", "kalai_smorodinsky", "nash_bargaining"]


@dataclass(frozen=True)
class BargainingSolution(Result):
    """A point of the frontier chosen by a bargaining solution.

    Attributes
    ----------
    utilities
        ``(u1, u2)``, exact or symbolic.
    players
        The two players.
    conditions
        Conditions on the parameters under which the formula applies (for instance
        that an interior maximiser lies inside the frontier's domain).
    """

    utilities: tuple[sp.Expr, sp.Expr]
    players: tuple[str, str]
    method: str
    exact: bool
    conditions: tuple[sp.Basic, ...] = ()
    warnings: tuple[str, ...] = ()

    def __getitem__(self, player: int | str) -> sp.Expr:
        if isinstance(player, str):
            return self.utilities[self.players.index(player)]
        return self.utilities[player]

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "method": self.method,
            "exact": self.exact,
            "utilities": {p: number_to_json(u) for p, u in zip(self.players, self.utilities)},
            "conditions": [str(c) for c in self.conditions],
            "warnings": list(self.warnings),
        }


def _sample_point(params: Sequence[sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
    """A generic point in the parameters' domains (defaults where declared)."""
    out: dict[sp.Symbol, sp.Expr] = {}
    for k, s in enumerate(params):
        info = parameter_info(s)
        if info.default is not None:
            out[s] = info.default
        elif info.kind in ("probability", "discount"):
            out[s] = sp.Rational(7 + k, 13 + 2 * k)
        else:
            out[s] = sp.Rational(17 + 3 * k, 7 + k)
    return out


def _best_on_segments(
    problem: BargainingProblem, objective_root: Any, objective: Any, name: str
) -> BargainingSolution:
    d1, d2 = problem.disagreement
    params = problem.parameters
    warnings: list[str] = []
    candidates: list[tuple[sp.Expr, sp.Expr, tuple[sp.Basic, ...]]] = []
    for f, lo, hi in problem.segments:
        left = lo if (lo - d1).is_number and lo >= d1 else (d1 if (lo - d1).is_number else lo)
        roots = objective_root(f)
        for r in roots:
            r = sp.simplify(r)
            if r.is_real is False or (r.is_number and not r.is_real):
                continue
            found: list[sp.Basic] = []
            for rel in (sp.Ge(r, left), sp.Le(r, hi), sp.Ge(f.xreplace({U1: r}), d2)):
                rel = sp.simplify(rel)
                if rel is sp.false:
                    break
                if rel is not sp.true:
                    found.append(rel)
            else:
                candidates.append((r, sp.simplify(f.xreplace({U1: r})), tuple(dict.fromkeys(found))))
        for e in (left, hi):
            u2 = sp.simplify(f.xreplace({U1: e}))
            if (e - d1).is_number and (u2 - d2).is_number and (e < d1 or u2 < d2):
                continue  # not individually rational
            if not params or not candidates:
                candidates.append((e, u2, ()))
    if not candidates:
        raise ValidationError(f"no frontier point gives both players at least their disagreement utility ({name})")
    if len(candidates) == 1:
        u1, u2, conds = candidates[0]
    else:
        values = [objective(u1, u2) for u1, u2, _ in candidates]
        sample = _sample_point(params)
        scored = [(v.xreplace(sample) if params else v) for v in values]
        valid = [k for k, (_, _, cs) in enumerate(candidates)
                 if all(decide(c, at_sample=sample, warnings=warnings, what=name) is sp.true for c in cs)]
        best = max(valid, key=lambda k: scored[k])
        if params:
            warnings.append(f"{name}: candidate chosen at a sample point of the parameters")
        u1, u2, conds = candidates[best]
        ties = [k for k in valid if k != best and scored[k] == scored[best]
                and (candidates[k][0], candidates[k][1]) != (u1, u2)]
        if ties:
            warnings.append(f"{name}: several frontier points give the same value")
    return BargainingSolution((u1, u2), problem.players, name, is_exact(u1, u2), conds, tuple(warnings))


def nash_bargaining(problem: BargainingProblem, weights: Sequence[Any] | None = None) -> BargainingSolution:
    """The Nash bargaining solution (Nash 1950), or its asymmetric form.

    Maximises ``(u1 - d1)**a * (u2 - d2)**(1 - a)`` over the frontier, with
    ``(a, 1 - a) = weights`` (default ``(1/2, 1/2)``), by solving the first-order
    condition ``a (f(u) - d2) + (1 - a) f'(u) (u - d1) = 0`` exactly on every segment
    and comparing with the segment ends.

    Examples
    --------
    >>> import gametheory as gt
    >>> pie = sp.Symbol("pie", positive=True)
    >>> gt.nash_bargaining(gt.BargainingProblem(frontier=pie - gt.U1, domain=(0, pie))).utilities
    (pie/2, pie/2)
    """
    a = sp.Rational(1, 2) if weights is None else exact(weights[0], where="bargaining weight")
    if weights is not None:
        b = exact(weights[1], where="bargaining weight")
        if sp.simplify(a + b - 1) != 0:
            raise ValidationError(f"bargaining weights must sum to 1, got {a} + {b}")
    d1, d2 = problem.disagreement

    def roots(f: sp.Expr) -> list[sp.Expr]:
        foc = sp.expand(a * (f - d2) + (1 - a) * sp.diff(f, U1) * (U1 - d1))
        if not foc.has(U1):
            return []
        return list(sp.solve(sp.Eq(foc, 0), U1))

    def value(u1: sp.Expr, u2: sp.Expr) -> sp.Expr:
        return (u1 - d1) ** a * (u2 - d2) ** (1 - a)

    name = "Nash bargaining (first-order condition on the frontier)"
    if weights is not None:
        name = f"asymmetric Nash bargaining, weights ({a}, {1 - a})"
    return _best_on_segments(problem, roots, value, name)


def kalai_smorodinsky(problem: BargainingProblem) -> BargainingSolution:
    """The Kalai-Smorodinsky solution (Kalai and Smorodinsky 1975).

    The frontier point on the segment from ``d`` to the ideal point ``(a1, a2)``, where
    ``a_i`` is the best utility player i can get among outcomes that give the other at
    least the disagreement utility.
    """
    d1, d2 = problem.disagreement
    segs = problem.segments
    # The frontier is non-increasing, so a2 is at its left end (from d1) and a1 at
    # its right end (down to d2).
    f0, lo0, _ = segs[0]
    left = d1 if not (lo0 - d1).is_number or lo0 <= d1 else lo0
    a2 = sp.simplify(f0.xreplace({U1: left}))
    f_last, _, hi_last = segs[-1]
    a1 = hi_last
    if problem.vertices:
        for f, lo, hi in segs:
            if f.xreplace({U1: hi}) <= d2 <= f.xreplace({U1: lo}) and f.xreplace({U1: hi}) != f.xreplace({U1: lo}):
                a1 = sp.solve(sp.Eq(f, d2), U1)[0]
                break
    k = (a2 - d2) / (a1 - d1)

    def roots(f: sp.Expr) -> list[sp.Expr]:
        return list(sp.solve(sp.Eq(f - d2, k * (U1 - d1)), U1))

    def value(u1: sp.Expr, u2: sp.Expr) -> sp.Expr:
        # points on the ray score highest; the ends of segments are kept only as fallbacks
        return -sp.Abs((u2 - d2) - k * (u1 - d1))

    sol = _best_on_segments(problem, roots, value, "Kalai-Smorodinsky (ray to the ideal point)")
    return BargainingSolution(sol.utilities, sol.players, sol.method, sol.exact,
                              sol.conditions, sol.warnings + (f"ideal point ({a1}, {a2})",))
