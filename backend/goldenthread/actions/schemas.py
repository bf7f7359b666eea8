"""Shapes of actions, milestones and progress updates in the API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from goldenthread.actions.models import ActionStatus
from goldenthread.actions.rules import ActionState
from goldenthread.core.query import Id

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Percent = Annotated[int, Field(ge=0, le=100)]


class ActionCreate(BaseModel):
    """An action serves an objective, or is remedial action on an indicator (or both); a
    milestone names its parent action and inherits what the parent serves."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(default="", max_length=40)
    title: Title
    description: str = Field(default="", max_length=20000)
    objective_id: Id | None = None
    indicator_id: Id | None = Field(
        default=None, description="For remedial action on an indicator (typically a red one)."
    )
    parent_id: Id | None = Field(default=None, description="Makes this a milestone of an action.")
    owner_id: Id | None = None
    org_unit_id: Id | None = Field(
        default=None,
        description="The org unit answerable for it; default from the parent action, the "
        "objective's plan, the indicator or the owner.",
    )
    timescale: str = Field(
        default="", max_length=200, description="As the plan words it, e.g. 'By March 2008'."
    )
    start_on: date | None = None
    due_on: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    percent_complete: Percent = 0


class ActionUpdate(BaseModel):
    """Partial update: only the fields sent change."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str | None = Field(default=None, max_length=40)
    title: Title | None = None
    description: str | None = Field(default=None, max_length=20000)
    objective_id: Id | None = None
    indicator_id: Id | None = None
    owner_id: Id | None = None
    org_unit_id: Id | None = None
    timescale: str | None = Field(default=None, max_length=200)
    start_on: date | None = None
    due_on: date | None = None
    status: ActionStatus | None = None
    percent_complete: Percent | None = None


class ActionRead(BaseModel):
    id: int
    code: str
    title: str
    description: str
    objective_id: int | None
    plan_id: int | None = Field(description="The plan of its objective, if it has one.")
    indicator_id: int | None
    parent_id: int | None
    is_milestone: bool
    owner_id: int | None
    org_unit_id: int | None
    organisation_id: int
    timescale: str
    start_on: date | None
    due_on: date | None
    status: ActionStatus
    percent_complete: int
    completed_on: date | None
    overdue: bool = Field(description="Past its due date and still open (UK time today).")
    state: ActionState
    can_manage: bool = Field(description="Whether the caller may edit or delete it.")
    can_report_progress: bool
    version: int
    created_at: datetime
    updated_at: datetime


class ProgressCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reported_on: date | None = Field(
        default=None, description="The date of the progress; default today. Not in the future."
    )
    note: str = Field(min_length=1, max_length=8000)
    status: ActionStatus | None = None
    percent_complete: Percent | None = None


class ProgressRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    action_id: int
    reported_on: date
    note: str
    status: ActionStatus | None
    percent_complete: int | None
    author_id: int | None
    author_name: str
    created_at: datetime
