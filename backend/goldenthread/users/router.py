"""Staff user accounts."""

from __future__ import annotations

from fastapi import APIRouter, status

from goldenthread.core.deps import AppSettings, Session, StaffPrincipal
from goldenthread.core.errors import Forbidden
from goldenthread.core.principal import Role
from goldenthread.users import service
from goldenthread.users.schemas import UserCreate, UserRead

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
