"""The US-DPRK games: calibrations with sources, one module per family of arguments.

Import the modules directly, e.g. ``from gametheory.models import commitment``.
"""

import pkgutil as _pkgutil

# Modules, not names: importing one loads its calibrations (or registers its items).
__all__ = sorted(m.name for m in _pkgutil.iter_modules(__path__))
