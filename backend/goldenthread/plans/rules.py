"""Pure rules of plans: the levels, the status workflow and the quality-assurance score."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class PlanLevel(StrEnum):
    """Top to bottom: the order of the members is the order of the hierarchy."""

    COMMUNITY_STRATEGY = "community_strategy"
    LOCAL_AREA_AGREEMENT = "local_area_agreement"
    CORPORATE_PLAN = "corporate_plan"
    ANNUAL_OPERATING_PLAN = "annual_operating_plan"
    DIRECTORATE_PLAN = "directorate_plan"
    SERVICE_PLAN = "service_plan"
    TEAM_PLAN = "team_plan"
    INDIVIDUAL = "individual"


LEVEL_RANK: dict[PlanLevel, int] = {level: rank for rank, level in enumerate(PlanLevel)}

# The partnership's plans: the only ones partner organisations may read.
PARTNERSHIP_LEVELS = frozenset({PlanLevel.COMMUNITY_STRATEGY, PlanLevel.LOCAL_AREA_AGREEMENT})


def is_higher(upper: PlanLevel, lower: PlanLevel) -> bool:
    """Whether ``upper`` sits strictly above ``lower`` in the hierarchy."""
    return LEVEL_RANK[upper] < LEVEL_RANK[lower]


class PlanStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    QUALITY_ASSURED = "quality_assured"
    APPROVED = "approved"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Who(StrEnum):
    """Who may make a transition: the plan's editors (its owners' managers, the performance
    team, administrators) or the performance team alone."""

    EDITOR = "editor"
    PERFORMANCE_TEAM = "performance_team"


TRANSITIONS: dict[tuple[PlanStatus, PlanStatus], Who] = {
    (PlanStatus.DRAFT, PlanStatus.SUBMITTED): Who.EDITOR,
    (PlanStatus.DRAFT, PlanStatus.ARCHIVED): Who.EDITOR,
    (PlanStatus.SUBMITTED, PlanStatus.DRAFT): Who.EDITOR,
    (PlanStatus.SUBMITTED, PlanStatus.QUALITY_ASSURED): Who.PERFORMANCE_TEAM,
    # Quality assurance may send a plan back for more work.
    (PlanStatus.QUALITY_ASSURED, PlanStatus.DRAFT): Who.PERFORMANCE_TEAM,
    (PlanStatus.QUALITY_ASSURED, PlanStatus.APPROVED): Who.EDITOR,
    (PlanStatus.APPROVED, PlanStatus.PUBLISHED): Who.EDITOR,
    (PlanStatus.PUBLISHED, PlanStatus.ARCHIVED): Who.EDITOR,
}


def allowed_targets(current: PlanStatus) -> list[PlanStatus]:
    return [to for (frm, to) in TRANSITIONS if frm is current]


class RefusalKind(StrEnum):
    NOT_ALLOWED = "not_allowed"  # no such step in the workflow
    NOT_PERMITTED = "not_permitted"  # the step exists, but not for this caller
    INCOMPLETE = "incomplete"  # the step needs something done first


@dataclass(frozen=True)
class Refusal:
    kind: RefusalKind
    message: str


def transition_refusal(
    current: PlanStatus,
    target: PlanStatus,
    *,
    may_edit: bool,
    performance_team: bool,
    checklist_complete: bool,
    checklist_required: bool,
) -> Refusal | None:
    """Why a plan may not move from ``current`` to ``target``; None when it may."""
    who = TRANSITIONS.get((current, target))
    if who is None:
        nexts = ", ".join(s.value for s in allowed_targets(current)) or "none"
        return Refusal(
            RefusalKind.NOT_ALLOWED,
            f"A {current.value} plan cannot become {target.value}; it can become: {nexts}.",
        )
    if who is Who.PERFORMANCE_TEAM and not performance_team:
        return Refusal(
            RefusalKind.NOT_PERMITTED,
            f"Only the performance team may move a plan from {current.value} to {target.value}.",
        )
    if who is Who.EDITOR and not (may_edit or performance_team):
        return Refusal(
            RefusalKind.NOT_PERMITTED,
            "Only the plan's managers or the performance team may change its status.",
        )
    if target is PlanStatus.QUALITY_ASSURED and checklist_required and not checklist_complete:
        return Refusal(
            RefusalKind.INCOMPLETE,
            "Answer every question of the quality-assurance checklist before quality-assuring.",
        )
    return None


# Changing the objectives of a plan in these states needs a stated reason (kept in the audit
# trail); otherwise a new version is the way.
AMEND_WITH_REASON = frozenset({PlanStatus.PUBLISHED})
FROZEN = frozenset({PlanStatus.ARCHIVED})


def change_refusal(status: PlanStatus, *, reason: str | None) -> str | None:
    """Why the content (objectives, sections) of a plan in ``status`` may not change now."""
    if status in FROZEN:
        return "An archived plan cannot change; start a new version of it instead."
    if status in AMEND_WITH_REASON and not (reason and reason.strip()):
        return (
            "This plan is published: start a new version of it, or give an amendment_reason "
            "to amend it in place (the reason is kept in the audit trail)."
        )
    return None


NEW_VERSION_FROM = frozenset({PlanStatus.APPROVED, PlanStatus.PUBLISHED, PlanStatus.ARCHIVED})


def new_version_refusal(status: PlanStatus) -> str | None:
    if status not in NEW_VERSION_FROM:
        return (
            f"A {status.value} plan can still be edited; new versions start from approved, "
            "published or archived plans."
        )
    return None


def parent_refusal(child: PlanLevel, parent: PlanLevel) -> str | None:
    if not is_higher(parent, child):
        return (
            f"A {child.value} cannot sit under a {parent.value}: "
            "the parent plan must be of a higher level."
        )
    return None


class ChecklistAnswer(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"


ANSWER_CREDIT: dict[ChecklistAnswer, Decimal] = {
    ChecklistAnswer.MET: Decimal(1),
    ChecklistAnswer.PARTLY: Decimal("0.5"),
    ChecklistAnswer.NOT_MET: Decimal(0),
}


def checklist_score(items: Iterable[tuple[int, ChecklistAnswer | None]]) -> Decimal | None:
    """Percentage score of a checklist from (weight, answer) pairs.

    Unanswered questions count as not met; questions answered not applicable leave the score
    alone. None when nothing applies.
    """
    earned = Decimal(0)
    possible = Decimal(0)
    for weight, answer in items:
        if answer is ChecklistAnswer.NOT_APPLICABLE or weight <= 0:
            continue
        possible += weight
        if answer is not None:
            earned += ANSWER_CREDIT[answer] * weight
    if possible == 0:
        return None
    return (earned * 100 / possible).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def year_span_refusal(start_year: str, end_year: str) -> str | None:
    """Both are financial-year codes (checked by the caller); the span must run forwards."""
    if end_year < start_year:
        return "end_year must not be before start_year."
    return None
