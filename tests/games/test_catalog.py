"""Every catalog game against the equilibria its source publishes (named per test)."""

import itertools

import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import ValidationError
from gametheory.games import catalog

R = sp.Rational


def pure_profiles(game):
    return {eq.pure_profile for eq in gt.pure_nash(game).equilibria}


def mixed_profiles(game):
    return {eq.profile for eq in gt.nash(game).equilibria}


def test_prisoners_dilemma_mutual_defection():
    # Axelrod (1984), ch. 1: defection is strictly dominant, (D, D) the only equilibrium
    game = catalog.prisoners_dilemma()
    assert pure_profiles(game) == {("Defect", "Defect")}
    assert mixed_profiles(game) == {((0, 1), (0, 1))}
    assert gt.iterated_dominance(game).surviving == {"Row": ("Defect",), "Column": ("Defect",)}


def test_battle_of_the_sexes_two_pure_one_mixed():
    # Osborne (2004), Example 116.1: (B, B), (S, S) and ((2/3, 1/3), (1/3, 2/3))
    game = catalog.battle_of_the_sexes()
    assert pure_profiles(game) == {("Bach", "Bach"), ("Stravinsky", "Stravinsky")}
    assert ((R(2, 3), R(1, 3)), (R(1, 3), R(2, 3))) in mixed_profiles(game)
    assert len(mixed_profiles(game)) == 3


def test_matching_pennies_unique_half_half():
    # Osborne (2004), Example 116.1: the unique equilibrium mixes 1/2-1/2, value 0
    solution = gt.nash(catalog.matching_pennies())
    assert [eq.profile for eq in solution.equilibria] == [((R(1, 2), R(1, 2)),) * 2]
    assert solution.equilibria[0].payoffs == (0, 0)
    assert pure_profiles(catalog.matching_pennies()) == set()


def test_chicken_one_swerves_or_both_mix_half():
    # Rapoport and Chammah (1966): asymmetric pure equilibria, symmetric mix at 1/2
    game = catalog.chicken()
    assert pure_profiles(game) == {("Swerve", "Straight"), ("Straight", "Swerve")}
    assert ((R(1, 2), R(1, 2)), (R(1, 2), R(1, 2))) in mixed_profiles(game)


def test_stag_hunt_two_pure_and_stag_with_three_quarters():
    # Skyrms (2004), ch. 1: (Stag, Stag), (Hare, Hare) and stag with probability 3/4
    game = catalog.stag_hunt()
    assert pure_profiles(game) == {("Stag", "Stag"), ("Hare", "Hare")}
    assert ((R(3, 4), R(1, 4)), (R(3, 4), R(1, 4))) in mixed_profiles(game)


@pytest.mark.parametrize(
    ("gain", "loss", "family", "expected"),
    [
        # Rapoport and Guyer (1966): the sign quadrants of the tour's dilemma
        (1, 1, "prisoner's dilemma", {("Keep", "Keep")}),
        (1, -1, "chicken", {("Disarm", "Keep"), ("Keep", "Disarm")}),
        (-1, 1, "stag hunt", {("Disarm", "Disarm"), ("Keep", "Keep")}),
        (-1, -1, "harmony", {("Disarm", "Disarm")}),
    ],
)
def test_disarmament_dilemma_families(gain, loss, family, expected):
    assert pure_profiles(catalog.disarmament_dilemma(gain, loss)) == expected, family


def test_disarmament_dilemma_symbolic_matches_numeric():
    g, ell = sp.symbols("g ell", real=True)
    game = catalog.disarmament_dilemma(g, ell)
    assert game.subs({g: 1, ell: -1}).payoffs.tolist() == \
        catalog.disarmament_dilemma(1, -1).payoffs.tolist()


@pytest.mark.parametrize("n", [2, 3, 4])
def test_volunteers_dilemma_equilibria(n):
    # Diekmann (1985), JCR 29(4): pure equilibria have exactly one volunteer; the
    # symmetric mixed equilibrium abstains with probability (c/b)^(1/(n-1))
    benefit, cost = 1, R(1, 2) ** (n - 1)  # makes the abstention probability 1/2
    game = catalog.volunteers_dilemma(n, benefit, cost)
    profiles = pure_profiles(game)
    assert len(profiles) == n
    assert all(p.count("Volunteer") == 1 for p in profiles)
    q = (cost / benefit) ** R(1, n - 1)
    assert q == R(1, 2)
    # indifference of player 1 at the symmetric mix: expected payoff of each action
    def value(action):
        total = 0
        for others in itertools.product(range(2), repeat=n - 1):
            prob = 1
            for s in others:
                prob *= q if s == 1 else 1 - q
            total += prob * game.payoffs[(0, action, *others)]
        return total
    assert value(0) == value(1)


def test_volunteers_dilemma_rejects_bad_sizes():
    with pytest.raises(ValidationError, match="integer >= 2"):
        catalog.volunteers_dilemma(1)
    with pytest.raises(ValidationError, match="at most 12"):
        catalog.volunteers_dilemma(40)


def test_entry_deterrence_spe_and_nash():
    # Osborne (2004), Example 154.1 / 164.1: Nash (In, Acquiesce) and (Out, Fight);
    # only (In, Acquiesce) is subgame perfect
    game = catalog.entry_deterrence()
    assert pure_profiles(game) == {("In", "Acquiesce"), ("Out", "Fight")}
    spe = gt.spe(game)
    assert [eq.path for eq in spe.equilibria] == [("In", "Acquiesce")]
    assert spe.equilibria[0].payoffs == (2, 1)


@pytest.mark.parametrize("rounds", [1, 2, 5, 6])
def test_centipede_stops_at_once(rounds):
    # Rosenthal (1981): the unique SPE stops at every node, payoffs (2, 0)
    spe = gt.spe(catalog.centipede(rounds))
    assert len(spe.equilibria) == 1
    eq = spe.equilibria[0]
    assert eq.path == ("Stop",)
    assert eq.payoffs == (2, 0)
    chosen = [d for sets in eq.behavior.values() for d in sets.values()]
    assert len(chosen) == rounds
    assert all(d == {"Stop": 1, "Continue": 0} for d in chosen)


def test_seltens_horse_nash_and_perfect():
    # Selten (1975), Fig. 1: the pure Nash equilibria are (D, c, L) and the profiles
    # (C, c or d, R) where player 3's R makes player 2 indifferent; no proper subgame,
    # so all are subgame perfect (only (C, c, R) is perfect)
    game = catalog.seltens_horse()
    assert pure_profiles(game) == {("C", "c", "R"), ("C", "d", "R"), ("D", "c", "L")}
    assert game.subgame_roots() == [0]


KUHN_VALUE = R(-1, 18)  # Kuhn (1950): value of the game to the first player


def kuhn_equilibrium(alpha):
    # Kuhn (1950): the first player's equilibrium family, alpha in [0, 1/3]
    first = {
        "1:J": {"Bet": alpha, "Check": 1 - alpha},
        "1:Q": "Check",
        "1:K": {"Bet": 3 * alpha, "Check": 1 - 3 * alpha},
        "1:J:check-bet": "Fold",
        "1:Q:check-bet": {"Call": alpha + R(1, 3), "Fold": R(2, 3) - alpha},
        "1:K:check-bet": "Call",
    }
    second = {
        "2:J:check": {"Bet": R(1, 3), "Check": R(2, 3)},
        "2:J:bet": "Fold",
        "2:Q:check": "Check",
        "2:Q:bet": {"Call": R(1, 3), "Fold": R(2, 3)},
        "2:K:check": "Bet",
        "2:K:bet": "Call",
    }
    return {"1": first, "2": second}


@pytest.mark.parametrize("alpha", [R(0), R(1, 6), R(1, 3)])
def test_kuhn_poker_value_and_no_profitable_deviation(alpha):
    game = catalog.kuhn_poker()
    profile = kuhn_equilibrium(alpha)
    assert game.play(profile).payoffs == (KUHN_VALUE, -KUHN_VALUE)
    # no pure strategy of either player does better against the other's behaviour
    for k, player in enumerate(("1", "2")):
        sets = sorted(profile[player])
        for actions in itertools.product(*(game.infosets[h].actions for h in sets)):
            deviation = dict(profile, **{player: dict(zip(sets, actions))})
            assert game.play(deviation).payoffs[k] <= game.play(profile).payoffs[k]


def test_kuhn_poker_value_matches_pygambit():
    # independent reference: Gambit's sequence-form LCP on the same tree
    gbt = pytest.importorskip("pygambit")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = gt.write_game(catalog.kuhn_poker(), Path(folder) / "kuhn.efg")
        gambit_game = gbt.read_efg(str(path))
    profile = gbt.nash.lcp_solve(gambit_game, rational=True).equilibrium
    values = dict(profile.payoffs)
    assert sp.Rational(str(values["1"])) == KUHN_VALUE
    assert sp.Rational(str(values["2"])) == -KUHN_VALUE


def test_beer_quiche_pooling_on_beer_survives_the_intuitive_criterion():
    # Cho and Kreps (1987), QJE 102(2), Sec. II: pooling on beer and on quiche are the
    # pure PBE; only beer passes the intuitive criterion
    solution = gt.pbe(catalog.beer_quiche())
    assert sorted(tuple(sorted(set(e.sender.values()))) for e in solution) == [
        ("beer",), ("quiche",)]
    kept = gt.intuitive_criterion(solution)
    assert [dict(e.sender) for e in kept] == [{"weak": "beer", "strong": "beer"}]


def test_gt_beer_quiche_is_the_catalog_game():
    # one definition: the pbe module and gt re-export the catalog's
    assert gt.beer_quiche is catalog.beer_quiche
