"""The condition kernel: signs of expressions and truth of relations over parameters.

Every solver that must know whether ``a > b`` under the parameters' declarations
asks here. A sign is decided exactly or not at all, in increasing cost:

1. sympy's assumptions on the expression (the symbols' declared kinds);
2. the expression written over its interior (:func:`interior_substitution`: each
   bounded parameter through a positive symbol, so that ``1 - delta`` is seen to be
   positive for a discount factor);
3. a relation of the caller's ``domain`` stated about exactly this expression;
4. factor by factor: linear factors by exact linear programming
   (:func:`sympy.solvers.simplex.lpmin`) over the domain's linear relations and the
   declared bounds, multilinear ones at the corners of their box of bounds.

Steps 2 to 4 run only when asked for (``thorough=True``, the default of
:func:`decide_sign` and :func:`decide`); :func:`canonical_relation`, which runs on
every relation a solver builds, uses step 1 alone. A sign is the sign on the interior
of the domain: a factor of even power whose sign is unknown is nonnegative and zero
only on a thin set, so it does not change it.

Deciding by evaluating at a sample point is not a proof; :func:`decide` does it only
when asked with ``at_sample=point`` and then says so in the caller's warnings.

Conditions are written readably (:func:`canonical_relation`), solved for a single
parameter within its bounds (:func:`solve_for`), and pruned when a conjunction has no
solution within the bounds (:func:`relaxed_feasible`, :func:`simplify_condition`).

Examples
--------
>>> import sympy as sp
>>> from gametheory.conditions import decide, decide_sign, simplify_condition
>>> T, R, P = sp.symbols("T R P", real=True)
>>> decide_sign(T - P, domain=[T > R, R > P])
1
>>> decide(sp.Gt(T, P), [T > R, R > P]), decide(sp.Gt(T, 2 * R), [T > R, R > P])
(True, T > 2*R)
>>> d = sp.Symbol("d_cond", positive=True)
>>> simplify_condition(sp.And(d > 1, d < 3))
(d_cond > 1) & (d_cond < 3)
"""

from .feasibility import relaxed_feasible
from .relations import (
    canonical_relation,
    clear_denominators,
    decide,
    simplify_condition,
    solve_for,
    versus_zero,
)
from .signs import SIGNS, assumed_sign, decide_sign, interior_substitution, sign_class

__all__ = [
    "SIGNS",
    "assumed_sign",
    "interior_substitution",
    "decide_sign",
    "sign_class",
    "decide",
    "versus_zero",
    "canonical_relation",
    "clear_denominators",
    "solve_for",
    "simplify_condition",
    "relaxed_feasible",
]
