"""Reading the audit trail (append-only: there is no endpoint that changes it)."""

from __future__ import annotations

from fastapi import APIRouter, Query
from sqlalchemy import or_

from goldenthread.appraisals import service as appraisals
from goldenthread.audit import service
from goldenthread.audit.models import AuditEntry
from goldenthread.audit.schemas import AuditedEntity, AuditEntryRead
from goldenthread.core.deps import Session, StaffPrincipal
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.query import Id

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=Page[AuditEntryRead])
async def list_audit_entries(
    session: Session,
    principal: StaffPrincipal,
    indicator_id: Id | None = None,
    entity: AuditedEntity | None = Query(None, description="Only changes of this kind of record."),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AuditEntryRead]:
    """List audit entries, newest first, optionally for one indicator or one kind of record;
    an appraisal's entries only to those who may read the appraisal."""
    # Appraisals are personal: their trail follows the appraisal's own read rule.
    visible = or_(
        AuditEntry.entity != "appraisal",
        AuditEntry.entity_id.in_(await appraisals.readable_ids(session, principal)),
    )
    rows, next_cursor = await service.list_entries(
        session,
        indicator_id=indicator_id,
        entity=entity,
        limit=limit,
        cursor=cursor,
        visible=visible,
    )
    return Page(items=[AuditEntryRead.model_validate(r) for r in rows], next_cursor=next_cursor)
