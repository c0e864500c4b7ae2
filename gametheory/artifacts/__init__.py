"""The paper's figures, tables, equations and values for arguments 01 to 10.

One module per notebook: each module registers, with :func:`gametheory.reproduce.register`,
the items that its notebook narrates and that the paper pulls in. Figures are drawn
here (entry-point layer) from the models' data with :mod:`gametheory.plot`, so that the
models stay free of plotting and of the registry. A notebook shows the same figure by
calling the registered function.
"""

import pkgutil as _pkgutil

# Modules, not names: importing one loads its calibrations (or registers its items).
__all__ = sorted(m.name for m in _pkgutil.iter_modules(__path__))
