"""The pure figure rules shared by the single-row endpoints and bulk imports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goldenthread.core.errors import Forbidden
from goldenthread.outturns.models import OutturnStatus
from goldenthread.outturns.rules import InvalidFigures, audit_action, derive_figures, next_status
from goldenthread.status.rules import Aggregation, Polarity, Unit
from goldenthread.targets.rules import target_errors

D = Decimal
HUNDRED = D(100)


def _fields(error: InvalidFigures) -> list[tuple[str, str]]:
    return [(e["field"], e["message"]) for e in error.errors]


def test_a_ratio_derives_its_value_from_numerator_and_denominator() -> None:
    assert derive_figures(Aggregation.RATIO, Unit.PERCENT, HUNDRED, None, D(1), D(3)) == (
        D("33.3333333333"),
        D(1),
        D(3),
    )


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "expected"),
    [
        (
            D(5),
            D(1),
            D(2),
            [
                (
                    "value",
                    "a ratio indicator takes numerator and denominator; "
                    "the value is worked out from them",
                )
            ],
        ),
        (None, None, D(2), [("numerator", "required for a ratio indicator")]),
        (None, D(1), None, [("denominator", "required for a ratio indicator")]),
        (None, D(1), D(0), [("denominator", "must not be zero")]),
        (None, D(1), D(-2), [("denominator", "must be positive")]),
    ],
)
def test_ratio_faults(
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    expected: list[tuple[str, str]],
) -> None:
    with pytest.raises(InvalidFigures) as raised:
        derive_figures(Aggregation.RATIO, Unit.PERCENT, HUNDRED, value, numerator, denominator)
    assert _fields(raised.value) == expected


def test_other_indicators_take_a_value_alone() -> None:
    assert derive_figures(Aggregation.SUM, Unit.COUNT, D(1), D(7), None, None) == (D(7), None, None)
    with pytest.raises(InvalidFigures) as raised:
        derive_figures(Aggregation.SUM, Unit.COUNT, D(1), None, D(1), None)
    assert _fields(raised.value) == [
        ("value", "required"),
        ("numerator", "only ratio indicators take a numerator and denominator"),
    ]
    with pytest.raises(InvalidFigures) as raised:
        derive_figures(Aggregation.LAST, Unit.YES_NO, D(1), D(2), None, None)
    assert _fields(raised.value) == [("value", "a yes/no indicator takes 1 (yes) or 0 (no)")]
    assert derive_figures(Aggregation.LAST, Unit.YES_NO, D(1), D("1.0"), None, None)[0] == 1


def test_the_workflow_status_of_a_write() -> None:
    draft, submitted = OutturnStatus.DRAFT, OutturnStatus.SUBMITTED
    verified = OutturnStatus.VERIFIED
    assert next_status(False, None, None, True) is draft
    assert next_status(False, None, verified, True) is submitted
    assert next_status(False, None, verified, False) is verified
    assert next_status(True, verified, draft, False) is verified
    with pytest.raises(Forbidden, match="Only the performance team"):
        next_status(False, OutturnStatus.QUALIFIED, None, True)


def test_audit_actions() -> None:
    assert audit_action(True, True, OutturnStatus.DRAFT) == "create"
    assert audit_action(False, False, OutturnStatus.VERIFIED) == "verify"
    assert audit_action(False, True, OutturnStatus.VERIFIED) == "update"


def test_target_rules() -> None:
    band = Polarity.TARGET_BAND
    assert target_errors(band, None, D(1), D(2)) == []
    assert [e["field"] for e in target_errors(band, D(1), None, None)] == ["value", "low", "high"]
    assert target_errors(band, None, D(3), D(2)) == [
        {"field": "high", "message": "must not be below low"}
    ]
    assert target_errors(Polarity.HIGHER_IS_BETTER, D(1), None, None) == []
    assert [e["message"] for e in target_errors(Polarity.HIGHER_IS_BETTER, None, D(1), None)] == [
        "required",
        "only target-band indicators take low and high",
    ]
