"""Shapes of the data-entry view: what each person has to report for a period."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from goldenthread.outturns.schemas import OutturnRead
from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Polarity, Unit


class EntryIndicator(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    title: str
    unit: Unit
    decimal_places: int
    aggregation: Aggregation
    frequency: Frequency
    polarity: Polarity
    owner_id: int | None
    deputy_id: int | None


class EntryTarget(BaseModel):
    period: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None


class EntryRow(BaseModel):
    """One indicator, the period its figure is due for, and what is recorded so far."""

    indicator: EntryIndicator
    period: str
    outturn: OutturnRead | None
    target: EntryTarget | None


class DataEntrySheet(BaseModel):
    period: str
    scope: str
    rows: list[EntryRow]
