"""The report's actions: every action in scope with its state on the report date and
its progress updates, for the overdue, at-risk and remedial lists. Two queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from goldenthread.actions.models import Action, ActionProgress
from goldenthread.reports import rules
from goldenthread.reports.schemas import ActionItemRead, ProgressUpdateRead
from goldenthread.reports.scope import ResolvedScope
from goldenthread.reports.sections import text_of


@dataclass
class ActionRow:
    """An action with its state on the report date; owner names are filled in at the end."""

    row: Any
    as_at: rules.ActionAsAt
    updates: list[ProgressUpdateRead]
    since_previous: list[ProgressUpdateRead]

    def read(self, names: dict[int, str]) -> ActionItemRead:
        r = self.row
        return ActionItemRead(
            id=r.id,
            code=r.code,
            title=r.title,
            is_milestone=r.parent_id is not None,
            parent_id=r.parent_id,
            indicator_id=r.indicator_id,
            objective_id=r.objective_id,
            owner_id=r.owner_id,
            owner_name=names.get(r.owner_id) if r.owner_id else None,
            org_unit_id=r.org_unit_id,
            start_on=r.start_on,
            due_on=r.due_on,
            status=self.as_at.status,
            percent_complete=self.as_at.percent_complete,
            expected_percent=self.as_at.expected_percent,
            overdue=self.as_at.overdue,
            at_risk=self.as_at.at_risk,
            days_overdue=self.as_at.days_overdue,
            days_left=self.as_at.days_left,
            latest_update=self.updates[-1] if self.updates else None,
            updates_since_previous=self.since_previous,
        )


async def load_actions(
    conn: AsyncConnection,
    scope: ResolvedScope,
    *,
    as_of: date,
    previous_as_of: date,
    today: date,
    at_risk_days: int,
) -> list[ActionRow]:
    """Every action and milestone in scope as it stood on the report date. Two queries."""
    actions = (
        await conn.execute(
            select(
                Action.id,
                Action.code,
                Action.title,
                Action.parent_id,
                Action.indicator_id,
                Action.objective_id,
                Action.owner_id,
                Action.org_unit_id,
                Action.start_on,
                Action.due_on,
                Action.status,
                Action.percent_complete,
                Action.completed_on,
            )
            .where(scope.actions)
            .order_by(Action.due_on, Action.id)
        )
    ).all()
    if not actions:
        return []
    updates: dict[int, list[Any]] = defaultdict(list)
    for update in (
        await conn.execute(
            select(
                ActionProgress.action_id,
                ActionProgress.reported_on,
                ActionProgress.note,
                ActionProgress.status,
                ActionProgress.percent_complete,
                ActionProgress.author_name,
            )
            .where(
                ActionProgress.action_id.in_(select(Action.id).where(scope.actions)),
                ActionProgress.reported_on <= as_of,
            )
            .order_by(ActionProgress.reported_on, ActionProgress.id)
        )
    ).all():
        updates[update.action_id].append(update)
    rows = []
    for action in actions:
        own = updates.get(action.id, [])
        reads = [
            ProgressUpdateRead(
                reported_on=u.reported_on,
                note=u.note,
                status=text_of(u.status),
                percent_complete=u.percent_complete,
                author_name=u.author_name,
            )
            for u in own
        ]
        as_at = rules.action_as_at(
            status=str(text_of(action.status)),
            percent_complete=action.percent_complete,
            start_on=action.start_on,
            due_on=action.due_on,
            completed_on=action.completed_on,
            updates=[
                rules.ProgressPoint(u.reported_on, text_of(u.status), u.percent_complete)
                for u in own
            ],
            as_of=as_of,
            today=today,
            at_risk_days=at_risk_days,
        )
        since = [u for u in reads if u.reported_on > previous_as_of]
        rows.append(ActionRow(action, as_at, reads, since))
    return rows
