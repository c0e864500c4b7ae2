"""One contract for every result class (after Axelrod's shared strategy tests): the
protocol attributes exist, the JSON form has the same top-level keys everywhere and
reads back to an equal result, results pickle, a numeric result is its own value at
any point, and a symbolic answer at a random point equals the solver on the game with
that point substituted (hypothesis)."""

import json
import pickle

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import Decision, ExtensiveFormGame, Terminal
from gametheory.analysis.statics import comparative_statics
from gametheory.solve.pbe import beer_quiche
from gametheory.solve.repeated_nash import is_nash
from gametheory.solve.results import (
    JSON_KEYS,
    RESULT_TYPES,
    PiecewiseAnswer,
    Result,
    load_result,
    save_result,
)
from gametheory.solve.tree_arrays import TreeArrays, backward_induction_arrays

T = gt.parameter("T_contract", "positive")
c = gt.parameter("c_contract", "positive")
q = gt.parameter("q_contract", "probability", plausible_range=(0, 1))


def _pd(t=4):
    return gt.NormalFormGame.from_arrays([[3, 0], [t, 1]], [[3, t], [0, 1]],
                                         players=("Row", "Col"), strategies=(("C", "D"), ("C", "D")))


def _entry(fight=-1):
    return ExtensiveFormGame(
        Decision("Entrant", "entrant", {
            "Out": Terminal([0, 2]),
            "In": Decision("Incumbent", "incumbent", {
                "Fight": Terminal([fight, -1]), "Accommodate": Terminal([1, 1])}),
        }),
        ["Entrant", "Incumbent"],
    )


def _matching(x=1):
    return gt.NormalFormGame.from_arrays([[x, -1], [-1, 1]], [[-1, 1], [1, -1]])


def _goods(v=3):
    return gt.PublicGoodsGame(["US", "ROK"], {"US": f"{v}*log(gU + gK) - gU", "ROK": "2*log(gU + gK) - gK"},
                              ["gU", "gK"])


def _numeric_results():
    pd = _pd()
    rg = gt.RepeatedGame(pd, "1/2")
    grim = (gt.grim_trigger(), gt.grim_trigger())
    x = sp.Symbol("x_contract", real=True)
    demo = PiecewiseAnswer("demo", (gt.solve.results.Piece(x >= 0, "up", "up"),
                                    gt.solve.results.Piece(x < 0, "down", "down")), (x,))
    tree = TreeArrays.complete(2, np.array([[3, 0], [1, 1], [0, 2], [2, 3]]), players=("A", "B"))
    return {
        "Solution": gt.nash(pd),
        "pure Solution": gt.pure_nash(pd),
        "SPESolution": gt.spe(_entry()),
        "PBESolution": gt.pbe(beer_quiche()),
        "ContributionSolution": gt.nash_contributions(_goods()),
        "samuelson": gt.samuelson_level(_goods()),
        "BargainingSolution": gt.nash_bargaining(gt.BargainingProblem(frontier="1 - u1", domain=(0, 1))),
        "RubinsteinSolution": gt.rubinstein("9/10", "4/5"),
        "WinSets": gt.win_sets(gt.MultiIssueBargaining(
            ["scope", "relief"], {"US": "scope - relief/2", "DPRK": "relief - scope"},
            {"US": "1/4", "DPRK": "-1/2"})),
        "RepeatedValues": gt.repeated_values(rg, (gt.tit_for_tat(), gt.always_defect())),
        "SubgamePerfection": gt.is_subgame_perfect(rg, grim),
        "DiscountThreshold": gt.discount_threshold(rg, grim),
        "NashCheck": is_nash(gt.RepeatedGame(pd, "2/3"), (gt.tit_for_tat(),) * 2),
        "History": gt.simulate(gt.RepeatedGame(pd, "9/10", monitoring=gt.PrivateNoise("1/20")), grim,
                               rounds=5, runs=3, seed=1),
        "PayoffSet": gt.equilibrium_payoffs(gt.RepeatedGame(pd, "1/5")),
        "AllocationResult": gt.shapley_value(gt.WeightedVotingGame({"A": 2, "B": 1, "C": 1}, quota=3)),
        "CoreResult": gt.core(gt.WeightedVotingGame({"A": 2, "B": 1, "C": 1}, quota=3)),
        "DominanceResult": gt.iterated_dominance(pd),
        "ArraySolution": backward_induction_arrays(tree),
        "SweepResult": gt.sweep(demo, x_contract=np.array([-1.0, 0.0, 2.0])),
        "RobustnessResult": gt.robustness(q >= sp.Rational(1, 2), draws=50, seed=1),
        "ComparativeStatics": comparative_statics(T / (T + c)),
        "PiecewiseAnswer": gt.spe(_entry(T - 2)),
        "MixedPBESolution": gt.mixed_pbe(beer_quiche("1/10")),
        "SequenceFormSolution": gt.sequence_form_nash(_entry()),
        "LogitQRE": gt.logit_qre(_matching(), 1.0),
        "LogitQREPath": gt.logit_qre_path(_matching(), lam_max=1.0),
        "StrategicLogitFit": _logit_fit(),
    }


def _logit_fit():
    b = sp.symbols("b_contract0 b_contract1")
    tree = ExtensiveFormGame(Decision("A", "a", {
        "Out": Terminal([0, 0]),
        "In": Decision("B", "b", {"Yes": Terminal([b[0], 1]), "No": Terminal([-1, b[1]])}),
    }), ["A", "B"])
    covariates = {"k": np.zeros(60)}
    outcomes = gt.analysis.simulate_outcomes(tree, covariates, {b[0]: 0.5, b[1]: 0.2}, seed=3)
    return gt.analysis.fit_strategic_logit(tree, outcomes, covariates, list(b))


RESULTS = _numeric_results()


def test_every_result_class_is_covered():
    covered = {type(r).__name__ for r in RESULTS.values()}
    missing = set(RESULT_TYPES) - covered - {"EquilibriumSequence", "Result"}
    assert not missing, f"result classes without a contract example: {sorted(missing)}"


def _same(a, b):
    # Results holding numpy arrays have no boolean ==: their exact JSON forms then.
    if any(isinstance(v, np.ndarray) for v in vars(a).values()):
        return a.to_json_dict() == b.to_json_dict()
    try:
        return bool(a == b)
    except ValueError:  # arrays inside tuples (a QRE path's profiles)
        return a.to_json_dict() == b.to_json_dict()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_protocol_attributes(name):
    r = RESULTS[name]
    assert isinstance(r, Result)
    assert isinstance(r.method, str) and r.method
    assert isinstance(r.exact, bool | np.bool_)
    assert isinstance(r.warnings, tuple)
    assert isinstance(r.parameters, tuple)
    assert r.is_symbolic == bool(r.parameters) or isinstance(r, PiecewiseAnswer)
    assert all(hasattr(p, "condition") for p in r.pieces)


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_json_round_trip(name, tmp_path):
    r = RESULTS[name]
    data = r.to_json_dict()
    assert tuple(data) == JSON_KEYS
    text = json.dumps(data)
    back = Result.from_json_dict(json.loads(text))
    assert type(back) is type(r)
    assert _same(back, r)
    assert back.to_json_dict() == data
    save_result(r, tmp_path / "r.json")
    assert _same(load_result(tmp_path / "r.json"), r)


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_pickle_round_trip(name):
    r = RESULTS[name]
    back = pickle.loads(pickle.dumps(r))
    assert _same(back, r)


@pytest.mark.parametrize("name", sorted(n for n, r in RESULTS.items() if not r.parameters))
def test_numeric_result_is_its_own_value_at_a_point(name):
    r = RESULTS[name]
    assert r.at({}) is r and r.subs({}) is r
    assert r.pieces[0].value is r and r.pieces[0].condition is sp.true


def test_reading_refuses_names_outside_the_package():
    bad = {"type": "Solution", "data": {"concept": {"object": "os.system", "state": {}}}}
    with pytest.raises(gt.GameError, match="not a gametheory name"):
        Result.from_json_dict(bad)


points = st.fractions(min_value=0, max_value=10).filter(lambda f: f > 0)
probs = st.fractions(min_value=0, max_value=1)


@settings(max_examples=10, deadline=None)
@given(points)
def test_symbolic_spe_at_a_point_equals_spe_of_the_game_at_that_point(t):
    tree = _entry(T - 2)
    ans = gt.spe(tree)
    point = {T: sp.Rational(t)}
    assert ans.at(point).to_json_dict()["summary"] == gt.spe(tree.subs(point)).to_json_dict()["summary"]
    back = Result.from_json_dict(json.loads(json.dumps(ans.to_json_dict())))
    assert back.at(point).summary_json() == ans.at(point).summary_json()
    assert pickle.loads(pickle.dumps(ans)).at(point).summary_json() == ans.at(point).summary_json()


@settings(max_examples=10, deadline=None)
@given(points)
def test_symbolic_pure_and_mixed_nash_at_a_point(t):
    for solver, game in ((gt.pure_nash, _pd(T)), (gt.nash, _matching(T))):
        ans = solver(game)
        point = {T: sp.Rational(t)}
        expected = solver(game.subs(point))
        got = ans.at(point)
        assert [e.strategies for e in got] == [e.strategies for e in expected]
        back = pickle.loads(pickle.dumps(ans))
        assert [e.strategies for e in back.at(point)] == [e.strategies for e in expected]
        again = Result.from_json_dict(json.loads(json.dumps(ans.to_json_dict())))
        assert [e.strategies for e in again.at(point)] == [e.strategies for e in expected]


@settings(max_examples=8, deadline=None)
@given(points)
def test_symbolic_contributions_at_a_point(t):
    v = gt.parameter("v_contract", "positive")
    ans = gt.nash_contributions(_goods(v))
    got = ans.at({v: sp.Rational(t)})
    expected = gt.nash_contributions(_goods(sp.Rational(t)))
    assert [e.contributions for e in got] == [e.contributions for e in expected]
    assert pickle.loads(pickle.dumps(ans)).at({v: sp.Rational(t)}).summary_json() == got.summary_json()


def test_subs_keeps_the_other_parameters_free():
    ans = gt.spe(ExtensiveFormGame(
        Decision("Entrant", "entrant", {
            "Out": Terminal([0, 2]),
            "In": Decision("Incumbent", "incumbent", {
                "Fight": Terminal([T - 2, -c]), "Accommodate": Terminal([1, 1])}),
        }),
        ["Entrant", "Incumbent"],
    ))
    partial = ans.subs({"c_contract": 2})
    assert isinstance(partial, PiecewiseAnswer) and partial.parameters == (T,)
    point = {T: 3, c: 2}
    assert partial.at({T: 3}).summary_json() == ans.at(point).summary_json()
    # A numeric-valued result with a formula in it substitutes field by field.
    sol = gt.rubinstein(q, "4/5")
    assert sol.parameters == (q,)
    assert sol.at({q: "1/2"}) == gt.rubinstein("1/2", "4/5")


def test_latex_names_ties_and_labels_that_compile_under_default_fonts():
    import re

    delta = gt.parameter("delta_tex", "discount", latex=r"\delta")
    tree = ExtensiveFormGame(
        Decision("Entrant", "entrant", {
            "Out": Terminal([0, 2]),
            "In": Decision("Incumbent", "incumbent", {
                "Fight": Terminal([-1, 2 * delta]), "Accommodate": Terminal([1, 1])}),
        }),
        ["Entrant", "Incumbent"],
    )
    ans = gt.spe(tree)
    tex = ans.latex()
    assert r"\delta" in tex and "delta_tex" not in tex and r"\text{if }" in tex
    # Text-mode labels: no bare < or > (OT1 fonts print them as inverted punctuation).
    for label in re.findall(r"\\text\{((?:[^{}]|\{\})*)\}", tex):
        assert ">" not in label and "<" not in label, label
    assert r"\textgreater{}" in tex
    assert ans.latex({"delta_tex": r"\beta"}).count(r"\beta") == tex.count(r"\delta")
    ties = [p for p in ans.pieces if p.boundary]
    assert ties, "the entry game has a tie where the incumbent is indifferent"
    assert ans.latex(ties=False).count(r"\\") == ans.latex().count(r"\\") - len(ties)


@settings(max_examples=8, deadline=None)
@given(st.fractions(min_value=0, max_value=1).filter(lambda f: 0 < f < 1))
def test_symbolic_pbe_at_a_point_equals_pbe_of_the_game_at_that_point(prior):
    # Beer-quiche with a free prior (Fudenberg and Tirole 1991, Sec. 8.2.3).
    p = gt.parameter("p_strong_contract", "probability")
    ans = gt.pbe(beer_quiche(p))
    point = {p: sp.Rational(prior)}
    expected = [e.label for e in gt.pbe(beer_quiche(sp.Rational(prior)))]
    assert [e.label for e in ans.at(point)] == expected
    assert [e.label for e in pickle.loads(pickle.dumps(ans)).at(point)] == expected
    back = Result.from_json_dict(json.loads(json.dumps(ans.to_json_dict())))
    assert [e.label for e in back.at(point)] == expected


@pytest.mark.xfail(reason="Result.at substitutes field by field and does not recompute derived fields "
                          "(SubgamePerfection.holds stays None); solve the game at the point instead",
                   strict=True)
def test_at_recomputes_what_a_symbolic_result_left_undecided():
    d = gt.parameter("d_contract", "discount")
    rg = gt.RepeatedGame(_pd(), d)
    grim = (gt.grim_trigger(), gt.grim_trigger())
    assert gt.is_subgame_perfect(rg, grim).at({d: sp.Rational(9, 10)}).holds is True


def test_counts_say_equilibrium_or_equilibria():
    from gametheory.solve.results import counted

    pd = _pd()
    assert "1 equilibrium)" in repr(gt.nash(pd))
    assert counted(1, "equilibrium") == "1 equilibrium" and counted(3, "equilibrium") == "3 equilibria"
