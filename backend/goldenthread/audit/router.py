"""Reading the audit trail (append-only: there is no endpoint that changes it)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from goldenthread.audit import service
from goldenthread.audit.schemas import AuditEntryRead
from goldenthread.core.deps import Session, StaffPrincipal
from goldenthread.core.pagination import Cursor, Limit, Page

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=Page[AuditEntryRead])
async def list_audit_entries(
    session: Session,
    _: StaffPrincipal,
    indicator_id: int | None = None,
    entity: Literal["indicator", "target", "outturn"] | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AuditEntryRead]:
    """List audit entries, newest first, optionally for one indicator."""
    rows, next_cursor = await service.list_entries(
        session, indicator_id=indicator_id, entity=entity, limit=limit, cursor=cursor
    )
    return Page(items=[AuditEntryRead.model_validate(r) for r in rows], next_cursor=next_cursor)
