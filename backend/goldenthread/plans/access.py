"""Who may read and change plans (and so their objectives).

Staff read every plan; a partner client reads only the partnership's plans (community
strategy, Local Area Agreement) and is told the others do not exist. A manager changes the
plans of their own org unit and the units beneath it; the performance team and administrators
change all of them; a person keeps the objectives of their own individual plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, true
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.errors import Forbidden, NotFound
from goldenthread.core.principal import Principal, Role
from goldenthread.core.staff_access import Reach, reach_of
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PARTNERSHIP_LEVELS, PlanLevel


def may_read(principal: Principal, level: PlanLevel) -> bool:
    return principal.is_user or level in PARTNERSHIP_LEVELS


def readable(principal: Principal) -> ColumnElement[bool]:
    """The plans the principal may see, as a condition on plans."""
    if principal.is_user:
        return true()
    return Plan.level.in_(sorted(PARTNERSHIP_LEVELS))


def check_read(principal: Principal, plan: Plan) -> None:
    if not may_read(principal, plan.level):
        raise NotFound(f"There is no plan {plan.id}.")


@dataclass(frozen=True)
class Editor:
    """What one principal may change, worked out once per request."""

    principal: Principal
    reach: Reach

    @property
    def performance_team(self) -> bool:
        return self.principal.maintains_register

    def may_edit(
        self, level: PlanLevel, owner_org_unit_id: int | None, owner_user_id: int | None
    ) -> bool:
        p = self.principal
        if not p.is_user:
            return False
        if p.maintains_register:
            return True
        if p.has_role(Role.MANAGER) and self.reach.covers(owner_org_unit_id):
            return True
        # A person keeps their own appraisal objectives (their manager may too, above).
        return (
            level is PlanLevel.INDIVIDUAL
            and owner_user_id == p.id
            and p.has_role(Role.MANAGER, Role.CONTRIBUTOR)
        )

    def may_edit_plan(self, plan: Plan) -> bool:
        return self.may_edit(plan.level, plan.owner_org_unit_id, plan.owner_user_id)

    def check_edit(self, plan: Plan) -> None:
        if not self.may_edit_plan(plan):
            raise Forbidden(
                f"You may not change plan {plan.id}: managers change the plans of their own "
                "org unit and the units beneath it; the performance team changes any."
            )


async def editor_of(session: AsyncSession, principal: Principal) -> Editor:
    return Editor(principal, await reach_of(session, principal))
