"""Staff user accounts."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from goldenthread.core.deps import AppSettings, CurrentActor, Session, StaffPrincipal
from goldenthread.core.errors import Forbidden
from goldenthread.core.principal import Role
from goldenthread.core.query import Id
from goldenthread.users import service
from goldenthread.users.schemas import LineManagerWrite, UserCreate, UserRead, UserUpdate

router = APIRouter(tags=["users"])


@router.get("/users", response_model=list[UserRead])
async def list_users(session: Session, _: StaffPrincipal) -> list[UserRead]:
    """List staff accounts (for choosing owners and deputies)."""
    return [UserRead.model_validate(u) for u in await service.list_users(session)]


@router.post("/users", response_model=UserRead, status_code=status.HTTP_201_CREATED)
async def create_user(
    data: UserCreate, session: Session, principal: StaffPrincipal, settings: AppSettings
) -> UserRead:
    """Create a staff account (administrators only)."""
    if principal.role is not Role.ADMIN:
        raise Forbidden("Only an administrator may create accounts.")
    return UserRead.model_validate(await service.create_user(session, data, settings))


@router.put("/users/{user_id}/manager", response_model=UserRead)
async def set_line_manager(
    user_id: Id,
    data: LineManagerWrite,
    session: Session,
    principal: StaffPrincipal,
    actor: CurrentActor,
) -> UserRead:
    """Set a person's line manager (administrators only)."""
    if principal.role is not Role.ADMIN:
        raise Forbidden("Only an administrator may change line managers.")
    user = await service.get_user(session, user_id)
    return UserRead.model_validate(
        await service.set_line_manager(session, actor, user, data.manager_id)
    )


@router.patch("/users/{user_id}", response_model=UserRead)
async def update_user(
    user_id: Id,
    data: UserUpdate,
    request: Request,
    session: Session,
    principal: StaffPrincipal,
    actor: CurrentActor,
) -> UserRead:
    """Change a person's details, role or org unit, or disable their account (administrators
    only); a disabled account's tokens stop working at once."""
    if principal.role is not Role.ADMIN:
        raise Forbidden("Only an administrator may change accounts.")
    user = await service.update_user(session, actor, await service.get_user(session, user_id), data)
    request.app.state.staff_gate.forget(user.id)
    return UserRead.model_validate(user)
