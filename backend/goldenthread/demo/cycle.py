"""Loading the demo's annual cycle: its templates, and their events for a few years."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.principal import SYSTEM_ACTOR
from goldenthread.cycle import events as cycle_events
from goldenthread.cycle import service as cycle
from goldenthread.cycle.schemas import LinkFields, TemplateCreate
from goldenthread.demo.cycle_spec import CycleTemplateSpec
from goldenthread.demo.data_cycle import CYCLE_TEMPLATES

# Events due more than this long before the demo's day are shown done; the rest of those
# past their date are left missed, so the calendar shows both.
DONE_BEFORE = timedelta(days=21)
MARKED_BY = "Corporate Performance Team"


def template_create(spec: CycleTemplateSpec, units: Mapping[str, int]) -> TemplateCreate:
    return TemplateCreate(
        title=spec.title,
        description=spec.description,
        category=spec.category,
        recurrence=spec.recurrence,
        months=list(spec.months),
        month_of_quarter=spec.month_of_quarter,
        window_months=spec.window_months,
        responsible_role=spec.role,
        # A unit the demo does not have (as in a test's small world) leaves the event corporate.
        org_unit_id=units.get(spec.unit) if spec.unit else None,
        source=spec.source,
        links=[LinkFields(kind=k, reference=r, label=label) for k, r, label in spec.links],
    )


async def load_cycle(
    session: AsyncSession,
    units: Mapping[str, int],
    years: Iterable[int],
    *,
    today: date | None = None,
) -> int:
    """Create the demo templates and instantiate them for each financial year (2008 =
    2008-09); with ``today``, events due well before it are marked done. Returns the number
    of templates. Flushes, never commits."""
    for spec in CYCLE_TEMPLATES:
        await cycle.create_template(session, SYSTEM_ACTOR, template_create(spec, units))
    for year in years:
        await cycle.instantiate(session, SYSTEM_ACTOR, year, None, refresh=False)
        if today is None:
            continue
        for event in await cycle_events.list_events(session, year, []):
            if event.due_on < today - DONE_BEFORE:
                event.done_at = datetime.combine(event.due_on, time(16, 0), tzinfo=UTC)
                event.done_by_name = MARKED_BY
    await session.flush()
    return len(CYCLE_TEMPLATES)
