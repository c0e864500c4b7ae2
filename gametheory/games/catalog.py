"""Textbook games, each built by one function that cites where it was published.

Tests, documentation and notebooks take these games from here instead of typing their
payoffs again; ``tests/games/test_catalog.py`` checks each against its published
equilibria.

Examples
--------
>>> from gametheory.games import catalog
>>> catalog.prisoners_dilemma().payoff("Row", ("Defect", "Cooperate"))
5
>>> catalog.entry_deterrence().players
('Challenger', 'Incumbent')
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ValidationError
from ..symbolic import exact
from .extensive_form import Chance, Decision, ExtensiveFormGame, Terminal
from .normal_form import NormalFormGame
from .signalling import SignallingGame

__all__ = [
    "battle_of_the_sexes",
    "beer_quiche",
    "centipede",
    "chicken",
    "disarmament_dilemma",
    "entry_deterrence",
    "kuhn_poker",
    "matching_pennies",
    "prisoners_dilemma",
    "seltens_horse",
    "stag_hunt",
    "volunteers_dilemma",
]


def _two_by_two(row: Any, col: Any, labels: tuple[str, str], title: str,
                players: tuple[str, str] = ("Row", "Column")) -> NormalFormGame:
    return NormalFormGame.from_arrays(row, col, players=list(players),
                                      strategies=[list(labels)] * 2, title=title)


def prisoners_dilemma() -> NormalFormGame:
    """The prisoner's dilemma with Axelrod's (1984) payoffs T=5, R=3, P=1, S=0.

    Source: R. Axelrod, *The Evolution of Cooperation* (1984), ch. 1. The unique Nash
    equilibrium is mutual defection, in strictly dominant strategies.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.pure_nash(prisoners_dilemma()).equilibria[0].pure_profile
    ('Defect', 'Defect')
    """
    return _two_by_two([[3, 0], [5, 1]], [[3, 5], [0, 1]], ("Cooperate", "Defect"),
                       "prisoner's dilemma (Axelrod 1984)")


def battle_of_the_sexes() -> NormalFormGame:
    """Battle of the sexes as in Osborne (2004), *An Introduction to Game Theory*, Fig. 19.1.

    Two pure equilibria (both Bach, both Stravinsky) and one mixed equilibrium where
    the row player plays Bach with probability 2/3 and the column player with 1/3.

    Examples
    --------
    >>> battle_of_the_sexes().strategies[0]
    ('Bach', 'Stravinsky')
    """
    return _two_by_two([[2, 0], [0, 1]], [[1, 0], [0, 2]], ("Bach", "Stravinsky"),
                       "battle of the sexes (Osborne 2004)")


def matching_pennies() -> NormalFormGame:
    """Matching pennies, Osborne (2004), Fig. 19.2: the row player wins on a match.

    Zero-sum; the unique equilibrium mixes 1/2-1/2 for both players, value 0.

    Examples
    --------
    >>> matching_pennies().payoff("Column", ("Head", "Head"))
    -1
    """
    return NormalFormGame.from_arrays([[1, -1], [-1, 1]], strategies=[["Head", "Tail"]] * 2,
                                      title="matching pennies (Osborne 2004)")


def chicken() -> NormalFormGame:
    """Chicken (hawk-dove) with Rapoport and Chammah's (1966) ordinal payoffs.

    Source: A. Rapoport and A. M. Chammah, "The game of chicken", *American Behavioral
    Scientist* 10(3), 1966: both swerve 3, swerve against straight 2 against 4, both
    straight 1. Two pure equilibria (one swerves) and a mixed one swerving with 1/2.

    Examples
    --------
    >>> chicken().payoff("Row", ("Straight", "Swerve"))
    4
    """
    return _two_by_two([[3, 2], [4, 1]], [[3, 4], [2, 1]], ("Swerve", "Straight"),
                       "chicken (Rapoport and Chammah 1966)")


def stag_hunt() -> NormalFormGame:
    """The stag hunt with Skyrms' (2004) payoffs: stag 4 together, hare 3 regardless.

    Source: B. Skyrms, *The Stag Hunt and the Evolution of Social Structure* (2004),
    ch. 1. Two pure equilibria (both stag, both hare) and a mixed one hunting stag
    with probability 3/4.

    Examples
    --------
    >>> stag_hunt().payoff("Row", ("Hare", "Stag"))
    3
    """
    return _two_by_two([[4, 0], [3, 3]], [[4, 3], [0, 3]], ("Stag", "Hare"),
                       "stag hunt (Skyrms 2004)")


def disarmament_dilemma(gain: Any, loss: Any) -> NormalFormGame:
    """The tour's symmetric disarmament dilemma between the US and the DPRK.

    Both disarm (1 each) or keep (0 each); a keeper facing a disarmer gets ``1 + gain``,
    the disarmer ``-loss``. The signs of (gain, loss) run through Rapoport and Guyer's
    (1966) symmetric families, "A taxonomy of 2x2 games", *General Systems* 11:
    prisoner's dilemma (+, +), chicken (+, -), stag hunt (-, +), harmony (-, -).

    Parameters
    ----------
    gain, loss
        Numbers or formulas (sympy expressions in parameters).

    Examples
    --------
    >>> disarmament_dilemma(1, 1).payoff("US", ("Keep", "Disarm"))
    2
    """
    g = exact(gain, where="disarmament dilemma: gain")
    ell = exact(loss, where="disarmament dilemma: loss")
    one, zero = sp.Integer(1), sp.Integer(0)
    return _two_by_two([[one, -ell], [one + g, zero]], [[one, one + g], [-ell, zero]],
                       ("Disarm", "Keep"), "disarmament dilemma", players=("US", "DPRK"))


def volunteers_dilemma(players: int = 3, benefit: Any = 1, cost: Any = "1/2") -> NormalFormGame:
    """Diekmann's (1985) volunteer's dilemma with ``players`` players.

    Source: A. Diekmann, "Volunteer's dilemma", *Journal of Conflict Resolution* 29(4),
    1985. Everyone gets ``benefit`` if at least one volunteers; a volunteer pays
    ``cost`` (0 < cost < benefit). The pure equilibria are the profiles with exactly one
    volunteer; the symmetric mixed equilibrium abstains with probability
    ``(cost / benefit) ** (1 / (players - 1))``.

    Examples
    --------
    >>> volunteers_dilemma(2).shape
    (2, 2)
    """
    if not isinstance(players, int) or isinstance(players, bool) or players < 2:
        raise ValidationError(f"volunteer's dilemma: players must be an integer >= 2, got {players!r}")
    if players > 12:
        raise ValidationError(
            f"volunteer's dilemma: {players} players make 2**{players} profiles; at most 12"
        )
    b = exact(benefit, where="volunteer's dilemma: benefit")
    c = exact(cost, where="volunteer's dilemma: cost")
    shape = (2,) * players
    payoffs = np.empty((players, *shape), dtype=object)
    for profile in itertools.product((0, 1), repeat=players):
        anyone = b if 0 in profile else sp.Integer(0)
        for i, s in enumerate(profile):
            payoffs[(i, *profile)] = anyone - (c if s == 0 else 0)
    return NormalFormGame(payoffs, players=[f"P{i + 1}" for i in range(players)],
                          strategies=[("Volunteer", "Abstain")] * players,
                          title=f"volunteer's dilemma, {players} players (Diekmann 1985)")


def entry_deterrence() -> ExtensiveFormGame:
    """The entry game of Osborne (2004), *An Introduction to Game Theory*, Example 154.1.

    A challenger stays out (1, 2) or enters; the incumbent then acquiesces (2, 1) or
    fights (0, 0). Nash equilibria: (In, Acquiesce) and (Out, Fight); only the first
    is subgame perfect.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.spe(entry_deterrence()).equilibria[0].path
    ('In', 'Acquiesce')
    """
    incumbent = Decision("Incumbent", None, {"Acquiesce": Terminal([2, 1]), "Fight": Terminal([0, 0])})
    root = Decision("Challenger", None, {"In": incumbent, "Out": Terminal([1, 2])})
    return ExtensiveFormGame(root, ["Challenger", "Incumbent"], title="entry game (Osborne 2004)")


def centipede(rounds: int = 6) -> ExtensiveFormGame:
    """Rosenthal's (1981) centipede with linearly growing payoffs.

    Source: R. W. Rosenthal, "Games of perfect information, predatory pricing and the
    chain-store paradox", *Journal of Economic Theory* 25(1), 1981. Two players move in
    turn; the mover at round ``t`` (1, 2, ...) who stops gets ``t + 1`` and the other
    ``t - 1``; if nobody stops, the last mover gets ``rounds`` and the other
    ``rounds + 2``. Stopping beats being stopped a round later, so the unique subgame
    perfect equilibrium stops at every node, with payoffs (2, 0).

    Examples
    --------
    >>> centipede(2).terminals
    [1, 3, 4]
    """
    if not isinstance(rounds, int) or isinstance(rounds, bool) or not 1 <= rounds <= 500:
        raise ValidationError(f"centipede: rounds must be an integer from 1 to 500, got {rounds!r}")
    players = ("First", "Second")
    last = (rounds - 1) % 2
    end = [rounds + 2, rounds + 2]
    end[last] = rounds
    node: Any = Terminal(end)
    for t in range(rounds, 0, -1):
        mover = (t - 1) % 2
        stop = [t - 1, t - 1]
        stop[mover] = t + 1
        node = Decision(players[mover], None, {"Stop": Terminal(stop), "Continue": node})
    return ExtensiveFormGame(node, list(players), title=f"centipede, {rounds} rounds (Rosenthal 1981)")


def seltens_horse() -> ExtensiveFormGame:
    """Selten's (1975) horse: three players, the third not knowing who moved.

    Source: R. Selten, "Reexamination of the perfectness concept for equilibrium points
    in extensive games", *International Journal of Game Theory* 4(1), 1975, Fig. 1.
    Player 1 plays C or D; after C player 2 plays c or d; after D or (C, d) player 3
    plays L or R without knowing which. Pure Nash equilibria (C, c, R), (C, d, R) and
    (D, c, L); only (C, c, R) is perfect (and sequential).

    Examples
    --------
    >>> sorted(seltens_horse().infosets)
    ['1', '2', '3']
    """
    after_cd = Decision("3", "3", {"L": Terminal([4, 4, 0]), "R": Terminal([1, 1, 1])})
    after_d = Decision("3", "3", {"L": Terminal([3, 3, 2]), "R": Terminal([0, 0, 0])})
    two = Decision("2", "2", {"c": Terminal([1, 1, 1]), "d": after_cd})
    root = Decision("1", "1", {"C": two, "D": after_d})
    return ExtensiveFormGame(root, ["1", "2", "3"], title="Selten's horse (Selten 1975)")


def kuhn_poker() -> ExtensiveFormGame:
    """Kuhn's (1950) three-card poker.

    Source: H. W. Kuhn, "A simplified two-person poker", *Contributions to the Theory of
    Games* I (1950). Each player antes 1 and is dealt one of J, Q, K. The first player
    checks or bets 1; facing a bet a player folds or calls; after a check the second
    player checks (showdown) or bets, and the first then folds or calls. The game's
    value to the first player is -1/18.

    Information sets are named by the player's card and the history it saw, e.g.
    ``"1:J"``, ``"2:Q:bet"``, ``"2:K:check"``, ``"1:J:check-bet"``.

    Examples
    --------
    >>> sorted(h for h in kuhn_poker().infosets if h.startswith("1:J"))
    ['1:J', '1:J:check-bet']
    """
    cards = ("J", "Q", "K")

    def showdown(first: str, second: str, stake: int) -> Terminal:
        sign = 1 if cards.index(first) > cards.index(second) else -1
        return Terminal([sign * stake, -sign * stake])

    deals: dict[str, tuple[Any, Any]] = {}
    for first, second in itertools.permutations(cards, 2):
        call_bet = Decision("2", f"2:{second}:bet", {
            "Fold": Terminal([1, -1]), "Call": showdown(first, second, 2)})
        answer_bet = Decision("1", f"1:{first}:check-bet", {
            "Fold": Terminal([-1, 1]), "Call": showdown(first, second, 2)})
        after_check = Decision("2", f"2:{second}:check", {
            "Check": showdown(first, second, 1), "Bet": answer_bet})
        deals[first + second] = (
            sp.Rational(1, 6),
            Decision("1", f"1:{first}", {"Check": after_check, "Bet": call_bet}),
        )
    return ExtensiveFormGame(Chance(deals), ["1", "2"], title="Kuhn poker (Kuhn 1950)")


def beer_quiche(prior_strong: Any = "9/10") -> SignallingGame:
    """Cho and Kreps' (1987) beer-quiche game (QJE 102(2), p. 185).

    The sender is weak or strong (prior of strong 9/10 by default); it has beer or
    quiche for breakfast (the strong prefer beer, the weak quiche, worth 1); the
    receiver duels or not; avoiding the duel is worth 2 to the sender. The receiver
    gets 1 for duelling a weak sender or not duelling a strong one, else 0. Both
    pooling outcomes are perfect Bayesian equilibria; only pooling on beer passes the
    intuitive criterion.

    Examples
    --------
    >>> beer_quiche().messages
    ('beer', 'quiche')
    """
    p = exact(prior_strong, where="beer-quiche: prior of the strong type")
    return SignallingGame(
        ["weak", "strong"], {"weak": 1 - p, "strong": p}, ["beer", "quiche"], ["duel", "not"],
        lambda t, m, r: (2 * int(r == "not") + int((t == "strong") == (m == "beer")),
                         int((t == "weak") == (r == "duel"))),
        title="beer-quiche (Cho and Kreps 1987)",
    )
