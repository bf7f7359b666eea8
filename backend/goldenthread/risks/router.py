"""The risk register and its heat map."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.deps import CurrentActor, Session
from goldenthread.core.http import check_version_showing, set_version_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.principal import Principal
from goldenthread.core.query import Id
from goldenthread.core.staff_access import StaffOnly
from goldenthread.risks import reviews, service
from goldenthread.risks.models import Risk
from goldenthread.risks.rules import Basis, Category
from goldenthread.risks.schemas import (
    HeatMapRead,
    ReviewCreate,
    ReviewRead,
    RiskCreate,
    RiskRead,
    RiskUpdate,
)
from goldenthread.risks.service import RiskFilters, StatusFilter

router = APIRouter(prefix="/risks", tags=["risks"])

OrgUnitFilter = Query(None, description="Org unit id; includes the units beneath.")
ObjectiveFilter = Query(None, description="Only risks linked to this objective.")
OwnerFilter = Query(None, description="User id of the risk owner.")


@router.get("", response_model=Page[RiskRead])
async def list_risks(
    session: Session,
    principal: StaffOnly,
    org_unit: Id | None = OrgUnitFilter,
    category: Category | None = None,
    objective: Id | None = ObjectiveFilter,
    min_score: int | None = Query(None, ge=1, le=25, description="Lowest residual score."),
    owner: Id | None = OwnerFilter,
    risk_status: StatusFilter = Query("open", alias="status", description="open, closed or all."),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[RiskRead]:
    """List the risk register by code, filtered and paginated by cursor."""
    filters = RiskFilters(org_unit, category, objective, min_score, owner, risk_status)
    rows, next_cursor = await service.list_risks(session, filters, limit=limit, cursor=cursor)
    return Page(items=await service.risk_reads(session, rows, principal), next_cursor=next_cursor)


@router.get("/heat-map", response_model=HeatMapRead)
async def heat_map(
    session: Session,
    _: StaffOnly,
    basis: Basis = Query(
        Basis.RESIDUAL, description="Scores before (inherent) or after (residual) controls."
    ),
    org_unit: Id | None = OrgUnitFilter,
    category: Category | None = None,
    objective: Id | None = ObjectiveFilter,
    owner: Id | None = OwnerFilter,
    risk_status: StatusFilter = Query("open", alias="status", description="open, closed or all."),
) -> HeatMapRead:
    """Count the risks in each cell of the 5 x 5 likelihood-by-impact grid, with their codes."""
    filters = RiskFilters(org_unit, category, objective, None, owner, risk_status)
    return await service.heat_map(session, filters, basis)


@router.post("", response_model=RiskRead, status_code=status.HTTP_201_CREATED)
async def create_risk(
    data: RiskCreate,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> RiskRead:
    """Add a risk (managers for their own unit and below; the performance team for any)."""
    risk = await service.create_risk(session, actor, data)
    response.headers["Location"] = f"/api/v1/risks/{risk.id}"
    set_version_etag(response, risk.version)
    return await service.risk_read(session, risk, principal)


@router.get("/{risk_id}", response_model=RiskRead)
async def get_risk(
    risk_id: Id, session: Session, principal: StaffOnly, response: Response
) -> RiskRead:
    """Read one risk with its current scores; the ETag is its version, for If-Match."""
    risk = await service.get_risk(session, risk_id)
    set_version_etag(response, risk.version)
    return await service.risk_read(session, risk, principal)


@router.patch("/{risk_id}", response_model=RiskRead)
async def update_risk(
    risk_id: Id,
    data: RiskUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> RiskRead:
    """Change some fields of a risk (close it with status closed); send If-Match."""
    risk = await service.get_risk(session, risk_id)
    await _check_if_match(request, session, principal, risk)
    risk = await service.update_risk(session, actor, risk, data)
    set_version_etag(response, risk.version)
    return await service.risk_read(session, risk, principal)


@router.get("/{risk_id}/reviews", response_model=list[ReviewRead])
async def list_reviews(risk_id: Id, session: Session, _: StaffOnly) -> list[ReviewRead]:
    """The risk's quarterly reviews, newest first: its scoring history."""
    risk = await service.get_risk(session, risk_id)
    return await reviews.list_reviews(session, risk)


@router.post("/{risk_id}/reviews", response_model=ReviewRead, status_code=status.HTTP_201_CREATED)
async def add_review(
    risk_id: Id,
    data: ReviewCreate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
) -> ReviewRead:
    """Record a quarterly review; the latest review sets the risk's residual scores. Send
    If-Match with the risk's ETag to be sure the scores reviewed are the current ones."""
    risk = await service.get_risk(session, risk_id)
    await _check_if_match(request, session, principal, risk)
    review, is_latest = await reviews.add_review(session, actor, risk, data)
    return reviews.review_read(review, is_latest)


async def _check_if_match(
    request: Request, session: AsyncSession, principal: Principal, risk: Risk
) -> None:
    """412 with the risk as it now stands (and who changed it) when If-Match is stale."""

    async def shown() -> dict[str, Any]:
        read = await service.risk_read(session, risk, principal)
        return await audit.shown_as_changed(session, read, "risk", risk.id)

    await check_version_showing(request, risk.version, f"Risk {risk.code}", shown)
