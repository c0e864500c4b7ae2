"""Parameter analysis: compiled sweeps, comparative statics, robustness."""

from .distributed import *  # noqa: F403
from .robustness import *  # noqa: F403
from .sensitivity import *  # noqa: F403
from .statics import *  # noqa: F403
from .sweep import *  # noqa: F403
