"""Exact values, subgame perfection and discount thresholds of automaton profiles."""

from fractions import Fraction

import pytest
import sympy as sp

import gametheory as gt
from gametheory.solve.repeated import joint_markov_chain

T, R, P, S = sp.symbols("T R P S", real=True)
ORDER = [T > R, R > P, P > S]
DELTA = gt.parameter("delta", kind="discount")
SYM_PD = gt.NormalFormGame.from_arrays(
    [[R, S], [T, P]], [[R, T], [S, P]], strategies=[["C", "D"], ["C", "D"]]
)
# (T, R, P, S) = (4, 3, 1, 0)
PD = SYM_PD.subs({T: 4, R: 3, P: 1, S: 0})


def test_grim_trigger_threshold_is_T_minus_R_over_T_minus_P():
    # Friedman (1971); Mailath and Samuelson (2006), Repeated Games and Reputations, §2.4.1:
    # grim trigger is subgame perfect in the PD iff delta >= (T - R) / (T - P).
    res = gt.discount_threshold(gt.RepeatedGame(SYM_PD, DELTA), (gt.grim_trigger(),) * 2,
                                assumptions=ORDER)
    assert sp.simplify(res.threshold - (T - R) / (T - P)) == 0
    assert res.upper is None
    num = gt.discount_threshold(gt.RepeatedGame(PD, "1/2"), (gt.grim_trigger(),) * 2)
    assert num.threshold == sp.Rational(1, 3)
    assert num.region == sp.Interval.Ropen(sp.Rational(1, 3), 1)


def test_grim_trigger_spe_check_numbers_and_symbols():
    prof = (gt.grim_trigger(),) * 2
    assert gt.is_subgame_perfect(gt.RepeatedGame(PD, "1/3"), prof).holds
    bad = gt.is_subgame_perfect(gt.RepeatedGame(PD, "1/4"), prof)
    assert not bad.holds
    assert {(d.player, d.state, d.action) for d in bad.deviations} == {
        ("Row", ("cooperate", "cooperate"), "D"), ("Column", ("cooperate", "cooperate"), "D")}
    # gain of deviating at delta = 1/4: (1-d)T + dP - R = 3 + 1/4 - 3 - ... exact
    assert bad.deviations[0].gain == sp.Rational(3, 4) * 4 + sp.Rational(1, 4) - 3
    sym = gt.is_subgame_perfect(gt.RepeatedGame(SYM_PD, DELTA), prof, assumptions=ORDER)
    assert sym.holds is None
    assert sp.simplify(sym.condition.rhs - (T - R) / (T - P)) == 0 and sym.condition.lhs == DELTA
    pw = sym.as_piecewise()
    point = {T: 4, R: 3, P: 1, S: 0}
    assert pw.at({**point, DELTA: sp.Rational(1, 2)}) is True
    assert pw.at({**point, DELTA: sp.Rational(1, 5)}) is False


def test_all_joint_states_includes_unreachable_ones():
    # (cooperate, punish) arises from no history under perfect monitoring; checking it
    # anyway finds a deviation no subgame exhibits.
    rg = gt.RepeatedGame(PD, "1/2")
    assert not gt.is_subgame_perfect(rg, (gt.grim_trigger(),) * 2, states="all").holds


def test_tit_for_tat_conditions():
    # Kalai, Samet and Stanford (1988), "A note on reactive equilibria in the discounted
    # prisoner's dilemma", GEB 5(1): tit-for-tat is subgame perfect only on a knife edge.
    # Derivation (one-shot deviations at the four joint states, values
    # V_CC = R, V_DD = P, V_DC = (T + d S)/(1 + d), V_CD = (S + d T)/(1 + d)):
    #   at (C,C): R >= (1-d) T + d V_CD   <=>  d >= (T - R)/(R - S)
    #   at (D,C): V_DC >= R                <=>  d <= (T - R)/(R - S)
    #   at (C,D): V_CD >= P                <=>  d >= (P - S)/(T - P)
    #   at (D,D): P >= (1-d) S + d V_DC    <=>  d <= (P - S)/(T - P)
    # The Nash condition (Axelrod 1984) is tested in test_tit_for_tat_nash_condition_axelrod.
    res = gt.is_subgame_perfect(gt.RepeatedGame(SYM_PD, DELTA), (gt.tit_for_tat(),) * 2,
                                assumptions=ORDER)
    got = {(type(c).__name__, sp.simplify(c.rhs)) for c in res.condition.args}
    want = {(kind, sp.simplify(b)) for kind in ("GreaterThan", "LessThan")
            for b in ((T - R) / (R - S), (P - S) / (T - P))}
    assert {(k, sp.factor(b)) for k, b in got} == {(k, sp.factor(b)) for k, b in want}
    # (T, R, P, S) = (4, 3, 1, 0): both bounds equal 1/3, so only delta = 1/3 works
    num = gt.discount_threshold(gt.RepeatedGame(PD, "1/2"), (gt.tit_for_tat(),) * 2)
    assert num.region == sp.FiniteSet(sp.Rational(1, 3)) and num.threshold == sp.Rational(1, 3)
    # (5, 3, 1, 0): (T-R)/(R-S) = 2/3 but (P-S)/(T-P) = 1/4: no discount factor works
    other = SYM_PD.subs({T: 5, R: 3, P: 1, S: 0})
    none = gt.discount_threshold(gt.RepeatedGame(other, "1/2"), (gt.tit_for_tat(),) * 2)
    assert none.threshold is None and "no discount factor" in none.reason


def test_green_porter_threshold():
    # Mailath and Samuelson (2006), §7.2: in the PD with u(C,C)=2, u(D,C)=3, u(D,D)=0,
    # u(C,D)=-1 monitored by a public signal (good w.p. p under (C,C), q otherwise),
    # grim trigger on the bad signal is a PPE iff delta >= 1 / (3p - 2q). In general
    # (derived): delta >= (T - R) / (p (T - P) - q (R - P)).
    p = gt.parameter("p", kind="probability")
    q = gt.parameter("q", kind="probability")
    ms = SYM_PD.subs({T: 3, R: 2, P: 0, S: -1})
    mon = gt.PublicSignal.green_porter(p, q, ("C", "C"))
    res = gt.discount_threshold(gt.RepeatedGame(ms, DELTA, monitoring=mon),
                                (gt.signal_trigger(),) * 2, assumptions=[p > q])
    assert sp.simplify(res.threshold - 1 / (3 * p - 2 * q)) == 0
    gen = gt.discount_threshold(gt.RepeatedGame(SYM_PD, DELTA, monitoring=mon),
                                (gt.signal_trigger(),) * 2,
                                assumptions=ORDER + [p * (T - P) > q * (R - P)])
    assert sp.simplify(gen.threshold - (T - R) / (p * (T - P) - q * (R - P))) == 0
    # with numbers: p = 9/10, q = 1/2 -> 1 / (27/10 - 1) = 10/17
    num_mon = gt.PublicSignal.green_porter("9/10", "1/2", ("C", "C"))
    num = gt.discount_threshold(gt.RepeatedGame(ms, "1/2", monitoring=num_mon),
                                (gt.signal_trigger(),) * 2)
    assert num.threshold == sp.Rational(10, 17)


def test_limited_punishment_threshold():
    # Mailath and Samuelson (2006), §2.4.3 (derived the same way): k rounds of mutual
    # defection deter iff T - R <= (R - P)(delta + ... + delta^k); for k = 1 that is
    # delta >= (T - R)/(R - P).
    res = gt.discount_threshold(gt.RepeatedGame(SYM_PD, DELTA), (gt.limited_punishment(1),) * 2,
                                assumptions=ORDER)
    assert sp.simplify(res.threshold - (T - R) / (R - P)) == 0
    num = gt.discount_threshold(gt.RepeatedGame(PD, "1/2"), (gt.limited_punishment(2),) * 2)
    # 1 <= 2 (d + d^2)  ->  d >= (sqrt(3) - 1) / 2
    assert sp.simplify(num.threshold - (sp.sqrt(3) - 1) / 2) == 0


def _brute_force(game, profile, rounds):
    """Expected normalised discounted payoff over ``rounds`` rounds by propagating the
    distribution over joint states exactly (independent of the linear solve)."""
    states, Pm, U = joint_markov_chain(game, profile)
    d = Fraction(str(game.discount_factor))
    dist = [Fraction(0)] * len(states)
    dist[states.index(tuple(a.initial for a in profile))] = Fraction(1)
    Pf = [[Fraction(str(Pm[i, j])) for j in range(len(states))] for i in range(len(states))]
    Uf = [[Fraction(str(U[i, k])) for k in range(U.shape[1])] for i in range(len(states))]
    total = [Fraction(0)] * U.shape[1]
    w = Fraction(1)
    for _ in range(rounds):
        for k in range(U.shape[1]):
            total[k] += w * sum(dist[i] * Uf[i][k] for i in range(len(states)))
        dist = [sum(dist[i] * Pf[i][j] for i in range(len(states))) for j in range(len(states))]
        w *= d
    return [(1 - d) * t for t in total], w


@pytest.mark.parametrize("profile", [
    (gt.tit_for_tat(), gt.always_defect()),
    (gt.win_stay_lose_shift(), gt.grim_trigger()),
    (gt.limited_punishment(2), gt.generous_tit_for_tat("1/4")),
])
@pytest.mark.parametrize("noise", [None, gt.PrivateNoise("1/10")])
def test_exact_values_match_long_discounted_sum(profile, noise):
    game = gt.RepeatedGame(PD, "3/5", monitoring=noise)
    exact = gt.repeated_values(game, profile).initial_values
    approx, tail = _brute_force(game, profile, 120)
    for v, a in zip(exact, approx):
        # the truncated tail is at most delta^N * max |u| = delta^N * 4
        assert abs(Fraction(str(v)) - a) <= 4 * tail


def test_symbolic_values_in_delta_and_noise():
    eps = gt.parameter("eps", kind="probability")
    game = gt.RepeatedGame(PD, DELTA, monitoring=gt.PrivateNoise(eps))
    v = gt.repeated_values(game, (gt.grim_trigger(),) * 2)
    # no noise: cooperation for ever, value R = 3
    assert sp.simplify(v.initial_values[0].subs(eps, 0)) == 3
    # against the direct computation at a point
    point = gt.repeated_values(game.subs({DELTA: "1/2", eps: "1/5"}), (gt.grim_trigger(),) * 2)
    assert sp.simplify(v.initial_values[0].subs({DELTA: sp.Rational(1, 2), eps: sp.Rational(1, 5)})
                       - point.initial_values[0]) == 0
    assert v.warnings and "private monitoring" in v.warnings[0]
    assert v.summary_json()["values"][0]["state"] == ["cooperate", "cooperate"]


def test_multilateral_grim_trigger_three_players():
    # three-player PD: each cooperator gets 2 per cooperating other, pays 3 (n-player PD);
    # grim trigger threshold: R = 4 against T = 4 + 3 - ... computed directly: a defector
    # gains 3 once and loses 4 per round later -> delta >= 3/4 * ... see below.
    def payoff(i, prof):
        others = sum(1 for j, a in enumerate(prof) if j != i and a == 0)
        return 2 * others - (3 if prof[i] == 0 else 0) + 3
    import numpy as np
    arr = np.empty((3, 2, 2, 2), dtype=object)
    for prof in np.ndindex(2, 2, 2):
        for i in range(3):
            arr[(i, *prof)] = payoff(i, prof)
    stage = gt.NormalFormGame(arr, strategies=[["C", "D"]] * 3)
    res = gt.discount_threshold(gt.RepeatedGame(stage, "1/2"), (gt.grim_trigger(),) * 3)
    # R = 4 + 3 - 3 = 4, T = 4 + 3 = 7, P = 3: (T - R)/(T - P) = 3/4
    assert res.threshold == sp.Rational(3, 4)


def test_finitely_repeated_pd_unravels():
    # Luce and Raiffa (1957), Games and Decisions, §5.5; Selten (1978): by backward
    # induction the finitely repeated PD has a unique SPE, defection in every round at
    # every history, so the players get sum_t delta^t P.
    game = gt.RepeatedGame(PD, "9/10", horizon=3)
    sol = gt.finite_horizon_spe(game)
    assert sol.count == 1
    (vec, count), = sol.payoff_vectors
    assert vec == (sp.Rational(271, 100),) * 2  # 1 + 9/10 + 81/100
    eq = next(sol.profiles())
    assert eq.path == ("D", "D") * 3
    assert all(eq.action(pl, h) == "D" for pl in eq.behavior for h in eq.behavior[pl])
    with pytest.raises(gt.NotApplicableError, match="spe"):
        gt.is_subgame_perfect(game, (gt.grim_trigger(),) * 2)


@pytest.mark.parametrize("payoffs,low", [
    ({T: 5, R: 3, P: 1, S: 0}, sp.Rational(2, 3)),   # (T-R)/(R-S) = 2/3 binds
    ({T: 5, R: 4, P: 0, S: -2}, sp.Rational(1, 5)),  # (T-R)/(T-P) = 1/5 binds
])
def test_tit_for_tat_nash_condition_axelrod(payoffs, low):
    # Axelrod (1984), The Evolution of Cooperation, Proposition 2 (collective stability):
    # TFT against TFT is a Nash equilibrium iff delta >= max((T-R)/(T-P), (T-R)/(R-S)).
    from gametheory.solve.repeated_nash import is_nash

    assert low == max((payoffs[T] - payoffs[R]) / sp.Integer(payoffs[T] - payoffs[P]),
                      (payoffs[T] - payoffs[R]) / sp.Integer(payoffs[R] - payoffs[S]))
    stage = SYM_PD.subs(payoffs)
    prof = (gt.tit_for_tat(),) * 2
    at = is_nash(gt.RepeatedGame(stage, low), prof)
    assert at.holds and at.values == (payoffs[R],) * 2
    below = is_nash(gt.RepeatedGame(stage, low - sp.Rational(1, 100)), prof)
    assert not below.holds and all(g > 0 for g in below.gains)
    assert is_nash(gt.RepeatedGame(stage, (1 + low) / 2), prof).holds
    # always defect is a Nash equilibrium at any delta; grim trigger from (T-R)/(T-P)
    assert is_nash(gt.RepeatedGame(stage, "1/2"), (gt.always_defect(),) * 2).holds


def test_unsigned_slope_gives_both_readings_and_assumption_resolves_it():
    # Green and Porter (1984) with symbolic signal quality: the slope g p + p - q of the
    # condition in delta has no known sign, so the threshold needs an assumption.
    import sympy as sp

    import gametheory as gt

    g = gt.parameter("g_gp_t", kind="positive")
    p = gt.parameter("p_gp_t", kind="probability")
    q = gt.parameter("q_gp_t", kind="probability")
    d = gt.parameter("d_gp_t", kind="discount")
    stage = gt.NormalFormGame.from_arrays([[1, -g], [1 + g, 0]], [[1, 1 + g], [-g, 0]],
                                          strategies=[["C", "D"], ["C", "D"]])
    game = gt.RepeatedGame(stage, d, monitoring=gt.PublicSignal.green_porter(p, q, ("C", "C")))
    profile = (gt.signal_trigger(), gt.signal_trigger())
    unsolved = gt.discount_threshold(game, profile)
    assert unsolved.threshold is None
    assert any("pass assumptions=" in w for w in unsolved.warnings)
    solved = gt.discount_threshold(game, profile, assumptions=[g * p + p - q > 0])
    assert sp.simplify(solved.threshold - g / (g * p + p - q)) == 0
