"""The shape of one demo indicator: its register entry and the story its figures tell.

Figures are written as strings (exact decimals) and by year relative to the day the demo is
loaded: offsets 0, 1 and 2 are the three complete financial years, 3 the current year and 4
the next one (targets only, as three-year plans set them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Polarity, Unit

Band = tuple[str, str]
TargetLevel = str | Band | None

YEARS_OF_TARGETS = 5  # three complete years, the current year and the next
YEARS_OF_ACTUALS = 4  # three complete years and the current year to date


class Missing(StrEnum):
    """Which outturn is deliberately left out."""

    NONE = "none"
    LATEST = "latest"  # the latest period that has ended: data entry is due
    MID_YEAR = "mid_year"  # M03 of the year being reported, so a YTD shows "(M03 missing)"


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    title: str
    definition: str
    procedure_note: str
    unit: Unit
    polarity: Polarity
    frequency: Frequency
    aggregation: Aggregation
    org_unit: str  # key of an org unit of the council
    owner: str  # username
    deputy: str | None
    sets: tuple[str, ...]
    # Annual targets by year offset 0-4: a value, (low, high) for a band, or None.
    targets: tuple[TargetLevel, ...]
    # The year's level by offset 0-3: the annual outturn, or what the periods average to.
    actuals: tuple[str | None, ...]
    decimal_places: int = 0
    multiplier: str | None = None
    tolerance_percent: str | None = None
    tolerance_absolute: str | None = None
    lead: str | None = None  # key of the partner organisation that leads it
    shared: bool = False
    public: bool = False
    stretch: tuple[str | None, ...] = ()
    # Ratio indicators: a typical denominator of one period, and the numerator's places.
    denominator: str = "1000"
    numerator_places: int = 0
    # Sub-annual shape, also written as period targets: for sum, each period's share of the
    # year; for last, the cumulative share reached by the end of each period.
    profile: tuple[str, ...] = ()
    year_end_note: str = ""  # commentary on the last period of the latest complete year
    latest_note: str = ""  # commentary on the period reported at the latest quarter
    missing: Missing = Missing.NONE
    draft_latest: bool = False  # the latest outturn entered is still a draft
    qualified_year: int | None = None  # offset of a year whose outturn audit qualified
    qualified_note: str = ""
    retired_note: str = ""  # set: retired once its history is loaded

    def __post_init__(self) -> None:
        if len(self.targets) != YEARS_OF_TARGETS:
            raise ValueError(f"{self.code}: give {YEARS_OF_TARGETS} annual targets")
        if len(self.actuals) != YEARS_OF_ACTUALS:
            raise ValueError(f"{self.code}: give {YEARS_OF_ACTUALS} yearly levels")
        if self.stretch and len(self.stretch) != YEARS_OF_TARGETS:
            raise ValueError(f"{self.code}: give {YEARS_OF_TARGETS} stretch values or none")
        periods = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.ANNUAL: 1}
        if self.profile and len(self.profile) != periods[self.frequency]:
            raise ValueError(f"{self.code}: the profile needs one share per period")
