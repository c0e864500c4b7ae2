"""Exact real algebraic numbers for the equilibrium solvers: signs, values, points.

An equilibrium of a game in more than two players can have irrational coordinates.
:func:`real_solutions` solves a square polynomial system over the rationals with a lex
Groebner basis; in the generic case (the shape lemma: ``x_k = g_k(r)`` with ``r`` a root
of one irreducible polynomial) each real solution is an :class:`AlgebraicPoint`, whose
arithmetic is exact modulo the minimal polynomial and whose signs come from rigorous
ball arithmetic (python-flint's Arb) at growing precision; otherwise sympy's ``solve``
gives :class:`DictPoint` solutions, whose signs :func:`algebraic_sign` decides: a value
whose magnitude at 60 significant digits is below ``1e-30`` is tested for being exactly
zero by its minimal polynomial, any other value has the sign its evaluation shows.

Examples
--------
>>> x, y = sp.symbols("x y")
>>> points, continuum = real_solutions([x**2 - 2, y - x], [x, y])
>>> sorted(p.number(y) for p in points), continuum
([-sqrt(2), sqrt(2)], None)
>>> [p.sign(x * y - 2) for p in points]
[0, 0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from ..errors import SolverError

__all__ = [
    "AlgebraicPoint",
    "DictPoint",
    "algebraic_sign",
    "real_solutions",
    "real_value",
    "point_value",
    "real_root_balls",
    "arb_eval",
    "shape_lemma_points",
]

_DIGITS = 60
_ZERO = sp.Float("1e-30")
_X = sp.Symbol("x")
PRECISIONS = (64, 128, 256, 512, 1024, 2048)
"""Bits of precision tried in turn by the ball arithmetic before giving up."""


def algebraic_sign(value: sp.Expr) -> int:
    """The exact sign of a real algebraic number (see the module docstring)."""
    value = sp.sympify(value)
    if value.is_Rational:
        return int(sp.sign(value))
    approx = sp.N(value, _DIGITS)
    re_part, im_part = approx.as_real_imag()
    if abs(im_part) > _ZERO and abs(re_part) <= _ZERO:
        raise SolverError(f"internal error: {value} is not real")
    if abs(re_part) > _ZERO:
        return 1 if re_part > 0 else -1
    if sp.minimal_polynomial(value, _X) == _X:
        return 0
    raise SolverError(f"cannot decide the sign of {value} (nonzero, below 1e-30)")


def real_value(value: sp.Expr) -> sp.Expr | None:
    """``value`` as a real algebraic number in a readable form, or None if not real."""
    value = sp.sympify(value)
    if value.is_Rational:
        return value
    if value.is_real:
        return sp.radsimp(value)
    approx = sp.N(value, _DIGITS)
    re_part, im_part = approx.as_real_imag()
    if abs(im_part) > _ZERO:
        return None
    # A real number written with I (casus irreducibilis): the real root of its minimal
    # polynomial at that place, which sympy writes with radicals where it can.
    poly = sp.Poly(sp.minimal_polynomial(value, _X), _X)
    roots = poly.real_roots()
    near = min(roots, key=lambda r: abs(sp.N(r, _DIGITS) - re_part))
    if abs(sp.N(near, _DIGITS) - re_part) > _ZERO:
        return None
    return near


def point_value(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    out = sp.expand(sp.sympify(expr).xreplace(dict(point)))
    return out if out.is_Rational else sp.radsimp(out)


def real_root_balls(poly: sp.Poly, prec: int) -> list[Any]:
    """Rigorous enclosures (flint ``arb`` balls) of the real roots of a squarefree
    rational polynomial, ascending (the order of sympy's ``real_roots``)."""
    import flint

    coeffs = [flint.fmpq(int(c.p), int(c.q)) for c in reversed(poly.all_coeffs())]
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        # Real roots come first, ascending, with imaginary parts exactly zero (Arb's
        # arb_fmpz_poly_complex_roots).
        roots: Any = flint.fmpq_poly(coeffs).complex_roots()
        return [r.real for r, _ in roots
                if r.imag.is_exact() and r.imag == 0]
    finally:
        flint.ctx.prec = old


def arb_eval(poly: sp.Poly, ball: Any, prec: int) -> Any:
    import flint

    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        out = flint.arb(0)
        for c in poly.all_coeffs():
            out = out * ball + flint.arb(flint.fmpq(int(c.p), int(c.q)))
        return out
    finally:
        flint.ctx.prec = old



class AlgebraicPoint:
    """A solution whose coordinates are polynomials in one real algebraic number ``r``,
    the ``index``-th real root of the irreducible polynomial ``minimal``: arithmetic is
    exact modulo ``minimal``, signs come from rigorous ball arithmetic (python-flint)."""

    def __init__(self, index: int, minimal: sp.Poly, coords: Mapping[sp.Symbol, sp.Poly]
                 ) -> None:
        self.index = index
        self.minimal = minimal
        self.coords = dict(coords)
        self.t = minimal.gens[0]

    def reduce(self, expr: sp.Expr) -> sp.Poly:
        """``expr`` (a polynomial in the variables) at this point, as a polynomial in r."""
        if not self.coords:
            return sp.Poly(sp.expand(expr), self.t, domain="QQ")
        poly = sp.Poly(sp.expand(expr), *self.coords)
        out = sp.Poly(0, self.t, domain="QQ")
        for monom, coeff in poly.terms():
            term = sp.Poly(coeff, self.t, domain="QQ")
            for x, k in zip(poly.gens, monom):
                for _ in range(k):
                    term = (term * self.coords[x]).rem(self.minimal)
            out += term
        return out.rem(self.minimal)

    def ball(self, h: sp.Poly, prec: int) -> Any:
        root = real_root_balls(self.minimal, prec)[self.index]
        return arb_eval(h, root, prec)

    def sign(self, expr: sp.Expr) -> int:
        h = self.reduce(expr)
        if h.is_zero:
            return 0  # exactly: the minimal polynomial is irreducible, deg h < its degree
        for prec in PRECISIONS:
            value = self.ball(h, prec)
            if value > 0:
                return 1
            if value < 0:
                return -1
        raise SolverError(f"cannot decide the sign of {h.as_expr()} at a root of "
                          f"{self.minimal.as_expr()}")

    def approx(self, expr: sp.Expr) -> float:
        return float(self.ball(self.reduce(expr), 64).mid())

    def number(self, expr: sp.Expr) -> sp.Expr:
        """``expr`` at this point as a canonical exact number (rational, radical or CRootOf)."""
        h = self.reduce(expr)
        if h.degree() <= 0:
            return sp.Rational(h.LC()) if not h.is_zero else sp.Integer(0)
        # The minimal polynomial of h(r) divides the characteristic polynomial of
        # multiplication by h in Q[t]/(m) (flint's exact fmpq_mat); the root is the
        # one whose enclosure meets that of h(r).
        import flint

        d = self.minimal.degree()
        columns = []
        power = sp.Poly(1, self.t, domain="QQ")
        for _ in range(d):
            col = (h * power).rem(self.minimal).all_coeffs()[::-1]
            columns.append([sp.Rational(c) for c in col] + [sp.Integer(0)] * (d - len(col)))
            power = (power * sp.Poly(self.t, self.t, domain="QQ")).rem(self.minimal)
        mat = flint.fmpq_mat(d, d, [flint.fmpq(int(columns[j][i].p), int(columns[j][i].q))
                                    for i in range(d) for j in range(d)])
        factors = [sp.Poly([sp.Rational(int(c.p), int(c.q)) for c in reversed(f.coeffs())],
                           _X, domain="QQ") for f, _ in mat.charpoly().factor()[1]]
        for prec in PRECISIONS:
            target = self.ball(h, prec)
            hits = [(f, k) for f in factors
                    for k, b in enumerate(real_root_balls(f, prec)) if b.overlaps(target)]
            if len(hits) == 1:
                f, k = hits[0]
                if f.degree() == 1:
                    return sp.Rational(-f.all_coeffs()[1], f.all_coeffs()[0])
                return sp.rootof(f, k, radicals=True)
        raise SolverError(f"cannot identify {h.as_expr()} at a root of {self.minimal.as_expr()}")


def shape_lemma_points(exprs: list[sp.Expr], xs: list[sp.Symbol]) -> list[AlgebraicPoint] | None:
    """Real solutions of a lex basis ``x_k - g_k(x_n), f(x_n)`` (the shape lemma form,
    the generic case), or None when the basis has another form."""
    if len(exprs) != len(xs):
        return None
    last = xs[-1]
    if exprs[-1].free_symbols - {last}:
        return None
    forms = []
    for e, x in zip(exprs[:-1], xs[:-1]):
        a = sp.expand(e).coeff(x)
        rest = sp.expand(e - a * x)
        if not a.is_Rational or a == 0 or rest.free_symbols - {last}:
            return None
        forms.append((x, -rest / a))
    t = sp.Dummy("t")
    out = []
    for factor, _ in sp.Poly(exprs[-1], last).factor_list()[1]:
        minimal = sp.Poly(factor.as_expr().xreplace({last: t}), t, domain="QQ")
        for k in range(len(real_root_balls(minimal, 64))):
            coords = {last: sp.Poly(t, t, domain="QQ")}
            for x, g in forms:
                coords[x] = sp.Poly(g.xreplace({last: t}), t, domain="QQ").rem(minimal)
            out.append(AlgebraicPoint(k, minimal, coords))
    return out


def real_solutions(equations: Sequence[sp.Expr], variables: Sequence[sp.Symbol]
                   ) -> tuple[list[Any], dict[str, Any] | None]:
    """Real solutions of a square polynomial system over the rationals, exactly.

    Returns ``(points, None)`` for finitely many solutions (each point offers
    ``sign(expr)``, ``number(expr)`` and ``approx(expr)`` for polynomials in the
    variables), or ``([], record)`` for a positive-dimensional set, the record holding
    its lex Groebner basis and sympy's parametrisation.
    """
    variables = list(variables)
    if not variables:
        t = sp.Dummy("t")
        return [AlgebraicPoint(0, sp.Poly(t, t, domain="QQ"), {})], None
    basis = sp.groebner(list(equations), *variables, order="lex", method="f5b")
    exprs = list(basis.exprs)
    if exprs == [1]:
        return [], None
    if not basis.is_zero_dimensional:
        param = sp.solve(exprs, variables, dict=True)
        return [], {"basis": [str(g) for g in exprs],
                    "parametrisation": [{str(k): str(v) for k, v in sol.items()} for sol in param]}
    quick = shape_lemma_points(exprs, variables)
    if quick is not None:
        return quick, None
    found = []
    for sol in sp.solve(exprs, variables, dict=True):
        if len(sol) != len(variables):
            raise SolverError("internal error: a zero-dimensional system left a variable free")
        real = {k: real_value(v) for k, v in sol.items()}
        if any(v is None for v in real.values()):
            continue
        found.append(DictPoint(real))  # type: ignore[arg-type]
    return found, None


class DictPoint:
    """A solution given by sympy's ``solve``: coordinates as sympy numbers."""

    def __init__(self, values: Mapping[sp.Symbol, sp.Expr]) -> None:
        self.values = dict(values)

    def sign(self, expr: sp.Expr) -> int:
        return algebraic_sign(point_value(expr, self.values))

    def number(self, expr: sp.Expr) -> sp.Expr:
        return point_value(expr, self.values)

    def approx(self, expr: sp.Expr) -> float:
        return float(sp.N(point_value(expr, self.values)))
