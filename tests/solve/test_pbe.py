import itertools

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import SignallingGame, intuitive_criterion, pbe
from gametheory.solve.pbe import beer_quiche


def test_beer_quiche_equilibria():
    # Cho and Kreps (1987), QJE 102(2), Sec. II: with prior 9/10 on strong, the pure PBE
    # are the two pooling equilibria; pooling on quiche needs mu(weak | beer) >= 1/2.
    sol = pbe(beer_quiche())
    assert sol.exact and len(sol) == 2
    beer, quiche = sol
    assert beer.kind == quiche.kind == "pooling"
    assert dict(beer.sender) == {"weak": "beer", "strong": "beer"}
    assert dict(beer.receiver) == {"beer": "not", "quiche": "duel"}
    assert beer.beliefs["beer"] == {"weak": sp.Rational(1, 10), "strong": sp.Rational(9, 10)}
    assert beer.off_path["quiche"].interval == (sp.Rational(1, 2), 1)
    assert quiche.off_path["beer"].interval == (sp.Rational(1, 2), 1)
    assert beer.sender_payoffs == {"weak": 2, "strong": 3}


def test_beer_quiche_intuitive_criterion():
    # Cho and Kreps (1987): the quiche-pooling equilibrium fails the intuitive criterion.
    kept = intuitive_criterion(pbe(beer_quiche()))
    assert [dict(e.sender) for e in kept] == [{"weak": "beer", "strong": "beer"}]
    assert any("intuitive criterion" in w for w in kept.warnings)


def test_beer_quiche_symbolic_prior_threshold():
    # Pooling needs the receiver not to duel on the path: prior of strong at least 1/2;
    # below 1/2 there is no pure PBE (Fudenberg and Tirole 1991, Sec. 8.2.3; the
    # equilibrium is then in mixed strategies).
    p = sp.Symbol("p_strong_t", positive=True)
    ans = pbe(beer_quiche(p))
    pooling = [pc for pc in ans.pieces if pc.label.startswith("pooling")]
    assert len(pooling) == 2
    for pc in pooling:
        assert [bool(pc.condition.subs(p, x)) for x in (sp.Rational(2, 5), sp.Rational(1, 2), sp.Rational(3, 4))] == [False, True, True]
    for x in (sp.Rational(1, 5), sp.Rational(1, 2), sp.Rational(9, 10)):
        at = ans.at({p: x})
        direct = pbe(beer_quiche(x))
        assert [e.label for e in at] == [e.label for e in direct]


def test_separating_with_costly_signal_and_three_types():
    # Spence (1973)-style: only the high type can afford the costly message when its cost
    # is below the benefit; three types give belief polytopes with vertices.
    def payoffs(t, m, r):
        return (2 * int(r == "hire"), int((t == "high") == (r == "hire")))

    costs = {("low", "educate"): 3, ("mid", "educate"): 3, ("high", "educate"): 1}
    g = SignallingGame(["low", "mid", "high"], ["1/3", "1/3", "1/3"], ["educate", "none"],
                       ["hire", "reject"], payoffs, costs=costs)
    sol = pbe(g)
    kinds = {e.kind for e in sol}
    assert "partially pooling" in kinds
    sep = [e for e in sol if e.sender == {"low": "none", "mid": "none", "high": "educate"}]
    assert sep and sep[0].receiver == {"educate": "hire", "none": "reject"}
    pool = [e for e in sol if set(e.sender.values()) == {"none"}]
    for e in pool:
        bs = e.off_path["educate"]
        assert bs.vertices and all(sum(v) == 1 for v in bs.vertices)
        for v in bs.vertices:
            assert bs.contains(dict(zip(g.types, v)))


def _nash_in_tree(game, eq):
    tree = game.to_extensive_form()

    def play(sender, receiver):
        beh = {game.sender: {f"type {t}": m for t, m in sender.items()},
               game.receiver: {f"after {m}": r for m, r in receiver.items()}}
        return tree.play(beh).payoffs

    base = play(eq.sender, eq.receiver)
    for s in game.sender_strategies():
        if play(s, eq.receiver)[0] > base[0]:
            return False
    for r in game.receiver_strategies():
        if play(eq.sender, r)[1] > base[1]:
            return False
    return True


def test_every_beer_quiche_pbe_is_nash_of_the_tree():
    g = beer_quiche()
    assert all(_nash_in_tree(g, e) for e in pbe(g))


small = st.integers(min_value=-2, max_value=3)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.lists(small, min_size=16, max_size=16), st.integers(1, 9))
def test_every_pbe_is_a_nash_equilibrium_of_the_tree(values, prior):
    keys = list(itertools.product(["t1", "t2"], ["m1", "m2"], ["r1", "r2"]))
    table = {k: (values[2 * i], values[2 * i + 1]) for i, k in enumerate(keys)}
    g = SignallingGame(["t1", "t2"], [sp.Rational(prior, 10), 1 - sp.Rational(prior, 10)],
                       ["m1", "m2"], ["r1", "r2"], table)
    sol = pbe(g)
    for e in sol:
        assert _nash_in_tree(g, e)
        for bs in e.off_path.values():
            lo, hi = bs.interval
            assert 0 <= lo <= hi <= 1
            assert bs.contains({"t1": lo, "t2": 1 - lo}) and bs.contains({"t1": hi, "t2": 1 - hi})


def test_separation_needs_the_cost_to_exceed_the_benefit():
    # Costly signalling (Spence 1973; Kydd 2005, ch. 2): the separating equilibrium in
    # which only the high type pays exists iff the low type's cost c is at least the
    # value of being hired (2), and the high type's cost (1) is at most 2.
    c = sp.Symbol("c_low_t", positive=True)

    def payoffs(t, m, r):
        return (2 * int(r == "hire"), int((t == "high") == (r == "hire")))

    g = SignallingGame(["low", "high"], ["1/2", "1/2"], ["educate", "none"], ["hire", "reject"],
                       payoffs, costs={("low", "educate"): c, ("high", "educate"): 1})
    ans = pbe(g)
    sep = [pc for pc in ans.pieces if pc.value and pc.value[0] == {"low": "none", "high": "educate"}]
    assert len(sep) == 1
    assert [bool(sep[0].condition.subs(c, x)) for x in (1, 2, 3)] == [False, True, True]
    for x in (1, 2, sp.Rational(5, 2)):
        assert [e.label for e in ans.at({c: x})] == [e.label for e in pbe(g.subs({c: x}))]
