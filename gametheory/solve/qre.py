"""Logit quantal response equilibria, traced over lambda from the centroid.

In a logit QRE (McKelvey and Palfrey 1995, *Games and Economic Behavior* 10: 6-38)
each player chooses action ``a`` with probability proportional to
``exp(lambda * U(a))``, ``U`` being its expected payoff against the others' choice
probabilities. In a tree, the *agent* QRE (McKelvey and Palfrey 1998, *Experimental
Economics* 1: 9-41) lets each information set choose so, with ``U`` the expected
payoff of an action conditional on reaching the set (beliefs by Bayes' rule, well
defined because every logit profile reaches every set). At ``lambda = 0`` play is
uniform; as ``lambda`` grows the principal branch leads to a Nash equilibrium.

The branch is traced as Gambit's ``logit_solve`` does (Turocy 2005, *Games and
Economic Behavior* 51: 243-263): in log-probabilities, by predictor-corrector
continuation in arclength (tangent from the null space of the Jacobian, Newton
corrector with its pseudo-inverse), so that turning points in lambda are passed.
All of it is floating point: results say ``exact=False``.

Examples
--------
>>> import numpy as np
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_arrays(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
>>> q = gt.logit_qre(pd, 1.0)
>>> round(float(q.profile["Row"]["s2"]), 6)
0.773249
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import NotApplicableError, SolverError, ValidationError
from ..games.extensive_form import ExtensiveFormGame
from ..games.normal_form import NormalFormGame
from .results import Result

__all__ = ["LogitQRE", "LogitQREPath", "logit_qre", "logit_qre_path"]


class AgentForm:
    """A game as a list of agents (players of a normal form, information sets of a
    tree), each with its actions, and the expected payoff of every action of every
    agent at a profile of choice probabilities."""

    def __init__(self, game: NormalFormGame | ExtensiveFormGame) -> None:
        if isinstance(game, NormalFormGame):
            if game.parameters:
                raise ValidationError("logit QRE needs numbers; use game.subs({...}) first")
            self.kind = "normal"
            self.payoffs = np.asarray(game.float_payoffs(), dtype=float)
            self.owners = list(game.players)
            self.labels = list(game.players)
            self.actions = [tuple(s) for s in game.strategies]
        elif isinstance(game, ExtensiveFormGame):
            outs, probs = game.numeric_tables()
            self.kind = "tree"
            self.tree = game
            n = game.n_players
            self.outcome = [np.zeros(n) if o is None else np.array([float(v) for v in o]) for o in outs]
            self.chance = [np.array([float(p) for p in ps]) for ps in probs]
            sets = [h for h in game.infosets.values() if h.player is not None]
            self.owners = [h.player for h in sets]  # type: ignore[misc]
            self.labels = [h.label for h in sets]
            self.actions = [h.actions for h in sets]
            self.agent_of = {h.label: k for k, h in enumerate(sets)}
            self.owner_index = [game.players.index(h.player) for h in sets]  # type: ignore[arg-type]
            self._edge_tables(game)
        else:
            raise NotApplicableError(f"logit QRE takes a NormalFormGame or an ExtensiveFormGame, not {type(game).__name__}")
        self.sizes = [len(a) for a in self.actions]
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)]).astype(int)

    def _edge_tables(self, game: ExtensiveFormGame) -> None:
        sizes = [len(a) for a in self.actions]
        offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
        depth = [0] * len(game.kind)
        parent, child, action, chance, is_chance, owner = [], [], [], [], [], []
        for i, kind in enumerate(game.kind):
            for k, c in enumerate(game.children[i]):
                depth[c] = depth[i] + 1
                parent.append(i)
                child.append(c)
                if kind == "chance":
                    is_chance.append(True)
                    chance.append(float(self.chance[i][k]))
                    action.append(0)
                    owner.append(0)
                else:
                    agent = self.agent_of[game.infoset[i] or ""]
                    is_chance.append(False)
                    chance.append(0.0)
                    action.append(int(offsets[agent]) + k)
                    owner.append(self.owner_index[agent])
        self.n_nodes = len(game.kind)
        self.edge_parent, self.edge_child = np.array(parent, dtype=int), np.array(child, dtype=int)
        self.edge_action, self.edge_owner = np.array(action, dtype=int), np.array(owner, dtype=int)
        self.edge_chance, self.edge_is_chance = np.array(chance), np.array(is_chance, dtype=bool)
        edge_depth = np.array([depth[c] for c in child], dtype=int)
        self.levels = [np.flatnonzero(edge_depth == d) for d in range(1, int(edge_depth.max(initial=0)) + 1)]
        self.node_outcome = np.array([o for o in self.outcome])
        members = [(k, m) for k, lab in enumerate(self.labels) for m in game.infosets[lab].members]
        self.member_agent = np.array([k for k, _ in members], dtype=int)
        self.member_node = np.array([m for _, m in members], dtype=int)
        self.action_agent = np.repeat(np.arange(len(sizes)), sizes)

    def split(self, flat: np.ndarray) -> list[np.ndarray]:
        return [flat[self.offsets[k]:self.offsets[k + 1]] for k in range(len(self.sizes))]

    def values(self, pi: list[np.ndarray]) -> list[np.ndarray]:
        """Each agent's expected payoff of each action (conditional on reaching it)."""
        if self.kind == "normal":
            out = []
            n = len(pi)
            for i in range(n):
                u = self.payoffs[i]
                for j in range(n - 1, -1, -1):
                    if j != i:
                        u = np.tensordot(u, pi[j], axes=([j], [0]))
                out.append(u)
            return out
        # Edge arrays by depth: reach flows down level by level, values up.
        flat = np.concatenate(pi)
        prob = np.where(self.edge_is_chance, self.edge_chance, flat[self.edge_action])
        reach = np.zeros(self.n_nodes)
        reach[0] = 1.0
        for level in self.levels:
            reach[self.edge_child[level]] = reach[self.edge_parent[level]] * prob[level]
        value = self.node_outcome.copy()
        for level in reversed(self.levels):
            np.add.at(value, self.edge_parent[level], prob[level][:, None] * value[self.edge_child[level]])
        dec = ~self.edge_is_chance
        contrib = np.zeros(len(flat))
        np.add.at(contrib, self.edge_action[dec],
                  reach[self.edge_parent[dec]] * value[self.edge_child[dec], self.edge_owner[dec]])
        mass = np.zeros(len(self.sizes))
        np.add.at(mass, self.member_agent, reach[self.member_node])
        per_action = mass[self.action_agent]
        u_flat = np.where(per_action > 0, contrib / np.where(per_action > 0, per_action, 1.0), contrib)
        return self.split(u_flat)

    def residual(self, y: np.ndarray) -> np.ndarray:
        """``v - (lambda U - logsumexp(lambda U))`` per agent; zero at a logit QRE.
        ``y`` is the log-probabilities followed by lambda."""
        v, lam = y[:-1], y[-1]
        pi = [np.exp(part) for part in self.split(v)]
        out = []
        for part, u in zip(self.split(v), self.values(pi)):
            z = lam * u
            zmax = z.max()
            out.append(part - (z - zmax - np.log(np.exp(z - zmax).sum())))
        return np.concatenate(out)

    def jacobian(self, y: np.ndarray, step: float = 1e-7) -> np.ndarray:
        """d residual / d (log-probabilities, lambda): exact for a normal form; by
        forward differences for a tree (an approximate Jacobian only slows Newton
        down, the residual it drives to zero is exact)."""
        if self.kind == "normal":
            return self._normal_jacobian(y)
        n = len(y)
        J = np.empty((n - 1, n))
        base = self.residual(y)
        for k in range(n):
            e = np.zeros(n)
            e[k] = step
            J[:, k] = (self.residual(y + e) - base) / step
        return J

    def _normal_jacobian(self, y: np.ndarray) -> np.ndarray:
        v, lam = y[:-1], y[-1]
        pi = [np.exp(part) for part in self.split(v)]
        values = self.values(pi)
        n_pl = len(pi)
        size = len(v)
        J = np.zeros((size, size + 1))
        J[:, :size] = np.eye(size)
        for i in range(n_pl):
            rows = slice(self.offsets[i], self.offsets[i + 1])
            z = lam * values[i]
            sig = np.exp(z - z.max())
            sig /= sig.sum()
            J[rows, -1] = -(values[i] - sig @ values[i])
            for j in range(n_pl):
                if j == i:
                    continue
                u = self.payoffs[i]
                for k in range(n_pl - 1, -1, -1):
                    if k not in (i, j):
                        u = np.tensordot(u, pi[k], axes=([k], [0]))
                d = u if i < j else u.T  # dU_i(a) / dpi_j(c), rows a
                d = d * pi[j][None, :]  # chain rule to log-probabilities
                J[rows, self.offsets[j]:self.offsets[j + 1]] = -lam * (d - sig @ d)
        return J

    def profile(self, v: np.ndarray) -> dict[str, dict[str, float]]:
        return {lab: dict(zip(acts, np.exp(part).tolist()))
                for lab, acts, part in zip(self.labels, self.actions, self.split(v))}


@dataclass(frozen=True)
class LogitQRE(Result):
    """A logit QRE at one lambda: ``profile`` maps each agent (a player of a normal
    form, an information set of a tree) to its choice probabilities."""

    lam: float
    profile: Mapping[str, Mapping[str, float]]
    method: str
    exact: bool = False
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {"lam": self.lam, "profile": {k: dict(v) for k, v in self.profile.items()},
                "method": self.method, "exact": self.exact, "warnings": list(self.warnings)}


@dataclass(frozen=True)
class LogitQREPath(Result):
    """The principal branch of the logit QRE correspondence, from lambda = 0.

    Attributes
    ----------
    lambdas
        The lambda of each traced point (increasing except past turning points).
    profiles
        Per point, the choice probabilities (one flat array in agent order).
    agents, actions
        The agents' labels and each agent's action labels.
    """

    lambdas: tuple[float, ...]
    profiles: tuple[np.ndarray, ...]
    agents: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    method: str
    exact: bool = False
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lambdas)

    def profile(self, k: int) -> dict[str, dict[str, float]]:
        """The ``k``-th traced point as agent -> action -> probability."""
        flat = self.profiles[k]
        out, pos = {}, 0
        for lab, acts in zip(self.agents, self.actions):
            out[lab] = dict(zip(acts, flat[pos:pos + len(acts)].tolist()))
            pos += len(acts)
        return out

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {"lambdas": list(self.lambdas), "profiles": [p.tolist() for p in self.profiles],
                "agents": list(self.agents), "actions": [list(a) for a in self.actions],
                "method": self.method, "exact": self.exact, "warnings": list(self.warnings)}


def _tangent(J: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    q, _ = np.linalg.qr(J.T, mode="complete")
    t = q[:, -1]
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if t @ previous > 0 else -t


def _trace(form: AgentForm, lam_end: float, tol: float, first_step: float, max_accel: float,
           max_steps: int) -> tuple[list[np.ndarray], list[str]]:
    v0 = np.concatenate([np.full(s, -np.log(s)) for s in form.sizes])
    y = np.concatenate([v0, [0.0]])
    points = [y]
    J = form.jacobian(y)
    t = _tangent(J, None)
    h = first_step
    warnings: list[str] = []
    for _ in range(max_steps):
        if y[-1] >= lam_end:
            break
        ok = False
        # Chord corrector: the Jacobian of the last accepted point, inverted once per
        # step; the residual it drives to zero is exact, so only the speed depends on it.
        pinv = np.linalg.pinv(J)
        while h > 1e-10:
            z = y + h * t
            previous = np.inf
            for _it in range(40):
                delta = -pinv @ form.residual(z)
                size = float(np.linalg.norm(delta))
                if size > 0.5 * previous or (_it == 0 and size > 0.5 * h + tol):
                    break  # not contracting, or the predictor strayed: shorter step
                previous = size
                z = z + delta
                if size < tol:
                    ok = True
                    break
            if ok:
                break
            h /= 2
        if not ok:
            raise SolverError(f"the logit path could not be continued past lambda = {y[-1]:.6g}")
        J = form.jacobian(z)
        t = _tangent(J, t)
        y = z
        points.append(y)
        h = min(h * max_accel, 1.0 + abs(y[-1]))
    else:
        warnings.append(f"stopped after max_steps={max_steps} at lambda {y[-1]:.6g} < {lam_end}")
    if points[-1][-1] > lam_end and len(points) > 1:
        # Land on lambda = lam_end exactly: interpolate, then Newton at fixed lambda.
        a, b = points[-2], points[-1]
        w = (lam_end - a[-1]) / (b[-1] - a[-1])
        v = a[:-1] + w * (b[:-1] - a[:-1])
        for _it in range(50):
            y_fix = np.concatenate([v, [lam_end]])
            J = form.jacobian(y_fix)[:, :-1]
            delta = np.linalg.solve(J, -form.residual(y_fix))
            v = v + delta
            if np.linalg.norm(delta) < tol:
                break
        else:
            raise SolverError(f"Newton at lambda = {lam_end} did not converge")
        points[-1] = np.concatenate([v, [lam_end]])
    return points, warnings


def logit_qre_path(
    game: NormalFormGame | ExtensiveFormGame,
    lam_max: float = 100.0,
    tol: float = 1e-10,
    first_step: float = 0.03,
    max_accel: float = 1.1,
    max_steps: int = 10_000,
) -> LogitQREPath:
    """Trace the principal branch of the logit QRE from lambda = 0 to ``lam_max``.

    Parameters
    ----------
    game
        A numeric normal-form game (any number of players) or tree (agent QRE).
    lam_max
        Where to stop; the last point is at exactly this lambda.
    tol
        Newton's stopping size on the log-probabilities (Gambit's default is 1e-8 in regret).
    first_step, max_accel
        The first arclength step, and the most a step may grow by from one to the next
        (Gambit's defaults).
    max_steps
        A bound on the number of points (a warning says if it stopped the trace).

    Returns
    -------
    LogitQREPath

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_arrays(np.array([[1, -1], [-1, 1]]), np.array([[-1, 1], [1, -1]]))
    >>> path = gt.logit_qre_path(mp, lam_max=5)
    >>> path.lambdas[0], path.lambdas[-1], [round(p, 9) for p in path.profile(-1)["Row"].values()]
    (0.0, 5.0, [0.5, 0.5])
    """
    if not lam_max > 0:
        raise ValidationError(f"lam_max must be positive, got {lam_max}")
    form = AgentForm(game)
    points, warnings = _trace(form, lam_max, tol, first_step, max_accel, max_steps)
    return LogitQREPath(
        lambdas=tuple(float(p[-1]) for p in points),
        profiles=tuple(np.exp(p[:-1]) for p in points),
        agents=tuple(form.labels),
        actions=tuple(tuple(a) for a in form.actions),
        method="logit path (arclength predictor-corrector)" + (" agent QRE" if form.kind == "tree" else ""),
        warnings=tuple(warnings),
    )


def logit_qre(game: NormalFormGame | ExtensiveFormGame, lam: float, tol: float = 1e-10) -> LogitQRE:
    """The logit QRE at ``lam`` on the principal branch (the first crossing of ``lam``).

    Parameters
    ----------
    game
        A numeric normal-form game or tree.
    lam
        The precision (``lam = 0``: uniform play).
    tol
        Newton's stopping size.

    Returns
    -------
    LogitQRE
    """
    if lam < 0:
        raise ValidationError(f"lambda must be nonnegative, got {lam}")
    form = AgentForm(game)
    if lam == 0:
        v = np.concatenate([np.full(s, -np.log(s)) for s in form.sizes])
        return LogitQRE(0.0, form.profile(v), "logit (uniform at lambda 0)")
    points, warnings = _trace(form, lam, tol, 0.03, 1.1, 10_000)
    y = points[-1]
    return LogitQRE(float(y[-1]), form.profile(y[:-1]), "logit path (arclength predictor-corrector)",
                    warnings=tuple(warnings),
                    extra={"residual": float(np.abs(form.residual(y)).max()), "points": len(points)})
