"""Appraisal completion rates by org unit, and the completion indicator's outturn.

The completion rate is made available to the indicator register by writing it as an
ordinary outturn of an indicator chosen by the performance team
(:func:`write_completion_outturn`), rather than by a special "computed" kind of indicator
worked out on every read. Written as an outturn, it is judged, trended, reported in the
IPR, exported, fed to partners and audited exactly like every other figure, with no change
to those parts; its commentary says how it was computed, and running it again for the same
period replaces the figure (audited like any correction), so it can be refreshed as late
appraisals are recorded.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.appraisals import rules
from goldenthread.appraisals.models import Appraisal
from goldenthread.appraisals.schemas import (
    CompletionOutturnRead,
    CompletionOutturnRequest,
    CompletionRead,
    UnitCompletion,
)
from goldenthread.core.errors import Conflict, FieldError, Forbidden, ValidationFailed
from goldenthread.core.principal import Actor, Principal, Role
from goldenthread.core.staff_access import reach_of
from goldenthread.indicators import service as indicators
from goldenthread.organisations import service as organisations
from goldenthread.organisations.models import OrgUnit
from goldenthread.outturns import service as outturns
from goldenthread.outturns.schemas import OutturnRead, OutturnWrite
from goldenthread.status.rules import Aggregation, Unit
from goldenthread.users.models import User


def check_range(start: date, end: date) -> None:
    problem = rules.range_problem(start, end)
    if problem:
        raise ValidationFailed(problem, [FieldError("to", problem)])


async def check_may_see(
    session: AsyncSession, principal: Principal, org_unit_id: int | None
) -> int | None:
    """The performance team sees any unit's rate; a manager their own unit's and those
    beneath it (their own unit when none is named). Returns the unit to report on."""
    if principal.maintains_register:
        return org_unit_id
    if principal.has_role(Role.MANAGER):
        reach = await reach_of(session, principal)
        if org_unit_id is None:
            org_unit_id = await organisations.user_unit(session, principal.id)
        if reach.covers(org_unit_id):
            return org_unit_id
    raise Forbidden(
        "Completion rates are for the performance team, and for managers of their own units."
    )


def _tree_order(units: dict[int, tuple[int | None, str]], roots: list[int]) -> list[int]:
    children: dict[int | None, list[int]] = {}
    for unit_id, (parent, _name) in sorted(units.items(), key=lambda u: u[1][1]):
        children.setdefault(parent, []).append(unit_id)
    order: list[int] = []
    stack = list(reversed(sorted(roots, key=lambda u: units[u][1])))
    while stack:
        current = stack.pop()
        order.append(current)
        stack.extend(reversed(children.get(current, [])))
    return order


async def completion(
    session: AsyncSession,
    principal: Principal,
    org_unit_id: int | None,
    start: date,
    end: date,
) -> CompletionRead:
    """Staff of the unit and its subtree (every unit of the caller's organisation when no
    unit is named) who had an appraisal held between ``start`` and ``end`` inclusive. Four
    queries, whatever the size of the tree."""
    check_range(start, end)
    unit_query = select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.name, OrgUnit.organisation_id)
    all_units = (await session.execute(unit_query)).all()
    if org_unit_id is not None and org_unit_id not in {u[0] for u in all_units}:
        raise ValidationFailed(
            "There is no such org unit.",
            [FieldError("org_unit", f"there is no org unit {org_unit_id}")],
        )
    if org_unit_id is None:
        scope_rows = [u for u in all_units if u[3] == principal.organisation_id]
    else:
        scope_rows = list(all_units)
    units = {u[0]: (u[1], u[2]) for u in scope_rows}
    if org_unit_id is not None:
        roots = [org_unit_id]
    else:
        roots = [u for u, (parent, _) in units.items() if parent is None or parent not in units]
    order = _tree_order(units, roots)
    in_scope = set(order)
    staff_rows = await session.execute(
        select(User.id, User.org_unit_id).where(
            User.active.is_(True), User.org_unit_id.in_(sorted(in_scope))
        )
    )
    unit_of = {uid: unit for uid, unit in staff_rows if unit is not None}
    appraised_ids = set(
        (
            await session.scalars(
                select(Appraisal.person_id)
                .distinct()
                .where(
                    Appraisal.held_on >= start,
                    Appraisal.held_on <= end,
                    Appraisal.person_id.in_(sorted(unit_of)),
                )
            )
        ).all()
    )
    staff = dict.fromkeys(order, 0)
    appraised = dict.fromkeys(order, 0)
    for person, unit in unit_of.items():
        current: int | None = unit
        # Count each person in their unit and every unit above it that is in scope.
        while current is not None and current in in_scope:
            staff[current] += 1
            appraised[current] += person in appraised_ids
            current = units[current][0]
    total_staff, total_appraised = len(unit_of), len(appraised_ids)
    return CompletionRead(
        org_unit_id=org_unit_id,
        start=start,
        end=end,
        staff=total_staff,
        appraised=total_appraised,
        rate=rules.completion_rate(total_appraised, total_staff),
        units=[
            UnitCompletion(
                org_unit_id=u,
                name=units[u][1],
                parent_id=units[u][0],
                staff=staff[u],
                appraised=appraised[u],
                rate=rules.completion_rate(appraised[u], staff[u]),
            )
            for u in order
        ],
    )


async def write_completion_outturn(
    session: AsyncSession, actor: Actor, data: CompletionOutturnRequest
) -> CompletionOutturnRead:
    """Compute the completion rate and record it as the indicator's outturn for the period
    (performance team only: see the module's docstring for why an outturn)."""
    principal = actor.principal
    if not principal.maintains_register:
        raise Forbidden("Only the performance team records computed outturns.")
    indicator = await indicators.get_indicator(session, data.indicator_id, principal)
    if indicator.unit is not Unit.PERCENT:
        message = f"{indicator.code} is not measured in percent, so cannot hold a rate"
        raise ValidationFailed(message, [FieldError("indicator_id", message)])
    period = outturns.parse_outturn_period(indicator, data.period)
    start = data.start or period.start
    end = data.end or period.end
    unit = data.org_unit_id if data.org_unit_id is not None else indicator.org_unit_id
    result = await completion(session, principal, unit, start, end)
    if result.staff == 0:
        raise Conflict("There are no staff in that org unit, so there is no rate to record.")
    where = result.units[0].name if unit is not None and result.units else "the council"
    commentary = (
        f"Computed from appraisal records: {result.appraised} of {result.staff} staff in "
        f"{where} (including the units beneath it) had an appraisal held between "
        f"{start.isoformat()} and {end.isoformat()}."
    )
    if indicator.aggregation is Aggregation.RATIO:
        write = OutturnWrite(
            numerator=result.appraised,
            denominator=result.staff,
            commentary=commentary,
            status=data.status,
        )
    else:
        write = OutturnWrite(value=result.rate, commentary=commentary, status=data.status)
    existing = await outturns.find_outturn(session, indicator.id, period.code)
    outturn, _ = await outturns.put_outturn(session, actor, indicator, period, write, existing)
    return CompletionOutturnRead(completion=result, outturn=OutturnRead.model_validate(outturn))
