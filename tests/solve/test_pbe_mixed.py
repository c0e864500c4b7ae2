"""Mixed and semi-separating PBE of signalling games: beer-quiche's hybrid equilibrium."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import NotApplicableError
from gametheory.io.efg import format_efg
from gametheory.solve.pbe import beer_quiche

pygambit = pytest.importorskip("pygambit")


@settings(max_examples=5, deadline=None)
@given(st.fractions(min_value=Fraction(1, 50), max_value=Fraction(49, 100)))
def test_beer_quiche_semi_separating_closed_form(p):
    # Cho and Kreps (1987) beer-quiche with prior p of strong below 1/2: no pure PBE;
    # the PBE is hybrid. Strong drinks beer; weak drinks beer with probability q making
    # the receiver indifferent after beer (posterior of strong 1/2): p / (p + (1-p) q) = 1/2,
    # so q = p / (1 - p); after beer the receiver duels with probability d making weak
    # indifferent: 2 (1 - d) = 1, so d = 1/2; after quiche it duels.
    sol = gt.mixed_pbe(beer_quiche(sp.Rational(p.numerator, p.denominator)))
    P = sp.Rational(p.numerator, p.denominator)
    assert len(sol) == 1 and not sol.warnings and sol.exact
    e = sol[0]
    assert e.kind == "semi-separating"
    assert e.sender["weak"]["beer"] == P / (1 - P) and e.sender["strong"]["beer"] == 1
    assert e.receiver["beer"]["duel"] == sp.Rational(1, 2) and e.receiver["quiche"]["duel"] == 1
    assert e.beliefs["beer"]["strong"] == sp.Rational(1, 2) and e.beliefs["quiche"]["weak"] == 1
    assert gt.pbe(beer_quiche(P)).equilibria == ()  # the pure solver finds none, as it must


def test_pure_equilibria_agree_with_pbe():
    game = beer_quiche()
    mixed = gt.mixed_pbe(game)
    pure = gt.pbe(game)
    as_pure = {(tuple((t, max(d, key=d.get)) for t, d in e.sender.items()),
                tuple((m, max(d, key=d.get)) for m, d in e.receiver.items())) for e in mixed}
    ref = {(tuple(e.sender.items()), tuple(e.receiver.items())) for e in pure}
    assert as_pure == ref
    assert {e.kind for e in mixed} == {"pooling"}


def test_hybrid_equilibrium_is_gambits_on_the_tree(tmp_path):
    # The same game as a tree in pygambit: our profile has zero regret (exact), and
    # Gambit's sequence-form LCP finds the same (unique) equilibrium.
    game = beer_quiche("1/10")
    tree = game.to_extensive_form()
    path = tmp_path / "bq.efg"
    path.write_text(format_efg(tree))
    pg = pygambit.read_efg(str(path))
    eq = gt.mixed_pbe(game)[0]
    prof = pg.mixed_behavior_profile(rational=True)
    ref = pygambit.nash.lcp_solve(pg, rational=True).equilibrium
    for beh in eq.behavior_profile(game).values():
        for label, dist in beh.items():
            node = pygambit.H.path(*tree.paths[tree.infosets[label].members[0]])
            prof.set_mixed_action(node, {a: str(v) for a, v in dist.items()})
            assert {a: Fraction(str(ref[node][a])) for a in dist} == {a: Fraction(str(v)) for a, v in dist.items()}
    assert prof.max_regret() == 0
    # And the tree's own evaluation gives the reported payoffs.
    play = tree.play(eq.behavior_profile(game))
    assert play.payoffs[1] == eq.receiver_payoff


def test_continuum_is_reported_not_hidden():
    # At prior 1/2 the receiver is indifferent after the pooling message: a continuum
    # of mixed responses, which the warnings name.
    sol = gt.mixed_pbe(beer_quiche("1/2"))
    assert any("continuum" in w for w in sol.warnings)


def test_only_signalling_games_are_accepted():
    with pytest.raises(NotApplicableError, match="SignallingGame"):
        gt.mixed_pbe(beer_quiche().to_normal_form())  # type: ignore[arg-type]


def test_sequence_form_lemke_finds_the_hybrid_equilibrium_on_the_type_draw_tree():
    # The signalling game as a Bayesian tree (chance draws the type, the receiver's
    # information sets hide it) solved by the sequence-form LCP: same unique equilibrium.
    game = beer_quiche("1/10")
    eq = gt.mixed_pbe(game)[0]
    sol = gt.sequence_form_nash(game.to_extensive_form())
    profile = eq.behavior_profile(game)
    for pl, beh in zip(sol[0].players, sol[0].behavior):
        assert {h: dict(d) for h, d in beh.items()} == profile[pl]


def test_solution_serialises_exactly():
    import json

    data = json.loads(json.dumps(gt.mixed_pbe(beer_quiche("1/10")).to_json_dict()))
    assert data["equilibria"][0]["sender"]["weak"] == {"beer": "1/9", "quiche": "8/9"}
