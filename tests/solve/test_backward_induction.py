"""Subgame-perfect equilibria: textbook trees, ties, chance, imperfect information,
symbolic pieces, and property tests against brute force."""

import itertools
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory.errors import SolverError

R = sp.Rational


def entry_game():
    return ExtensiveFormGame(
        Decision("Entrant", "entrant", {
            "Out": Terminal([0, 2]),
            "In": Decision("Incumbent", "incumbent", {
                "Fight": Terminal([-1, -1]), "Accommodate": Terminal([1, 1])}),
        }),
        players=["Entrant", "Incumbent"])


def test_entry_deterrence_unique_spe_and_json_shape():
    # Selten (1978); Osborne (2004) Example 164.1: the unique SPE is (In, Accommodate).
    sol = gt.spe(entry_game())
    assert sol.count == 1 and sol.exact and sol.warnings == ()
    (eq,) = sol.equilibria
    assert eq.path == ("In", "Accommodate") and eq.payoffs == (1, 1)
    # The JSON shape of issue 3, exactly.
    assert sol.to_json_dict(limit=10) == {
        "concept": "spe", "exact": True, "players": ["Entrant", "Incumbent"], "count": 1,
        "payoff_vectors": [{"payoffs": {"Entrant": "1", "Incumbent": "1"}, "count": 1}],
        "equilibria": [
            {"behavior": {"Entrant": {"entrant": {"Out": "0", "In": "1"}},
                          "Incumbent": {"incumbent": {"Fight": "0", "Accommodate": "1"}}},
             "payoffs": {"Entrant": "1", "Incumbent": "1"}}]}


def centipede(n):
    # Rosenthal (1981) centipede: at stage k the mover takes the larger pile.
    node = Terminal([n, n]) if n % 2 == 0 else Terminal([n + 1, n - 1])
    for k in reversed(range(n)):
        mover = k % 2
        take = [k + 2, k] if mover == 0 else [k, k + 2]
        node = Decision(["P1", "P2"][mover], f"stage{k}", {"Take": Terminal(take), "Pass": node})
    return ExtensiveFormGame(node, ["P1", "P2"])


def test_centipede_everyone_takes():
    # Rosenthal (1981); Osborne (2004) Section 5.7: unique SPE, Take at every node.
    sol = gt.spe(centipede(6))
    (eq,) = sol.equilibria
    assert eq.path == ("Take",) and eq.payoffs == (2, 0)
    assert all(eq.action(p, h) == "Take" for p in eq.behavior for h in eq.behavior[p])


def ultimatum(total=3):
    offers = {}
    for x in range(total + 1):
        offers[f"offer {x}"] = Decision("Responder", f"after {x}", {
            "Accept": Terminal([total - x, x]), "Reject": Terminal([0, 0])})
    return ExtensiveFormGame(Decision("Proposer", "proposal", offers), ["Proposer", "Responder"])


def test_ultimatum_discrete_has_two_spe_with_different_payoffs():
    # Osborne (2004) Section 6.1.2, ultimatum game with discrete amounts: two SPE,
    # (offer 0, accept everything) and (offer 1, reject only 0): the responder's tie at 0.
    sol = gt.spe(ultimatum(3))
    assert sol.count == 2
    assert dict(sol.payoff_vectors) == {(3, 0): 1, (2, 1): 1}
    assert [e.path for e in sol.profiles()] == [("offer 0", "Accept"), ("offer 1", "Accept")]
    assert any("tie at node offer 0" in w for w in sol.warnings)


def test_trust_game():
    # Kreps (1990) trust game: not trusting and abusing trust is the unique SPE.
    g = ExtensiveFormGame(
        Decision("Investor", "i", {"No trust": Terminal([0, 0]),
                                   "Trust": Decision("Trustee", "t", {
                                       "Honor": Terminal([1, 1]), "Abuse": Terminal([-1, 2])})}),
        ["Investor", "Trustee"])
    (eq,) = gt.spe(g).equilibria
    assert eq.path == ("No trust",) and eq.action("Trustee", "t") == "Abuse"


def test_chance_moves_give_expected_payoffs():
    # Nature draws the state (1/3 strong); A sees it and chooses; B's payoff is fixed.
    g = ExtensiveFormGame(Chance({
        "strong": ("1/3", Decision("A", "a_strong", {"fight": Terminal([3, 0]), "yield": Terminal([1, 1])})),
        "weak": ("2/3", Decision("A", "a_weak", {"fight": Terminal([-1, 0]), "yield": Terminal([1, 1])})),
    }), ["A", "B"])
    (eq,) = gt.spe(g).equilibria
    assert eq.payoffs == (R(1, 3) * 3 + R(2, 3), R(2, 3))
    assert eq.path == () and len(eq.terminals) == 2


def test_outcomes_on_non_terminal_nodes_add_up():
    g = ExtensiveFormGame(
        Decision("A", "a", {"x": Terminal([1]), "y": Decision("A", "b", {"z": Terminal([0])}, outcome=[2])}),
        ["A"])
    (eq,) = gt.spe(g).equilibria
    assert eq.path == ("y", "z") and eq.payoffs == (2,)


def test_huge_count_without_listing():
    # A complete binary tree of depth 4 with all payoffs zero: every one of the 2**15
    # profiles is subgame perfect.
    def build(d, path=""):
        if d == 0:
            return Terminal([0, 0])
        return Decision(["A", "B"][d % 2], None, {"L": build(d - 1), "R": build(d - 1)})

    sol = gt.spe(ExtensiveFormGame(build(4), ["A", "B"]))
    assert sol.count == 2**15
    assert sol.payoff_vectors == (((0, 0), 2**15),)
    first = next(sol.profiles())
    assert first.path == ("L", "L", "L", "L")
    assert sum(1 for _ in itertools.islice(sol.profiles(), 100)) == 100
    assert len(sol.to_json_dict(limit=5)["equilibria"]) == 5


def test_equilibria_refuses_to_list_too_many(monkeypatch):
    from gametheory.solve import backward_induction

    monkeypatch.setattr(backward_induction, "MAX_LISTED", 1)
    with pytest.raises(SolverError, match="profiles"):
        _ = gt.spe(ultimatum(3)).equilibria


def matching_pennies():
    return Decision("P1", "h1", {
        "H": Decision("P2", "h2", {"h": Terminal([1, -1]), "t": Terminal([-1, 1])}),
        "T": Decision("P2", "h2", {"h": Terminal([-1, 1]), "t": Terminal([1, -1])}),
    })


def test_imperfect_information_subgame_by_its_nash_equilibria():
    # P1 may stop (0, 0) or play matching pennies, whose unique equilibrium mixes
    # evenly with value 0 (von Neumann): P1 is indifferent at the root, so 2 SPE.
    g = ExtensiveFormGame(Decision("P1", "start", {"Stop": Terminal([0, 0]), "Go": matching_pennies()}),
                          ["P1", "P2"])
    sol = gt.spe(g)
    assert sol.count == 2
    assert dict(sol.payoff_vectors) == {(0, 0): 2}
    mixed = [e for e in sol.profiles() if e.path == ("Go",)][0]
    assert mixed.behavior["P1"]["h1"] == {"H": R(1, 2), "T": R(1, 2)}
    assert mixed.behavior["P2"]["h2"] == {"h": R(1, 2), "t": R(1, 2)}


def test_imperfect_information_multiplicity_reported():
    # Battle of the sexes after an outside option worth 1/2 (a "burning money"-free
    # version of van Damme 1989): the subgame's 3 equilibria give 3 continuation values.
    bos = Decision("A", "a", {
        "O": Decision("B", "b", {"o": Terminal([2, 1]), "f": Terminal([0, 0])}),
        "F": Decision("B", "b", {"o": Terminal([0, 0]), "f": Terminal([1, 2])}),
    })
    g = ExtensiveFormGame(Decision("A", "root", {"Out": Terminal(["3/2", 0]), "In": bos}), ["A", "B"])
    sol = gt.spe(g)
    vectors = dict(sol.payoff_vectors)
    # In with (O, o): 2 > 3/2; Out after (F, f) [1 < 3/2] and after the mixed one [2/3 < 3/2].
    assert vectors == {(2, 1): 1, (R(3, 2), 0): 2}
    assert any("3 equilibria" in w for w in sol.warnings)


# ----------------------------------------------------------------------- symbolic
def test_symbolic_entry_game_thresholds():
    f = gt.parameter("fight_payoff_bi", description="incumbent's payoff from fighting")
    g = ExtensiveFormGame(
        Decision("Entrant", "entrant", {"Out": Terminal([0, 2]), "In": Decision("Incumbent", "incumbent", {
            "Fight": Terminal([-1, f]), "Accommodate": Terminal([1, 1])})}),
        ["Entrant", "Incumbent"])
    ans = gt.spe(g)
    conds = {p.label: p.condition for p in ans.pieces}
    assert conds["1 SPE: In > Accommodate"].as_set() == sp.Interval.open(-sp.oo, 1)
    assert conds["1 SPE: Out"].as_set() == sp.Interval.open(1, sp.oo)
    boundary = [p for p in ans.pieces if p.boundary]
    assert len(boundary) == 1 and boundary[0].condition == sp.Eq(f, 1)
    assert ans.at({f: 1}).count == 2
    assert ans.boundaries() == [f - 1]
    grid = ans.compile()(fight_payoff_bi=[0.0, 1.0, 2.0])
    assert grid.shape == (3, 3) and grid.sum(axis=0).tolist() == [1, 1, 1]


def test_symbolic_with_probability_parameter():
    p = gt.parameter("p_strong_bi", kind="probability")
    g = ExtensiveFormGame(Decision("A", "a", {
        "safe": Terminal([1]),
        "risky": Chance({"win": (p, Terminal([3])), "lose": (1 - p, Terminal([0]))}),
    }), ["A"])
    ans = gt.spe(g)
    # Risky pays 3p against 1 for sure: the threshold is p = 1/3, within [0, 1].
    regions = {pc.label: pc.condition.as_set().intersect(sp.Interval(0, 1)) for pc in ans.pieces}
    assert regions == {
        "1 SPE: safe": sp.Interval.Ropen(0, R(1, 3)),
        "2 SPE: safe; risky": sp.FiniteSet(R(1, 3)),
        "1 SPE: risky": sp.Interval.Lopen(R(1, 3), 1),
    }
    assert ans.at({p: R(1, 2)}).payoff_vectors == (((R(3, 2),), 1),)


# ----------------------------------------------------------------------- properties
def _fr(v):
    v = sp.Rational(v)
    return Fraction(int(v.p), int(v.q))


def _check_profile_is_spe(game, behavior):
    """Independent one-shot-deviation check at every decision node."""
    def value(i, override=None):
        out = game.outcomes[i] or (0,) * game.n_players
        if game.kind[i] == "terminal":
            return tuple(_fr(v) for v in out)
        base = tuple(_fr(v) for v in out)
        if game.kind[i] == "chance":
            total = base
            for q, c in zip(game.probabilities[i], game.children[i]):
                total = tuple(t + _fr(q) * w for t, w in zip(total, value(c)))
            return total
        h = game.infoset[i]
        pl = game.players[game.player[i]]
        act = override if override is not None else behavior[pl][h]
        act = act if isinstance(act, str) else next(a for a, q in act.items() if q == 1)
        c = game.children[i][game.actions[i].index(act)]
        return tuple(b + w for b, w in zip(base, value(c)))

    for i, kind in enumerate(game.kind):
        if kind != "decision":
            continue
        p = game.player[i]
        chosen = value(i)[p]
        for a in game.actions[i]:
            assert value(i, override=a)[p] <= chosen


def _brute_force_count(game):
    nodes = [i for i, k in enumerate(game.kind) if k == "decision"]
    count = 0
    for choice in itertools.product(*[game.actions[i] for i in nodes]):
        behavior = {p: {} for p in game.players}
        for i, a in zip(nodes, choice):
            behavior[game.players[game.player[i]]][game.infoset[i]] = a
        try:
            _check_profile_is_spe(game, behavior)
        except AssertionError:
            continue
        count += 1
    return count


@st.composite
def random_trees(draw, symbolic=False):
    x = sp.Symbol("x_bi_random", real=True)
    counter = itertools.count()

    def payoff():
        a = draw(st.integers(-1, 1))
        if symbolic and draw(st.booleans()):
            return a + draw(st.sampled_from([-1, 1])) * x
        return a

    def node(depth):
        if depth == 0 or draw(st.integers(0, 3)) == 0:
            return Terminal([payoff(), payoff()])
        k = draw(st.integers(1, 3 if depth > 1 else 2))
        if not symbolic and draw(st.integers(0, 4)) == 0:
            qs = [R(1, k)] * k
            return Chance({f"c{next(counter)}": (q, node(depth - 1)) for q in qs})
        return Decision(draw(st.sampled_from(["A", "B"])), f"h{next(counter)}",
                        {f"a{next(counter)}": node(depth - 1) for _ in range(k)})

    return ExtensiveFormGame(node(3), ["A", "B"])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(random_trees())
def test_random_trees_spe_checked_and_counted(game):
    sol = gt.spe(game)
    assert sol.count == _brute_force_count(game)
    assert sum(n for _v, n in sol.payoff_vectors) == sol.count
    profiles = list(sol.profiles())
    assert len(profiles) == sol.count
    keys = {tuple(sorted((h, a) for p in e.behavior for h, d in e.behavior[p].items()
                         for a, q in d.items() if q == 1)) for e in profiles}
    assert len(keys) == sol.count  # no profile listed twice
    nf = game.to_normal_form()
    nash = {e.pure_profile for e in gt.pure_nash(nf)}
    for e in profiles:
        _check_profile_is_spe(game, e.behavior)
        prof = []
        for i, pl in enumerate(game.players):
            own = {h: next(a for a, q in d.items() if q == 1) for h, d in e.behavior[pl].items()}
            strategies = game.reduced_strategies(i)
            if not strategies:
                prof.append(nf.strategies[i][0])
                continue
            k = next(k for k, s in enumerate(strategies) if all(own[h] == a for h, a in s.items()))
            prof.append(nf.strategies[i][k])
        assert tuple(prof) in nash  # SPE outcomes are Nash outcomes of the reduced normal form
        assert tuple(nf.payoff(j, prof) for j in range(2)) == e.payoffs


@settings(max_examples=20, deadline=None, derandomize=True)
@given(random_trees(symbolic=True), st.sampled_from([-2, -1, R(-1, 2), 0, R(1, 2), 1, 2, 3]))
def test_symbolic_agrees_with_numeric_at_points(game, value):
    x = sp.Symbol("x_bi_random", real=True)
    ans = gt.spe(game)
    point = {x: value}
    numeric = gt.spe(game.subs(point))
    if not game.parameters:
        return
    at = ans.at(point)
    assert at.count == numeric.count
    assert dict(at.payoff_vectors) == dict(numeric.payoff_vectors)
    as_key = lambda e: (e.path, e.payoffs, tuple(sorted(  # noqa: E731
        (h, tuple(d.items())) for p in e.behavior for h, d in e.behavior[p].items())))
    assert sorted(map(as_key, at.profiles())) == sorted(map(as_key, numeric.profiles()))
    assert sorted(at.warnings) == sorted(numeric.warnings)


@st.composite
def two_parameter_trees(draw):
    x = sp.Symbol("x_bi_two", real=True)
    y = sp.Symbol("y_bi_two", real=True)
    counter = itertools.count()
    choices = [0, 1, -1, x, y, x - y, 1 - x]

    def node(depth):
        if depth == 0 or draw(st.integers(0, 4)) == 0:
            return Terminal([draw(st.sampled_from(choices)), draw(st.sampled_from(choices))])
        return Decision(draw(st.sampled_from(["A", "B"])), f"h{next(counter)}",
                        {f"a{next(counter)}": node(depth - 1) for _ in range(2)})

    return ExtensiveFormGame(node(3), ["A", "B"])


@settings(max_examples=8, deadline=None, derandomize=True)
@given(two_parameter_trees(), st.sampled_from([0, 1, R(1, 2)]), st.sampled_from([0, 1, R(1, 2), -1]))
def test_two_parameters_symbolic_agrees_with_numeric(game, xv, yv):
    # Multivariate pieces are pruned by a feasibility LP; every point (ties included,
    # e.g. x = y) must still fall in exactly one piece that gives the numeric answer.
    x, y = sp.Symbol("x_bi_two", real=True), sp.Symbol("y_bi_two", real=True)
    point = {s: v for s, v in ((x, xv), (y, yv)) if s in game.parameters}
    if not point:
        return
    at = gt.spe(game).at(point)
    numeric = gt.spe(game.subs(point))
    assert at.count == numeric.count
    assert dict(at.payoff_vectors) == dict(numeric.payoff_vectors)
