"""Shapes of status answers in the API."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from goldenthread.outturns.models import OutturnStatus
from goldenthread.status.values import Basis, Polarity, Rag, TargetSource, Trend, Unit


class StatusRead(BaseModel):
    """The headline status of one indicator at a period, with everything that explains it."""

    indicator_id: int
    code: str
    title: str
    unit: Unit
    decimal_places: int
    polarity: Polarity
    org_unit_id: int | None
    owner_id: int | None
    sets: list[str]
    requested_period: str
    period: str
    rag: Rag
    basis: Basis
    actual: Decimal | None
    target: Decimal | None
    low: Decimal | None
    high: Decimal | None
    stretch_value: Decimal | None
    band_width: Decimal | None
    band_width_low: Decimal | None
    band_width_high: Decimal | None
    amber_threshold: Decimal | None
    amber_threshold_low: Decimal | None
    amber_threshold_high: Decimal | None
    target_source: TargetSource | None
    rule: str
    periods_used: list[str]
    missing_periods: list[str]
    previous_year_actual: Decimal | None
    trend: Trend
    period_value: Decimal | None
    previous_period_value: Decimal | None
    short_trend: Trend
    explanation: str
    data_quality: OutturnStatus | None
    commentary: str | None
    has_remedial_action: bool = Field(
        default=False,
        description="Whether the indicator has a remedial action (one not cancelled); "
        "what a red status should have.",
    )


class RagCounts(BaseModel):
    green: int = 0
    amber: int = 0
    red: int = 0
    no_target: int = 0
    no_data: int = 0
    not_applicable: int = 0


class DirectionOfTravelRead(BaseModel):
    improving: int
    worsening: int
    no_change: int
    not_comparable: int
    not_applicable: int
    score: Decimal | None


class StatusSummary(BaseModel):
    """Statuses of many indicators with counts by RAG and the Direction of Travel score."""

    period: str
    total: int
    counts: RagCounts
    direction_of_travel: DirectionOfTravelRead
    items: list[StatusRead]


class LatestPeriod(BaseModel):
    """The dashboard's default period: the latest quarter with data, if any."""

    period: str | None


class StatusHistory(BaseModel):
    """One status per period of the indicator's own frequency, oldest first."""

    indicator_id: int
    first_year: str
    last_year: str
    items: list[StatusRead]
