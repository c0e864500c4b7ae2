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
from gametheory.solve.spe_symbolic import GENERICITY

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
    assert sol.summary_json(limit=10) == {
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
    assert len(sol.summary_json(limit=5)["equilibria"]) == 5


def test_equilibria_refuses_to_list_too_many(monkeypatch):
    # The limit is read where SPESolution lives (backward_induction re-exports it).
    from gametheory.solve import spe_records

    monkeypatch.setattr(spe_records, "MAX_LISTED", 1)
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


# ------------------------------------------- symbolic, imperfect-information subgames


def _simultaneous(payoffs, first="P1", second="P2", rows=("U", "D"), cols=("l", "r")):
    """A 2x2 simultaneous-move subgame: the second mover does not see the first move."""
    return Decision(first, "h1", {
        a: Decision(second, "h2", {b: Terminal(payoffs[i][j]) for j, b in enumerate(cols)})
        for i, a in enumerate(rows)})


def _profile_keys(sol):
    return sorted((e.path, e.payoffs, tuple(sorted(
        (h, tuple(d.items())) for p in e.behavior for h, d in e.behavior[p].items())))
        for e in sol.profiles())


def _assert_agrees(ans, game, point):
    """The piecewise answer at a point equals the numeric SPE of the tree there."""
    at = ans.at(point)
    numeric = gt.spe(game.subs(point))
    assert at.count == numeric.count
    assert dict(at.payoff_vectors) == dict(numeric.payoff_vectors)
    assert _profile_keys(at) == _profile_keys(numeric)
    # Same ties and multiplicities; the symbolic answer adds only its genericity caveat
    # (or says that a degenerate point was solved numerically).
    assert set(numeric.warnings) <= set(at.warnings)
    extra = set(at.warnings) - set(numeric.warnings)
    assert all(w == GENERICITY or "degenerate at this point" in w for w in extra)
    return at


def test_symbolic_outside_option_before_matching_pennies():
    # Matching pennies has value 0 for P1 (von Neumann 1928), so P1 enters iff the
    # outside option x is negative; at x = 0 both are SPE, each with the mixed play.
    x = gt.parameter("outside_mp_bi")
    mp = _simultaneous([[(1, -1), (-1, 1)], [(-1, 1), (1, -1)]])
    g = ExtensiveFormGame(Decision("P1", "start", {"Out": Terminal([x, 0]), "In": mp}), ["P1", "P2"])
    ans = gt.spe(g)
    assert GENERICITY in ans.warnings
    regions = {p.label: p.condition.as_set() for p in ans.pieces}
    assert regions == {
        "1 SPE: In": sp.Interval.open(-sp.oo, 0),
        "2 SPE: Out; In": sp.FiniteSet(0),
        "1 SPE: Out": sp.Interval.open(0, sp.oo),
    }
    assert [p.boundary for p in ans.pieces if p.label == "2 SPE: Out; In"] == [True]
    (inside,) = ans.at({x: -1}).equilibria
    assert inside.behavior["P1"]["h1"] == {"U": R(1, 2), "D": R(1, 2)}
    assert inside.behavior["P2"]["h2"] == {"l": R(1, 2), "r": R(1, 2)}
    for v in (-2, R(-1, 3), 0, R(1, 2), 5):
        _assert_agrees(ans, g, {x: v})


def battle_of_the_sexes():
    # Osborne (2004) Example 16.2 payoffs as in the numeric multiplicity test above:
    # pure equilibria (O, o) worth (2, 1) and (F, f) worth (1, 2), mixed worth (2/3, 2/3).
    return _simultaneous([[(2, 1), (0, 0)], [(0, 0), (1, 2)]], "A", "B", ("O", "F"), ("o", "f"))


def test_symbolic_outside_option_before_battle_of_the_sexes():
    x = gt.parameter("outside_bos_bi")
    g = ExtensiveFormGame(Decision("A", "root", {"Out": Terminal([x, 0]), "In": battle_of_the_sexes()}),
                          ["A", "B"])
    ans = gt.spe(g)
    # A takes the outside option after an equilibrium worth less than x to A: the
    # thresholds are the three continuation values 2/3, 1 and 2.
    assert {sp.solve(e, x)[0] for e in ans.boundaries()} == {R(2, 3), 1, 2}
    at = _assert_agrees(ans, g, {x: R(3, 2)})
    # The value of the numeric test above: In only after (O, o).
    assert dict(at.payoff_vectors) == {(2, 1): 1, (R(3, 2), 0): 2}
    assert any("3 equilibria" in w for w in at.warnings)
    assert dict(_assert_agrees(ans, g, {x: 0}).payoff_vectors) == {
        (2, 1): 1, (1, 2): 1, (R(2, 3), R(2, 3)): 1}
    for v in (R(2, 3), 1, 2, 3, R(5, 6)):
        _assert_agrees(ans, g, {x: v})


def test_symbolic_parametric_payoff_in_simultaneous_subgame():
    # P1 gets x at (U, l), otherwise a matching-pennies-like game. For x > 0 the unique
    # equilibrium mixes: P2 plays l with probability 1/(x + 1) (indifference of P1),
    # P1's value is x/(x + 1); for x < 0, D is dominant and (D, l) is played.
    x = gt.parameter("corner_bi")
    sub = _simultaneous([[(x, 0), (0, 1)], [(0, 1), (1, 0)]])
    g = ExtensiveFormGame(Decision("P1", "start", {"Out": Terminal([R(1, 3), 0]), "In": sub}),
                          ["P1", "P2"])
    ans = gt.spe(g)
    mixed = [p for p in ans.pieces if p.label == "1 SPE: In"]
    assert len(mixed) == 1 and mixed[0].condition.as_set() == sp.Interval.open(R(1, 2), sp.oo)
    (eq,) = mixed[0].value.equilibria
    assert sp.simplify(eq.behavior["P2"]["h2"]["l"] - 1 / (x + 1)) == 0
    assert sp.simplify(eq.payoffs[0] - x / (x + 1)) == 0
    # x = 0 is degenerate ((D, l) and a continuum meet): that piece is solved at the point.
    (degenerate,) = [p for p in ans.pieces if p.condition == sp.Eq(x, 0)]
    assert degenerate.boundary and "degenerate" in degenerate.label
    at = _assert_agrees(ans, g, {x: 0})
    assert any("degenerate at this point" in w for w in at.warnings)
    for v in (-3, -1, R(1, 4), R(1, 2), 1, 7):
        _assert_agrees(ans, g, {x: v})


def test_symbolic_continuation_value_below_a_simultaneous_subgame():
    # (U, l) leads to a perfect-information subgame where P2 chooses between (y, 2) and
    # (0, 1): its continuation value enters the 2x2 normal form as an expression.
    y = gt.parameter("deep_bi")
    deep = Decision("P2", "deep", {"keep": Terminal([y, 2]), "drop": Terminal([0, 1])})
    sub = Decision("P1", "h1", {
        "U": Decision("P2", "h2", {"l": deep, "r": Terminal([0, 0])}),
        "D": Decision("P2", "h2", {"l": Terminal([1, 0]), "r": Terminal([2, 3])})})
    g = ExtensiveFormGame(Decision("P1", "start", {"Out": Terminal([1, 5]), "In": sub}), ["P1", "P2"])
    ans = gt.spe(g)
    for v in (-2, 0, R(1, 2), 1, R(3, 2), 2, 3, 5):
        _assert_agrees(ans, g, {y: v})


def test_symbolic_imperfect_information_three_players_not_applicable():
    x = gt.parameter("three_bi")
    sub = Decision("P1", "h1", {
        a: Decision("P2", "h2", {b: Terminal([x, 0, 1]) for b in "lr"}) for a in "UD"})
    g = ExtensiveFormGame(Decision("P3", "start", {"Out": Terminal([0, 0, 0]), "In": sub}),
                          ["P1", "P2", "P3"])
    with pytest.raises(gt.errors.NotApplicableError, match="two players"):
        gt.spe(g)
    assert gt.spe(g.subs({x: 1})).count >= 1  # numeric values: solved


@st.composite
def outside_option_trees(draw):
    """An outside option, then a 2x2 simultaneous subgame, some payoffs linear in x.

    Each player's four payoffs have distinct constant parts, so the subgame is
    degenerate only at isolated values of x (genericity, as symbolic SPE assumes)."""
    x = sp.Symbol("x_bi_imperfect", real=True)

    def payoffs():
        values = draw(st.permutations([-1, 0, 1, 2]))
        return [v + draw(st.sampled_from([0, 0, 1, -1])) * x for v in values]

    a, b = payoffs(), payoffs()
    cells = [[(a[2 * i + j], b[2 * i + j]) for j in range(2)] for i in range(2)]
    outside = Terminal([draw(st.sampled_from([0, 1, x, 1 - x])), draw(st.integers(-1, 1))])
    first = draw(st.sampled_from(["A", "B"]))
    sub = _simultaneous(cells, "A", "B")
    return ExtensiveFormGame(Decision(first, "start", {"Out": outside, "In": sub}), ["A", "B"])


@settings(max_examples=10, deadline=None, derandomize=True)
@given(outside_option_trees(), st.sampled_from([-2, -1, R(-1, 2), 0, R(1, 3), 1, R(3, 2), 2, 3]))
def test_symbolic_imperfect_information_agrees_with_numeric(game, value):
    # Every point is checked, boundaries included: degenerate points of the subgame
    # are pieces of their own, solved numerically there.
    if not game.parameters:
        return
    x = game.parameters[0]
    _assert_agrees(gt.spe(game), game, {x: value})


def test_symbolic_subgame_degenerate_throughout_solved_at_points():
    # P2 is indifferent between l and r after U whatever x: degenerate for every x, so
    # support enumeration does not apply; the piece says so and is solved at each point.
    x = gt.parameter("flat_bi")
    sub = _simultaneous([[(0, 0), (-1, 0)], [(x - 1, 0), (0, -1)]])
    g = ExtensiveFormGame(Decision("P1", "start", {"Out": Terminal([1, 0]), "In": sub}), ["P1", "P2"])
    ans = gt.spe(g)
    (piece,) = ans.pieces
    assert piece.condition == sp.true and "degenerate" in piece.label
    for v in (-1, R(1, 3), 2):
        at = _assert_agrees(ans, g, {x: v})
        assert any("degenerate at this point" in w for w in at.warnings)


def test_symbolic_nested_simultaneous_subgames():
    # (O, o) of an outer 2x2 leads to an inner 2x2 whose value to P1 is 0 for x < 0
    # (D dominant, (D, l)) and x/(x + 1) for x > 0 (mixed). For x < 0 the outer game is
    # degenerate (P1 indifferent against o), so that piece is solved at points.
    x = gt.parameter("nested_bi")
    inner = Decision("P1", "g1", {
        "u": Decision("P2", "g2", {"a": Terminal([x, 0]), "b": Terminal([0, 1])}),
        "d": Decision("P2", "g2", {"a": Terminal([0, 1]), "b": Terminal([1, 0])})})
    outer = Decision("P1", "h1", {
        "O": Decision("P2", "h2", {"o": inner, "f": Terminal([0, 0])}),
        "F": Decision("P2", "h2", {"o": Terminal([0, 0]), "f": Terminal([R(1, 3), 2])})})
    g = ExtensiveFormGame(outer, ["P1", "P2"])
    ans = gt.spe(g)
    assert any("degenerate" in p.label for p in ans.pieces)
    assert any("degenerate" not in p.label for p in ans.pieces)
    for v in (-1, 0, R(1, 4), R(1, 2), 1, 2, 5):
        _assert_agrees(ans, g, {x: v})


def test_counts_too_long_to_print_are_given_by_their_size():
    # A chain of 14,000 ties has 2^14000 SPE, a 4,215-digit number: Python refuses to
    # print integers of more than 4,300 digits, so repr and JSON give its size instead.
    import json

    from gametheory.solve.backward_induction import count_json, count_text

    node = gt.Terminal([1, 1])
    for k in range(14000):
        node = gt.Decision("A" if k % 2 else "B", None, {"stop": gt.Terminal([1, 1]), "go": node})
    solution = gt.spe(gt.ExtensiveFormGame(node, ["A", "B"]))
    assert solution.count == 2**14000
    assert "about 2^14000" in repr(solution)
    assert json.loads(json.dumps(solution.summary_json(limit=1)))["count"] == count_text(2**14000)
    assert count_json(12) == 12 and count_text(12) == "12"
