"""The service-plan quality-assurance checklist: its questions (data the performance team
keeps) and each plan's answers and score."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from goldenthread.core.principal import Actor
from goldenthread.plans import rules
from goldenthread.plans.models import Plan, PlanChecklistAnswer, QaChecklistItem
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.plans.schemas import (
    SECTION_KEYS,
    ChecklistAnswers,
    ChecklistItemCreate,
    ChecklistItemUpdate,
    ChecklistLine,
    PlanChecklistRead,
)

__all__ = ["SECTION_KEYS", "Score"]

ITEM_FIELDS = ("code", "question", "section", "weight", "position", "active")
MAX_ITEMS = 200


@dataclass(frozen=True)
class Score:
    score: Decimal | None
    complete: bool
    # Whether the checklist has any active question (so quality assurance needs answers).
    required: bool


async def active_items(session: AsyncSession) -> list[QaChecklistItem]:
    query = (
        select(QaChecklistItem)
        .where(QaChecklistItem.active.is_(True))
        .order_by(QaChecklistItem.position, QaChecklistItem.id)
    )
    return list((await session.scalars(query)).all())


async def scores(session: AsyncSession, plans: list[Plan]) -> dict[int, Score]:
    """The score of each service plan among ``plans``: two queries however many."""
    ids = [p.id for p in plans if p.level is PlanLevel.SERVICE_PLAN]
    if not ids:
        return {}
    items = await active_items(session)
    answers: dict[int, dict[int, rules.ChecklistAnswer]] = {i: {} for i in ids}
    for plan_id, item_id, answer in (
        await session.execute(
            select(
                PlanChecklistAnswer.plan_id, PlanChecklistAnswer.item_id, PlanChecklistAnswer.answer
            ).where(PlanChecklistAnswer.plan_id.in_(ids))
        )
    ).all():
        answers[plan_id][item_id] = answer
    result = {}
    for plan_id in ids:
        given = answers[plan_id]
        result[plan_id] = Score(
            score=rules.checklist_score((i.weight, given.get(i.id)) for i in items),
            complete=all(i.id in given for i in items),
            required=bool(items),
        )
    return result


async def plan_checklist(session: AsyncSession, plan: Plan) -> PlanChecklistRead:
    _check_service_plan(plan)
    items = await active_items(session)
    answers = {
        a.item_id: a
        for a in (
            await session.scalars(
                select(PlanChecklistAnswer).where(PlanChecklistAnswer.plan_id == plan.id)
            )
        ).all()
    }
    lines = []
    for item in items:
        answer = answers.get(item.id)
        lines.append(
            ChecklistLine(
                item_id=item.id,
                code=item.code,
                question=item.question,
                section=item.section,
                weight=item.weight,
                answer=answer.answer if answer else None,
                comment=answer.comment if answer else "",
                answered_by_id=answer.answered_by_id if answer else None,
                answered_at=answer.answered_at if answer else None,
            )
        )
    return PlanChecklistRead(
        plan_id=plan.id,
        score=rules.checklist_score(
            (i.weight, line.answer) for i, line in zip(items, lines, strict=True)
        ),
        complete=all(line.answer is not None for line in lines),
        items=lines,
    )


def _check_service_plan(plan: Plan) -> None:
    if plan.level is not PlanLevel.SERVICE_PLAN:
        raise NotFound(
            f"Plan {plan.id} is a {plan.level.value}: only service plans have a checklist."
        )


async def answer(
    session: AsyncSession, actor: Actor, plan: Plan, data: ChecklistAnswers
) -> PlanChecklistRead:
    """The performance team's answers; questions not mentioned keep their answers."""
    _check_service_plan(plan)
    if plan.status in (PlanStatus.PUBLISHED, PlanStatus.ARCHIVED):
        raise Conflict(f"Plan {plan.id} is {plan.status.value}; its quality assurance is closed.")
    items = {i.id: i for i in await active_items(session)}
    errors = []
    seen: set[int] = set()
    for index, given in enumerate(data.answers):
        if given.item_id not in items:
            errors.append(
                FieldError(
                    f"answers.{index}.item_id",
                    f"there is no active checklist question {given.item_id}",
                )
            )
        elif given.item_id in seen:
            errors.append(
                FieldError(f"answers.{index}.item_id", "the same question is answered twice")
            )
        seen.add(given.item_id)
    if errors:
        raise ValidationFailed("Some answers are not valid.", errors)
    existing = {
        a.item_id: a
        for a in (
            await session.scalars(
                select(PlanChecklistAnswer).where(PlanChecklistAnswer.plan_id == plan.id)
            )
        ).all()
    }
    before = {str(k): [v.answer.value, v.comment] for k, v in existing.items()}
    for given in data.answers:
        row = existing.get(given.item_id)
        if row is None:
            row = PlanChecklistAnswer(plan_id=plan.id, item_id=given.item_id, answer=given.answer)
            session.add(row)
            existing[given.item_id] = row
        row.answer = given.answer
        row.comment = given.comment
        row.answered_by_id = actor.principal.id or None
        row.answered_at = utcnow()
    await session.flush()
    after = {str(k): [v.answer.value, v.comment] for k, v in existing.items()}
    if after != before:
        audit.record_change(session, actor, "update", "plan_checklist", plan.id, before, after)
    return await plan_checklist(session, plan)


# --- the questions ------------------------------------------------------------------------


async def list_items(session: AsyncSession, *, active: bool | None) -> list[QaChecklistItem]:
    query = select(QaChecklistItem).order_by(QaChecklistItem.position, QaChecklistItem.id)
    if active is not None:
        query = query.where(QaChecklistItem.active.is_(active))
    return list((await session.scalars(query.limit(MAX_ITEMS))).all())


async def get_item(session: AsyncSession, item_id: int) -> QaChecklistItem:
    item = await session.get(QaChecklistItem, item_id, populate_existing=True)
    if item is None:
        raise NotFound(f"There is no checklist question {item_id}.")
    return item


async def _ensure_code_free(session: AsyncSession, code: str, except_id: int | None) -> None:
    found = await session.scalar(select(QaChecklistItem.id).where(QaChecklistItem.code == code))
    if found is not None and found != except_id:
        raise Conflict(
            f"Checklist question {found} already has the code {code}.",
            [FieldError("code", "already used")],
        )


def _snapshot(item: QaChecklistItem) -> dict[str, Any]:
    return audit.snapshot(item, ITEM_FIELDS)


async def create_item(
    session: AsyncSession, actor: Actor, data: ChecklistItemCreate
) -> QaChecklistItem:
    await _ensure_code_free(session, data.code, None)
    count = len(await list_items(session, active=None))
    if count >= MAX_ITEMS:
        raise Conflict(f"The checklist has {MAX_ITEMS} questions, the most it may hold.")
    item = QaChecklistItem(**data.model_dump())
    session.add(item)
    await session.flush()
    audit.record_change(
        session, actor, "create", "qa_checklist_item", item.id, None, _snapshot(item)
    )
    return item


async def update_item(
    session: AsyncSession, actor: Actor, item: QaChecklistItem, data: ChecklistItemUpdate
) -> QaChecklistItem:
    changes = data.model_dump(exclude_unset=True)
    nulls = [
        FieldError(k, "may not be null") for k, v in changes.items() if v is None and k != "section"
    ]
    if nulls:
        raise ValidationFailed("Some fields may not be emptied.", nulls)
    if changes.get("section") is None and "section" in changes:
        changes["section"] = ""
    if "code" in changes:
        await _ensure_code_free(session, changes["code"], item.id)
    before = _snapshot(item)
    for name, value in changes.items():
        setattr(item, name, value)
    if _snapshot(item) == before:
        return item
    item.updated_at = utcnow()
    await session.flush()
    audit.record_change(
        session, actor, "update", "qa_checklist_item", item.id, before, _snapshot(item)
    )
    return item
