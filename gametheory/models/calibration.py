"""Named calibrations of the US-DPRK models, every value a declared parameter with a source.

A :class:`Calibration` maps declared parameters (:func:`gametheory.parameter`, with unit,
plausible range and source) to exact values. Two kinds of value live side by side:

* **data**: figures a published source pins down (the 2017 UN sanctions, KEDO's budget,
  the ISTC's grants, Yongbyon's staff); their source is named on the parameter;
* **assumptions**: model quantities no source pins down (patience, the shift of power
  that disarmament causes, reputation costs, beliefs). Each is listed in
  :attr:`Calibration.assumptions` with the range over which the analyses vary it.

``DPRK_2019`` describes North Korea at the Hanoi summit, a post-success programme;
``LIBYA_2003`` describes Libya's early-stage programme when it agreed to disarm (Bas and
Coe 2016, 2018). The two share the model parameters, with different values and ranges.

Units: the commitment model (:mod:`gametheory.models.commitment`) works in shares of a
per-period surplus normalised to 1; the sequential (Hanoi) trees work in $bn of present
value; the data parameters keep the unit of their source.

Examples
--------
>>> from gametheory.models.calibration import DPRK_2019, LIBYA_2003
>>> DPRK_2019["sanctions_coal_minerals"], DPRK_2019["kedo_rok_share"]
(3, 7/10)
>>> "power_shift" in DPRK_2019.assumptions
True
>>> LIBYA_2003["power_shift"] < DPRK_2019["power_shift"]
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import sympy as sp

from ..errors import ParameterError
from ..symbolic import exact, parameter, parameter_info

__all__ = ["Calibration", "DPRK_2019", "LIBYA_2003", "CALIBRATIONS", "calibration", "ASSUMED",
           "extended"]

_UNSC = "UN Security Council resolutions 2371 and 2397 (2017), as summarised in LITERATURE.md"
_KEDO = "KEDO / 1994 Agreed Framework budget, as summarised in LITERATURE.md"
_ISTC = "International Science and Technology Center records, as summarised in LITERATURE.md"
ASSUMED = "ASSUMPTION (no source pins it down); varied over the plausible range"
"""The source of a parameter that is an assumption and nothing more."""
_ASSUMED = ASSUMED

# ----------------------------------------------------------------------- data parameters
# Declared once, with the unit and source of the published figure.
SANCTIONS_COAL_MINERALS = parameter(
    "sanctions_coal_minerals", "nonnegative", unit="$bn per year",
    description="North Korean exports of coal and minerals banned by the 2017 UN measures",
    default=3, plausible_range=(3, 3), source=_UNSC,
)
SANCTIONS_TEXTILES = parameter(
    "sanctions_textiles", "nonnegative", unit="$bn per year",
    description="North Korean textile exports banned by the 2017 UN measures",
    default="4/5", plausible_range=("4/5", "4/5"), source=_UNSC,
)
EXPORT_DROP_2017 = parameter(
    "export_drop_2017", "probability", unit="fraction",
    description="fall of North Korea's exports in 2017",
    default="0.372", plausible_range=("0.372", "0.372"), source="KOTRA (2018) via LITERATURE.md",
)
COAL_EXPORTS_2016 = parameter(
    "coal_exports_2016", "nonnegative", unit="$bn",
    description="North Korean coal exports in 2016", default="6/5",
    plausible_range=("6/5", "6/5"), source="LITERATURE.md (sanctions section)",
)
COAL_SHARE_2016 = parameter(
    "coal_export_share_2016", "probability", unit="fraction of exports",
    description="coal as a share of North Korean exports in 2016 (about 40%)",
    default="2/5", plausible_range=("2/5", "2/5"), source="LITERATURE.md (sanctions section)",
)
KEDO_LWR_BUDGET = parameter(
    "kedo_lwr_budget", "nonnegative", unit="$bn",
    description="KEDO light-water reactor budget", default="4.6",
    plausible_range=("4.6", "4.6"), source=_KEDO,
)
KEDO_ROK_SHARE = parameter(
    "kedo_rok_share", "probability", unit="fraction",
    description="South Korea's share of the KEDO reactor budget", default="7/10",
    plausible_range=("7/10", "7/10"), source=_KEDO,
)
KEDO_ROK = parameter(
    "kedo_rok", "nonnegative", unit="$bn", description="South Korea's KEDO pledge (70%)",
    default="3.22", plausible_range=("3.22", "3.22"), source=_KEDO,
)
KEDO_JAPAN = parameter(
    "kedo_japan", "nonnegative", unit="$bn", description="Japan's KEDO pledge",
    default=1, plausible_range=(1, 1), source=_KEDO,
)
KEDO_EU = parameter(
    "kedo_eu_mecu", "nonnegative", unit="million ECU", description="the EU's KEDO pledge",
    default=75, plausible_range=(75, 75), source=_KEDO,
)
US_HFO = parameter(
    "us_heavy_fuel_oil", "nonnegative", unit="tonnes per year",
    description="heavy fuel oil the US supplied under the Agreed Framework",
    default=500_000, plausible_range=(500_000, 500_000), source=_KEDO,
)
ISTC_US = parameter(
    "istc_us", "nonnegative", unit="$m", description="US funding of the ISTC by 1996",
    default=64, plausible_range=(64, 64), source=_ISTC,
)
ISTC_EU = parameter(
    "istc_eu", "nonnegative", unit="$m", description="EU funding of the ISTC",
    default="53.5", plausible_range=("53.5", "53.5"), source=_ISTC,
)
ISTC_JAPAN = parameter(
    "istc_japan", "nonnegative", unit="$m", description="Japan's funding of the ISTC",
    default=17, plausible_range=(17, 17), source=_ISTC,
)
ISTC_SCIENTISTS = parameter(
    "istc_scientists", "nonnegative", unit="people",
    description="scientists supported by the ISTC over its life", default=58_000,
    plausible_range=(58_000, 58_000), source=_ISTC,
)
ISTC_INSTITUTES = parameter(
    "istc_institutes", "nonnegative", unit="institutes",
    description="institutes supported by the ISTC over its life", default=765,
    plausible_range=(765, 765), source=_ISTC,
)
NUCLEAR_STAFF = parameter(
    "nuclear_staff", "nonnegative", unit="people",
    description="scientists and staff of the nuclear programme's main site",
    default=2000, plausible_range=(1000, 3000),
    source="Yongbyon: about 2,000 scientists and staff (Reuters, 2007)",
)
DISMANTLE_COST = parameter(
    "dismantle_cost", "nonnegative", unit="$bn",
    description="cost of dismantling the programme and redirecting its staff",
    default=20, plausible_range=("0.1", 200),
    source="from hundreds of millions of dollars (Heinonen 2018) to over $200bn "
    "(Kwon Hyuk-chul 2018); the central value is an ASSUMPTION",
)
PROGRAMME_MATURITY = parameter(
    "programme_maturity", "probability", unit="fraction of a deliverable arsenal",
    description="how far the weapons programme is from a deliverable arsenal",
    default="9/10", plausible_range=("3/4", 1),
    source="Bas and Coe (2016, 2018): Libya 2003 early-stage, North Korea 2019 post-success; "
    "the number is an ASSUMPTION",
)

# ---------------------------------------------------------------------- model parameters
WAR_SHARE_DPRK = parameter(
    "war_share_dprk", "probability", unit="share of the per-period surplus",
    description="the disarming state's expected share from conflict before disarming (p0)",
    default="1/2", plausible_range=("1/4", "3/4"), source=_ASSUMED,
)
POWER_SHIFT = parameter(
    "power_shift", "probability", unit="share of the per-period surplus",
    description="total fall of the disarming state's conflict share when it disarms (Delta)",
    default="2/5", plausible_range=("1/4", "1/2"),
    source=_ASSUMED + "; scales with programme maturity (Bas and Coe 2018)",
)
PATIENCE = parameter(
    "patience", "discount", unit="per period",
    description="common discount factor of both states (d)", default="9/10",
    plausible_range=("4/5", "19/20"), source=_ASSUMED,
)
WAR_COST_DPRK = parameter(
    "war_cost_dprk", "nonnegative", unit="per-period surpluses",
    description="the disarming state's cost of conflict (c_D)", default=1,
    plausible_range=("1/2", 3), source=_ASSUMED,
)
WAR_COST_US = parameter(
    "war_cost_us", "nonnegative", unit="per-period surpluses",
    description="the rising state's cost of conflict (c_R)", default=1,
    plausible_range=("1/2", 3), source=_ASSUMED,
)
RELIEF_VALUE = parameter(
    "relief_value", "nonnegative", unit="$bn (present value)",
    description="value of full sanctions relief to the disarming state (R)", default=38,
    plausible_range=(19, 76),
    source="banned exports of $3.8bn a year (UN 2017) times a 10-year horizon (ASSUMPTION: "
    "5 to 20 years)",
)
DISARM_COST = parameter(
    "disarm_cost", "nonnegative", unit="$bn (present value)",
    description="cost to the disarming state of giving up the programme, deterrent included (C)",
    default=30, plausible_range=(10, 60), source=_ASSUMED,
)
RENEGE_GAIN = parameter(
    "renege_gain", "nonnegative", unit="$bn (present value)",
    description="the US gain from keeping sanctions once disarmament is done (T)",
    default=20, plausible_range=(10, 40), source=_ASSUMED,
)
RENEGE_COST = parameter(
    "renege_cost", "positive", unit="$bn (present value)",
    description="the US reputation and audience cost of reneging on a signed deal (a)",
    default=5, plausible_range=(2, 10), source=_ASSUMED,
)
# Primitives of the US reneging decision (argument 02, gametheory.models.reneging): the
# cost of reneging on a step of size s is REPUTATION_COST + AUDIENCE_COST * s, the gain
# SANCTIONS_LEVERAGE * RELIEF_VALUE * s.
AUDIENCE_COST = parameter(
    "audience_cost", "nonnegative", unit="$bn (present value) per whole deal",
    description="US domestic audience cost of breaking a signed deal, in proportion to the "
    "share of the deal broken (a_A)", default=5, plausible_range=(0, 20),
    source=_ASSUMED + "; audience costs rise with the size of the commitment (Fearon 1994; "
    "Tomz 2007)",
)
REPUTATION_COST = parameter(
    "reputation_cost", "nonnegative", unit="$bn (present value) per breach",
    description="US reputation cost across proliferators (Iran, later cases) of any breach "
    "of a signed step, whatever its size (a_P)", default=4, plausible_range=(0, 10),
    source=_ASSUMED,
)
SANCTIONS_LEVERAGE = parameter(
    "sanctions_leverage", "probability", unit="fraction of the relief's value",
    description="what the US gains by keeping sanctions in place, as a fraction of their "
    "value to the sanctioned state (lambda; the gain from reneging is lambda R)",
    default="1/2", plausible_range=("1/4", 1), source=_ASSUMED,
)
# North Korea's private type in the screening game (argument 02, gametheory.models.screening).
HOLDOUT_COST_RATIO = parameter(
    "holdout_cost_ratio", "positive", unit="ratio",
    description="how much more a unit of disarmament costs a hold-out type than a genuine "
    "one (rho > 1: the hold-out's security rests more on the weapons)", default=2,
    plausible_range=("5/4", 4), source=_ASSUMED,
)
PRIOR_GENUINE = parameter(
    "prior_genuine", "probability", unit="probability",
    description="the US prior that North Korea is a genuine (disarming) type (pi)",
    default="1/2", plausible_range=("1/10", "9/10"), source=_ASSUMED,
)
# Programme maturity drives the cost of disarming and the US gain from reneging
# (argument 03, gametheory.models.maturity).
FULL_ARSENAL_SHIFT = parameter(
    "full_arsenal_shift", "probability", unit="share of the yearly stake",
    description="fall of a state's conflict share when it gives up a deliverable arsenal (D)",
    default="9/20", plausible_range=("1/4", "3/5"), source=_ASSUMED,
)
YEARLY_STAKE = parameter(
    "yearly_stake", "positive", unit="$bn per year",
    description="yearly value the two sides divide, which a power shift moves (sigma)",
    default="19/5", plausible_range=(2, 6),
    source="North Korea: exports banned in 2017, $3.8bn a year (UN; LITERATURE.md) as the "
    "central value; the range is an ASSUMPTION",
)
DISARM_VALUE_US = parameter(
    "disarm_value_us", "nonnegative", unit="$bn (present value)",
    description="value of full disarmament to the US (G)", default=50,
    plausible_range=(20, 100), source=_ASSUMED,
)
REGIME_LOSS = parameter(
    "regime_loss", "nonnegative", unit="$bn (present value)",
    description="loss to the regime if a disarmed state is attacked (X)", default=100,
    plausible_range=(50, 500), source=_ASSUMED,
)
ATTACK_RISK = parameter(
    "attack_risk", "probability", unit="probability",
    description="belief, before the 2011 intervention in Libya, that a fully disarmed state "
    "is attacked (q); gametheory.models.libya updates it by Bayes' rule",
    default="1/20", plausible_range=("1/50", "1/10"), source=_ASSUMED,
)
ATTACK_LIKELIHOOD = parameter(
    "attack_likelihood", "probability", unit="probability",
    description="probability of an intervention like Libya 2011 if disarmed states are "
    "attacked (the hypothesis)", default="4/5", plausible_range=("1/2", 1), source=_ASSUMED,
)
ATTACK_LIKELIHOOD_ALT = parameter(
    "attack_likelihood_alt", "probability", unit="probability",
    description="probability of an intervention like Libya 2011 if disarmed states are not "
    "singled out (the alternative)", default="1/5", plausible_range=("1/20", "2/5"),
    source=_ASSUMED,
)
DEFINITION_SHARE = parameter(
    "definition_share", "probability", unit="fraction of the US definition",
    description="share of the US definition of complete denuclearization (all WMD, missiles, "
    "scientists) that North Korea's own definition covers (s_N)",
    default="2/3", plausible_range=("1/2", 1),
    source=_ASSUMED + "; Park (2020): Hanoi moved to 'Yongbyon plus alpha'",
)
PATIENCE_US = parameter(
    "patience_us", "discount", unit="per round of talks",
    description="the US negotiators' discount factor (elections every four years)",
    default="9/10", plausible_range=("4/5", "49/50"), source=_ASSUMED,
)
PATIENCE_DPRK = parameter(
    "patience_dprk", "discount", unit="per round of talks",
    description="North Korea's negotiators' discount factor (no electoral clock)",
    default="19/20", plausible_range=("4/5", "49/50"), source=_ASSUMED,
)


@dataclass(frozen=True)
class Calibration:
    """Values for declared parameters, with the assumptions and their ranges.

    Attributes
    ----------
    name, description
        What the calibration describes.
    values
        Mapping from parameter symbol to an exact value.
    ranges
        For each assumption, the ``(low, high)`` range the analyses vary it over.
    notes
        Per parameter, why this calibration gives it this value.
    """

    name: str
    description: str
    values: Mapping[sp.Symbol, sp.Expr]
    ranges: Mapping[sp.Symbol, tuple[sp.Expr, sp.Expr]] = field(default_factory=dict)
    notes: Mapping[sp.Symbol, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        values = {s: parameter_info(s).check(exact(v, where=f"{self.name}: {s}"))
                  for s, v in self.values.items()}
        ranges = {}
        for s, (low, high) in self.ranges.items():
            if s not in values:
                raise ParameterError(f"{self.name}: range given for {s}, which has no value")
            lo, hi = exact(low), exact(high)
            if not lo <= values[s] <= hi:
                raise ParameterError(
                    f"{self.name}: value {values[s]} of {s} lies outside its range [{lo}, {hi}]"
                )
            ranges[s] = (lo, hi)
        object.__setattr__(self, "values", MappingProxyType(values))
        object.__setattr__(self, "ranges", MappingProxyType(ranges))
        object.__setattr__(self, "notes", MappingProxyType(dict(self.notes)))

    def _symbol(self, key: sp.Symbol | str) -> sp.Symbol:
        name = key if isinstance(key, str) else key.name
        for s in self.values:
            if s.name == name:
                return s
        raise ParameterError(
            f"calibration {self.name} has no value for {name!r}; it has "
            f"{sorted(s.name for s in self.values)}"
        )

    def __getitem__(self, key: sp.Symbol | str) -> sp.Expr:
        return self.values[self._symbol(key)]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str | sp.Symbol) and any(
            s.name == (key if isinstance(key, str) else key.name) for s in self.values
        )

    def __iter__(self) -> Iterator[sp.Symbol]:
        return iter(self.values)

    @property
    def assumptions(self) -> tuple[str, ...]:
        """Names of the parameters whose values are assumptions (varied over a range)."""
        return tuple(s.name for s in self.ranges)

    def range_of(self, key: sp.Symbol | str) -> tuple[sp.Expr, sp.Expr]:
        """The range of an assumption (a datum's range is its single value)."""
        s = self._symbol(key)
        return self.ranges.get(s, (self.values[s], self.values[s]))

    def subset(self, *keys: sp.Symbol | str) -> dict[sp.Symbol, sp.Expr]:
        """Values of the given parameters, keyed by symbol (for ``subs`` and ``at``)."""
        return {self._symbol(k): self.values[self._symbol(k)] for k in keys}

    def replace(self, **values: Any) -> Calibration:
        """The same calibration with some values changed (still inside their ranges)."""
        new = dict(self.values)
        for name, v in values.items():
            new[self._symbol(name)] = exact(v)
        return Calibration(f"{self.name}*", self.description, new, dict(self.ranges),
                           dict(self.notes))

    def table(self) -> list[dict[str, Any]]:
        """One row per parameter (for the paper's calibration table)."""
        rows = []
        for s, v in self.values.items():
            info = parameter_info(s)
            low, high = self.range_of(s)
            rows.append({
                "parameter": s.name, "description": info.description, "value": v,
                "unit": info.unit, "low": low, "high": high,
                "assumption": s in self.ranges,
                "source": self.notes.get(s) or info.source,
            })
        return rows


def _data() -> dict[sp.Symbol, Any]:
    # The published figures are the same in both calibrations: they describe the sources.
    return {
        s: parameter_info(s).default
        for s in (SANCTIONS_COAL_MINERALS, SANCTIONS_TEXTILES, EXPORT_DROP_2017,
                  COAL_EXPORTS_2016, COAL_SHARE_2016, KEDO_LWR_BUDGET, KEDO_ROK_SHARE,
                  KEDO_ROK, KEDO_JAPAN, KEDO_EU, US_HFO, ISTC_US, ISTC_EU, ISTC_JAPAN,
                  ISTC_SCIENTISTS, ISTC_INSTITUTES)
    }


def _defaults(*symbols: sp.Symbol) -> tuple[dict[sp.Symbol, Any], dict[sp.Symbol, Any]]:
    values = {s: parameter_info(s).default for s in symbols}
    ranges = {s: parameter_info(s).plausible_range for s in symbols}
    return values, ranges


_MODEL = (WAR_SHARE_DPRK, POWER_SHIFT, PATIENCE, WAR_COST_DPRK, WAR_COST_US, RELIEF_VALUE,
          DISARM_COST, RENEGE_GAIN, RENEGE_COST, DISARM_VALUE_US, REGIME_LOSS, ATTACK_RISK,
          ATTACK_LIKELIHOOD, ATTACK_LIKELIHOOD_ALT, PROGRAMME_MATURITY, DISMANTLE_COST,
          NUCLEAR_STAFF, DEFINITION_SHARE, PATIENCE_US, PATIENCE_DPRK, AUDIENCE_COST,
          REPUTATION_COST, SANCTIONS_LEVERAGE, HOLDOUT_COST_RATIO, PRIOR_GENUINE,
          FULL_ARSENAL_SHIFT, YEARLY_STAKE)

_dprk_values, _dprk_ranges = _defaults(*_MODEL)
# The staff figure is a source; dismantling's central value is an assumption.
_dprk_ranges.pop(NUCLEAR_STAFF)

DPRK_2019 = Calibration(
    name="DPRK_2019",
    description="North Korea at the Hanoi summit (February 2019): a post-success programme "
    "under the 2017 UN sanctions (Bas and Coe 2018).",
    values={**_data(), **_dprk_values},
    ranges=_dprk_ranges,
)

_libya: dict[sp.Symbol, tuple[Any, tuple[Any, Any], str]] = {
    # value, range, why
    WAR_SHARE_DPRK: ("1/5", ("1/10", "3/10"), "ASSUMPTION: a weak conventional position"),
    POWER_SHIFT: ("1/50", (0, "1/20"),
                  "ASSUMPTION: an early-stage programme shifts little power (Bas and Coe 2016)"),
    PATIENCE: ("9/10", ("4/5", "19/20"), "ASSUMPTION: as for North Korea"),
    WAR_COST_DPRK: (1, ("1/2", 3), "ASSUMPTION: as for North Korea"),
    WAR_COST_US: (1, ("1/2", 3), "ASSUMPTION: as for North Korea"),
    RELIEF_VALUE: (20, (10, 40), "ASSUMPTION: value of ending US and UN sanctions on Libya"),
    DISARM_COST: (1, ("1/10", 5),
                  "ASSUMPTION: a rudimentary programme; about $100m had been paid to the Khan "
                  "network (LITERATURE.md)"),
    RENEGE_GAIN: (2, (0, 4), "ASSUMPTION: little to gain from keeping sanctions on Libya"),
    RENEGE_COST: (5, (2, 10), "ASSUMPTION: as for North Korea"),
    DISARM_VALUE_US: (10, (5, 20), "ASSUMPTION: a small programme is worth less to stop"),
    AUDIENCE_COST: (5, (0, 20), "ASSUMPTION: as for North Korea"),
    REPUTATION_COST: (4, (0, 10), "ASSUMPTION: as for North Korea"),
    SANCTIONS_LEVERAGE: ("1/10", (0, "1/5"),
                         "ASSUMPTION: little to gain from keeping sanctions on Libya (T = 2 "
                         "at R = 20)"),
    HOLDOUT_COST_RATIO: (2, ("5/4", 4), "ASSUMPTION: as for North Korea"),
    PRIOR_GENUINE: ("1/2", ("1/10", "9/10"), "ASSUMPTION: as for North Korea"),
    FULL_ARSENAL_SHIFT: ("9/20", ("1/4", "3/5"),
                         "ASSUMPTION: as for North Korea (a property of arsenals)"),
    YEARLY_STAKE: (2, (1, 4), "ASSUMPTION: yearly value of ending US and UN sanctions on Libya "
                   "(relief_value over about ten years)"),
    REGIME_LOSS: (100, (50, 500), "ASSUMPTION: as for North Korea"),
    ATTACK_RISK: ("1/20", ("1/50", "1/10"),
                  "ASSUMPTION: as for North Korea (both are beliefs before 2011)"),
    ATTACK_LIKELIHOOD: ("4/5", ("1/2", 1), "ASSUMPTION: as for North Korea"),
    ATTACK_LIKELIHOOD_ALT: ("1/5", ("1/20", "2/5"), "ASSUMPTION: as for North Korea"),
    PROGRAMME_MATURITY: ("1/10", (0, "1/4"),
                         "early-stage programme (Bas and Coe 2016); number ASSUMED"),
    DISMANTLE_COST: ("1/10", ("1/20", "1/2"),
                     "about 55,000 lb airlifted in January 2004; number ASSUMED"),
}

LIBYA_2003 = Calibration(
    name="LIBYA_2003",
    description="Libya when it agreed to disarm (March-December 2003): an early-stage "
    "programme (Bas and Coe 2016).",
    values={**_data(), **{s: v for s, (v, _, _) in _libya.items()}},
    ranges={s: r for s, (_, r, _) in _libya.items()},
    notes={s: why for s, (_, _, why) in _libya.items()},
)

def extended(base: Calibration, symbols: Sequence[sp.Symbol], description: str,
             values: Mapping[sp.Symbol, Any] | None = None) -> Calibration:
    """``base`` with a model's own declared parameters added.

    Each of ``symbols`` takes its declared default and is varied over its declared
    plausible range (an assumption), unless ``values`` gives it a value: then it is
    derived from the calibration and has no range of its own. The name stays
    ``base.name``: the model is calibrated to the same case.

    Examples
    --------
    >>> from gametheory.symbolic import parameter
    >>> w = parameter("demo_weight", "probability", default="1/3",
    ...               plausible_range=("1/4", "1/2"), source=ASSUMED)
    >>> cal = extended(DPRK_2019, (w,), "with a demonstration weight")
    >>> cal["demo_weight"], cal.range_of("demo_weight"), cal["patience"] == DPRK_2019["patience"]
    (1/3, (1/4, 1/2), True)
    """
    given = dict(values or {})
    own = {s: given.get(s, parameter_info(s).default) for s in symbols}
    ranges = {s: r for s in symbols
              if s not in given and (r := parameter_info(s).plausible_range) is not None}
    return Calibration(base.name, f"{base.description} {description}",
                       {**base.values, **own}, {**base.ranges, **ranges}, dict(base.notes))


CALIBRATIONS: Mapping[str, Calibration] = MappingProxyType(
    {"DPRK_2019": DPRK_2019, "LIBYA_2003": LIBYA_2003}
)


def calibration(name: str) -> Calibration:
    """A named calibration (``"DPRK_2019"`` or ``"LIBYA_2003"``)."""
    try:
        return CALIBRATIONS[name]
    except KeyError:
        raise ParameterError(
            f"unknown calibration {name!r}; known: {sorted(CALIBRATIONS)}"
        ) from None
