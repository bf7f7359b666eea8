"""Shapes of audit entries in the API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

# Every kind of record the trail holds changes of (the ``entity`` of its entries).
AuditedEntity = Literal[
    "indicator",
    "target",
    "outturn",
    "user",
    "deadline_rule",
    "cycle_template",
    "cycle_year",
    "cycle_event",
    "plan",
    "plan_checklist",
    "qa_checklist_item",
    "objective",
    "objective_link",
    "objective_indicator",
    "action",
    "action_update",
    "risk",
    "risk_review",
    "commitment",
    "commitment_item",
    "commitment_review",
    "appraisal",
    "comparator_group",
    "comparator_values",
    "benchmark_aim",
    "finance_figure",
]


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
