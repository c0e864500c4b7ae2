"""Immutable, validated game representations (one module per family)."""

from . import catalog
from .automata import (
    SIGNALS,
    Automaton,
    always_cooperate,
    always_defect,
    generous_tit_for_tat,
    grim_trigger,
    limited_punishment,
    shipped_automata,
    signal_trigger,
    tit_for_tat,
    win_stay_lose_shift,
)
from .bargaining import (
    U1,
    BargainingProblem,
    Issue,
    MultiIssueBargaining,
)
from .coalitional import (
    CoalitionalGame,
    WeightedVotingGame,
)
from .continuous import (
    PublicGoodsGame,
)
from .extensive_form import (
    Chance,
    Decision,
    ExtensiveFormGame,
    InformationSet,
    Play,
    Terminal,
)
from .normal_form import (
    NormalFormGame,
)
from .repeated import (
    PerfectMonitoring,
    PrivateNoise,
    PublicSignal,
    RepeatedGame,
)
from .signalling import (
    SignallingGame,
)

__all__ = [
    "catalog",
    "SIGNALS",
    "U1",
    "Automaton",
    "BargainingProblem",
    "Chance",
    "CoalitionalGame",
    "Decision",
    "ExtensiveFormGame",
    "InformationSet",
    "Issue",
    "MultiIssueBargaining",
    "NormalFormGame",
    "PerfectMonitoring",
    "Play",
    "PrivateNoise",
    "PublicGoodsGame",
    "PublicSignal",
    "RepeatedGame",
    "SignallingGame",
    "Terminal",
    "WeightedVotingGame",
    "always_cooperate",
    "always_defect",
    "generous_tit_for_tat",
    "grim_trigger",
    "limited_punishment",
    "shipped_automata",
    "signal_trigger",
    "tit_for_tat",
    "win_stay_lose_shift",
]
