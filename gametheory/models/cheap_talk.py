"""Argument 11: "we threaten no one", China's narrative as North Korea's.

"Just as China maintained that its nuclear, defense and 'One Belt One Road' policies do
not pose any threat to any other nation, the same narrative ultimately could come from
North Korea." When does such a narrative reassure? Two models, both *reconstructions*.

1. **A binary signalling game** (after Kydd 2005 and Crawford and Sobel 1982). North
   Korea is benign with prior ``pi`` or aggressive; it says "we threaten no one" or
   stays silent; the United States (with South Korea) engages or contains. Engaging
   gains ``g`` (numeraire 1) against a benign North Korea and loses ``L`` against an
   aggressive one; both types gain from engagement (``u_B``, ``u_A > 0``). Said for
   free, the narrative is cheap talk, and because *both* types want engagement whatever
   they are, no equilibrium makes it informative (:func:`narrative_is_babbling`, every
   PBE of :func:`narrative_game` found by :func:`gametheory.pbe`): the United States
   engages iff ``pi >= L / (g + L)`` (:func:`engagement_threshold`), as if nothing had
   been said. Backed by restraint that costs the benign type ``k_B`` and the aggressive
   type ``k_A`` (a test moratorium, a dismantled site), the narrative separates iff
   ``k_B <= u_B`` and ``k_A >= u_A`` (:func:`separation_condition`, checked against
   :func:`gametheory.pbe`).
2. **Crawford and Sobel's (1982) uniform-quadratic game**: the state ``theta ~ U[0, 1]``
   is how much North Korea's programme threatens; the United States wants to respond
   with ``theta``, North Korea with ``theta + b``. Informative talk has at most
   ``N(b) = ceil(-1/2 + sqrt(1 + 2/b) / 2)`` intervals (:func:`max_partition_size`),
   so it carries information only if ``b < 1/4``; the boundaries of an ``N``-interval
   equilibrium are ``a_i = i/N + 2 b i (i - N)`` (:func:`partition_boundaries`), checked
   against the indifference conditions.

Every parameter is an ASSUMPTION; :data:`NARRATIVE` gathers their ranges for
:mod:`gametheory.analysis.sensitivity`.

Examples
--------
>>> from gametheory.models import cheap_talk as ct
>>> ct.narrative_is_babbling()
True
>>> ct.max_partition_size("1/10"), ct.max_partition_size("1/3")
(2, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.sensitivity import vectorised
from ..errors import ParameterError
from ..games.signalling import SignallingGame
from ..solve.pbe import PBESolution, pbe
from ..symbolic import exact, parameter, parameter_info
from .calibration import Calibration

__all__ = [
    "PRIOR_BENIGN", "ENGAGE_LOSS", "GAIN_BENIGN", "GAIN_AGGRESSIVE", "COST_BENIGN",
    "COST_AGGRESSIVE", "BIAS", "RESTRAINTS", "NARRATIVE",
    "narrative_game", "narrative_is_babbling", "engagement_threshold", "separation_condition",
    "narrative_separates", "restraint_verdicts", "max_partition_size", "partition_boundaries",
    "costly_narrative_separates", "costly_narrative_margin",
]

_ASSUMED = "ASSUMPTION; varied over the range"
PRIOR_BENIGN = parameter(
    "ct_prior_benign", "probability", unit="probability",
    description="the United States' prior that North Korea is benign (pi)",
    default="3/10", plausible_range=("1/10", "7/10"), source=_ASSUMED)
ENGAGE_LOSS = parameter(
    "ct_engage_loss", "positive", unit="multiples of the gain from engaging a benign state",
    description="the United States' loss from engaging an aggressive North Korea (L)",
    default=2, plausible_range=(1, 5), source=_ASSUMED)
GAIN_BENIGN = parameter(
    "ct_gain_benign", "positive", unit="as L", description="a benign North Korea's gain "
    "from engagement (u_B)", default=1, plausible_range=("1/2", 2), source=_ASSUMED)
GAIN_AGGRESSIVE = parameter(
    "ct_gain_aggressive", "positive", unit="as L", description="an aggressive North Korea's "
    "gain from engagement (u_A)", default=2, plausible_range=(1, 4), source=_ASSUMED)
COST_BENIGN = parameter(
    "ct_cost_benign", "nonnegative", unit="as L", description="what the restraint backing "
    "the narrative costs a benign North Korea (k_B)", default=1,
    plausible_range=(0, 2), source=_ASSUMED)
COST_AGGRESSIVE = parameter(
    "ct_cost_aggressive", "nonnegative", unit="as L", description="what the restraint "
    "backing the narrative costs an aggressive North Korea (k_A)", default=4,
    plausible_range=(1, 6), source=_ASSUMED)
BIAS = parameter(
    "ct_bias", "positive", unit="share of the state space",
    description="North Korea's bias in Crawford and Sobel's game: it wants the response "
    "theta + b when the United States wants theta", default="1/3",
    plausible_range=("1/20", "1/2"), source=_ASSUMED)

RESTRAINTS: Mapping[str, tuple[sp.Expr, sp.Expr]] = {
    "the statement alone": (sp.Integer(0), sp.Integer(0)),
    "a test moratorium": (sp.Rational(1, 2), sp.Rational(3, 2)),
    "Yongbyon dismantled": (sp.Rational(3, 4), sp.Integer(4)),
}
"""What backs the narrative: ``(k_B, k_A)``, costs to the benign and the aggressive type
(ASSUMPTIONS, in the units of ``L``). A moratorium is cheap to break for an aggressive
state; dismantling a site is not."""

_SYMBOLS = (PRIOR_BENIGN, ENGAGE_LOSS, GAIN_BENIGN, GAIN_AGGRESSIVE, COST_BENIGN,
            COST_AGGRESSIVE, BIAS)
NARRATIVE = Calibration(
    name="NARRATIVE",
    description="the 'we threaten no one' models (argument 11): all ASSUMPTIONS at their "
    "declared defaults and ranges",
    values={s: parameter_info(s).default for s in _SYMBOLS},
    ranges={s: parameter_info(s).plausible_range or (parameter_info(s).default,) * 2
            for s in _SYMBOLS},
)

SAY, SILENT = "we threaten no one", "silence"


def narrative_game(
    cost_benign: Any = 0, cost_aggressive: Any = 0, prior: Any = PRIOR_BENIGN,
    engage_loss: Any = ENGAGE_LOSS, gain_benign: Any = GAIN_BENIGN,
    gain_aggressive: Any = GAIN_AGGRESSIVE,
) -> SignallingGame:
    """The narrative as a signal: costless (cheap talk) by default, or backed by restraint."""
    pi, loss, ub, ua = (exact(v) for v in (prior, engage_loss, gain_benign, gain_aggressive))
    kb, ka = exact(cost_benign), exact(cost_aggressive)
    gain = {"benign": ub, "aggressive": ua}

    def payoffs(t: str, m: str, r: str) -> tuple[sp.Expr, sp.Expr]:
        if r == "contain":
            return sp.Integer(0), sp.Integer(0)
        return gain[t], sp.Integer(1) if t == "benign" else -loss

    return SignallingGame(
        ["benign", "aggressive"], {"benign": pi, "aggressive": 1 - pi}, [SAY, SILENT],
        ["engage", "contain"], payoffs,
        costs={("benign", SAY): kb, ("aggressive", SAY): ka, ("benign", SILENT): sp.Integer(0),
               ("aggressive", SILENT): sp.Integer(0)},
        sender="North Korea", receiver="United States", title="'we threaten no one'")


def _solve(game: SignallingGame) -> PBESolution:
    sol = pbe(game)
    if not isinstance(sol, PBESolution):
        raise ParameterError("give numbers for every parameter (or leave the defaults)")
    return sol


def _defaults(**values: Any) -> dict[str, Any]:
    out = {"prior": parameter_info(PRIOR_BENIGN).default,
           "engage_loss": parameter_info(ENGAGE_LOSS).default,
           "gain_benign": parameter_info(GAIN_BENIGN).default,
           "gain_aggressive": parameter_info(GAIN_AGGRESSIVE).default}
    out.update(values)
    return out


def narrative_is_babbling(**values: Any) -> bool:
    """Whether every PBE of the cheap-talk game leaves the United States' response on the
    path independent of the type (the narrative carries no information)."""
    sol = _solve(narrative_game(0, 0, **_defaults(**values)))
    return all(e.receiver[e.sender["benign"]] == e.receiver[e.sender["aggressive"]]
               for e in sol)


def engagement_threshold(engage_loss: Any = ENGAGE_LOSS) -> sp.Expr:
    """Least prior at which the United States engages without information: ``L / (1 + L)``,
    derived with sympy from ``pi * 1 - (1 - pi) L = 0``."""
    pi = sp.Symbol("pi")
    (root,) = sp.solve(sp.Eq(pi - (1 - pi) * exact(engage_loss), 0), pi)
    return sp.simplify(root)


def separation_condition() -> sp.Basic:
    """The condition under which the backed narrative separates.

    Benign says it, aggressive stays silent, the United States engages only on it, iff
    ``k_B <= u_B`` and ``k_A >= u_A``."""
    return sp.And(COST_BENIGN <= GAIN_BENIGN, COST_AGGRESSIVE >= GAIN_AGGRESSIVE)


def narrative_separates(cost_benign: Any, cost_aggressive: Any, **values: Any) -> bool:
    """Whether :func:`gametheory.pbe` finds the separating equilibrium of the backed game."""
    sol = _solve(narrative_game(cost_benign, cost_aggressive, **_defaults(**values)))
    return any(e.sender == {"benign": SAY, "aggressive": SILENT} and e.receiver[SAY] == "engage"
               and e.receiver[SILENT] == "contain" for e in sol)


def restraint_verdicts(**values: Any) -> dict[str, bool]:
    """For each restraint of :data:`RESTRAINTS`, whether the narrative it backs separates."""
    return {name: narrative_separates(kb, ka, **values) for name, (kb, ka) in RESTRAINTS.items()}


def max_partition_size(bias: Any = BIAS) -> int:
    """Most intervals of an equilibrium of the uniform-quadratic Crawford-Sobel game:
    ``ceil(-1/2 + sqrt(1 + 2/b) / 2)`` (Crawford and Sobel 1982, section 4)."""
    b = exact(bias, where="bias")
    if not b.is_number or b <= 0:
        raise ParameterError(f"max_partition_size needs a positive number, got {b}")
    return int(sp.ceiling(-sp.Rational(1, 2) + sp.sqrt(1 + 2 / b) / 2))


def partition_boundaries(n: int, bias: Any) -> list[sp.Expr]:
    """Boundaries ``a_i`` (increasing from ``a_0 = 0`` to ``a_n = 1``) of the ``n``-interval equilibrium:
    ``a_i = i/n + 2 b i (i - n)``. Raises if ``n`` exceeds :func:`max_partition_size`."""
    b = exact(bias)
    if not isinstance(n, int) or n < 1:
        raise ParameterError(f"the number of intervals must be a positive integer, got {n!r}")
    bounds = [sp.Rational(i, n) + 2 * b * i * (i - n) for i in range(n + 1)]
    if any(x >= y for x, y in zip(bounds, bounds[1:], strict=False)):
        raise ParameterError(f"no equilibrium with {n} intervals at bias {b}: at most "
                             f"{max_partition_size(b)}")
    return bounds


# ------------------------------------------------------------- verdicts for sensitivity
@vectorised
def costly_narrative_margin(values: Mapping[str, Any]) -> Any:
    """``min(u_B - k_B, k_A - u_A)`` (vectorised): non-negative iff the backed narrative
    separates."""
    return np.minimum(np.asarray(values["ct_gain_benign"], float) - values["ct_cost_benign"],
                      np.asarray(values["ct_cost_aggressive"], float) - values["ct_gain_aggressive"])


@vectorised
def costly_narrative_separates(values: Mapping[str, Any]) -> Any:
    """Verdict (vectorised): restraint backing the narrative separates the types."""
    return costly_narrative_margin(values) >= 0


