"""Shapes of objectives, the golden thread and the orphan report in the API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from goldenthread.actions.models import ActionStatus
from goldenthread.actions.rules import ActionState
from goldenthread.core.query import Id
from goldenthread.objectives.models import ObjectiveKind
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.status.schemas import RagCounts
from goldenthread.status.values import Rag

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]
REASON_DESCRIPTION = (
    "Needed to change the objectives of a published plan in place; kept in the audit trail."
)


class ObjectiveCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(default="", max_length=40)
    title: Title
    description: str = Field(default="", max_length=20000)
    kind: ObjectiveKind = ObjectiveKind.OBJECTIVE
    owner_id: Id | None = None
    position: int = Field(default=0, ge=0, le=100000)
    contributes_to: list[int] = Field(
        default_factory=list,
        max_length=50,
        description="Objectives of higher plans this one contributes to.",
    )
    indicator_ids: list[Id] = Field(
        default_factory=list, max_length=200, description="Indicators that measure it."
    )
    amendment_reason: Reason | None = Field(default=None, description=REASON_DESCRIPTION)


class ObjectiveUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str | None = Field(default=None, max_length=40)
    title: Title | None = None
    description: str | None = Field(default=None, max_length=20000)
    kind: ObjectiveKind | None = None
    owner_id: Id | None = None
    position: int | None = Field(default=None, ge=0, le=100000)
    amendment_reason: Reason | None = Field(default=None, description=REASON_DESCRIPTION)


class LinkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    parent_objective_id: Id = Field(description="The objective of a higher plan it serves.")
    amendment_reason: Reason | None = Field(default=None, description=REASON_DESCRIPTION)


class IndicatorLinkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    indicator_id: Id
    amendment_reason: Reason | None = Field(default=None, description=REASON_DESCRIPTION)


class ObjectiveRef(BaseModel):
    """Enough of another objective to name it and its plan without reading them."""

    id: int
    code: str
    title: str
    plan_id: int
    plan_level: PlanLevel


class ObjectiveRead(BaseModel):
    id: int
    plan_id: int
    plan_level: PlanLevel
    code: str
    title: str
    description: str
    kind: ObjectiveKind
    owner_id: int | None
    position: int
    contributes_to: list[int]
    contributes_to_detail: list[ObjectiveRef] = Field(
        description="The objectives in contributes_to, in the same order, with their plans."
    )
    indicator_ids: list[int]
    copied_from_id: int | None
    version: int
    created_at: datetime
    updated_at: datetime


# --- the thread ---------------------------------------------------------------------------


class ActionCounts(BaseModel):
    total: int = 0
    complete: int = 0
    on_track: int = 0
    overdue: int = 0
    cancelled: int = 0


class RollUp(BaseModel):
    """Everything at and beneath a node, each item counted once."""

    objectives: int = Field(description="Objectives beneath this one (not counting itself).")
    indicators: RagCounts
    actions: ActionCounts
    risks: int
    highest_risk_score: int | None = Field(description="Highest residual score (1-25).")


class ThreadObjective(BaseModel):
    id: int
    plan_id: int
    plan_level: PlanLevel
    code: str
    title: str
    kind: ObjectiveKind
    owner_id: int | None
    direction: str = Field(description="'up' (served by the focus), 'focus' or 'down'.")
    contributes_to: list[int] = Field(description="Objectives in this thread it serves.")
    contributors: list[int] = Field(description="Objectives in this thread that serve it.")
    indicator_ids: list[int]
    action_ids: list[int]
    risk_ids: list[int]
    rollup: RollUp


class ThreadPlan(BaseModel):
    id: int
    level: PlanLevel
    title: str
    status: PlanStatus
    owner_org_unit_id: int | None
    owner_user_id: int | None
    start_year: str
    end_year: str


class ThreadIndicator(BaseModel):
    id: int
    code: str
    title: str
    owner_id: int | None
    rag: Rag
    period: str
    actual: Decimal | None
    target: Decimal | None
    has_remedial_action: bool
    objective_ids: list[int]


class ThreadAction(BaseModel):
    id: int
    title: str
    objective_id: int | None
    indicator_id: int | None
    parent_id: int | None
    owner_id: int | None
    due_on: date | None
    status: ActionStatus
    percent_complete: int
    state: ActionState


class ThreadRisk(BaseModel):
    id: int
    code: str
    title: str
    owner_id: int | None
    residual_score: int | None
    objective_ids: list[int]


class ThreadPerson(BaseModel):
    id: int
    full_name: str
    job_title: str | None
    org_unit_id: int | None


class ThreadRead(BaseModel):
    """An objective's golden thread: up to the community ambitions it serves and down to
    everything that serves it, with a roll-up at every objective."""

    objective_id: int
    period: str
    today: date = Field(description="The date actions were judged overdue against (UK time).")
    objectives: list[ThreadObjective] = Field(description="Up first (top down), then down.")
    plans: list[ThreadPlan]
    indicators: list[ThreadIndicator]
    actions: list[ThreadAction]
    risks: list[ThreadRisk]
    people: list[ThreadPerson]


# --- orphans ------------------------------------------------------------------------------


class OrphanObjective(BaseModel):
    id: int
    code: str
    title: str
    plan_id: int
    plan_title: str
    plan_level: PlanLevel
    owner_id: int | None


class OrphanIndicator(BaseModel):
    id: int
    code: str
    title: str
    owner_id: int | None
    org_unit_id: int | None


class OrphanReport(BaseModel):
    """What serves nothing: objectives below the community strategy that contribute to no
    higher objective, indicators that measure no objective, and individual objectives that
    reach no service-plan objective. Archived plans are left out."""

    objectives: list[OrphanObjective]
    indicators: list[OrphanIndicator]
    individual_without_service_link: list[OrphanObjective]
