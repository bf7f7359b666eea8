"""Commitments: review dates, who signs off, and what stays open once signed."""

from __future__ import annotations

from datetime import date

import pytest

from goldenthread.commitments.rules import (
    QUADRANT_LABELS,
    Quadrant,
    ReviewKind,
    SignOffRefusal,
    locked_fields,
    review_date_problem,
    sign_off_refusal,
    usual_review_day,
    year_bounds,
)

TODAY = date(2009, 3, 1)


def test_the_four_quadrants_in_template_order() -> None:
    assert [QUADRANT_LABELS[q] for q in Quadrant] == [
        "Our Customers",
        "Our Operations",
        "Our Resources",
        "Our Innovation and Learning",
    ]


def test_years_and_usual_review_days() -> None:
    assert year_bounds(2008) == (date(2008, 4, 1), date(2009, 3, 31))
    assert usual_review_day(ReviewKind.SEPTEMBER, 2008) == date(2008, 9, 1)
    assert usual_review_day(ReviewKind.JANUARY, 2008) == date(2009, 1, 1)


@pytest.mark.parametrize(
    ("kind", "held_on", "problem"),
    [
        (ReviewKind.SEPTEMBER, date(2008, 9, 24), None),
        (ReviewKind.SEPTEMBER, date(2008, 10, 14), None),  # slipped a month: still fine
        (ReviewKind.JANUARY, date(2009, 1, 27), None),
        (ReviewKind.JANUARY, date(2008, 12, 15), None),
        (ReviewKind.SEPTEMBER, date(2008, 3, 31), "within the financial year"),
        (ReviewKind.JANUARY, date(2009, 4, 1), "within the financial year"),
        (ReviewKind.JANUARY, date(2008, 8, 31), "before September"),
        (ReviewKind.JANUARY, date(2009, 3, 2), "future"),
    ],
)
def test_review_dates(kind: ReviewKind, held_on: date, problem: str | None) -> None:
    found = review_date_problem(kind, 2008, held_on, TODAY)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


DIRECTOR, HEAD, OTHER = 1, 2, 3


@pytest.mark.parametrize(
    ("signer", "line_manager", "signed", "refusal"),
    [
        (DIRECTOR, DIRECTOR, False, None),
        (DIRECTOR, DIRECTOR, True, SignOffRefusal.ALREADY),
        (OTHER, DIRECTOR, False, SignOffRefusal.NOT_LINE_MANAGER),
        (OTHER, DIRECTOR, True, SignOffRefusal.NOT_LINE_MANAGER),
        (HEAD, DIRECTOR, False, SignOffRefusal.OWN),
        (DIRECTOR, None, False, SignOffRefusal.NO_LINE_MANAGER),
        (HEAD, None, False, SignOffRefusal.OWN),
    ],
)
def test_only_the_managers_own_line_manager_signs_off_once(
    signer: int, line_manager: int | None, signed: bool, refusal: SignOffRefusal | None
) -> None:
    assert sign_off_refusal(signer, HEAD, line_manager, signed) is refusal


def test_refusals_of_who_asks_are_permissions() -> None:
    assert SignOffRefusal.OWN.is_permission
    assert SignOffRefusal.NOT_LINE_MANAGER.is_permission
    assert not SignOffRefusal.ALREADY.is_permission
    assert not SignOffRefusal.NO_LINE_MANAGER.is_permission


def test_once_signed_only_progress_changes() -> None:
    assert locked_fields({"outcome", "progress"}, signed_off=False) == []
    assert locked_fields({"progress"}, signed_off=True) == []
    assert locked_fields({"outcome", "progress", "action_plan"}, signed_off=True) == [
        "action_plan",
        "outcome",
    ]
