"""gt.nash on n-player games: support enumeration with exact polynomial systems,
checked against pygambit's enumpoly_solve and published closed forms."""

import functools
import itertools
from fractions import Fraction

import numpy as np
import pygambit as gbt
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solve.enumpoly import support_profiles_count, volunteers_dilemma


def _gambit_game(game):
    arrays = [np.vectorize(Fraction, otypes=[object])(game.fraction_payoffs()[i]).tolist()
              for i in range(game.n_players)]
    return gbt.StrategicGame.from_arrays(*arrays)


def _gambit_float_profiles(game):
    G = _gambit_game(game)
    res = gbt.nash.enumpoly_solve(G)
    return [tuple(tuple(float(v) for _, v in e[p]) for p in G.players) for e in res.equilibria]


def _gambit_max_regret(game, float_profile):
    """pygambit's own regret of a profile: an independent check of each equilibrium."""
    G = _gambit_game(game)
    prof = G.mixed_strategy_profile(data=[list(map(float, s)) for s in float_profile],
                                    rational=False)
    return prof.max_regret()


def _contains(found, reference, atol=1e-6):
    return all(any(all(np.allclose(x, y, atol=atol) for x, y in zip(e, f)) for f in found)
               for e in reference)


def _same_float_sets(found, reference, atol=1e-6):
    def close(e, f):
        return all(np.allclose(x, y, atol=atol) for x, y in zip(e, f))
    return (all(any(close(e, f) for f in found) for e in reference)
            and all(any(close(f, e) for e in reference) for f in found))


def _regret(game, profile):
    """Largest gain from a pure deviation, computed independently of the solver (sympy)."""
    pays = game.expected_payoffs([list(s) for s in profile])
    worst = sp.Integer(0)
    for i, k in enumerate(game.shape):
        for t in range(k):
            dev = [list(s) for s in profile]
            dev[i] = [sp.Integer(1 if j == t else 0) for j in range(k)]
            worst = sp.Max(worst, sp.expand(game.expected_payoffs(dev)[i] - pays[i]))
    return sp.nsimplify(sp.radsimp(worst))


def _equals(value, closed):
    """Exact equality of an algebraic number (radical or CRootOf) with a closed form:
    the closed form is a root of the value's irreducible polynomial, the same root."""
    if isinstance(value, sp.CRootOf):
        poly = value.poly
        return (sp.expand(poly.as_expr().subs(poly.gen, closed)) == 0
                and abs(float(value) - float(closed)) < 1e-12)
    return sp.simplify(value - closed) == 0


def _jordan():
    # Jordan (1993), Games Econ. Behav. 5: player 1 wants to match player 2, player 2
    # to match player 3, player 3 to mismatch player 1.
    arrays = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for s in itertools.product(range(2), repeat=3):
        arrays[0][s] = 1 if s[0] == s[1] else 0
        arrays[1][s] = 1 if s[1] == s[2] else 0
        arrays[2][s] = 1 if s[2] != s[0] else 0
    return gt.NormalFormGame.from_arrays(*(a.tolist() for a in arrays),
                                         strategies=[["H", "T"]] * 3)


def test_volunteers_dilemma_closed_form_and_pygambit():
    # Diekmann (1985), J. Conflict Resolution 29(4): in the symmetric mixed equilibrium
    # each of n players ignores with probability (c/b)**(1/(n-1)).
    for n, b, c in ((3, 3, 1), (4, 5, 2)):
        game = volunteers_dilemma(n, b, c)
        sol = gt.nash(game)
        assert sol.exact and not sol.warnings
        q = sp.Rational(c, b) ** sp.Rational(1, n - 1)
        assert any(all(_equals(s[1], q) for s in e.profile) for e in sol)
        assert _same_float_sets(sol.extra["float_profiles"], _gambit_float_profiles(game))
        for e in sol:
            if n == 3:  # radicals: sympy decides the regret exactly
                assert _regret(game, e.profile) == 0
            assert _gambit_max_regret(game, [[float(v) for v in s] for s in e.profile]) < 1e-9


def test_jordan_matching_pennies_unique_mixed_equilibrium():
    game = _jordan()
    sol = gt.nash(game)
    half = sp.Rational(1, 2)
    assert [e.profile for e in sol] == [((half, half),) * 3]
    assert _same_float_sets(sol.extra["float_profiles"], _gambit_float_profiles(game))


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]))
def test_random_games_match_pygambit_enumpoly(seed, shape):
    # pygambit 17.0.0b2's enumpoly_solve can miss equilibria (see the two tests below), so its list must be contained in ours, and each of ours must have
    # zero regret by pygambit's own evaluation (and exactly, inside the solver).
    rng = np.random.default_rng(seed)
    n = len(shape)
    game = gt.NormalFormGame.from_arrays(*(rng.integers(-99, 100, shape).tolist()
                                           for _ in range(n)))
    sol = gt.nash(game)
    if sol.extra["continua"]:
        return  # a degenerate draw: pygambit skips singular supports too
    found = sol.extra["float_profiles"]
    assert _contains(found, _gambit_float_profiles(game))
    for e in found:
        assert _gambit_max_regret(game, e) < 1e-9


def test_three_player_game_where_pygambit_enumpoly_misses_the_mixed_equilibrium():
    # Found by the test above (seed 2000): pygambit lists two of the three equilibria.
    rng = np.random.default_rng(2000)
    game = gt.NormalFormGame.from_arrays(*(rng.integers(-99, 100, (2, 2, 2)).tolist()
                                           for _ in range(3)))
    sol = gt.nash(game)
    assert len(_gambit_float_profiles(game)) == 2 and len(sol) == 3
    mixed = sol[-1].profile
    assert all(isinstance(v, sp.Add) and v.has(sp.sqrt(193830484129)) for s in mixed for v in s)
    assert _regret(game, mixed) == 0


def test_four_player_game_where_pygambit_enumpoly_finds_nothing():
    rng = np.random.default_rng(1)
    game = gt.NormalFormGame.from_arrays(*(rng.integers(-99, 100, (2, 2, 2, 2)).tolist()
                                           for _ in range(4)))
    sol = gt.nash(game)
    assert _gambit_float_profiles(game) == []
    assert len(sol) == 3
    for e in sol.extra["float_profiles"]:
        assert _gambit_max_regret(game, e) < 1e-9
    # Two fully mixed equilibria: coordinates are roots of a degree-9 polynomial.
    assert any(isinstance(v, sp.CRootOf) for e in sol for s in e.profile for v in s)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_two_players_agree_with_vertex_enumeration(seed):
    rng = np.random.default_rng(seed)
    game = gt.NormalFormGame.from_arrays(rng.integers(-99, 100, (3, 3)).tolist(),
                                         rng.integers(-99, 100, (3, 3)).tolist())
    vertex = gt.nash(game, method="vertex")
    if vertex.degenerate:
        return
    assert {e.profile for e in gt.nash(game, method="enumpoly")} == {e.profile for e in vertex}


def test_pure_equilibria_are_among_all_equilibria():
    rng = np.random.default_rng(2)
    g = gt.NormalFormGame.from_arrays(*(rng.integers(0, 4, (2, 2, 2)).tolist() for _ in range(3)))
    sol = gt.nash(g)
    pure = {e.profile for e in gt.pure_nash(g)}
    assert pure <= {e.profile for e in sol}


def test_irrational_equilibrium_of_a_three_player_game_is_exact():
    # McKelvey and McLennan (1997), Econometrica 65(2), after Nau, Gomez Canovas and
    # Hansen (2004): 3-player 2x2x2 games can have irrational equilibria only.
    game = volunteers_dilemma(3, 2, 1)
    sol = gt.nash(game)
    mixed = [e for e in sol if all(len([v for v in s if v != 0]) == 2 for s in e.profile)]
    assert len(mixed) == 1
    p = mixed[0].profile[0][0]
    assert p == 1 - sp.sqrt(2) / 2 and not p.is_rational


def test_constant_game_reports_a_continuum():
    game = gt.NormalFormGame.from_arrays(*([[[0, 0], [0, 0]], [[0, 0], [0, 0]]],) * 3)
    sol = gt.nash(game)
    assert len(sol) == 8 and all(e.is_pure for e in sol)
    assert sol.extra["continua"] and sol.degenerate
    assert any("positive-dimensional" in w for w in sol.warnings)


def test_algebraic_equilibria_in_json():
    sol = gt.nash(volunteers_dilemma(3, 3, 1))
    data = sol.summary_json()
    assert data["exact"] and not sol.degenerate
    assert data["equilibria"][3]["strategies"]["P1"]["volunteer"] == "1 - sqrt(3)/3"


def test_float_payoffs_are_reported_inexact():
    game = volunteers_dilemma(3, 3.0, 1.0)
    sol = gt.nash(game)
    assert not sol.exact and any("floats" in w for w in sol.warnings)
    assert all(isinstance(v, (sp.Float, sp.Integer)) for e in sol for s in e.profile for v in s)


def test_cost_guard_and_methods():
    game = gt.NormalFormGame.from_arrays(*(np.zeros((7, 7, 7), dtype=int).tolist(),) * 3)
    assert support_profiles_count(game.shape) == 127**3
    with pytest.raises(gt.SolverError, match="max_supports"):
        gt.nash(game)
    with pytest.raises(gt.NotApplicableError, match="enumpoly"):
        gt.nash(_jordan(), method="vertex")


@functools.cache
def _symbolic_volunteers():
    b = gt.parameter("b_vd", kind="positive")
    c = gt.parameter("c_vd", kind="positive")
    return b, c, gt.nash(volunteers_dilemma(3, b, c))


def test_symbolic_volunteers_dilemma():
    b, c, ans = _symbolic_volunteers()
    assert isinstance(ans, gt.PiecewiseAnswer)
    full = [p for p in ans if p.label.count(",") == 3]
    assert len(full) == 1
    value = full[0].value[0][0]
    assert sp.simplify(value - (1 - sp.sqrt(c / b))) == 0


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 20), st.integers(1, 20))
def test_symbolic_answer_agrees_with_numeric(bv, cv):
    if bv == cv:
        return  # degenerate: b = c makes volunteering a tie
    b, c, ans = _symbolic_volunteers()
    symbolic = {tuple(tuple(sp.nsimplify(sp.radsimp(v)) for v in s) for s in e.profile)
                for e in ans.at({b: bv, c: cv})}
    numeric = {tuple(tuple(sp.nsimplify(sp.radsimp(v)) for v in s) for s in e.profile)
               for e in gt.nash(volunteers_dilemma(3, bv, cv))}
    assert symbolic == numeric
