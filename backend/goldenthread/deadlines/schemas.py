"""Shapes of data-collection deadlines in the API."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.deadlines.rules import DeadlineState
from goldenthread.outturns.models import OutturnStatus
from goldenthread.periods.rules import Frequency


class DeadlineRuleRead(BaseModel):
    working_days_after: int = Field(
        description="A period's figure is due this many working days after the period ends."
    )
    due_soon_days: int = Field(description="Calendar days before a deadline it is 'due soon'.")
    lookback_days: int = Field(
        description="How far back (calendar days) dashboards look for overdue figures."
    )
    updated_by_name: str
    updated_at: datetime | None
    version: int


class DeadlineRuleWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    working_days_after: int = Field(ge=0, le=60)
    due_soon_days: int = Field(ge=0, le=60)
    lookback_days: int = Field(ge=1, le=1100)


class DeadlineRead(BaseModel):
    indicator_id: int
    code: str
    title: str
    frequency: Frequency
    period: str
    period_end: date
    deadline: date
    state: DeadlineState
    outturn_status: OutturnStatus | None = Field(
        description="The outturn's data-quality status; null when nothing is recorded."
    )
    received_on: date | None = Field(
        description="When the figure was first handed in (submitted or later), where known."
    )
    late: bool = Field(description="Handed in after its deadline.")
    days_overdue: int | None = Field(description="Calendar days past the deadline, if overdue.")
    owner_id: int | None
    owner_name: str | None
    deputy_id: int | None
    org_unit_id: int | None
    directorate_id: int | None
    directorate: str | None


class DeadlineCounts(BaseModel):
    overdue: int = 0
    due_soon: int = 0
    due: int = 0
    upcoming: int = 0
    received: int = 0
    late: int = 0


class DeadlinePage(BaseModel):
    as_of: date
    rule: DeadlineRuleRead
    counts: DeadlineCounts = Field(description="Over every item matching, before 'state'.")
    items: list[DeadlineRead]
    next_cursor: str | None = None


class DirectorateLateData(BaseModel):
    directorate_id: int | None = Field(description="Null for indicators in no directorate.")
    directorate: str
    indicators: int = Field(description="Indicators with figures in view.")
    missing: int = Field(description="Overdue with nothing recorded.")
    draft: int = Field(description="Overdue with only a draft recorded.")
    late: int = Field(description="Handed in after the deadline.")
    due_soon: int
    received: int
    oldest_overdue: date | None = Field(description="The earliest deadline still overdue.")


class LateDataView(BaseModel):
    as_of: date
    rule: DeadlineRuleRead
    directorates: list[DirectorateLateData]
    totals: DirectorateLateData
