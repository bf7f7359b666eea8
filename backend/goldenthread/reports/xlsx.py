"""The integrated performance report as an Excel workbook: a summary sheet and a sheet per
section. Text that a spreadsheet would run as a formula is neutralised, as in the exports."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from goldenthread.imports.rules import neutralise
from goldenthread.reports.rules import RAG_WORDS, TREND_WORDS
from goldenthread.reports.schemas import ActionItemRead, BenchmarkCell, IprRead, RiskItemRead
from goldenthread.status.values import Rag

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
# Fills beside the words, never instead of them.
FILLS = {
    Rag.RED: PatternFill("solid", fgColor="F4C7C3"),
    Rag.AMBER: PatternFill("solid", fgColor="FCE8B2"),
    Rag.GREEN: PatternFill("solid", fgColor="B7E1CD"),
}
EXACT_DOUBLE_DIGITS = 15


def cell(value: Any) -> Any:
    """A value as a workbook cell: text neutralised and cleaned, long decimals as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        if len(value.as_tuple().digits) > EXACT_DOUBLE_DIGITS:
            return format(value, "f")
        return value
    if isinstance(value, int | float | date | datetime):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(str(value)))


def _table(sheet: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    sheet.append([cell(h) for h in header])
    for column in sheet[sheet.max_row]:
        column.font = BOLD
    for row in rows:
        sheet.append([cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLMNOP", (14, 40, 16, 14, 14, 14, 50, 50), strict=False):
        sheet.column_dimensions[letter].width = width


def _colour(sheet: Worksheet, column: int) -> None:
    words = {v: k for k, v in RAG_WORDS.items()}
    for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        rag = words.get(str(row[0].value))
        if rag in FILLS:
            row[0].fill = FILLS[rag]


def _action_row(a: ActionItemRead) -> list[Any]:
    latest = a.latest_update
    return [
        a.code or a.id,
        a.title,
        "Milestone" if a.is_milestone else "Action",
        a.owner_name,
        a.due_on,
        a.status.replace("_", " "),
        a.percent_complete,
        a.expected_percent,
        a.days_overdue,
        latest.note if latest else None,
    ]


ACTION_HEADER = (
    "Action",
    "Title",
    "Kind",
    "Owner",
    "Due",
    "Status",
    "% complete",
    "% expected by now",
    "Days overdue",
    "Latest progress",
)


def _risk_row(r: RiskItemRead) -> list[Any]:
    return [
        r.code,
        r.title,
        r.category,
        r.owner_name,
        r.likelihood,
        r.impact,
        r.score,
        r.band.replace("_", " "),
        r.previous_score,
        r.change,
    ]


RISK_HEADER = (
    "Risk",
    "Title",
    "Category",
    "Owner",
    "Likelihood",
    "Impact",
    "Score",
    "Band",
    "Score at previous report",
    "Change",
)


def _quartile_header(report: IprRead) -> list[str]:
    if report.benchmark_group is None:
        return []
    return [f"Quartile ({report.benchmark_group.name}, {report.benchmark_year or 'no year'})"]


def _quartile(report: IprRead, benchmark: BenchmarkCell | None) -> list[str]:
    """The benchmark column, present only when a comparator group was asked for."""
    if report.benchmark_group is None:
        return []
    return [benchmark.words if benchmark else "No comparator figures"]


def render(report: IprRead) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Summary"
    summary.append([cell(report.title)])
    summary["A1"].font = TITLE
    for label, value in (
        ("Scope", report.scope.name),
        ("Period", f"{report.period} ({report.period_start} to {report.period_end})"),
        ("Compared with", report.previous_period),
        ("Report date", report.as_of),
        *(
            [("Benchmarked against", f"{report.benchmark_group.name}, {report.benchmark_year}")]
            if report.benchmark_group
            else []
        ),
        ("Generated", report.generated_at.replace(tzinfo=None)),
    ):
        summary.append([cell(label), cell(value)])
    summary.append([])
    headline = report.headline
    now, then = headline.counts.model_dump(), headline.previous_counts.model_dump()
    summary.append([cell(h) for h in ("Status", "Now", "Previous report", "Change")])
    for column in summary[summary.max_row]:
        column.font = BOLD
    for rag in Rag:
        summary.append([RAG_WORDS[rag], now[rag.value], then[rag.value], headline.change[rag]])
    summary.append(["Total", headline.total, headline.previous_total, None])
    dot, before = headline.direction_of_travel, headline.previous_direction_of_travel
    summary.append(
        [
            "Direction of Travel score (% improving)",
            dot.score,
            before.score,
            headline.direction_of_travel_change,
        ]
    )
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 30
    summary.column_dimensions["C"].width = 16

    sheet = workbook.create_sheet("Exceptions")
    rows = []
    for e in report.exceptions:
        actions = "; ".join(
            f"{a.title} ({a.status.replace('_', ' ')}, {a.percent_complete}%, due {a.due_on})"
            for a in e.remedial_actions
        )
        progress = "; ".join(
            f"{u.reported_on}: {u.note}"
            for a in e.remedial_actions
            for u in a.updates_since_previous
        )
        rows.append(
            [
                e.code,
                e.title,
                RAG_WORDS[e.rag],
                RAG_WORDS[e.previous_rag] if e.previous_rag else None,
                e.actual,
                e.target,
                e.explanation,
                e.commentary,
                TREND_WORDS[e.trend],
                e.owner_name,
                actions or "No remedial action recorded",
                progress,
                *_quartile(report, e.benchmark),
            ]
        )
    _table(
        sheet,
        (
            "Indicator",
            "Title",
            "Status",
            "Status at previous report",
            "Actual",
            "Target",
            "Why",
            "Commentary",
            "Trend",
            "Owner",
            "Remedial actions",
            "Progress since previous report",
            *_quartile_header(report),
        ),
        rows,
    )
    _colour(sheet, 3)

    sheet = workbook.create_sheet("Highlights")
    _table(
        sheet,
        (
            "Indicator",
            "Title",
            "Status",
            "Status at previous report",
            "Why highlighted",
            "Actual",
            "Target",
            "Commentary",
            *_quartile_header(report),
        ),
        (
            [
                h.code,
                h.title,
                RAG_WORDS[h.rag],
                RAG_WORDS[h.previous_rag] if h.previous_rag else None,
                h.reason_words,
                h.actual,
                h.target,
                h.commentary,
                *_quartile(report, h.benchmark),
            ]
            for h in report.highlights
        ),
    )
    _colour(sheet, 3)

    sheet = workbook.create_sheet("Actions")
    _table(
        sheet,
        ("Section", *ACTION_HEADER),
        [["Overdue", *_action_row(a)] for a in report.actions.overdue]
        + [["At risk", *_action_row(a)] for a in report.actions.at_risk],
    )

    sheet = workbook.create_sheet("Risks")
    _table(
        sheet,
        ("Section", *RISK_HEADER),
        [["Highest", *_risk_row(r)] for r in report.risks.highest]
        + [["Changed", *_risk_row(r)] for r in report.risks.changed],
    )

    sheet = workbook.create_sheet("Finance")
    _table(
        sheet,
        (
            "Service",
            "Period",
            "Budget",
            "Forecast outturn",
            "Spend to date",
            "Variance",
            "Variance %",
            "Green",
            "Amber",
            "Red",
            "Note",
        ),
        [
            [
                f.org_unit,
                f.period,
                f.budget,
                f.forecast,
                f.actual,
                f.variance,
                f.variance_percent,
                f.performance.green,
                f.performance.amber,
                f.performance.red,
                f.note,
            ]
            for f in report.finance.rows
        ]
        + [
            [
                "Total",
                report.finance.year,
                report.finance.budget,
                report.finance.forecast,
                None,
                report.finance.variance,
                report.finance.variance_percent,
            ]
        ],
    )

    sheet = workbook.create_sheet("Data quality")
    _table(
        sheet,
        (
            "Indicator",
            "Title",
            "Period",
            "Deadline",
            "Issues",
            "Outturn status",
            "Received",
            "Owner",
        ),
        (
            [
                d.code,
                d.title,
                d.period,
                d.deadline,
                ", ".join(d.issues),
                d.outturn_status.value if d.outturn_status else "none",
                d.received_on,
                d.owner_name,
            ]
            for d in report.data_quality.items
        ),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
