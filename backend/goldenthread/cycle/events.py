"""The dated events of the cycle: read, list, mark done."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, Forbidden, NotFound, ValidationFailed
from goldenthread.core.principal import Actor, Principal, Role
from goldenthread.cycle.models import CycleEvent, CycleEventLink
from goldenthread.cycle.schemas import EventRead, EventStatus, EventUpdate, LinkFields
from goldenthread.cycle.service import link_errors
from goldenthread.organisations import service as organisations
from goldenthread.periods.rules import financial_year_code


def event_status(event: CycleEvent, today: date) -> EventStatus:
    if event.done_at is not None:
        return EventStatus.DONE
    return EventStatus.MISSED if event.due_on < today else EventStatus.DUE


def event_read(event: CycleEvent, today: date) -> EventRead:
    return EventRead(
        id=event.id,
        template_id=event.template_id,
        year=financial_year_code(event.year),
        occurrence=event.occurrence,
        period=event.period,
        title=event.title,
        description=event.description,
        category=event.category,
        responsible_role=event.responsible_role,
        org_unit_id=event.org_unit_id,
        starts_on=event.starts_on,
        due_on=event.due_on,
        status=event_status(event, today),
        note=event.note,
        done_at=event.done_at,
        done_by_id=event.done_by_id,
        done_by_name=event.done_by_name,
        links=[LinkFields.model_validate(link) for link in event.links],
        version=event.version,
        updated_at=event.updated_at,
    )


async def get_event(session: AsyncSession, event_id: int) -> CycleEvent:
    event = (
        await session.scalars(
            select(CycleEvent)
            .options(selectinload(CycleEvent.links))
            .where(CycleEvent.id == event_id)
            .execution_options(populate_existing=True)
        )
    ).one_or_none()
    if event is None:
        raise NotFound(f"There is no cycle event {event_id}.")
    return event


async def list_events(
    session: AsyncSession, year: int, conditions: Sequence[ColumnElement[bool]]
) -> list[CycleEvent]:
    """A year's events in date order, with their links: two queries."""
    query = (
        select(CycleEvent)
        .options(selectinload(CycleEvent.links))
        .where(CycleEvent.year == year, *conditions)
        .order_by(CycleEvent.due_on, CycleEvent.title, CycleEvent.id)
    )
    return list((await session.scalars(query)).all())


async def check_may_mark(session: AsyncSession, principal: Principal, event: CycleEvent) -> None:
    """The performance team marks any event; staff of the responsible unit (or of a unit
    beneath it) mark that unit's events. Viewers mark none."""
    if principal.has_role(Role.ADMIN, Role.PERFORMANCE):
        return
    if principal.has_role(Role.MANAGER, Role.CONTRIBUTOR) and event.org_unit_id is not None:
        chain = await organisations.units_above(
            session, await organisations.user_unit(session, principal.id)
        )
        if event.org_unit_id in chain:
            return
    raise Forbidden(
        f"Only the performance team or staff of the unit responsible may update '{event.title}'."
    )


def _event_snapshot(event: CycleEvent) -> dict[str, Any]:
    snap = audit.snapshot(event, ("due_on", "note", "done_at", "done_by_name"))
    snap["links"] = [
        {"kind": link.kind.value, "reference": link.reference, "label": link.label}
        for link in event.links
    ]
    return snap


def _relink(event: CycleEvent, links: list[dict[str, Any]]) -> None:
    """Replace the event's links, keeping the rows of links that stay (a link is unique per
    event, so removing and re-adding the same one in one flush would collide)."""
    existing = {(link.kind, link.reference): link for link in event.links}
    kept: list[CycleEventLink] = []
    for wanted in links:
        link = existing.get((wanted["kind"], wanted["reference"]))
        if link is None:
            link = CycleEventLink(**wanted)
        else:
            link.label = wanted["label"]
        kept.append(link)
    event.links = kept


async def update_event(
    session: AsyncSession, actor: Actor, event: CycleEvent, data: EventUpdate
) -> CycleEvent:
    await check_may_mark(session, actor.principal, event)
    before = _event_snapshot(event)
    status = data.status
    if status == EventStatus.MISSED:
        raise ValidationFailed(
            "An event is missed when its date passes; mark it 'done' or 'due'.",
            [FieldError("status", "give 'done' or 'due'")],
        )
    if status == EventStatus.DONE and event.done_at is None:
        event.done_at = utcnow()
        event.done_by_id = actor.principal.id or None
        event.done_by_name = actor.principal.name
    elif status == EventStatus.DUE and event.done_at is not None:
        event.done_at = event.done_by_id = event.done_by_name = None
    if data.due_on is not None:
        if data.due_on < event.starts_on:
            raise ValidationFailed(
                "The due date cannot come before the event starts.",
                [FieldError("due_on", f"on or after {event.starts_on.isoformat()}")],
            )
        event.due_on = data.due_on
    if data.note is not None:
        event.note = data.note
    if data.links is not None:
        link_dicts = [link.model_dump() for link in data.links]
        errors = link_errors(link_dicts)
        if errors:
            raise ValidationFailed("The links are not valid.", errors)
        _relink(event, link_dicts)
    after = _event_snapshot(event)
    if after == before:
        return event
    event.updated_at = utcnow()
    await session.flush()
    action = "done" if before["done_at"] is None and after["done_at"] is not None else "update"
    audit.record_change(session, actor, action, "cycle_event", event.id, before, after)
    return event
