"""Outturns: record, verify and remove actuals, with the audit trail."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
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
from goldenthread.outturns.models import Outturn, OutturnStatus, Provenance
from goldenthread.outturns.schemas import OutturnWrite
from goldenthread.periods.rules import Period, PeriodError
from goldenthread.status.rules import Aggregation, Unit

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
VERIFIER_STATUSES = (OutturnStatus.VERIFIED, OutturnStatus.QUALIFIED)
# Derived ratio values keep this many places; status is judged from the numerator and
# denominator themselves, so nothing depends on this rounding.
DERIVED_PLACES = Decimal("1e-10")

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
    errors: list[FieldError] = []
    if indicator.aggregation is Aggregation.RATIO:
        if data.value is not None:
            errors.append(
                FieldError(
                    "value",
                    "a ratio indicator takes numerator and "
                    "denominator; the value is worked out from them",
                )
            )
        if data.numerator is None:
            errors.append(FieldError("numerator", "required for a ratio indicator"))
        if data.denominator is None:
            errors.append(FieldError("denominator", "required for a ratio indicator"))
        elif data.denominator == 0:
            errors.append(FieldError("denominator", "must not be zero"))
        elif data.denominator < 0:
            errors.append(FieldError("denominator", "must be positive"))
    else:
        if data.value is None:
            errors.append(FieldError("value", "required"))
        for name in ("numerator", "denominator"):
            if getattr(data, name) is not None:
                errors.append(
                    FieldError(name, "only ratio indicators take a numerator and denominator")
                )
        if indicator.unit is Unit.YES_NO and data.value not in (None, 0, 1):
            errors.append(FieldError("value", "a yes/no indicator takes 1 (yes) or 0 (no)"))
    if errors:
        raise ValidationFailed(f"The outturn for {indicator.code} is not valid.", errors)
    if indicator.aggregation is Aggregation.RATIO:
        assert data.numerator is not None and data.denominator is not None
        value = (
            (data.numerator / data.denominator * indicator.multiplier)
            .quantize(DERIVED_PLACES, rounding=ROUND_HALF_UP)
            .normalize()
        )
        return {"value": value, "numerator": data.numerator, "denominator": data.denominator}
    return {"value": data.value, "numerator": None, "denominator": None}


def next_status(
    actor: Actor, requested: OutturnStatus | None, existing: Outturn | None, figures_changed: bool
) -> OutturnStatus:
    if requested in VERIFIER_STATUSES and not rules.may_verify(actor.principal):
        raise Forbidden("Only the performance team may verify or qualify an outturn.")
    if requested is not None:
        return requested
    if existing is None:
        return OutturnStatus.DRAFT
    if figures_changed and existing.status in VERIFIER_STATUSES:
        return OutturnStatus.SUBMITTED  # a changed figure needs verifying again
    return existing.status


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
    action = (
        "create"
        if before is None
        else ("verify" if not figures_changed and status is OutturnStatus.VERIFIED else "update")
    )
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
