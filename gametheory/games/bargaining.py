"""Bargaining problems: a feasible set with a disagreement point, and multi-issue packages.

A two-player bargaining problem is given either by its Pareto frontier, a formula
``u2 = f(u1)`` on an interval of ``u1``, or by finitely many outcomes whose convex hull
is the feasible set (the frontier is then the upper-right chain of the hull). A
multi-issue problem has several issues (scope of disarmament, sanctions relief,
security guarantees), one utility per side over packages, and an outside option per
side; its solutions are the win-sets (:func:`gametheory.win_sets`).

Examples
--------
>>> import gametheory as gt
>>> p = gt.BargainingProblem(frontier="1 - u1", domain=(0, 1))
>>> p.frontier_at(sp.Rational(1, 4))
3/4
>>> q = gt.BargainingProblem(points=[(0, 0), (4, 0), (0, 2), (3, 2)])
>>> q.vertices   # the strict Pareto frontier of the hull
((3, 2), (4, 0))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..errors import ValidationError
from ..symbolic import (
    exact,
    free_parameters,
    is_exact,
    substitute,
)
from ._coerce import Frozen, FrozenMapping, number_or_formula

__all__ = ["BargainingProblem", "Issue", "MultiIssueBargaining", "U1"]

U1 = sp.Symbol("u1", real=True)
"""The default variable of a frontier formula ``u2 = f(u1)``."""


class BargainingProblem(Frozen):
    """A two-player bargaining problem ``(S, d)``.

    Parameters
    ----------
    frontier
        The Pareto frontier as ``u2 = f(u1)``: a sympy expression in :data:`U1` (the
        symbol ``u1``) or a formula string in ``u1`` and declared parameters. It
        should be non-increasing on ``domain``.
    points
        Alternatively, outcomes ``(u1, u2)`` (numbers) whose convex hull is the
        feasible set.
    disagreement
        The disagreement point ``d = (d1, d2)``.
    players
        The two players' names.
    domain
        ``(lo, hi)``: the values of ``u1`` on which the frontier formula applies.
        By default ``lo = d1`` and ``hi`` solves ``f(hi) = d2``.
    variable
        The symbol of ``u1`` in ``frontier`` when it is not named ``u1``.
    """

    def __init__(
        self,
        frontier: Any = None,
        points: Sequence[Sequence[Any]] | None = None,
        disagreement: Sequence[Any] = (0, 0),
        players: Sequence[str] = ("A", "B"),
        domain: Sequence[Any] | None = None,
        variable: sp.Symbol | None = None,
        title: str = "",
    ) -> None:
        if (frontier is None) == (points is None):
            raise ValidationError("give either a frontier formula or points, not both or neither")
        if len(players) != 2 or len(set(players)) != 2:
            raise ValidationError(f"a bargaining problem has two distinct players, got {players!r}")
        self.players: tuple[str, str] = (str(players[0]), str(players[1]))
        if len(disagreement) != 2:
            raise ValidationError(f"the disagreement point needs two utilities, got {disagreement!r}")
        self.disagreement: tuple[sp.Expr, sp.Expr] = (
            exact(disagreement[0], where=f"disagreement utility of {players[0]}"),
            exact(disagreement[1], where=f"disagreement utility of {players[1]}"),
        )
        self.title = title
        self.vertices: tuple[tuple[sp.Expr, sp.Expr], ...] = ()
        # segments: (f(u), lo, hi) with u the variable
        if frontier is not None:
            f = number_or_formula(frontier, "frontier", {"u1": U1})
            var = variable
            if var is None:
                named = [s for s in f.free_symbols if isinstance(s, sp.Symbol) and s.name == "u1"]
                var = named[0] if named else U1
            f = f.xreplace({var: U1})
            self.variable = U1
            if domain is None:
                lo = self.disagreement[0]
                roots = [r for r in sp.solve(sp.Eq(f, self.disagreement[1]), U1)
                         if r.is_real is not False and (r - lo).is_negative is not True]
                if roots and all(r.is_number for r in roots):
                    roots = [max(roots)]
                if len(roots) != 1:
                    raise ValidationError(
                        f"cannot find where the frontier {f} meets u2 = {self.disagreement[1]}; "
                        "give domain=(lo, hi)"
                    )
                hi = roots[0]
            else:
                lo, hi = (exact(v, where="frontier domain") for v in domain)
            self.segments: tuple[tuple[sp.Expr, sp.Expr, sp.Expr], ...] = ((f, lo, hi),)
        else:
            self.variable = U1
            pts = [(exact(p[0], where=f"point {k}"), exact(p[1], where=f"point {k}")) for k, p in enumerate(points or [])]
            if not pts:
                raise ValidationError("no points given")
            if any(not (a.is_number and b.is_number) for a, b in pts):
                raise ValidationError("points must be numbers; use a frontier formula for parameters")
            self.vertices = _pareto_chain(pts)
            segs = []
            for (x0, y0), (x1, y1) in zip(self.vertices, self.vertices[1:]):
                slope = (y1 - y0) / (x1 - x0)
                segs.append((y0 + slope * (U1 - x0), x0, x1))
            if not segs:  # a single Pareto point
                x0, y0 = self.vertices[0]
                segs.append((y0 + 0 * U1, x0, x0))
            self.segments = tuple(segs)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        exprs = [e for seg in self.segments for e in seg] + list(self.disagreement)
        return tuple(s for s in free_parameters(exprs) if s != U1)

    @property
    def is_exact(self) -> bool:
        return is_exact([e for seg in self.segments for e in seg] + list(self.disagreement))

    @property
    def is_linear(self) -> bool:
        return all(sp.degree(sp.expand(f), U1) <= 1 for f, _, _ in self.segments if f.is_polynomial(U1))

    def frontier_at(self, u1: Any) -> sp.Expr:
        """``u2`` on the frontier at ``u1`` (the first segment whose interval holds it)."""
        u = exact(u1)
        for f, lo, hi in self.segments:
            if not (lo.is_number and hi.is_number and u.is_number) or lo <= u <= hi:
                return sp.simplify(f.xreplace({U1: u}))
        raise ValidationError(f"u1 = {u} lies outside the frontier's domain")

    def subs(self, values: Mapping[Any, Any]) -> BargainingProblem:
        """The same problem with parameter values substituted."""
        if self.vertices:
            return self
        f, lo, hi = self.segments[0]
        return BargainingProblem(
            frontier=substitute(f, values),
            disagreement=[substitute(d, values) for d in self.disagreement],
            players=self.players,
            domain=(substitute(lo, values), substitute(hi, values)),
            title=self.title,
        )

    def __repr__(self) -> str:
        if self.vertices:
            body = "vertices=" + ", ".join(f"({a}, {b})" for a, b in self.vertices)
        else:
            f, lo, hi = self.segments[0]
            body = f"u2 = {f} on [{lo}, {hi}]"
        return f"BargainingProblem({body}; d={self.disagreement}, players={self.players})"


def _pareto_chain(pts: list[tuple[sp.Expr, sp.Expr]]) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    """The weakly-Pareto part of the upper hull of the points, left to right."""
    ordered = sorted(set(pts), key=lambda p: (p[0], p[1]))
    upper: list[tuple[sp.Expr, sp.Expr]] = []
    for p in ordered:  # Andrew's monotone chain: the upper hull turns clockwise
        while len(upper) >= 2:
            (ax, ay), (bx, by) = upper[-2], upper[-1]
            if (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) >= 0:
                upper.pop()
            else:
                break
        upper.append(p)
    # Keep the Pareto part: from the highest point (largest u1 among ties) onward.
    top = max(range(len(upper)), key=lambda k: (upper[k][1], upper[k][0]))
    chain = upper[top:]
    # Drop the vertical tail at the right end (same u1, lower u2) if any.
    out = [chain[0]]
    for p in chain[1:]:
        if p[0] > out[-1][0] and p[1] < out[-1][1]:
            out.append(p)
    return tuple(out)


# ---------------------------------------------------------------------- multi-issue


@dataclass(frozen=True)
class Issue:
    """One issue of a multi-issue negotiation, a real variable on ``[low, high]``.

    Attributes
    ----------
    name
        An identifier; the issue's sympy symbol has this name.
    low, high
        The range of the issue (for instance 0 = nothing, 1 = everything).
    description, unit
        What the issue measures.
    """

    name: str
    low: Any = 0
    high: Any = 1
    description: str = ""
    unit: str = ""

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValidationError(f"issue name {self.name!r} must be an identifier")
        lo = exact(self.low, where=f"low end of issue {self.name}")
        hi = exact(self.high, where=f"high end of issue {self.name}")
        if lo.is_number and hi.is_number and not lo < hi:
            raise ValidationError(f"issue {self.name!r}: range [{lo}, {hi}] is empty")
        object.__setattr__(self, "low", lo)
        object.__setattr__(self, "high", hi)

    @property
    def symbol(self) -> sp.Symbol:
        return sp.Symbol(self.name, real=True)


class MultiIssueBargaining(Frozen):
    """Packages over several issues, a utility per side, and an outside option per side.

    Parameters
    ----------
    issues
        The :class:`Issue` objects (or names, for issues on ``[0, 1]``).
    utilities
        Per player, the utility of a package: a sympy expression in the issue symbols
        (and parameters) or a formula string.
    outside_options
        Per player, the utility of no agreement (the reservation value).
    """

    def __init__(
        self,
        issues: Sequence[Issue | str],
        utilities: Mapping[str, Any],
        outside_options: Mapping[str, Any],
        title: str = "",
    ) -> None:
        self.issues: tuple[Issue, ...] = tuple(i if isinstance(i, Issue) else Issue(i) for i in issues)
        if not self.issues:
            raise ValidationError("a multi-issue problem needs at least one issue")
        names = [i.name for i in self.issues]
        if len(set(names)) != len(names):
            raise ValidationError(f"issue names repeat: {names}")
        self.players: tuple[str, ...] = tuple(utilities)
        if len(self.players) < 2:
            raise ValidationError("a negotiation needs at least two players' utilities")
        missing = [p for p in self.players if p not in outside_options]
        extra = [p for p in outside_options if p not in utilities]
        if missing or extra:
            raise ValidationError(
                f"outside options must be given for exactly the players with utilities; "
                f"missing {missing}, unknown {extra}"
            )
        table = {i.name: i.symbol for i in self.issues}
        self.utilities: Mapping[str, sp.Expr] = FrozenMapping({
            p: number_or_formula(u, f"utility of {p}", table) for p, u in utilities.items()
        })
        self.outside_options: Mapping[str, sp.Expr] = FrozenMapping({
            p: number_or_formula(outside_options[p], f"outside option of {p}") for p in self.players
        })
        self.title = title

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        return tuple(i.symbol for i in self.issues)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        syms = set(self.symbols)
        exprs = list(self.utilities.values()) + list(self.outside_options.values())
        exprs += [e for i in self.issues for e in (i.low, i.high)]
        return tuple(s for s in free_parameters(exprs) if s not in syms)

    @property
    def is_linear(self) -> bool:
        return all(
            all(sp.degree(sp.expand(u), s) <= 1 for s in self.symbols) and sp.expand(u).is_polynomial(*self.symbols)
            and all(not sp.diff(u, s).has(*self.symbols) for s in self.symbols)
            for u in self.utilities.values()
        )

    def package(self, values: Mapping[str, Any]) -> dict[sp.Symbol, sp.Expr]:
        """A package (issue name -> level) as a substitution, checked against the ranges."""
        out = {}
        for issue in self.issues:
            if issue.name not in values:
                raise ValidationError(f"the package gives no level for issue {issue.name!r}")
            v = exact(values[issue.name], where=f"level of {issue.name}")
            if v.is_number and issue.low.is_number and (v < issue.low or v > issue.high):
                raise ValidationError(f"level {v} of {issue.name!r} is outside [{issue.low}, {issue.high}]")
            out[issue.symbol] = v
        unknown = set(values) - {i.name for i in self.issues}
        if unknown:
            raise ValidationError(f"unknown issue(s) {sorted(unknown)}")
        return out

    def utility(self, player: str, package: Mapping[str, Any]) -> sp.Expr:
        if player not in self.utilities:
            raise ValidationError(f"no player {player!r}; players are {self.players}")
        return sp.simplify(self.utilities[player].xreplace(self.package(package)))

    def acceptable(self, player: str, package: Mapping[str, Any]) -> sp.Basic:
        """Whether (or under which condition) ``player`` prefers the package to its outside option."""
        diff = self.utility(player, package) - self.outside_options[player]
        return sp.true if diff.is_number and diff >= 0 else (sp.false if diff.is_number else sp.Ge(diff, 0))

    def subs(self, values: Mapping[Any, Any]) -> MultiIssueBargaining:
        return MultiIssueBargaining(
            [Issue(i.name, substitute(i.low, values), substitute(i.high, values), i.description, i.unit)
             for i in self.issues],
            {p: substitute(u, values) for p, u in self.utilities.items()},
            {p: substitute(o, values) for p, o in self.outside_options.items()},
            self.title,
        )

    def __repr__(self) -> str:
        us = "; ".join(f"{p}: {u} (outside {self.outside_options[p]})" for p, u in self.utilities.items())
        return f"MultiIssueBargaining(issues={[i.name for i in self.issues]}; {us})"
