"""Shapes of appraisals and completion rates in the API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.core.query import Id
from goldenthread.outturns.models import OutturnStatus
from goldenthread.outturns.schemas import OutturnRead
from goldenthread.plans.rules import PlanLevel


class AppraisalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    person_id: Id
    year: str = Field(max_length=20, description="Financial year, e.g. 2008-09.")
    reviewer_id: Id | None = Field(default=None, description="Default: whoever records it.")
    held_on: date | None = Field(default=None, description="Day the review was held, if it was.")
    plan_id: Id | None = Field(
        default=None,
        description="The person's individual plan for the year: its objectives are the "
        "appraisal objectives. Default: their individual plan covering the year, if one.",
    )
    performance_review: str = Field(default="", max_length=8000)
    training_needs: str = Field(default="", max_length=8000)


class AppraisalUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reviewer_id: Id | None = None
    held_on: date | None = None
    plan_id: Id | None = None
    performance_review: str | None = Field(default=None, max_length=8000)
    training_needs: str | None = Field(default=None, max_length=8000)


class ServedObjective(BaseModel):
    id: int
    title: str
    plan_id: int
    plan_level: PlanLevel


class AppraisalObjective(BaseModel):
    id: int
    code: str
    title: str
    serves: list[ServedObjective] = Field(description="The objectives it contributes to.")
    serves_service_plan: bool = Field(
        description="True when it leads, directly or through a team plan, to a service-plan "
        "objective; false marks an orphan of the thread."
    )


class AppraisalRead(BaseModel):
    id: int
    person_id: int
    person_name: str
    year: str
    reviewer_id: int | None
    reviewer_name: str | None
    held_on: date | None
    plan_id: int | None
    objectives: list[AppraisalObjective]
    performance_review: str
    training_needs: str
    version: int
    created_at: datetime
    updated_at: datetime


class AppraisalSummary(BaseModel):
    """A list entry: who, when, by whom; the content is read one appraisal at a time."""

    id: int
    person_id: int
    person_name: str
    year: str
    reviewer_id: int | None
    held_on: date | None
    plan_id: int | None


class UnitCompletion(BaseModel):
    org_unit_id: int
    name: str
    parent_id: int | None
    staff: int = Field(description="Active staff of the unit and the units beneath it.")
    appraised: int = Field(description="Of those, how many had an appraisal held in range.")
    rate: Decimal | None = Field(description="Percent, one decimal place; none without staff.")


class CompletionRead(BaseModel):
    org_unit_id: int | None
    start: date = Field(description="First day of the range (the query's from).")
    end: date = Field(description="Last day of the range (the query's to), inclusive.")
    staff: int
    appraised: int
    rate: Decimal | None
    units: list[UnitCompletion] = Field(description="Every unit in scope, each with its subtree.")


class CompletionOutturnRequest(BaseModel):
    """Write an appraisal-completion indicator's outturn from the appraisal records."""

    model_config = ConfigDict(extra="forbid")

    indicator_id: Id
    period: str = Field(max_length=20, description="The outturn's period, e.g. 2008-09-Q1.")
    org_unit_id: Id | None = Field(
        default=None, description="Whose staff; default the indicator's org unit."
    )
    start: date | None = Field(default=None, description="Default: the period's first day.")
    end: date | None = Field(default=None, description="Default: the period's last day.")
    status: OutturnStatus | None = None


class CompletionOutturnRead(BaseModel):
    completion: CompletionRead
    outturn: OutturnRead
