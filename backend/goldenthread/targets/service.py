"""Targets: set, read and remove, with the audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, ValidationFailed
from goldenthread.core.period_rows import delete_period_row, find_period_row, get_period_row
from goldenthread.core.principal import Actor
from goldenthread.indicators import rules
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.periods.rules import Period, PeriodError
from goldenthread.targets import rules as target_rules
from goldenthread.targets.models import Target
from goldenthread.targets.schemas import TargetWrite

AUDITED_FIELDS = ("period", "value", "low", "high", "stretch_value", "note")


def parse_target_period(indicator: Indicator, code: str) -> Period:
    try:
        return rules.period_for_indicator(code, indicator.frequency, allow_annual=True)
    except PeriodError as exc:
        raise ValidationFailed(str(exc), [FieldError("period", str(exc))]) from exc


def validate_target(indicator: Indicator, data: TargetWrite) -> None:
    errors = target_rules.target_errors(indicator.polarity, data.value, data.low, data.high)
    if errors:
        raise ValidationFailed(f"The target for {indicator.code} is not valid.", errors)


async def find_target(session: AsyncSession, indicator_id: int, period: str) -> Target | None:
    return await find_period_row(session, Target, indicator_id, period)


async def get_target(session: AsyncSession, indicator: Indicator, period: str) -> Target:
    """The target for ``period``; 404 when there is none."""
    missing = f"{indicator.code} has no target for {period}."
    return await get_period_row(session, Target, indicator.id, period, missing=missing)


def _snapshot(target: Target) -> dict[str, Any]:
    return audit.snapshot(target, AUDITED_FIELDS)


async def put_target(
    session: AsyncSession,
    actor: Actor,
    indicator: Indicator,
    period: Period,
    data: TargetWrite,
    existing: Target | None,
) -> tuple[Target, bool]:
    """Create or replace the target for a period; returns it and whether it was created."""
    indicators.check_may_write(actor, indicator, outturn=False)
    validate_target(indicator, data)
    fields = data.model_dump()
    if existing is not None:
        # Decimals compare by value, so 65 and 65.0 are the same target.
        if all(getattr(existing, k) == v for k, v in fields.items()):
            return existing, False  # identical: nothing to change or record
        before = _snapshot(existing)
        for name, value in fields.items():
            setattr(existing, name, value)
        target, action = existing, "update"
    else:
        before = None
        target = Target(indicator_id=indicator.id, period=period.code, year=period.year, **fields)
        session.add(target)
        action = "create"
    target.updated_by = actor.principal.label
    target.updated_by_name = actor.principal.name
    target.updated_at = utcnow()
    await session.flush()
    audit.record(
        session,
        actor,
        action=action,
        entity="target",
        entity_id=target.id,
        indicator_id=indicator.id,
        period=period.code,
        before=before,
        after=_snapshot(target),
    )
    return target, existing is None


async def delete_target(
    session: AsyncSession, actor: Actor, indicator: Indicator, target: Target
) -> None:
    indicators.check_may_write(actor, indicator, outturn=False)
    await delete_period_row(session, actor, target, entity="target", audited=AUDITED_FIELDS)
