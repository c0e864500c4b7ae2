"""Algorithms: one module per algorithm, free functions over game objects."""

from .backward_induction import *  # noqa: F403
from .bargaining import *  # noqa: F403
from .cooperative import *  # noqa: F403
from .dominance import *  # noqa: F403
from .enumpoly import *  # noqa: F403
from .lemke_howson import *  # noqa: F403
from .mixed_nash import *  # noqa: F403
from .payoff_set import *  # noqa: F403
from .pbe import *  # noqa: F403
from .public_goods import *  # noqa: F403
from .pure_nash import *  # noqa: F403
from .repeated import *  # noqa: F403
from .repeated_nash import *  # noqa: F403
from .results import *  # noqa: F403
from .simulate import *  # noqa: F403
from .tree_arrays import *  # noqa: F403
