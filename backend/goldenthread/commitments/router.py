"""Managers' annual commitments (balanced scorecard): rows, reviews and sign-off."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response, status

from goldenthread.audit import service as audit
from goldenthread.commitments import reviews, service
from goldenthread.commitments.models import Commitment
from goldenthread.commitments.schemas import (
    CommitmentCreate,
    CommitmentRead,
    ItemCreate,
    ItemUpdate,
    ReviewCreate,
)
from goldenthread.core.deps import CurrentActor, Session
from goldenthread.core.http import check_etag_showing, set_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.principal import Principal
from goldenthread.core.query import Id, YearParam, parse_year_param
from goldenthread.core.staff_access import StaffOnly

router = APIRouter(prefix="/commitments", tags=["commitments"])


async def _answer(
    session: Session, commitment: Commitment, principal: Principal, response: Response
) -> CommitmentRead:
    read = await service.commitment_read(session, commitment, principal)
    set_etag(response, service.commitment_etag(read))
    return read


async def _for_change(
    session: Session, commitment_id: Id, request: Request, principal: Principal
) -> Commitment:
    commitment = await service.get_commitment(session, commitment_id)
    if "if-match" in request.headers:
        read = await service.commitment_read(session, commitment, principal)

        async def shown() -> dict[str, Any]:
            return await audit.shown_as_changed(session, read, "commitment", commitment.id)

        await check_etag_showing(
            request, service.commitment_etag(read), f"Commitments {commitment.id}", shown
        )
    return commitment


@router.get("", response_model=Page[CommitmentRead])
async def list_commitments(
    session: Session,
    principal: StaffOnly,
    year: YearParam = None,
    manager: Id | None = Query(None, description="User id of the manager."),
    org_unit: Id | None = Query(None, description="Org unit id; includes the units beneath."),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[CommitmentRead]:
    """List managers' commitments, filtered by year, manager or org unit."""
    rows, next_cursor = await service.list_commitments(
        session,
        year=parse_year_param(year),
        manager_id=manager,
        org_unit_id=org_unit,
        limit=limit,
        cursor=cursor,
    )
    return Page(
        items=await service.commitment_reads(session, rows, principal), next_cursor=next_cursor
    )


@router.post("", response_model=CommitmentRead, status_code=status.HTTP_201_CREATED)
async def create_commitment(
    data: CommitmentCreate,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> CommitmentRead:
    """Draw up a manager's commitments for a year, optionally with their rows."""
    commitment = await service.create_commitment(session, actor, data)
    response.headers["Location"] = f"/api/v1/commitments/{commitment.id}"
    return await _answer(
        session, await service.get_commitment(session, commitment.id), principal, response
    )


@router.get("/{commitment_id}", response_model=CommitmentRead)
async def get_commitment(
    commitment_id: Id, session: Session, principal: StaffOnly, response: Response
) -> CommitmentRead:
    """Read one manager's commitments by quadrant, with reviews and sign-off."""
    return await _answer(
        session, await service.get_commitment(session, commitment_id), principal, response
    )


@router.post(
    "/{commitment_id}/items", response_model=CommitmentRead, status_code=status.HTTP_201_CREATED
)
async def add_item(
    commitment_id: Id,
    data: ItemCreate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> CommitmentRead:
    """Add a row to a quadrant (not once signed off); answers the whole commitments."""
    commitment = await _for_change(session, commitment_id, request, principal)
    await service.add_item(session, actor, commitment, data)
    return await _answer(session, commitment, principal, response)


@router.patch("/{commitment_id}/items/{item_id}", response_model=CommitmentRead)
async def update_item(
    commitment_id: Id,
    item_id: Id,
    data: ItemUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> CommitmentRead:
    """Change a row; once signed off only its progress comments may change."""
    commitment = await _for_change(session, commitment_id, request, principal)
    await service.update_item(session, actor, commitment, item_id, data)
    return await _answer(session, commitment, principal, response)


@router.delete("/{commitment_id}/items/{item_id}", response_model=CommitmentRead)
async def delete_item(
    commitment_id: Id,
    item_id: Id,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> CommitmentRead:
    """Remove a row (not once signed off); answers the whole commitments."""
    commitment = await _for_change(session, commitment_id, request, principal)
    await service.delete_item(session, actor, commitment, item_id)
    return await _answer(session, commitment, principal, response)


@router.post(
    "/{commitment_id}/reviews", response_model=CommitmentRead, status_code=status.HTTP_201_CREATED
)
async def add_review(
    commitment_id: Id,
    data: ReviewCreate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> CommitmentRead:
    """Record the September or January review (line manager or performance team)."""
    commitment = await _for_change(session, commitment_id, request, principal)
    await reviews.add_review(session, actor, commitment, data)
    return await _answer(session, commitment, principal, response)


@router.post("/{commitment_id}/sign-off", response_model=CommitmentRead)
async def sign_off(
    commitment_id: Id,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> CommitmentRead:
    """Sign the commitments off: only the manager's own line manager may."""
    commitment = await _for_change(session, commitment_id, request, principal)
    await reviews.sign_off(session, actor, commitment)
    return await _answer(session, commitment, principal, response)
