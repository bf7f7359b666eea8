"""Cycle templates: edit them, and instantiate them for a financial year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor
from goldenthread.cycle import rules
from goldenthread.cycle.models import CycleEvent, CycleEventLink, CycleTemplate
from goldenthread.cycle.schemas import (
    InstantiateResult,
    TemplateCreate,
    TemplateRead,
    TemplateUpdate,
)
from goldenthread.organisations.models import OrgUnit
from goldenthread.periods.rules import financial_year_code

# A cycle has tens of recurring events; the bound keeps one instantiation a bounded amount of
# work (at most twelve events per template).
MAX_TEMPLATES = 1000
TEMPLATE_FIELDS = (
    "title",
    "description",
    "category",
    "recurrence",
    "months",
    "month_of_quarter",
    "window_months",
    "day",
    "frequency",
    "working_days",
    "responsible_role",
    "org_unit_id",
    "source",
    "links",
    "active",
)
# What an event copies from its template (and what ``refresh`` brings back into line).
COPIED_FIELDS = ("title", "description", "category", "responsible_role", "org_unit_id")


def template_read(template: CycleTemplate) -> TemplateRead:
    return TemplateRead.model_validate(
        {
            **{name: getattr(template, name) for name in TEMPLATE_FIELDS},
            "id": template.id,
            "rule": rules.describe(template.rule),
            "version": template.version,
            "created_at": template.created_at,
            "updated_at": template.updated_at,
        }
    )


# --- templates ---------------------------------------------------------------------------


async def list_templates(
    session: AsyncSession,
    *,
    category: rules.Category | None,
    active: bool | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[CycleTemplate], str | None]:
    query = select(CycleTemplate).order_by(CycleTemplate.id).limit(limit + 1)
    if category is not None:
        query = query.where(CycleTemplate.category == category)
    if active is not None:
        query = query.where(CycleTemplate.active.is_(active))
    if cursor:
        (after_id,) = decode_cursor(cursor)
        query = query.where(CycleTemplate.id > int(after_id))
    rows = list((await session.scalars(query)).all())
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return rows[:limit], next_cursor


async def get_template(session: AsyncSession, template_id: int) -> CycleTemplate:
    template = await session.get(CycleTemplate, template_id, populate_existing=True)
    if template is None:
        raise NotFound(f"There is no cycle template {template_id}.")
    return template


def _rule_of(values: dict[str, Any]) -> rules.RecurrenceRule:
    return rules.RecurrenceRule(
        recurrence=values["recurrence"],
        months=tuple(values.get("months") or ()),
        month_of_quarter=values.get("month_of_quarter"),
        window_months=values.get("window_months") or 1,
        day=values.get("day"),
        frequency=values.get("frequency"),
        working_days=values.get("working_days"),
    )


async def _check_template(session: AsyncSession, values: dict[str, Any]) -> None:
    errors = [FieldError(name, message) for name, message in rules.check_rule(_rule_of(values))]
    unit = values.get("org_unit_id")
    if unit is not None and await session.get(OrgUnit, unit) is None:
        errors.append(FieldError("org_unit_id", f"there is no org unit {unit}"))
    errors += link_errors(values.get("links") or [])
    if errors:
        raise ValidationFailed("The template is not valid.", errors)


def link_errors(links: Sequence[dict[str, Any]]) -> list[FieldError]:
    seen: set[tuple[str, str]] = set()
    errors = []
    for index, link in enumerate(links):
        key = (str(link["kind"]), link["reference"])
        if key in seen:
            errors.append(FieldError(f"links.{index}", "the same link is given twice"))
        seen.add(key)
    return errors


def _snapshot(template: CycleTemplate) -> dict[str, Any]:
    return audit.snapshot(template, TEMPLATE_FIELDS)


async def create_template(
    session: AsyncSession, actor: Actor, data: TemplateCreate
) -> CycleTemplate:
    values = data.model_dump(mode="json")
    values.update(category=data.category, recurrence=data.recurrence, frequency=data.frequency)
    await _check_template(session, values)
    count = await session.scalar(select(func.count()).select_from(CycleTemplate))
    if (count or 0) >= MAX_TEMPLATES:
        raise Conflict(f"The cycle has {MAX_TEMPLATES} templates, the most it may hold.")
    template = CycleTemplate(**values)
    session.add(template)
    await session.flush()
    audit.record_change(
        session, actor, "create", "cycle_template", template.id, None, _snapshot(template)
    )
    return template


async def update_template(
    session: AsyncSession, actor: Actor, template: CycleTemplate, data: TemplateUpdate
) -> CycleTemplate:
    changes = data.model_dump(exclude_unset=True, mode="json")
    for name in ("category", "recurrence", "frequency"):
        if name in changes:
            changes[name] = getattr(data, name)
    required = ("title", "category", "recurrence", "window_months", "active")
    nulls = [
        FieldError(f, "may not be null") for f in required if f in changes and changes[f] is None
    ]
    if nulls:
        raise ValidationFailed("Some fields may not be emptied.", nulls)
    for name in ("description", "responsible_role", "source"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    for name in ("months", "links"):
        if name in changes and changes[name] is None:
            changes[name] = []
    before = _snapshot(template)
    merged = {name: getattr(template, name) for name in TEMPLATE_FIELDS} | changes
    await _check_template(session, merged)
    for name, value in changes.items():
        setattr(template, name, value)
    after = _snapshot(template)
    if after == before:
        return template
    template.updated_at = utcnow()
    await session.flush()
    audit.record_change(session, actor, "update", "cycle_template", template.id, before, after)
    return template


async def delete_template(session: AsyncSession, actor: Actor, template: CycleTemplate) -> None:
    used = await session.scalar(select(func.count()).where(CycleEvent.template_id == template.id))
    if used:
        raise Conflict(
            f"Template {template.id} has {used} events in the calendar; make it inactive instead, "
            "so no new years are given it and past years keep their record.",
            [FieldError("active", "set to false instead of deleting")],
        )
    before = _snapshot(template)
    await session.delete(template)
    await session.flush()
    audit.record_change(session, actor, "delete", "cycle_template", template.id, before, None)


# --- instances ---------------------------------------------------------------------------


def _new_links(template: CycleTemplate) -> list[CycleEventLink]:
    return [
        CycleEventLink(kind=link["kind"], reference=link["reference"], label=link.get("label", ""))
        for link in template.links or []
    ]


async def instantiate(
    session: AsyncSession,
    actor: Actor,
    year: int,
    template_ids: list[int] | None,
    *,
    refresh: bool,
) -> InstantiateResult:
    """Create the year's events of the active templates (or of those named); events already
    there are kept, and with ``refresh`` those not done are brought into line with their
    templates. Four queries and one flush, however many templates."""
    query = select(CycleTemplate).where(CycleTemplate.active.is_(True))
    if template_ids is not None:
        query = query.where(CycleTemplate.id.in_(template_ids))
    templates = list((await session.scalars(query.order_by(CycleTemplate.id))).all())
    if template_ids is not None:
        missing = sorted(set(template_ids) - {t.id for t in templates})
        if missing:
            raise ValidationFailed(
                "Some templates do not exist or are inactive.",
                [FieldError("template_ids", f"no active template {m}") for m in missing],
            )
    existing = {
        (e.template_id, e.occurrence): e
        for e in (
            await session.scalars(
                select(CycleEvent).where(
                    CycleEvent.year == year,
                    CycleEvent.template_id.in_([t.id for t in templates]),
                )
            )
        ).all()
    }
    created = updated = unchanged = 0
    for template in templates:
        wanted = rules.occurrences(template.rule, year)
        for occ in wanted:
            event = existing.pop((template.id, occ.number), None)
            fields: dict[str, Any] = {
                **{name: getattr(template, name) for name in COPIED_FIELDS},
                "starts_on": occ.starts_on,
                "due_on": occ.due_on,
                "period": occ.period,
            }
            if event is None:
                session.add(
                    CycleEvent(
                        template_id=template.id,
                        year=year,
                        occurrence=occ.number,
                        links=_new_links(template),
                        **fields,
                    )
                )
                created += 1
            elif refresh and event.done_at is None and _differs(event, fields):
                for name, value in fields.items():
                    setattr(event, name, value)
                event.updated_at = utcnow()
                updated += 1
            else:
                unchanged += 1
    # Occurrences a template no longer has (its months changed): pending ones go on refresh.
    stale = [e.id for e in existing.values() if refresh and e.done_at is None]
    if stale:
        await session.execute(delete(CycleEventLink).where(CycleEventLink.event_id.in_(stale)))
        await session.execute(delete(CycleEvent).where(CycleEvent.id.in_(stale)))
        updated += len(stale)
    unchanged += len(existing) - len(stale)
    await session.flush()
    result = InstantiateResult(
        year=financial_year_code(year), created=created, updated=updated, unchanged=unchanged
    )
    if created or updated:
        audit.record_change(session, actor, "create", "cycle_year", year, None, result.model_dump())
    return result


def _differs(event: CycleEvent, fields: dict[str, Any]) -> bool:
    return any(getattr(event, name) != value for name, value in fields.items())
