"""Pure rules of the register: code normalisation and who may write an indicator's data."""

from __future__ import annotations

import re
from decimal import Decimal

from goldenthread.core.principal import Principal, Role
from goldenthread.periods.rules import Frequency, Period, PeriodError, parse_period
from goldenthread.status.rules import Aggregation, Unit

DEFAULT_TOLERANCE_PERCENT = Decimal(5)
PARTNER_READABLE_SET = "LAA"

_SPACES = re.compile(r"\s+")


def normalise_code(code: str) -> tuple[str, str]:
    """The code as displayed (trimmed, single spaces) and its case-insensitive key."""
    display = _SPACES.sub(" ", code.strip())
    return display, display.casefold()


def default_multiplier(unit: Unit, aggregation: Aggregation) -> Decimal:
    return Decimal(100) if unit is Unit.PERCENT and aggregation is Aggregation.RATIO else Decimal(1)


def may_write_data(
    principal: Principal,
    *,
    owner_id: int | None,
    deputy_id: int | None,
    lead_organisation_id: int | None,
    outturn: bool,
) -> bool:
    """Whether the principal may write this indicator's targets (outturn=False) or outturns.

    The performance team and administrators may write any indicator; a contributor only the
    indicators they own or deputise for; managers and viewers none. A partner client with the
    ``outturns:write`` scope may write outturns of indicators its organisation leads.
    """
    if principal.is_client:
        return (
            outturn
            and principal.has_scope("outturns:write")
            and lead_organisation_id is not None
            and lead_organisation_id == principal.organisation_id
        )
    if principal.role in (Role.ADMIN, Role.PERFORMANCE):
        return True
    if principal.role is Role.CONTRIBUTOR:
        return principal.id in (owner_id, deputy_id)
    return False


def may_verify(principal: Principal) -> bool:
    return principal.has_role(Role.ADMIN, Role.PERFORMANCE)


def partner_may_read(sets: list[str], shared_with_partners: bool) -> bool:
    return shared_with_partners or PARTNER_READABLE_SET in sets


def period_for_indicator(code: str, frequency: Frequency, *, allow_annual: bool) -> Period:
    """Parse a period code and check it suits an indicator of this frequency.

    Outturns use the indicator's own frequency; targets may also be annual.
    """
    period = parse_period(code)
    if period.frequency is frequency or (allow_annual and period.frequency is Frequency.ANNUAL):
        return period
    examples = {
        Frequency.MONTHLY: "a month like 2008-09-M01",
        Frequency.QUARTERLY: "a quarter like 2008-09-Q1",
        Frequency.ANNUAL: "a financial year like 2008-09",
    }
    expected = examples[frequency]
    if allow_annual and frequency is not Frequency.ANNUAL:
        expected += " or " + examples[Frequency.ANNUAL]
    raise PeriodError(
        f"{period.code} is a {period.frequency.value} period but this indicator is "
        f"{frequency.value}: expected {expected}"
    )
