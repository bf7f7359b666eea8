"""Shapes of the public performance page: plain words, verified figures only."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Basis, Polarity, Rag, Trend, Unit


class PublicPoint(BaseModel):
    period: str
    value: Decimal | None


class PublicIndicator(BaseModel):
    code: str
    title: str = Field(description="The title in plain words.")
    official_title: str
    definition: str
    unit: Unit
    decimal_places: int
    polarity: Polarity
    better: str | None = Field(description="Which way is better, in words.")
    frequency: Frequency
    period: str | None = Field(description="The latest period with a verified figure.")
    value: Decimal | None = Field(
        description="The verified figure: the year's, or the year to date at the period."
    )
    basis: Basis | None
    target: Decimal | None
    target_low: Decimal | None
    target_high: Decimal | None
    status: Rag
    status_words: str
    explanation: str
    trend: Trend
    trend_words: str
    previous_year_value: Decimal | None
    series: list[PublicPoint] = Field(description="Recent verified period figures, oldest first.")


class PublicPriority(BaseModel):
    priority: str = Field(description="The council priority the indicators serve.")
    indicators: list[PublicIndicator]


class PublicPage(BaseModel):
    title: str
    notes: str
    priorities: list[PublicPriority]
