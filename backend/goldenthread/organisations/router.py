"""Organisations and org units."""

from __future__ import annotations

from fastapi import APIRouter, status

from goldenthread.core.deps import RegisterPrincipal, Session, StaffPrincipal
from goldenthread.core.query import Id
from goldenthread.organisations import service
from goldenthread.organisations.schemas import (
    OrganisationCreate,
    OrganisationRead,
    OrgUnitCreate,
    OrgUnitRead,
)

router = APIRouter(tags=["organisations"])


@router.get("/organisations", response_model=list[OrganisationRead])
async def list_organisations(session: Session, _: StaffPrincipal) -> list[OrganisationRead]:
    """List the council and its partner organisations."""
    return [OrganisationRead.model_validate(o) for o in await service.list_organisations(session)]


@router.post("/organisations", response_model=OrganisationRead, status_code=status.HTTP_201_CREATED)
async def create_organisation(
    data: OrganisationCreate, session: Session, _: RegisterPrincipal
) -> OrganisationRead:
    """Add a partner organisation."""
    return OrganisationRead.model_validate(await service.create_organisation(session, data))


@router.get("/org-units", response_model=list[OrgUnitRead])
async def list_org_units(
    session: Session, _: StaffPrincipal, organisation_id: Id | None = None
) -> list[OrgUnitRead]:
    """List org units (directorates, services, teams)."""
    units = await service.list_org_units(session, organisation_id)
    return [OrgUnitRead.model_validate(u) for u in units]


@router.post("/org-units", response_model=OrgUnitRead, status_code=status.HTTP_201_CREATED)
async def create_org_unit(
    data: OrgUnitCreate, session: Session, _: RegisterPrincipal
) -> OrgUnitRead:
    """Add a directorate, service or team."""
    return OrgUnitRead.model_validate(await service.create_org_unit(session, data))
