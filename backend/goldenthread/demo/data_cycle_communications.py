"""The demo cycle's communications plan: the recurring actions of a performance management
communications plan (see ``seeds/``), by audience. Declarative data only."""

from __future__ import annotations

from goldenthread.cycle.rules import Category, Recurrence
from goldenthread.demo.cycle_spec import (
    APPRAISAL,
    COMMS,
    COMMUNICATIONS,
    EVERY_MONTH,
    HEAD_OF_COMMS,
    HEAD_OF_PERFORMANCE,
    HEADS_OF_SERVICE,
    MONTHS,
    PARTNERS,
    PLAN,
    PUBLISH,
    QUARTERLY,
    REPORTING,
    CycleTemplateSpec,
)


def _c(
    title: str,
    category: Category,
    recurrence: Recurrence,
    months: tuple[int, ...] = (),
    *,
    role: str = HEAD_OF_COMMS,
    unit: str | None = None,
    description: str = "",
    window: int = 1,
) -> CycleTemplateSpec:
    # "Quarterly" without a month in the plan: at some time in each quarter, due by its end.
    quarterly = recurrence is Recurrence.QUARTERLY
    return CycleTemplateSpec(
        title,
        category,
        recurrence,
        COMMUNICATIONS,
        months,
        1 if quarterly else None,
        3 if quarterly else window,
        role,
        unit,
        description,
    )


_EVERY_OTHER_MONTH = (4, 6, 8, 10, 12, 2)

COMMUNICATIONS_PLAN: tuple[CycleTemplateSpec, ...] = (
    # Managers and other employees
    _c(
        "Performance headlines to all staff in the staff newsletter and team briefings",
        COMMS,
        EVERY_MONTH,
    ),
    _c(
        "Staff views sought on corporate, directorate and service communications",
        COMMS,
        EVERY_MONTH,
        role="Head of Communications, directors and heads of service",
    ),
    _c(
        "Staff views followed through into the preparation of plans",
        PLAN,
        MONTHS,
        (3,),
        role=HEADS_OF_SERVICE,
    ),
    _c("Performance items at the Leadership Forum", COMMS, QUARTERLY, role=HEAD_OF_PERFORMANCE),
    _c(
        "Performance improvement network meeting; notes cascaded to staff",
        COMMS,
        EVERY_MONTH,
        role=f"{HEAD_OF_PERFORMANCE} and performance improvement managers",
        unit="policy",
    ),
    _c(
        "Staff review and development training includes performance management",
        APPRAISAL,
        EVERY_MONTH,
        role="Training and development manager",
        unit="hr",
    ),
    _c("Annual report and accounts highlights to all staff", COMMS, MONTHS, (11,)),
    _c(
        "Issues from directors' quarterly performance reviews cascaded through directorate "
        "management teams",
        REPORTING,
        QUARTERLY,
        role="Directors, with minutes from the performance team",
    ),
    _c(
        "Performance briefings, clinics or away-days in every service",
        COMMS,
        QUARTERLY,
        role="Performance improvement managers",
    ),
    _c(
        "Head of Policy and Performance meets each member of the corporate management board",
        REPORTING,
        EVERY_MONTH,
        role=HEAD_OF_PERFORMANCE,
        unit="policy",
    ),
    _c(
        "Cascade from the performance management workstream group",
        COMMS,
        QUARTERLY,
        role=HEAD_OF_PERFORMANCE,
        unit="policy",
    ),
    _c("Employee opinion survey", COMMS, MONTHS, (7,), role="Research manager"),
    _c("Employee opinion survey results reported", COMMS, MONTHS, (10,), role="Research manager"),
    _c(
        "Actions from the employee opinion survey included in directorate and service plans",
        PLAN,
        MONTHS,
        (3,),
        role=HEADS_OF_SERVICE,
    ),
    # Councillors
    _c("Annual report and accounts highlights to all councillors", COMMS, MONTHS, (11,)),
    _c("Members' news and services update", COMMS, QUARTERLY, role="Members' services manager"),
    _c(
        "Performance briefings for lead Cabinet members",
        REPORTING,
        EVERY_MONTH,
        role="Directors and the Head of Human Resources",
    ),
    _c(
        "Performance reports to scrutiny committees",
        REPORTING,
        QUARTERLY,
        role="Directors and heads of service",
    ),
    # Partners
    _c(
        "Partnership newsletter on the Local Area Agreement and performance",
        PARTNERS,
        QUARTERLY,
        role="Partnership support manager",
    ),
    _c(
        "Cascade from the Partnership Board, chief executives' group and performance "
        "management group",
        PARTNERS,
        MONTHS,
        _EVERY_OTHER_MONTH,
        role="Partnership support manager",
        description="At least every other month.",
    ),
    _c("Annual report and accounts highlights to partners", PARTNERS, MONTHS, (11,)),
    _c(
        "Children's Trust Board performance digest",
        PARTNERS,
        QUARTERLY,
        role="Children's Trust performance lead",
        unit="cyp",
    ),
    # Users and citizens
    _c(
        "Performance features in the residents' magazine",
        COMMS,
        MONTHS,
        _EVERY_OTHER_MONTH,
        description="Six issues a year.",
    ),
    _c("Annual report information to residents", PUBLISH, MONTHS, (11,)),
    _c(
        "Summary performance information with Council Tax bills",
        PUBLISH,
        MONTHS,
        (3,),
        role="Head of Revenues",
        unit="revenues",
    ),
    _c(
        "Annual satisfaction survey conducted",
        COMMS,
        MONTHS,
        (9,),
        role="Research manager",
        window=2,
    ),
    _c("Satisfaction survey: basic results", COMMS, MONTHS, (11,), role="Research manager"),
    _c("Satisfaction survey: full results", COMMS, MONTHS, (1,), role="Research manager"),
    _c("Community fora", PARTNERS, QUARTERLY, role="Community engagement manager"),
)
