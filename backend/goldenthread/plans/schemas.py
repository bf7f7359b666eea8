"""Shapes of plans and the quality-assurance checklist in the API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from goldenthread.core.query import Id
from goldenthread.periods.rules import Frequency, PeriodError, parse_period
from goldenthread.plans.rules import ChecklistAnswer, PlanLevel, PlanStatus

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
SectionText = Annotated[str, StringConstraints(max_length=20000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]


def _year_code(value: str) -> str:
    try:
        period = parse_period(value.strip())
    except PeriodError as exc:
        raise ValueError(str(exc)) from exc
    if period.frequency is not Frequency.ANNUAL:
        raise ValueError(f"{value} is not a financial year: expected a year like 2008-09")
    return period.code


YEAR_DESCRIPTION = "Financial year code, e.g. 2008-09."


class ServicePlanSections(BaseModel):
    """The five sections of a service plan (service planning guidance)."""

    model_config = ConfigDict(extra="forbid")

    what_we_do: SectionText = ""
    how_well_we_are_doing: SectionText = ""
    what_is_changing: SectionText = ""
    what_we_will_do: SectionText = ""
    capacity_to_deliver: SectionText = ""


SECTION_KEYS = tuple(ServicePlanSections.model_fields)


class PlanCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    level: PlanLevel
    title: Title
    summary: str = Field(default="", max_length=20000)
    organisation_id: Id | None = Field(
        default=None, description="Default: the caller's organisation."
    )
    owner_org_unit_id: Id | None = Field(default=None, description="The org unit that owns it.")
    owner_user_id: Id | None = Field(
        default=None, description="The person who owns it (required for an individual plan)."
    )
    start_year: str = Field(max_length=10, description=YEAR_DESCRIPTION, examples=["2008-09"])
    end_year: str = Field(max_length=10, description=YEAR_DESCRIPTION, examples=["2010-11"])
    parent_id: Id | None = Field(default=None, description="The plan above it.")
    sections: ServicePlanSections | None = Field(
        default=None, description="Service plans only: the five sections."
    )

    _years = field_validator("start_year", "end_year")(_year_code)


class PlanUpdate(BaseModel):
    """Partial update: only the fields sent change. A published plan needs an
    ``amendment_reason`` (kept in the audit trail); an archived one cannot change."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: Title | None = None
    summary: str | None = Field(default=None, max_length=20000)
    owner_org_unit_id: Id | None = None
    owner_user_id: Id | None = None
    start_year: str | None = Field(default=None, max_length=10, description=YEAR_DESCRIPTION)
    end_year: str | None = Field(default=None, max_length=10, description=YEAR_DESCRIPTION)
    parent_id: Id | None = None
    sections: ServicePlanSections | None = None
    amendment_reason: Reason | None = None

    @field_validator("start_year", "end_year")
    @classmethod
    def _years(cls, value: str | None) -> str | None:
        return None if value is None else _year_code(value)


class PlanRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organisation_id: int
    level: PlanLevel
    title: str
    summary: str
    owner_org_unit_id: int | None
    owner_user_id: int | None
    start_year: str
    end_year: str
    parent_id: int | None
    status: PlanStatus
    sections: ServicePlanSections | None
    qa_score: Decimal | None = Field(
        description="Service plans: the quality-assurance checklist score, percent."
    )
    edition: int
    supersedes_id: int | None
    status_changed_at: datetime
    can_edit: bool = Field(description="Whether the caller may change this plan.")
    next_statuses: list[PlanStatus] = Field(
        description="The statuses the caller may move this plan to now."
    )
    version: int
    created_at: datetime
    updated_at: datetime


class PlanTransition(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    status: PlanStatus
    note: str = Field(default="", max_length=2000)


class ChecklistItemCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(min_length=1, max_length=40)
    question: str = Field(min_length=1, max_length=2000)
    section: str = Field(
        default="", description="A service-plan section key, or empty for the whole plan."
    )
    weight: int = Field(default=1, ge=0, le=100)
    position: int = Field(default=0, ge=0, le=10000)
    active: bool = True

    @field_validator("section")
    @classmethod
    def _section(cls, value: str) -> str:
        if value and value not in SECTION_KEYS:
            raise ValueError(f"expected one of {', '.join(SECTION_KEYS)} or empty")
        return value


class ChecklistItemUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str | None = Field(default=None, min_length=1, max_length=40)
    question: str | None = Field(default=None, min_length=1, max_length=2000)
    section: str | None = None
    weight: int | None = Field(default=None, ge=0, le=100)
    position: int | None = Field(default=None, ge=0, le=10000)
    active: bool | None = None

    @field_validator("section")
    @classmethod
    def _section(cls, value: str | None) -> str | None:
        if value and value not in SECTION_KEYS:
            raise ValueError(f"expected one of {', '.join(SECTION_KEYS)} or empty")
        return value


class ChecklistItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    question: str
    section: str
    weight: int
    position: int
    active: bool
    version: int


class ChecklistAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    item_id: Id
    answer: ChecklistAnswer
    comment: str = Field(default="", max_length=4000)


class ChecklistAnswers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: list[ChecklistAnswerIn] = Field(max_length=200)


class ChecklistLine(BaseModel):
    item_id: int
    code: str
    question: str
    section: str
    weight: int
    answer: ChecklistAnswer | None
    comment: str
    answered_by_id: int | None
    answered_at: datetime | None


class PlanChecklistRead(BaseModel):
    """A service plan's quality-assurance checklist: every active question, answered or not."""

    plan_id: int
    score: Decimal | None = Field(description="Percent; unanswered questions count as not met.")
    complete: bool = Field(description="Whether every active question is answered.")
    items: list[ChecklistLine]
