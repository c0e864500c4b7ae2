"""The US-DPRK games: calibrations with sources, one module per family of arguments.

Import the modules directly, e.g. ``from gametheory.models import commitment``.
"""

# Modules, not names: importing one loads its calibrations (or registers its items).
__all__ = [
    "calibration",
    "commitment",
    "definitions",
    "financing",
    "libya",
    "reassurance",
    "sanctions",
    "six_party",
    "synthesis",
    "tour",
    "trust",
    "verification",
]
