"""Programme maturity drives the Libya-North Korea gap (argument 03; Bas and Coe 2016, 2018).

*Reconstruction* (not the authors' equations). A state with a weapons programme of
maturity ``m`` (0: nothing; 1: a deliverable arsenal) moves first: it gives the
programme up (``"disarm"``) or keeps it (``"keep"``). After disarmament the US lifts
sanctions (``"lift"``) or reneges (``"renege"``). Two quantities the older model took as
free numbers are derived from ``m``:

* **the cost of disarming** ``C(m) = K + m q X``: the cost ``K`` of dismantling plus the
  deterrence given up. A kept programme of maturity ``m`` deters a fraction ``m`` of the
  attacks a disarmed state fears (``q`` the belief that a disarmed state is attacked, ``X``
  the regime's loss), so the keep branch carries the risk ``(1 - m) q`` and the disarm
  branch ``q``: an early programme protects little and costs little to give up;
* **the US gain from reneging** ``T(m) = m D sigma d / (1 - d)``: giving up the programme
  shifts a share ``m D`` of the yearly stake ``sigma`` ($bn) to the US (``D`` the shift a
  complete arsenal carries, the power shift of Fearon 1995 and Powell 2006); once the
  shift has happened the US can keep that share in every later period, worth
  ``m D sigma d / (1 - d)`` at the common discount factor ``d``.

:func:`maturity_tree` states this as an :class:`~gametheory.ExtensiveFormGame` with chance
nodes for the attack; :func:`deal_region` reads the region where every SPE has the state
disarm and the US lift off ``gt.spe`` of the symbolic tree:
``a > T(m)`` and ``R - K - m q X > 0`` (the tests check this against the closed form).

:func:`decomposition` moves from the Libya 2003 primitives to the North Korea 2019 ones
one parameter at a time and records both margins after each change (the waterfall of
the paper), and which single change flips the verdict on its own. The 2011 intervention
raises ``q`` to the posterior ``q'`` (:func:`gametheory.models.libya.posterior_attack_belief`);
it enters only through ``m q X``, so its effect on the state's margin grows with maturity;
it changes the outcome only where the US would keep its word (:func:`belief_update_effect`,
:func:`update_flip_share`), which over the ranges is more often for Libya than for North Korea.

Examples
--------
>>> from gametheory.models.maturity import DPRK_2019_M, LIBYA_2003_M, disarm_first
>>> disarm_first(LIBYA_2003_M), disarm_first(DPRK_2019_M)
(True, False)
>>> margins(DPRK_2019_M)["us"] < 0 < margins(DPRK_2019_M)["dprk"]
True
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from ..analysis.sensitivity import (
    ShareEstimate,
    SobolResult,
    monte_carlo_share,
    sobol_indices,
    vectorised,
)
from ..errors import ParameterError
from ..games.extensive_form import Chance, Decision, ExtensiveFormGame, Terminal
from ..solve.backward_induction import spe
from ..solve.results import PiecewiseAnswer
from ..symbolic import exact
from .calibration import (
    ATTACK_LIKELIHOOD,
    ATTACK_LIKELIHOOD_ALT,
    ATTACK_RISK,
    DISARM_VALUE_US,
    DISMANTLE_COST,
    DPRK_2019,
    FULL_ARSENAL_SHIFT,
    LIBYA_2003,
    PATIENCE,
    PROGRAMME_MATURITY,
    REGIME_LOSS,
    RELIEF_VALUE,
    RENEGE_COST,
    YEARLY_STAKE,
    Calibration,
)

__all__ = [
    "FULL_ARSENAL_SHIFT",
    "YEARLY_STAKE",
    "PRIMITIVES",
    "LIBYA_2003_M",
    "DPRK_2019_M",
    "power_shift",
    "disarm_cost",
    "renege_gain",
    "maturity_tree",
    "deal_region",
    "margins",
    "disarm_first",
    "Step",
    "Decomposition",
    "decomposition",
    "one_at_a_time",
    "BeliefUpdateEffect",
    "belief_update_effect",
    "deal_share",
    "update_flip_share",
    "deal_sobol",
]

M, K, R, Q, X, A, D, SIGMA, DELTA, G = (
    PROGRAMME_MATURITY, DISMANTLE_COST, RELIEF_VALUE, ATTACK_RISK, REGIME_LOSS, RENEGE_COST,
    FULL_ARSENAL_SHIFT, YEARLY_STAKE, PATIENCE, DISARM_VALUE_US,
)
PRIMITIVES: tuple[sp.Symbol, ...] = (M, K, R, SIGMA, Q, X, A, D, DELTA)
"""The primitives of the verdict, in the waterfall's order (maturity first)."""


DPRK_2019_M = DPRK_2019
"""``DPRK_2019``, which holds the maturity model's primitives (kept as an alias)."""

LIBYA_2003_M = LIBYA_2003
"""``LIBYA_2003``, which holds the maturity model's primitives (kept as an alias)."""


# ------------------------------------------------------------------------- the mechanism
def power_shift(maturity: Any = M, full_shift: Any = D) -> sp.Expr:
    """Share of the stake that moves when a programme of this maturity is given up: ``m D``."""
    return exact(maturity) * exact(full_shift)


def disarm_cost(maturity: Any = M, dismantle: Any = K, belief: Any = Q, loss: Any = X) -> sp.Expr:
    """Cost of disarming relative to keeping the programme: ``K + m q X``."""
    return exact(dismantle) + exact(maturity) * exact(belief) * exact(loss)


def renege_gain(maturity: Any = M, full_shift: Any = D, stake: Any = SIGMA,
                discount: Any = DELTA) -> sp.Expr:
    """US gain from keeping the shifted share after disarmament: ``m D sigma d / (1 - d)``."""
    d = exact(discount)
    return power_shift(maturity, full_shift) * exact(stake) * d / (1 - d)


def maturity_tree() -> ExtensiveFormGame:
    """The disarm-first game with maturity-driven costs, symbolic in :data:`PRIMITIVES`.

    Payoffs ($bn of present value): keeping the programme gives the state ``0`` and a
    loss ``X`` with probability ``(1 - m) q``, the US ``0``. After disarmament the state
    pays ``K``, gets ``R`` if the US lifts, and loses ``X`` with probability ``q``; the US
    gets ``G`` for the disarmament and, if it reneges, ``T(m)`` minus its reputation cost ``a``.
    """
    def attack(risk: sp.Expr, dprk: sp.Expr, us: sp.Expr, label: str) -> Chance:
        return Chance({
            "attacked": (risk, Terminal([dprk - X, us], label=label + ", attacked")),
            "not attacked": (1 - risk, Terminal([dprk, us], label=label)),
        })

    lift = attack(Q, R - K, G, "disarmed, lifted")
    renege = attack(Q, -K, G + renege_gain() - A, "disarmed, reneged")
    keep = attack((1 - M) * Q, sp.Integer(0), sp.Integer(0), "kept")
    us = Decision("US", "us", {"lift": lift, "renege": renege})
    root = Decision("DPRK", "state", {"disarm": us, "keep": keep})
    return ExtensiveFormGame(root, players=["DPRK", "US"], title="disarm first, maturity m")


@functools.lru_cache(maxsize=1)
def _symbolic_spe() -> PiecewiseAnswer:
    answer = spe(maturity_tree())
    if not isinstance(answer, PiecewiseAnswer):  # pragma: no cover - the tree is symbolic
        raise ParameterError("the maturity tree should have free parameters")
    return answer


def deal_region() -> sp.Basic:
    """Where every SPE of :func:`maturity_tree` has the state disarm and the US lift.

    Read off the pieces of ``gt.spe`` (boundary pieces, ties, left out).
    """
    parts = [p.condition for p in _symbolic_spe().pieces
             if not p.boundary and {e.path[:2] for e in p.value.profiles()} == {("disarm", "lift")}]
    return sp.Or(*parts) if parts else sp.false


def _point(cal: Calibration | Mapping[Any, Any]) -> dict[sp.Symbol, sp.Expr]:
    if isinstance(cal, Calibration):
        return {s: cal[s] for s in PRIMITIVES}
    by_name = {(k if isinstance(k, str) else k.name): v for k, v in cal.items()}
    missing = [s.name for s in PRIMITIVES if s.name not in by_name]
    if missing:
        raise ParameterError(f"maturity model: no value for {missing}")
    return {s: exact(by_name[s.name], where=s.name) for s in PRIMITIVES}


def margins(cal: Calibration | Mapping[Any, Any]) -> dict[str, sp.Expr]:
    """Exact slacks of the two conditions at a point ($bn).

    ``"dprk"``: ``R - K - m q X`` (disarming beats keeping, if the US lifts);
    ``"us"``: ``a - T(m)`` (lifting beats reneging).
    """
    p = _point(cal)
    return {
        "dprk": p[R] - disarm_cost(p[M], p[K], p[Q], p[X]),
        "us": p[A] - renege_gain(p[M], p[D], p[SIGMA], p[DELTA]),
    }


def disarm_first(cal: Calibration | Mapping[Any, Any]) -> bool:
    """Whether disarming first (and the US lifting) is the SPE outcome: both margins > 0."""
    return all(v > 0 for v in margins(cal).values())


# ------------------------------------------------------------------------ decomposition
@dataclass(frozen=True)
class Step:
    """One change of the decomposition: a parameter moved from the start to the end value.

    ``dprk`` and ``us`` are the margins after the cumulative change; ``holds`` the verdict
    then; ``flips`` whether this change flipped it; ``alone`` the verdict with only this
    parameter changed from the start calibration.
    """

    parameter: str
    start: sp.Expr
    end: sp.Expr
    dprk: sp.Expr
    us: sp.Expr
    holds: bool
    flips: bool
    alone: bool


@dataclass(frozen=True)
class Decomposition:
    """From one calibration's primitives to another's, one parameter at a time.

    Attributes
    ----------
    start, end
        Names of the two calibrations.
    start_point
        The start calibration's primitives, by name.
    initial
        The two margins at the start.
    steps
        One :class:`Step` per parameter that differs, in the order applied.
    """

    start: str
    end: str
    start_point: Mapping[str, sp.Expr]
    initial: Mapping[str, sp.Expr]
    steps: tuple[Step, ...]
    exact: bool = True

    @property
    def start_holds(self) -> bool:
        """The verdict at the start calibration."""
        return disarm_first(self.start_point)

    @property
    def flipping(self) -> tuple[str, ...]:
        """Parameters whose cumulative change flips the verdict."""
        return tuple(s.parameter for s in self.steps if s.flips)

    @property
    def flipping_alone(self) -> tuple[str, ...]:
        """Parameters that flip the start calibration's verdict on their own."""
        return tuple(s.parameter for s in self.steps if s.alone != self.start_holds)

    def table(self) -> list[dict[str, Any]]:
        """One row per change (for the paper)."""
        return [{"parameter": s.parameter, "from": s.start, "to": s.end, "dprk margin": s.dprk,
                 "us margin": s.us, "holds": s.holds, "flips": s.flips,
                 "flips alone": s.alone != self.start_holds}
                for s in self.steps]

    def to_json_dict(self) -> dict[str, Any]:
        """JSON form, exact numbers as strings."""
        return {"start": self.start, "end": self.end, "exact": self.exact,
                "start_point": {k: str(v) for k, v in self.start_point.items()},
                "initial": {k: str(v) for k, v in self.initial.items()},
                "steps": [{"parameter": s.parameter, "start": str(s.start), "end": str(s.end),
                           "dprk": str(s.dprk), "us": str(s.us), "holds": s.holds,
                           "flips": s.flips, "alone": s.alone} for s in self.steps]}

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> Decomposition:
        """Inverse of :meth:`to_json_dict` (exact numbers read back as rationals)."""
        steps = tuple(Step(d["parameter"], sp.Rational(d["start"]), sp.Rational(d["end"]),
                           sp.Rational(d["dprk"]), sp.Rational(d["us"]), d["holds"], d["flips"],
                           d["alone"]) for d in data["steps"])
        return cls(data["start"], data["end"],
                   {k: sp.Rational(v) for k, v in data["start_point"].items()},
                   {k: sp.Rational(v) for k, v in data["initial"].items()}, steps, data["exact"])


def decomposition(start: Calibration = LIBYA_2003_M, end: Calibration = DPRK_2019_M,
                  order: Sequence[sp.Symbol | str] | None = None,
                  extra: Mapping[str, Any] | None = None) -> Decomposition:
    """Move from ``start``'s primitives to ``end``'s one parameter at a time.

    Parameters
    ----------
    start, end
        Calibrations holding every primitive.
    order
        Order of the changes (default :data:`PRIMITIVES`); parameters equal in both are
        skipped.
    extra
        Further changes applied last, by name (for example the 2011 posterior of the
        attack belief, ``{"attack_risk": q'}``).

    Examples
    --------
    >>> d = decomposition()
    >>> d.flipping[0]
    'programme_maturity'
    """
    a, b = _point(start), _point(end)
    names = [s if isinstance(s, str) else s.name for s in (order or PRIMITIVES)]
    by_name = {s.name: s for s in PRIMITIVES}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ParameterError(f"decomposition: unknown primitive(s) {unknown}")
    current = {s.name: v for s, v in a.items()}
    start_point = dict(current)
    changes = [(n, a[by_name[n]], b[by_name[n]]) for n in names if a[by_name[n]] != b[by_name[n]]]
    changes += [(n, b[by_name[n]], exact(v, where=n)) for n, v in (extra or {}).items()]
    steps = []
    before = disarm_first(current)
    for name, lo, hi in changes:
        current[name] = hi
        mg = margins(current)
        now = disarm_first(current)
        steps.append(Step(name, lo, hi, mg["dprk"], mg["us"], now, now != before,
                          disarm_first(start_point | {name: hi})))
        before = now
    return Decomposition(start.name, end.name, start_point, margins(start_point), tuple(steps))


def one_at_a_time(base: Calibration, other: Calibration) -> dict[str, bool]:
    """The verdict at ``base`` with each primitive alone set to ``other``'s value."""
    a, b = _point(base), _point(other)
    out = {}
    for s in PRIMITIVES:
        if a[s] != b[s]:
            out[s.name] = disarm_first({k.name: v for k, v in a.items()} | {s.name: b[s]})
    return out


# ------------------------------------------------------------------ the 2011 belief update
@dataclass(frozen=True)
class BeliefUpdateEffect:
    """What the 2011 update of the attack belief does in the maturity model.

    Attributes
    ----------
    prior, posterior
        The belief ``q`` before 2011 and ``q'`` after (Bayes' rule).
    us_keeps_word
        ``a > T(m)``: only then does the state's margin decide.
    before, after
        Whether disarming first is the SPE outcome at ``q`` and at ``q'``.
    maturity_threshold
        The maturity above which the posterior makes disarming unattractive,
        ``(R - K) / (q' X)`` (can exceed 1: then no maturity does).
    margin_change
        Change of the state's margin, ``- m (q' - q) X``.
    """

    calibration: str
    prior: sp.Expr
    posterior: sp.Expr
    us_keeps_word: bool
    before: bool
    after: bool
    maturity_threshold: sp.Expr
    margin_change: sp.Expr

    def to_json_dict(self) -> dict[str, Any]:
        """JSON form, exact numbers as strings."""
        return {k: (str(v) if isinstance(v, sp.Basic) else v) for k, v in vars(self).items()}

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> BeliefUpdateEffect:
        """Inverse of :meth:`to_json_dict`."""
        exact_fields = ("prior", "posterior", "maturity_threshold", "margin_change")
        return cls(**{k: (sp.Rational(v) if k in exact_fields else v) for k, v in data.items()})


def belief_update_effect(cal: Calibration) -> BeliefUpdateEffect:
    """The 2011 update at a calibration (see :class:`BeliefUpdateEffect`)."""
    from .libya import posterior_attack_belief

    p = _point(cal)
    post = posterior_attack_belief(p[Q], cal[ATTACK_LIKELIHOOD], cal[ATTACK_LIKELIHOOD_ALT])
    after = {s.name: v for s, v in p.items()} | {Q.name: post}
    return BeliefUpdateEffect(
        calibration=cal.name, prior=p[Q], posterior=post,
        us_keeps_word=bool(margins(cal)["us"] > 0),
        before=disarm_first(cal), after=disarm_first(after),
        maturity_threshold=(p[R] - p[K]) / (post * p[X]),
        margin_change=-p[M] * (post - p[Q]) * p[X],
    )


# ------------------------------------------------------------------------- sensitivity
def _arrays(v: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(np.asarray(v[s.name], dtype=float) for s in PRIMITIVES)


@vectorised
def _verdict(v: Mapping[str, Any]) -> np.ndarray:
    m, k, r, sigma, q, x, a, d, delta = _arrays(v)
    return (r - k - m * q * x > 0) & (a - m * d * sigma * delta / (1 - delta) > 0)


@vectorised
def _min_margin(v: Mapping[str, Any]) -> np.ndarray:
    m, k, r, sigma, q, x, a, d, delta = _arrays(v)
    return np.minimum(r - k - m * q * x, a - m * d * sigma * delta / (1 - delta))


@vectorised
def _update_flips(v: Mapping[str, Any]) -> np.ndarray:
    m, k, r, sigma, q, x, a, d, delta = _arrays(v)
    lik = np.asarray(v[ATTACK_LIKELIHOOD.name], dtype=float)
    alt = np.asarray(v[ATTACK_LIKELIHOOD_ALT.name], dtype=float)
    post = q * lik / (q * lik + (1 - q) * alt)
    us = a - m * d * sigma * delta / (1 - delta) > 0
    return us & (r - k - m * q * x > 0) & ~(r - k - m * post * x > 0)


def _drawn(cal: Calibration, extra: Sequence[sp.Symbol] = ()) -> list[str]:
    return [s.name for s in (*PRIMITIVES, *extra) if s.name in cal.assumptions]


def deal_share(cal: Calibration, draws: int = 4000, seed: int = 0,
               backend: str = "numpy") -> ShareEstimate:
    """Monte Carlo share of the calibration's ranges where disarming first is the SPE."""
    return monte_carlo_share(_verdict, cal, _drawn(cal), draws=draws, seed=seed, backend=backend)


def update_flip_share(cal: Calibration, draws: int = 4000, seed: int = 0) -> ShareEstimate:
    """Share of the ranges where the 2011 update turns a deal that held into one that fails."""
    return monte_carlo_share(_update_flips, cal,
                             _drawn(cal, (ATTACK_LIKELIHOOD, ATTACK_LIKELIHOOD_ALT)),
                             draws=draws, seed=seed)


@vectorised
def _dprk_margin(v: Mapping[str, Any]) -> np.ndarray:
    m, k, r, sigma, q, x, a, d, delta = _arrays(v)
    return r - k - m * q * x


@vectorised
def _us_margin(v: Mapping[str, Any]) -> np.ndarray:
    m, k, r, sigma, q, x, a, d, delta = _arrays(v)
    return a - m * d * sigma * delta / (1 - delta)


_MARGINS = {"min": _min_margin, "dprk": _dprk_margin, "us": _us_margin}


def deal_sobol(cal: Calibration, margin: str = "min", n: int = 1024, seed: int = 0) -> SobolResult:
    """Sobol' indices of a margin ($bn) over the calibration's ranges.

    ``margin`` is ``"dprk"`` (``R - K - m q X``), ``"us"`` (``a - T(m)``) or ``"min"``
    (the smaller of the two, positive exactly where the deal holds).
    """
    if margin not in _MARGINS:
        raise ParameterError(f"deal_sobol: margin must be one of {sorted(_MARGINS)}, got {margin!r}")
    output = _MARGINS[margin]
    names = [n_ for n_ in _drawn(cal)
             if margin == "min" or n_ in {s.name for s in _USES[margin]}]
    return sobol_indices(output, cal, names, n=n, seed=seed)


_USES = {"dprk": (M, K, R, Q, X), "us": (M, SIGMA, A, D, DELTA)}
