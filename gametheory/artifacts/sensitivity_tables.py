"""Paper tables of Sobol' indices (from :class:`gametheory.analysis.SobolResult`).

No item is registered here: the argument modules register their own tables and use
:func:`sobol_table` to lay them out the same way.
"""

from __future__ import annotations

from typing import Any

from ..reproduce import Table, TeX

__all__ = ["sobol_table"]


def sobol_table(result: Any, top: int | None = None) -> Table:
    """Indices with their bootstrap half-widths, most influential first (``top`` rows)."""
    rows = [[r["parameter"], TeX(f"${r['first']:.2f} \\pm {r['first_conf']:.2f}$"),
             TeX(f"${r['total']:.2f} \\pm {r['total_conf']:.2f}$")]
            for r in result.table()[:top]]
    label = "assumption" if top is None else f"assumption ({min(top, len(result.names))} largest)"
    return Table(header=[label, TeX("first-order $S_1$"), TeX("total $S_T$")], rows=rows,
                 align="lrr")
