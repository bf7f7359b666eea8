"""The indicator register: create, read, list, update and retire."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, exists, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor, Principal
from goldenthread.indicators import rules
from goldenthread.indicators.models import Indicator, IndicatorSet, Lifecycle
from goldenthread.indicators.schemas import IndicatorCreate, IndicatorUpdate
from goldenthread.organisations import service as organisations
from goldenthread.organisations.models import Organisation
from goldenthread.outturns.models import Outturn
from goldenthread.users import service as users

AUDITED_FIELDS = (
    "code",
    "title",
    "plain_title",
    "definition",
    "procedure_note",
    "unit",
    "decimal_places",
    "polarity",
    "frequency",
    "aggregation",
    "multiplier",
    "tolerance_percent",
    "tolerance_absolute",
    "sets",
    "owner_id",
    "deputy_id",
    "organisation_id",
    "org_unit_id",
    "lead_organisation_id",
    "shared_with_partners",
    "public",
    "lifecycle",
)
# Changing these would reinterpret outturns already stored.
SHAPE_FIELDS = ("frequency", "aggregation")


def visible_to(principal: Principal) -> ColumnElement[bool]:
    """Staff see the whole register; a partner client only what is shared with partners."""
    if principal.is_user:
        return true()
    if not principal.has_scope("indicators:read") and not principal.has_scope("laa:read"):
        return false()
    return partner_readable()


def partner_readable() -> ColumnElement[bool]:
    """Shared with partners, or in the LAA set: what partners may read (``rules``' own
    ``partner_may_read`` in SQL)."""
    in_laa = exists().where(
        IndicatorSet.indicator_id == Indicator.id, IndicatorSet.name == rules.PARTNER_READABLE_SET
    )
    return or_(Indicator.shared_with_partners.is_(True), in_laa)


def _with_sets() -> Select[Indicator]:
    return select(Indicator).options(selectinload(Indicator.set_memberships))


async def get_indicator(
    session: AsyncSession, indicator_id: int, principal: Principal, *, for_update: bool = False
) -> Indicator:
    # One round trip: the sets come joined, not by a second query.
    query = (
        select(Indicator)
        .options(joinedload(Indicator.set_memberships))
        .where(Indicator.id == indicator_id, visible_to(principal))
    )
    if for_update:
        query = query.execution_options(populate_existing=True)
    indicator = (await session.scalars(query)).unique().one_or_none()
    if indicator is None:
        # The same answer whether it does not exist or may not be seen: ids are not probed.
        raise NotFound(f"There is no indicator {indicator_id}.")
    return indicator


async def list_indicators(
    session: AsyncSession,
    principal: Principal,
    *,
    code: str | None,
    set_name: str | None,
    org_unit_id: int | None,
    q: str | None,
    lifecycle: str,
    owner_id: int | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Indicator], str | None]:
    query = _with_sets().where(visible_to(principal)).order_by(Indicator.code_key).limit(limit + 1)
    query = query.where(
        *await filter_conditions(
            session,
            code=code,
            set_name=set_name,
            org_unit_id=org_unit_id,
            q=q,
            lifecycle=lifecycle,
            owner_id=owner_id,
        )
    )
    if cursor:
        (after_key,) = decode_cursor(cursor)
        query = query.where(Indicator.code_key > str(after_key))
    rows = list((await session.scalars(query)).all())
    next_cursor = encode_cursor([rows[limit - 1].code_key]) if len(rows) > limit else None
    return rows[:limit], next_cursor


async def filter_conditions(
    session: AsyncSession,
    *,
    code: str | None = None,
    set_name: str | None = None,
    org_unit_id: int | None = None,
    q: str | None = None,
    lifecycle: str = "active",
    owner_id: int | None = None,
) -> list[ColumnElement[bool]]:
    """SQL conditions for the register's filters, shared by the list and the status views."""
    conditions: list[ColumnElement[bool]] = []
    if code:
        conditions.append(Indicator.code_key == rules.normalise_code(code)[1])
    if set_name:
        conditions.append(
            exists().where(
                IndicatorSet.indicator_id == Indicator.id,
                IndicatorSet.name == set_name.strip().upper(),
            )
        )
    if org_unit_id is not None:
        units = await organisations.org_unit_subtree(session, org_unit_id)
        conditions.append(Indicator.org_unit_id.in_(units))
    if q:
        pattern = "%" + q.strip().lower().replace("\\", "\\\\").replace("%", "\\%")
        pattern = pattern.replace("_", "\\_") + "%"
        conditions.append(
            or_(
                Indicator.code_key.like(pattern, escape="\\"),
                func.lower(Indicator.title).like(pattern, escape="\\"),
                func.lower(Indicator.definition).like(pattern, escape="\\"),
            )
        )
    if lifecycle != "all":
        conditions.append(Indicator.lifecycle == Lifecycle(lifecycle))
    if owner_id is not None:
        conditions.append(or_(Indicator.owner_id == owner_id, Indicator.deputy_id == owner_id))
    return conditions


async def _check_references(session: AsyncSession, values: dict[str, Any]) -> None:
    errors: list[FieldError] = []
    named = {f: values[f] for f in ("owner_id", "deputy_id") if values.get(f) is not None}
    found = await users.existing_user_ids(session, set(named.values()))
    errors += [
        FieldError(f, f"there is no user {uid}") for f, uid in named.items() if uid not in found
    ]
    if named.get("owner_id") is not None and named.get("owner_id") == named.get("deputy_id"):
        errors.append(FieldError("deputy_id", "the deputy must be someone other than the owner"))
    lead = values.get("lead_organisation_id")
    if lead is not None and await session.get(Organisation, lead) is None:
        errors.append(FieldError("lead_organisation_id", f"there is no organisation {lead}"))
    if errors:
        raise ValidationFailed("Some references are not valid.", errors)
    await organisations.check_placement(
        session, values["organisation_id"], values.get("org_unit_id")
    )


async def _ensure_code_free(session: AsyncSession, code_key: str, except_id: int | None) -> None:
    query = select(Indicator.id).where(Indicator.code_key == code_key)
    if except_id is not None:
        query = query.where(Indicator.id != except_id)
    if await session.scalar(query) is not None:
        raise Conflict(
            f"An indicator with code {code_key.upper()!r} already exists "
            "(codes are case-insensitive).",
            [FieldError("code", "already in use")],
        )


def _snapshot(indicator: Indicator) -> dict[str, Any]:
    return audit.snapshot(indicator, AUDITED_FIELDS)


async def create_indicator(session: AsyncSession, actor: Actor, data: IndicatorCreate) -> Indicator:
    values = data.model_dump()
    values["code"], code_key = rules.normalise_code(data.code)
    await _ensure_code_free(session, code_key, None)
    await _check_references(session, values)
    sets = values.pop("sets")
    if values["multiplier"] is None:
        values["multiplier"] = rules.default_multiplier(data.unit, data.aggregation)
    if values["tolerance_percent"] is None:
        values["tolerance_percent"] = rules.DEFAULT_TOLERANCE_PERCENT
    indicator = Indicator(
        **values, code_key=code_key, set_memberships=[IndicatorSet(name=s) for s in sets]
    )
    session.add(indicator)
    await session.flush()
    audit.record(
        session,
        actor,
        action="create",
        entity="indicator",
        entity_id=indicator.id,
        indicator_id=indicator.id,
        before=None,
        after=_snapshot(indicator),
    )
    return indicator


async def update_indicator(
    session: AsyncSession, actor: Actor, indicator: Indicator, data: IndicatorUpdate
) -> Indicator:
    changes = data.model_dump(exclude_unset=True)
    before = _snapshot(indicator)
    if "code" in changes:
        if changes["code"] is None:
            raise ValidationFailed(
                "The code cannot be removed.", [FieldError("code", "may not be null")]
            )
        changes["code"], code_key = rules.normalise_code(changes["code"])
        await _ensure_code_free(session, code_key, indicator.id)
        indicator.code_key = code_key
    required = (
        "title",
        "plain_title",
        "unit",
        "decimal_places",
        "polarity",
        "frequency",
        "aggregation",
        "organisation_id",
        "shared_with_partners",
        "public",
        "lifecycle",
        "multiplier",
    )
    nulls = [
        FieldError(f, "may not be null") for f in required if f in changes and changes[f] is None
    ]
    if nulls:
        raise ValidationFailed("Some fields may not be emptied.", nulls)
    reshaped = [f for f in SHAPE_FIELDS if f in changes and changes[f] != getattr(indicator, f)]
    if reshaped and await _has_outturns(session, indicator.id):
        raise Conflict(
            f"The {' and '.join(reshaped)} cannot change once outturns are recorded; retire this "
            "indicator and create a new one.",
            [FieldError(f, "outturns already recorded") for f in reshaped],
        )
    if "tolerance_percent" in changes and changes["tolerance_percent"] is None:
        changes["tolerance_percent"] = rules.DEFAULT_TOLERANCE_PERCENT
    merged = {**before, **{k: v for k, v in changes.items() if k != "sets"}}
    await _check_references(session, merged)
    sets = changes.pop("sets", None)
    for name, value in changes.items():
        setattr(indicator, name, value)
    if sets is not None:
        indicator.set_memberships = [IndicatorSet(name=s) for s in sets]
    after = _snapshot(indicator)
    if after == before:
        return indicator
    indicator.updated_at = utcnow()
    await session.flush()
    action = "retire" if before["lifecycle"] != after["lifecycle"] == "retired" else "update"
    audit.record(
        session,
        actor,
        action=action,
        entity="indicator",
        entity_id=indicator.id,
        indicator_id=indicator.id,
        before=before,
        after=after,
    )
    return indicator


async def _has_outturns(session: AsyncSession, indicator_id: int) -> bool:
    found = await session.scalar(
        select(Outturn.id).where(Outturn.indicator_id == indicator_id).limit(1)
    )
    return found is not None


def check_may_write(actor: Actor, indicator: Indicator, *, outturn: bool) -> None:
    """Shared by targets and outturns: role, ownership and lifecycle."""
    if not rules.may_write_data(
        actor.principal,
        owner_id=indicator.owner_id,
        deputy_id=indicator.deputy_id,
        lead_organisation_id=indicator.lead_organisation_id,
        outturn=outturn,
    ):
        what = "outturns" if outturn else "targets"
        if actor.principal.is_client:
            raise Forbidden(
                f"You may not write {what} for {indicator.code}: a partner client writes "
                "outturns only of the indicators its organisation leads (scope outturns:write)."
            )
        raise Forbidden(
            f"You may not write {what} for {indicator.code}: only its owner, its "
            "deputy and the performance team may."
        )
    if indicator.lifecycle is Lifecycle.RETIRED:
        raise Conflict(f"{indicator.code} is retired; its figures can no longer change.")
