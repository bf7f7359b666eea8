"""Organisations and the org-unit tree (directorate → service → team)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.errors import Conflict, FieldError, ValidationFailed
from goldenthread.organisations.models import Organisation, OrgUnit, OrgUnitLevel
from goldenthread.organisations.schemas import OrganisationCreate, OrgUnitCreate
from goldenthread.organisations.tree import load_unit_tree
from goldenthread.users.models import User

# A unit's parent must sit one level up.
PARENT_LEVEL = {
    OrgUnitLevel.SERVICE: OrgUnitLevel.DIRECTORATE,
    OrgUnitLevel.TEAM: OrgUnitLevel.SERVICE,
}


async def list_organisations(session: AsyncSession) -> list[Organisation]:
    return list((await session.scalars(select(Organisation).order_by(Organisation.id))).all())


async def list_org_units(
    session: AsyncSession, organisation_id: int | None = None
) -> list[OrgUnit]:
    query = select(OrgUnit).order_by(OrgUnit.organisation_id, OrgUnit.name)
    if organisation_id is not None:
        query = query.where(OrgUnit.organisation_id == organisation_id)
    return list((await session.scalars(query)).all())


async def create_organisation(session: AsyncSession, data: OrganisationCreate) -> Organisation:
    exists = await session.scalar(
        select(func.count()).where(func.lower(Organisation.name) == data.name.lower())
    )
    if exists:
        raise Conflict(
            f"An organisation called {data.name!r} exists.", [FieldError("name", "already exists")]
        )
    org = Organisation(**data.model_dump())
    session.add(org)
    await session.flush()
    return org


async def create_org_unit(session: AsyncSession, data: OrgUnitCreate) -> OrgUnit:
    await check_placement(session, data.organisation_id, data.parent_id, field="parent_id")
    errors: list[FieldError] = []
    if data.parent_id is None and data.level is not OrgUnitLevel.DIRECTORATE:
        errors.append(FieldError("parent_id", f"a {data.level.value} needs a parent unit"))
    if data.parent_id is not None:
        parent = await session.get(OrgUnit, data.parent_id)
        assert parent is not None  # checked by check_placement
        expected = PARENT_LEVEL.get(data.level)
        if expected is None or parent.level is not expected:
            errors.append(
                FieldError(
                    "parent_id", f"a {data.level.value} cannot sit under a {parent.level.value}"
                )
            )
    if errors:
        raise ValidationFailed("The org unit does not fit the tree.", errors)
    unit = OrgUnit(**data.model_dump())
    session.add(unit)
    await session.flush()
    return unit


async def check_placement(
    session: AsyncSession,
    organisation_id: int,
    org_unit_id: int | None,
    *,
    field: str = "org_unit_id",
) -> None:
    """Both exist, and the unit belongs to the organisation."""
    errors: list[FieldError] = []
    if await session.get(Organisation, organisation_id) is None:
        errors.append(FieldError("organisation_id", f"there is no organisation {organisation_id}"))
    if org_unit_id is not None:
        unit = await session.get(OrgUnit, org_unit_id)
        if unit is None:
            errors.append(FieldError(field, f"there is no org unit {org_unit_id}"))
        elif unit.organisation_id != organisation_id:
            errors.append(
                FieldError(field, f"org unit {org_unit_id} belongs to another organisation")
            )
    if errors:
        raise ValidationFailed("The organisation or org unit is not valid.", errors)


async def org_unit_subtree(session: AsyncSession, org_unit_id: int) -> list[int]:
    """The unit and every unit beneath it."""
    return sorted((await load_unit_tree(session)).subtree(org_unit_id))


async def units_above(session: AsyncSession, unit_id: int | None) -> list[int]:
    """The unit and every unit it sits under (none for no unit)."""
    if unit_id is None:
        return []
    return sorted((await load_unit_tree(session)).with_ancestors({unit_id}))


async def user_unit(session: AsyncSession, user_id: int | None) -> int | None:
    """The org unit a person works in, if any."""
    if user_id is None:
        return None
    unit: int | None = await session.scalar(select(User.org_unit_id).where(User.id == user_id))
    return unit
