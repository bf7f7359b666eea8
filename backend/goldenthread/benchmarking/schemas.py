"""Shapes of comparator groups, benchmarks and benchmark aims in the API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from goldenthread.benchmarking.models import GroupKind
from goldenthread.benchmarking.rules import AimKind
from goldenthread.core.query import Id
from goldenthread.imports.schemas import RowProblem
from goldenthread.status.rules import Polarity, Unit

CouncilCode = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_upper=True, min_length=1, max_length=40, pattern=r"^[^\s].*$"
    ),
]
GroupCode = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_upper=True,
        min_length=1,
        max_length=40,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$",
    ),
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Year = Annotated[
    str,
    Field(
        max_length=20,
        description="Financial year, e.g. 2021-22.",
        examples=["2021-22"],
    ),
]

# ---- councils and groups --------------------------------------------------------------------


class CouncilIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: CouncilCode = Field(description="ONS code (E06000001) or any stable code.")
    name: Name


class CouncilRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str


class GroupCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: GroupCode = Field(description="Short unique code used in URLs, e.g. SCOTLAND.")
    name: Name
    description: str = Field(default="", max_length=4000)
    kind: GroupKind = GroupKind.OTHER
    members: list[CouncilIn] = Field(default_factory=list, max_length=2000)
    us: CouncilCode | None = Field(
        default=None, description="Code of the member that is this council."
    )


class GroupUpdate(BaseModel):
    """Partial update; ``members``, when sent, replaces the membership."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Name | None = None
    description: str | None = Field(default=None, max_length=4000)
    kind: GroupKind | None = None
    members: list[CouncilIn] | None = Field(default=None, max_length=2000)
    us: CouncilCode | None = Field(
        default=None, description="Code of the member that is this council; null: none."
    )


class GroupSummary(BaseModel):
    id: int
    code: str
    name: str
    kind: GroupKind


class GroupRead(GroupSummary):
    description: str
    us: CouncilRead | None
    members: list[CouncilRead]
    version: int
    updated_at: datetime


# ---- benchmark ------------------------------------------------------------------------------


class ComparatorRead(BaseModel):
    council_id: int
    code: str
    name: str
    value: Decimal
    period_label: str = Field(description="The period as published where not one year.")
    is_us: bool
    rank: int | None = Field(description="1 + councils strictly better; null where not ranked.")
    quartile: int | None = Field(description="ceil(4 * rank / number ranked); 1 is the top.")


class StatisticsRead(BaseModel):
    count: int
    lower_quartile: Decimal | None = Field(description="25th percentile (QUARTILE.INC).")
    median: Decimal | None
    upper_quartile: Decimal | None = Field(description="75th percentile (QUARTILE.INC).")
    best: Decimal | None
    worst: Decimal | None
    top_quartile_threshold: Decimal | None = Field(
        description="The value to reach to be in the best quartile (by polarity)."
    )
    bottom_quartile_threshold: Decimal | None = Field(
        description="The value to beat to leave the worst quartile (by polarity)."
    )


class AimRead(BaseModel):
    id: int
    indicator_id: int
    period: str
    group: GroupSummary
    aim: AimKind
    rank: int | None
    basis_year: str | None = Field(description="Comparator year chosen; null: the latest.")
    note: str
    resolved_value: Decimal | None = Field(
        description="The figure the aim stands for in the comparator values of basis_used."
    )
    basis_used: str | None = Field(description="The comparator year the figure was read from.")
    number_ranked: int
    own_value: Decimal | None = Field(description="The council's own value in the aim's year.")
    met: bool | None = Field(description="Whether the own value reaches the aim.")
    explanation: str
    version: int
    updated_by_name: str
    updated_at: datetime


class OwnValueRead(BaseModel):
    value: Decimal | None
    source: Literal["outturn", "comparator"] | None = Field(
        description="outturn: the council's stored annual outturn or year-end YTD; "
        "comparator: the imported value of the member that is this council."
    )
    data_quality: str | None = Field(description="The outturn's status, where from an outturn.")


class BenchmarkRead(BaseModel):
    indicator_id: int
    code: str
    title: str
    unit: Unit
    decimal_places: int
    polarity: Polarity
    year: str | None
    group: GroupSummary | None
    ranked: bool = Field(description="False for polarity none and target_band (Goldilocks).")
    us: CouncilRead | None
    own: OwnValueRead
    rank: int | None
    quartile: int | None
    number_ranked: int
    statistics: StatisticsRead
    comparators: list[ComparatorRead]
    aims: list[AimRead]
    explanation: str
    available_groups: list[GroupSummary]
    available_years: list[str]


class SummaryItem(BaseModel):
    indicator_id: int
    code: str
    title: str
    polarity: Polarity
    own_value: Decimal | None
    own_source: Literal["outturn", "comparator"] | None
    rank: int | None
    quartile: int | None
    number_ranked: int
    median: Decimal | None
    top_quartile_threshold: Decimal | None
    comparators: list[ComparatorRead] | None = Field(
        default=None, description="Every council's value and rank, when asked for."
    )


class SummaryRead(BaseModel):
    group: GroupSummary
    year: str | None
    items: list[SummaryItem]


# ---- aims -----------------------------------------------------------------------------------


class AimWrite(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    group_id: Id
    aim: AimKind
    rank: int | None = Field(default=None, ge=1, le=10_000, description="For aim = rank.")
    basis_year: Year | None = Field(
        default=None,
        description="Read the aim from this comparator year (default: the latest year with "
        "values up to the aim's own year).",
    )
    note: str = Field(default="", max_length=4000)

    @model_validator(mode="after")
    def _rank_for_rank_aims(self) -> AimWrite:
        if self.aim is AimKind.RANK and self.rank is None:
            raise ValueError("rank: required when the aim is rank")
        if self.aim is not AimKind.RANK and self.rank is not None:
            raise ValueError("rank: only for an aim of rank")
        return self


# ---- import ---------------------------------------------------------------------------------


class ValuesImportSummary(BaseModel):
    """The answer of a comparator values import (also inside the 422 problem)."""

    kind: Literal["comparator_values"]
    format: Literal["csv", "xlsx", "json"]
    dry_run: bool
    written: bool
    rows_read: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    councils_created: int
    memberships_added: int
    errors: list[RowProblem]
    errors_truncated: bool
    warnings: list[str]
