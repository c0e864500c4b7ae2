import pytest
import sympy as sp

from gametheory import CoalitionalGame, ValidationError, WeightedVotingGame


def test_mapping_accepts_tuples_sets_and_single_names():
    g = CoalitionalGame(["A", "B"], {"A": 1, frozenset({"B"}): "1/2", ("A", "B"): 3})
    assert g.value(("B",)) == sp.Rational(1, 2)
    assert g.value({"A", "B"}) == 3
    assert g.value(()) == 0


def test_missing_coalition_is_a_clear_error():
    with pytest.raises(ValidationError, match=r"no value for coalition\(s\) \{B\}"):
        CoalitionalGame(["A", "B"], {"A": 1, ("A", "B"): 3})


def test_unknown_player_and_nonzero_empty_coalition():
    with pytest.raises(ValidationError, match="unknown player"):
        CoalitionalGame(["A"], {"A": 1, "Z": 2})
    with pytest.raises(ValidationError, match="empty coalition must be worth 0"):
        CoalitionalGame(["A"], {"A": 1, (): 2})


def test_formula_values_and_subs():
    a = sp.Symbol("a_coal", positive=True)
    g = CoalitionalGame(["A", "B"], {"A": 0, "B": 0, ("A", "B"): a})
    assert g.parameters == (a,)
    assert g.subs({a: 4}).value(("A", "B")) == 4


def test_weighted_voting_and_properties():
    g = WeightedVotingGame({"A": 3, "B": 2, "C": 1}, quota=4)
    assert g.is_winning(("A", "C")) and not g.is_winning(("B", "C"))
    assert g.is_superadditive()
    with pytest.raises(ValidationError, match="quota"):
        WeightedVotingGame([1, 1], quota=0)


def test_convexity_of_unanimity_game():
    g = CoalitionalGame(["A", "B", "C"], lambda s: int(len(s) == 3))
    assert g.is_convex()
