"""The US-DPRK games: calibrations with sources, one module per family of arguments.

Import the modules directly, e.g. ``from gametheory.models import commitment``.
"""
