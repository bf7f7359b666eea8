"""Appending to the audit trail and reading it back. Nothing here updates or deletes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit.models import AuditEntry
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def snapshot(obj: object, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of a row as JSON-safe values (decimals kept as exact strings)."""
    return {name: _json_safe(getattr(obj, name)) for name in fields}


def record(
    session: AsyncSession,
    actor: Actor,
    *,
    action: str,
    entity: str,
    entity_id: int,
    indicator_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    period: str | None = None,
) -> AuditEntry:
    principal = actor.principal
    entry = AuditEntry(
        actor_kind=principal.kind.value,
        actor_id=principal.id or None,
        actor_name=principal.name,
        via=actor.via.value,
        action=action,
        entity=entity,
        entity_id=entity_id,
        indicator_id=indicator_id,
        period=period,
        before=before,
        after=after,
    )
    session.add(entry)
    return entry


def record_change(
    session: AsyncSession,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    indicator_id: int | None = None,
    period: str | None = None,
) -> AuditEntry:
    """``record`` for the common case: what was done to which row, before and after; the
    indicator and period only where the change is about one."""
    return record(
        session,
        actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        indicator_id=indicator_id,
        before=before,
        after=after,
        period=period,
    )


async def last_changed_by(
    session: AsyncSession, entity: str, entity_id: int, also: ColumnElement[bool] | None = None
) -> str | None:
    """Who made the latest audited change to a row (``also``: entries of its parts that
    change it too, such as an action's progress updates)."""
    about: ColumnElement[bool] = (AuditEntry.entity == entity) & (AuditEntry.entity_id == entity_id)
    if also is not None:
        about = about | also
    return await session.scalar(
        select(AuditEntry.actor_name).where(about).order_by(AuditEntry.id.desc()).limit(1)
    )


async def shown_as_changed(
    session: AsyncSession,
    shown: BaseModel,
    entity: str,
    entity_id: int,
    also: ColumnElement[bool] | None = None,
) -> dict[str, Any]:
    """A row as its GET answers it plus who changed it last: the ``current`` of a 412, so
    the client can say who got there first."""
    return {
        **shown.model_dump(mode="json"),
        "updated_by_name": await last_changed_by(session, entity, entity_id, also),
    }


async def list_entries(
    session: AsyncSession,
    *,
    indicator_id: int | None,
    entity: str | None,
    limit: int,
    cursor: str | None,
    visible: ColumnElement[bool] | None = None,
) -> tuple[list[AuditEntry], str | None]:
    """Newest first, keyed on the entry id so pages never shift as entries are appended;
    ``visible`` keeps out the entries of records the caller may not read."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit + 1)
    if visible is not None:
        query = query.where(visible)
    if indicator_id is not None:
        query = query.where(AuditEntry.indicator_id == indicator_id)
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if cursor:
        (before_id,) = decode_cursor(cursor)
        query = query.where(AuditEntry.id < int(before_id))
    rows = list((await session.scalars(query)).all())
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return rows[:limit], next_cursor
