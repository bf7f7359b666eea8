"""Risk scoring, bands, the heat map and which review is current (pure functions).

Likelihood and impact are each scored 1 (lowest) to 5 (highest); a risk's score is their
product, so the possible scores are 1-6, 8-10, 12, 15, 16, 20 and 25. The bands follow the
usual 5 x 5 corporate risk matrix:

| band        | score    |
|-------------|----------|
| `low`       | 1 - 4    |
| `medium`    | 5 - 9    |
| `high`      | 10 - 15  |
| `very_high` | 16 - 25  |
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from goldenthread.periods.rules import Frequency, PeriodError, parse_period

SCALE_MIN = 1
SCALE_MAX = 5
SCALE = tuple(range(SCALE_MIN, SCALE_MAX + 1))

LIKELIHOOD_WORDS = {1: "rare", 2: "unlikely", 3: "possible", 4: "likely", 5: "almost certain"}
IMPACT_WORDS = {1: "negligible", 2: "minor", 3: "moderate", 4: "major", 5: "critical"}


class Category(StrEnum):
    STRATEGIC = "strategic"
    OPERATIONAL = "operational"
    PARTNERSHIP = "partnership"


class Control(StrEnum):
    """The four control options of the risk management strategy."""

    TOLERATE = "tolerate"
    TREAT = "treat"
    TRANSFER = "transfer"
    TERMINATE = "terminate"


class Band(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


class Basis(StrEnum):
    """Which pair of scores a view uses: before controls (inherent) or after (residual)."""

    INHERENT = "inherent"
    RESIDUAL = "residual"


# Lowest score of each band, highest band first.
BAND_FLOORS: tuple[tuple[int, Band], ...] = (
    (16, Band.VERY_HIGH),
    (10, Band.HIGH),
    (5, Band.MEDIUM),
    (1, Band.LOW),
)


class ScaleError(ValueError):
    """A likelihood or impact outside 1-5."""


def check_scale(value: int, what: str = "score") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScaleError(f"{what} must be a whole number from {SCALE_MIN} to {SCALE_MAX}")
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ScaleError(f"{what} must be from {SCALE_MIN} to {SCALE_MAX}, not {value}")
    return value


def score(likelihood: int, impact: int) -> int:
    """Likelihood x impact, each checked to be on the 1-5 scale."""
    return check_scale(likelihood, "likelihood") * check_scale(impact, "impact")


def band_of_score(value: int) -> Band:
    if not SCALE_MIN <= value <= SCALE_MAX * SCALE_MAX:
        raise ScaleError(f"a risk score is from 1 to 25, not {value}")
    for floor, band in BAND_FLOORS:
        if value >= floor:
            return band
    raise AssertionError("unreachable: the lowest floor is 1")  # pragma: no cover


def band(likelihood: int, impact: int) -> Band:
    return band_of_score(score(likelihood, impact))


def describe(likelihood: int, impact: int) -> str:
    """A plain sentence a reader can check: 'likely (4) x major (4) = 16, very high'."""
    value = score(likelihood, impact)
    words = band_of_score(value).value.replace("_", " ")
    return (
        f"{LIKELIHOOD_WORDS[likelihood]} ({likelihood}) x {IMPACT_WORDS[impact]} ({impact}) "
        f"= {value}, {words}"
    )


def check_quarter(code: str) -> str:
    """A review's period must be a quarter code such as 2008-09-Q2; returns it canonical."""
    try:
        period = parse_period(code)
    except PeriodError as exc:
        raise PeriodError(f"{exc}; a review is for a quarter, e.g. 2008-09-Q2") from exc
    if period.frequency is not Frequency.QUARTERLY:
        raise PeriodError(f"{code} is not a quarter: expected a code like 2008-09-Q2")
    return period.code


def review_date_problem(quarter: str, reviewed_on: date, today: date) -> str | None:
    """Why a review of ``quarter`` cannot be dated ``reviewed_on``, or None. A review looks
    back at its quarter, so it is held once the quarter has begun, and never in the future."""
    start = parse_period(quarter).start
    if reviewed_on < start:
        return f"a review of {quarter} is held on or after {start.isoformat()}, the quarter's start"
    if reviewed_on > today:
        return f"{reviewed_on.isoformat()} is in the future"
    return None


@dataclass(frozen=True)
class ReviewKey:
    """Orders reviews: by the quarter reviewed, then the day it was held, then entry order."""

    period: str
    reviewed_on: date
    sequence: int

    def sort_key(self) -> tuple[int, int, date, int]:
        period = parse_period(self.period)
        return (period.year, period.position, self.reviewed_on, self.sequence)


def latest_review(keys: Iterable[ReviewKey]) -> ReviewKey | None:
    """The review that sets the current residual scores: the latest quarter, and within a
    quarter the latest held (a review recorded late for an earlier quarter is history only)."""
    return max(keys, key=ReviewKey.sort_key, default=None)


@dataclass(frozen=True)
class Scored:
    code: str
    likelihood: int
    impact: int


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    score: int
    band: Band
    codes: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.codes)


@dataclass(frozen=True)
class HeatMap:
    # Rows from likelihood 5 (top, as the matrix is drawn) down to 1; cells by impact 1-5.
    rows: tuple[tuple[HeatCell, ...], ...]
    total: int
    by_band: dict[Band, int]


def heat_map(risks: Sequence[Scored]) -> HeatMap:
    """Counts and codes of the risks in each of the 25 cells, every cell present."""
    codes: dict[tuple[int, int], list[str]] = {}
    for risk in risks:
        score(risk.likelihood, risk.impact)  # refuses anything off the scale
        codes.setdefault((risk.likelihood, risk.impact), []).append(risk.code)
    rows = tuple(
        tuple(
            HeatCell(
                likelihood=likelihood,
                impact=impact,
                score=score(likelihood, impact),
                band=band(likelihood, impact),
                codes=tuple(sorted(codes.get((likelihood, impact), []))),
            )
            for impact in SCALE
        )
        for likelihood in reversed(SCALE)
    )
    by_band = dict.fromkeys(Band, 0)
    for row in rows:
        for cell in row:
            by_band[cell.band] += cell.count
    return HeatMap(rows=rows, total=len(risks), by_band=by_band)
