"""Shapes of the LAA feed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from goldenthread.indicators.models import Lifecycle
from goldenthread.outturns.models import OutturnStatus, Provenance
from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Basis, Polarity, Rag, Trend, Unit


class FeedIndicator(BaseModel):
    """The indicator's definition, as partners need it (no staff details)."""

    id: int
    code: str
    title: str
    definition: str
    procedure_note: str
    unit: Unit
    decimal_places: int
    polarity: Polarity
    frequency: Frequency
    aggregation: Aggregation
    multiplier: Decimal
    tolerance_percent: Decimal | None
    tolerance_absolute: Decimal | None
    sets: list[str]
    organisation_id: int
    lead_organisation_id: int | None
    shared_with_partners: bool
    lifecycle: Lifecycle
    version: int
    updated_at: datetime


class FeedTarget(BaseModel):
    period: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    stretch_value: Decimal | None
    note: str
    updated_at: datetime


class FeedOutturn(BaseModel):
    period: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    commentary: str
    status: OutturnStatus
    provenance: Provenance
    updated_at: datetime


class FeedStatus(BaseModel):
    """The headline status at the feed's period, with what explains it."""

    period: str
    rag: Rag
    basis: Basis
    actual: Decimal | None
    target: Decimal | None
    low: Decimal | None
    high: Decimal | None
    stretch_value: Decimal | None
    band_width: Decimal | None
    trend: Trend
    short_trend: Trend
    previous_year_actual: Decimal | None
    periods_used: list[str]
    missing_periods: list[str]
    explanation: str
    data_quality: OutturnStatus | None


class FeedItem(BaseModel):
    """One indicator: live, or a tombstone (``removed``) when it left the feed (taken out of
    the LAA set and no longer shared, or retired)."""

    id: int
    code: str
    removed: bool = False
    complete: bool = Field(
        description="True: targets and outturns are the indicator's whole set, replace yours. "
        "False (incremental answers): only the rows changed since, plus the periods removed."
    )
    indicator: FeedIndicator | None
    status: FeedStatus | None
    targets: list[FeedTarget]
    outturns: list[FeedOutturn]
    removed_targets: list[str] = Field(description="Periods whose target was deleted.")
    removed_outturns: list[str] = Field(description="Periods whose outturn was deleted.")


class FeedPage(BaseModel):
    """A page of the LAA feed. Follow ``next_cursor`` to the last page, then keep the first
    page's ETag and pass ``next_since`` as ``since`` next time."""

    feed: Literal["laa"] = "laa"
    generated_at: datetime
    since: datetime | None
    next_since: datetime
    period: str | None = Field(
        description="The period of every status: the one asked for, else the latest quarter "
        "with data. When it differs from the one you hold, fetch the whole feed again."
    )
    items: list[FeedItem]
    next_cursor: str | None
