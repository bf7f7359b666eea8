"""Appraisals (SRD/PDR) and their completion rates by org unit."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request, Response, status

from goldenthread.appraisals import completion, service
from goldenthread.appraisals.schemas import (
    AppraisalCreate,
    AppraisalRead,
    AppraisalSummary,
    AppraisalUpdate,
    CompletionOutturnRead,
    CompletionOutturnRequest,
    CompletionRead,
)
from goldenthread.audit import service as audit
from goldenthread.core.deps import CurrentActor, Session
from goldenthread.core.http import check_etag_showing, set_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.query import Id, YearParam, parse_year_param
from goldenthread.core.staff_access import StaffOnly

router = APIRouter(prefix="/appraisals", tags=["appraisals"])


@router.get("", response_model=Page[AppraisalSummary])
async def list_appraisals(
    session: Session,
    principal: StaffOnly,
    person: Id | None = Query(None, description="User id of the person appraised."),
    year: YearParam = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AppraisalSummary]:
    """List the appraisals you may see: your own, those you review, your reports'."""
    items, next_cursor = await service.list_appraisals(
        session,
        principal,
        person_id=person,
        year=parse_year_param(year),
        limit=limit,
        cursor=cursor,
    )
    return Page(items=items, next_cursor=next_cursor)


@router.get("/completion", response_model=CompletionRead)
async def get_completion(
    session: Session,
    principal: StaffOnly,
    start: date = Query(alias="from", description="First day, e.g. 2009-02-01."),
    end: date = Query(alias="to", description="Last day, inclusive, e.g. 2009-06-30."),
    org_unit: Id | None = Query(None, description="Org unit id; includes the units beneath."),
) -> CompletionRead:
    """Share of staff with an appraisal held in the date range, by org unit."""
    unit = await completion.check_may_see(session, principal, org_unit)
    return await completion.completion(session, principal, unit, start, end)


@router.post("/completion/outturn", response_model=CompletionOutturnRead)
async def write_completion_outturn(
    data: CompletionOutturnRequest, session: Session, actor: CurrentActor, _: StaffOnly
) -> CompletionOutturnRead:
    """Record the completion rate as an indicator's outturn (performance team)."""
    return await completion.write_completion_outturn(session, actor, data)


@router.post("", response_model=AppraisalRead, status_code=status.HTTP_201_CREATED)
async def create_appraisal(
    data: AppraisalCreate,
    session: Session,
    actor: CurrentActor,
    _: StaffOnly,
    response: Response,
) -> AppraisalRead:
    """Record a person's appraisal for a year (their line managers)."""
    appraisal = await service.create_appraisal(session, actor, data)
    response.headers["Location"] = f"/api/v1/appraisals/{appraisal.id}"
    read = await service.appraisal_read(session, appraisal)
    set_etag(response, service.appraisal_etag(read))
    return read


@router.get("/{appraisal_id}", response_model=AppraisalRead)
async def get_appraisal(
    appraisal_id: Id, session: Session, principal: StaffOnly, response: Response
) -> AppraisalRead:
    """Read an appraisal: the person, the reviewer and line managers only."""
    appraisal, _ = await service.get_appraisal(session, principal, appraisal_id)
    read = await service.appraisal_read(session, appraisal)
    set_etag(response, service.appraisal_etag(read))
    return read


@router.patch("/{appraisal_id}", response_model=AppraisalRead)
async def update_appraisal(
    appraisal_id: Id,
    data: AppraisalUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> AppraisalRead:
    """Record when it was held, by whom, the plan and training needs; send If-Match."""
    appraisal, manager_of = await service.get_appraisal(session, principal, appraisal_id)
    if "if-match" in request.headers:
        read = await service.appraisal_read(session, appraisal)

        async def shown() -> dict[str, Any]:
            return await audit.shown_as_changed(session, read, "appraisal", appraisal.id)

        await check_etag_showing(
            request, service.appraisal_etag(read), f"Appraisal {appraisal.id}", shown
        )
    appraisal = await service.update_appraisal(session, actor, appraisal, manager_of, data)
    read = await service.appraisal_read(session, appraisal)
    set_etag(response, service.appraisal_etag(read))
    return read
