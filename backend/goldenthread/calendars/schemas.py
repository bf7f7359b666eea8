"""Shapes of the calendar (cycle events and data deadlines together) in the API."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from goldenthread.cycle.schemas import EventRead
from goldenthread.deadlines.rules import DeadlineState
from goldenthread.periods.rules import Frequency


class CalendarCategory(StrEnum):
    """The cycle's categories, and data collection for the deadlines."""

    PLANNING = "planning"
    BUDGET = "budget"
    PERFORMANCE_REPORTING = "performance_reporting"
    COMMITMENTS = "commitments"
    APPRAISAL = "appraisal"
    RISK = "risk"
    PUBLICATION = "publication"
    PARTNERSHIP = "partnership"
    COMMUNICATIONS = "communications"
    DATA_COLLECTION = "data_collection"


CATEGORY_LABELS = {
    CalendarCategory.PLANNING: "Planning",
    CalendarCategory.BUDGET: "Budget",
    CalendarCategory.PERFORMANCE_REPORTING: "Performance reporting",
    CalendarCategory.COMMITMENTS: "Commitments",
    CalendarCategory.APPRAISAL: "Appraisal",
    CalendarCategory.RISK: "Risk",
    CalendarCategory.PUBLICATION: "Publication",
    CalendarCategory.PARTNERSHIP: "Partnership",
    CalendarCategory.COMMUNICATIONS: "Communications",
    CalendarCategory.DATA_COLLECTION: "Data collection",
}


class DeadlineIndicator(BaseModel):
    indicator_id: int
    code: str
    title: str
    state: DeadlineState


class CalendarDeadline(BaseModel):
    """The data deadline of one period: how many figures are due and how many are in."""

    period: str
    frequency: Frequency
    period_end: date
    indicators: int
    received: int
    outstanding: int
    late: int
    mine: list[DeadlineIndicator] = Field(
        default_factory=list, description="With mine=true: your indicators due for the period."
    )


class CalendarEntry(BaseModel):
    uid: str = Field(description="Stable identifier, as in the iCalendar feed.")
    kind: Literal["event", "deadline"]
    title: str
    description: str
    category: CalendarCategory
    starts_on: date
    due_on: date
    status: str = Field(
        description="Events: due, done or missed. Deadlines: received when every figure is in, "
        "else overdue, due_soon, due or upcoming."
    )
    event: EventRead | None = None
    deadline: CalendarDeadline | None = None


class CalendarRead(BaseModel):
    year: str
    as_of: date
    items: list[CalendarEntry]


class FeedStatus(BaseModel):
    active: bool
    created_at: datetime | None


class FeedCreated(BaseModel):
    url: str = Field(
        description="The subscription address; shown this once. Anyone with it can read your "
        "calendar, so reset it if it leaks."
    )
    token: str
    created_at: datetime
