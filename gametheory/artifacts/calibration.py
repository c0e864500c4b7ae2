"""Paper items of the calibration appendix (notebook ``12_calibration.ipynb``).

Two tables generated from :meth:`gametheory.models.calibration.Calibration.table` for
``DPRK_2019`` and ``LIBYA_2003``: the data (figures a published source pins down, the
same in both calibrations) and the model parameters (value and plausible range in each
calibration, unit, and ASSUMPTION where no source pins the value down).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..models.calibration import DPRK_2019, LIBYA_2003, Calibration
from ..reproduce import Table, TeX, register

__all__ = ["calibration_data_table", "calibration_assumptions_table", "GENERIC_ASSUMPTION"]

NOTEBOOK = "12_calibration.ipynb"

GENERIC_ASSUMPTION = "ASSUMPTION (no source pins it down); varied over the plausible range"
"""The source text of a parameter that is an assumption and nothing more."""

_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}"}


def _text(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _box(text: str, width: str) -> TeX:
    # A wrapped cell: a booktabs column spec cannot say p{...} through Table.align.
    return TeX(rf"\parbox[t]{{{width}}}{{\raggedright\footnotesize {_text(text)}}}")


def _name(name: str) -> TeX:
    return TeX(r"\texttt{\footnotesize " + _text(name) + "}")


def _value_range(row: dict[str, Any] | None) -> Any:
    if row is None:
        return None
    v, lo, hi = (sp.sympify(row[k]) for k in ("value", "low", "high"))
    def tex(x: sp.Expr) -> str:
        return sp.latex(x, fold_short_frac=True)

    if not row["assumption"]:
        return TeX(f"${tex(v)}$")
    return TeX(rf"${tex(v)}$\,{{\footnotesize $[{tex(lo)}, {tex(hi)}]$}}")


def source_label(source: str, assumption: bool) -> str:
    """The table's source column: ``ASSUMPTION`` (with what else the source says) for an
    assumption, the source itself for a datum."""
    if not assumption:
        return source
    rest = source.replace(GENERIC_ASSUMPTION, "").strip("; ")
    if not rest:
        return "ASSUMPTION"
    return rest if "ASSUMPTION" in rest or "ASSUMED" in rest else f"ASSUMPTION; {rest}"


def _rows(cal: Calibration) -> dict[str, dict[str, Any]]:
    return {r["parameter"]: r for r in cal.table()}


@register("calibration_data_table", kind="table", notebook=NOTEBOOK,
          description="the published figures the models use, with unit and source "
                      "(the same in the DPRK-2019 and Libya-2003 calibrations; from "
                      "Calibration.table())")
def calibration_data_table() -> Table:
    dprk = _rows(DPRK_2019)
    rows = [[_name(n), _value_range(r), _box(r["unit"], "2.4cm"), _box(r["source"], "6.2cm")]
            for n, r in dprk.items() if not r["assumption"]]
    return Table(header=["parameter", "value", "unit", "source"], rows=rows, align="lrll")


@register("calibration_assumptions_table", kind="table", notebook=NOTEBOOK,
          description="the model parameters: value and plausible range [low, high] in the "
                      "DPRK-2019 and Libya-2003 calibrations, unit, and source (ASSUMPTION "
                      "where none pins the value down; from Calibration.table())")
def calibration_assumptions_table() -> Table:
    dprk, libya = _rows(DPRK_2019), _rows(LIBYA_2003)
    names = [n for n, r in dprk.items() if r["assumption"]]
    names += [n for n, r in libya.items() if r["assumption"] and n not in dprk]
    rows = []
    for n in names:
        first = dprk.get(n) or libya[n]
        rows.append([_name(n), _value_range(dprk.get(n)), _value_range(libya.get(n)),
                     _box(first["unit"], "2cm"),
                     _box(source_label(first["source"], True), "3.8cm")])
    header = ["parameter", "DPRK 2019", "Libya 2003", "unit", "source"]
    return Table(header=header, rows=rows, align="lllll")
