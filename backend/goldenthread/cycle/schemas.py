"""Shapes of cycle templates and events in the API."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from goldenthread.core.query import Id
from goldenthread.cycle.models import LinkKind
from goldenthread.cycle.rules import Category, Recurrence
from goldenthread.periods.rules import Frequency

MAX_LINKS = 20
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Month = Annotated[int, Field(ge=1, le=12)]


class EventStatus(StrEnum):
    DUE = "due"
    DONE = "done"
    MISSED = "missed"


class LinkFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, from_attributes=True)

    kind: LinkKind
    reference: str = Field(
        min_length=1,
        max_length=200,
        description="What is linked: a plan or indicator id, a set name such as NI, a report "
        "period, or a document's address.",
    )
    label: str = Field(default="", max_length=200)


class TemplateFields(BaseModel):
    """Fields a client may set, shared by create and update."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: Title
    description: str = Field(default="", max_length=4000)
    category: Category
    recurrence: Recurrence
    months: list[Month] = Field(
        default_factory=list,
        max_length=12,
        description="Calendar months (1 = January) for a 'months' rule, e.g. [9, 1].",
    )
    month_of_quarter: int | None = Field(
        default=None,
        description="For a 'quarterly' rule: 1, 2 or 3 (the first month of Q2 is July).",
    )
    window_months: int = Field(
        default=1,
        description="How many months each occurrence runs over ('November/December' "
        "is 2); it is due at the end of the last.",
    )
    day: int | None = Field(
        default=None,
        description="Day of the last month it is due by (moved to a working day in that month); "
        "default the last working day.",
    )
    frequency: Frequency | None = Field(
        default=None, description="For an 'after_period_end' rule: whose periods it follows."
    )
    working_days: int | None = Field(
        default=None,
        description="For an 'after_period_end' rule: working days after each "
        "period ends (England and Wales: weekends and bank holidays are skipped).",
    )
    responsible_role: str = Field(
        default="", max_length=200, description="A role or body, e.g. 'Head of Performance'."
    )
    org_unit_id: Id | None = None
    source: str = Field(default="", max_length=300)
    links: list[LinkFields] = Field(default_factory=list, max_length=MAX_LINKS)
    active: bool = True


class TemplateCreate(TemplateFields):
    pass


class TemplateUpdate(BaseModel):
    """Partial update: only the fields sent are changed. Events already instantiated keep
    their dates until the year is instantiated again with ``refresh``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: Title | None = None
    description: str | None = Field(default=None, max_length=4000)
    category: Category | None = None
    recurrence: Recurrence | None = None
    months: list[Month] | None = Field(default=None, max_length=12)
    month_of_quarter: int | None = None
    window_months: int | None = None
    day: int | None = None
    frequency: Frequency | None = None
    working_days: int | None = None
    responsible_role: str | None = Field(default=None, max_length=200)
    org_unit_id: Id | None = None
    source: str | None = Field(default=None, max_length=300)
    links: list[LinkFields] | None = Field(default=None, max_length=MAX_LINKS)
    active: bool | None = None


class TemplateRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    description: str
    category: Category
    recurrence: Recurrence
    months: list[int]
    month_of_quarter: int | None
    window_months: int
    day: int | None
    frequency: Frequency | None
    working_days: int | None
    rule: str = Field(description="The recurrence in words.")
    responsible_role: str
    org_unit_id: int | None
    source: str
    links: list[LinkFields]
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime


class InstantiateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: str = Field(max_length=20, description="Financial year, e.g. 2008-09.")
    template_ids: list[Id] | None = Field(
        default=None, max_length=1000, description="Only these templates (default: all active)."
    )
    refresh: bool = Field(
        default=False,
        description="Also bring events not yet done into line with their templates (titles, "
        "dates, responsibility).",
    )


class InstantiateResult(BaseModel):
    year: str
    created: int
    updated: int
    unchanged: int


class EventUpdate(BaseModel):
    """Mark an event done (or due again), move its date, note or relink it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    status: EventStatus | None = Field(
        default=None, description="'done' or 'due'; 'missed' follows from the date."
    )
    due_on: date | None = None
    note: str | None = Field(default=None, max_length=4000)
    links: list[LinkFields] | None = Field(default=None, max_length=MAX_LINKS)


class EventRead(BaseModel):
    id: int
    template_id: int
    year: str
    occurrence: int
    period: str | None
    title: str
    description: str
    category: Category
    responsible_role: str
    org_unit_id: int | None
    starts_on: date
    due_on: date
    status: EventStatus
    note: str
    done_at: datetime | None
    done_by_id: int | None
    done_by_name: str | None
    links: list[LinkFields]
    version: int
    updated_at: datetime
