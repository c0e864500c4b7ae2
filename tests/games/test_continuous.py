import pytest
import sympy as sp

from gametheory import ParseError, PublicGoodsGame, ValidationError


def test_formulas_and_payoffs():
    g = PublicGoodsGame(["A", "B"], {"A": "2*log(a + b) - a", "B": "log(a + b) - b"}, ["a", "b"])
    assert g.total == g.symbols[0] + g.symbols[1]
    assert g.payoffs({"A": 1, "B": 0}) == {"A": -1, "B": 0}
    assert g.parameters == ()


def test_negative_lower_bound_is_an_error():
    with pytest.raises(ValidationError, match="lower bound of A's contribution is -1"):
        PublicGoodsGame(["A"], ["log(1 + a) - a"], ["a"], lower_bounds=[-1])


def test_convex_utility_and_unknown_name():
    with pytest.raises(ValidationError, match="convex in its own contribution"):
        PublicGoodsGame(["A"], ["a**2"], ["a"])
    with pytest.raises(ParseError, match="unknown name 'z'"):
        PublicGoodsGame(["A"], ["log(1 + z) - a"], ["a"])


def test_subs_with_parameters():
    v = sp.Symbol("v_pg", positive=True)
    a = sp.Symbol("a", real=True)
    g = PublicGoodsGame(["A"], [v * sp.log(1 + a) - a], [a])
    assert g.parameters == (v,)
    assert g.subs({v: 2}).utilities["A"] == 2 * sp.log(1 + a) - a
    with pytest.raises(ValidationError, match="below its lower bound"):
        g.payoffs({"A": -1})
