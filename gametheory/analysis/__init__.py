"""Parameter analysis: compiled sweeps, comparative statics, robustness."""

from .robustness import *  # noqa: F403
from .statics import *  # noqa: F403
from .sweep import *  # noqa: F403
