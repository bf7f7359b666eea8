"""Shapes of risks, their reviews and the heat map in the API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from goldenthread.core.query import Id
from goldenthread.risks.models import RiskStatus
from goldenthread.risks.rules import Band, Basis, Category, Control

MAX_OBJECTIVES = 50
Scale = Annotated[int, Field(ge=1, le=5, description="1 (lowest) to 5 (highest).")]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
ObjectiveIds = Annotated[
    list[int],
    Field(max_length=MAX_OBJECTIVES, description="Ids of the objectives this risk threatens."),
]


class RiskCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: Code = Field(description="Register code, unique in any case, e.g. CR 04.")
    title: Title
    description: str = Field(default="", max_length=8000)
    owner_id: Id | None = None
    org_unit_id: Id | None = Field(
        default=None, description="Owning org unit; none for a corporate risk."
    )
    category: Category
    inherent_likelihood: Scale
    inherent_impact: Scale
    residual_likelihood: Scale | None = Field(
        default=None, description="After controls; default the inherent likelihood."
    )
    residual_impact: Scale | None = Field(
        default=None, description="After controls; default the inherent impact."
    )
    control: Control
    controls: str = Field(default="", max_length=8000, description="Controls and mitigations.")
    objective_ids: ObjectiveIds = Field(default_factory=list)


class RiskUpdate(BaseModel):
    """Partial update: only the fields sent change. Residual scores are normally moved by a
    quarterly review, which keeps the history."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: Code | None = None
    title: Title | None = None
    description: str | None = Field(default=None, max_length=8000)
    owner_id: Id | None = None
    org_unit_id: Id | None = None
    category: Category | None = None
    inherent_likelihood: Scale | None = None
    inherent_impact: Scale | None = None
    residual_likelihood: Scale | None = None
    residual_impact: Scale | None = None
    control: Control | None = None
    controls: str | None = Field(default=None, max_length=8000)
    status: RiskStatus | None = None
    objective_ids: ObjectiveIds | None = None


class ScoreRead(BaseModel):
    likelihood: int
    impact: int
    score: int
    band: Band
    explanation: str


class RiskRead(BaseModel):
    id: int
    code: str
    title: str
    description: str
    owner_id: int | None
    owner_name: str | None
    org_unit_id: int | None
    category: Category
    inherent_likelihood: int
    inherent_impact: int
    residual_likelihood: int
    residual_impact: int
    inherent: ScoreRead
    residual: ScoreRead
    control: Control
    controls: str
    status: RiskStatus
    objective_ids: list[int]
    last_review_period: str | None
    last_reviewed_on: date | None
    version: int
    created_at: datetime
    updated_at: datetime
    can_edit: bool = Field(
        description="The caller may change this risk (managers of its unit or a unit above, "
        "the performance team)."
    )
    can_review: bool = Field(
        description="The caller may record a review: its owner or those who may change it, "
        "while it is open."
    )


class ReviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    period: str = Field(max_length=20, description="The quarter reviewed, e.g. 2008-09-Q2.")
    likelihood: Scale = Field(description="Residual likelihood found at the review.")
    impact: Scale = Field(description="Residual impact found at the review.")
    comment: str = Field(default="", max_length=8000)
    reviewed_on: date | None = Field(default=None, description="Day held; default today.")


class ReviewRead(BaseModel):
    id: int
    risk_id: int
    period: str
    likelihood: int
    impact: int
    score: int
    band: Band
    comment: str
    reviewed_on: date
    reviewer_id: int | None
    reviewer_name: str
    created_at: datetime
    current: bool = Field(description="True for the review that set the risk's current scores.")


class HeatCellRead(BaseModel):
    likelihood: int
    impact: int
    score: int
    band: Band
    count: int
    codes: list[str]


class HeatRowRead(BaseModel):
    likelihood: int
    label: str
    cells: list[HeatCellRead] = Field(description="Impact 1 to 5, left to right.")


class HeatMapRead(BaseModel):
    basis: Basis
    total: int
    by_band: dict[Band, int]
    likelihood_labels: dict[int, str]
    impact_labels: dict[int, str]
    rows: list[HeatRowRead] = Field(description="Likelihood 5 (top) down to 1.")
