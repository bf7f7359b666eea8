"""The integrated performance report as a printable PDF (A4 portrait).

Built with fpdf2's standard Helvetica, so no font file is needed; those fonts cover Latin-1,
so other characters are written as their nearest plain equivalent. Status is always given in
words; the pale fill beside it only repeats what the words say.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from fpdf import FPDF, FontFace

from goldenthread.reports.rules import RAG_WORDS, TREND_WORDS
from goldenthread.reports.schemas import ActionItemRead, BenchmarkCell, IprRead
from goldenthread.status.values import Rag

FILLS = {Rag.RED: (244, 199, 195), Rag.AMBER: (252, 232, 178), Rag.GREEN: (183, 225, 205)}
HEADINGS = FontFace(emphasis="BOLD", fill_color=(225, 228, 232))
_FOLD = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2212": "-",
    }
)


def text(value: Any) -> str:
    """Any value as Latin-1 text the standard fonts can draw."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = format(value, "f")
    folded = str(value).translate(_FOLD)
    return folded.encode("latin-1", "replace").decode("latin-1")


def _money(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}"


class _Report(FPDF):
    def __init__(self, report: IprRead) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report = report
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)
        self.set_title(text(f"{report.title} {report.period}"))
        self.set_creator("Golden Thread")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(
            0,
            5,
            text(
                f"{self.report.title} - {self.report.scope.name} - {self.report.period} - "
                f"page {self.page_no()}"
            ),
            align="C",
        )

    def heading(self, title: str) -> None:
        # Keep a heading with at least a few lines of what follows it.
        if self.will_page_break(30):
            self.add_page()
        self.ln(3)
        self.set_font("Helvetica", "B", 13)
        self.cell(0, 8, text(title), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", size=9)

    def para(self, words: str, *, bold: bool = False, size: float = 9) -> None:
        self.set_font("Helvetica", "B" if bold else "", size)
        self.multi_cell(0, 4.5, text(words), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", size=9)

    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        rag_column: int | None = None,
        rags: Sequence[Rag | None] = (),
    ) -> None:
        if not rows:
            self.para("None.")
            return
        self.set_font("Helvetica", size=8)
        with self.table(
            col_widths=tuple(widths),
            headings_style=HEADINGS,
            line_height=4.2,
            text_align="LEFT",
            repeat_headings=1,
        ) as table:
            heading = table.row()
            for name in header:
                heading.cell(text(name))
            for index, values in enumerate(rows):
                row = table.row()
                for column, value in enumerate(values):
                    rag = rags[index] if rag_column == column and index < len(rags) else None
                    style = FontFace(fill_color=FILLS[rag]) if rag in FILLS else None
                    row.cell(text(value), style=style)
        self.set_font("Helvetica", size=9)
        self.ln(2)


def _action_line(a: ActionItemRead) -> str:
    due = f"due {a.due_on}" if a.due_on else "no due date"
    late = f", {a.days_overdue} days overdue" if a.days_overdue else ""
    return (
        f"{a.title} ({a.owner_name or 'no owner'}; {due}{late}; "
        f"{a.status.replace('_', ' ')}, {a.percent_complete}% complete)"
    )


def _quartile(benchmark: BenchmarkCell | None) -> str:
    return benchmark.words if benchmark else "no comparator figures"


def render(report: IprRead) -> bytes:
    pdf = _Report(report)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, text(report.title), new_x="LMARGIN", new_y="NEXT")
    pdf.para(f"Scope: {report.scope.name}", bold=True, size=11)
    pdf.para(
        f"Period: {report.period} ({report.period_start:%d %B %Y} to "
        f"{report.period_end:%d %B %Y}). "
        f"Compared with the previous report: {report.previous_period}. "
        f"Report date: {report.as_of:%d %B %Y}.",
        size=10,
    )
    if report.benchmark_group is not None:
        pdf.para(
            f"Quartiles among {report.benchmark_group.name} "
            f"({report.benchmark_year or 'no comparator year'}); 1st of 4 is the best.",
            size=10,
        )

    headline = report.headline
    now, then = headline.counts.model_dump(), headline.previous_counts.model_dump()
    pdf.heading("Headline")
    pdf.grid(
        ("Status", "Now", "Previous report", "Change"),
        [
            (RAG_WORDS[rag], now[rag.value], then[rag.value], f"{headline.change[rag]:+d}")
            for rag in Rag
        ]
        + [
            ("All indicators", headline.total, headline.previous_total, ""),
            (
                "Direction of Travel score (% improving on last year)",
                headline.direction_of_travel.score,
                headline.previous_direction_of_travel.score,
                headline.direction_of_travel_change,
            ),
        ],
        (0.46, 0.18, 0.18, 0.18),
        rag_column=0,
        rags=list(Rag),
    )

    pdf.heading(f"Exceptions ({len(report.exceptions)})")
    if not report.exceptions:
        pdf.para("No indicator is red" + (" or amber." if report.include_amber else "."))
    for e in report.exceptions:
        if pdf.will_page_break(25):
            pdf.add_page()
        pdf.para(f"{e.code} {e.title}", bold=True)
        was = f" (at the previous report: {RAG_WORDS[e.previous_rag]})" if e.previous_rag else ""
        pdf.para(
            f"Status: {RAG_WORDS[e.rag]}{was}. Trend: {TREND_WORDS[e.trend]}. "
            f"Owner: {e.owner_name or 'none'}."
        )
        pdf.para(f"Why: {e.explanation}")
        if report.benchmark_group is not None:
            pdf.para(f"Quartile: {_quartile(e.benchmark)}")
        pdf.para(f"Commentary: {e.commentary or 'none given.'}")
        if e.remedial_actions:
            for action in e.remedial_actions:
                pdf.para(f"Remedial action: {_action_line(action)}")
                for update in action.updates_since_previous:
                    pdf.para(f"    Progress {update.reported_on}: {update.note}")
        else:
            pdf.para("Remedial action: none recorded.")
        pdf.ln(2)

    pdf.heading(f"Highlights ({len(report.highlights)})")
    if report.benchmark_group is None:
        pdf.grid(
            ("Indicator", "Status", "Why highlighted", "Commentary"),
            [
                (f"{h.code} {h.title}", RAG_WORDS[h.rag], h.reason_words, h.commentary or "")
                for h in report.highlights
            ],
            (0.32, 0.16, 0.24, 0.28),
            rag_column=1,
            rags=[h.rag for h in report.highlights],
        )
    else:
        pdf.grid(
            ("Indicator", "Status", "Why highlighted", "Commentary", "Quartile"),
            [
                (
                    f"{h.code} {h.title}",
                    RAG_WORDS[h.rag],
                    h.reason_words,
                    h.commentary or "",
                    _quartile(h.benchmark),
                )
                for h in report.highlights
            ],
            (0.26, 0.13, 0.2, 0.23, 0.18),
            rag_column=1,
            rags=[h.rag for h in report.highlights],
        )

    actions = report.actions
    pdf.heading(f"Actions: overdue ({len(actions.overdue)})")
    pdf.grid(
        ("Action", "Owner", "Due", "Status", "Days overdue"),
        [
            (a.title, a.owner_name or "", a.due_on, a.status.replace("_", " "), a.days_overdue)
            for a in actions.overdue
        ],
        (0.44, 0.2, 0.12, 0.12, 0.12),
    )
    pdf.heading(
        f"Actions: at risk, due within {actions.at_risk_days} days ({len(actions.at_risk)})"
    )
    pdf.grid(
        ("Action", "Owner", "Due", "% complete", "% expected"),
        [
            (a.title, a.owner_name or "", a.due_on, a.percent_complete, a.expected_percent)
            for a in actions.at_risk
        ],
        (0.44, 0.2, 0.12, 0.12, 0.12),
    )

    pdf.heading("Risks: highest scores")
    risk_widths = (0.1, 0.42, 0.18, 0.1, 0.1, 0.1)
    pdf.grid(
        ("Risk", "Title", "Owner", "Score", "Band", "Before"),
        [
            (
                r.code,
                r.title,
                r.owner_name or "",
                r.score,
                r.band.replace("_", " "),
                r.previous_score,
            )
            for r in report.risks.highest
        ],
        risk_widths,
    )
    pdf.heading("Risks: score changed since the previous report")
    pdf.grid(
        ("Risk", "Title", "Owner", "Score", "Band", "Before"),
        [
            (
                r.code,
                r.title,
                r.owner_name or "",
                r.score,
                r.band.replace("_", " "),
                r.previous_score,
            )
            for r in report.risks.changed
        ],
        risk_widths,
    )

    fin = report.finance
    pdf.heading(f"Finance {fin.year}: budget, forecast outturn and variance by service")
    pdf.grid(
        ("Service", "Budget", "Forecast", "Variance", "Var. %", "Indicators G / A / R"),
        [
            (
                f.org_unit,
                _money(f.budget),
                _money(f.forecast),
                _money(f.variance),
                f.variance_percent,
                f"{f.performance.green} / {f.performance.amber} / {f.performance.red}",
            )
            for f in fin.rows
        ]
        + (
            [
                (
                    "Total",
                    _money(fin.budget),
                    _money(fin.forecast),
                    _money(fin.variance),
                    fin.variance_percent,
                    "",
                )
            ]
            if fin.rows
            else []
        ),
        (0.3, 0.14, 0.14, 0.14, 0.1, 0.18),
    )
    pdf.para("Figures in pounds; a positive variance is a forecast overspend.", size=8)

    quality = report.data_quality
    pdf.heading("Data quality")
    pdf.para(
        f"Figures due: {quality.due}; missing: {quality.missing}; late: {quality.late}; "
        f"unverified: {quality.unverified}; qualified: {quality.qualified}; "
        f"not yet due: {quality.not_yet_due}."
    )
    pdf.grid(
        ("Indicator", "Period", "Deadline", "Issues", "Owner"),
        [
            (f"{d.code} {d.title}", d.period, d.deadline, ", ".join(d.issues), d.owner_name or "")
            for d in quality.items
        ],
        (0.4, 0.14, 0.14, 0.16, 0.16),
    )
    return bytes(pdf.output())
