"""Shapes of audit entries in the API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor_kind: str
    actor_id: int | None
    actor_name: str
    via: str
    action: str
    entity: str
    entity_id: int
    indicator_id: int | None
    period: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
