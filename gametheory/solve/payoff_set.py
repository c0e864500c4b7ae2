"""The set of pure-strategy subgame-perfect payoffs of a two-player repeated game.

Perfect monitoring, discounting and public randomisation: the set V of payoff pairs of
pure-strategy SPE is convex, and by Abreu, Pearce and Stacchetti (1990) it is the
largest fixed point of the operator

    B(W) = co U_a { (1 - delta) g(a) + delta w :  w in W,
                     (1 - delta) g_i(a) + delta w_i >= (1 - delta) max_b g_i(b, a_-i) + delta min_{W} w_i }

(a continuation w in W enforces the action profile a when no one-shot deviation pays,
the deviator being punished with his worst payoff in W). Starting from the convex hull
of the stage payoffs, which contains V, the iterates W_k = B^k(W_0) decrease to V.
Here every iterate is computed as an exact polygon operation in floating point: clip
W_k to each profile's incentive quadrant, map it by ``(1 - delta) g(a) + delta w``, and
take the convex hull of the union. Every iterate is an outer approximation of V; the
iteration stops when successive iterates are within ``tol`` in Hausdorff distance.
(Abreu and Sannikov 2014 show that at most four points per action profile suffice;
this implementation keeps all vertices and prunes only those whose removal moves the
polygon by less than ``prune`` — far below ``tol``.)

Examples
--------
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]],
...                                    strategies=[["C", "D"], ["C", "D"]])
>>> res = gt.equilibrium_payoffs(gt.RepeatedGame(pd, "1/5"))  # below 1/3: only (D, D)
>>> res.vertices.round(6).tolist()
[[1.0, 1.0]]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import NotApplicableError, ValidationError
from ..games.repeated import PerfectMonitoring, RepeatedGame
from .results import Result, number_to_json

__all__ = ["PayoffSet", "equilibrium_payoffs", "hausdorff_distance", "convex_hull_2d"]


# ---------------------------------------------------------------------- geometry
def convex_hull_2d(points: np.ndarray, eps: float = 0.0) -> np.ndarray:
    """Vertices of the convex hull in counter-clockwise order (Andrew's monotone chain),
    dropping collinear points; degenerate hulls come back as one or two points."""
    pts = np.unique(np.asarray(points, dtype=float).reshape(-1, 2), axis=0)
    if len(pts) <= 2:
        return pts

    def chain(seq: np.ndarray) -> list[np.ndarray]:
        out: list[np.ndarray] = []
        for p in seq:
            while len(out) >= 2:
                o, a = out[-2], out[-1]
                cross = (a[0] - o[0]) * (p[1] - o[1]) - (a[1] - o[1]) * (p[0] - o[0])
                if cross > eps:
                    break
                out.pop()
            out.append(p)
        return out

    lower = chain(pts)
    upper = chain(pts[::-1])
    hull = np.array(lower[:-1] + upper[:-1])
    return hull if len(hull) else pts[:1]


def _clip(poly: np.ndarray, axis: int, level: float) -> np.ndarray:
    """The part of a convex polygon with coordinate ``axis`` >= ``level``."""
    if len(poly) == 0:
        return poly
    inside = poly[:, axis] >= level
    if inside.all():
        return poly
    if not inside.any():
        return poly[:0]
    if len(poly) == 1:
        return poly
    out = []
    m = len(poly)
    for k in range(m):
        p, q = poly[k], poly[(k + 1) % m]
        pin, qin = p[axis] >= level, q[axis] >= level
        if pin:
            out.append(p)
        if pin != qin:
            t = (level - p[axis]) / (q[axis] - p[axis])
            out.append(p + t * (q - p))
    return convex_hull_2d(np.array(out))


def _point_to_segment(x: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    ab = b - a
    denom = float(ab @ ab)
    t = 0.0 if denom == 0 else float(np.clip((x - a) @ ab / denom, 0.0, 1.0))
    return float(np.linalg.norm(x - (a + t * ab)))


def _point_to_polygon(x: np.ndarray, poly: np.ndarray) -> float:
    if len(poly) == 1:
        return float(np.linalg.norm(x - poly[0]))
    if len(poly) >= 3:
        edges = np.roll(poly, -1, axis=0) - poly
        rel = x - poly
        if np.all(edges[:, 0] * rel[:, 1] - edges[:, 1] * rel[:, 0] >= -1e-15):
            return 0.0
    m = len(poly)
    return min(_point_to_segment(x, poly[k], poly[(k + 1) % m]) for k in range(m))


def hausdorff_distance(a: Any, b: Any) -> float:
    """Hausdorff distance between two convex polygons given by their vertices.

    For convex sets the farthest point of one from the other is a vertex, so the
    distance is the largest vertex-to-polygon distance either way.
    """
    pa = convex_hull_2d(np.asarray(a, dtype=float))
    pb = convex_hull_2d(np.asarray(b, dtype=float))
    if len(pa) == 0 or len(pb) == 0:
        return 0.0 if len(pa) == len(pb) else float("inf")
    return max(
        max(_point_to_polygon(x, pb) for x in pa),
        max(_point_to_polygon(x, pa) for x in pb),
    )


# ---------------------------------------------------------------------- result
@dataclass(frozen=True)
class PayoffSet(Result):
    """A convex polygon of equilibrium payoff pairs.

    Attributes
    ----------
    vertices
        Counter-clockwise vertices, shape ``(m, 2)`` (``m`` = 0 when the set is empty,
        1 for a point, 2 for a segment).
    threat_point
        Each player's least payoff in the set (the harshest punishment).
    tol
        Hausdorff distance between the last two iterates at the stop. The iterates
        contain the true set and approach it geometrically at rate about ``delta``, so
        the result lies within about ``tol / (1 - delta)`` of it.
    """

    vertices: np.ndarray
    threat_point: tuple[float, float] | None
    discount_factor: float
    method: str
    tol: float
    iterations: int
    converged: bool
    exact: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return len(self.vertices) == 0

    @property
    def area(self) -> float:
        v = self.vertices
        if len(v) < 3:
            return 0.0
        x, y = v[:, 0], v[:, 1]
        return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))

    def contains(self, point: Any, tol: float | None = None) -> bool:
        """True when ``point`` lies in the polygon (within ``tol``, default the set's tol)."""
        if self.is_empty:
            return False
        tol = self.tol if tol is None else tol
        return _point_to_polygon(np.asarray(point, dtype=float), self.vertices) <= tol

    def hausdorff(self, other: Any) -> float:
        other_v = other.vertices if isinstance(other, PayoffSet) else other
        return hausdorff_distance(self.vertices, other_v)

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        v = self.vertices if limit is None else self.vertices[:limit]
        return {
            "vertices": v.tolist(),
            "threat_point": None if self.threat_point is None else list(self.threat_point),
            "discount_factor": number_to_json(self.discount_factor),
            "method": self.method,
            "tol": self.tol,
            "iterations": self.iterations,
            "converged": self.converged,
            "exact": self.exact,
            "warnings": list(self.warnings),
        }


# ---------------------------------------------------------------------- solver
_METHODS = ("aps",)


def equilibrium_payoffs(
    game: RepeatedGame,
    *,
    method: str = "aps",
    tol: float | None = None,
    max_iter: int = 2000,
    prune: float | None = None,
) -> PayoffSet:
    """Pure-strategy SPE payoffs (with public randomisation) of a two-player repeated game.

    Parameters
    ----------
    game
        An infinitely repeated two-player game with perfect monitoring and numbers.
    method
        ``"aps"``: iterate the Abreu-Pearce-Stacchetti operator on polygons.
    tol
        Stop when successive iterates are within ``tol`` (Hausdorff); default
        ``1e-9`` times the range of the stage payoffs.
    max_iter
        Give up (``converged=False`` and a warning) after this many iterations.
    prune
        Vertices whose removal moves the polygon by less than this are dropped, and a
        polygon thinner than this becomes a segment or a point (keeps the vertex count
        bounded). The pruned amounts shrink by ``delta`` in later iterations, so the
        result contains the true set up to ``prune / (1 - delta)``; the default
        ``tol * (1 - delta) / 2`` keeps that below ``tol``.

    Returns
    -------
    PayoffSet
    """
    if method not in _METHODS:
        raise ValidationError(f"unknown method {method!r}; expected one of {_METHODS}")
    if not isinstance(game, RepeatedGame):
        raise NotApplicableError(f"equilibrium_payoffs applies to a RepeatedGame, not {type(game).__name__}")
    if game.n_players != 2:
        raise NotApplicableError(f"equilibrium_payoffs handles two players; the game has {game.n_players}")
    if not isinstance(game.monitoring, PerfectMonitoring):
        raise NotApplicableError("equilibrium_payoffs assumes perfect monitoring")
    if game.horizon is not None:
        raise NotApplicableError("equilibrium_payoffs applies to an infinite horizon")
    if not isinstance(max_iter, int) or max_iter < 1:
        raise ValidationError(f"max_iter must be a positive integer, got {max_iter!r}")
    if game.parameters:
        names = ", ".join(s.name for s in game.parameters)
        raise ValidationError(f"equilibrium_payoffs needs numbers; free parameters: {names}")
    delta = float(game.discount_factor)
    g = game.stage.float_payoffs()  # (2, k1, k2)
    scale = float(np.ptp(g)) or 1.0
    tol = 1e-9 * scale if tol is None else float(tol)
    prune = tol * (1 - delta) / 2 if prune is None else float(prune)
    k1, k2 = game.stage.shape
    payoff_pts = np.stack([g[0].ravel(), g[1].ravel()], axis=1)
    # gain of the best one-shot deviation from each profile, per player
    dev = np.stack(
        [(g[0].max(axis=0, keepdims=True) - g[0]).ravel(), (g[1].max(axis=1, keepdims=True) - g[1]).ravel()],
        axis=1,
    )
    W = convex_hull_2d(payoff_pts)
    warnings: list[str] = []
    converged = False
    it, step = 0, float("inf")
    for it in range(1, max_iter + 1):
        threat = W.min(axis=0)
        pieces = []
        for a in range(k1 * k2):
            # continuation w enforces a iff delta w_i >= delta u_i + (1 - delta) dev_i(a)
            level = threat + (1 - delta) / delta * dev[a]
            part = _clip(_clip(W, 0, level[0]), 1, level[1])
            if len(part):
                pieces.append((1 - delta) * payoff_pts[a] + delta * part)
        if not pieces:
            return PayoffSet(
                np.empty((0, 2)), None, delta, "APS operator on polygons", tol, it, True,
                warnings=("no pure-strategy subgame-perfect equilibrium exists",),
            )
        new = _prune(convex_hull_2d(np.concatenate(pieces)), prune)
        step = hausdorff_distance(W, new)
        W = new
        if step <= tol:
            converged = True
            break
    # The limit lies within about tol / (1 - delta) of the last iterate: vertices that
    # close together are one vertex at the accuracy reached.
    W = _prune(W, 4 * tol / (1 - delta))
    if not converged:
        warnings.append(f"not converged after {max_iter} iterations (last step {step:.3g})")
    if len(W) > 4 * k1 * k2 + 8:
        warnings.append(f"{len(W)} vertices: the set has many nearly collinear extreme points")
    return PayoffSet(
        W, (float(W[:, 0].min()), float(W[:, 1].min())), delta, "APS operator on polygons",
        tol, it, converged, warnings=tuple(warnings),
    )


def _prune(poly: np.ndarray, prune: float) -> np.ndarray:
    """Drop vertices closer than ``prune`` to the segment joining their neighbours, and
    collapse a polygon thinner than ``prune`` to a segment (or a point)."""
    if len(poly) >= 2:
        far = np.linalg.norm(poly[:, None, :] - poly[None, :, :], axis=2)
        i, j = np.unravel_index(np.argmax(far), far.shape)
        if far[i, j] < prune:
            return poly.mean(axis=0, keepdims=True)
        if all(_point_to_segment(x, poly[i], poly[j]) < prune for x in poly):
            return convex_hull_2d(poly[[i, j]])
    if len(poly) <= 3:
        return poly
    keep = list(poly)
    changed = True
    while changed and len(keep) > 3:
        changed = False
        for k in range(len(keep)):
            prev, cur, nxt = keep[k - 1], keep[k], keep[(k + 1) % len(keep)]
            if _point_to_segment(cur, prev, nxt) < prune:
                del keep[k]
                changed = True
                break
    return np.array(keep)
