"""User accounts: look-ups, creation and authentication."""

from __future__ import annotations

from anyio import to_thread
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.config import Settings
from goldenthread.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from goldenthread.core.principal import Actor, Role
from goldenthread.core.security import burn_verification_time, hash_secret, verify_secret
from goldenthread.organisations import service as organisations
from goldenthread.users.models import User
from goldenthread.users.schemas import UserCreate, UserUpdate


async def get_user(session: AsyncSession, user_id: int) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    return user


async def list_users(session: AsyncSession) -> list[User]:
    return list((await session.scalars(select(User).order_by(User.full_name, User.id))).all())


async def existing_user_ids(session: AsyncSession, ids: set[int]) -> set[int]:
    if not ids:
        return set()
    rows = await session.scalars(select(User.id).where(User.id.in_(ids)))
    return set(rows.all())


async def create_user(session: AsyncSession, data: UserCreate, settings: Settings) -> User:
    username = data.username.lower()
    taken = await session.scalar(select(func.count()).where(User.username == username))
    if taken:
        raise Conflict(
            f"The username {username!r} is taken.", [FieldError("username", "already taken")]
        )
    await organisations.check_placement(session, data.organisation_id, data.org_unit_id)
    if data.manager_id is not None and await session.get(User, data.manager_id) is None:
        raise ValidationFailed(
            "The line manager does not exist.",
            [FieldError("manager_id", f"there is no user {data.manager_id}")],
        )
    password_hash = await to_thread.run_sync(hash_secret, data.password, settings)
    user = User(
        username=username,
        full_name=data.full_name,
        email=data.email,
        job_title=data.job_title,
        role=data.role,
        organisation_id=data.organisation_id,
        org_unit_id=data.org_unit_id,
        manager_id=data.manager_id,
        password_hash=password_hash,
        active=True,
    )
    session.add(user)
    await session.flush()
    return user


async def authenticate(
    session: AsyncSession, username: str, password: str, settings: Settings
) -> User | None:
    """The active user with these credentials, or None; takes as long either way."""
    user = await session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active:
        await to_thread.run_sync(burn_verification_time, settings)
        return None
    ok = await to_thread.run_sync(verify_secret, user.password_hash, password, settings)
    return user if ok else None


def reject_unknown_user_fields(missing: set[int], fields: dict[int, str]) -> None:
    errors = [
        FieldError(field, f"there is no user {uid}")
        for uid, field in fields.items()
        if uid in missing
    ]
    if errors:
        raise ValidationFailed("Some users named do not exist.", errors)


async def set_line_manager(
    session: AsyncSession, actor: Actor, user: User, manager_id: int | None
) -> User:
    """Set who a person reports to; a chain that would loop back to them is refused."""
    if manager_id is not None:
        managers = dict((await session.execute(select(User.id, User.manager_id))).all())
        if manager_id not in managers:
            raise ValidationFailed(
                "The line manager does not exist.",
                [FieldError("manager_id", f"there is no user {manager_id}")],
            )
        current: int | None = manager_id
        while current is not None:
            if current == user.id:
                raise ValidationFailed(
                    "A person cannot report to themself, directly or through others.",
                    [FieldError("manager_id", "would make a loop of line managers")],
                )
            current = managers.get(current)
    if user.manager_id == manager_id:
        return user
    before = {"manager_id": user.manager_id}
    user.manager_id = manager_id
    await session.flush()
    audit.record(
        session,
        actor,
        action="update",
        entity="user",
        entity_id=user.id,
        indicator_id=None,
        before=before,
        after={"manager_id": manager_id},
    )
    return user


# Fields sent as null are refused rather than cleared, except these.
_NULLABLE = frozenset({"email", "job_title", "org_unit_id"})


async def update_user(session: AsyncSession, actor: Actor, user: User, data: UserUpdate) -> User:
    """Change an account's details, role or unit, or disable it; recorded in the audit trail.
    Administrators cannot disable themselves or give up their own role, so a council is never
    left without one by mistake."""
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    errors = [
        FieldError(name, "may not be null")
        for name, value in changes.items()
        if value is None and name not in _NULLABLE
    ]
    if user.id == actor.principal.id:
        if changes.get("active") is False:
            errors.append(FieldError("active", "you cannot disable your own account"))
        if "role" in changes and changes["role"] not in (None, Role.ADMIN):
            errors.append(FieldError("role", "you cannot give up your own administrator role"))
    if errors:
        raise ValidationFailed("The account cannot be changed so.", errors)
    if "org_unit_id" in changes:
        await organisations.check_placement(session, user.organisation_id, changes["org_unit_id"])
    changed = {name: value for name, value in changes.items() if getattr(user, name) != value}
    if not changed:
        return user
    before = {name: getattr(user, name) for name in changed}
    for name, value in changed.items():
        setattr(user, name, value)
    await session.flush()
    audit.record(
        session,
        actor,
        action="update",
        entity="user",
        entity_id=user.id,
        indicator_id=None,
        before=before,
        after=changed,
    )
    return user
