"""Comparator groups and their members, and benchmark aims: create, read, change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from goldenthread.audit import service as audit
from goldenthread.benchmarking.models import (
    BenchmarkAim,
    ComparatorCouncil,
    ComparatorGroup,
    ComparatorGroupMember,
)
from goldenthread.benchmarking.schemas import (
    AimWrite,
    CouncilIn,
    CouncilRead,
    GroupCreate,
    GroupRead,
    GroupSummary,
    GroupUpdate,
)
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from goldenthread.core.principal import Actor
from goldenthread.core.query import parse_year_param
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.periods.rules import financial_year_code

GROUP_FIELDS = ("code", "name", "description", "kind")
AIM_FIELDS = ("group_id", "aim", "rank", "basis_year", "note")


def summary_of(group: ComparatorGroup) -> GroupSummary:
    return GroupSummary(id=group.id, code=group.code, name=group.name, kind=group.kind)


async def find_group(session: AsyncSession, ref: str | int) -> ComparatorGroup:
    """A group by id or by code (any case); 404 otherwise."""
    text = str(ref).strip()
    query = select(ComparatorGroup)
    if text.isdigit():
        query = query.where(ComparatorGroup.id == int(text))
    else:
        query = query.where(ComparatorGroup.code == text.upper())
    group = await session.scalar(query)
    if group is None:
        raise NotFound(f"There is no comparator group {text!r}.")
    return group


async def list_groups(session: AsyncSession) -> list[GroupRead]:
    groups = (
        await session.scalars(
            select(ComparatorGroup)
            .options(selectinload(ComparatorGroup.members))
            .order_by(ComparatorGroup.code)
        )
    ).all()
    councils = await _councils(session, {m.council_id for g in groups for m in g.members})
    return [_read(g, councils) for g in groups]


async def read_group(session: AsyncSession, group_id: int) -> GroupRead:
    group = await _loaded(session, group_id)
    councils = await _councils(session, {m.council_id for m in group.members})
    return _read(group, councils)


async def _loaded(session: AsyncSession, group_id: int) -> ComparatorGroup:
    group = await session.scalar(
        select(ComparatorGroup)
        .options(selectinload(ComparatorGroup.members))
        .where(ComparatorGroup.id == group_id)
        .execution_options(populate_existing=True)
    )
    if group is None:
        raise NotFound(f"There is no comparator group {group_id}.")
    return group


async def _councils(session: AsyncSession, ids: set[int]) -> dict[int, ComparatorCouncil]:
    if not ids:
        return {}
    rows = (
        await session.scalars(select(ComparatorCouncil).where(ComparatorCouncil.id.in_(ids)))
    ).all()
    return {c.id: c for c in rows}


def _read(group: ComparatorGroup, councils: dict[int, ComparatorCouncil]) -> GroupRead:
    members = sorted(
        (councils[m.council_id] for m in group.members), key=lambda c: (c.name.lower(), c.code)
    )
    us = councils.get(group.us_council_id) if group.us_council_id else None
    return GroupRead(
        id=group.id,
        code=group.code,
        name=group.name,
        kind=group.kind,
        description=group.description,
        us=CouncilRead.model_validate(us) if us else None,
        members=[CouncilRead.model_validate(c) for c in members],
        version=group.version,
        updated_at=group.updated_at,
    )


async def ensure_councils(session: AsyncSession, given: list[CouncilIn]) -> dict[str, int]:
    """Ids of the councils by code, creating those not known (a known council keeps its
    stored name)."""
    codes = {c.code: c.name for c in given}
    if not codes:
        return {}
    found = {
        code: pk
        for code, pk in (
            await session.execute(
                select(ComparatorCouncil.code, ComparatorCouncil.id).where(
                    ComparatorCouncil.code.in_(list(codes))
                )
            )
        ).all()
    }
    for code, name in codes.items():
        if code not in found:
            council = ComparatorCouncil(code=code, name=name)
            session.add(council)
            await session.flush()
            found[code] = council.id
    return found


def _snapshot(group: ComparatorGroup, member_codes: list[str], us: str | None) -> dict[str, Any]:
    return {**audit.snapshot(group, GROUP_FIELDS), "members": sorted(member_codes), "us": us}


def _check_us(us: str | None, member_codes: set[str]) -> None:
    if us is not None and us not in member_codes:
        raise ValidationFailed(
            "The council marked as this council must be a member of the group.",
            [FieldError("us", f"{us} is not among the members")],
        )


async def create_group(session: AsyncSession, actor: Actor, data: GroupCreate) -> GroupRead:
    if await session.scalar(select(ComparatorGroup.id).where(ComparatorGroup.code == data.code)):
        raise Conflict(
            f"A comparator group {data.code} already exists.",
            [FieldError("code", "already in use")],
        )
    member_codes = {m.code for m in data.members}
    _check_us(data.us, member_codes)
    ids = await ensure_councils(session, data.members)
    group = ComparatorGroup(
        code=data.code,
        name=data.name,
        description=data.description,
        kind=data.kind,
        us_council_id=ids[data.us] if data.us else None,
        members=[ComparatorGroupMember(council_id=i) for i in sorted(set(ids.values()))],
    )
    session.add(group)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "create",
        "comparator_group",
        group.id,
        None,
        _snapshot(group, list(member_codes), data.us),
    )
    return await read_group(session, group.id)


async def update_group(
    session: AsyncSession, actor: Actor, group_id: int, data: GroupUpdate
) -> GroupRead:
    group = await _loaded(session, group_id)
    current = await _councils(session, {m.council_id for m in group.members})
    us_code = current[group.us_council_id].code if group.us_council_id in current else None
    before = _snapshot(group, [c.code for c in current.values()], us_code)
    changes = data.model_dump(exclude_unset=True)
    nulls = [
        FieldError(f, "may not be null")
        for f in ("name", "description", "kind", "members")
        if f in changes and changes[f] is None
    ]
    if nulls:
        raise ValidationFailed("Some fields may not be emptied.", nulls)
    member_codes = (
        {m.code for m in data.members}
        if data.members is not None
        else {c.code for c in current.values()}
    )
    new_us = changes.get("us", us_code)
    _check_us(new_us, member_codes)
    for name in ("name", "description", "kind"):
        if name in changes:
            setattr(group, name, changes[name])
    if data.members is not None:
        ids = await ensure_councils(session, data.members)
        wanted = set(ids.values())
        kept = [m for m in group.members if m.council_id in wanted]
        have = {m.council_id for m in kept}
        group.members = kept + [ComparatorGroupMember(council_id=i) for i in sorted(wanted - have)]
    else:
        ids = {c.code: c.id for c in current.values()}
    group.us_council_id = ids[new_us] if new_us else None
    after = _snapshot(group, list(member_codes), new_us)
    if after != before:
        group.updated_at = utcnow()
        await session.flush()
        audit.record_change(session, actor, "update", "comparator_group", group.id, before, after)
    return await read_group(session, group.id)


# ---- aims -----------------------------------------------------------------------------------


def _aim_snapshot(aim: BenchmarkAim) -> dict[str, Any]:
    return audit.snapshot(aim, AIM_FIELDS)


async def put_aim(
    session: AsyncSession, actor: Actor, indicator: Indicator, year: int, data: AimWrite
) -> tuple[BenchmarkAim, bool]:
    """Set the aim of an indicator for a year against a group; True when created."""
    indicators.check_may_write(actor, indicator, outturn=False)
    if await session.get(ComparatorGroup, data.group_id) is None:
        raise ValidationFailed(
            "The comparator group does not exist.",
            [FieldError("group_id", f"there is no comparator group {data.group_id}")],
        )
    basis = parse_year_param(data.basis_year, "basis_year")
    if basis is not None and basis > year:
        raise ValidationFailed(
            "An aim cannot be read from comparator figures of a later year.",
            [FieldError("basis_year", f"after {financial_year_code(year)}")],
        )
    aim = await session.scalar(
        select(BenchmarkAim).where(
            BenchmarkAim.indicator_id == indicator.id,
            BenchmarkAim.year == year,
            BenchmarkAim.group_id == data.group_id,
        )
    )
    values = {
        "aim": data.aim,
        "rank": data.rank,
        "basis_year": basis,
        "note": data.note,
    }
    created = aim is None
    if aim is None:
        aim = BenchmarkAim(indicator_id=indicator.id, year=year, group_id=data.group_id, **values)
        aim.updated_by_name = actor.principal.name
        session.add(aim)
        await session.flush()
        before = None
    else:
        before = _aim_snapshot(aim)
        for name, value in values.items():
            setattr(aim, name, value)
        if _aim_snapshot(aim) == before:
            return aim, False
        aim.updated_by_name = actor.principal.name
        aim.updated_at = utcnow()
        await session.flush()
    audit.record_change(
        session,
        actor,
        "create" if created else "update",
        "benchmark_aim",
        aim.id,
        before,
        _aim_snapshot(aim),
        indicator_id=indicator.id,
        period=financial_year_code(year),
    )
    return aim, created


async def get_aim(
    session: AsyncSession, indicator_id: int, year: int, group_id: int
) -> BenchmarkAim:
    aim = await session.scalar(
        select(BenchmarkAim).where(
            BenchmarkAim.indicator_id == indicator_id,
            BenchmarkAim.year == year,
            BenchmarkAim.group_id == group_id,
        )
    )
    if aim is None:
        raise NotFound(
            f"There is no benchmark aim for {financial_year_code(year)} against group {group_id}."
        )
    return aim


async def delete_aim(
    session: AsyncSession, actor: Actor, indicator: Indicator, aim: BenchmarkAim
) -> None:
    indicators.check_may_write(actor, indicator, outturn=False)
    before = _aim_snapshot(aim)
    await session.delete(aim)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "delete",
        "benchmark_aim",
        aim.id,
        before,
        None,
        indicator_id=indicator.id,
        period=financial_year_code(aim.year),
    )
