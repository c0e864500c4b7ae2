"""Logit QRE and its path, against pygambit's logit_solve_lambda / logit_solve."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import NotApplicableError, ValidationError
from gametheory.games.catalog import kuhn_poker
from gametheory.io.efg import format_efg
from gametheory.io.nfg import format_nfg
from gametheory.solve.qre import AgentForm, logit_qre, logit_qre_path

pygambit = pytest.importorskip("pygambit")


def gambit_nfg(game, tmp_path):
    path = tmp_path / "g.nfg"
    path.write_text(format_nfg(game))
    return pygambit.read_nfg(str(path))


def random_game(seed: int, shape: tuple[int, ...]) -> gt.NormalFormGame:
    rng = np.random.default_rng(seed)
    return gt.NormalFormGame.from_arrays(*[rng.integers(-5, 6, size=shape) for _ in shape])


@pytest.mark.parametrize("seed,shape", [(0, (2, 2)), (1, (3, 3)), (2, (3, 2)), (3, (2, 2, 2))])
def test_normal_form_qre_matches_pygambit_logit_solve_lambda(seed, shape, tmp_path):
    game = random_game(seed, shape)
    lams = [0.5, 1.0, 3.0]
    ref = pygambit.qre.logit_solve_lambda(gambit_nfg(game, tmp_path), lam=lams)
    path = logit_qre_path(game, lam_max=3.0)
    assert path.lambdas[-1] == 3.0
    for lam, r in zip(lams, ref):
        # Points of our path at lam: the last one, or the single solve for the others.
        ours = path.profile(-1) if lam == 3.0 else logit_qre(game, lam).profile
        for pl, strats in zip(game.players, game.strategies):
            theirs = r.profile[pl]
            for k, s in enumerate(strats):
                assert ours[pl][s] == pytest.approx(float(theirs[f"s{k + 1}"]), abs=1e-7)


def test_agent_qre_of_kuhn_poker_matches_pygambit(tmp_path):
    tree = kuhn_poker()
    path = tmp_path / "kuhn.efg"
    path.write_text(format_efg(tree))
    pg = pygambit.read_efg(str(path))
    for lam, r in zip([1.5], pygambit.qre.logit_solve_lambda(pg, lam=[1.5])):
        ours = logit_qre(tree, lam)
        for label, h in tree.infosets.items():
            if h.player is None:
                continue
            theirs = r.profile[pygambit.H.path(*tree.paths[h.members[0]])]
            for a in h.actions:
                assert ours.profile[label][a] == pytest.approx(float(theirs[a]), abs=1e-7)


def test_path_approaches_the_unique_nash_equilibrium():
    # A dominance-solvable game: the principal branch ends at the pure equilibrium
    # (McKelvey and Palfrey 1995, Theorem 2: limit points of the branch are Nash).
    pd = gt.NormalFormGame.from_arrays(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    path = logit_qre_path(pd, lam_max=30)
    assert path.profile(-1)["Row"]["s2"] > 1 - 1e-9
    assert all(b >= a for a, b in zip(path.lambdas, path.lambdas[1:]))
    nash = gt.nash(pd)
    assert len(nash) == 1 and nash[0].pure_profile == ("s2", "s2")


def test_matching_pennies_stays_at_the_centre():
    mp = gt.NormalFormGame.from_arrays(np.array([[1, -1], [-1, 1]]), np.array([[-1, 1], [1, -1]]))
    for k in range(len(path := logit_qre_path(mp, lam_max=10))):
        assert np.allclose(path.profiles[k], 0.5, atol=1e-9)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=8, max_size=8), st.floats(0.1, 4.0))
def test_qre_satisfies_the_logit_fixed_point(payoffs, lam):
    # Independent check of the defining equations on random 2x2 games and lambdas.
    a = np.array(payoffs[:4]).reshape(2, 2)
    b = np.array(payoffs[4:]).reshape(2, 2)
    game = gt.NormalFormGame.from_arrays(a, b)
    q = logit_qre(game, lam)
    p = np.array(list(q.profile["Row"].values()))
    r = np.array(list(q.profile["Column"].values()))
    u_row, u_col = a @ r, p @ b
    assert np.allclose(p, np.exp(lam * u_row) / np.exp(lam * u_row).sum(), atol=1e-9)
    assert np.allclose(r, np.exp(lam * u_col) / np.exp(lam * u_col).sum(), atol=1e-9)


def test_agent_values_of_a_tree_are_conditional_payoffs():
    tree = gt.ExtensiveFormGame(gt.Decision("A", "a", {
        "L": gt.Decision("B", "b", {"l": gt.Terminal([2, 0]), "r": gt.Terminal([0, 4])}),
        "R": gt.Terminal([1, 1])}), players=["A", "B"])
    form = AgentForm(tree)
    vals = form.values([np.array([0.25, 0.75]), np.array([0.5, 0.5])])
    assert np.allclose(vals[0], [1.0, 1.0]) and np.allclose(vals[1], [0.0, 4.0])


def test_bad_input():
    pd = gt.NormalFormGame.from_arrays(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    with pytest.raises(ValidationError):
        logit_qre(pd, -1.0)
    with pytest.raises(ValidationError):
        logit_qre_path(pd, lam_max=0)
    with pytest.raises(NotApplicableError):
        logit_qre("not a game", 1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", [(2, 3), (3, 2, 2)])
def test_normal_form_jacobian_matches_central_differences(shape):
    rng = np.random.default_rng(sum(shape))
    form = AgentForm(gt.NormalFormGame.from_arrays(*[rng.integers(-5, 6, size=shape) for _ in shape]))
    y = np.concatenate([rng.normal(size=sum(shape)), [1.7]])
    numeric = np.empty((len(y) - 1, len(y)))
    for k in range(len(y)):
        e = np.zeros(len(y))
        e[k] = 1e-6
        numeric[:, k] = (form.residual(y + e) - form.residual(y - e)) / 2e-6
    assert np.allclose(form.jacobian(y), numeric, atol=1e-6)


def test_results_serialise():
    import json

    pd = gt.NormalFormGame.from_arrays(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    path = json.loads(json.dumps(logit_qre_path(pd, lam_max=1).to_json_dict()))["summary"]
    point = json.loads(json.dumps(logit_qre(pd, 1).to_json_dict()))["summary"]
    assert path["exact"] is False and path["lambdas"][-1] == 1.0
    assert point["profile"]["Row"]["s2"] == pytest.approx(path["profiles"][-1][1])
