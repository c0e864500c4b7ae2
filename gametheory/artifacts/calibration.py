"""Paper items of the calibration appendix (notebook ``12_calibration.ipynb``).

Every parameter a model of the paper uses, once, grouped by the argument that first
uses it, with its value, plausible range, unit and source (ASSUMPTION where no source
pins the value down). Nothing is listed by hand: :func:`parameter_rows` reads, for each
model module of :data:`ARGUMENTS`, the declared parameters it holds (as ``gametheory
models`` does, :func:`gametheory.models.catalogue.model_catalogue`) and the parameters
of the calibrations it defines, and takes each row from
:meth:`gametheory.models.calibration.Calibration.table` of the parameter's calibration:
``DPRK_2019`` (with ``LIBYA_2003`` beside it) for the shared parameters, the model's own
calibration (``VERIFICATION_2019``, ``SANCTIONS_2017``, ``REASSURANCE``, ...) for the
others, and the declared default and range for a parameter no calibration holds.

Five tables: the data (figures a published source pins down, or derived from them); the
assumptions in three tables that each fit a page (arguments 00-03, 04-07 and 08-11); and
the parameters to which the Libya 2003 calibration gives values of its own, beside North
Korea's, with the reason.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from ..models.calibration import ASSUMED, DPRK_2019, LIBYA_2003, Calibration, extended
from ..models.catalogue import model_catalogue
from ..reproduce import Table, TeX, register

__all__ = [
    "ARGUMENTS",
    "ASSUMPTION_TABLES",
    "GENERIC_ASSUMPTION",
    "parameter_rows",
    "source_label",
    "calibration_data_table",
    "calibration_assumptions_table",
    "calibration_assumptions_table_03_05",
    "calibration_assumptions_table_06_08",
    "calibration_assumptions_table_09_11",
    "calibration_libya_table",
]

NOTEBOOK = "12_calibration.ipynb"

GENERIC_ASSUMPTION = ASSUMED
"""The source text of a parameter that is an assumption and nothing more."""

ARGUMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("00", "the tour (an illustration)", ("tour",)),
    ("01", "two definitions", ("definitions",)),
    ("02", "closing everything in one step", ("commitment", "reneging", "screening")),
    ("03", "the Libya model", ("libya", "maturity")),
    ("04", "trust step by step", ("trust",)),
    ("05", "verification", ("verification", "forgiving")),
    ("06", "reassurance", ("reassurance",)),
    ("07", "sanctions", ("sanctions", "sanctions_threat")),
    ("08", "who pays", ("financing",)),
    ("09", "the Six-Party Talks", ("six_party", "enforcement")),
    ("10", "the synthesis", ("synthesis",)),
    ("11", "we threaten no one", ("cheap_talk",)),
)
"""Per argument of the paper (its notebook's number and subject), the model modules of
:mod:`gametheory.models` that serve it. A test fails if a model module is left out."""

UNUSED = "--"
"""The argument of a recorded datum that no model uses (kept, with its source)."""

ASSUMPTION_TABLES: dict[str, tuple[str, str]] = {
    "calibration_assumptions_table": ("00", "02"),
    "calibration_assumptions_table_03_05": ("03", "05"),
    "calibration_assumptions_table_06_08": ("06", "08"),
    "calibration_assumptions_table_09_11": ("09", "11"),
}
"""Which arguments' assumptions each table lists (first and last argument, inclusive)."""

_BASE = (DPRK_2019, LIBYA_2003)


def _declared_calibration(symbols: Sequence[sp.Symbol]) -> Calibration:
    # Parameters no calibration holds: their declared defaults and ranges.
    empty = Calibration("declared", "The declared defaults.", {})
    return extended(empty, symbols, "")


def parameter_rows() -> list[dict[str, Any]]:
    """Every parameter the paper's models use, once, in the order of the arguments.

    Each row is a row of :meth:`Calibration.table` of the parameter's calibration, with
    ``argument`` (the first argument whose models use it, :data:`UNUSED` for a datum of
    ``DPRK_2019`` no model uses), ``calibration`` (its name) and ``libya`` (the
    ``LIBYA_2003`` row, or None).

    Examples
    --------
    >>> rows = {r["parameter"]: r for r in parameter_rows()}
    >>> rows["inspection_capacity"]["argument"], rows["sanctions_endured"]["argument"]
    ('05', '07')
    >>> rows["power_shift"]["libya"]["value"] < rows["power_shift"]["value"]
    True
    """
    return [dict(r) for r in _parameter_rows()]


@functools.cache
def _parameter_rows() -> tuple[dict[str, Any], ...]:
    catalogue = {e.module.rsplit(".", 1)[1]: e for e in model_catalogue()}
    in_base = {s for cal in _BASE for s in cal.values}
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for number, _title, modules in ARGUMENTS:
        symbols: list[sp.Symbol] = []
        own: list[Calibration] = []
        for name in modules:
            module = importlib.import_module(f"gametheory.models.{name}")
            symbols += [p.symbol for p in catalogue[name].parameters]
            for value in vars(module).values():
                if isinstance(value, Calibration) and all(value is not b for b in _BASE):
                    own.append(value)
                    symbols += [s for s in value.values if s not in in_base]
        fresh = list(dict.fromkeys(s for s in symbols if s.name not in seen))
        seen.update(s.name for s in fresh)
        homeless = [s for s in fresh
                    if s not in in_base and not any(s in cal.values for cal in own)]
        sources = [DPRK_2019, *own, _declared_calibration(homeless)]
        for s in fresh:
            rows.append(_row(number, s, next(cal for cal in sources if s in cal.values)))
    rows += [_row(UNUSED, s, DPRK_2019) for s in DPRK_2019.values if s.name not in seen]
    return tuple(rows)


def _row(argument: str, symbol: sp.Symbol, cal: Calibration) -> dict[str, Any]:
    (row,) = (r for r in cal.table() if r["parameter"] == symbol.name)
    libya = next((r for r in LIBYA_2003.table() if r["parameter"] == symbol.name), None)
    return {**row, "argument": argument, "calibration": cal.name, "libya": libya}


# ------------------------------------------------------------------------ typesetting
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
    # The value, and for an assumption its plausible range, on one line.
    if row is None:
        return None
    v, lo, hi = (sp.sympify(row[k]) for k in ("value", "low", "high"))

    def tex(x: sp.Expr) -> str:
        return sp.latex(x, fold_short_frac=True)

    if not row["assumption"] or lo == hi:
        return TeX(rf"{{\footnotesize ${tex(v)}$}}")
    return TeX(rf"{{\footnotesize ${tex(v)}$\, $[{tex(lo)}, {tex(hi)}]$}}")


_GENERIC = (GENERIC_ASSUMPTION, "varied over the plausible range", "varied over the range")


def source_label(source: str, assumption: bool) -> str:
    """The table's source column: ``ASSUMPTION`` (with what else the source says) for an
    assumption, the source itself for a datum.

    Every assumption is varied over its range, so the tables leave that out.

    >>> source_label("ASSUMPTION (exposure to the threat); varied over the range", True)
    'ASSUMPTION (exposure to the threat)'
    """
    if not assumption:
        return source
    rest = source
    for phrase in _GENERIC:
        rest = rest.replace(phrase, "")
    rest = rest.strip("; ,")
    if not rest:
        return "ASSUMPTION"
    return rest if "ASSUMPTION" in rest or "ASSUMED" in rest else f"ASSUMPTION; {rest}"


def _argument_cells(rows: list[dict[str, Any]]) -> list[TeX]:
    # The argument's section on the first row of its group, a little space above it.
    cells, last = [], None
    for r in rows:
        number = r["argument"]
        label = ("" if number == last else
                 UNUSED if number == UNUSED else
                 r"\S\ref{sec:tour}" if number == "00" else rf"\S\ref{{sec:{number}}}")
        space = r"\addlinespace" if number != last and last is not None else ""
        cells.append(TeX(space + label))
        last = number
    return cells


@register("calibration_data_table", kind="table", notebook=NOTEBOOK,
          description="the published figures the models use, and what is derived from them, "
                      "by the section of the argument that first uses them (--: recorded, "
                      "used by no model), with value, unit and source (from "
                      "Calibration.table())")
def calibration_data_table() -> Table:
    rows = [r for r in _parameter_rows() if not r["assumption"]]
    body = [[arg, _name(r["parameter"]), _value_range(r), _box(r["unit"], "2.4cm"),
             _box(r["source"], "6.4cm")]
            for arg, r in zip(_argument_cells(rows), rows)]
    return Table(header=["", "parameter", "value", "unit", "source"], rows=body, align="llrll")


def _assumptions_table(name: str) -> Table:
    first, last = ASSUMPTION_TABLES[name]
    rows = [r for r in _parameter_rows()
            if r["assumption"] and r["argument"] != UNUSED and first <= r["argument"] <= last]
    body = [[arg, _name(r["parameter"]), _value_range(r), _box(r["unit"], "3.2cm"),
             _box(source_label(r["source"], True), "4.5cm")]
            for arg, r in zip(_argument_cells(rows), rows)]
    return Table(header=["", "parameter", "value [range]", "unit", "source"], rows=body,
                 align="lllll")


def _assumptions_item(name: str, what: str) -> Callable[[], Table]:
    # One registered table per span of ASSUMPTION_TABLES; ``what`` says whose assumptions.
    def table() -> Table:
        return _assumptions_table(name)

    table.__name__ = table.__qualname__ = name
    table.__doc__ = f"The assumptions of {what}, one row each (value, range, unit, source)."
    description = (f"assumptions of {what}: value and plausible range [low, high] (every "
                   "share the paper quotes draws over it)")
    return register(name, kind="table", notebook=NOTEBOOK, description=description)(table)


calibration_assumptions_table = _assumptions_item(
    "calibration_assumptions_table", "sections 0 to 2 in the DPRK-2019 calibration")
calibration_assumptions_table_03_05 = _assumptions_item(
    "calibration_assumptions_table_03_05",
    "sections 3 to 5 in the DPRK-2019 calibration and its extension VERIFICATION_2019")
calibration_assumptions_table_06_08 = _assumptions_item(
    "calibration_assumptions_table_06_08",
    "sections 6 to 8 in the calibrations REASSURANCE, SANCTIONS_2017 and FINANCING")
calibration_assumptions_table_09_11 = _assumptions_item(
    "calibration_assumptions_table_09_11",
    "the six-party and narrative games (arguments 09 and 11) in the calibrations SIX_PARTY "
    "and NARRATIVE")


def _differs(row: dict[str, Any]) -> bool:
    libya = row["libya"]
    return libya is not None and any(libya[k] != row[k] for k in ("value", "low", "high"))


@register("calibration_libya_table", kind="table", notebook=NOTEBOOK,
          description="the Libya-2003 calibration where it differs from North Korea's: value "
                      "and plausible range [low, high], and why (every other parameter takes "
                      "the DPRK-2019 value; from Calibration.table())")
def calibration_libya_table() -> Table:
    rows = [r for r in _parameter_rows() if _differs(r)]
    body = [[arg, _name(r["parameter"]), _value_range(r), _value_range(r["libya"]),
             _box(source_label(r["libya"]["source"], r["libya"]["assumption"]), "6.4cm")]
            for arg, r in zip(_argument_cells(rows), rows)]
    return Table(header=["", "parameter", "DPRK 2019", "Libya 2003", "why"], rows=body,
                  align="lllll")
