"""Pure rules of plans, the golden thread and actions, tested without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import product

import pytest

from goldenthread.actions.models import ActionStatus
from goldenthread.actions.rules import ActionState, is_overdue, settle_progress, state
from goldenthread.objectives.rules import (
    adjacency,
    closures,
    link_refusal,
    reachable,
    roots_above,
    serves_level,
    would_cycle,
)
from goldenthread.plans.rules import (
    LEVEL_RANK,
    ChecklistAnswer,
    PlanLevel,
    PlanStatus,
    RefusalKind,
    change_refusal,
    checklist_score,
    new_version_refusal,
    parent_refusal,
    transition_refusal,
    year_span_refusal,
)

S = PlanStatus
ALLOWED = {
    (S.DRAFT, S.SUBMITTED): "editor",
    (S.DRAFT, S.ARCHIVED): "editor",
    (S.SUBMITTED, S.DRAFT): "editor",
    (S.SUBMITTED, S.QUALITY_ASSURED): "performance",
    (S.QUALITY_ASSURED, S.DRAFT): "performance",
    (S.QUALITY_ASSURED, S.APPROVED): "editor",
    (S.APPROVED, S.PUBLISHED): "editor",
    (S.PUBLISHED, S.ARCHIVED): "editor",
}


@pytest.mark.parametrize(("current", "target"), list(product(PlanStatus, PlanStatus)))
def test_every_transition_for_every_kind_of_caller(current: PlanStatus, target: PlanStatus) -> None:
    who = ALLOWED.get((current, target))
    for may_edit, performance in product((False, True), repeat=2):
        refusal = transition_refusal(
            current,
            target,
            may_edit=may_edit,
            performance_team=performance,
            checklist_complete=True,
            checklist_required=True,
        )
        if who is None:
            assert refusal is not None and refusal.kind is RefusalKind.NOT_ALLOWED
            assert current.value in refusal.message
        elif who == "performance":
            assert (refusal is None) == performance
        else:
            assert (refusal is None) == (may_edit or performance)
        if refusal is not None and who is not None:
            assert refusal.kind is RefusalKind.NOT_PERMITTED


def test_quality_assurance_needs_a_complete_checklist_where_there_is_one() -> None:
    def refusal(complete: bool, required: bool) -> object:
        return transition_refusal(
            S.SUBMITTED,
            S.QUALITY_ASSURED,
            may_edit=False,
            performance_team=True,
            checklist_complete=complete,
            checklist_required=required,
        )

    blocked = refusal(False, True)
    assert blocked is not None and blocked.kind is RefusalKind.INCOMPLETE  # type: ignore[attr-defined]
    assert refusal(True, True) is None
    assert refusal(False, False) is None


def test_levels_are_ordered_top_down() -> None:
    assert [lvl for lvl in sorted(PlanLevel, key=LEVEL_RANK.__getitem__)] == list(PlanLevel)
    assert parent_refusal(PlanLevel.SERVICE_PLAN, PlanLevel.DIRECTORATE_PLAN) is None
    assert parent_refusal(PlanLevel.SERVICE_PLAN, PlanLevel.SERVICE_PLAN) is not None
    assert parent_refusal(PlanLevel.CORPORATE_PLAN, PlanLevel.INDIVIDUAL) is not None


def test_published_plans_need_a_reason_and_archived_ones_do_not_change() -> None:
    for status in PlanStatus:
        without = change_refusal(status, reason=None)
        with_reason = change_refusal(status, reason="Cabinet decision")
        if status is S.PUBLISHED:
            assert without is not None and "new version" in without
            assert with_reason is None
        elif status is S.ARCHIVED:
            assert without is not None and with_reason is not None
        else:
            assert without is None and with_reason is None
    assert change_refusal(S.PUBLISHED, reason="   ") is not None
    assert [s for s in PlanStatus if new_version_refusal(s) is None] == [
        S.APPROVED,
        S.PUBLISHED,
        S.ARCHIVED,
    ]


def test_checklist_score() -> None:
    met, partly, no, na = (
        ChecklistAnswer.MET,
        ChecklistAnswer.PARTLY,
        ChecklistAnswer.NOT_MET,
        ChecklistAnswer.NOT_APPLICABLE,
    )
    assert checklist_score([]) is None
    assert checklist_score([(1, na)]) is None
    assert checklist_score([(1, met), (1, partly), (1, no)]) == Decimal("50.0")
    assert checklist_score([(1, met), (1, None)]) == Decimal("50.0")  # unanswered: not met
    assert checklist_score([(3, met), (1, no), (5, na)]) == Decimal("75.0")
    assert checklist_score([(1, met), (1, met), (1, partly)]) == Decimal("83.3")
    assert checklist_score([(0, no), (2, met)]) == Decimal("100.0")


def test_year_span() -> None:
    assert year_span_refusal("2008-09", "2010-11") is None
    assert year_span_refusal("2008-09", "2008-09") is None
    assert year_span_refusal("2009-10", "2008-09") is not None


def test_links_go_only_to_higher_plans() -> None:
    for child, parent in product(PlanLevel, PlanLevel):
        refused = link_refusal(child, parent)
        assert (refused is None) == (LEVEL_RANK[parent] < LEVEL_RANK[child]), (child, parent)


def test_walking_the_graph() -> None:
    # 1 <- 2 <- 4, 1 <- 3 <- 4 (a diamond), 5 alone; pairs are (child, parent).
    parents, children = adjacency([(2, 1), (3, 1), (4, 2), (4, 3)])
    assert reachable([4], parents) == {1, 2, 3}
    assert reachable([1], children) == {2, 3, 4}
    assert roots_above(4, parents) == {1}
    assert roots_above(5, parents) == {5}
    assert would_cycle(1, 4, parents)  # 1 already served by 4
    assert would_cycle(2, 2, parents)
    assert not would_cycle(4, 1, parents)
    spans = closures([1, 5], children)
    assert spans[1] == {1, 2, 3, 4}
    assert spans[2] == {2, 4}
    assert spans[5] == {5}


def test_closures_survive_a_loop_in_old_data() -> None:
    _, children = adjacency([(2, 1), (1, 2), (3, 2)])
    spans = closures([1], children)
    assert {1, 2, 3} <= spans[1] | spans[2]


def test_a_deep_thread_does_not_recurse() -> None:
    chain = [(n + 1, n) for n in range(1000)]
    _, children = adjacency(chain)
    assert len(closures([0], children)[0]) == 1001


TODAY = date(2008, 10, 1)


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        (ActionStatus.NOT_STARTED, date(2008, 9, 30), ActionState.OVERDUE),
        (ActionStatus.IN_PROGRESS, date(2008, 9, 30), ActionState.OVERDUE),
        (ActionStatus.IN_PROGRESS, TODAY, ActionState.ON_TRACK),  # due today is not late
        (ActionStatus.IN_PROGRESS, None, ActionState.ON_TRACK),
        (ActionStatus.COMPLETE, date(2008, 1, 1), ActionState.COMPLETE),
        (ActionStatus.CANCELLED, date(2008, 1, 1), ActionState.CANCELLED),
    ],
)
def test_action_state(status: ActionStatus, due: date | None, expected: ActionState) -> None:
    assert state(status, due, TODAY) is expected
    assert is_overdue(status, due, TODAY) == (expected is ActionState.OVERDUE)


def test_status_and_percent_stay_consistent() -> None:
    NS, IP, C = ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETE
    assert settle_progress(C, 40, status_given=True, percent_given=False) == (C, 100)
    assert settle_progress(IP, 100, status_given=False, percent_given=True) == (C, 100)
    assert settle_progress(IP, 100, status_given=True, percent_given=True) == (IP, 100)
    assert settle_progress(NS, 10, status_given=False, percent_given=True) == (IP, 10)
    assert settle_progress(NS, 0, status_given=False, percent_given=False) == (NS, 0)


def test_serves_level_follows_every_path_up_the_thread() -> None:
    # 1 (individual) -> 2 (team) -> 3 (service); 4 (individual) -> 5 (directorate) only.
    parents = {1: [2], 2: [3], 4: [5]}
    level_of = {
        1: PlanLevel.INDIVIDUAL,
        2: PlanLevel.TEAM_PLAN,
        3: PlanLevel.SERVICE_PLAN,
        4: PlanLevel.INDIVIDUAL,
        5: PlanLevel.DIRECTORATE_PLAN,
    }
    assert serves_level(1, parents, level_of, PlanLevel.SERVICE_PLAN)
    assert not serves_level(4, parents, level_of, PlanLevel.SERVICE_PLAN)
    # A node is not its own ancestor.
    assert not serves_level(3, parents, level_of, PlanLevel.SERVICE_PLAN)
