"""Who may manage an action, report progress on it, or add one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions.models import Action
from goldenthread.core.principal import Principal, Role
from goldenthread.core.staff_access import Reach, reach_of
from goldenthread.indicators.models import Indicator
from goldenthread.objectives.models import Objective
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan


@dataclass(frozen=True)
class Access:
    """What one principal may do to actions, worked out once per request."""

    principal: Principal
    reach: Reach

    @property
    def writes(self) -> bool:
        """Staff who change things: not partner clients, not read-only viewers."""
        return self.principal.is_user and not self.principal.has_role(Role.VIEWER)

    def manages_unit(self, org_unit_id: int | None) -> bool:
        """The performance team for every unit; a manager for their own and those beneath."""
        p = self.principal
        return self.writes and (
            p.maintains_register or (p.has_role(Role.MANAGER) and self.reach.covers(org_unit_id))
        )

    def may_manage(self, action: Action) -> bool:
        if self.manages_unit(action.org_unit_id):
            return True
        # Whoever raised an action (an indicator owner's remedial action) keeps it.
        return self.writes and action.created_by_id == self.principal.id

    def may_report(self, action: Action) -> bool:
        return self.writes and (self.may_manage(action) or action.owner_id == self.principal.id)


async def access_of(session: AsyncSession, principal: Principal) -> Access:
    return Access(principal, await reach_of(session, principal))


async def may_create(
    session: AsyncSession, access: Access, editor: Editor, values: dict[str, Any]
) -> bool:
    """Whether the action described by ``values`` (references resolved) may be added."""
    if not access.writes:
        return False
    if access.manages_unit(values["org_unit_id"]):
        return True
    if values.get("parent_id") is not None:
        parent = await session.get(Action, values["parent_id"])
        if parent is not None and access.may_manage(parent):
            return True
    if values.get("objective_id") is not None:
        plan = (
            await session.execute(
                select(Plan)
                .join(Objective, Objective.plan_id == Plan.id)
                .where(Objective.id == values["objective_id"])
            )
        ).scalar_one()
        if editor.may_edit_plan(plan):
            return True
    if values.get("indicator_id") is not None and values.get("objective_id") is None:
        # Indicator owners and deputies add remedial action on their own indicators.
        indicator = await session.get(Indicator, values["indicator_id"])
        if indicator is not None and access.principal.id in (
            indicator.owner_id,
            indicator.deputy_id,
        ):
            return True
    return False
