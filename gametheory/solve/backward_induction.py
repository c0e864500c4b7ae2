"""Subgame-perfect equilibria of extensive-form games by backward induction.

Every pure SPE of a perfect-information tree (chance nodes allowed) is found, ties
included. Rather than listing profiles, each node keeps the multiset of payoff
vectors its subgame's SPE give, as ``{vector: number of SPE}``: at a decision node
of player ``i``, an action ``a`` with continuation value ``v`` is part of
``count(v) * prod_{b != a} #{w in SPE(b): w_i <= v_i}`` equilibria. So the count and
the distinct payoff vectors come without materialising profiles, and
:meth:`SPESolution.profiles` produces the profiles lazily from the same tables.
The result classes live in :mod:`gametheory.solve.spe_records`, the tables and their
enumeration in :mod:`gametheory.solve.spe_engine`; this module solves the numeric tree
(imperfect-information subgames included) and is the entry point :func:`spe`.

Subgames with imperfect information are replaced, bottom up, by the equilibria of
their normal form (with each deeper subgame already replaced by one of its SPE payoff
vectors); mixed equilibria become behaviour strategies (Kuhn's theorem).

With free parameters, the answer is a :class:`~gametheory.solve.results.PiecewiseAnswer`:
at each decision node every ordering of the player's candidate payoffs consistent
with what sympy can decide gives a region, and equalities give boundary pieces.
A two-player subgame with imperfect information is solved by symbolic support
enumeration (:func:`~gametheory.solve.symbolic_support.symbolic_nash`) of its normal
form, whose payoffs include the continuation values of the pieces below; the pieces
are split by which support pairs are equilibria, so each carries the subgame's whole
equilibrium set and its multiplicity. This assumes the subgame is nondegenerate
(genericity, stated in the warnings): where a support condition is tight the subgame
may be degenerate, so those boundaries are pieces of their own that ``.at(point)``
solves numerically, as are pieces where a subgame is degenerate for every parameter
value (a player indifferent between strategies whatever the parameters). A subgame
with imperfect information and more than two players raises
:class:`~gametheory.errors.NotApplicableError`.
The symbolic part lives in :mod:`gametheory.solve.spe_symbolic`.

Examples
--------
>>> import gametheory as gt
>>> entry = gt.ExtensiveFormGame(
...     gt.Decision("Entrant", "entrant", {"Out": gt.Terminal([0, 2]),
...         "In": gt.Decision("Incumbent", "incumbent", {
...             "Fight": gt.Terminal([-1, -1]), "Accommodate": gt.Terminal([1, 1])})}),
...     players=["Entrant", "Incumbent"])
>>> sol = gt.spe(entry)
>>> sol.count, sol.equilibria[0].path
(1, ('In', 'Accommodate'))
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import sympy as sp

from ..errors import NotApplicableError
from ..games.extensive_form import Chance, Decision, ExtensiveFormGame, Terminal, path_text
from ..symbolic import exact, to_fraction
from .mixed_nash import nash
from .pure_nash import pure_nash
from .results import PiecewiseAnswer, counted
from .spe_engine import SPEEngine, Vector
from .spe_records import MAX_LISTED, SPESolution, SubgamePerfectEquilibrium

# Importable from here as before the split (tests and older code use them).
from .spe_records import count_json as count_json
from .spe_records import count_text as count_text

__all__ = ["spe", "SPESolution", "SubgamePerfectEquilibrium", "MAX_LISTED"]


# ----------------------------------------------------------------------- numeric
def imperfect_region(game: ExtensiveFormGame, r: int, roots: set[int]) -> tuple[list[int], list[int]]:
    """Nodes of the imperfect-information region at subgame root ``r`` and its boundary
    (deeper subgame roots and terminals)."""
    inside, boundary = [r], []
    stack = list(game.children[r])
    while stack:
        j = stack.pop()
        if j in roots or game.kind[j] == "terminal":
            boundary.append(j)
        else:
            inside.append(j)
            stack.extend(game.children[j])
    return inside, sorted(boundary)


def truncated_game(game: ExtensiveFormGame, r: int, replace: Mapping[int, Vector]) -> ExtensiveFormGame:
    """The subgame at node ``r`` with each node of ``replace`` made a terminal with the
    given payoffs (the values of the deeper subgames, already solved)."""
    def build(j: int) -> Any:
        if j in replace:
            return Terminal([exact(v) for v in replace[j]])
        acts = game.actions[j]
        if game.kind[j] == "chance":
            return Chance(
                {a: (p, build(c)) for a, p, c in zip(acts, game.probabilities[j], game.children[j])},
                game.infoset[j], game.outcomes[j],
            )
        return Decision(
            game.player[j], game.infoset[j], {a: build(c) for a, c in zip(acts, game.children[j])},
            game.outcomes[j],
        )

    return ExtensiveFormGame(build(r), game.players)


def _normal_form_equilibria(nf: Any) -> tuple[list[Any], str]:
    if nf.n_players == 2:
        return list(nash(nf).equilibria), "all extreme Nash equilibria of its normal form"  # type: ignore[union-attr]
    return list(pure_nash(nf).equilibria), "pure Nash equilibria of its normal form"  # type: ignore[union-attr]


def _solve_region(engine: SPEEngine, r: int, roots: set[int], notes: list[str]) -> None:
    game = engine.game
    _inside, boundary = imperfect_region(game, r, roots)
    per_boundary = [list(engine.dist[b].items()) for b in boundary]
    entries = []
    out: dict[Vector, int] = {}
    for combo in itertools.product(*per_boundary):
        replace = {b: vec for b, (vec, _n) in zip(boundary, combo)}
        weight = 1
        for _vec, n in combo:
            weight *= n
        sub = truncated_game(game, r, replace)
        nf = sub.to_normal_form()
        eqs, how = _normal_form_equilibria(nf)
        for eq in eqs:
            behaviour = behaviour_from_mixed(sub, nf, eq, notes)
            vec = tuple(engine.canon(_number(v)) for v in eq.payoffs)
            entries.append((vec, behaviour, tuple(replace.items()), weight))
            out[vec] = out.get(vec, 0) + weight
        if len(eqs) != 1:
            notes.append(
                f"the subgame at node {path_text(game.path_of(r))} has {counted(len(eqs), 'equilibrium')} ({how})"
            )
    engine.regions[r] = entries
    engine.dist[r] = out


def _number(v: sp.Expr) -> Any:
    return to_fraction(v) if v.is_number else v


def behaviour_from_mixed(sub: ExtensiveFormGame, nf: Any, eq: Any, notes: list[str]) -> dict[str, Any]:
    """Kuhn's theorem: a mixed equilibrium over reduced strategies as behaviour."""
    out: dict[str, Any] = {}
    for i, player in enumerate(sub.players):
        strategies = sub.reduced_strategies(i)
        mix = list(eq.strategies[i].values())
        for lab, h in sub.infosets.items():
            if h.player != player:
                continue
            reach = sum((m for s, m in zip(strategies, mix) if lab in s), sp.Integer(0))
            if reach == 0:
                notes.append(
                    f"information set {lab!r} is ruled out by {player}'s own moves in an "
                    f"equilibrium of its subgame; its first action is shown"
                )
                out[lab] = h.actions[0]
                continue
            dist = {a: sum((m for s, m in zip(strategies, mix) if s.get(lab) == a), sp.Integer(0)) / reach for a in h.actions}
            pure = [a for a, q in dist.items() if q == 1]
            out[lab] = pure[0] if pure else dist
    return out


def _as_is(value: Any) -> Any:
    """The canonical form of a number in a numeric tree: itself."""
    return value


def numeric_spe(game: ExtensiveFormGame) -> SPESolution:
    """Every pure SPE of a game with numeric payoffs (the engine of :func:`spe`)."""
    outcomes, probs = game.numeric_tables()
    engine = SPEEngine(game, outcomes, probs, canon=_as_is)
    roots = set(game.subgame_roots())
    perfect = game.is_perfect_information
    if not perfect:
        game.require_perfect_recall()
    notes: list[str] = []
    regions = 0
    # Preorder indices: every child has a larger index than its parent.
    for i in reversed(range(len(game))):
        kind = game.kind[i]
        if kind == "terminal":
            engine.terminal(i)
        elif i not in roots:
            continue  # solved with the imperfect-information region above it
        elif not perfect and any(c not in roots and game.kind[c] != "terminal" for c in game.children[i]):
            _solve_region(engine, i, roots, notes)
            regions += 1
        elif kind == "chance":
            engine.chance(i)
        else:
            engine.decision(i)
    return spe_solution(game, engine, notes, regions, point=None)


def spe_solution(game: ExtensiveFormGame, engine: SPEEngine, notes: list[str], regions: int, point: Any) -> SPESolution:
    """The :class:`SPESolution` of a finished backward induction: its equilibria, with
    warnings for the ties met and the imperfect-information regions solved."""
    warnings = []
    ties = sorted(set(engine.ties))
    for i in ties[:20]:
        warnings.append(
            f"tie at node {path_text(game.path_of(i))}: {game.players[game.player[i]]} is "
            f"indifferent between actions in some SPE; every choice is listed"
        )
    if len(ties) > 20:
        warnings.append(f"... and ties at {len(ties) - 20} more nodes")
    warnings += list(dict.fromkeys(notes))
    root = engine.dist[0]

    def out(v: Any) -> sp.Expr:
        e = exact(v)
        return e.xreplace(dict(point)) if point else e

    merged: dict[tuple[sp.Expr, ...], int] = {}
    for vec, n in root.items():
        key = tuple(out(v) for v in vec)
        merged[key] = merged.get(key, 0) + n
    method = "backward induction over payoff multisets"
    if regions:
        method += "; subgames with imperfect information by the equilibria of their normal form"
    if point is not None:
        method = "symbolic backward induction, evaluated at a point"
    return SPESolution(
        game=game,
        count=sum(root.values()),
        payoff_vectors=tuple(merged.items()),
        method=method,
        exact=game.is_exact,
        warnings=tuple(warnings),
        _engine=engine,
        _point=point,
    )


# ----------------------------------------------------------------------- entry point
def spe(tree: ExtensiveFormGame) -> SPESolution | PiecewiseAnswer:
    """Every pure subgame-perfect equilibrium of a tree, ties enumerated.

    Parameters
    ----------
    tree
        An :class:`~gametheory.ExtensiveFormGame`. Perfect information (with chance
        moves) gives all pure SPE; subgames with imperfect information are replaced by
        the equilibria of their normal form (needs perfect recall).

    Returns
    -------
    SPESolution
        With numbers: ``count``, ``payoff_vectors``, lazy ``profiles()``, and warnings
        naming the nodes where a player is indifferent.
    PiecewiseAnswer
        With free parameters: pieces (condition, :class:`SPESolution`) partitioning the
        parameter space; ties are boundary pieces; ``.at(point)`` gives the SPE there.
        Two-player subgames with imperfect information are solved by symbolic support
        enumeration, assuming genericity (see the answer's ``warnings``).

    Raises
    ------
    NotApplicableError
        With free parameters, for a subgame with imperfect information and more than
        two players.

    Examples
    --------
    An outside option worth ``x`` before matching pennies (value 0 to the first mover):

    >>> import gametheory as gt
    >>> x = gt.parameter("x_spe_doc")
    >>> mp = gt.Decision("P1", "h1", {a: gt.Decision("P2", "h2", {
    ...     b: gt.Terminal([1, -1] if a == b else [-1, 1]) for b in "HT"}) for a in "HT"})
    >>> ans = gt.spe(gt.ExtensiveFormGame(gt.Decision("P1", "start", {
    ...     "Out": gt.Terminal([x, 0]), "In": mp}), ["P1", "P2"]))
    >>> [(p.label, p.condition) for p in ans.pieces]
    [('1 SPE: In', x_spe_doc < 0), ('2 SPE: Out; In', Eq(x_spe_doc, 0)), ('1 SPE: Out', x_spe_doc > 0)]
    >>> ans.at({x: -1}).equilibria[0].behavior["P2"]["h2"]
    {'H': 1/2, 'T': 1/2}
    """
    if not isinstance(tree, ExtensiveFormGame):
        raise NotApplicableError(f"spe applies to ExtensiveFormGame, not {type(tree).__name__}")
    if tree.parameters:
        from .spe_symbolic import symbolic_spe

        return symbolic_spe(tree)
    return numeric_spe(tree)
