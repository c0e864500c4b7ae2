"""Exact values, subgame perfection and discount thresholds of automaton profiles.

A profile of automata (one per player) in a repeated game induces a finite Markov
chain on *joint states* (one automaton state per player). Normalised discounted values
solve ``V = (1 - delta) u + delta P V``, so ``V = (1 - delta) (I - delta P)^-1 u``,
computed exactly (sympy), symbolic in the discount factor, the payoffs and the noise.

Subgame perfection is checked by the one-shot deviation principle at every joint state,
reachable or not: no player gains by playing another action for one round and then
following his automaton again. Under perfect monitoring and public signals this is
exact (for a public signal: perfect public equilibrium). Under private noise the joint
state is not common knowledge; the check then treats it as known, which is a
sufficient condition (conforming is optimal whatever a player believes about the
others' states) and the result says so.

Examples
--------
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]],
...                                    strategies=[["C", "D"], ["C", "D"]])
>>> rg = gt.RepeatedGame(pd, "1/2")
>>> gt.is_subgame_perfect(rg, (gt.grim_trigger(), gt.grim_trigger())).holds
True
>>> gt.discount_threshold(rg, (gt.grim_trigger(), gt.grim_trigger())).threshold
1/3

The package: :mod:`.chain` (joint states and exact values), :mod:`.values`,
:mod:`.deviations` (one-shot deviation check) and :mod:`.threshold`.
"""

from .chain import joint_markov_chain
from .deviations import Deviation, SubgamePerfection, is_subgame_perfect
from .threshold import DiscountThreshold, discount_threshold
from .values import RepeatedValues, finite_horizon_spe, repeated_values

__all__ = [
    "RepeatedValues",
    "Deviation",
    "SubgamePerfection",
    "DiscountThreshold",
    "repeated_values",
    "is_subgame_perfect",
    "discount_threshold",
    "joint_markov_chain",
    "finite_horizon_spe",
]
