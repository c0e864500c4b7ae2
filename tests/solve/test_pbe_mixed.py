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
    assert data["summary"]["equilibria"][0]["sender"]["weak"] == {"beer": "1/9", "quiche": "8/9"}


# ---------------------------------------------------------------------- with parameters

P_BQ = gt.parameter("p_bq_test", kind="probability")
Q_JM = gt.parameter("q_jm_test", kind="probability")
C_JM = gt.parameter("c_jm_test", kind="positive")


@pytest.fixture(scope="module")
def symbolic_beer_quiche():
    return gt.mixed_pbe(beer_quiche(P_BQ))


def _generic(answer, label_start):
    (piece,) = [pc for pc in answer if pc.label.startswith(label_start) and "[" not in pc.label]
    return piece


def _same(at_point, direct):
    # The symbolic answer evaluated at a point and the solver run on the game with the
    # numbers substituted: the same isolated equilibria and the same components.
    assert at_point.equilibria == direct.equilibria
    assert at_point.components == direct.components
    assert at_point.exact and direct.exact


def test_symbolic_beer_quiche_hybrid_is_cho_kreps_closed_form(symbolic_beer_quiche):
    # Cho and Kreps (1987): for a prior p of the strong type below 1/2 the weak type
    # drinks beer with probability p/(1-p) (posterior of strong after beer 1/2) and the
    # receiver duels after beer with probability 1/2 (weak indifferent: 2(1-d) = 1).
    piece = _generic(symbolic_beer_quiche, "semi-separating: sender (weak: beer/quiche; strong: beer)")
    eq = piece.value
    assert sp.simplify(eq.sender["weak"]["beer"] - P_BQ / (1 - P_BQ)) == 0
    assert eq.sender["strong"]["beer"] == 1
    assert eq.receiver["beer"]["duel"] == sp.Rational(1, 2) and eq.receiver["quiche"]["duel"] == 1
    interval = piece.condition.as_set()
    assert interval == sp.Interval.open(0, sp.Rational(1, 2))


def test_symbolic_beer_quiche_pooling_conditions(symbolic_beer_quiche):
    # The pure pooling PBE (both types beer, quiche met by a duel) exists exactly for
    # p >= 1/2: the weak type's 2 from beer unduelled beats 1 from quiche duelled, and
    # the receiver does not duel a pool that is at least half strong.
    piece = _generic(symbolic_beer_quiche, "pooling: sender (weak: beer; strong: beer); receiver (beer: not; quiche: duel)")
    assert piece.condition.as_set() == sp.Interval(sp.Rational(1, 2), sp.oo)


@settings(max_examples=8, deadline=None)
@given(st.one_of(st.fractions(min_value=0, max_value=1, max_denominator=60),
                 st.sampled_from([Fraction(0), Fraction(1, 2), Fraction(1)])))
def test_symbolic_beer_quiche_at_a_point_is_the_numeric_answer(symbolic_beer_quiche, p):
    point = sp.Rational(p.numerator, p.denominator)
    _same(symbolic_beer_quiche.at({P_BQ: point}), gt.mixed_pbe(beer_quiche(point)))


def job_market(q, c):
    """A discrete Spence job market: a high (prior q) or low worker educates or not;
    the firm makes it a manager (wage 2) or a clerk (wage 1) and gets 1 for matching
    the type; education costs the low type c and the high type c/2."""
    wage = {"manager": 2, "clerk": 1}
    cost = {("high", "educate"): c / 2, ("low", "educate"): c}
    return gt.SignallingGame(
        ["high", "low"], {"high": q, "low": 1 - q}, ["educate", "skip"], ["manager", "clerk"],
        lambda t, m, r: (wage[r], int((t == "high") == (r == "manager"))),
        costs=lambda t, m: cost.get((t, m), sp.Integer(0)), sender="Worker", receiver="Firm")


@pytest.fixture(scope="module")
def symbolic_job_market():
    return gt.mixed_pbe(job_market(Q_JM, C_JM))


def test_semi_separating_job_market_closed_form(symbolic_job_market):
    # Derived by hand: the high type educates; the low type educates with probability
    # s making the firm indifferent after education, q / (q + (1-q) s) = 1/2, so
    # s = q/(1-q) (needs q < 1/2); the firm promotes an educated worker with
    # probability a making the low type indifferent, 2a + (1-a) - c = 1, so a = c
    # (needs 0 < c < 1); the high type then strictly prefers to educate (1 + c/2 > 1).
    piece = _generic(symbolic_job_market, "semi-separating: sender (high: educate; low: educate/skip)")
    eq = piece.value
    assert sp.simplify(eq.sender["low"]["educate"] - Q_JM / (1 - Q_JM)) == 0
    assert eq.receiver["educate"]["manager"] == C_JM and eq.receiver["skip"]["clerk"] == 1
    inside = {Q_JM: sp.Rational(1, 4), C_JM: sp.Rational(1, 2)}
    assert piece.holds_at(inside)
    for q, c in [("1/2", "1/2"), ("1/4", "1"), ("3/4", "1/2"), ("1/4", "3/2")]:
        assert not piece.holds_at({Q_JM: sp.Rational(q), C_JM: sp.Rational(c)})


@settings(max_examples=8, deadline=None)
@given(st.fractions(min_value=0, max_value=1, max_denominator=12),
       st.one_of(st.fractions(min_value=Fraction(1, 10), max_value=3, max_denominator=12),
                 st.sampled_from([Fraction(1), Fraction(2)])))
def test_symbolic_job_market_at_a_point_is_the_numeric_answer(symbolic_job_market, q, c):
    point = {Q_JM: sp.Rational(q.numerator, q.denominator), C_JM: sp.Rational(c.numerator, c.denominator)}
    _same(symbolic_job_market.at(point), gt.mixed_pbe(job_market(point[Q_JM], point[C_JM])))


# ---------------------------------------------------------------------- continua


def _regret(game, profile, tmp_path):
    """Gambit's exact max regret of a behaviour profile on the game's tree."""
    tree = game.to_extensive_form()
    path = tmp_path / "g.efg"
    path.write_text(format_efg(tree))
    pg = pygambit.read_efg(str(path))
    prof = pg.mixed_behavior_profile(rational=True)
    labels = {game.sender: {f"type {t}": d for t, d in profile["sender"].items()},
              game.receiver: {f"after {m}": d for m, d in profile["receiver"].items()}}
    for beh in labels.values():
        for label, dist in beh.items():
            node = pygambit.H.path(*tree.paths[tree.infosets[label].members[0]])
            prof.set_mixed_action(node, {a: str(v) for a, v in dist.items()})
    return Fraction(str(prof.max_regret()))


def test_continuum_at_prior_one_half_is_an_interval_checked_by_gambit(tmp_path):
    # At p = 1/2 the receiver is indifferent after a beer pool: every duel probability
    # d after beer with 2(1-d) >= 1 (the weak type stays), i.e. d in [0, 1/2], with
    # quiche met by a duel, is a PBE. Gambit's regret is 0 inside and positive beyond.
    game = beer_quiche("1/2")
    sol = gt.mixed_pbe(game)
    (comp,) = [c for c in sol.components
               if c.sender["weak"]["beer"] == 1 and c.receiver["quiche"]["duel"] == 1 and len(c.free) == 1]
    assert comp.kind == "pooling" and comp.interval == (0, sp.Rational(1, 2))
    assert comp.beliefs["beer"]["strong"] == sp.Rational(1, 2)
    low, high = comp.interval
    for d in (low, (low + high) / 2, high):
        assert _regret(game, comp.at([d]), tmp_path) == 0
    assert _regret(game, comp.at([high + sp.Rational(1, 10)]), tmp_path) > 0
    assert any("continuum" in w for w in sol.warnings)


def test_mixed_reply_after_an_off_path_message(tmp_path):
    # Prior 9/10, pooling on beer: after the unsent quiche the receiver may mix when the
    # belief makes it indifferent (weak with probability 1/2); the weak type stays with
    # beer when 2 >= 1 + 2(1 - d), so the duel probability d after quiche is in [1/2, 1].
    game = beer_quiche("9/10")
    sol = gt.mixed_pbe(game)
    (comp,) = [c for c in sol.components if c.sender["weak"]["beer"] == 1]
    assert comp.free == (sp.Symbol("rho[quiche,duel]", real=True),)
    assert comp.interval == (sp.Rational(1, 2), 1)
    belief = comp.off_path["quiche"]
    assert belief.vertices == ((sp.Rational(1, 2), sp.Rational(1, 2)),)
    mu = dict(zip(belief.types, belief.vertices[0]))
    payoff = {r: sum(mu[t] * game.payoff(t, "quiche", r)[1] for t in game.types) for r in ("duel", "not")}
    assert payoff["duel"] == payoff["not"]
    for d in (sp.Rational(1, 2), sp.Rational(3, 4)):
        assert _regret(game, comp.at([d]), tmp_path) == 0
    # Gambit's Nash regret ignores unreached information sets; a duel probability below
    # 1/2 lets the weak type gain by quiche, which Gambit sees.
    assert _regret(game, comp.at([sp.Rational(1, 4)]), tmp_path) > 0


def test_condition_kernel_keeps_a_strict_bound_at_a_closed_end():
    # Found by the job-market test at q = 1: (1 - q) q > 0 for a probability q holds
    # on (0, 1); the kernel used to drop q < 1 as if the declared bound q <= 1 implied it.
    from gametheory.symbolic import simplify_condition

    q = gt.parameter("q_kernel_test", kind="probability")
    cond = simplify_condition(q * (1 - q) > 0)
    assert cond.as_set() == sp.Interval.open(0, 1)
    assert simplify_condition(sp.And(q >= 0, q <= 1)) is sp.true
