"""The sequence form of a two-player tree (Koller, Megiddo and von Stengel 1996).

A player's *sequence* is the list of its own moves on the way to a node; with
perfect recall it is named by its last move ``(information set, action)``, and the
empty sequence is the start. A *realization plan* ``x`` gives each sequence the
probability that the player's own moves follow it; it satisfies ``E x = e, x >= 0``
(one row for the start, one per information set: the plan at the set's parent
sequence splits among its actions). Payoffs become the sparse matrices
``A[s1][s2], B[s1][s2]``: the sum, over the leaves where the players' last moves are
``s1`` and ``s2``, of the chance probability times the payoff. The expected payoff of
plans ``x, y`` is ``x A y``: the game's size is linear in the tree, where the reduced
normal form can be exponential.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.solve.sequence_form import sequence_form
>>> mp = gt.ExtensiveFormGame(gt.Decision("A", "a", {
...     "H": gt.Decision("B", "b", {"h": gt.Terminal([1, -1]), "t": gt.Terminal([-1, 1])}),
...     "T": gt.Decision("B", "b", {"h": gt.Terminal([-1, 1]), "t": gt.Terminal([1, -1])})}),
...     players=["A", "B"])
>>> sf = sequence_form(mp)
>>> sf.sequences[0], sf.E
(((), ('a', 'H'), ('a', 'T')), ((1, 0, 0), (-1, 1, 1)))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import NotApplicableError, ValidationError
from ..games.extensive_form import ExtensiveFormGame

__all__ = ["SequenceForm", "sequence_form"]

SequenceName = tuple[()] | tuple[str, str]


@dataclass(frozen=True)
class SequenceForm:
    """The sequence form of a two-player tree with perfect recall.

    Attributes
    ----------
    players
        The two player names.
    sequences
        Per player, its sequences: ``()`` first, then ``(infoset, action)`` pairs.
    infosets
        Per player, its information-set labels, in the order of the rows of ``E``/``F``
        after the first.
    parent
        Per player, the index of each information set's parent sequence.
    E, F
        Constraint matrices (rows: the start, then one per information set).
    A, B
        Payoff matrices ``|S1| x |S2|`` (exact where the tree is).
    P
        The chance probability of reaching the leaves of each sequence pair
        (``x P y = 1`` for all plans); shifting every payoff by ``c`` adds ``c P``.
    exact
        False when a payoff or probability was a float.
    """

    players: tuple[str, str]
    sequences: tuple[tuple[SequenceName, ...], tuple[SequenceName, ...]]
    infosets: tuple[tuple[str, ...], tuple[str, ...]]
    parent: tuple[tuple[int, ...], tuple[int, ...]]
    E: tuple[tuple[int, ...], ...]
    F: tuple[tuple[int, ...], ...]
    A: tuple[tuple[Fraction, ...], ...]
    B: tuple[tuple[Fraction, ...], ...]
    P: tuple[tuple[Fraction, ...], ...]
    exact: bool

    def constraints(self, player: int) -> tuple[tuple[int, ...], ...]:
        return self.E if player == 0 else self.F

    def payoff(self, player: int) -> tuple[tuple[Fraction, ...], ...]:
        return self.A if player == 0 else self.B

    def sequence_index(self, player: int) -> dict[SequenceName, int]:
        return {s: k for k, s in enumerate(self.sequences[player])}

    def action_values(self, player: int, other_plan: list[Fraction]) -> list[Fraction]:
        """``A y`` (player 0) or ``x B`` (player 1): the payoff weight of each own sequence."""
        if player == 0:
            return [sum((a * y for a, y in zip(row, other_plan) if a and y), Fraction(0)) for row in self.A]
        cols = len(self.sequences[1])
        out = [Fraction(0)] * cols
        for x, row in zip(other_plan, self.B):
            if x:
                for j, b in enumerate(row):
                    if b:
                        out[j] += x * b
        return out

    def best_response_value(self, player: int, other_plan: list[Fraction]) -> Fraction:
        """The most the player can get against the other's plan, by backward recursion
        over its own information sets (independent of any LCP or LP)."""
        u = self.action_values(player, other_plan)
        seqs = self.sequences[player]
        index = self.sequence_index(player)
        value = list(u)
        # Information sets listed in preorder: their children come later, so a reverse
        # sweep finishes every continuation before its parent sequence needs it.
        for h in reversed(range(len(self.infosets[player]))):
            label = self.infosets[player][h]
            own = [index[s] for s in seqs if s and s[0] == label]
            value[self.parent[player][h]] += max(value[k] for k in own)
        return value[0]

    def payoff_of(self, x: list[Fraction], y: list[Fraction]) -> tuple[Fraction, Fraction]:
        """Expected payoffs ``(x A y, x B y)``."""
        ua = sum((xi * a * yj for xi, row in zip(x, self.A) if xi for a, yj in zip(row, y) if a and yj), Fraction(0))
        ub = sum((xi * b * yj for xi, row in zip(x, self.B) if xi for b, yj in zip(row, y) if b and yj), Fraction(0))
        return ua, ub

    def behavior(self, player: int, plan: list[Fraction]) -> tuple[dict[str, dict[str, Fraction]], list[str]]:
        """The behaviour strategy of a realization plan, and the information sets its
        own moves never reach (where any behaviour gives the same plan; uniform is used)."""
        seqs = self.sequences[player]
        index = self.sequence_index(player)
        out: dict[str, dict[str, Fraction]] = {}
        unreached: list[str] = []
        for h, label in enumerate(self.infosets[player]):
            own = [s for s in seqs if s and s[0] == label]
            mass = plan[self.parent[player][h]]
            if mass > 0:
                out[label] = {s[1]: plan[index[s]] / mass for s in own}
            else:
                unreached.append(label)
                out[label] = {s[1]: Fraction(1, len(own)) for s in own}
        return out, unreached

    def plan(self, player: int, behavior: Mapping[str, Mapping[str, Any]]) -> list[Fraction]:
        """The realization plan of a behaviour strategy (information set -> action -> prob)."""
        seqs = self.sequences[player]
        index = self.sequence_index(player)
        x = [Fraction(0)] * len(seqs)
        x[0] = Fraction(1)
        for h, label in enumerate(self.infosets[player]):
            for s in seqs:
                if s and s[0] == label:
                    x[index[s]] = x[self.parent[player][h]] * Fraction(behavior[label][s[1]])
        return x


def _number(v: Any) -> tuple[Fraction, bool]:
    if isinstance(v, float):
        return Fraction(v), False
    return Fraction(v), True


def sequence_form(tree: ExtensiveFormGame) -> SequenceForm:
    """Build the sequence form of a two-player tree with perfect recall.

    Parameters
    ----------
    tree
        A numeric two-player :class:`~gametheory.ExtensiveFormGame` with perfect recall.

    Returns
    -------
    SequenceForm

    Raises
    ------
    NotApplicableError
        If the tree does not have exactly two players.
    ValidationError
        If it lacks perfect recall or has free parameters.
    """
    if tree.n_players != 2:
        raise NotApplicableError(f"the sequence form here is for two-player trees; this one has {tree.n_players}")
    tree.require_perfect_recall()
    outcomes, probs = tree.numeric_tables()
    exact = True
    seq_lists: list[list[SequenceName]] = [[()], [()]]
    seq_index: list[dict[SequenceName, int]] = [{(): 0}, {(): 0}]
    infosets: list[list[str]] = [[], []]
    parents: list[list[int]] = [[], []]
    A: dict[tuple[int, int], Fraction] = {}
    B: dict[tuple[int, int], Fraction] = {}
    P: dict[tuple[int, int], Fraction] = {}
    stack: list[tuple[int, int, int, Fraction, tuple[Fraction, Fraction]]] = [
        (0, 0, 0, Fraction(1), (Fraction(0), Fraction(0)))
    ]
    while stack:
        i, s1, s2, chance, acc = stack.pop()
        here = outcomes[i]
        if here is not None:
            (a, ea), (b, eb) = _number(here[0]), _number(here[1])
            exact = exact and ea and eb
            acc = (acc[0] + a, acc[1] + b)
        kind = tree.kind[i]
        if kind == "terminal":
            key = (s1, s2)
            A[key] = A.get(key, Fraction(0)) + chance * acc[0]
            B[key] = B.get(key, Fraction(0)) + chance * acc[1]
            P[key] = P.get(key, Fraction(0)) + chance
            continue
        children = tree.children[i]
        if kind == "chance":
            for c, p in zip(children, probs[i]):
                pf, ep = _number(p)
                exact = exact and ep
                if pf:
                    stack.append((c, s1, s2, chance * pf, acc))
            continue
        pl = tree.player[i]
        label = tree.infoset[i] or ""
        own = s1 if pl == 0 else s2
        if (label, tree.actions[i][0]) not in seq_index[pl]:
            infosets[pl].append(label)
            parents[pl].append(own)
            for act in tree.actions[i]:
                seq_index[pl][(label, act)] = len(seq_lists[pl])
                seq_lists[pl].append((label, act))
        elif parents[pl][infosets[pl].index(label)] != own:
            raise ValidationError(f"information set {label!r} is reached after different own moves")
        for c, act in zip(children, tree.actions[i]):
            k = seq_index[pl][(label, act)]
            stack.append((c, k, s2, chance, acc) if pl == 0 else (c, s1, k, chance, acc))
    n1, n2 = len(seq_lists[0]), len(seq_lists[1])

    def constraint_rows(pl: int) -> tuple[tuple[int, ...], ...]:
        n = len(seq_lists[pl])
        rows = [tuple(1 if k == 0 else 0 for k in range(n))]
        for h, label in enumerate(infosets[pl]):
            row = [0] * n
            row[parents[pl][h]] = -1
            for k, s in enumerate(seq_lists[pl]):
                if s and s[0] == label:
                    row[k] = 1
            rows.append(tuple(row))
        return tuple(rows)

    def dense(m: dict[tuple[int, int], Fraction]) -> tuple[tuple[Fraction, ...], ...]:
        return tuple(tuple(m.get((r, c), Fraction(0)) for c in range(n2)) for r in range(n1))

    # Information sets are listed as first visited, depth first: a set's continuation
    # sets always come after it, which best_response_value relies on.
    return SequenceForm(
        players=(tree.players[0], tree.players[1]),
        sequences=(tuple(seq_lists[0]), tuple(seq_lists[1])),
        infosets=(tuple(infosets[0]), tuple(infosets[1])),
        parent=(tuple(parents[0]), tuple(parents[1])),
        E=constraint_rows(0),
        F=constraint_rows(1),
        A=dense(A),
        B=dense(B),
        P=dense(P),
        exact=exact,
    )
