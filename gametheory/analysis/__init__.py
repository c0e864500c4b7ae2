"""Parameter analysis: compiled sweeps, comparative statics, robustness."""

from .distributed import (
    dask_client,
)
from .estimation import (
    StrategicLogitFit,
    StrategicLogitModel,
    fit_strategic_logit,
    simulate_outcomes,
)
from .robustness import (
    RobustnessResult,
    robustness,
    wilson_interval,
)
from .sensitivity import (
    ShareEstimate,
    SobolResult,
    monte_carlo_share,
    shares_latex,
    sobol_indices,
    vectorised,
)
from .statics import (
    ComparativeStatics,
    Effect,
    comparative_statics,
)
from .sweep import (
    NO_PIECE,
    SweepPlan,
    SweepResult,
    sweep,
)

__all__ = [
    "NO_PIECE",
    "ComparativeStatics",
    "Effect",
    "RobustnessResult",
    "SweepPlan",
    "SweepResult",
    "comparative_statics",
    "dask_client",
    "robustness",
    "sweep",
    "wilson_interval",
    "StrategicLogitFit",
    "StrategicLogitModel",
    "fit_strategic_logit",
    "simulate_outcomes",
    "ShareEstimate",
    "SobolResult",
    "monte_carlo_share",
    "sobol_indices",
    "vectorised",
    "shares_latex",
]
