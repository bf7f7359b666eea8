"""Shapes of the integrated performance report and the budget monitoring figures."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from goldenthread.benchmarking.schemas import GroupSummary
from goldenthread.imports.schemas import RowProblem
from goldenthread.outturns.models import OutturnStatus
from goldenthread.reports.rules import ScopeKind
from goldenthread.status.schemas import DirectionOfTravelRead, RagCounts
from goldenthread.status.values import Polarity, Rag, Trend, Unit


class ScopeRead(BaseModel):
    kind: ScopeKind
    code: str = Field(description="As given in scope=, e.g. org_unit:3.")
    id: int | None
    name: str = Field(description="What the report covers, in words.")


class HeadlineRead(BaseModel):
    """Counts by status and the Direction of Travel score, now and at the previous report."""

    total: int
    counts: RagCounts
    direction_of_travel: DirectionOfTravelRead
    previous_total: int
    previous_counts: RagCounts
    previous_direction_of_travel: DirectionOfTravelRead
    change: dict[str, int] = Field(description="Count now less count then, by status.")
    direction_of_travel_change: Decimal | None = Field(
        description="Score now less score then, in percentage points."
    )


class ProgressUpdateRead(BaseModel):
    reported_on: date
    note: str
    status: str | None
    percent_complete: int | None
    author_name: str


class ActionItemRead(BaseModel):
    """An action or milestone as it stood on the report date."""

    id: int
    code: str
    title: str
    is_milestone: bool
    parent_id: int | None
    indicator_id: int | None
    objective_id: int | None
    owner_id: int | None
    owner_name: str | None
    org_unit_id: int | None
    start_on: date | None
    due_on: date | None
    status: str
    percent_complete: int
    expected_percent: int | None = Field(
        description="Where its schedule says it should be by the report date."
    )
    overdue: bool
    at_risk: bool
    days_overdue: int | None
    days_left: int | None
    latest_update: ProgressUpdateRead | None = Field(
        description="The last progress update made on or before the report date."
    )
    updates_since_previous: list[ProgressUpdateRead] = Field(
        description="Progress updates after the previous report's date, up to this report's."
    )


class BenchmarkCell(BaseModel):
    """Where the council ranks among the comparator group for an indicator (DESIGN §2.4)."""

    rank: int = Field(description="1 + councils strictly better.")
    ranked: int = Field(description="How many councils are ranked.")
    quartile: int = Field(description="ceil(4 * rank / ranked); 1 is the top quartile.")
    group: str = Field(description="The comparator group's name.")
    group_code: str
    year: str = Field(description="The comparator year, e.g. 2008-09.")
    words: str = Field(description='As the report column reads, e.g. "2nd of 4 (rank 5 of 16)".')


BENCHMARK_FIELD = Field(
    default=None,
    description="Rank and quartile among benchmark_group, when asked for; null where the "
    "group has no ranked figures for it.",
)


class ExceptionRead(BaseModel):
    """A red (or amber) indicator, why, what its owner says and what is being done."""

    indicator_id: int
    code: str
    title: str
    unit: Unit
    decimal_places: int
    polarity: Polarity
    period: str
    rag: Rag
    rag_words: str
    previous_rag: Rag | None
    actual: Decimal | None
    target: Decimal | None
    low: Decimal | None
    high: Decimal | None
    trend: Trend
    explanation: str
    commentary: str | None
    data_quality: OutturnStatus | None
    owner_id: int | None
    owner_name: str | None
    org_unit_id: int | None
    org_unit: str | None
    remedial_actions: list[ActionItemRead]
    benchmark: BenchmarkCell | None = BENCHMARK_FIELD


class HighlightRead(BaseModel):
    indicator_id: int
    code: str
    title: str
    unit: Unit
    decimal_places: int
    period: str
    rag: Rag
    rag_words: str
    previous_rag: Rag | None
    trend: Trend
    reason: Literal["turned_green", "moved_up", "started_improving"]
    reason_words: str
    actual: Decimal | None
    target: Decimal | None
    explanation: str
    commentary: str | None
    owner_name: str | None
    org_unit: str | None
    benchmark: BenchmarkCell | None = BENCHMARK_FIELD


class ActionsSectionRead(BaseModel):
    at_risk_days: int = Field(description="How far ahead 'at risk' looks, in days.")
    overdue: list[ActionItemRead]
    at_risk: list[ActionItemRead]
    open_total: int = Field(description="Open actions and milestones in scope on the date.")


class RiskItemRead(BaseModel):
    id: int
    code: str
    title: str
    category: str
    owner_name: str | None
    org_unit_id: int | None
    likelihood: int
    impact: int
    score: int
    band: str
    previous_score: int | None = Field(description="The score at the previous report's date.")
    change: int | None = Field(description="Score now less score then.")


class RisksSectionRead(BaseModel):
    open_total: int = Field(description="Open risks in scope.")
    highest: list[RiskItemRead]
    changed: list[RiskItemRead]


class FinanceRowRead(BaseModel):
    """One service's budget monitoring beside its performance."""

    org_unit_id: int
    org_unit: str
    period: str = Field(description="The monitoring period the figures are from.")
    budget: Decimal
    forecast: Decimal | None
    actual: Decimal | None
    variance: Decimal | None = Field(description="Forecast outturn less budget: + is overspend.")
    variance_percent: Decimal | None
    previous_variance: Decimal | None = Field(description="The variance at the previous report.")
    note: str
    performance: RagCounts = Field(description="Its indicators' statuses (with units beneath).")


class FinanceSectionRead(BaseModel):
    year: str
    rows: list[FinanceRowRead]
    budget: Decimal
    forecast: Decimal | None
    variance: Decimal | None
    variance_percent: Decimal | None


class DataQualityItemRead(BaseModel):
    indicator_id: int
    code: str
    title: str
    period: str
    deadline: date
    issues: list[Literal["missing", "late", "unverified", "qualified"]]
    outturn_status: OutturnStatus | None
    received_on: date | None
    owner_name: str | None


class DataQualityRead(BaseModel):
    """The figures judged in this report: what is missing, late, unverified or qualified."""

    due: int = Field(description="Figures whose deadline had passed by the report date.")
    missing: int
    late: int
    unverified: int = Field(description="Draft or submitted, not yet verified.")
    qualified: int
    not_yet_due: int
    items: list[DataQualityItemRead]


class IprRead(BaseModel):
    """The integrated performance report (performance, finance and risk) for a period."""

    title: str
    period: str
    period_start: date
    period_end: date
    previous_period: str
    previous_basis: Literal["cycle", "compare_to"] = Field(
        description="cycle: the previous report of the bi-monthly cycle; compare_to: as asked."
    )
    as_of: date = Field(description="The report date: what is overdue or missing is judged on it.")
    previous_as_of: date
    scope: ScopeRead
    include_amber: bool
    benchmark_group: GroupSummary | None = Field(
        default=None, description="The comparator group of the benchmark column, when asked for."
    )
    benchmark_year: str | None = Field(
        default=None, description="The comparator year of the benchmark column."
    )
    generated_at: datetime
    headline: HeadlineRead
    exceptions: list[ExceptionRead]
    highlights: list[HighlightRead]
    actions: ActionsSectionRead
    risks: RisksSectionRead
    finance: FinanceSectionRead
    data_quality: DataQualityRead


# --- budget monitoring figures -------------------------------------------------------------


class FinanceFigureRead(BaseModel):
    id: int
    org_unit_id: int
    org_unit: str
    period: str
    budget: Decimal
    forecast: Decimal | None
    actual: Decimal | None
    variance: Decimal | None
    variance_percent: Decimal | None
    note: str
    updated_by_name: str
    updated_at: datetime


class FinanceList(BaseModel):
    items: list[FinanceFigureRead]


class FinanceImportSummary(BaseModel):
    """The answer of a finance import, also carried by the 422 problem when rows are rejected."""

    kind: Literal["finance"] = "finance"
    format: Literal["csv", "xlsx", "json"]
    dry_run: bool
    written: bool
    rows_read: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[RowProblem]
    errors_truncated: bool
    warnings: list[str]
