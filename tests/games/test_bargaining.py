import pytest
import sympy as sp

from gametheory import U1, BargainingProblem, Issue, MultiIssueBargaining, ValidationError


def test_frontier_formula_default_domain():
    p = BargainingProblem(frontier="4 - u1**2", disagreement=(0, 0))
    assert p.segments[0][1:] == (0, 2)
    assert p.frontier_at(1) == 3


def test_points_give_the_pareto_chain_of_the_hull():
    p = BargainingProblem(points=[(0, 0), (4, 0), (0, 2), (3, 2), (1, 1)])
    assert p.vertices == ((3, 2), (4, 0))
    assert p.segments[0][0] == 8 - 2 * U1


def test_bad_input():
    with pytest.raises(ValidationError, match="either a frontier"):
        BargainingProblem()
    with pytest.raises(ValidationError, match="two distinct players"):
        BargainingProblem(frontier="1 - u1", players=("A",))
    with pytest.raises(ValidationError, match="empty"):
        Issue("scope", 1, 0)


def test_multi_issue_package_and_acceptance():
    g = MultiIssueBargaining(["scope", "relief"], {"US": "scope - relief/2", "DPRK": "relief - scope"},
                             {"US": "1/4", "DPRK": "-1/2"})
    assert g.is_linear
    assert g.utility("US", {"scope": 1, "relief": 1}) == sp.Rational(1, 2)
    assert g.acceptable("DPRK", {"scope": 1, "relief": 0}) is sp.false
    with pytest.raises(ValidationError, match="no level for issue"):
        g.utility("US", {"scope": 1})
    with pytest.raises(ValidationError, match="outside options"):
        MultiIssueBargaining(["x"], {"A": "x", "B": "-x"}, {"A": 0})
