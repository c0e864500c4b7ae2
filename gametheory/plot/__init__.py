"""Pictures in the paper style: region maps, game trees, payoff sets, paths.

This layer knows games and results, not the US-DPRK models.
"""

from .regions import *  # noqa: F403
from .style import *  # noqa: F403
from .tree import *  # noqa: F403
