"""The paper's calibration tables list every parameter of every model, once.

The reference is independent of :func:`parameter_rows`: each model module of
:mod:`gametheory.models` is imported and read directly for the declared parameters it
holds and for the calibrations it defines.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
import sympy as sp

from gametheory import models
from gametheory.artifacts import calibration as items
from gametheory.models.calibration import DPRK_2019, LIBYA_2003, Calibration
from gametheory.models.forgiving import INSPECTION_CAPACITY, VERIFICATION_2019
from gametheory.models.sanctions_threat import SANCTIONS_2017, SANCTIONS_ENDURED
from gametheory.reproduce import render_table
from gametheory.symbolic import declared_parameters

_NOT_MODELS = {"calibration", "catalogue"}
TABLES = ("calibration_data_table", *items.ASSUMPTION_TABLES)


def _model_modules() -> list[str]:
    return [m.name for m in pkgutil.iter_modules(models.__path__)
            if not m.name.startswith("_") and m.name not in _NOT_MODELS]


def _used_parameters() -> set[str]:
    """Every declared parameter a model module holds, and every parameter of every
    calibration a model module holds (the shared calibrations included)."""
    names: set[str] = set()
    for name in _model_modules():
        module = importlib.import_module(f"gametheory.models.{name}")
        declared = declared_parameters()
        for value in vars(module).values():
            info = declared.get(value.name) if isinstance(value, sp.Symbol) else None
            if (info is not None and info.symbol == value
                    and info.declared_in.startswith("gametheory.models.")):
                names.add(value.name)
            elif isinstance(value, Calibration):
                names.update(s.name for s in value.values)
    return names


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return {name: render_table(getattr(items, name)()) for name in TABLES}


def _in(text: str, name: str) -> bool:
    return (r"\texttt{\footnotesize " + name.replace("_", r"\_") + "}") in text


def test_every_model_module_serves_an_argument():
    listed = [m for _, _, modules in items.ARGUMENTS for m in modules]
    assert sorted(listed) == sorted(_model_modules())


def test_every_parameter_a_model_uses_is_in_exactly_one_table(rendered):
    used = _used_parameters()
    assert {"inspection_capacity", "sanctions_endured", "good_if_cheating",
            "leakage_china", "ct_bias"} <= used  # the reference reaches the model modules
    for name in sorted(used):
        tables = [t for t, text in rendered.items() if _in(text, name)]
        assert len(tables) == 1, (name, tables)


def test_every_row_appears_once_and_every_shared_parameter_is_a_row():
    rows = items.parameter_rows()
    names = [r["parameter"] for r in rows]
    assert len(names) == len(set(names))
    for cal in (DPRK_2019, LIBYA_2003):
        assert {s.name for s in cal.values} <= set(names)
    assert set(names) == _used_parameters()


def test_rows_take_the_values_of_their_model_calibration():
    rows = {r["parameter"]: r for r in items.parameter_rows()}
    for symbol, cal in ((INSPECTION_CAPACITY, VERIFICATION_2019),
                        (SANCTIONS_ENDURED, SANCTIONS_2017)):
        row = rows[symbol.name]
        assert row["value"] == cal[symbol]
        assert (row["low"], row["high"]) == cal.range_of(symbol)
        assert row["assumption"]
    assert rows["sanctions_endured"]["argument"] == "07"
    assert rows["inspection_capacity"]["argument"] == "05"
    # The sanctions loss is derived from the 2017 UN figures, so it is a datum.
    assert rows["sanctions_loss"]["value"] == SANCTIONS_2017["sanctions_loss"]
    assert not rows["sanctions_loss"]["assumption"]
    assert rows["power_shift"]["libya"]["value"] == LIBYA_2003["power_shift"]


def test_arguments_come_in_order_and_the_tables_split_them():
    order = [r["argument"] for r in items.parameter_rows()]
    assert order == sorted(order, key=lambda a: (a == items.UNUSED, a))
    spans = sorted(items.ASSUMPTION_TABLES.values())
    numbers = [n for n, _, _ in items.ARGUMENTS]
    assert spans[0][0] == numbers[0] and spans[-1][1] == numbers[-1]
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))


def test_assumptions_are_labelled_and_sources_kept():
    assert items.source_label(items.GENERIC_ASSUMPTION, True) == "ASSUMPTION"
    shift = items.source_label(items.GENERIC_ASSUMPTION + "; scales with maturity", True)
    assert shift == "ASSUMPTION; scales with maturity"
    assert items.source_label("UN 2017", False) == "UN 2017"
    for row in items.parameter_rows():
        if row["assumption"]:
            label = items.source_label(row["source"], True)
            assert "ASSUMPTION" in label or "ASSUMED" in label, row["parameter"]
        else:
            assert row["source"], row["parameter"]


def test_the_libya_table_lists_what_differs_from_north_korea():
    # The reference: the two calibrations compared directly.
    differ = {s.name for s in LIBYA_2003.values
              if LIBYA_2003[s] != DPRK_2019[s] or LIBYA_2003.range_of(s) != DPRK_2019.range_of(s)}
    assert {"power_shift", "disarm_cost", "programme_maturity"} <= differ
    text = render_table(items.calibration_libya_table())
    assert {n for n in (s.name for s in LIBYA_2003.values) if _in(text, n)} == differ


def test_a_parameter_declared_elsewhere_does_not_join_a_model():
    # forgiving.py keeps a plain helper symbol q for its algebra; a parameter "q" that a
    # user (or another test) declares must not show up among the model's parameters.
    import gametheory as gt
    from gametheory.models.catalogue import model_catalogue

    def forgiving() -> set[str]:
        (entry,) = (e for e in model_catalogue() if e.module.endswith(".forgiving"))
        return {p.name for p in entry.parameters}

    before = forgiving()
    # In a scope of its own, so that it clashes with no session parameter "q".
    gt.parameter("q", kind="positive", description="declared by a test", scope="catalogue-test")
    assert forgiving() == before and "q" not in before
