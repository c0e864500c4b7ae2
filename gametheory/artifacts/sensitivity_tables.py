"""Paper tables of Sobol' indices: :func:`gametheory.plot.tables.sobol_table`, here too.

No item is registered here: the argument modules register their own tables and lay
them out with the shared helper, which lives with the other table helpers in
:mod:`gametheory.plot.tables`.
"""

from ..plot.tables import sobol_table

__all__ = ["sobol_table"]
