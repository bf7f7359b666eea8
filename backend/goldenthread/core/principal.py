"""Who is calling: a staff user or a partner API client."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    PERFORMANCE = "performance"
    MANAGER = "manager"
    CONTRIBUTOR = "contributor"
    VIEWER = "viewer"


class PrincipalKind(StrEnum):
    USER = "user"
    CLIENT = "client"


# Roles that maintain the whole register and may write any indicator's data.
REGISTER_ROLES = frozenset({Role.ADMIN, Role.PERFORMANCE})


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    id: int
    name: str
    organisation_id: int | None
    role: Role | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_user(self) -> bool:
        return self.kind is PrincipalKind.USER

    @property
    def is_client(self) -> bool:
        return self.kind is PrincipalKind.CLIENT

    def has_role(self, *roles: Role) -> bool:
        return self.is_user and self.role in roles

    @property
    def maintains_register(self) -> bool:
        return self.is_user and self.role in REGISTER_ROLES

    def has_scope(self, scope: str) -> bool:
        return self.is_client and scope in self.scopes

    @property
    def label(self) -> str:
        return f"{self.kind.value}:{self.id} {self.name}"


class Via(StrEnum):
    """How a change arrived; recorded in the audit trail and as an outturn's provenance."""

    UI = "ui"
    IMPORT = "import"
    API = "api"
    PARTNER = "partner"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    """A principal making a change, and the channel it came through."""

    principal: Principal
    via: Via


SYSTEM_PRINCIPAL = Principal(
    kind=PrincipalKind.USER, id=0, name="Golden Thread", organisation_id=None, role=Role.ADMIN
)
SYSTEM_ACTOR = Actor(SYSTEM_PRINCIPAL, Via.SYSTEM)
