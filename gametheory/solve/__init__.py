"""Algorithms: one module per algorithm, free functions over game objects."""

from .alternating_offers import (
    RubinsteinSolution,
    rubinstein,
    rubinstein_finite,
    rubinstein_tree,
)
from .backward_induction import (
    MAX_LISTED,
    SPESolution,
    SubgamePerfectEquilibrium,
    spe,
)
from .bargaining import (
    BargainingSolution,
    kalai_smorodinsky,
    nash_bargaining,
)
from .coalition_core import (
    VERTEX_LIMIT,
    CoreResult,
    core,
)
from .cooperative import (
    AllocationResult,
    banzhaf_index,
    shapley_value,
)
from .dominance import (
    DominanceResult,
    Elimination,
    best_responses,
    iterated_dominance,
    regret,
)
from .enumpoly import (
    enumpoly_nash,
)
from .lemke_howson import (
    lemke_howson,
)
from .mixed_nash import (
    METHODS,
    estimated_seconds,
    extreme_equilibria,
    nash,
)
from .nucleolus import nucleolus
from .payoff_set import (
    PayoffSet,
    convex_hull_2d,
    equilibrium_payoffs,
    hausdorff_distance,
)
from .pbe import (
    BeliefSet,
    PBESolution,
    PerfectBayesianEquilibrium,
    beer_quiche,
    intuitive_criterion,
    pbe,
)
from .pbe_mixed import (
    MixedPBESolution,
    MixedPerfectBayesianEquilibrium,
    mixed_pbe,
)
from .public_goods import (
    ContributionProfile,
    ContributionSolution,
    nash_contributions,
    samuelson_level,
)
from .pure_nash import (
    iter_pure_nash,
    pure_equilibrium,
    pure_nash,
)
from .qre import (
    LogitQRE,
    LogitQREPath,
    logit_qre,
    logit_qre_path,
)
from .repeated import (
    Deviation,
    DiscountThreshold,
    RepeatedValues,
    SubgamePerfection,
    discount_threshold,
    finite_horizon_spe,
    is_subgame_perfect,
    joint_markov_chain,
    repeated_values,
)
from .repeated_nash import (
    NashCheck,
    is_nash,
)
from .results import (
    Equilibrium,
    Piece,
    PiecewiseAnswer,
    Result,
    Solution,
    load_result,
    number_to_json,
    save_result,
)
from .sequence_form import (
    SequenceForm,
    sequence_form,
)
from .sequence_form_nash import (
    BehaviorEquilibrium,
    SequenceFormSolution,
    sequence_form_nash,
)
from .simulate import (
    History,
    cooperation_durations,
    simulate,
)
from .tree_arrays import (
    ArraySolution,
    TreeArrays,
    backward_induction_arrays,
    read_efg_arrays,
)
from .win_sets import (
    WinSets,
    win_sets,
)

__all__ = [
    "estimated_seconds",
    "Result",
    "load_result",
    "save_result",
    "MAX_LISTED",
    "METHODS",
    "VERTEX_LIMIT",
    "AllocationResult",
    "ArraySolution",
    "BargainingSolution",
    "BeliefSet",
    "ContributionProfile",
    "ContributionSolution",
    "CoreResult",
    "Deviation",
    "DiscountThreshold",
    "DominanceResult",
    "Elimination",
    "Equilibrium",
    "History",
    "NashCheck",
    "PBESolution",
    "PayoffSet",
    "PerfectBayesianEquilibrium",
    "Piece",
    "PiecewiseAnswer",
    "RepeatedValues",
    "RubinsteinSolution",
    "SPESolution",
    "Solution",
    "SubgamePerfectEquilibrium",
    "SubgamePerfection",
    "TreeArrays",
    "WinSets",
    "backward_induction_arrays",
    "banzhaf_index",
    "beer_quiche",
    "best_responses",
    "convex_hull_2d",
    "cooperation_durations",
    "core",
    "discount_threshold",
    "equilibrium_payoffs",
    "extreme_equilibria",
    "finite_horizon_spe",
    "hausdorff_distance",
    "intuitive_criterion",
    "is_nash",
    "is_subgame_perfect",
    "iter_pure_nash",
    "iterated_dominance",
    "joint_markov_chain",
    "kalai_smorodinsky",
    "nash",
    "nash_bargaining",
    "nash_contributions",
    "nucleolus",
    "number_to_json",
    "pbe",
    "pure_equilibrium",
    "pure_nash",
    "read_efg_arrays",
    "regret",
    "repeated_values",
    "rubinstein",
    "rubinstein_finite",
    "rubinstein_tree",
    "samuelson_level",
    "shapley_value",
    "simulate",
    "spe",
    "win_sets",
    "MixedPerfectBayesianEquilibrium",
    "MixedPBESolution",
    "mixed_pbe",
    "LogitQRE",
    "LogitQREPath",
    "logit_qre",
    "logit_qre_path",
    "SequenceForm",
    "sequence_form",
    "BehaviorEquilibrium",
    "SequenceFormSolution",
    "sequence_form_nash",
    "enumpoly_nash",
    "lemke_howson",
]
