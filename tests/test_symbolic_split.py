"""``gametheory/symbolic.py`` became the package ``gametheory.symbolic`` (issue 12:
modules split by idea). Code, JSON files and pickles that name the old module's names
still work: the package re-exports every name, and the parameter registries exist once."""

import json
import pickle

import sympy as sp

import gametheory as gt
from gametheory import symbolic
from gametheory.solve.serialization import decode, encode
from gametheory.symbolic import compilation, exact_numbers, formulas, parameters

MODULES = (exact_numbers, parameters, formulas, compilation)
# The old module's __all__ (gametheory/symbolic.py before the split), in its order.
OLD_ALL = [
    "exact", "is_exact", "to_fraction", "Parameter", "parameter", "parameter_info",
    "declared_parameters", "new_scope", "SESSION", "free_parameters", "parse_formula",
    "compile_expr", "substitute", "KINDS",
]


def test_every_old_name_is_importable_from_the_package_and_is_its_home_objects():
    assert symbolic.__all__ == OLD_ALL
    for name in OLD_ALL:
        (home,) = (m for m in MODULES if name in m.__all__)
        assert getattr(symbolic, name) is getattr(home, name), name
    # The condition kernel's names stay importable from here too.
    assert symbolic.simplify_condition is gt.conditions.simplify_condition
    assert gt.Parameter is symbolic.Parameter and gt.parameter is symbolic.parameter


def test_the_parameter_registries_exist_once():
    for registry in ("_REGISTRY", "_SCOPES", "_BY_SYMBOL"):
        holders = [m.__name__ for m in MODULES if registry in vars(m)
                   and getattr(m, registry) is not getattr(parameters, registry)]
        assert holders == [], registry
    assert formulas._REGISTRY is parameters._REGISTRY
    s = symbolic.parameter("r_split", kind="probability")
    assert parameters._REGISTRY["r_split"].symbol == s
    assert symbolic.parse_formula("1 - r_split") == 1 - s  # formulas see the declaration


def test_declared_in_names_the_caller_of_parameter():
    symbolic.parameter("c_split", kind="real")
    assert symbolic.parameter_info("c_split").declared_in == __name__


def test_pickles_and_json_naming_the_old_module_load():
    info = symbolic.parameter_info(symbolic.parameter("k_split", kind="discount", default="1/2"))
    data = pickle.dumps(info, protocol=2)
    assert b"gametheory.symbolic.parameters" in data
    old = data.replace(b"gametheory.symbolic.parameters", b"gametheory.symbolic")
    back = pickle.loads(old)
    assert back == info and back.symbol == info.symbol and back.default == sp.Rational(1, 2)
    text = json.dumps(encode(info))
    assert "gametheory.symbolic.parameters.Parameter" in text
    back = decode(json.loads(text.replace("gametheory.symbolic.parameters.", "gametheory.symbolic.")))
    assert back == info
    for name in ("exact", "parse_formula", "compile_expr"):
        tree = json.loads(json.dumps(encode(getattr(symbolic, name))))
        assert decode({"function": f"gametheory.symbolic.{name}"}) is decode(tree)

