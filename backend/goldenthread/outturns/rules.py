"""Pure rules of outturns, shared by the single-row endpoints and bulk imports: which figures
an indicator takes, the value a ratio derives, and the data-quality workflow."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from goldenthread.core.errors import FieldError, Forbidden
from goldenthread.outturns.models import OutturnStatus
from goldenthread.status.rules import Aggregation, Unit

VERIFIER_STATUSES = (OutturnStatus.VERIFIED, OutturnStatus.QUALIFIED)
# Derived ratio values keep this many places; status is judged from the numerator and
# denominator themselves, so nothing depends on this rounding.
DERIVED_PLACES = Decimal("1e-10")

Figures = tuple[Decimal | None, Decimal | None, Decimal | None]


class InvalidFigures(ValueError):
    """The figures do not suit the indicator; ``errors`` names each field at fault."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


def derive_figures(
    aggregation: Aggregation,
    unit: Unit,
    multiplier: Decimal,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
) -> Figures:
    """Check the figures suit the indicator; answer (value, numerator, denominator) with the
    value of a ratio worked out. Raises :class:`InvalidFigures`."""
    if aggregation is Aggregation.RATIO:
        if value is None and numerator is not None and denominator is not None and denominator > 0:
            derived = (
                (numerator / denominator * multiplier)
                .quantize(DERIVED_PLACES, rounding=ROUND_HALF_UP)
                .normalize()
            )
            return derived, numerator, denominator
        errors: list[FieldError] = []
        if value is not None:
            errors.append(
                FieldError(
                    "value",
                    "a ratio indicator takes numerator and "
                    "denominator; the value is worked out from them",
                )
            )
        if numerator is None:
            errors.append(FieldError("numerator", "required for a ratio indicator"))
        if denominator is None:
            errors.append(FieldError("denominator", "required for a ratio indicator"))
        elif denominator == 0:
            errors.append(FieldError("denominator", "must not be zero"))
        elif denominator < 0:
            errors.append(FieldError("denominator", "must be positive"))
        raise InvalidFigures(errors)
    if (
        value is not None
        and numerator is None
        and denominator is None
        and (unit is not Unit.YES_NO or value in (0, 1))
    ):
        return value, None, None
    errors = []
    if value is None:
        errors.append(FieldError("value", "required"))
    for name, given in (("numerator", numerator), ("denominator", denominator)):
        if given is not None:
            errors.append(
                FieldError(name, "only ratio indicators take a numerator and denominator")
            )
    if unit is Unit.YES_NO and value not in (None, 0, 1):
        errors.append(FieldError("value", "a yes/no indicator takes 1 (yes) or 0 (no)"))
    raise InvalidFigures(errors)


def next_status(
    may_verify: bool,
    requested: OutturnStatus | None,
    current: OutturnStatus | None,
    figures_changed: bool,
) -> OutturnStatus:
    """The status an outturn takes when written: the one asked for (verified and qualified
    only by the performance team); else draft when new, submitted again when a verified
    figure changed, otherwise unchanged."""
    if requested in VERIFIER_STATUSES and not may_verify:
        raise Forbidden("Only the performance team may verify or qualify an outturn.")
    if requested is not None:
        return requested
    if current is None:
        return OutturnStatus.DRAFT
    if figures_changed and current in VERIFIER_STATUSES:
        return OutturnStatus.SUBMITTED  # a changed figure needs verifying again
    return current


def audit_action(created: bool, figures_changed: bool, status: OutturnStatus) -> str:
    """What the audit trail calls a write: a create, a verification, or an update."""
    if created:
        return "create"
    return "verify" if not figures_changed and status is OutturnStatus.VERIFIED else "update"
