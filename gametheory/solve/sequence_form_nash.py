"""Nash equilibria of two-player trees in the sequence form: Lemke (exact) and LP (zero-sum).

``method="lemke"`` solves the linear complementarity problem of Koller, Megiddo and
von Stengel (1996), "Efficient computation of equilibria for extensive two-person
games", *Games and Economic Behavior* 14: 247-259, by Lemke's algorithm in exact
rational arithmetic (:func:`~gametheory.solve.lemke.lemke`); it finds one equilibrium
of any two-player tree with perfect recall, in time that grows with the tree rather
than with its reduced normal form. ``method="lp"`` solves a zero-sum tree by the
sequence-form linear programme (one per player) with scipy's HiGHS, in floating
point; its plans are then rounded to fractions with small denominators and, when
these are exactly realization plans with zero regret, the answer is exact (``extra``
says ``certified``), else it stays floating point (``exact`` False). Every answer is
checked: each player's regret against the other's plan, computed by backward
recursion over its own information sets.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.games.catalog import kuhn_poker
>>> sol = gt.sequence_form_nash(kuhn_poker())
>>> sol.exact, sol[0].payoffs
(True, (-1/18, 1/18))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from ..errors import NotApplicableError, SolverError, ValidationError
from ..games.extensive_form import ExtensiveFormGame
from .lemke import lemke
from .results import EquilibriumSequence, counted, number_to_json
from .sequence_form import SequenceForm, sequence_form

__all__ = ["BehaviorEquilibrium", "SequenceFormSolution", "sequence_form_nash"]


@dataclass(frozen=True)
class BehaviorEquilibrium:
    """A Nash equilibrium of a tree as a behaviour-strategy profile.

    Attributes
    ----------
    players
        Player names.
    behavior
        Per player, information set -> action -> probability.
    payoffs
        Expected payoff of each player.
    plans
        Per player, the realization plan (sequence -> probability).
    unreached
        Per player, the information sets its own moves avoid (behaviour there is
        immaterial to the equilibrium and set to uniform).
    """

    players: tuple[str, ...]
    behavior: tuple[Mapping[str, Mapping[str, sp.Expr]], ...]
    payoffs: tuple[sp.Expr, ...]
    plans: tuple[Mapping[str, sp.Expr], ...] = ()
    unreached: tuple[tuple[str, ...], ...] = ()

    def behavior_profile(self) -> dict[str, dict[str, dict[str, sp.Expr]]]:
        """``{player: {infoset: {action: prob}}}``, as ``tree.play`` reads it."""
        return {p: {h: dict(d) for h, d in b.items()} for p, b in zip(self.players, self.behavior)}

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "behavior": {
                p: {h: {a: number_to_json(v) for a, v in d.items()} for h, d in b.items()}
                for p, b in zip(self.players, self.behavior)
            },
            "payoffs": {p: number_to_json(v) for p, v in zip(self.players, self.payoffs)},
            "unreached": {p: list(u) for p, u in zip(self.players, self.unreached)},
        }


@dataclass(frozen=True)
class SequenceFormSolution(EquilibriumSequence):
    """Equilibria of a two-player tree found in the sequence form (fields as
    :class:`~gametheory.Solution`; ``extra`` holds the sizes and the pivot count)."""

    concept: str
    equilibria: tuple[BehaviorEquilibrium, ...]
    method: str
    exact: bool
    players: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"SequenceFormSolution(method={self.method!r}, exact={self.exact}, "
                f"{counted(len(self.equilibria), 'equilibrium')}, warnings={list(self.warnings)})")


def _float(v: Fraction) -> sp.Float:
    return sp.Float(float(v))


def _seq_name(s: tuple[()] | tuple[str, str]) -> str:
    return "(empty)" if not s else f"{s[0]}:{s[1]}"


def _lcp(sf: SequenceForm) -> tuple[list[list[Fraction]], list[Fraction]]:
    """The KMvS LCP with payoffs shifted negative and each equality split in two
    inequalities; the free duals are differences of two nonnegative variables."""
    n1, n2 = len(sf.sequences[0]), len(sf.sequences[1])
    r1, r2 = len(sf.E), len(sf.F)

    def shift(m: tuple[tuple[Fraction, ...], ...]) -> list[list[Fraction]]:
        ratios = [a / p for ra, rp in zip(m, sf.P) for a, p in zip(ra, rp) if p]
        k = max(ratios, default=Fraction(0)) + 1
        return [[a - k * p for a, p in zip(ra, rp)] for ra, rp in zip(m, sf.P)]

    A, B = shift(sf.A), shift(sf.B)
    n = n1 + n2 + 2 * r1 + 2 * r2
    ox, oy, op1, oq1, op2, oq2 = 0, n1, n1 + n2, n1 + n2 + r1, n1 + n2 + 2 * r1, n1 + n2 + 2 * r1 + r2
    M = [[Fraction(0)] * n for _ in range(n)]
    q = [Fraction(0)] * n
    for i in range(n1):
        for j in range(n2):
            M[ox + i][oy + j] = -A[i][j]
            M[oy + j][ox + i] = -B[i][j]
    # Each player's realization constraints E x = e (F y = f), with the free price of
    # each constraint written as the difference of two nonnegative variables p - q.
    for rows, own, op, oq in ((sf.E, ox, op1, oq1), (sf.F, oy, op2, oq2)):
        for r, row in enumerate(rows):
            for i, e in enumerate(row):
                if e:
                    M[own + i][op + r] = Fraction(-e)
                    M[own + i][oq + r] = Fraction(e)
                    M[op + r][own + i] = Fraction(e)
                    M[oq + r][own + i] = Fraction(-e)
    q[op1], q[oq1], q[op2], q[oq2] = Fraction(-1), Fraction(1), Fraction(-1), Fraction(1)
    return M, q


def _lp_plan(sf: SequenceForm, player: int) -> tuple[list[float], float]:
    """The plan of ``player`` minimizing the other's best-response value (zero-sum)."""
    import numpy as np
    from scipy.optimize import linprog

    other = 1 - player
    own_c = np.array(sf.constraints(player), dtype=float)
    opp_c = np.array(sf.constraints(other), dtype=float)
    # G z: the other's payoff weight on each of its sequences against own plan z.
    G = np.array(sf.A, dtype=float) if other == 0 else np.array(sf.B, dtype=float).T
    nz, nr = own_c.shape[1], opp_c.shape[0]
    c = np.zeros(nz + nr)
    c[nz] = 1.0
    a_ub = np.hstack([G, -opp_c.T])
    a_eq = np.hstack([own_c, np.zeros((own_c.shape[0], nr))])
    b_eq = np.zeros(own_c.shape[0])
    b_eq[0] = 1.0
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(G.shape[0]), A_eq=a_eq, b_eq=b_eq,
                  bounds=[(0, None)] * nz + [(None, None)] * nr, method="highs")
    if res.status != 0:
        raise SolverError(f"the sequence-form LP of {sf.players[player]} failed: {res.message}")
    plan = [max(0.0, float(v)) for v in res.x[:nz]]
    return plan, float(res.fun)


def _certify(sf: SequenceForm, xf: list[float], yf: list[float], max_denominator: int = 10_000
             ) -> tuple[list[list[Fraction]], tuple[Fraction, Fraction]] | None:
    """The LP plans rounded to fractions with small denominators, if they are exactly
    realization plans with zero regret (so an exact equilibrium); else None."""
    plans = [[Fraction(v).limit_denominator(max_denominator) for v in plan] for plan in (xf, yf)]
    for pl in (0, 1):
        for row, rhs in zip(sf.constraints(pl), [1] + [0] * (len(sf.constraints(pl)) - 1)):
            if sum((c * v for c, v in zip(row, plans[pl]) if c), Fraction(0)) != rhs:
                return None
    payoffs = sf.payoff_of(plans[0], plans[1])
    if sf.best_response_value(0, plans[1]) != payoffs[0] or sf.best_response_value(1, plans[0]) != payoffs[1]:
        return None
    return plans, payoffs


def sequence_form_nash(tree: ExtensiveFormGame, method: str = "lemke", tol: float = 1e-9) -> SequenceFormSolution:
    """One Nash equilibrium of a two-player tree with perfect recall, in behaviour strategies.

    Parameters
    ----------
    tree
        A numeric two-player tree with perfect recall (information sets allowed).
    method
        ``"lemke"``: the sequence-form LCP by Lemke's algorithm, exact. ``"lp"``: the
        sequence-form linear programmes of a zero-sum tree, floating point (HiGHS).
    tol
        For ``"lp"`` only: the largest regret accepted (payoff units).

    Returns
    -------
    SequenceFormSolution
        One equilibrium; ``extra`` gives the numbers of sequences, the pivots and each
        player's regret (zero, checked exactly for ``"lemke"``).

    Raises
    ------
    NotApplicableError
        If the tree does not have two players, or ``"lp"`` is asked of a non-zero-sum tree.
    ValidationError
        For an unknown ``method``, missing perfect recall or free parameters.
    SolverError
        If the solver fails or its answer does not pass the regret check.
    """
    if method not in ("lemke", "lp"):
        raise ValidationError(f"sequence_form_nash: unknown method {method!r}; use 'lemke' or 'lp'")
    sf = sequence_form(tree)
    n1, n2 = len(sf.sequences[0]), len(sf.sequences[1])
    extra: dict[str, Any] = {"sequences": (n1, n2), "infosets": (len(sf.infosets[0]), len(sf.infosets[1]))}
    warnings: list[str] = []
    if method == "lemke":
        M, q = _lcp(sf)
        z, pivots = lemke(M, q)
        plans = [z[:n1], z[n1:n1 + n2]]
        extra["pivots"] = pivots
        payoffs = sf.payoff_of(plans[0], plans[1])
        regrets = [sf.best_response_value(0, plans[1]) - payoffs[0],
                   sf.best_response_value(1, plans[0]) - payoffs[1]]
        if any(r != 0 for r in regrets):
            raise SolverError(f"the Lemke solution has regrets {regrets}; this is a bug")
        exact = sf.exact
        if not exact:
            warnings.append("the tree has float numbers; they were read as exact binary fractions")
        num = sp.Rational
    else:
        if any(a + b != 0 for ra, rb in zip(sf.A, sf.B) for a, b in zip(ra, rb)):
            raise NotApplicableError("method 'lp' needs a zero-sum tree; use method='lemke'")
        xf, v2 = _lp_plan(sf, 0)
        yf, v1 = _lp_plan(sf, 1)
        plans = [[Fraction(v) for v in xf], [Fraction(v) for v in yf]]
        payoffs = sf.payoff_of(plans[0], plans[1])
        regrets = [sf.best_response_value(0, plans[1]) - payoffs[0],
                   sf.best_response_value(1, plans[0]) - payoffs[1]]
        if any(float(r) > tol for r in regrets):
            raise SolverError(f"the LP solution has regrets {[float(r) for r in regrets]} above tol={tol}")
        extra["values"] = (v1, v2)
        exact = False
        num = _float  # type: ignore[assignment]
        certified = _certify(sf, xf, yf) if sf.exact else None
        if certified is not None:
            # Rounded to small denominators, the plans pass the exact checks: exact.
            plans, payoffs = certified
            regrets = [Fraction(0), Fraction(0)]
            exact = True
            num = sp.Rational
            extra["certified"] = True
    extra["regrets"] = tuple(number_to_json(num(r)) for r in regrets)
    behaviors, unreached = [], []
    for pl in (0, 1):
        b, u = sf.behavior(pl, plans[pl])
        behaviors.append({h: {a: num(v) for a, v in d.items()} for h, d in b.items()})
        unreached.append(tuple(u))
    eq = BehaviorEquilibrium(
        players=sf.players,
        behavior=tuple(behaviors),
        payoffs=(num(payoffs[0]), num(payoffs[1])),
        plans=tuple({_seq_name(s): num(v) for s, v in zip(sf.sequences[pl], plans[pl])} for pl in (0, 1)),
        unreached=tuple(unreached),
    )
    if any(unreached):
        warnings.append("some information sets are avoided by their player's own plan; "
                        "behaviour there is set to uniform and does not affect the equilibrium")
    name = "sequence-form Lemke (Koller-Megiddo-von Stengel)" if method == "lemke" else "sequence-form LP (HiGHS)"
    return SequenceFormSolution("nash", (eq,), name, exact, sf.players, tuple(warnings), extra)
