"""Access to records that belong to org units and people (risks, commitments, appraisals).

Partner clients are not told these records exist: every such endpoint answers them 404.
A manager acts for their own org unit and every unit beneath it; the performance team and
administrators act for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.deps import get_principal
from goldenthread.core.errors import Forbidden, NotFound
from goldenthread.core.principal import Principal, Role
from goldenthread.organisations import service as organisations


def staff_or_not_found(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if not principal.is_user:
        raise NotFound("There is nothing here.")
    return principal


StaffOnly = Annotated[Principal, Depends(staff_or_not_found)]
"""A signed-in staff user; partner clients get 404."""


@dataclass(frozen=True)
class Reach:
    """The org units a principal may change records of: every unit (``everything``) or the
    listed ones."""

    everything: bool
    units: frozenset[int]

    def covers(self, org_unit_id: int | None) -> bool:
        if self.everything:
            return True
        return org_unit_id is not None and org_unit_id in self.units


async def reach_of(session: AsyncSession, principal: Principal) -> Reach:
    if principal.maintains_register:
        return Reach(everything=True, units=frozenset())
    if not principal.has_role(Role.MANAGER):
        return Reach(everything=False, units=frozenset())
    unit = await organisations.user_unit(session, principal.id)
    if unit is None:
        return Reach(everything=False, units=frozenset())
    return Reach(
        everything=False, units=frozenset(await organisations.org_unit_subtree(session, unit))
    )


async def check_reach(
    session: AsyncSession, principal: Principal, org_unit_id: int | None, refusal: str
) -> None:
    """Refuse (403, with ``refusal``) a change to a record of an org unit outside the
    principal's reach."""
    if not (await reach_of(session, principal)).covers(org_unit_id):
        raise Forbidden(refusal)
