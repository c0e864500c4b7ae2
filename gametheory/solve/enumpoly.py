"""Every Nash equilibrium of a small n-player game, exactly: support enumeration with
the polynomial indifference systems solved by Groebner bases.

For every profile of supports ``(S_1, ..., S_n)`` each player ``i`` must be indifferent
among the strategies of ``S_i`` against the others' mixtures. With ``p_i(s)`` the
probability of ``s`` (one per player eliminated by ``sum p_i = 1``) this is a square
system of ``sum(|S_i| - 1)`` polynomial equations, multilinear in the other players'
probabilities (McKelvey and McLennan 1996, Handbook of Computational Economics 1,
section 6; Gambit's ``enumpoly``). Its lex Groebner basis (sympy, over the rationals)
tells whether it has no solution, finitely many, or a positive-dimensional set:

* finitely many: each solution is an exact algebraic number (a rational, a radical
  such as ``1 - sqrt(3)/3``, or a ``CRootOf``); it is an equilibrium when it is real,
  every probability in the supports is positive, and no strategy outside a support
  pays more. Signs of algebraic numbers are decided exactly: a value whose magnitude
  at 60 significant digits is below ``1e-30`` is tested for being exactly zero by its
  minimal polynomial, any other value has the sign its 60-digit evaluation shows.
* a positive-dimensional set (only in degenerate games): a candidate continuum. It is
  reported in ``extra["continua"]`` with its Groebner basis and a parametrisation, and
  in a warning; its points are not enumerated (Gambit's enumpoly also skips such
  "singular" supports). Equilibria with smaller supports on its boundary are found
  from those supports.

Supports where some strategy is conditionally dominated (another pure strategy pays
strictly more against every profile of the others' supports) are skipped: they cannot
carry an equilibrium. The number of support profiles grows as ``prod(2**k_i - 1)``;
:func:`enumpoly_nash` refuses games above ``max_supports`` of them.

With free parameters the same systems are solved with the parameters as coefficients
and each solution branch becomes a piece of a :class:`PiecewiseAnswer`, valid where
its probabilities are positive and no deviation pays (conditions in the parameters).

Examples
--------
The three-player volunteer's dilemma (Diekmann 1985, J. Conflict Resolution 29): each
gets ``b = 3`` if someone volunteers, a volunteer pays ``c = 1``. There are seven
equilibria: three pure (one volunteers), three where one player ignores and the other
two volunteer with probability ``1 - c/b``, and the symmetric one, where each
volunteers with probability ``1 - (c/b)**(1/2)``:

>>> import gametheory as gt
>>> from gametheory.solve.enumpoly import volunteers_dilemma
>>> sol = gt.nash(volunteers_dilemma(3, 3, 1))
>>> len(sol), sol.method
(7, 'support enumeration, polynomial systems solved by Groebner bases (exact)')
>>> sol[3].strategies[0]
{'volunteer': 1 - sqrt(3)/3, 'ignore': sqrt(3)/3}
>>> [round(p, 6) for p in sol.extra["float_profiles"][3][0]]
[0.42265, 0.57735]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..errors import SolverError
from ..games.normal_form import NormalFormGame
from .algebraic_points import real_solutions
from .results import Equilibrium, Piece, PiecewiseAnswer, Solution
from .symbolic_support import joint_condition

__all__ = ["enumpoly_nash"]

MAX_SUPPORTS = 20_000


def volunteers_dilemma(n: int, b: Any, c: Any) -> NormalFormGame:
    """The n-player volunteer's dilemma (Diekmann 1985): everyone gets ``b`` if at
    least one volunteers; a volunteer pays ``c``.

    >>> volunteers_dilemma(3, 2, 1).shape
    (2, 2, 2)
    """
    if n < 2:
        from ..errors import ValidationError

        raise ValidationError(f"the volunteer's dilemma needs at least 2 players, got {n}")
    arrays = []
    for i in range(n):
        arr = np.empty((2,) * n, dtype=object)
        for prof in itertools.product(range(2), repeat=n):
            someone = any(s == 0 for s in prof)
            arr[prof] = (b if someone else 0) - (c if prof[i] == 0 else 0)
        arrays.append(arr)
    return NormalFormGame.from_arrays(*arrays, strategies=[["volunteer", "ignore"]] * n,
                                      title=f"{n}-player volunteer's dilemma")


def support_profiles_count(shape: Sequence[int]) -> int:
    """How many support profiles :func:`enumpoly_nash` may visit: ``prod(2**k - 1)``."""
    total = 1
    for k in shape:
        total *= 2**k - 1
    return total


def _payoff_table(game: NormalFormGame) -> tuple[np.ndarray, bool]:
    """Payoffs as sympy numbers or expressions; floats become their exact binary values."""
    if game.parameters:
        return game.payoffs, True
    frac = game.fraction_payoffs()
    out = np.empty(frac.shape, dtype=object)
    for idx in np.ndindex(*frac.shape):
        entry: Any = frac[idx]
        f = Fraction(entry)
        out[idx] = sp.Rational(f.numerator, f.denominator)
    return out, game.is_exact


def _dominated(u: np.ndarray, i: int, supports: Sequence[tuple[int, ...]], shape: Sequence[int]
               ) -> bool:
    """Whether a strategy in ``supports[i]`` pays strictly less than some pure strategy
    against every profile of the others' supports (numbers only)."""
    others = [supports[j] if j != i else (0,) for j in range(len(shape))]
    rest = list(itertools.product(*others))
    for s in supports[i]:
        for t in range(shape[i]):
            if t == s:
                continue
            if all(u[(i, *p[:i], t, *p[i + 1:])] > u[(i, *p[:i], s, *p[i + 1:])] for p in rest):
                return True
    return False


class _System:
    """The indifference system of one support profile."""

    def __init__(self, u: np.ndarray, supports: Sequence[tuple[int, ...]],
                 shape: Sequence[int]) -> None:
        self.supports = supports
        self.shape = shape
        n = len(shape)
        self.vars: list[sp.Symbol] = []
        self.prob: list[dict[int, sp.Expr]] = []
        for i, sup in enumerate(supports):
            own = [sp.Symbol(f"p{i}_{s}") for s in sup[1:]]
            self.vars += own
            first = sp.Integer(1) - sum(own, sp.Integer(0))
            self.prob.append({sup[0]: first, **dict(zip(sup[1:], own))})
        self.u = u
        self.n = n
        self.equations: list[sp.Expr] = []
        for i, sup in enumerate(supports):
            base = self.value(i, sup[0])
            for s in sup[1:]:
                self.equations.append(sp.expand(self.value(i, s) - base))

    def value(self, i: int, s: int) -> sp.Expr:
        """Player i's expected payoff from pure ``s`` against the others' supports."""
        total = sp.Integer(0)
        others = [self.supports[j] if j != i else (s,) for j in range(self.n)]
        for prof in itertools.product(*others):
            w = sp.Integer(1)
            for j in range(self.n):
                if j != i:
                    w *= self.prob[j][prof[j]]
            total += w * self.u[(i, *prof)]
        return total

    def label(self, strategies: Sequence[Sequence[str]]) -> str:
        return " x ".join("{" + ", ".join(strategies[i][s] for s in sup) + "}"
                          for i, sup in enumerate(self.supports))


def _is_equilibrium(system: _System, point: Any) -> bool:
    for i, sup in enumerate(system.supports):
        for s in sup:
            if point.sign(system.prob[i][s]) <= 0:
                return False
    for i, sup in enumerate(system.supports):
        best = system.value(i, sup[0])
        for t in range(system.shape[i]):
            if t not in sup and point.sign(system.value(i, t) - best) > 0:
                return False
    return True


def _profile(system: _System, point: Any) -> tuple[tuple[sp.Expr, ...], ...]:
    out = []
    for i, k in enumerate(system.shape):
        out.append(tuple(point.number(system.prob[i][s]) if s in system.prob[i]
                         else sp.Integer(0) for s in range(k)))
    return tuple(out)


def _all_supports(shape: Sequence[int]) -> itertools.product:
    per_player = [[c for r in range(1, k + 1) for c in itertools.combinations(range(k), r)]
                  for k in shape]
    return itertools.product(*per_player)


def enumpoly_nash(game: NormalFormGame, *, max_supports: int = MAX_SUPPORTS
                  ) -> Solution | PiecewiseAnswer:
    """All isolated Nash equilibria of an n-player game, as exact algebraic numbers.

    Parameters
    ----------
    game
        A :class:`~gametheory.NormalFormGame` with any number of players.
    max_supports
        Refuse games with more support profiles than this (``prod(2**k_i - 1)``).

    Returns
    -------
    Solution
        With numbers: concept ``"nash"``, every isolated equilibrium, each probability
        a rational or an algebraic number (sympy radicals or ``CRootOf``); in
        ``extra``: ``float_profiles`` (a float view), ``supports_visited``,
        ``continua`` (support profiles whose indifference system has a
        positive-dimensional solution set, with its Groebner basis and
        parametrisation; also stated in ``warnings``), ``degenerate`` (true when
        there are such continua; other degeneracies are not detected).
    PiecewiseAnswer
        With free parameters: one piece per support profile and solution branch, with
        the condition (in the parameters) under which it is an equilibrium.

    Examples
    --------
    Matching pennies is found with two players too:

    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]])
    >>> enumpoly_nash(mp)[0].profile
    ((1/2, 1/2), (1/2, 1/2))
    """
    shape = game.shape
    count = support_profiles_count(shape)
    if count > max_supports:
        raise SolverError(
            f"a game of shape {shape} has {count} support profiles, above "
            f"max_supports={max_supports}; use gt.pure_nash for its pure equilibria, or "
            "raise max_supports= knowing each profile may need a Groebner basis"
        )
    u, exact = _payoff_table(game)
    if game.parameters:
        return _symbolic(game, u)
    profiles: dict[tuple[tuple[sp.Expr, ...], ...], Any] = {}
    continua: list[dict[str, Any]] = []
    visited = 0
    for supports in _all_supports(shape):
        if any(_dominated(u, i, supports, shape) for i in range(len(shape))):
            continue
        visited += 1
        system = _System(u, supports, shape)
        points, continuum = real_solutions(system.equations, system.vars)
        if continuum is not None:
            continua.append({"supports": system.label(game.strategies), **continuum})
        for point in points:
            if _is_equilibrium(system, point):
                pays = tuple(point.number(system.value(i, sup[0]))
                             for i, sup in enumerate(supports))
                floats = tuple(tuple(point.approx(system.prob[i][s]) if s in system.prob[i]
                                     else 0.0 for s in range(k)) for i, k in enumerate(shape))
                profiles[_profile(system, point)] = (pays, floats)
    ordered = sorted(profiles, key=lambda e: [[-v for v in s] for s in profiles[e][1]])
    eqs = []
    for prof in ordered:
        shown = prof if exact else tuple(tuple(sp.Float(f) if v != 0 else v for v, f in zip(s, fs))
                                        for s, fs in zip(prof, profiles[prof][1]))
        pays = profiles[prof][0]
        if not exact:
            pays = tuple(sp.Float(float(v)) for v in pays)
        eqs.append(Equilibrium(game.players,
                               tuple(dict(zip(game.strategies[i], s)) for i, s in enumerate(shown)),
                               pays))
    warnings = []
    if not exact:
        warnings.append("payoffs include floats: solved exactly for their binary values, "
                        "reported as floats (exact=False)")
    if continua:
        warnings.append(
            f"{len(continua)} support profile(s) have a positive-dimensional solution set "
            "(a candidate continuum of equilibria, degenerate game); their points are not "
            "enumerated: see extra['continua']"
        )
    return Solution(
        concept="nash",
        equilibria=tuple(eqs),
        method="support enumeration, polynomial systems solved by Groebner bases (exact)",
        exact=exact,
        players=game.players,
        warnings=tuple(warnings),
        extra={"float_profiles": [profiles[p][1] for p in ordered],
               "supports_visited": visited, "support_profiles": count, "continua": continua,
               "degenerate": bool(continua)},
    )


def _expected(u: np.ndarray, i: int, prof: Sequence[Sequence[sp.Expr]]) -> sp.Expr:
    total = sp.Integer(0)
    ranges = [[s for s, p in enumerate(sigma) if p != 0] for sigma in prof]
    for idx in itertools.product(*ranges):
        w = sp.Integer(1)
        for j, s in enumerate(idx):
            w *= prof[j][s]
        total += w * u[(i, *idx)]
    return total


def _symbolic(game: NormalFormGame, u: np.ndarray) -> PiecewiseAnswer:
    """Support enumeration with the parameters as coefficients (see the module docstring)."""
    shape = game.shape
    pieces: list[Piece] = []
    unsolved: list[str] = []
    for supports in _all_supports(shape):
        system = _System(u, supports, shape)
        label = system.label(game.strategies)
        if system.vars:
            try:
                branches = sp.solve(system.equations, system.vars, dict=True)
            except NotImplementedError:
                unsolved.append(label)
                continue
        else:
            branches = [{}]
        for point in branches:
            if len(point) != len(system.vars):
                unsolved.append(label + " (positive-dimensional)")
                continue
            conds: list[sp.Basic] = []
            for i, sup in enumerate(supports):
                if len(sup) > 1:
                    conds += [sp.Gt(sp.simplify(system.prob[i][s].xreplace(point)), 0) for s in sup]
                best = system.value(i, sup[0]).xreplace(point)
                conds += [sp.Le(sp.simplify(system.value(i, t).xreplace(point) - best), 0)
                          for t in range(shape[i]) if t not in sup]
            cond = joint_condition(conds)
            if cond is sp.false:
                continue
            prof = tuple(tuple(sp.simplify(system.prob[i][s].xreplace(point))
                               if s in system.prob[i] else sp.Integer(0) for s in range(k))
                         for i, k in enumerate(shape))
            pieces.append(Piece(cond, prof, label))
    warnings = ["support enumeration assumes isolated equilibria: at parameter values where "
                "the game is degenerate, continua can be missed; check such points with "
                "gt.nash(game.subs(...))"]
    if unsolved:
        warnings.append("indifference systems not solved in closed form (or with a "
                        "continuum of solutions) for supports " + "; ".join(unsolved[:5])
                        + (" ..." if len(unsolved) > 5 else ""))

    def combine(values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> Solution:
        at_point = game.subs(mapping)
        found = {tuple(tuple(sp.radsimp(sp.sympify(v).xreplace(dict(mapping))) for v in s)
                       for s in prof): None for prof in values}
        ordered = sorted(found, key=lambda e: [[-float(v) for v in s] for s in e])
        eqs = [Equilibrium(game.players,
                           tuple(dict(zip(game.strategies[i], s)) for i, s in enumerate(prof)),
                           tuple(sp.radsimp(sp.expand(_expected(at_point.payoffs, i, prof)))
                                 for i in range(len(shape))))
               for prof in ordered]
        return Solution("nash", tuple(eqs), "symbolic support enumeration, evaluated at a point",
                        at_point.is_exact, game.players, tuple(warnings[:1]))

    return PiecewiseAnswer(
        concept="nash",
        pieces=tuple(pieces),
        parameters=game.parameters,
        combine=combine,
        method="symbolic support enumeration (polynomial indifference systems)",
        warnings=tuple(warnings),
    )
