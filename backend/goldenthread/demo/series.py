"""Turning the declarative demo indicators into targets and outturns for a given day.

Pure and deterministic: the same day always gives the same figures. Each year's level (see
``spec.py``) is spread over the periods with a small fixed wiggle that cancels within each
quarter (monthly) or year (quarterly), so the year-to-date figures at quarter ends, and the
full year, come back to the level the story needs while the monthly figures still look lived.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from goldenthread.demo.spec import IndicatorSpec, Missing
from goldenthread.indicators.rules import default_multiplier
from goldenthread.outturns.models import OutturnStatus
from goldenthread.periods.rules import (
    PERIODS_PER_YEAR,
    Frequency,
    Period,
    latest_period_ending_by,
    period_containing,
    periods_in_year,
)
from goldenthread.status.rules import Aggregation, IndicatorRules

COMPLETE_YEARS = 3
LATEST_COMPLETE = 2  # year offset of the latest complete financial year
CURRENT = 3  # year offset of the current financial year
YEARLY_DENOMINATOR_GROWTH = Decimal("0.02")


def _decimals(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


# Cancels within each quarter and is zero at each quarter end.
_MONTHLY_WIGGLE = _decimals(
    "0.012", "-0.012", "0", "0.008", "-0.008", "0", "0.010", "-0.010", "0", "0.006", "-0.006", "0"
)
_QUARTERLY_WIGGLE = _decimals("0.008", "-0.006", "0.004", "-0.006")  # cancels over the year
_QUARTERLY_SNAPSHOT_WIGGLE = _decimals("-0.010", "0.006", "-0.004", "0")  # zero at year end
_DENOMINATOR_SHAPE = {
    Frequency.MONTHLY: _decimals(
        "1.00",
        "0.97",
        "1.03",
        "1.02",
        "0.98",
        "1.00",
        "1.04",
        "0.96",
        "1.00",
        "1.01",
        "0.99",
        "1.00",
    ),
    Frequency.QUARTERLY: _decimals("1.00", "1.02", "0.97", "1.01"),
    Frequency.ANNUAL: _decimals("1"),
}


@dataclass(frozen=True)
class DemoCalendar:
    """The years and reporting periods of the demo, relative to ``today``."""

    today: date
    current_year: int  # start year of the financial year containing today
    annual_view: Period  # the latest complete financial year
    quarter_view: Period  # the latest quarter that has ended

    @property
    def first_year(self) -> int:
        return self.current_year - COMPLETE_YEARS

    def year(self, offset: int) -> int:
        return self.first_year + offset

    def has_ended(self, period: Period) -> bool:
        return period.end < self.today

    def latest_ended(self, frequency: Frequency) -> Period:
        return latest_period_ending_by(frequency, self.today - timedelta(days=1))

    def reported_at(self, frequency: Frequency, view: Period) -> Period:
        """The period of this frequency that the status view ``view`` judges."""
        if frequency is view.frequency:
            return view
        return latest_period_ending_by(frequency, view.end)


def demo_calendar(today: date) -> DemoCalendar:
    current = period_containing(Frequency.ANNUAL, today).year
    yesterday = today - timedelta(days=1)
    return DemoCalendar(
        today=today,
        current_year=current,
        annual_view=Period(current - 1, Frequency.ANNUAL, 1),
        quarter_view=latest_period_ending_by(Frequency.QUARTERLY, yesterday),
    )


@dataclass(frozen=True)
class TargetRow:
    code: str
    period: Period
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    stretch_value: Decimal | None
    note: str


@dataclass(frozen=True)
class OutturnRow:
    code: str
    period: Period
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    commentary: str
    status: OutturnStatus


@dataclass(frozen=True)
class DemoPlan:
    calendar: DemoCalendar
    targets: tuple[TargetRow, ...]
    outturns: tuple[OutturnRow, ...]


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def multiplier_of(spec: IndicatorSpec) -> Decimal:
    if spec.multiplier is not None:
        return Decimal(spec.multiplier)
    return default_multiplier(spec.unit, spec.aggregation)


def rules_of(spec: IndicatorSpec) -> IndicatorRules:
    """The status rules the register will apply to this indicator."""
    return IndicatorRules(
        code=spec.code,
        polarity=spec.polarity,
        frequency=spec.frequency,
        aggregation=spec.aggregation,
        multiplier=multiplier_of(spec),
        decimal_places=spec.decimal_places,
        unit=spec.unit,
        tolerance_percent=Decimal(spec.tolerance_percent or 5),
        tolerance_absolute=(
            None if spec.tolerance_absolute is None else Decimal(spec.tolerance_absolute)
        ),
    )


def _wiggle(spec: IndicatorSpec) -> tuple[Decimal, ...]:
    count = PERIODS_PER_YEAR[spec.frequency]
    if spec.frequency is Frequency.ANNUAL or spec.profile:
        return (Decimal(0),) * count
    if spec.frequency is Frequency.MONTHLY:
        return _MONTHLY_WIGGLE
    if spec.aggregation is Aggregation.LAST:
        return _QUARTERLY_SNAPSHOT_WIGGLE
    return _QUARTERLY_WIGGLE


Figures = tuple[Decimal | None, Decimal | None, Decimal | None]  # value, numerator, denominator


def year_figures(spec: IndicatorSpec, offset: int, level: Decimal) -> list[Figures]:
    """The figures of every period of one year whose year-to-date comes to ``level``."""
    count = PERIODS_PER_YEAR[spec.frequency]
    wiggle, places = _wiggle(spec), spec.decimal_places
    if spec.aggregation is Aggregation.RATIO:
        base = Decimal(spec.denominator) * (1 + YEARLY_DENOMINATOR_GROWTH * offset)
        rate = level / multiplier_of(spec)
        figures: list[Figures] = []
        cumulative = reached = Decimal(0)
        for shape, wobble in zip(_DENOMINATOR_SHAPE[spec.frequency], wiggle, strict=True):
            denominator = max(_round(base * shape, 0), Decimal(1))
            # Rounded cumulatively, so every year-to-date ratio stays on the level.
            cumulative += denominator * rate * (1 + wobble)
            numerator = _round(cumulative, spec.numerator_places) - reached
            reached += numerator
            figures.append((None, numerator, denominator))
        return figures
    shares = [Decimal(s) for s in spec.profile]
    if spec.aggregation is Aggregation.SUM:
        shares = shares or [Decimal(1) / count] * count
        values, cumulative, reached = [], Decimal(0), Decimal(0)
        for share, wobble in zip(shares, wiggle, strict=True):
            cumulative += level * share * (1 + wobble)
            value = _round(cumulative, places) - reached
            reached += value
            values.append(value)
    else:  # last (a snapshot, or cumulative along a profile) and mean
        shares = shares or [Decimal(1)] * count
        values = [
            _round(level * share * (1 + wobble), places)
            for share, wobble in zip(shares, wiggle, strict=True)
        ]
    return [(value, None, None) for value in values]


def _target_note(spec: IndicatorSpec, offset: int) -> str:
    if offset > CURRENT:
        return "Provisional: final year of the three-year plan, confirmed at budget setting."
    note = (
        "Local Area Agreement target, agreed by the Wyvern Partnership Board."
        if "LAA" in spec.sets
        else "Service plan target, agreed by the directorate."
    )
    if spec.stretch and spec.stretch[offset] is not None:
        note += " The stretch value is the reward (LPSA) target."
    return note


def target_rows(spec: IndicatorSpec, calendar: DemoCalendar) -> list[TargetRow]:
    rows: list[TargetRow] = []
    for offset, level in enumerate(spec.targets):
        if level is None:
            continue
        year = calendar.year(offset)
        value = low = high = None
        if isinstance(level, tuple):
            low, high = Decimal(level[0]), Decimal(level[1])
        else:
            value = Decimal(level)
        stretch_text = spec.stretch[offset] if spec.stretch else None
        stretch = None if stretch_text is None else Decimal(stretch_text)
        rows.append(
            TargetRow(
                spec.code,
                Period(year, Frequency.ANNUAL, 1),
                value,
                low,
                high,
                stretch,
                _target_note(spec, offset),
            )
        )
        if not spec.profile or value is None or offset > CURRENT:
            continue
        note = f"{spec.frequency.value.capitalize()} profile of the annual target."
        for period, text in zip(periods_in_year(year, spec.frequency), spec.profile, strict=True):
            share = Decimal(text)
            rows.append(
                TargetRow(
                    spec.code,
                    period,
                    _round(value * share, spec.decimal_places),
                    None,
                    None,
                    None if stretch is None else _round(stretch * share, spec.decimal_places),
                    note,
                )
            )
    return rows


def _mid_year_gap(calendar: DemoCalendar) -> Period:
    """M03 of the year the latest quarter is in, once later months report around the gap."""
    view = calendar.quarter_view
    if view.year == calendar.current_year and view.position >= 2:
        return Period(view.year, Frequency.MONTHLY, 3)
    return Period(calendar.current_year - 1, Frequency.MONTHLY, 3)


def _commentary(spec: IndicatorSpec, calendar: DemoCalendar, period: Period, offset: int) -> str:
    year_end = periods_in_year(calendar.year(LATEST_COMPLETE), spec.frequency)[-1]
    if period == year_end and spec.year_end_note:
        return spec.year_end_note
    latest = calendar.reported_at(spec.frequency, calendar.quarter_view)
    if period == latest and spec.latest_note:
        return spec.latest_note
    if offset == spec.qualified_year:
        return spec.qualified_note
    return ""


def outturn_rows(spec: IndicatorSpec, calendar: DemoCalendar) -> list[OutturnRow]:
    skipped: set[Period] = set()
    if spec.missing is Missing.LATEST:
        skipped.add(calendar.latest_ended(spec.frequency))
    elif spec.missing is Missing.MID_YEAR:
        skipped.add(_mid_year_gap(calendar))
    rows: list[OutturnRow] = []
    for offset, level in enumerate(spec.actuals):
        if level is None:
            continue
        periods = periods_in_year(calendar.year(offset), spec.frequency)
        for period, (value, numerator, denominator) in zip(
            periods, year_figures(spec, offset, Decimal(level)), strict=True
        ):
            if not calendar.has_ended(period) or period in skipped:
                continue
            if offset == CURRENT:
                status = OutturnStatus.SUBMITTED
            elif offset == spec.qualified_year:
                status = OutturnStatus.QUALIFIED
            else:
                status = OutturnStatus.VERIFIED
            rows.append(
                OutturnRow(
                    spec.code,
                    period,
                    value,
                    numerator,
                    denominator,
                    _commentary(spec, calendar, period, offset),
                    status,
                )
            )
    if spec.draft_latest and rows and rows[-1].period.year == calendar.current_year:
        last = rows[-1]
        rows[-1] = OutturnRow(
            last.code,
            last.period,
            last.value,
            last.numerator,
            last.denominator,
            last.commentary,
            OutturnStatus.DRAFT,
        )
    return rows


def build_plan(specs: tuple[IndicatorSpec, ...], today: date) -> DemoPlan:
    calendar = demo_calendar(today)
    targets: list[TargetRow] = []
    outturns: list[OutturnRow] = []
    for spec in specs:
        targets += target_rows(spec, calendar)
        outturns += outturn_rows(spec, calendar)
    return DemoPlan(calendar, tuple(targets), tuple(outturns))
