import nashpy
import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import ParameterError, ValidationError


def test_from_arrays_labels_and_payoffs_are_exact():
    g = gt.NormalFormGame.from_arrays(
        [[3, "1/2"], [5, 1]], [[3, 5], [0, 1]], players=["US", "DPRK"],
        strategies=[["Honor", "Renege"], ["Disarm", "Keep"]],
    )
    assert g.shape == (2, 2)
    assert g.payoff("US", ("Honor", "Keep")) == sp.Rational(1, 2)
    assert g.is_exact and g.is_numeric
    assert g.payoffs.flags.writeable is False


def test_single_array_is_zero_sum():
    g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]])
    assert g.payoff(1, (0, 0)) == -1


def test_three_player_game():
    a = np.arange(8).reshape(2, 2, 2)
    g = gt.NormalFormGame.from_arrays(a, a + 1, a + 2)
    assert g.players == ("P1", "P2", "P3")
    assert g.payoff("P3", (1, 1, 1)) == 9


def test_from_dict_and_nashpy_agree():
    table = {"Up": {"Left": (1, 2), "Right": (0, 0)}, "Down": {"Left": (0, 0), "Right": (2, 1)}}
    g = gt.NormalFormGame.from_dict(table)
    h = gt.NormalFormGame.from_nashpy(nashpy.Game([[1, 0], [0, 2]], [[2, 0], [0, 1]]))
    assert np.array_equal(g.float_payoffs(), h.float_payoffs())
    assert np.array_equal(g.to_nashpy().payoff_matrices[0], [[1, 0], [0, 2]])


def test_floats_make_the_game_inexact():
    g = gt.NormalFormGame.from_arrays([[0.5, 0], [0, 1]], [[1, 0], [0, 1]])
    assert not g.is_exact


def test_subs_and_parameters():
    t = gt.parameter("T_nf", description="temptation")
    g = gt.NormalFormGame.from_arrays([[3, 0], [t, 1]], [[3, t], [0, 1]])
    assert g.parameters == (t,)
    h = g.subs({"T_nf": 5})
    assert h.is_numeric and h.payoff(0, (1, 0)) == 5
    assert g.parameters == (t,)  # immutable


def test_expected_payoffs_exact():
    # Matching pennies at (1/2, 1/2): value 0 (von Neumann and Morgenstern 1944)
    mp = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]])
    assert mp.expected_payoffs([["1/2", "1/2"], {"s1": "1/3", "s2": "2/3"}]) == (0, 0)
    assert mp.expected_payoffs(["s1", "s1"]) == (1, -1)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: gt.NormalFormGame.from_arrays([[1, 2]], [[1, 2], [3, 4]]), "shape"),
        (lambda: gt.NormalFormGame.from_arrays([[1, "x"]], [[1, 2]]), r"payoff of 'Row' at \(s1, s2\)"),
        (lambda: gt.NormalFormGame.from_arrays([[1, float("nan")]], [[1, 2]]), "finite"),
        (lambda: gt.NormalFormGame.from_arrays([[1, 2]], [[1, 2]], strategies=[["a"], ["b", "b"]]), "appears twice"),
        (lambda: gt.NormalFormGame.from_arrays([[1, 2]], [[1, 2]], players=["A", "A"]), "appears twice"),
        (lambda: gt.NormalFormGame.from_arrays([[1, 2]], [[1, 2]], strategies=[["a"], ["b"]]), "2 strategies"),
        (lambda: gt.NormalFormGame.from_dict({"U": {"L": (1, 2)}, "D": {"R": (0, 0)}}), "no entry at D > L"),
        (lambda: gt.NormalFormGame.from_dict({"U": {"L": (1,)}}), "expected 2 payoffs"),
    ],
)
def test_bad_games_get_clear_errors(build, message):
    with pytest.raises((ValidationError, ParameterError), match=message):
        build()


def test_bad_mixed_profiles():
    g = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ValidationError, match="sum to 3/2"):
        g.expected_payoffs([["1/2", 1], ["1/2", "1/2"]])
    with pytest.raises(ValidationError, match="negative"):
        g.expected_payoffs([[-1, 2], ["1/2", "1/2"]])
    with pytest.raises(ValidationError, match="no strategy 'Middle'"):
        g.expected_payoffs(["Middle", "s1"])


def test_numeric_views_need_numbers():
    x = gt.parameter("x_nf")
    g = gt.NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ValidationError, match=r"free parameters \(x_nf\)"):
        g.float_payoffs()
