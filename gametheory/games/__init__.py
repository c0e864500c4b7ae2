"""Immutable, validated game representations (one module per family)."""

from .automata import *  # noqa: F403
from .bargaining import *  # noqa: F403
from .coalitional import *  # noqa: F403
from .continuous import *  # noqa: F403
from .extensive_form import *  # noqa: F403
from .normal_form import *  # noqa: F403
from .repeated import *  # noqa: F403
from .signalling import *  # noqa: F403
