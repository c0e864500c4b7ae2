"""Every shipped automaton against its declaration (Axelrod-style shared test), and bad input."""

import pytest
import sympy as sp

import gametheory as gt
from gametheory.errors import ValidationError
from gametheory.games.automata import SIGNALS, Automaton, shipped_automata

PD = gt.NormalFormGame.from_arrays(
    [[3, 0], [4, 1]], [[3, 4], [0, 1]], strategies=[["C", "D"], ["C", "D"]]
)
PROFILES = [("C", "C"), ("C", "D"), ("D", "C"), ("D", "D")]


@pytest.mark.parametrize("aut", shipped_automata(), ids=lambda a: a.name)
def test_shipped_automaton_matches_its_declaration(aut):
    assert aut.declared_states == aut.states
    assert aut.initial in aut.states
    assert aut.stochastic == aut.is_stochastic()
    observations = list(SIGNALS) if aut.observes == "signal" else PROFILES
    for me in (0, 1):
        table = aut.table(observations, me)  # total: raises if any observation is missing
        assert set(table) == set(aut.states)
        assert all(set(row) == set(observations) for row in table.values())
        assert all(nxt in aut.states for row in table.values() for nxt in row.values())
        # declared memory depth = computed synchronisation depth (None = unbounded)
        assert aut.memory_depth(observations, me) == aut.memory
    # every state is reachable from the initial one under some observations
    seen, todo = {aut.initial}, [aut.initial]
    while todo:
        s = todo.pop()
        for o in observations:
            n = aut.next_state(s, o, 0)
            if n not in seen:
                seen.add(n)
                todo.append(n)
    assert seen == set(aut.states)
    # usable in a two-player repeated game with the default labels
    mon = gt.PublicSignal.green_porter("9/10", "1/2", ("C", "C")) if aut.observes == "signal" else None
    gt.RepeatedGame(PD, "1/2", monitoring=mon).check_profile((aut, aut))


def test_custom_labels_and_n_players():
    g = gt.grim_trigger("Freeze", "Test")
    assert g.action_distribution("punish") == {"Test": 1}
    # grim trigger punishes any defection in a three-player game, the player's own too
    assert g.next_state("cooperate", ("Freeze", "Freeze", "Test"), 0) == "punish"
    tft = gt.tit_for_tat()
    assert tft.next_state("cooperate", ("D", "C", "C"), 0) == "cooperate"
    assert tft.next_state("cooperate", ("C", "C", "D"), 0) == "defect"


def test_generous_tit_for_tat_takes_a_parameter():
    g = gt.parameter("g_aut", kind="probability")
    a = gt.generous_tit_for_tat(g)
    assert a.action_distribution("forgive") == {"C": g, "D": 1 - g}
    assert a.parameters == (g,)
    assert a.subs({g: sp.Rational(1, 4)}).action_distribution("forgive")["D"] == sp.Rational(3, 4)


def test_missing_transition_names_state_and_profile():
    aut = Automaton(
        "partial", ("a", "b"), "a", {"a": "C", "b": "D"},
        {"a": {("C", "C"): "a", ("C", "D"): "b", ("D", "C"): "b"}, "b": "b"},
    )
    with pytest.raises(ValidationError, match=r"state 'a'.*\(D, D\)"):
        aut.table(PROFILES, 0)
    with pytest.raises(ValidationError, match=r"state 'a'.*\(D, D\)"):
        gt.RepeatedGame(PD, "1/2").check_profile((aut, aut))


def test_bad_automata_are_rejected():
    with pytest.raises(ValidationError, match="initial state"):
        Automaton("x", ("a",), "z", {"a": "C"}, {"a": "a"})
    with pytest.raises(ValidationError, match="no action given in state 'b'"):
        Automaton("x", ("a", "b"), "a", {"a": "C"}, {"a": "a", "b": "a"})
    with pytest.raises(ValidationError, match="sum to"):
        Automaton("x", ("a",), "a", {"a": {"C": "1/2", "D": "1/3"}}, {"a": "a"})
    with pytest.raises(ValidationError, match="declares states"):
        Automaton("x", ("a",), "a", {"a": "C"}, {"a": "a"}, declared_states=("a", "b"))
    bad_target = Automaton("x", ("a",), "a", {"a": "C"}, {"a": lambda o: "nowhere"})
    with pytest.raises(ValidationError, match="'nowhere', which is not a state"):
        bad_target.next_state("a", ("C", "C"), 0)
    with pytest.raises(ValidationError, match="positive integer"):
        gt.limited_punishment(0)
    with pytest.raises(ValidationError, match="outside|must lie"):
        gt.generous_tit_for_tat(2)
