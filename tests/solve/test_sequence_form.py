"""The sequence form and its Nash solvers: Kuhn poker, pygambit on random trees, big trees."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import NotApplicableError, SolverError, ValidationError
from gametheory.games.catalog import kuhn_poker
from gametheory.io.efg import format_efg
from gametheory.solve.lemke import lemke
from gametheory.solve.sequence_form import sequence_form
from gametheory.solve.sequence_form_nash import sequence_form_nash

pygambit = pytest.importorskip("pygambit")


def random_tree(seed: int, depth: int = 4, zero_sum: bool = False, branching: int = 2) -> gt.ExtensiveFormGame:
    """A random two-player tree with perfect recall: a fixed mover per depth (chance at
    depth 0), each player seeing a fixed random subset of the earlier moves of others.
    An information set is (depth, own moves, moves seen), so recall is perfect."""
    rng = random.Random(seed)
    movers = ["chance"] + [rng.choice(["A", "B"]) for _ in range(depth - 1)]
    seen = {(p, k): rng.random() < 0.5 for p in "AB" for k in range(depth)}

    def build(d: int, history: tuple[tuple[str, str], ...]) -> object:
        if d == depth:
            a = rng.randint(-5, 5)
            return gt.Terminal([a, -a] if zero_sum else [a, rng.randint(-5, 5)])
        acts = [f"a{d}{k}" for k in range(branching)]
        if movers[d] == "chance":
            weights = [rng.randint(1, 4) for _ in acts]
            return gt.Chance({a: (Fraction(w, sum(weights)), build(d + 1, (*history, ("chance", a))))
                              for a, w in zip(acts, weights)})
        who = movers[d]
        view = tuple(a if (m == who or seen[(who, k)]) else "?" for k, (m, a) in enumerate(history))
        label = f"{who}{d}|{','.join(view)}"
        return gt.Decision(who, label, {a: build(d + 1, (*history, (who, a))) for a in acts})

    return gt.ExtensiveFormGame(build(0, ()), players=["A", "B"])


def gambit_regret(tree: gt.ExtensiveFormGame, sol, tmp_path) -> object:
    """pygambit's exact max_regret of our profile on the same tree written as .efg."""
    path = tmp_path / "tree.efg"
    path.write_text(format_efg(tree))
    pg = pygambit.read_efg(str(path))
    prof = pg.mixed_behavior_profile(rational=True)
    for beh in sol[0].behavior:
        for label, dist in beh.items():
            node = tree.paths[tree.infosets[label].members[0]]
            prof.set_mixed_action(pygambit.H.path(*node), {a: str(v) for a, v in dist.items()})
    return prof.max_regret(), pg


def test_lemke_small_lcp_solution_is_complementary():
    M = [[2, 1], [1, 2]]
    z, _ = lemke(M, [-5, -6])
    w = [q + sum(m * x for m, x in zip(row, z)) for q, row in zip([-5, -6], M)]
    assert all(v >= 0 for v in z + w) and sum(a * b for a, b in zip(z, w)) == 0


def test_lemke_reports_a_ray():
    # w = -1 + 0 z can never be nonnegative: no solution, Lemke ends on a ray.
    with pytest.raises(SolverError):
        lemke([[0]], [-1])


def test_sequence_form_of_kuhn_poker_has_linear_size():
    sf = sequence_form(kuhn_poker())
    # 6 information sets with 2 actions each, plus the empty sequence (KMvS 1996, Sec. 3).
    assert [len(s) for s in sf.sequences] == [13, 13]
    assert len(sf.E) == len(sf.F) == 7
    # x P y = 1 for any plans: the chance weights of the leaves sum to 1.
    uniform = {h: {"Check": Fraction(1, 2), "Bet": Fraction(1, 2), "Fold": Fraction(1, 2), "Call": Fraction(1, 2)}
               for h in sf.infosets[0] + sf.infosets[1]}
    x = sf.plan(0, {h: {a: uniform[h][a] for a in ("Check", "Bet", "Fold", "Call") if (h, a) in sf.sequences[0]}
                    for h in sf.infosets[0]})
    y = sf.plan(1, {h: {a: uniform[h][a] for a in ("Check", "Bet", "Fold", "Call") if (h, a) in sf.sequences[1]}
                    for h in sf.infosets[1]})
    xPy = sum(xi * p * yj for xi, row in zip(x, sf.P) for p, yj in zip(row, y))
    assert xPy == 1


def test_kuhn_poker_value_is_minus_one_eighteenth():
    # Kuhn (1950), "A simplified two-person poker": the game's value to player 1 is -1/18.
    sol = sequence_form_nash(kuhn_poker())
    assert sol.exact and sol.method.startswith("sequence-form Lemke")
    assert sol[0].payoffs == (sp.Rational(-1, 18), sp.Rational(1, 18))
    # The payoffs agree with the tree's own evaluation of the behaviour profile.
    assert kuhn_poker().play(sol[0].behavior_profile()).payoffs == sol[0].payoffs
    # Kuhn's equilibrium family: player 1 bets a third as often with J as with K ...
    b1 = sol[0].behavior[0]
    assert b1["1:J"]["Bet"] * 3 == b1["1:K"]["Bet"]
    # ... and player 2's strategy is unique: call a bet with Q 1/3, bet with J after a check 1/3.
    b2 = sol[0].behavior[1]
    assert (b2["2:Q:bet"]["Call"], b2["2:J:check"]["Bet"], b2["2:K:bet"]["Call"]) == (sp.Rational(1, 3),) * 2 + (1,)


def test_kuhn_poker_by_lp_matches_the_value():
    sol = sequence_form_nash(kuhn_poker(), method="lp")
    assert sol.extra["values"][0] == pytest.approx(-1 / 18, abs=1e-9)
    # HiGHS's floating-point plans, rounded, pass the exact regret check: exact value.
    assert sol.exact and sol.extra["certified"]
    assert sol[0].payoffs == (sp.Rational(-1, 18), sp.Rational(1, 18))


@pytest.mark.parametrize("seed", range(4))
def test_random_trees_equilibrium_has_zero_regret_in_pygambit(seed, tmp_path):
    tree = random_tree(seed, depth=5)
    assert not tree.is_perfect_information
    sol = sequence_form_nash(tree)
    regret, pg = gambit_regret(tree, sol, tmp_path)
    assert regret == 0
    # Our payoffs are those pygambit computes for the same profile.
    assert sol.extra["regrets"] == ("0", "0")


@pytest.mark.parametrize("seed", range(4))
def test_random_zero_sum_trees_value_matches_pygambit_lcp(seed, tmp_path):
    tree = random_tree(100 + seed, depth=5, zero_sum=True)
    sol = sequence_form_nash(tree)
    regret, pg = gambit_regret(tree, sol, tmp_path)
    assert regret == 0
    ref = pygambit.nash.lcp_solve(pg, rational=True).equilibrium
    # The value of a zero-sum game is unique: Gambit's equilibrium must give the same.
    assert Fraction(str(ref.payoff("A") if hasattr(ref, "payoff") else ref.payoffs["A"])) == Fraction(
        str(sol[0].payoffs[0]))
    lp = sequence_form_nash(tree, method="lp")
    assert float(lp[0].payoffs[0]) == pytest.approx(float(sol[0].payoffs[0]), abs=1e-8)
    if lp.exact:
        assert lp[0].payoffs[0] == sol[0].payoffs[0]


def reduced_strategy_count(sf, pl: int) -> int:
    """Reduced pure strategies from the sequence tree: at a sequence, the product over
    the sets that follow it of the sum over their actions (von Stengel 1996, Sec. 2)."""
    index = sf.sequence_index(pl)
    count = [1] * len(sf.sequences[pl])
    for h in reversed(range(len(sf.infosets[pl]))):
        label = sf.infosets[pl][h]
        count[sf.parent[pl][h]] *= sum(count[index[s]] for s in sf.sequences[pl] if s and s[0] == label)
    return count[0]


def test_tree_too_large_for_the_reduced_normal_form():
    tree = random_tree(9, depth=7)
    sf = sequence_form(tree)
    sizes = [reduced_strategy_count(sf, pl) for pl in (0, 1)]
    assert sizes[0] * sizes[1] > 10**8  # the reduced normal form is out of reach
    assert sum(len(s) for s in sf.sequences) < 600  # the sequence form is not
    sol = sequence_form_nash(tree)
    assert sol.extra["regrets"] == ("0", "0")


def test_reduced_strategy_count_matches_the_tree():
    tree = random_tree(3, depth=4)
    sf = sequence_form(tree)
    assert [reduced_strategy_count(sf, pl) for pl in (0, 1)] == [len(tree.reduced_strategies(p)) for p in (0, 1)]


def test_bad_input_is_named():
    three = gt.ExtensiveFormGame(gt.Decision("A", "a", {"x": gt.Terminal([1, 2, 3])}), players=["A", "B", "C"])
    with pytest.raises(NotApplicableError, match="two-player"):
        sequence_form_nash(three)
    with pytest.raises(ValidationError, match="unknown method"):
        sequence_form_nash(kuhn_poker(), method="simplex")
    with pytest.raises(NotApplicableError, match="zero-sum"):
        sequence_form_nash(random_tree(1, depth=3), method="lp")
    forgetful = gt.ExtensiveFormGame(gt.Decision("A", "a", {
        "x": gt.Decision("A", "b", {"l": gt.Terminal([1, 0]), "r": gt.Terminal([0, 0])}),
        "y": gt.Decision("A", "b", {"l": gt.Terminal([0, 0]), "r": gt.Terminal([1, 0])})}), players=["A", "B"])
    with pytest.raises(ValidationError, match="perfect recall"):
        sequence_form_nash(forgetful)


@pytest.mark.parametrize("seed", range(3))
def test_behaviour_profile_is_a_nash_equilibrium_of_the_reduced_normal_form(seed):
    # Kuhn's theorem: the behaviour profile's mixed equivalent has zero regret against
    # every reduced pure strategy of the strategic form the tree builds on its own.
    tree = random_tree(200 + seed, depth=4)
    sol = sequence_form_nash(tree)
    nf = tree.to_normal_form()
    mixed = []
    for pl, beh in enumerate(sol[0].behavior):
        probs = []
        for strat in tree.reduced_strategies(pl):
            p = sp.Integer(1)
            for h, a in strat.items():
                p *= beh[h][a]
            probs.append(p)
        mixed.append(probs)
    assert sum(mixed[0]) == 1 and sum(mixed[1]) == 1
    value = nf.expected_payoffs(mixed)
    assert tuple(value) == tuple(sol[0].payoffs)
    for i in range(nf.shape[0]):
        pure = [[int(k == i) for k in range(nf.shape[0])], mixed[1]]
        assert nf.expected_payoffs(pure)[0] <= value[0]
    for j in range(nf.shape[1]):
        pure = [mixed[0], [int(k == j) for k in range(nf.shape[1])]]
        assert nf.expected_payoffs(pure)[1] <= value[1]


def test_solution_serialises_exactly():
    import json

    data = json.loads(json.dumps(sequence_form_nash(kuhn_poker()).to_json_dict()))
    assert data["exact"] is True and data["summary"]["equilibria"][0]["payoffs"] == {"1": "-1/18", "2": "1/18"}
