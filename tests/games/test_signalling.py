import pytest
import sympy as sp

from gametheory import SignallingGame, ValidationError, pure_nash
from gametheory.solve.pbe import beer_quiche


def _payoffs(t, m, r):
    return (int(r == "yes") - int(m == "costly" and t == "low"), int((t == "high") == (r == "yes")))


def test_prior_must_sum_to_one():
    with pytest.raises(ValidationError, match="sum to 1; it sums to 9/10"):
        SignallingGame(["a", "b"], {"a": "1/2", "b": "2/5"}, ["m"], ["r"], lambda t, m, r: (0, 0))
    p = sp.Symbol("p_sig", positive=True)
    with pytest.raises(ValidationError, match="sum to 1"):
        SignallingGame(["a", "b"], [p, p], ["m"], ["r"], lambda t, m, r: (0, 0))
    # a parametric prior that does sum to 1 is fine
    SignallingGame(["a", "b"], [p, 1 - p], ["m"], ["r"], lambda t, m, r: (0, 0))


def test_missing_payoff_and_unknown_type():
    with pytest.raises(ValidationError, match="no payoffs for"):
        SignallingGame(["a"], [1], ["m"], ["r", "s"], {("a", "m", "r"): (0, 0)})
    with pytest.raises(ValidationError, match="unknown type"):
        SignallingGame(["a"], {"a": 1, "z": 0}, ["m"], ["r"], lambda t, m, r: (0, 0))


def test_costs_are_subtracted_and_subs():
    c = sp.Symbol("c_sig", positive=True)
    g = SignallingGame(["low", "high"], ["1/2", "1/2"], ["cheap", "costly"], ["yes", "no"], _payoffs,
                       costs={("low", "costly"): c})
    assert g.payoff("low", "costly", "yes") == (1 - 1 - c, 0)
    assert g.parameters == (c,)
    assert g.subs({c: 2}).payoff("low", "costly", "no") == (-3, 1)


def test_normal_form_of_beer_quiche():
    # Cho and Kreps (1987): the two pooling outcomes are the pure Nash equilibria.
    nf = beer_quiche().to_normal_form()
    assert nf.shape == (4, 4)
    labels = {e.pure_profile for e in pure_nash(nf)}
    assert labels == {("weak->beer, strong->beer", "beer->not, quiche->duel"),
                      ("weak->quiche, strong->quiche", "beer->duel, quiche->not")}


def test_extensive_form_has_chance_at_root():
    tree = beer_quiche().to_extensive_form()
    assert tree.players == ("Sender", "Receiver")
    assert len(tree.infosets) == 5  # chance, two sender types, two receiver messages
