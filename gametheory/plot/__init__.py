"""Pictures in the paper style: region maps, game trees, payoff sets, paths.

This layer knows games and results, not the US-DPRK models.
"""

from .style import *  # noqa: F403
