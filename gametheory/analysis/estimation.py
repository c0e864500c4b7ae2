"""Maximum-likelihood estimation of payoffs from observed outcomes of a tree (strategic logit).

Signorino (1999), "Strategic interaction and the statistical analysis of international
conflict", *American Political Science Review* 93(2): 279-297, takes a game tree to
data: each player's payoff at each outcome is a linear function of covariates, each
choice is perturbed by an extreme-value shock, and players choose by backward
induction on expected utilities. The probability of an action at a node is then the
logit of the continuation values (the agent logit QRE of the tree at lambda = 1, the
shock's scale fixing the payoffs' units), and the likelihood of an observed outcome is
the product of the choice probabilities on its path.

Here the tree is a :class:`~gametheory.ExtensiveFormGame` of perfect information whose
payoffs are formulas in parameters (to be estimated) and covariates (data columns).
:func:`fit_strategic_logit` maximises the log-likelihood (BFGS) and reports standard
errors from the observed information (the inverse of minus the Hessian, by central
differences). :func:`simulate_outcomes` draws outcomes from the model, for simulation
studies.

Examples
--------
>>> import numpy as np, sympy as sp
>>> import gametheory as gt
>>> from gametheory.analysis.estimation import fit_strategic_logit, simulate_outcomes
>>> a, x = sp.symbols("a x")
>>> tree = gt.ExtensiveFormGame(gt.Decision("A", "a", {
...     "Stay": gt.Terminal([0, 0]), "Go": gt.Terminal([a * x, 0])}), players=["A", "B"])
>>> data = {"x": np.linspace(-2, 2, 400)}
>>> obs = simulate_outcomes(tree, data, {a: 1.5}, seed=1)
>>> fit = fit_strategic_logit(tree, obs, data, [a])
>>> bool(abs(fit.estimates[0] - 1.5) < 3 * fit.std_errors[0])
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from ..errors import NotApplicableError, SolverError, ValidationError
from ..games.extensive_form import ExtensiveFormGame
from ..solve.results import Result

__all__ = ["StrategicLogitFit", "StrategicLogitModel", "fit_strategic_logit", "simulate_outcomes"]


@dataclass(frozen=True)
class StrategicLogitFit(Result):
    """The maximum-likelihood fit of a strategic logit model.

    Attributes
    ----------
    names
        The estimated parameters' names (``parameters``, as on every result, are the
        free symbols: none).
    estimates, std_errors
        Point estimates and standard errors (observed information).
    covariance
        The inverse observed information matrix.
    loglik
        The maximised log-likelihood.
    n_obs
        The number of observations.
    converged
        Whether the optimiser reported success.
    """

    names: tuple[str, ...]
    estimates: np.ndarray
    std_errors: np.ndarray
    covariance: np.ndarray
    loglik: float
    n_obs: int
    converged: bool
    method: str = "strategic logit ML (BFGS; observed-information standard errors)"
    exact: bool = False
    warnings: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def summary_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "estimates": self.estimates.tolist(),
            "std_errors": self.std_errors.tolist(),
            "loglik": self.loglik,
            "n_obs": self.n_obs,
            "converged": self.converged,
            "method": self.method,
            "exact": self.exact,
            "warnings": list(self.warnings),
        }


class StrategicLogitModel:
    """A perfect-information tree compiled for fast likelihood evaluation over data.

    Parameters
    ----------
    tree
        A tree of perfect information; payoffs may be formulas in ``parameters`` and in
        covariates (any other symbols, read from ``covariates`` by name).
    covariates
        Data columns by symbol name, each of length ``n`` (scalars are broadcast).
    parameters
        The symbols to estimate, in order.
    """

    def __init__(self, tree: ExtensiveFormGame, covariates: Mapping[str, Any], parameters: Sequence[sp.Symbol]) -> None:
        if not tree.is_perfect_information:
            raise NotApplicableError("strategic logit estimation here needs a tree of perfect information")
        self.tree = tree
        self.parameters = tuple(parameters)
        names = {p.name for p in self.parameters}
        others = sorted({s.name for s in tree.parameters} - names)
        missing = [s for s in others if s not in covariates]
        if missing:
            raise ValidationError(f"the tree's payoffs use {missing}, neither parameters nor covariates")
        cols = {k: np.asarray(v, dtype=float) for k, v in covariates.items() if k in others}
        lengths = {len(v) for v in cols.values() if v.ndim == 1}
        if len(lengths) > 1:
            raise ValidationError(f"covariates have different lengths {sorted(lengths)}")
        self.n = lengths.pop() if lengths else int(covariates.get("__n__", 1))
        self.covariates = cols
        cov_syms = [sp.Symbol(k) for k in others]
        # Tree symbols may carry assumptions: match them by name.
        by_name = {s.name: s for s in tree.parameters}
        args = [by_name.get(p.name, p) for p in self.parameters] + [by_name[c.name] for c in cov_syms]
        self._cov_order = others
        kinds, children = tree.kind, tree.children
        for i, k in enumerate(kinds):
            if k == "chance" and any(not sp.sympify(p).is_number for p in tree.probabilities[i]):
                raise ValidationError("chance probabilities must be numbers here")
        # Payoff at a leaf: the sum of the outcomes on its path.
        self._leaf_funcs: dict[int, list[Any]] = {}
        acc: dict[int, tuple[sp.Expr, ...]] = {0: tree.leaf_payoff_part(0)}
        for i in range(len(kinds)):
            for c in children[i]:
                acc[c] = tuple(a + b for a, b in zip(acc[i], tree.leaf_payoff_part(c)))
            if kinds[i] == "terminal":
                self._leaf_funcs[i] = [sp.lambdify(args, e, "numpy") for e in acc[i]]
        self.terminals = [i for i, k in enumerate(kinds) if k == "terminal"]

    def _columns(self) -> list[np.ndarray]:
        return [self.covariates[k] for k in self._cov_order]

    def choice_logs(self, theta: Sequence[float] | np.ndarray) -> dict[int, np.ndarray]:
        """Per node, the log-probabilities of its branches (rows) per observation (columns)."""
        t = self.tree
        cols = self._columns()
        value: dict[int, np.ndarray] = {}
        logs: dict[int, np.ndarray] = {}
        for i in reversed(range(len(t.kind))):
            if t.kind[i] == "terminal":
                value[i] = np.array([np.broadcast_to(np.asarray(f(*theta, *cols), dtype=float), (self.n,))
                                     for f in self._leaf_funcs[i]])
                continue
            kids = t.children[i]
            if t.kind[i] == "chance":
                p = np.array([float(x) for x in t.probabilities[i]])[:, None] * np.ones(self.n)
                with np.errstate(divide="ignore"):
                    logp = np.log(p)
            else:
                u = np.array([value[c][t.player[i]] for c in kids])
                umax = u.max(axis=0)
                logp = u - umax - np.log(np.exp(u - umax).sum(axis=0))
                p = np.exp(logp)
            logs[i] = logp
            value[i] = sum(p[k] * value[c] for k, c in enumerate(kids))
        return logs

    def outcome_log_probabilities(self, theta: Sequence[float] | np.ndarray) -> np.ndarray:
        """``log P(terminal | data)``: one row per terminal (in ``self.terminals``), one column per observation."""
        t = self.tree
        logs = self.choice_logs(theta)
        out = []
        for leaf in self.terminals:
            total = np.zeros(self.n)
            j = leaf
            while t.parent[j] >= 0:
                par = t.parent[j]
                total = total + logs[par][t.children[par].index(j)]
                j = par
            out.append(total)
        return np.array(out)

    def loglik(self, theta: Sequence[float] | np.ndarray, outcomes: np.ndarray) -> float:
        """The log-likelihood of observed terminal positions (indices into ``self.terminals``)."""
        lp = self.outcome_log_probabilities(theta)
        return float(lp[outcomes, np.arange(self.n)].sum())

    def outcome_index(self, observed: Sequence[Any]) -> np.ndarray:
        """Observed outcomes (terminal node indices, action paths, or ``' > '`` texts)
        as positions in ``self.terminals``."""
        pos = {leaf: k for k, leaf in enumerate(self.terminals)}
        out = np.empty(len(observed), dtype=int)
        for k, o in enumerate(observed):
            node = int(o) if isinstance(o, int | np.integer) else self.tree.index_of(o)
            if node not in pos:
                raise ValidationError(f"observation {k}: {o!r} is not a terminal node")
            out[k] = pos[node]
        if len(out) != self.n:
            raise ValidationError(f"{len(out)} outcomes for {self.n} rows of covariates")
        return out


def _hessian(f: Any, x: np.ndarray) -> np.ndarray:
    k = len(x)
    h = 1e-4 * np.maximum(1.0, np.abs(x))
    H = np.empty((k, k))
    for i in range(k):
        for j in range(i, k):
            ei = np.zeros(k)
            ej = np.zeros(k)
            ei[i], ej[j] = h[i], h[j]
            H[i, j] = H[j, i] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h[i] * h[j])
    return H


def fit_strategic_logit(
    tree: ExtensiveFormGame,
    outcomes: Sequence[Any],
    covariates: Mapping[str, Any],
    parameters: Sequence[sp.Symbol],
    start: Sequence[float] | None = None,
    tol: float = 1e-6,
) -> StrategicLogitFit:
    """Estimate payoff parameters of a perfect-information tree by maximum likelihood.

    Parameters
    ----------
    tree
        The game, payoffs formulas in ``parameters`` and covariates.
    outcomes
        The terminal reached by each observation (node index, action path or text).
    covariates
        Data columns by name.
    parameters
        The symbols to estimate.
    start
        Starting values (zeros by default).
    tol
        The optimiser's tolerance on the gradient of the mean log-likelihood.

    Returns
    -------
    StrategicLogitFit
    """
    from scipy.optimize import minimize

    model = StrategicLogitModel(tree, covariates, parameters)
    obs = model.outcome_index(outcomes)
    x0 = np.zeros(len(parameters)) if start is None else np.asarray(start, dtype=float)

    def negll(theta: np.ndarray) -> float:
        # The mean, not the sum: its finite-difference gradient stays above rounding noise.
        return -model.loglik(theta, obs) / model.n

    def grad(theta: np.ndarray) -> np.ndarray:
        # Central differences: the one-sided default stalls BFGS near the optimum.
        g = np.empty_like(theta)
        for k in range(len(theta)):
            e = np.zeros_like(theta)
            e[k] = 1e-6 * max(1.0, abs(theta[k]))
            g[k] = (negll(theta + e) - negll(theta - e)) / (2 * e[k])
        return g

    res = minimize(negll, x0, jac=grad, method="BFGS", options={"gtol": tol})
    if not np.all(np.isfinite(res.x)):
        raise SolverError("the likelihood maximisation diverged")
    H = _hessian(lambda th: model.loglik(th, obs), res.x)
    warnings: list[str] = []
    info = -H
    try:
        cov = np.linalg.inv(info)
        eig = np.linalg.eigvalsh(info)
        if eig.min() <= 0:
            warnings.append("the observed information is not positive definite: parameters not identified")
    except np.linalg.LinAlgError:
        cov = np.full_like(info, np.nan)
        warnings.append("the observed information is singular: parameters not identified")
    se = np.sqrt(np.where(np.diag(cov) > 0, np.diag(cov), np.nan))
    if not res.success:
        warnings.append(f"the optimiser stopped: {res.message}")
    return StrategicLogitFit(
        names=tuple(p.name for p in parameters),
        estimates=res.x,
        std_errors=se,
        covariance=cov,
        loglik=-float(res.fun) * model.n,
        n_obs=model.n,
        converged=bool(res.success),
        warnings=tuple(warnings),
        extra={"iterations": int(res.nit), "evaluations": int(res.nfev)},
    )


def simulate_outcomes(
    tree: ExtensiveFormGame,
    covariates: Mapping[str, Any],
    values: Mapping[sp.Symbol, float],
    seed: int | np.random.Generator | None = None,
) -> list[int]:
    """Draw one outcome (a terminal node index) per row of covariates from the model.

    Parameters
    ----------
    tree
        The game, as for :func:`fit_strategic_logit`.
    covariates
        Data columns by name.
    values
        The true parameter values.
    seed
        A seed or a :class:`numpy.random.Generator`.

    Returns
    -------
    list of int
        Terminal node indices.
    """
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    params = list(values)
    model = StrategicLogitModel(tree, covariates, params)
    probs = np.exp(model.outcome_log_probabilities([float(values[p]) for p in params]))
    cum = np.cumsum(probs, axis=0)
    u = rng.random(model.n)
    picks = (u[None, :] > cum).sum(axis=0)
    picks = np.minimum(picks, len(model.terminals) - 1)
    return [model.terminals[k] for k in picks]
