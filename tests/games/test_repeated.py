"""RepeatedGame and its monitoring structures: construction, validation, substitution."""

import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import ParameterError, ValidationError

PD = gt.NormalFormGame.from_arrays(
    [[3, 0], [4, 1]], [[3, 4], [0, 1]], strategies=[["C", "D"], ["C", "D"]]
)


@pytest.mark.parametrize("bad", [0, 1, "3/2", -1, 1.0])
def test_discount_factor_outside_unit_interval_is_rejected(bad):
    with pytest.raises(ParameterError, match=r"discount factor must lie in \(0, 1\)"):
        gt.RepeatedGame(PD, bad)


@pytest.mark.parametrize("bad", ["-1/10", "11/10", 2])
def test_noise_outside_unit_interval_is_rejected(bad):
    with pytest.raises(ParameterError, match=r"must lie in \[0, 1\]"):
        gt.PrivateNoise(bad)
    with pytest.raises(ParameterError, match=r"must lie in \[0, 1\]"):
        gt.PublicSignal.green_porter(bad, "1/2", ("C", "C"))


def test_public_signal_must_cover_every_profile_without_default():
    sig = gt.PublicSignal({("C", "C"): "9/10", ("C", "D"): "1/2", ("D", "C"): "1/2"})
    with pytest.raises(ValidationError, match=r"\(D, D\)"):
        gt.RepeatedGame(PD, "1/2", monitoring=sig)


def test_horizon_and_profile_validation():
    with pytest.raises(ValidationError, match="horizon"):
        gt.RepeatedGame(PD, "1/2", horizon=0)
    rg = gt.RepeatedGame(PD, "1/2")
    with pytest.raises(ValidationError, match="one automaton per player"):
        rg.check_profile((gt.grim_trigger(),))
    with pytest.raises(ValidationError, match="public signal"):
        rg.check_profile((gt.signal_trigger(), gt.signal_trigger()))
    with pytest.raises(ValidationError, match="'Cooperate', which is not one of"):
        rg.check_profile((gt.grim_trigger("Cooperate", "D"), gt.grim_trigger()))
    three = gt.NormalFormGame([[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]] * 3, strategies=[["C", "D"]] * 3)
    with pytest.raises(ValidationError, match="defined for 2 players"):
        gt.RepeatedGame(three, "1/2").check_profile((gt.win_stay_lose_shift(),) * 3)


def test_private_noise_flips_in_two_action_games_and_spreads_otherwise():
    noise = gt.PrivateNoise("1/10")
    dist = dict(noise.observation_distribution(PD, (0, 1), observer=0))
    # own action seen exactly; the other's flipped with probability 1/10
    assert dist == {("C", "D"): sp.Rational(9, 10), ("C", "C"): sp.Rational(1, 10)}
    rps = gt.NormalFormGame.from_arrays([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
                                        strategies=[["R", "P", "S"]] * 2)
    dist = dict(noise.observation_distribution(rps, (0, 0), observer=1))
    assert dist == {("R", "R"): sp.Rational(9, 10), ("P", "R"): sp.Rational(1, 20),
                    ("S", "R"): sp.Rational(1, 20)}


def test_parameters_and_subs():
    d = gt.parameter("delta_rg", kind="discount")
    e = gt.parameter("eps_rg", kind="probability")
    rg = gt.RepeatedGame(PD, d, monitoring=gt.PrivateNoise(e))
    assert rg.parameters == (d, e)
    num = rg.subs({d: "1/2", e: "1/10"})
    assert num.discount_factor == sp.Rational(1, 2) and num.monitoring.error == sp.Rational(1, 10)
    assert num.is_exact and not gt.RepeatedGame(PD, 0.5).is_exact
    with pytest.raises(ParameterError):
        rg.subs({d: 2})


def test_to_extensive_form_unrolls_rounds_with_simultaneous_moves():
    tree = gt.RepeatedGame(PD, "1/2", horizon=2).to_extensive_form()
    assert len(tree.terminals) == 16  # four profiles in each of two rounds
    # Column does not see Row's move within a round: one information set per history
    assert len([h for h in tree.infosets.values() if h.player == "Column"]) == 1 + 4
    path = tree.index_of(("C", "D", "D", "D"))
    assert tree.node(path).payoffs == (0 + sp.Rational(1, 2) * 1, 4 + sp.Rational(1, 2) * 1)
    with pytest.raises(ValidationError, match="finite horizon"):
        gt.RepeatedGame(PD, "1/2").to_extensive_form()
    with pytest.raises(ValidationError, match="max_leaves"):
        gt.RepeatedGame(PD, "1/2", horizon=12).to_extensive_form()
