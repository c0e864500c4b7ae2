import pytest
import sympy as sp

from gametheory.errors import ParameterError
from gametheory.models.calibration import CALIBRATIONS, DPRK_2019, LIBYA_2003, calibration
from gametheory.symbolic import is_exact, parameter_info


def test_published_figures():
    # LITERATURE.md, sanctions: 2017 UN measures banned ~$3bn coal/minerals, ~$800m textiles;
    # exports fell 37.2% in 2017; coal ~$1.2bn (~40% of exports) in 2016.
    assert DPRK_2019["sanctions_coal_minerals"] == 3
    assert DPRK_2019["sanctions_textiles"] == sp.Rational(4, 5)
    assert DPRK_2019["export_drop_2017"] == sp.Rational(372, 1000)
    assert DPRK_2019["coal_exports_2016"] == sp.Rational(6, 5)
    assert DPRK_2019["coal_export_share_2016"] == sp.Rational(2, 5)
    # KEDO: $4.6bn LWR budget, ROK 70% (~$3.22bn), Japan $1bn, EU 75m ECU, 500,000 t HFO.
    assert DPRK_2019["kedo_rok_share"] * DPRK_2019["kedo_lwr_budget"] == DPRK_2019["kedo_rok"]
    assert DPRK_2019["kedo_japan"] == 1 and DPRK_2019["kedo_eu_mecu"] == 75
    assert DPRK_2019["us_heavy_fuel_oil"] == 500_000
    # ISTC: US $64m by 1996, EU $53.5m, Japan $17m; 58,000 scientists, 765 institutes.
    assert (DPRK_2019["istc_us"], DPRK_2019["istc_eu"], DPRK_2019["istc_japan"]) == (
        64, sp.Rational(107, 2), 17)
    assert (DPRK_2019["istc_scientists"], DPRK_2019["istc_institutes"]) == (58_000, 765)
    # Yongbyon ~2,000 staff (Reuters 2007).
    assert DPRK_2019["nuclear_staff"] == 2000


def test_every_value_exact_with_unit_and_source():
    for cal in CALIBRATIONS.values():
        assert is_exact(*cal.values.values())
        for row in cal.table():
            assert row["unit"] and row["source"]
            assert row["low"] <= row["value"] <= row["high"]
            if row["assumption"]:
                assert "ASSUM" in row["source"].upper()


def test_assumptions_have_ranges_and_data_do_not():
    assert "patience" in DPRK_2019.assumptions
    assert "sanctions_coal_minerals" not in DPRK_2019.assumptions
    low, high = DPRK_2019.range_of("power_shift")
    assert low < high


def test_programme_stage_libya_early_dprk_post_success():
    # Bas and Coe (2016, 2018): Libya 2003 early-stage, North Korea 2019 post-success.
    assert LIBYA_2003.range_of("programme_maturity")[1] < DPRK_2019.range_of("programme_maturity")[0]
    assert LIBYA_2003.range_of("power_shift")[1] < DPRK_2019.range_of("power_shift")[0]


def test_lookup_replace_and_errors():
    assert calibration("LIBYA_2003") is LIBYA_2003
    with pytest.raises(ParameterError, match="unknown calibration"):
        calibration("IRAN_2015")
    with pytest.raises(ParameterError, match="no value for 'nonsense'"):
        DPRK_2019["nonsense"]
    changed = DPRK_2019.replace(patience="4/5")
    assert changed["patience"] == sp.Rational(4, 5) and DPRK_2019["patience"] == sp.Rational(9, 10)
    with pytest.raises(ParameterError, match="outside its range"):
        DPRK_2019.replace(patience="1/2")
    assert parameter_info("patience").kind == "discount"
