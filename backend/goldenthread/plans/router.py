"""Plans at every level of the golden thread, their status workflow and QA checklist."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response, status

from goldenthread.audit import service as audit
from goldenthread.core.deps import (
    CurrentActor,
    CurrentPrincipal,
    RegisterPrincipal,
    Session,
    StaffPrincipal,
)
from goldenthread.core.http import check_version, check_version_showing, set_version_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.query import Id, YearParam, parse_year_param
from goldenthread.periods.rules import financial_year_code
from goldenthread.plans import access, checklist, service, workflow
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.plans.schemas import (
    ChecklistAnswers,
    ChecklistItemCreate,
    ChecklistItemRead,
    ChecklistItemUpdate,
    PlanChecklistRead,
    PlanCreate,
    PlanRead,
    PlanTransition,
    PlanUpdate,
)

router = APIRouter(prefix="/plans", tags=["plans"])
checklist_router = APIRouter(prefix="/plan-checklist-items", tags=["plans"])


async def _for_change(
    session: Session, plan_id: Id, request: Request, principal: StaffPrincipal
) -> tuple[Plan, Editor]:
    plan = await service.get_plan(session, plan_id, principal)
    editor = await access.editor_of(session, principal)

    async def shown() -> dict[str, object]:
        read = await service.read_one(session, plan, editor)
        return await audit.shown_as_changed(session, read, "plan", plan.id)

    await check_version_showing(request, plan.version, f"Plan {plan.id}", shown)
    return plan, editor


async def _answer(session: Session, plan: Plan, editor: Editor, response: Response) -> PlanRead:
    set_version_etag(response, plan.version)
    return await service.read_one(session, plan, editor)


@router.get("", response_model=Page[PlanRead], tags=["public"])
async def list_plans(
    session: Session,
    principal: CurrentPrincipal,
    level: PlanLevel | None = None,
    status: PlanStatus | None = None,
    parent: Id | None = Query(None, description="Only plans directly beneath this plan."),
    org_unit: Id | None = Query(None, description="Only plans owned by this org unit."),
    owner: Id | None = Query(None, description="Only plans owned by this person."),
    year: YearParam = None,
    q: str | None = Query(None, max_length=100, description="Words in the title."),
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Page[PlanRead]:
    """List plans (partner clients see only the partnership's plans)."""
    year_number = parse_year_param(year)
    rows, next_cursor = await service.list_plans(
        session,
        principal,
        level=level,
        status=status,
        parent_id=parent,
        org_unit_id=org_unit,
        owner_user_id=owner,
        year=None if year_number is None else financial_year_code(year_number),
        q=q,
        limit=limit,
        cursor=cursor,
    )
    editor = await access.editor_of(session, principal)
    return Page(items=await service.read_many(session, rows, editor), next_cursor=next_cursor)


@router.post("", response_model=PlanRead, status_code=status.HTTP_201_CREATED)
async def create_plan(
    data: PlanCreate,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    response: Response,
) -> PlanRead:
    """Create a plan as a draft (managers for their own org unit and below)."""
    editor = await access.editor_of(session, principal)
    plan = await service.create_plan(session, actor, editor, data)
    response.headers["Location"] = f"/api/v1/plans/{plan.id}"
    return await _answer(session, plan, editor, response)


@router.get("/{plan_id}", response_model=PlanRead, tags=["public"])
async def get_plan(
    plan_id: Id, session: Session, principal: CurrentPrincipal, response: Response
) -> PlanRead:
    """Read one plan; the ETag is its version, for If-Match on update."""
    plan = await service.get_plan(session, plan_id, principal)
    set_version_etag(response, plan.version)
    return await service.read_one(session, plan, await access.editor_of(session, principal))


@router.patch("/{plan_id}", response_model=PlanRead)
async def update_plan(
    plan_id: Id,
    data: PlanUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    response: Response,
) -> PlanRead:
    """Change a plan; a published one needs an amendment_reason, an archived one cannot."""
    plan, editor = await _for_change(session, plan_id, request, principal)
    plan = await service.update_plan(session, actor, editor, plan, data)
    return await _answer(session, plan, editor, response)


@router.delete("/{plan_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_plan(
    plan_id: Id, request: Request, session: Session, actor: CurrentActor, principal: StaffPrincipal
) -> None:
    """Delete a draft plan with its objectives (other plans are archived instead)."""
    plan, editor = await _for_change(session, plan_id, request, principal)
    await service.delete_plan(session, actor, editor, plan)


@router.post("/{plan_id}/status", response_model=PlanRead)
async def change_status(
    plan_id: Id,
    data: PlanTransition,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    response: Response,
) -> PlanRead:
    """Move a plan along its workflow (only the performance team quality-assures)."""
    plan, editor = await _for_change(session, plan_id, request, principal)
    plan = await workflow.transition(session, actor, editor, plan, data)
    return await _answer(session, plan, editor, response)


@router.post("/{plan_id}/new-version", response_model=PlanRead, status_code=status.HTTP_201_CREATED)
async def new_version(
    plan_id: Id,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    response: Response,
) -> PlanRead:
    """Start the next version of a plan: a draft copy with its objectives and links."""
    plan = await service.get_plan(session, plan_id, principal)
    editor = await access.editor_of(session, principal)
    copy = await workflow.new_version(session, actor, editor, plan)
    response.headers["Location"] = f"/api/v1/plans/{copy.id}"
    return await _answer(session, copy, editor, response)


@router.get("/{plan_id}/checklist", response_model=PlanChecklistRead)
async def get_checklist(
    plan_id: Id, session: Session, principal: StaffPrincipal
) -> PlanChecklistRead:
    """A service plan's quality-assurance checklist with its answers and score."""
    plan = await service.get_plan(session, plan_id, principal)
    return await checklist.plan_checklist(session, plan)


@router.put("/{plan_id}/checklist", response_model=PlanChecklistRead)
async def answer_checklist(
    plan_id: Id,
    data: ChecklistAnswers,
    session: Session,
    actor: CurrentActor,
    principal: RegisterPrincipal,
) -> PlanChecklistRead:
    """Record the performance team's quality-assurance answers for a service plan."""
    plan = await service.get_plan(session, plan_id, principal)
    return await checklist.answer(session, actor, plan, data)


@checklist_router.get("", response_model=list[ChecklistItemRead])
async def list_checklist_items(
    session: Session,
    _: StaffPrincipal,
    active: bool | None = Query(None, description="Only active (true) or inactive (false)."),
) -> list[ChecklistItemRead]:
    """The questions of the service-plan quality-assurance checklist."""
    items = await checklist.list_items(session, active=active)
    return [ChecklistItemRead.model_validate(i) for i in items]


@checklist_router.post("", response_model=ChecklistItemRead, status_code=status.HTTP_201_CREATED)
async def create_checklist_item(
    data: ChecklistItemCreate, session: Session, actor: CurrentActor, _: RegisterPrincipal
) -> ChecklistItemRead:
    """Add a question to the checklist (performance team and administrators)."""
    item = await checklist.create_item(session, actor, data)
    return ChecklistItemRead.model_validate(item)


@checklist_router.patch("/{item_id}", response_model=ChecklistItemRead)
async def update_checklist_item(
    item_id: Id,
    data: ChecklistItemUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    _: RegisterPrincipal,
    response: Response,
) -> ChecklistItemRead:
    """Reword, reweigh, reorder or retire a checklist question (performance team)."""
    item = await checklist.get_item(session, item_id)
    check_version(request, item.version, f"Checklist question {item.id}")
    item = await checklist.update_item(session, actor, item, data)
    set_version_etag(response, item.version)
    return ChecklistItemRead.model_validate(item)
