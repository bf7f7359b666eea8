"""Commitments: drawing them up, their rows, the September and January reviews, sign-off."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from goldenthread.audit import service as audit
from goldenthread.commitments import rules
from goldenthread.commitments.models import Commitment, CommitmentItem
from goldenthread.commitments.schemas import (
    MAX_ITEMS,
    CommitmentCreate,
    CommitmentRead,
    CommitmentReviewRead,
    ItemCreate,
    ItemRead,
    ItemUpdate,
    QuadrantRead,
)
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor, Principal
from goldenthread.core.query import parse_year_param
from goldenthread.core.staff_access import Reach, check_reach, reach_of
from goldenthread.indicators.models import Indicator
from goldenthread.objectives.models import Objective
from goldenthread.organisations import service as organisations
from goldenthread.periods.rules import financial_year_code
from goldenthread.users.models import User

ITEM_FIELDS = (
    "quadrant",
    "position",
    "indicator_id",
    "indicator_text",
    "objective_id",
    "outcome",
    "evidence",
    "action_plan",
    "risk_impact",
    "risk_likelihood",
    "progress",
)
TEXT_FIELDS = ("indicator_text", "outcome", "evidence", "action_plan", "progress")


def _full() -> Select[Commitment]:
    return select(Commitment).options(
        selectinload(Commitment.items), selectinload(Commitment.reviews)
    )


async def get_commitment(session: AsyncSession, commitment_id: int) -> Commitment:
    query = _full().where(Commitment.id == commitment_id)
    found = (await session.scalars(query.execution_options(populate_existing=True))).one_or_none()
    if found is None:
        raise NotFound(f"There are no commitments {commitment_id}.")
    return found


async def list_commitments(
    session: AsyncSession,
    *,
    year: int | None,
    manager_id: int | None,
    org_unit_id: int | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Commitment], str | None]:
    query = _full().order_by(Commitment.id).limit(limit + 1)
    if year is not None:
        query = query.where(Commitment.year == year)
    if manager_id is not None:
        query = query.where(Commitment.manager_id == manager_id)
    if org_unit_id is not None:
        units = await organisations.org_unit_subtree(session, org_unit_id)
        query = query.where(Commitment.org_unit_id.in_(units))
    if cursor:
        (after_id,) = decode_cursor(cursor)
        query = query.where(Commitment.id > int(after_id))
    rows = list((await session.scalars(query)).all())
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return rows[:limit], next_cursor


# --- reading ------------------------------------------------------------------------------


def _item_read(item: CommitmentItem) -> ItemRead:
    score = (
        item.risk_impact * item.risk_likelihood
        if item.risk_impact is not None and item.risk_likelihood is not None
        else None
    )
    return ItemRead.model_validate(
        {**{f: getattr(item, f) for f in ITEM_FIELDS}, "id": item.id, "risk_score": score}
        | {"updated_at": item.updated_at}
    )


async def commitment_reads(
    session: AsyncSession, commitments: list[Commitment], principal: Principal
) -> list[CommitmentRead]:
    """One query for the managers of any number of commitments (and one for the caller's
    reach, for what they may do)."""
    reach = await reach_of(session, principal)
    ids = {c.manager_id for c in commitments}
    people: dict[int, tuple[str, int | None]] = {}
    if ids:
        rows = await session.execute(
            select(User.id, User.full_name, User.manager_id).where(User.id.in_(ids))
        )
        people = {uid: (name, line) for uid, name, line in rows}
    return [
        _read(c, *people.get(c.manager_id, ("", None)), _Caller(principal, reach))
        for c in commitments
    ]


@dataclass(frozen=True)
class _Caller:
    principal: Principal
    reach: Reach

    @property
    def user_id(self) -> int:
        return self.principal.id if self.principal.is_user else -1

    # The rules check_may_edit, reviews.add_review and reviews.sign_off enforce.
    def may_edit(self, commitment: Commitment) -> bool:
        return self.user_id == commitment.manager_id or self.reach.covers(commitment.org_unit_id)

    def may_review(self, commitment: Commitment, line_manager_id: int | None) -> bool:
        allowed = self.principal.maintains_register or (
            line_manager_id is not None and self.user_id == line_manager_id
        )
        return allowed and len({r.kind for r in commitment.reviews}) < len(rules.ReviewKind)

    def may_sign_off(self, commitment: Commitment, line_manager_id: int | None) -> bool:
        signed_off = commitment.signed_off_at is not None
        refusal = rules.sign_off_refusal(
            self.user_id, commitment.manager_id, line_manager_id, signed_off
        )
        return refusal is None


def _read(
    commitment: Commitment, name: str, line_manager_id: int | None, caller: _Caller
) -> CommitmentRead:
    by_quadrant: dict[rules.Quadrant, list[ItemRead]] = {q: [] for q in rules.Quadrant}
    for item in sorted(commitment.items, key=lambda i: (i.position, i.id)):
        by_quadrant[item.quadrant].append(_item_read(item))
    return CommitmentRead(
        id=commitment.id,
        manager_id=commitment.manager_id,
        manager_name=name,
        line_manager_id=line_manager_id,
        year=financial_year_code(commitment.year),
        org_unit_id=commitment.org_unit_id,
        quadrants=[
            QuadrantRead(quadrant=q, label=rules.QUADRANT_LABELS[q], items=items)
            for q, items in by_quadrant.items()
        ],
        reviews=[CommitmentReviewRead.model_validate(r) for r in commitment.reviews],
        signed_off=commitment.signed_off_at is not None,
        signed_off_by_id=commitment.signed_off_by_id,
        signed_off_by_name=commitment.signed_off_by_name,
        signed_off_at=commitment.signed_off_at,
        version=commitment.version,
        created_at=commitment.created_at,
        updated_at=commitment.updated_at,
        can_edit=caller.may_edit(commitment),
        can_review=caller.may_review(commitment, line_manager_id),
        can_sign_off=caller.may_sign_off(commitment, line_manager_id),
    )


def commitment_etag(read: CommitmentRead) -> str:
    """The version and who signs off: the line manager is set on the user, not here."""
    return f'"v{read.version}-m{read.line_manager_id or 0}"'


async def commitment_read(
    session: AsyncSession, commitment: Commitment, principal: Principal
) -> CommitmentRead:
    (read,) = await commitment_reads(session, [commitment], principal)
    return read


# --- who may do what ----------------------------------------------------------------------


async def check_may_edit(
    session: AsyncSession, principal: Principal, manager_id: int, org_unit_id: int | None
) -> None:
    """The manager themself, managers of their unit or a unit above, the performance team."""
    if principal.is_user and principal.id == manager_id:
        return
    await check_reach(
        session,
        principal,
        org_unit_id,
        "You may not change these commitments: they are changed by the manager, the "
        "managers of their unit (or a unit above it) and the performance team.",
    )


async def line_manager_of(session: AsyncSession, manager_id: int) -> int | None:
    return await session.scalar(select(User.manager_id).where(User.id == manager_id))


# --- changing -----------------------------------------------------------------------------


def _item_snapshot(item: CommitmentItem) -> dict[str, Any]:
    return {"commitment_id": item.commitment_id, **audit.snapshot(item, ITEM_FIELDS)}


async def _check_item_references(
    session: AsyncSession, items: list[dict[str, Any]], prefix: str
) -> None:
    errors: list[FieldError] = []
    indicator_ids = {i["indicator_id"] for i in items if i.get("indicator_id") is not None}
    objective_ids = {i["objective_id"] for i in items if i.get("objective_id") is not None}
    found_indicators: set[int] = set()
    found_objectives: set[int] = set()
    if indicator_ids:
        query = select(Indicator.id).where(Indicator.id.in_(indicator_ids))
        found_indicators = set((await session.scalars(query)).all())
    if objective_ids:
        query = select(Objective.id).where(Objective.id.in_(objective_ids))
        found_objectives = set((await session.scalars(query)).all())
    for index, item in enumerate(items):
        where = f"{prefix}{index}." if prefix else ""
        indicator, objective = item.get("indicator_id"), item.get("objective_id")
        if indicator is not None and indicator not in found_indicators:
            errors.append(FieldError(f"{where}indicator_id", f"there is no indicator {indicator}"))
        if objective is not None and objective not in found_objectives:
            errors.append(FieldError(f"{where}objective_id", f"there is no objective {objective}"))
    if errors:
        raise ValidationFailed("Some rows refer to things that do not exist.", errors)


async def create_commitment(
    session: AsyncSession, actor: Actor, data: CommitmentCreate
) -> Commitment:
    year = parse_year_param(data.year)
    assert year is not None
    manager = await session.get(User, data.manager_id)
    if manager is None:
        raise ValidationFailed(
            "The manager does not exist.",
            [FieldError("manager_id", f"there is no user {data.manager_id}")],
        )
    if manager.org_unit_id is None:
        raise ValidationFailed(
            "Commitments belong to a manager of an org unit.",
            [FieldError("manager_id", f"{manager.full_name} belongs to no org unit")],
        )
    await check_may_edit(session, actor.principal, manager.id, manager.org_unit_id)
    taken = await session.scalar(
        select(Commitment.id).where(Commitment.manager_id == manager.id, Commitment.year == year)
    )
    if taken is not None:
        raise Conflict(
            f"{manager.full_name} already has commitments for {data.year} (id {taken}).",
            [FieldError("year", "already has commitments for this manager")],
        )
    items = [i.model_dump() for i in data.items]
    await _check_item_references(session, items, "items.")
    commitment = Commitment(
        manager_id=manager.id,
        year=year,
        org_unit_id=manager.org_unit_id,
        items=[CommitmentItem(**i) for i in items],
        reviews=[],
    )
    session.add(commitment)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "create",
        "commitment",
        commitment.id,
        None,
        {
            "manager_id": manager.id,
            "year": data.year,
            "items": [audit.snapshot(i, ITEM_FIELDS) for i in commitment.items],
        },
    )
    return commitment


def touch(commitment: Commitment) -> None:
    # Every change to a row moves the commitments' version, so one ETag guards the form.
    commitment.updated_at = utcnow()


async def add_item(
    session: AsyncSession, actor: Actor, commitment: Commitment, data: ItemCreate
) -> CommitmentItem:
    await check_may_edit(session, actor.principal, commitment.manager_id, commitment.org_unit_id)
    if commitment.signed_off_at is not None:
        raise Conflict("These commitments are signed off; rows can no longer be added.")
    if len(commitment.items) >= MAX_ITEMS:
        raise Conflict(f"Commitments hold at most {MAX_ITEMS} rows.")
    values = data.model_dump()
    await _check_item_references(session, [values], "")
    item = CommitmentItem(**values)
    commitment.items.append(item)
    touch(commitment)
    await session.flush()
    audit.record_change(
        session, actor, "create", "commitment_item", item.id, None, _item_snapshot(item)
    )
    return item


def _item_of(commitment: Commitment, item_id: int) -> CommitmentItem:
    for item in commitment.items:
        if item.id == item_id:
            return item
    raise NotFound(f"Commitments {commitment.id} have no row {item_id}.")


async def update_item(
    session: AsyncSession, actor: Actor, commitment: Commitment, item_id: int, data: ItemUpdate
) -> CommitmentItem:
    item = _item_of(commitment, item_id)
    await check_may_edit(session, actor.principal, commitment.manager_id, commitment.org_unit_id)
    changes = data.model_dump(exclude_unset=True)
    for name in ("quadrant", "position"):
        if name in changes and changes[name] is None:
            raise ValidationFailed(
                "Some fields may not be emptied.", [FieldError(name, "may not be null")]
            )
    for name in TEXT_FIELDS:
        if name in changes and changes[name] is None:
            changes[name] = ""
    changed = {name for name, value in changes.items() if getattr(item, name) != value}
    locked = rules.locked_fields(changed, commitment.signed_off_at is not None)
    if locked:
        raise Conflict(
            "These commitments are signed off: only progress may change.",
            [FieldError(name, "fixed once signed off") for name in locked],
        )
    await _check_item_references(session, [changes], "")
    if not changed:
        return item
    before = _item_snapshot(item)
    for name in changed:
        setattr(item, name, changes[name])
    item.updated_at = utcnow()
    touch(commitment)
    await session.flush()
    audit.record_change(
        session, actor, "update", "commitment_item", item.id, before, _item_snapshot(item)
    )
    return item


async def delete_item(
    session: AsyncSession, actor: Actor, commitment: Commitment, item_id: int
) -> None:
    item = _item_of(commitment, item_id)
    await check_may_edit(session, actor.principal, commitment.manager_id, commitment.org_unit_id)
    if commitment.signed_off_at is not None:
        raise Conflict("These commitments are signed off; rows can no longer be removed.")
    before = _item_snapshot(item)
    commitment.items.remove(item)
    touch(commitment)
    await session.flush()
    audit.record_change(session, actor, "delete", "commitment_item", item_id, before, None)
