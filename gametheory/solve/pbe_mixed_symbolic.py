"""Mixed PBE of signalling games with parameters: the supports' conditions as relations.

For each pair of supports solved by :mod:`gametheory.solve.pbe_mixed` (formulas in the
parameters, pivots of the elimination), the pieces of a
:class:`~gametheory.PiecewiseAnswer`: where the support is an isolated equilibrium
(pivots nonzero, probabilities positive, no profitable deviation, off-path beliefs
possible), where a pivot vanishes, and where it may hold a continuum; the last two are
solved with the numbers in at a point. Conditions go through the condition kernel
(:func:`gametheory.symbolic.simplify_condition`, :func:`~gametheory.symbolic.canonical_relation`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from ..conditions import canonical_relation, simplify_condition
from ..games.signalling import SignallingGame
from .pbe_mixed import (
    MixedPBEComponent,
    MixedPBESolution,
    MixedPBESupport,
    MixedPerfectBayesianEquilibrium,
    _closure,
    _equilibrium,
    _numeric,
    _solution,
    _supports,
)
from .polytope import nonempty_condition
from .results import Piece, PiecewiseAnswer

__all__ = ["symbolic_mixed_pbe"]




def _cleared(rel: sp.Basic) -> sp.Basic:
    """``N/D op 0`` as ``N*D op 0``: the same where ``D != 0`` (the pieces require the
    pivots, the only denominators, to be nonzero), and defined everywhere."""
    if not isinstance(rel, sp.Rel) or isinstance(rel, (sp.Eq, sp.Ne)):
        return rel
    num, den = sp.fraction(sp.together(rel.lhs - rel.rhs))
    if den.is_number:
        return rel
    return type(rel)(sp.expand(num * den), 0)


def _condition(parts: Sequence[sp.Basic]) -> sp.Basic:
    decided = []
    for c in parts:
        c = c.replace(lambda e: isinstance(e, sp.Rel), _cleared) if isinstance(c, sp.Basic) else c
        # A nonlinear relation in one parameter is solved for it (intervals).
        if isinstance(c, sp.Rel) and len(c.free_symbols) == 1 and sp.Poly(c.lhs - c.rhs).total_degree() > 1:
            decided.append(simplify_condition(c))
        else:
            decided.append(canonical_relation(c))
    if any(c is sp.false for c in decided):
        return sp.false
    # The relations in one parameter, merged per parameter (an interval each).
    by_symbol: dict[sp.Symbol, list[sp.Basic]] = {}
    rest = []
    for c in decided:
        if c is sp.true:
            continue
        syms = c.free_symbols
        if len(syms) == 1:
            by_symbol.setdefault(next(iter(syms)), []).append(c)
        else:
            rest.append(c)
    merged = [simplify_condition(sp.And(*group)) for group in by_symbol.values()]
    return simplify_condition(sp.And(*merged, *rest))


def symbolic_mixed_pbe(game: SignallingGame, supports: list[MixedPBESupport]) -> PiecewiseAnswer:
    """The piecewise answer of :func:`~gametheory.solve.pbe_mixed.mixed_pbe` for a game with
    parameters, from its supports (``_supports(game)``).

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.solve.pbe import beer_quiche
    >>> p = gt.parameter("p_bqs", kind="probability")
    >>> ans = gt.mixed_pbe(beer_quiche(p))
    >>> [pc.condition for pc in ans if pc.label.startswith("pooling") and "[" not in pc.label]
    [p_bqs >= 1/2, p_bqs >= 1/2]
    >>> ans.at({p: "1/4"})[0].sender["weak"]
    {'beer': 1/3, 'quiche': 2/3}
    """
    pieces: list[Piece] = []
    for s in supports:
        base = list(s.equalities) + [b.condition for b in s.off_path.values()]
        if s.pivots:
            degenerate = _condition(base + [sp.Or(*[sp.Eq(p, 0) for p in s.pivots])])
            if degenerate is not sp.false:
                pieces.append(Piece(degenerate, s, s.label + " [a pivot vanishes: solved with the numbers in]", True))
        generic = base + [sp.Ne(p, 0) for p in s.pivots]
        if s.free:  # the closure of the continuum not empty: necessary, decided at the point
            cond = _condition(generic + [nonempty_condition(_closure(s), len(s.free))])
            if cond is not sp.false:
                pieces.append(Piece(cond, s, s.label + " [continuum: solved with the numbers in]"))
            continue
        cond = _condition(generic + [sp.Gt(p, 0) for p in s.positive] + [sp.Ge(e, 0) for e in s.nonnegative])
        if cond is not sp.false:
            pieces.append(Piece(cond, s, s.label))
    rest = simplify_condition(sp.And(*[sp.Not(p.condition) for p in pieces])) if pieces else sp.true
    if rest is not sp.false:
        pieces.append(Piece(rest, None, "no support above holds"))

    def combine(values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> MixedPBESolution:
        at = game.subs(mapping)
        found: list[MixedPerfectBayesianEquilibrium | MixedPBEComponent] = []
        numeric: dict[int, MixedPBESupport] = {}
        for s in sorted((v for v in values if v is not None), key=lambda v: v.index):
            if s.free or s.pivots and any(sp.simplify(p.xreplace(dict(mapping))) == 0 for p in s.pivots):
                numeric = numeric or {t.index: t for t in _supports(at)}
                x = _numeric(at, numeric[s.index]) if s.index in numeric else None
                if x is not None:
                    found.append(x)
            else:
                found.append(_equilibrium(at, s, dict(mapping)))
        return _solution(at, found, "symbolic support enumeration, evaluated at a point")

    return PiecewiseAnswer("pbe", tuple(pieces), game.parameters, combine,
                           method="symbolic support enumeration (exact linear systems per support)",
                           warnings=("pieces marked [continuum] or [a pivot vanishes] are solved with the "
                                     "numbers in by .at(point); their components are not given as formulas",))
