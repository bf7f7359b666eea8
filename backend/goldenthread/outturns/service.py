"""Outturns: record, verify and remove actuals, with the audit trail."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, Forbidden, ValidationFailed
from goldenthread.core.period_rows import delete_period_row, find_period_row, get_period_row
from goldenthread.core.principal import Actor, Via
from goldenthread.indicators import rules
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.outturns import rules as outturn_rules
from goldenthread.outturns.models import Outturn, OutturnStatus, Provenance
from goldenthread.outturns.schemas import OutturnWrite
from goldenthread.periods.rules import Period, PeriodError

AUDITED_FIELDS = (
    "period",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "status",
    "provenance",
)
FIGURES = ("value", "numerator", "denominator")
VERIFIER_STATUSES = outturn_rules.VERIFIER_STATUSES

PROVENANCE_OF = {
    Via.UI: Provenance.UI,
    Via.API: Provenance.API,
    Via.IMPORT: Provenance.IMPORT,
    Via.PARTNER: Provenance.PARTNER,
    Via.SYSTEM: Provenance.API,
}


def parse_outturn_period(indicator: Indicator, code: str) -> Period:
    try:
        return rules.period_for_indicator(code, indicator.frequency, allow_annual=False)
    except PeriodError as exc:
        raise ValidationFailed(str(exc), [FieldError("period", str(exc))]) from exc


def derive_figures(indicator: Indicator, data: OutturnWrite) -> dict[str, Decimal | None]:
    """Check the figures suit the indicator and work out the value of a ratio."""
    try:
        value, numerator, denominator = outturn_rules.derive_figures(
            indicator.aggregation,
            indicator.unit,
            indicator.multiplier,
            data.value,
            data.numerator,
            data.denominator,
        )
    except outturn_rules.InvalidFigures as exc:
        raise ValidationFailed(
            f"The outturn for {indicator.code} is not valid.", exc.errors
        ) from exc
    return {"value": value, "numerator": numerator, "denominator": denominator}


def next_status(
    actor: Actor, requested: OutturnStatus | None, existing: Outturn | None, figures_changed: bool
) -> OutturnStatus:
    return outturn_rules.next_status(
        rules.may_verify(actor.principal),
        requested,
        existing.status if existing is not None else None,
        figures_changed,
    )


async def find_outturn(session: AsyncSession, indicator_id: int, period: str) -> Outturn | None:
    return await find_period_row(session, Outturn, indicator_id, period)


async def get_outturn(session: AsyncSession, indicator: Indicator, period: str) -> Outturn:
    """The outturn for ``period``; 404 when there is none."""
    missing = f"{indicator.code} has no outturn for {period}."
    return await get_period_row(session, Outturn, indicator.id, period, missing=missing)


def _snapshot(outturn: Outturn) -> dict[str, Any]:
    return audit.snapshot(outturn, AUDITED_FIELDS)


async def put_outturn(
    session: AsyncSession,
    actor: Actor,
    indicator: Indicator,
    period: Period,
    data: OutturnWrite,
    existing: Outturn | None,
) -> tuple[Outturn, bool]:
    """Create or replace the outturn for a period; returns it and whether it was created."""
    indicators.check_may_write(actor, indicator, outturn=True)
    figures = derive_figures(indicator, data)
    figures_changed = existing is None or any(getattr(existing, k) != v for k, v in figures.items())
    status = next_status(actor, data.status, existing, figures_changed)
    if (
        existing is not None
        and not figures_changed
        and existing.status is status
        and existing.commentary == data.commentary
    ):
        return existing, False  # identical: nothing to change or record
    now = utcnow()
    previous_status = existing.status if existing is not None else None
    if existing is None:
        outturn = Outturn(indicator_id=indicator.id, period=period.code, year=period.year)
        session.add(outturn)
        before = None
    else:
        outturn, before = existing, _snapshot(existing)
    for name, value in figures.items():
        setattr(outturn, name, value)
    outturn.commentary = data.commentary
    outturn.status = status
    if figures_changed:
        outturn.provenance = PROVENANCE_OF[actor.via]
    if status in VERIFIER_STATUSES and previous_status is not status:
        outturn.verified_by_name, outturn.verified_at = actor.principal.name, now
    elif status not in VERIFIER_STATUSES:
        outturn.verified_by_name, outturn.verified_at = None, None
    outturn.updated_by = actor.principal.label
    outturn.updated_by_name = actor.principal.name
    outturn.updated_at = now
    await session.flush()
    action = outturn_rules.audit_action(before is None, figures_changed, status)
    audit.record(
        session,
        actor,
        action=action,
        entity="outturn",
        entity_id=outturn.id,
        indicator_id=indicator.id,
        period=period.code,
        before=before,
        after=_snapshot(outturn),
    )
    return outturn, existing is None


async def delete_outturn(
    session: AsyncSession, actor: Actor, indicator: Indicator, outturn: Outturn
) -> None:
    indicators.check_may_write(actor, indicator, outturn=True)
    if outturn.status in VERIFIER_STATUSES and not rules.may_verify(actor.principal):
        raise Forbidden("A verified outturn can only be removed by the performance team.")
    await delete_period_row(session, actor, outturn, entity="outturn", audited=AUDITED_FIELDS)
