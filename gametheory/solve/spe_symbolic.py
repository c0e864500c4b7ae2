"""Subgame-perfect equilibria of trees with free parameters: the piecewise answer of
:func:`gametheory.spe` (see :mod:`gametheory.solve.backward_induction`).

At each decision node every ordering of the player's candidate payoffs consistent with
what sympy can decide under the parameters' declarations gives a region, and equalities
give boundary pieces; the regions are pruned with the condition kernel
:mod:`gametheory.conditions`. Two-player subgames with imperfect information are solved
by symbolic support enumeration of their normal form, assuming genericity
(:data:`GENERICITY`); degenerate pieces are solved at the point by ``.at()``.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

import sympy as sp

from ..conditions import clear_denominators, decide_sign, simplify_condition
from ..errors import NotApplicableError, SolverError
from ..games.extensive_form import ExtensiveFormGame, path_text
from ..symbolic import exact, parameter_info
from .backward_induction import (
    SPEEngine,
    SPESolution,
    Vector,
    behaviour_from_mixed,
    imperfect_region,
    numeric_spe,
    spe_solution,
    truncated_game,
)
from .results import Equilibrium, Piece, PiecewiseAnswer, counted

__all__ = ["symbolic_spe", "GENERICITY"]

def _canon(x: Any) -> Any:
    e = exact(x)
    if e.is_number:
        return e
    e = sp.expand(e)
    # Values of mixed equilibria are rational functions: one normal form for each.
    return e if e.is_polynomial() else sp.cancel(e)


def _weak_orders(values: list[sp.Expr]) -> Iterator[list[list[sp.Expr]]]:
    """Orderings with ties (best first) of ``values`` consistent with known signs."""
    known: dict[tuple[int, int], int | None] = {}
    for a in range(len(values)):
        for b in range(a + 1, len(values)):
            known[a, b] = decide_sign(values[a] - values[b], thorough=False)

    def sign(a: int, b: int) -> int | None:
        if a < b:
            return known[a, b]
        s = known[b, a]
        return None if s is None else -s

    def extend(levels: list[list[int]], rest: list[int]) -> Iterator[list[list[int]]]:
        if not rest:
            yield levels
            return
        x, tail = rest[0], rest[1:]
        for k in range(len(levels) + 1):
            # New level inserted before level k.
            ok = all(sign(x, y) in (None, 1) for lv in levels[k:] for y in lv) and all(
                sign(x, y) in (None, -1) for lv in levels[:k] for y in lv
            )
            if ok:
                yield from extend([*levels[:k], [x], *levels[k:]], tail)
            if k < len(levels):
                same = all(sign(x, y) in (None, 0) for y in levels[k]) and all(
                    sign(x, y) in (None, 1) for lv in levels[k + 1 :] for y in lv
                ) and all(sign(x, y) in (None, -1) for lv in levels[:k] for y in lv)
                if same:
                    yield from extend([*levels[:k], [*levels[k], x], *levels[k + 1 :]], tail)

    for levels in extend([], list(range(len(values)))):
        yield [[values[j] for j in lv] for lv in levels]


def _order_condition(levels: list[list[sp.Expr]]) -> tuple[sp.Basic, bool]:
    parts: list[sp.Basic] = []
    tie = False
    for lv in levels:
        for y in lv[1:]:
            tie = True
            parts.append(sp.Eq(lv[0], y))
    for hi, lo in zip(levels, levels[1:]):
        parts.append(sp.Gt(hi[0], lo[0]))
    return sp.And(*parts), tie


def _decide(cond: sp.Basic, params: tuple[sp.Symbol, ...]) -> sp.Basic:
    """A region's condition, cleared of denominators and simplified; a condition in
    several parameters that is not a plain conjunction (a negated support condition) is
    pruned term by term in its disjunctive normal form."""
    cond = simplify_condition(clear_denominators(cond), split=False)
    if cond in (sp.true, sp.false) or len(cond.free_symbols) < 2:
        return cond
    if isinstance(cond, sp.And) and all(isinstance(a, sp.Rel) for a in cond.args):
        return cond
    return simplify_condition(cond)


def _conjunction(cond: sp.Basic, params: tuple[sp.Symbol, ...]) -> sp.Basic:
    """Perfect information: conjunctions of polynomial relations need no splitting."""
    return simplify_condition(cond, split=False)


GENERICITY = (
    "subgames with imperfect information are solved by symbolic support enumeration, "
    "which assumes the subgame's normal form is nondegenerate: on the boundaries between "
    "pieces (and where an indifference system is singular) equilibria with unequal "
    "supports or continua can be missed; check such points with gt.spe(tree.subs(...))"
)


def _symbolic_pieces(
    game: ExtensiveFormGame, i: int, params: tuple[sp.Symbol, ...], tables: tuple[list[Any], list[Any]],
    roots: set[int] | None = None,
) -> list[tuple[sp.Basic, bool, SPEEngine]]:
    """Pieces (condition, boundary, engine with tables for the subtree of ``i``)."""
    kind = game.kind[i]
    outs, probs = tables
    if kind == "terminal":
        eng = SPEEngine(game, outs, probs, _canon)
        eng.terminal(i)
        return [(sp.true, False, eng)]
    if roots is not None and i in roots and any(
        c not in roots and game.kind[c] != "terminal" for c in game.children[i]
    ):
        return _symbolic_region(game, i, params, tables, roots)
    child_pieces = [_symbolic_pieces(game, c, params, tables, roots) for c in game.children[i]]
    # Perfect information: conjunctions of polynomial relations, no splitting needed.
    decide = _conjunction if roots is None else _decide
    base = SPEEngine(game, outs, probs, _canon)
    result = []
    for combo in itertools.product(*child_pieces):
        cond = sp.And(*[c for c, _b, _e in combo])
        boundary = any(b for _c, b, _e in combo)
        cond = decide(cond, params)
        if cond is sp.false:
            continue
        eng = base.merged([e for _c, _b, e in combo])
        if eng.degenerate:
            # Solved numerically at each point asked: no need to split it further.
            result.append((cond, boundary, eng))
            continue
        if kind == "chance":
            eng.chance(i)
            result.append((cond, boundary, eng))
            continue
        p = game.player[i]
        values = list(dict.fromkeys(w[p] for c in game.children[i] for w in eng.dist[c]))
        for levels in _weak_orders(values):
            order, tie = _order_condition(levels)
            full = decide(sp.And(cond, order), params)
            if full is sp.false:
                continue
            node_eng = base.merged([eng])
            depth = len(levels)
            node_eng.rank[i] = {v: depth - k for k, lv in enumerate(levels) for v in lv}
            node_eng.decision(i)
            result.append((full, boundary or tie, node_eng))
    return result


def _symbolic_region(
    game: ExtensiveFormGame, r: int, params: tuple[sp.Symbol, ...], tables: tuple[list[Any], list[Any]],
    roots: set[int],
) -> list[tuple[sp.Basic, bool, SPEEngine]]:
    """Pieces for a subgame with imperfect information rooted at ``r``.

    For every piece of the subgames below (its boundary), and every choice of their SPE
    payoff vectors, the truncated subgame's normal form is solved by symbolic support
    enumeration; each support pair is a candidate equilibrium with the condition under
    which it is one. The parameter space is then split by which candidates hold, so the
    pieces are disjoint and each carries the full set of equilibria of the subgame there.
    """
    from .symbolic_support import symbolic_nash

    outs, probs = tables
    _inside, boundary_nodes = imperfect_region(game, r, roots)
    where = path_text(game.path_of(r))
    how = "all extreme Nash equilibria of its normal form"
    below = [_symbolic_pieces(game, b, params, tables, roots) for b in boundary_nodes]
    base = SPEEngine(game, outs, probs, _canon)
    solved: dict[tuple[Vector, ...], list[tuple[sp.Basic, Vector, dict[str, Any], list[str]]] | None] = {}
    result = []
    for combo in itertools.product(*below):
        cond = _decide(sp.And(*[c for c, _b, _e in combo]), params)
        if cond is sp.false:
            continue
        eng = base.merged([e for _c, _b, e in combo])
        candidates = []  # (condition, vector, behaviour, replaced, weight, which choice)
        choices = itertools.product(*[list(eng.dist[b].items()) for b in boundary_nodes])
        flat = False
        for k, vecs in enumerate(choices):
            replace = {b: vec for b, (vec, _n) in zip(boundary_nodes, vecs)}
            weight = 1
            for _vec, n in vecs:
                weight *= n
            key = tuple(replace[b] for b in boundary_nodes)
            if key not in solved:
                solved[key] = _region_equilibria(game, r, replace, symbolic_nash)
            found = solved[key]
            if found is None:
                flat = True
                break
            for c, vec, behaviour, notes in found:
                candidates.append((c, vec, behaviour, tuple(replace.items()), weight, k, notes))
        if flat:
            # Degenerate throughout this piece (say, a continuation value makes a player
            # indifferent whatever the parameters): the whole piece is solved at points.
            eng.degenerate = True
            result.append((cond, any(b for _c, b, _e in combo), eng))
            continue
        # Split the piece by which candidates are equilibria: disjoint pieces.
        parts: list[tuple[sp.Basic, list[int]]] = [(cond, [])]
        for j, cand in enumerate(candidates):
            nxt = []
            for pc, held in parts:
                yes = _decide(sp.And(pc, cand[0]), params)
                if yes is not sp.false:
                    nxt.append((yes, [*held, j]))
                no = _decide(sp.And(pc, sp.Not(cand[0])), params)
                if no is not sp.false:
                    nxt.append((no, held))
            parts = nxt
        n_choices = 1
        for b in boundary_nodes:
            n_choices *= len(eng.dist[b])
        # Where a support condition is tight (a probability reaches 0, a strategy outside
        # the support becomes a best reply, an indifference system turns singular) the
        # subgame is degenerate and support enumeration may miss equilibria: those
        # boundaries are pieces of their own, solved numerically at the point asked.
        edges = list(dict.fromkeys(
            _canon(rel.lhs - rel.rhs) for cand in candidates for rel in cand[0].atoms(sp.Rel)
        ))
        from_below = any(b for _c, b, _e in combo)
        for pc, held in parts:
            piece_eng = base.merged([eng])
            entries = []
            out: dict[Vector, int] = {}
            for j in held:
                _c, vec, behaviour, replaced, weight, _k, notes = candidates[j]
                entries.append((vec, behaviour, replaced, weight))
                out[vec] = out.get(vec, 0) + weight
                piece_eng.notes.extend(notes)
            for k in range(n_choices):
                n_eqs = sum(1 for j in held if candidates[j][5] == k)
                if n_eqs != 1:
                    piece_eng.notes.append(f"the subgame at node {where} has {counted(n_eqs, 'equilibrium')} ({how})")
            piece_eng.regions[r] = entries
            piece_eng.dist[r] = out
            rest = pc
            for e in edges:
                on = _decide(sp.And(rest, sp.Eq(e, 0)), params)
                if on is not sp.false:
                    degenerate = base.merged([piece_eng])
                    degenerate.degenerate = True
                    result.append((on, True, degenerate))
                rest = _decide(sp.And(rest, sp.Ne(e, 0)), params)
                if rest is sp.false:
                    break
            if rest is sp.false:
                continue
            if not held:
                piece_eng.degenerate = True
            result.append((rest, from_below or not held, piece_eng))
    return result


def _region_equilibria(
    game: ExtensiveFormGame, r: int, replace: Mapping[int, Vector], symbolic_nash: Callable[[Any], PiecewiseAnswer]
) -> list[tuple[sp.Basic, Vector, dict[str, Any], list[str]]] | None:
    """The support pieces of the truncated subgame at ``r``: (condition, payoff vector,
    behaviour, notes), one per support pair that is an equilibrium somewhere; None when
    the subgame is degenerate for generic parameter values (outside what support
    enumeration can do)."""
    sub = truncated_game(game, r, replace)
    nf = sub.to_normal_form()
    if nf.n_players != 2:
        raise NotApplicableError(
            f"the subgame at node {path_text(game.path_of(r))} has imperfect information and "
            f"{nf.n_players} players; symbolic SPE solves such subgames for two players only "
            f"(symbolic support enumeration). Give the parameters values with tree.subs({{...}})"
        )
    if _degenerate_throughout(nf):
        return None
    out = []
    for piece in symbolic_nash(nf).pieces:
        if piece.value is None:  # no support pair holds: left to the degenerate pieces
            continue
        x, y = piece.value
        strategies = (dict(zip(nf.strategies[0], x)), dict(zip(nf.strategies[1], y)))
        eq = Equilibrium(nf.players, strategies, nf.expected_payoffs([list(x), list(y)]))
        notes: list[str] = []
        behaviour = behaviour_from_mixed(sub, nf, eq, notes)
        vec = tuple(_canon(v) for v in eq.payoffs)
        out.append((clear_denominators(piece.condition), vec, behaviour, notes))
    return out


_PROBES = (sp.Rational(3137, 7919), sp.Rational(5303, 8111))


def _probe(sym: sp.Symbol, t: sp.Rational) -> sp.Expr:
    """A value of ``sym`` inside its bounds, unlikely to lie on any boundary."""
    low, high, _low_in, _high_in = parameter_info(sym).bounds
    if low is not None and high is not None:
        return low + (high - low) * t
    if low is not None:
        return low + 1 / t
    if high is not None:
        return high - 1 / t
    return 7 * t - 3


def _degenerate_throughout(nf: Any) -> bool:
    """Whether the normal form is degenerate at two unrelated points: then it is so for
    generic parameter values (degeneracy that comes and goes lies on a set of measure
    zero, which the probes miss)."""
    from .mixed_nash import nash

    for t in _PROBES:
        sol = nash(nf.subs({s: _probe(s, t) for s in nf.parameters}))
        if not getattr(sol, "degenerate", False):
            return False
    return True


def _spe_at_point(game: ExtensiveFormGame, regions: int, values: list[Any], mapping: Mapping[sp.Symbol, sp.Expr]) -> SPESolution:
    # The pieces are disjoint (orderings are exclusive, support conditions split), so
    # one piece holds at any point.
    if len(values) != 1:
        raise SolverError(f"{len(values)} pieces of the SPE answer hold at {dict(mapping)}")
    at_point = game.subs(mapping)
    if isinstance(values[0], SPEEngine):
        sol = numeric_spe(at_point)
        return dataclasses.replace(
            sol, warnings=sol.warnings + (
                "a subgame with imperfect information is degenerate at this point: solved "
                "numerically, not from the symbolic pieces",)
        )
    sol = values[0]
    eng = sol._engine
    notes = list(eng.notes) + ([GENERICITY] if regions else [])
    return spe_solution(at_point, eng, notes, 0, point=dict(mapping))


def symbolic_spe(game: ExtensiveFormGame) -> PiecewiseAnswer:
    params = game.parameters
    perfect = game.is_perfect_information
    if not perfect:
        game.require_perfect_recall()
    all_roots = set(game.subgame_roots())
    roots = None if perfect else all_roots
    pieces = []
    outs = [None if o is None else tuple(_canon(v) for v in o) for o in game.outcomes]
    probs = [tuple(_canon(p) for p in ps) for ps in game.probabilities]
    regions = 0 if perfect else sum(
        1 for i in all_roots
        if any(c not in all_roots and game.kind[c] != "terminal" for c in game.children[i])
    )
    for cond, boundary, eng in _symbolic_pieces(game, 0, params, (outs, probs), roots):
        if eng.degenerate:
            label = "a subgame is degenerate here (its equilibria may form a continuum): solved at the point"
            pieces.append(Piece(cond, eng, label, True))
            continue
        sol = spe_solution(game, eng, eng.notes, regions, point=None)
        label = _piece_label(sol)
        pieces.append(Piece(cond, sol, label, boundary))

    method = "symbolic backward induction over orderings of payoffs at each node"
    if regions:
        method += "; subgames with imperfect information by symbolic support enumeration"
    return PiecewiseAnswer(
        concept="spe",
        pieces=tuple(pieces),
        parameters=params,
        combine=partial(_spe_at_point, game, regions),
        method=method,
        warnings=(GENERICITY,) if regions else (),
    )


def _piece_label(sol: SPESolution, shown: int = 2) -> str:
    paths = []
    for e in itertools.islice(sol.profiles(), shown):
        paths.append(" > ".join(e.path) or "root")
    more = f" (+{sol.count - shown} more)" if sol.count > shown else ""
    return f"{sol.count} SPE: " + "; ".join(paths) + more
