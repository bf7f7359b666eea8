"""Shapes of commitments (balanced scorecard) in the API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.commitments.rules import Quadrant, ReviewKind
from goldenthread.core.query import Id

MAX_ITEMS = 100
Scale = Annotated[int, Field(ge=1, le=5, description="1 (lowest) to 5 (highest).")]
LongText = Annotated[str, Field(max_length=8000)]


class ItemCreate(BaseModel):
    """One row of the commitments template."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    quadrant: Quadrant
    position: int = Field(default=0, ge=0, le=10_000, description="Order within the quadrant.")
    indicator_id: Id | None = Field(default=None, description="An indicator of the register.")
    indicator_text: str = Field(
        default="", max_length=300, description="The indicator in words, where none is linked."
    )
    objective_id: Id | None = Field(default=None, description="The plan objective delivered.")
    outcome: LongText = Field(default="", description="Outcome / issue.")
    evidence: LongText = Field(default="", description="Source or evidence.")
    action_plan: LongText = Field(default="", description="Action / improvement plan.")
    risk_impact: Scale | None = None
    risk_likelihood: Scale | None = None
    progress: LongText = Field(default="", description="Comments / progress.")


class ItemUpdate(BaseModel):
    """Partial update of a row; once signed off only ``progress`` may change."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    quadrant: Quadrant | None = None
    position: int | None = Field(default=None, ge=0, le=10_000)
    indicator_id: Id | None = None
    indicator_text: str | None = Field(default=None, max_length=300)
    objective_id: Id | None = None
    outcome: str | None = Field(default=None, max_length=8000)
    evidence: str | None = Field(default=None, max_length=8000)
    action_plan: str | None = Field(default=None, max_length=8000)
    risk_impact: Scale | None = None
    risk_likelihood: Scale | None = None
    progress: str | None = Field(default=None, max_length=8000)


class CommitmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    manager_id: Id = Field(description="The director, head of service or manager committing.")
    year: str = Field(max_length=20, description="Financial year, e.g. 2008-09.")
    items: list[ItemCreate] = Field(default_factory=list, max_length=MAX_ITEMS)


class ReviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: ReviewKind = Field(description="september or january.")
    held_on: date
    comments: LongText = ""


class ItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    quadrant: Quadrant
    position: int
    indicator_id: int | None
    indicator_text: str
    objective_id: int | None
    outcome: str
    evidence: str
    action_plan: str
    risk_impact: int | None
    risk_likelihood: int | None
    risk_score: int | None
    progress: str
    updated_at: datetime


class CommitmentReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: ReviewKind
    held_on: date
    comments: str
    reviewer_id: int | None
    reviewer_name: str
    created_at: datetime


class QuadrantRead(BaseModel):
    quadrant: Quadrant
    label: str
    items: list[ItemRead]


class CommitmentRead(BaseModel):
    id: int
    manager_id: int
    manager_name: str
    line_manager_id: int | None = Field(description="Who signs these commitments off.")
    year: str
    org_unit_id: int
    quadrants: list[QuadrantRead] = Field(description="All four quadrants, in template order.")
    reviews: list[CommitmentReviewRead]
    signed_off: bool
    signed_off_by_id: int | None
    signed_off_by_name: str | None
    signed_off_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    can_edit: bool = Field(
        description="The caller may change the rows: the manager, managers of their unit or a "
        "unit above, the performance team."
    )
    can_review: bool = Field(
        description="The caller may record a review still to be held: the manager's line "
        "manager or the performance team."
    )
    can_sign_off: bool = Field(
        description="The caller may sign these off now: the manager's line manager, once."
    )
