"""Nash equilibria of two-player games with free parameters: symbolic support enumeration.

For every pair of supports ``(I, J)`` of equal size, the indifference equations

    A[I, J] y_J = v 1,   sum(y_J) = 1,      B[I, J]^T x_I = w 1,   sum(x_I) = 1

are solved in closed form, and the pair gives an equilibrium exactly where every
probability in the supports is positive and no strategy outside them pays more:
``A[i, J] y_J <= v`` for rows ``i`` outside ``I`` and ``x_I B[I, j] <= w`` for columns
``j`` outside ``J``. This is the support enumeration of Mangasarian (1964) and Dickhaut
and Kaplan (1991), done in sympy.

Genericity is assumed: in a nondegenerate game every equilibrium has supports of equal
size and is found this way. At parameter values where the game is degenerate (on the
boundaries between pieces, or where an indifference system is singular) equilibria
with unequal supports, or continua, can be missed; the answer says so in its warnings,
and where no piece holds at a point :meth:`PiecewiseAnswer.at` solves the game there
numerically (:func:`gametheory.nash`).

Examples
--------
The basic inspection game (after Avenhaus, von Stengel and Zamir 2002, Handbook of
Game Theory 3, ch. 51): inspection costs the inspector ``c``, an undetected violation
costs it ``a > c``; the inspectee gains ``b`` from an undetected violation and loses
``d`` when caught. The inspectee violates with probability ``c/a`` and the inspector
inspects with probability ``b/(b+d)``:

>>> import gametheory as gt
>>> a, b, c, d = (gt.parameter(f"{s}_doc", kind="positive") for s in "abcd")
>>> g = gt.NormalFormGame.from_arrays([[-c, -c], [0, -a]], [[0, -d], [0, b]],
...     players=["Inspector", "Inspectee"],
...     strategies=[["inspect", "trust"], ["legal", "violate"]])
>>> sol = gt.nash(g).at({a: 4, b: 1, c: 1, d: 3})
>>> sol[0].strategies
({'inspect': 1/4, 'trust': 3/4}, {'legal': 3/4, 'violate': 1/4})
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

import sympy as sp

from ..conditions import canonical_relation, simplify_condition
from ..games.normal_form import NormalFormGame
from .results import Equilibrium, Piece, PiecewiseAnswer, Solution

__all__ = ["symbolic_nash", "joint_condition"]


def _mixture(rows: sp.Matrix) -> tuple[list[sp.Expr], sp.Expr, sp.Expr] | None:
    """Solve ``rows @ p = v 1, sum p = 1``; return (p, v, determinant) or None if singular."""
    k = rows.shape[0]
    m = sp.zeros(k + 1, k + 1)
    m[:k, :k] = rows
    m[:k, k] = -sp.ones(k, 1)
    m[k, :k] = sp.ones(1, k)
    det = sp.factor(m.det())
    if det == 0:
        return None
    rhs = sp.zeros(k + 1, 1)
    rhs[k] = 1
    sol = m.LUsolve(rhs) if k > 1 else m.inv() * rhs
    sol = [sp.factor(sp.simplify(s)) for s in sol]
    return sol[:k], sol[k], det


def _nash_at_point(game: NormalFormGame, warnings: tuple[str, ...], values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> Solution:
    at_point = game.subs(mapping)
    found = [v for v in values if v is not None]
    if not found:
        from .mixed_nash import nash

        sol = nash(at_point)
        assert isinstance(sol, Solution)
        return Solution(
            "nash", sol.equilibria, sol.method + " (no support pair held at this point)",
            sol.exact, sol.players,
            sol.warnings + ("no symbolic piece holds here: solved numerically",), sol.extra,
        )
    profiles = set()
    for x, y in found:
        point = dict(mapping)
        profiles.add((tuple(e.xreplace(point) for e in x),
                      tuple(e.xreplace(point) for e in y)))
    ordered = sorted(profiles, key=lambda e: ([-v for v in e[0]], [-v for v in e[1]]))
    eqs = []
    for x, y in ordered:
        pays = at_point.expected_payoffs([list(x), list(y)])
        strategies = tuple(
            dict(zip(game.strategies[i], s)) for i, s in enumerate((x, y))
        )
        eqs.append(Equilibrium(game.players, strategies, pays))
    return Solution.of_game(at_point, "nash", eqs, "symbolic support enumeration, evaluated at a point",
                            warnings[:1])


def joint_condition(conditions: Iterable[sp.Basic]) -> sp.Basic:
    """The conjunction of ``conditions``, each decided under the parameters' assumptions,
    simplified: ``sp.false`` as soon as one cannot hold, ``sp.true`` when all must.

    Examples
    --------
    >>> import gametheory as gt
    >>> a = gt.parameter("a_joint", "positive")
    >>> joint_condition([sp.Gt(a, 0), sp.Le(a, 1)])
    a_joint <= 1
    >>> joint_condition([sp.Lt(a, 0), sp.Le(a, 1)])
    False
    """
    decided = [canonical_relation(c) for c in conditions]
    if any(c is sp.false for c in decided):
        return sp.false
    return simplify_condition(sp.And(*[c for c in decided if c is not sp.true]))


def symbolic_nash(game: NormalFormGame) -> PiecewiseAnswer:
    """Nash equilibria of a two-player game with free parameters, piece by piece.

    Each piece is one pair of supports: its condition (a conjunction of sympy
    relations in the parameters) and its equilibrium ``(x, y)`` as sympy expressions.
    :meth:`PiecewiseAnswer.at` returns the :class:`Solution` at a point.
    """
    a = sp.Matrix(game.payoffs[0].tolist())
    b = sp.Matrix(game.payoffs[1].tolist())
    m, n = a.shape
    pieces: list[Piece] = []
    singular: list[str] = []
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                label = (
                    "{" + ", ".join(game.strategies[0][i] for i in rows) + "} x {"
                    + ", ".join(game.strategies[1][j] for j in cols) + "}"
                )
                col_mix = _mixture(a.extract(list(rows), list(cols)))
                row_mix = _mixture(b.extract(list(rows), list(cols)).T)
                if col_mix is None or row_mix is None:
                    singular.append(label)
                    continue
                y_s, v, det_y = col_mix
                x_s, w, det_x = row_mix
                conds = []
                if k > 1:
                    conds += [sp.Ne(det_y, 0), sp.Ne(det_x, 0)]
                    conds += [p > 0 for p in x_s] + [q > 0 for q in y_s]
                x = [sp.Integer(0)] * m
                y = [sp.Integer(0)] * n
                for i, p in zip(rows, x_s):
                    x[i] = p
                for j, q in zip(cols, y_s):
                    y[j] = q
                for i in set(range(m)) - set(rows):
                    conds.append(sp.Le(sum(a[i, j] * y[j] for j in cols), v))
                for j in set(range(n)) - set(cols):
                    conds.append(sp.Le(sum(b[i, j] * x[i] for i in rows), w))
                cond = joint_condition(conds)
                if cond is sp.false:
                    continue
                pieces.append(Piece(cond, (tuple(x), tuple(y)), label))
    covered = sp.Or(*[p.condition for p in pieces]) if pieces else sp.false
    if covered is not sp.true:
        rest = simplify_condition(sp.Not(covered))
        if rest is not sp.false:
            pieces.append(Piece(rest, None, "no support pair (degenerate values)"))
    warnings = [
        "support enumeration assumes a nondegenerate game: at parameter values where the "
        "game is degenerate (boundaries between pieces) equilibria with unequal supports "
        "or continua can be missed; check such points with gt.nash(game.subs(...))"
    ]
    if singular:
        warnings.append(
            "indifference equations identically singular for supports "
            + "; ".join(singular[:5]) + (" ..." if len(singular) > 5 else "")
        )

    return PiecewiseAnswer(
        concept="nash",
        pieces=tuple(pieces),
        parameters=game.parameters,
        combine=partial(_nash_at_point, game, tuple(warnings)),
        method="symbolic support enumeration",
        warnings=tuple(warnings),
    )
