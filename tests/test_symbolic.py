import time
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import ParameterError, ParseError
from gametheory.symbolic import (
    compile_expr,
    exact,
    is_exact,
    parameter,
    parameter_info,
    parse_formula,
    substitute,
)


def test_exact_numbers_become_rationals():
    assert exact(3) == sp.Integer(3)
    assert exact("3/4") == sp.Rational(3, 4)
    assert exact("-0.125") == sp.Rational(-1, 8)
    assert exact(Fraction(2, 6)) == sp.Rational(1, 3)
    assert exact(sp.Rational(5, 7)) == sp.Rational(5, 7)
    assert exact(np.int64(4)) == 4 and isinstance(exact(np.int64(4)), sp.Integer)


def test_floats_stay_floats_and_are_inexact():
    x = exact(0.1)
    assert isinstance(x, sp.Float)
    assert not is_exact(x)
    assert not is_exact(sp.Rational(1, 2) + x)
    assert is_exact(sp.Rational(1, 2), 3, "x")


@pytest.mark.parametrize("bad", ["abc", "1/0", True, None, float("nan"), float("inf"), [1]])
def test_exact_rejects_what_is_not_a_number(bad):
    with pytest.raises(ParameterError):
        exact(bad, where="payoff of Row")


def test_exact_error_names_where():
    with pytest.raises(ParameterError, match="payoff of Row"):
        exact("x/2", where="payoff of Row")


def test_parameter_kinds_give_assumptions_and_bounds():
    d = parameter("delta_t", kind="discount", default="9/10", plausible_range=("1/2", "99/100"))
    assert d.is_positive
    info = parameter_info(d)
    assert info.default == sp.Rational(9, 10)
    assert info.plausible_range == (sp.Rational(1, 2), sp.Rational(99, 100))
    with pytest.raises(ParameterError, match=r"\(0, 1\)"):
        info.check(1)
    p = parameter("prob_t", kind="probability")
    assert parameter_info(p).check(1) == 1
    with pytest.raises(ParameterError, match="must lie in"):
        parameter_info(p).check("3/2")


def test_redeclaring_with_other_assumptions_is_an_error():
    parameter("same_t", kind="positive", description="first")
    again = parameter("same_t", kind="positive", unit="USD")
    assert parameter_info(again).description == "first"
    assert parameter_info(again).unit == "USD"
    with pytest.raises(ParameterError, match="already declared as positive"):
        parameter("same_t", kind="probability")


def test_bad_parameter_declarations():
    with pytest.raises(ParameterError, match="unknown kind"):
        parameter("k_t", kind="angle")
    with pytest.raises(ParameterError, match="identifier"):
        parameter("not a name")
    with pytest.raises(ParameterError, match="must lie in"):
        parameter("d_bad_t", kind="discount", default=2)


def test_parse_formula_whitelist():
    a = parameter("a_t")
    b = parameter("b_t", kind="positive")
    names = {"a_t": a, "b_t": b}
    assert parse_formula("2*a_t - b_t/3", names) == 2 * a - b / 3
    assert parse_formula("-(a_t)**2 + 0.5", names) == -(a**2) + sp.Rational(1, 2)
    assert parse_formula("Max(a_t, 0) + log(b_t) + sqrt(4)", names) == sp.Max(a, 0) + sp.log(b) + 2
    assert parse_formula("1e-3", names) == sp.Rational(1, 1000)


@pytest.mark.parametrize(
    "text, piece",
    [
        ("__import__('os').system('true')", "__import__"),
        ("a_t.__class__", "attribute"),
        ("a_t[0]", "subscript"),
        ("lambda: 1", "lambda"),
        ("'text'", "constant"),
        ("open('f')", "open"),
        ("c_t + 1", "unknown name 'c_t'"),
        ("_secret", "_secret"),
        ("a_t if a_t else 1", "IfExp"),
        ("a_t == 1", "Compare"),
        ("2 ** 10 ** 10", "exponent"),
        ("9 ** 99999", "exponent"),
        ("(" * 500 + "1" + ")" * 500, "nest"),
        ("1 +", "not a formula"),
        ("x" * 30000, "limit"),
    ],
)
def test_parse_formula_rejects_hostile_input_quickly(text, piece):
    names = {"a_t": parameter("a_t")}
    start = time.perf_counter()
    with pytest.raises(ParseError, match=piece) as info:
        parse_formula(text, names, source="game.json", line=7)
    assert time.perf_counter() - start < 1.0
    assert "game.json" in str(info.value)


def test_parse_error_reports_column():
    a = parameter("a_t")
    with pytest.raises(ParseError) as info:
        parse_formula("a_t + foo(1)", {"a_t": a}, source="f.toml", line=3, column=10)
    assert info.value.line == 3
    assert info.value.column == 10 + 6


def test_compile_broadcasts_and_handles_conditions():
    x = parameter("x_t")
    y = parameter("y_t", kind="probability")
    f = compile_expr(x**2 - y, [x, y])
    grid_x, grid_y = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(0, 1, 3))
    assert np.allclose(f(x_t=grid_x, y_t=grid_y), grid_x**2 - grid_y)
    g = compile_expr(sp.Or(x > y, sp.Eq(x, 0)), [x, y])
    assert g(x_t=np.array([0.0, 0.5, -1.0]), y_t=0.7).tolist() == [True, False, False]
    with pytest.raises(ParameterError, match="no value"):
        f(x_t=1.0)
    with pytest.raises(ParameterError, match="unknown"):
        f(x_t=1.0, y_t=0.0, z=2)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.fractions(min_value=-10, max_value=10, max_denominator=20),
    st.fractions(min_value=0, max_value=1, max_denominator=20),
)
def test_compiled_expression_equals_exact_substitution(xv, yv):
    x = parameter("x_t")
    y = parameter("y_t", kind="probability")
    expr = (x - y) ** 2 / (1 + y) - 3 * x
    exact_value = substitute(expr, {x: xv, y: yv})
    numeric = compile_expr(expr, [x, y])(x_t=float(xv), y_t=float(yv))
    assert float(exact_value) == pytest.approx(float(numeric), rel=1e-12, abs=1e-12)


def test_substitute_checks_bounds():
    d = parameter("delta_t", kind="discount")
    with pytest.raises(ParameterError, match="delta_t"):
        substitute(d / 2, {"delta_t": "3/2"})
    assert substitute(d / 2, {"delta_t": "1/2"}) == sp.Rational(1, 4)


def test_simplify_condition_drops_impossible_linear_regions():
    from gametheory.conditions import canonical_relation, simplify_condition

    p, s = parameter("p_sc_t"), parameter("s_sc_t")
    assert simplify_condition(sp.And(p < s, p > s)) == sp.false
    assert simplify_condition(sp.And(p <= s, p >= s)) == sp.And(p <= s, p >= s)
    assert canonical_relation(sp.Ge(1, p + 1)) == sp.Le(p, 0)
    d = parameter("d_sc_t", kind="discount")
    # the bounds of a discount factor make d > 1 impossible and d > 0 certain
    assert simplify_condition(d > 1) == sp.false
    assert simplify_condition(d > 0) == sp.true
    q = parameter("q_sc_t", kind="probability")
    assert simplify_condition(sp.And(q > sp.Rational(1, 2), d + q < sp.Rational(1, 2))) == sp.false


def test_simplify_condition_solves_conditions_in_one_parameter():
    from gametheory.conditions import simplify_condition

    t = parameter("t_one_t", kind="positive")
    # the mixed equilibrium of a parametric 2x2 game exists where both probabilities lie in (0, 1)
    cond = sp.And(sp.Ne(4 - t, 0), -1 / (t - 4) > 0, (t - 3) / (t - 4) > 0)
    assert simplify_condition(cond) == sp.Lt(t, 3)
    d = parameter("d_one_t", kind="discount")
    assert simplify_condition(d**2 > sp.Rational(1, 4)) == sp.Gt(d, sp.Rational(1, 2))
    assert simplify_condition(d > 2) == sp.false


def test_two_files_declaring_a_name_differently_are_read_and_solved_in_one_session(tmp_path):
    # Issue 16: parameter names were global to the session; now each file is a scope.
    import json

    import gametheory as gt

    def matching(kind, fmt):
        data = {"parameters": {"a_scope": {"kind": kind, "default": "1/2"}},
                "players": {"Row": ["H", "T"], "Col": ["H", "T"]},
                "payoffs": {"H,H": ["a_scope", -1], "H,T": [-1, 1], "T,H": [-1, 1], "T,T": [1, -1]}}
        if fmt == "json":
            return json.dumps(data)
        lines = ["[parameters.a_scope]", f'kind = "{kind}"', 'default = "1/2"', "[players]",
                 'Row = ["H", "T"]', 'Col = ["H", "T"]', "[payoffs]"]
        lines += [f'"{k}" = {json.dumps(v)}' for k, v in data["payoffs"].items()]
        return "\n".join(lines) + "\n"

    first = tmp_path / "first.json"
    first.write_text(matching("positive", "json"))
    second = tmp_path / "second.toml"
    second.write_text(matching("real", "toml"))
    g1, g2 = gt.read_game(first), gt.read_game(second)
    (a1,), (a2,) = g1.parameters, g2.parameters
    assert a1 != a2 and a1.name == a2.name == "a_scope"
    assert parameter_info(a1).kind == "positive" and parameter_info(a2).kind == "real"
    # Both solve, symbolically and at a point, each under its own declaration.
    for game, sym in ((g1, a1), (g2, a2)):
        ans = gt.nash(game)
        point = {sym: 3}
        assert [e.strategies for e in ans.at(point)] == [e.strategies for e in gt.nash(game.subs(point))]
    with pytest.raises(ParameterError, match="must lie in"):
        g1.subs({a1: -1})
    assert g2.subs({a2: -1}).payoffs[0, 0, 0] == -1
