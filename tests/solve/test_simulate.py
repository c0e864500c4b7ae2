"""Seeded vectorised simulation: reproducibility, shapes, and convergence to exact values."""

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import ParameterError, ValidationError

PD = gt.NormalFormGame.from_arrays(
    [[3, 0], [4, 1]], [[3, 4], [0, 1]], strategies=[["C", "D"], ["C", "D"]]
)


def test_same_seed_same_history_and_generator_accepted():
    rg = gt.RepeatedGame(PD, "9/10", monitoring=gt.PrivateNoise("1/10"))
    prof = (gt.generous_tit_for_tat("1/3"), gt.grim_trigger())
    a = gt.simulate(rg, prof, rounds=40, runs=50, seed=7)
    b = gt.simulate(rg, prof, rounds=40, runs=50, seed=7)
    c = gt.simulate(rg, prof, rounds=40, runs=50, seed=np.random.default_rng(7))
    d = gt.simulate(rg, prof, rounds=40, runs=50, seed=8)
    for x in (b, c):
        assert np.array_equal(a.actions, x.actions) and np.array_equal(a.states, x.states)
        assert np.array_equal(a.payoffs, x.payoffs)
    assert not np.array_equal(a.actions, d.actions)
    assert a.actions.shape == a.payoffs.shape == a.states.shape == (50, 40, 2)


def test_perfect_monitoring_is_deterministic_and_matches_automata():
    rg = gt.RepeatedGame(PD, "1/2")
    h = gt.simulate(rg, (gt.tit_for_tat(), gt.always_defect()), rounds=5, runs=3, seed=0)
    # TFT cooperates once, then copies D for ever
    assert h.action_profiles()[0].tolist() == ["C,D"] + ["D,D"] * 4
    assert h.payoffs[0, :, 0].tolist() == [0.0, 1.0, 1.0, 1.0, 1.0]
    assert h.summary_json(limit=1)["actions"][0][0] == ["C", "D"]


def test_simulated_average_converges_to_exact_value():
    # Statistical test, seeded: 4000 runs of 150 rounds at delta = 4/5 (tail 4/5^150 ~ 3e-15);
    # the mean must lie within 4 standard errors of the exact value.
    rg = gt.RepeatedGame(PD, "4/5", monitoring=gt.PrivateNoise("1/10"))
    prof = (gt.grim_trigger(), gt.generous_tit_for_tat("1/3"))
    exact = [float(v) for v in gt.repeated_values(rg, prof).initial_values]
    h = gt.simulate(rg, prof, rounds=150, runs=4000, seed=2024)
    avg = h.discounted_average()
    se = avg.std(axis=0, ddof=1) / np.sqrt(avg.shape[0])
    assert np.all(np.abs(avg.mean(axis=0) - exact) <= 4 * se)


def test_cooperation_lasts_geometric_time_under_false_alarms():
    # Grim trigger with private noise e: cooperation survives a round when neither
    # player misperceives, probability (1 - e)^2; the first non-cooperative round T >= 1
    # is geometric with mean 1 / (1 - (1 - e)^2). Public signal (Green-Porter): mean
    # 1 / (1 - p). Seeded; tolerance 4 standard errors of the geometric law.
    rg = gt.RepeatedGame(PD, "9/10", monitoring=gt.PrivateNoise("1/10"))
    dur = gt.cooperation_durations(gt.simulate(rg, (gt.grim_trigger(),) * 2, 400, runs=5000, seed=5))
    r = 1 - 0.9**2
    assert abs(dur.mean() - 1 / r) <= 4 * np.sqrt(1 - r) / r / np.sqrt(5000)
    mon = gt.PublicSignal.green_porter("19/20", "1/2", ("C", "C"))
    h = gt.simulate(gt.RepeatedGame(PD, "9/10", monitoring=mon), (gt.signal_trigger(),) * 2,
                    400, runs=5000, seed=6)
    dur = gt.cooperation_durations(h, ("C", "C"))
    r = 1 / 20
    assert abs(dur.mean() - 1 / r) <= 4 * np.sqrt(1 - r) / r / np.sqrt(5000)
    assert h.signals is not None and h.signals.shape == (5000, 400)


def test_bad_simulation_input():
    rg = gt.RepeatedGame(PD, "1/2")
    with pytest.raises(ValidationError, match="rounds"):
        gt.simulate(rg, (gt.grim_trigger(),) * 2, rounds=0)
    with pytest.raises(ParameterError, match=r"\[0, 1\]"):
        gt.simulate(rg, (gt.grim_trigger(),) * 2, rounds=5, noise=1.5)
    d = gt.parameter("delta_sim", kind="discount")
    h = gt.simulate(gt.RepeatedGame(PD, d), (gt.grim_trigger(),) * 2, rounds=3, seed=0)
    with pytest.raises(ValidationError, match="discount_factor="):
        h.discounted_average()
    assert h.discounted_average(0.5)[0, 0] == pytest.approx(3 * (1 - 0.5**3))
    e = gt.parameter("eps_sim", kind="probability")
    with pytest.raises(ValidationError, match="subs"):
        gt.simulate(gt.RepeatedGame(PD, "1/2", monitoring=gt.PrivateNoise(e)),
                    (gt.grim_trigger(),) * 2, rounds=3)


def test_noise_with_three_actions_spreads_uniformly():
    # An automaton whose state records the other's observed action: under PrivateNoise(3/10)
    # with three actions the other's R is seen as R w.p. 7/10 and as P, S w.p. 3/20 each.
    rps = gt.NormalFormGame.from_arrays([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
                                        strategies=[["R", "P", "S"]] * 2)
    rec = gt.Automaton("record", ("R", "P", "S"), "R", {"R": "R", "P": "R", "S": "R"},
                       {s: (lambda o, me: o[1 - me]) for s in ("R", "P", "S")})
    h = gt.simulate(gt.RepeatedGame(rps, "1/2", monitoring=gt.PrivateNoise("3/10")), (rec, rec),
                    2, runs=40000, seed=11)
    freq = np.bincount(h.states[:, 1, 0], minlength=3) / 40000
    se = np.sqrt(0.7 * 0.3 / 40000)
    assert np.all(np.abs(freq - [0.7, 0.15, 0.15]) <= 4 * se)
