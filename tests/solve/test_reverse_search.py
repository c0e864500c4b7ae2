"""The lexicographic vertex search behind gt.nash: C path == Python path, closed forms,
overflow fallback, time limit, and equilibria against pygambit's exact enumeration."""

import random
import time
from fractions import Fraction
from math import comb

import nashpy
import numpy as np
import pygambit as gbt
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solve import reverse_search as rs
from gametheory.solve.mixed_nash import completely_labelled

needs_c = pytest.mark.skipif(rs._lrs is None, reason="the C extension _lrs was not built")


def _pygambit_extreme(a, b):
    G = gbt.StrategicGame.from_arrays([[Fraction(v) for v in r] for r in a],
                                      [[Fraction(v) for v in r] for r in b])
    res = gbt.nash.enummixed_solve(G, rational=True)
    return {tuple(tuple(sp.Rational(str(v)) for _, v in e[p]) for p in ("1", "2"))
            for e in res.equilibria}


def _matrix(draw, m, n, low, high):
    return draw(st.lists(st.lists(st.integers(low, high), min_size=n, max_size=n),
                         min_size=m, max_size=m))


def test_cube_and_simplex_closed_forms():
    # {0 <= z <= 1}^d is a cube: 2^d vertices, each with exactly d labels (simple).
    for d in (1, 3, 5):
        cube = [[int(i == j) for j in range(d)] for i in range(d)]
        found, visited, _ = rs.lex_vertices(cube, engine="python")
        assert len(found) == visited == 2**d
        assert all(mask.bit_count() == d for mask in found)
        assert {rs.vertex_of(cube, b) for b in found.values()} == {
            tuple(Fraction(k >> i & 1) for i in range(d)) for k in range(2**d)}
    # Three copies of sum(z) <= 1 in R^3: the simplex, 4 vertices; each unit vector is
    # degenerate (2 zero coordinates + 3 tight rows = 5 labels > 3). Perturbed, only
    # the row with the smallest right-hand side 1 + eps^3 binds: 4 lex-feasible bases.
    ones = [[1, 1, 1]] * 3
    found, visited, _ = rs.lex_vertices(ones, engine="python")
    assert len(found) == visited == 4
    assert sorted(mask.bit_count() for mask in found) == [3, 5, 5, 5]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(1, 6), st.integers(1, 6), st.sampled_from([(1, 3), (1, 40)]), st.data())
def test_c_search_equals_python_search(c, d, span, data):
    g = _matrix(data.draw, c, d, *span)
    py = rs.lex_vertices(g, engine="python")
    assert py[2] == "python"
    if rs._lrs is not None:
        assert rs.lex_vertices(g, engine="c") == (py[0], py[1], "c")
        assert rs.lex_vertices(g, engine="c-big") == (py[0], py[1], "c-big")
        # The overflow hook: with entries capped at 2^12 the 128-bit search gives up
        # on some of these games; "auto" then runs the multi-limb search.
        capped = rs.run_c(g, overflow_bits=12)
        assert capped is None or capped == py[:2]
        assert rs.lex_vertices(g, overflow_bits=12)[:2] == py[:2]


@needs_c
@settings(max_examples=12, deadline=None, derandomize=True)
@given(st.integers(2, 7), st.integers(2, 7), st.integers(20, 130), st.data())
def test_multi_limb_search_equals_python_search(c, d, bits, data):
    # Entries of up to 130 bits: minors and products span several 64-bit limbs.
    g = _matrix(data.draw, c, d, 1, 2**bits)
    assert rs.lex_vertices(g, engine="c-big")[:2] == rs.lex_vertices(g, engine="python")[:2]


@needs_c
def test_overflow_falls_back_to_python():
    rng = np.random.default_rng(11)
    g = rs.integer_form([[Fraction(int(v)) for v in r] for r in rng.integers(-50, 51, (8, 8))])
    full = rs.run_c(g)
    assert full is not None
    assert rs.run_c(g, overflow_bits=24) is None  # forced overflow part way
    assert rs.lex_vertices(g, overflow_bits=24) == (*full, "c-big")
    assert rs.lex_vertices(g, engine="python")[:2] == full
    # Entries beyond 64 bits go straight to the multi-limb search.
    huge = [[v * 10**30 + 1 for v in row] for row in g]
    assert rs.run_c(huge) is None
    assert rs.lex_vertices(huge)[2] == "c-big"


def test_huge_payoffs_match_nashpy():
    # Payoffs drawn up to 10^25 (beyond 64 bits): the multi-limb search takes over.
    # pygambit 17.0.0b2 returns no equilibrium for payoffs this large, so the
    # reference is nashpy's support enumeration in floats on the game scaled by
    # 10^-25 (complete here: random payoffs make the game nondegenerate).
    draw = random.Random(5).randrange
    a = [[draw(10**25) for _ in range(5)] for _ in range(4)]
    b = [[draw(10**25) for _ in range(5)] for _ in range(4)]
    sol = gt.nash(gt.NormalFormGame.from_arrays(a, b))
    assert sol.exact and not sol.degenerate
    assert sol.extra["engine"] == ("c-big" if rs._lrs is not None else "python")
    game = nashpy.Game(np.array(a, dtype=float) / 1e25, np.array(b, dtype=float) / 1e25)
    reference = sorted((tuple(x), tuple(y)) for x, y in game.support_enumeration())
    mine = sorted(tuple(tuple(float(v) for v in s) for s in e.profile) for e in sol)
    assert len(mine) == len(reference)
    assert np.allclose(np.array([x + y for x, y in mine]),
                       np.array([x + y for x, y in reference]), atol=1e-9)


def test_more_than_63_variables_use_python_integers():
    # One constraint, 63 coordinates: a simplex, 64 vertices; masks need 64 bits.
    g = [[k + 1 for k in range(63)]]
    found, visited, engine = rs.lex_vertices(g)
    assert engine == "python" and len(found) == visited == 64


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.integers(2, 6), st.integers(2, 6), st.data())
def test_random_games_match_pygambit_rational(m, n, data):
    # pygambit enummixed_solve(rational=True): Avis-Fukuda vertex enumeration in
    # exact rationals, an independent implementation of the same set.
    a = _matrix(data.draw, m, n, -3, 3)
    b = _matrix(data.draw, m, n, -3, 3)
    sol = gt.nash(gt.NormalFormGame.from_arrays(a, b))
    assert {e.profile for e in sol} == _pygambit_extreme(a, b)


def test_eight_by_eight_game_matches_pygambit_rational():
    rng = np.random.default_rng([2024, 8])
    a, b = (rng.integers(-3, 4, (8, 8)).tolist() for _ in range(2))
    sol = gt.nash(gt.NormalFormGame.from_arrays(a, b))
    assert {e.profile for e in sol} == _pygambit_extreme(a, b)
    assert sol.extra["bases_visited"] >= sol.extra["row_vertices"] + sol.extra["column_vertices"]


def test_degenerate_game_of_von_stengel_handbook():
    # von Stengel (2002), Handbook of Game Theory 3, ch. 45, Figure 2 (degenerate):
    # the row player's top strategy has two best responses; the equilibria are two
    # isolated points and a segment with x = (1, 0, 0).
    a = [[3, 3], [2, 5], [0, 6]]
    b = [[3, 3], [2, 6], [3, 1]]
    sol = gt.nash(gt.NormalFormGame.from_arrays(a, b))
    R = sp.Rational
    assert {e.profile for e in sol} == _pygambit_extreme(a, b)
    assert ((1, 0, 0), (1, 0)) in {e.profile for e in sol}
    assert ((1, 0, 0), (R(2, 3), R(1, 3))) in {e.profile for e in sol}
    assert sol.degenerate and any("continua" in w for w in sol.warnings)


def test_outcome_degenerate_game():
    # Every outcome pays both players the same (a constant game): every pure profile
    # is an equilibrium and the equilibria form one component, the whole product of
    # simplices, with pure strategies as extreme points.
    sol = gt.nash(gt.NormalFormGame.from_arrays([[2] * 3] * 2, [[5] * 3] * 2))
    assert len(sol) == 6 and sol.degenerate
    assert sol.extra["maximal_nash_subsets"] == [([0, 1], [0, 1, 2])]


def test_completely_labelled_pairs_superset_matching():
    # m = n = 2, labels 0, 1 (rows) and 2, 3 (columns). x has the three labels {0, 2, 3}
    # (degenerate): it pairs with every y holding label 1.
    xs = [0b1101, 0b0011]
    ys = [0b0110, 0b1010, 0b1100]
    assert completely_labelled(xs, ys, 2, 2) == [(0b0011, 0b1100), (0b1101, 0b0110),
                                                 (0b1101, 0b1010)]


def test_time_limit_stops_both_engines():
    g = rs.integer_form([[Fraction(int(v)) for v in r]
                         for r in np.random.default_rng(1).integers(0, 9, (14, 14))])
    engines = ["python"] + (["c", "c-big"] if rs._lrs is not None else [])
    for engine in engines:
        with pytest.raises(rs.OutOfTime) as stop:
            rs.lex_vertices(g, engine=engine, deadline=time.monotonic() + 0.05)
        assert 0 < stop.value.visited < comb(28, 14)


def test_unknown_engine():
    with pytest.raises(gt.SolverError, match="engine"):
        rs.lex_vertices([[1]], engine="gmp")
    with pytest.raises(gt.NotApplicableError, match="engine"):
        gt.solve.mixed_nash.estimated_seconds(3, 3, engine="gmp")


def test_without_the_c_extension_python_integers_serve(monkeypatch):
    rng = np.random.default_rng(3)
    a, b = (rng.integers(-2, 3, (5, 4)).tolist() for _ in range(2))
    game = gt.NormalFormGame.from_arrays(a, b)
    with_c = gt.nash(game)
    monkeypatch.setattr(rs, "_lrs", None)
    without = gt.nash(game)
    assert without.extra["engine"] == "python"
    assert [e.profile for e in without] == [e.profile for e in with_c]
    assert without.extra["maximal_nash_subsets"] == with_c.extra["maximal_nash_subsets"]
