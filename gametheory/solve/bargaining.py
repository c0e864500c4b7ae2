"""Solutions of bargaining problems: Nash, Kalai-Smorodinsky, Rubinstein, win-sets.

* :func:`nash_bargaining` maximises the (weighted) Nash product over the frontier,
  exactly where the frontier is polynomial (linear or quadratic) and symbolically in
  the parameters.
* :func:`kalai_smorodinsky` finds the frontier point on the line from the
  disagreement point to the ideal point.
* :func:`rubinstein` gives the shares of the unique SPE of alternating offers
  (Rubinstein 1982; Osborne and Rubinstein 1994, Prop. 122.1); :func:`rubinstein_finite`
  the T-round version by backward recursion, and :func:`rubinstein_tree` the same
  game as an :class:`~gametheory.ExtensiveFormGame` for :func:`gametheory.spe`.
* :func:`win_sets` gives each side's acceptance set in a multi-issue negotiation,
  their intersection, whether it is empty, and its vertices.

Examples
--------
>>> import gametheory as gt
>>> gt.rubinstein("9/10", "4/5").share(0)
5/7
>>> gt.nash_bargaining(gt.BargainingProblem(frontier="1 - u1", domain=(0, 1))).utilities
(1/2, 1/2)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..conditions import decide
from ..errors import ParameterError, ValidationError
from ..games.bargaining import U1, BargainingProblem, MultiIssueBargaining
from ..symbolic import exact, is_exact, parameter_info
from .polytope import as_interval, nonempty_condition, polytope_vertices
from .results import Result, number_to_json

__all__ = [
    "BargainingSolution",
    "RubinsteinSolution",
    "WinSets",
    "nash_bargaining",
    "kalai_smorodinsky",
    "rubinstein",
    "rubinstein_finite",
    "rubinstein_tree",
    "win_sets",
]


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


# ---------------------------------------------------------------------- Rubinstein


@dataclass(frozen=True)
class RubinsteinSolution(Result):
    """Shares of alternating-offers bargaining over a pie.

    Attributes
    ----------
    discount_factors
        ``(d1, d2)`` of player 0 and player 1.
    proposer_share
        What the first proposer (player 0) gets in the first-round agreement.
    rounds
        ``None`` for the infinite horizon, else the number of rounds.
    """

    discount_factors: tuple[sp.Expr, sp.Expr]
    pie: sp.Expr
    proposer_share: sp.Expr
    method: str
    exact: bool
    rounds: int | None = None
    players: tuple[str, str] = ("A", "B")
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def share(self, player: int, proposer: int = 0) -> sp.Expr:
        """Player ``player``'s share of the pie when ``proposer`` makes the first offer.

        With player 1 proposing first, the roles (and discount factors) swap.
        """
        if player not in (0, 1) or proposer not in (0, 1):
            raise ValidationError("players are 0 and 1")
        if proposer == 0:
            x = self.proposer_share
        else:
            d1, d2 = self.discount_factors
            if self.rounds is None:
                x = sp.simplify(self.pie * (1 - d1) / (1 - d1 * d2))
            else:
                x = _finite_shares(d2, d1, self.rounds, self.pie)
        return x if player == proposer else sp.simplify(self.pie - x)

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "method": self.method,
            "exact": self.exact,
            "rounds": self.rounds,
            "shares": {p: number_to_json(self.share(i)) for i, p in enumerate(self.players)},
            "warnings": list(self.warnings),
        }


def _discount(d: Any, who: str) -> sp.Expr:
    v = exact(d, where=f"discount factor of {who}")
    if v.is_number and not 0 <= v <= 1:
        raise ParameterError(f"the discount factor of {who} must lie in [0, 1], got {v}")
    return v


def rubinstein(d1: Any, d2: Any, pie: Any = 1, players: Sequence[str] = ("A", "B")) -> RubinsteinSolution:
    """The SPE shares of Rubinstein's infinite-horizon alternating-offers game.

    The first proposer gets ``(1 - d2) / (1 - d1 d2)`` of the pie, the responder the
    rest, agreed at once (Rubinstein 1982; Osborne and Rubinstein 1994, Prop. 122.1).

    Parameters
    ----------
    d1, d2
        Discount factors of the first proposer and of the responder (numbers in
        [0, 1], not both 1, or parameters).
    pie
        The size of the surplus.
    """
    a, b = _discount(d1, players[0]), _discount(d2, players[1])
    size = exact(pie, where="pie")
    if a.is_number and b.is_number and a * b == 1:
        raise ParameterError("with both discount factors equal to 1 every division is an SPE outcome")
    x = sp.simplify(size * (1 - b) / (1 - a * b))
    return RubinsteinSolution((a, b), size, x, "closed form (Rubinstein 1982)", is_exact(a, b, size),
                              players=(players[0], players[1]))


def _finite_shares(d1: sp.Expr, d2: sp.Expr, rounds: int, pie: sp.Expr) -> sp.Expr:
    # Backward: the proposer in the last round takes the pie; earlier, the proposer
    # offers the responder exactly what it gets as next round's proposer, discounted.
    deltas = (d1, d2)
    x = pie
    for t in range(rounds - 1, 0, -1):
        responder = t % 2  # the player proposing in round t + 1 (0-based round index t)
        x = pie - deltas[responder] * x
    return sp.simplify(sp.expand(x)) if not x.is_number else x


def rubinstein_finite(
    d1: Any, d2: Any, rounds: int, pie: Any = 1, players: Sequence[str] = ("A", "B")
) -> RubinsteinSolution:
    """The SPE shares of alternating offers with a last round ``rounds`` (breakdown after).

    Player 0 proposes in odd rounds; an offer rejected in the last round leaves both
    with nothing. Solved by the closed-form backward recursion (Stahl 1972), so it is
    fast for any horizon; :func:`rubinstein_tree` builds the same game as a tree.
    """
    if not isinstance(rounds, int) or rounds < 1:
        raise ValidationError(f"rounds must be a positive integer, got {rounds!r}")
    a, b = _discount(d1, players[0]), _discount(d2, players[1])
    size = exact(pie, where="pie")
    x = _finite_shares(a, b, rounds, size)
    return RubinsteinSolution((a, b), size, x, "backward recursion over rounds", is_exact(a, b, size),
                              rounds=rounds, players=(players[0], players[1]))


def rubinstein_tree(
    d1: Any, d2: Any, rounds: int, pie_steps: int, players: Sequence[str] = ("A", "B")
) -> Any:
    """Alternating offers over a pie of 1 cut into ``pie_steps`` equal units, as a tree.

    In round ``t`` (player 0 proposes in odd rounds) the proposer offers the responder
    ``k / pie_steps`` for some ``k``; the responder accepts (payoffs discounted by
    ``d_i ** (t - 1)``) or rejects; a rejection in the last round gives (0, 0). Solve it
    with :func:`gametheory.spe`. The tree has ``(2 (pie_steps + 1)) ** rounds`` leaves,
    so keep both small.
    """
    from ..games.extensive_form import Decision, ExtensiveFormGame, Terminal

    if rounds < 1 or pie_steps < 1:
        raise ValidationError("rounds and pie_steps must be positive")
    if (2 * (pie_steps + 1)) ** rounds > 200_000:
        raise ValidationError(
            f"{rounds} rounds with {pie_steps} pie steps make more than 200000 leaves; "
            "use rubinstein_finite for long horizons"
        )
    deltas = (_discount(d1, players[0]), _discount(d2, players[1]))
    names = (players[0], players[1])

    def node(t: int, path: str) -> Any:
        proposer, responder = (t - 1) % 2, t % 2
        offers = {}
        for k in range(pie_steps + 1):
            give = sp.Rational(k, pie_steps)
            keep = 1 - give
            pay = [sp.Integer(0), sp.Integer(0)]
            pay[proposer] = keep * deltas[proposer] ** (t - 1)
            pay[responder] = give * deltas[responder] ** (t - 1)
            reject = node(t + 1, f"{path}{k}r") if t < rounds else Terminal([0, 0])
            offers[f"offer {give}"] = Decision(
                names[responder], f"respond r{t} {path}{k}",
                {"accept": Terminal(pay), "reject": reject},
            )
        return Decision(names[proposer], f"propose r{t} {path}", offers)

    return ExtensiveFormGame(node(1, ""), players=list(names),
                             title=f"Alternating offers, {rounds} rounds, pie in {pie_steps} steps")


# ---------------------------------------------------------------------- win-sets


@dataclass(frozen=True)
class WinSets(Result):
    """Acceptance sets of a multi-issue negotiation and their intersection.

    Attributes
    ----------
    sets
        Per player, the condition on the issue symbols (a sympy relation) under which a
        package is at least as good as the outside option.
    box
        The issue ranges as relations.
    intersection
        The conjunction of all sets and the box: the packages every side accepts.
    is_empty
        Whether no package is acceptable to all (a boolean with numbers; with free
        parameters a sympy condition, see ``empty_condition``; ``None`` when the
        utilities are not linear).
    empty_condition
        The condition on the parameters under which the intersection is empty (exact
        for linear utilities: the polytope is non-empty iff one of its candidate
        vertices is feasible).
    vertices
        With numbers and linear utilities: per player and for ``"all"``, the exact
        vertices of the acceptance polytope.
    """

    symbols: tuple[sp.Symbol, ...]
    sets: dict[str, sp.Basic]
    box: tuple[sp.Basic, ...]
    intersection: sp.Basic
    is_empty: bool | sp.Basic | None
    empty_condition: sp.Basic
    vertices: dict[str, list[tuple[sp.Expr, ...]]]
    method: str
    exact: bool
    warnings: tuple[str, ...] = ()

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "method": self.method,
            "exact": self.exact,
            "sets": {p: str(c) for p, c in self.sets.items()},
            "intersection": str(self.intersection),
            "is_empty": self.is_empty if isinstance(self.is_empty, bool) else str(self.is_empty),
            "vertices": {k: [[number_to_json(x) for x in v] for v in vs] for k, vs in self.vertices.items()},
            "warnings": list(self.warnings),
        }


def win_sets(game: MultiIssueBargaining) -> WinSets:
    """Each side's win-set (packages it prefers to no deal), their intersection, emptiness.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.MultiIssueBargaining(["scope", "relief"],
    ...     {"US": "scope - relief/2", "DPRK": "relief - scope"}, {"US": "1/4", "DPRK": "-1/2"})
    >>> ws = gt.win_sets(g)
    >>> ws.is_empty, (1, 1) in ws.vertices["all"]
    (False, True)
    """
    syms = game.symbols
    box: list[sp.Basic] = []
    cons: list[tuple[list[sp.Expr], sp.Expr]] = []
    for k, issue in enumerate(game.issues):
        box += [sp.Ge(issue.symbol, issue.low), sp.Le(issue.symbol, issue.high)]
        unit = [sp.Integer(1 if j == k else 0) for j in range(len(syms))]
        cons.append((unit, issue.low))
        cons.append(([-u for u in unit], -issue.high))
    sets: dict[str, sp.Basic] = {}
    per_player: dict[str, tuple[list[sp.Expr], sp.Expr]] = {}
    warnings: list[str] = []
    linear = game.is_linear
    for p in game.players:
        diff = sp.expand(game.utilities[p] - game.outside_options[p])
        if diff.is_number:
            sets[p] = sp.true if diff >= 0 else sp.false
        else:
            sets[p] = sp.Ge(diff, 0)
        if linear:
            coeffs = [sp.diff(diff, s) for s in syms]
            const = diff.xreplace({s: 0 for s in syms})
            per_player[p] = (coeffs, -const)
    intersection = sp.And(*box, *sets.values())
    vertices: dict[str, list[tuple[sp.Expr, ...]]] = {}
    if not linear:
        warnings.append("utilities are not linear: emptiness and vertices are not computed")
        return WinSets(syms, sets, tuple(box), intersection, None, sp.nan, {}, "conditions only",
                       is_exact(list(game.utilities.values())), tuple(warnings))
    all_cons = cons + list(per_player.values())
    nonempty = nonempty_condition(all_cons, len(syms))
    empty = sp.Not(nonempty) if nonempty not in (sp.true, sp.false) else (nonempty is sp.false)
    if not game.parameters:
        for p in game.players:
            vertices[p] = polytope_vertices(cons + [per_player[p]], len(syms))
        vertices["all"] = polytope_vertices(all_cons, len(syms))
        is_empty: bool | sp.Basic = not vertices["all"]
        empty_cond: sp.Basic = sp.true if is_empty else sp.false
    else:
        empty_cond = sp.true if empty is True else sp.false if empty is False else empty
        if len(game.parameters) == 1 and empty_cond not in (sp.true, sp.false):
            # one parameter: state the condition as an interval (or union of them)
            sym = game.parameters[0]
            empty_cond = as_interval(empty_cond, sym)
        is_empty = True if empty_cond is sp.true else False if empty_cond is sp.false else empty_cond
    return WinSets(syms, sets, tuple(box), intersection, is_empty, empty_cond, vertices,
                   "exact vertex enumeration of the acceptance polytopes",
                   is_exact(list(game.utilities.values()), list(game.outside_options.values())),
                   tuple(warnings))
