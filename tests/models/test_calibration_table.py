"""The paper's calibration tables come from Calibration.table() of both calibrations."""

from __future__ import annotations

from gametheory.artifacts import calibration as items
from gametheory.models.calibration import DPRK_2019, LIBYA_2003
from gametheory.reproduce import render_table


def test_every_parameter_of_both_calibrations_is_in_a_table():
    data = items.calibration_data_table()
    assumptions = items.calibration_assumptions_table()
    text = render_table(data) + render_table(assumptions)
    for cal in (DPRK_2019, LIBYA_2003):
        for row in cal.table():
            assert row["parameter"].replace("_", r"\_") in text
    assert len(data.rows) == sum(not r["assumption"] for r in DPRK_2019.table())


def test_assumptions_are_labelled_and_sources_kept():
    assert items.source_label(items.GENERIC_ASSUMPTION, True) == "ASSUMPTION"
    shift = items.source_label(items.GENERIC_ASSUMPTION + "; scales with maturity", True)
    assert shift == "ASSUMPTION; scales with maturity"
    assert items.source_label("UN 2017", False) == "UN 2017"
    for cal in (DPRK_2019, LIBYA_2003):
        for row in cal.table():
            if row["assumption"]:
                label = items.source_label(row["source"], True)
                assert "ASSUMPTION" in label or "ASSUMED" in label, row["parameter"]
