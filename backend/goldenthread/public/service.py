"""The public performance page: indicators marked public, judged on verified figures only.

Nothing unverified can reach the page: the outturns read are those with status ``verified``,
and status, trend and the chart are all computed from them alone (a draft figure for a later
month cannot move a year-to-date). Indicators are grouped by the council priority they serve:
the corporate-plan objective their objectives contribute to (approved or published plans),
else their directorate, else "Other measures".
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.imports.rules import neutralise
from goldenthread.indicators.models import Indicator, Lifecycle
from goldenthread.objectives import rules as objective_rules
from goldenthread.objectives.models import Objective, ObjectiveIndicator, ObjectiveLink
from goldenthread.organisations.tree import load_unit_tree
from goldenthread.periods.rules import Period
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.public.schemas import PublicIndicator, PublicPage, PublicPoint, PublicPriority
from goldenthread.status import rules
from goldenthread.status import service as status_service
from goldenthread.status.rules import Polarity, Rag, Trend

SERIES_POINTS = 12
OTHER = "Other measures"
STATUS_WORDS = {
    Rag.GREEN: "On target",
    Rag.AMBER: "Just off target",
    Rag.RED: "Off target",
    Rag.NO_TARGET: "No target set",
    Rag.NO_DATA: "No checked figure yet",
    Rag.NOT_APPLICABLE: "For information: no target",
}
TREND_WORDS = {
    Trend.IMPROVING: "Getting better",
    Trend.WORSENING: "Getting worse",
    Trend.NO_CHANGE: "No change",
    Trend.NOT_COMPARABLE: "Not enough figures to compare with last year",
    Trend.NOT_APPLICABLE: "Not applicable",
}
BETTER = {
    Polarity.HIGHER_IS_BETTER: "Higher is better",
    Polarity.LOWER_IS_BETTER: "Lower is better",
    Polarity.TARGET_BAND: "Within the target range is best",
}
NOTES = (
    "Only figures checked and verified by the council are shown. Status compares the latest "
    "verified figure with its target: for monthly and quarterly measures, the year so far. "
    "The trend compares it with the same point last year."
)
CSV_COLUMNS = (
    "priority",
    "code",
    "title",
    "official_title",
    "definition",
    "unit",
    "better",
    "period",
    "value",
    "target",
    "target_low",
    "target_high",
    "status",
    "status_words",
    "trend",
    "trend_words",
    "previous_year_value",
    "explanation",
)
TEXT_COLUMNS = frozenset(
    {"priority", "code", "title", "official_title", "definition", "explanation", "better"}
)


async def _priorities_from_plans(
    session: AsyncSession, indicator_ids: list[int]
) -> dict[int, tuple[int, str]]:
    """Indicator → (position, title) of the corporate-plan objective it serves, walking the
    golden thread up from its own objectives; empty where plans are not in use."""
    attached = (
        await session.execute(
            select(ObjectiveIndicator.indicator_id, ObjectiveIndicator.objective_id).where(
                ObjectiveIndicator.indicator_id.in_(indicator_ids)
            )
        )
    ).all()
    if not attached:
        return {}
    objectives = {
        pk: (plan_id, position, title)
        for pk, plan_id, position, title in (
            await session.execute(
                select(Objective.id, Objective.plan_id, Objective.position, Objective.title)
            )
        ).all()
    }
    published = {PlanStatus.APPROVED, PlanStatus.PUBLISHED}
    corporate = {
        pk
        for pk, level, status in (
            await session.execute(select(Plan.id, Plan.level, Plan.status))
        ).all()
        if level is PlanLevel.CORPORATE_PLAN and status in published
    }
    links = await session.execute(
        select(ObjectiveLink.objective_id, ObjectiveLink.parent_objective_id)
    )
    parents, _ = objective_rules.adjacency((child, parent) for child, parent in links.all())
    found: dict[int, tuple[int, str]] = {}
    for indicator_id, objective_id in attached:
        # Corporate objectives serve partnership ones only, so those above a corporate
        # objective are never corporate themselves.
        for current in {objective_id} | objective_rules.reachable([objective_id], parents):
            plan_id, position, title = objectives[current]
            if plan_id in corporate:
                best = found.get(indicator_id)
                if best is None or (position, title) < best:
                    found[indicator_id] = (position, title)
    return found


async def build_page(session: AsyncSession) -> PublicPage:
    """Every public, active indicator with its latest verified figure, status, trend and
    chart, grouped by priority: a fixed number of queries."""
    public = list(
        (
            await session.scalars(
                select(Indicator)
                .where(Indicator.public.is_(True), Indicator.lifecycle == Lifecycle.ACTIVE)
                .order_by(Indicator.code_key)
            )
        ).all()
    )
    ids = [i.id for i in public]
    figures = (
        await status_service.load_figures(await session.connection(), ids, None, verified_only=True)
        if ids
        else None
    )
    outturns = figures.outturns if figures else {}
    targets = figures.targets if figures else {}
    priorities = await _priorities_from_plans(session, ids) if ids else {}
    units = await load_unit_tree(session) if ids else None
    # (tier, position, heading): plan priorities first in plan order, then directorates.
    groups: dict[tuple[int, int, str], list[PublicIndicator]] = defaultdict(list)
    for indicator in public:
        item = _indicator(indicator, outturns.get(indicator.id, {}), targets.get(indicator.id, {}))
        unit = indicator.org_unit_id
        directorate = units.directorate(unit) if units is not None and unit is not None else None
        if indicator.id in priorities:
            position, heading = priorities[indicator.id]
            groups[(0, position, heading)].append(item)
        elif directorate is not None:
            groups[(1, 0, directorate[1])].append(item)
        else:
            groups[(2, 0, OTHER)].append(item)
    return PublicPage(
        title="How we are doing",
        notes=NOTES,
        priorities=[
            PublicPriority(priority=key[2], indicators=groups[key]) for key in sorted(groups)
        ],
    )


def _indicator(
    indicator: Indicator,
    verified: dict[Period, rules.PeriodValue],
    targets: dict[Period, rules.TargetValue],
) -> PublicIndicator:
    own = [p for p in verified if p.frequency is indicator.frequency]
    latest = max(own) if own else None
    result = (
        rules.compute_status(status_service.indicator_rules(indicator), latest, verified, targets)
        if latest is not None
        else None
    )
    series = [
        PublicPoint(period=p.code, value=verified[p].value) for p in sorted(own)[-SERIES_POINTS:]
    ]
    rag = (
        result.rag
        if result
        else (Rag.NOT_APPLICABLE if indicator.polarity is Polarity.NONE else Rag.NO_DATA)
    )
    trend = (
        result.trend
        if result
        else (Trend.NOT_APPLICABLE if indicator.polarity is Polarity.NONE else Trend.NOT_COMPARABLE)
    )
    return PublicIndicator(
        code=indicator.code,
        title=indicator.plain_title or indicator.title,
        official_title=indicator.title,
        definition=indicator.definition,
        unit=indicator.unit,
        decimal_places=indicator.decimal_places,
        polarity=indicator.polarity,
        better=BETTER.get(indicator.polarity),
        frequency=indicator.frequency,
        period=latest.code if latest else None,
        value=result.actual if result else None,
        basis=result.basis if result else None,
        target=result.target if result else None,
        target_low=result.target_low if result else None,
        target_high=result.target_high if result else None,
        status=rag,
        status_words=STATUS_WORDS[rag],
        explanation=result.explanation if result else "No verified figure has been published yet.",
        trend=trend,
        trend_words=TREND_WORDS[trend],
        previous_year_value=result.previous_year_actual if result else None,
        series=series,
    )


def render_csv(page: PublicPage) -> str:
    """One row per indicator, with its definition; text a spreadsheet would run as a formula
    is neutralised as the exports do."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for group in page.priorities:
        for item in group.indicators:
            row = {**item.model_dump(), "priority": group.priority}
            cells = []
            for name in CSV_COLUMNS:
                value = row.get(name)
                if value is None:
                    cells.append("")
                elif name in TEXT_COLUMNS:
                    cells.append(neutralise(str(value)))
                else:
                    cells.append(str(getattr(value, "value", value)))
            writer.writerow(cells)
    return out.getvalue()
