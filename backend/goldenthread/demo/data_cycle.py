"""The demo's annual planning and reporting cycle: two councils' published timetables and a
communications plan, as templates.

Declarative data only (no database code). The events follow the source documents (see
``seeds/``): the month-by-month performance management timetable of one council's framework,
the annual planning and reporting cycle of another council's strategy (its Appendix 3), and
the recurring actions of a performance management communications plan. Local names of
publications and forums are given generically, and people are given as the roles they held:
a calendar outlives whoever holds a post.
"""

from __future__ import annotations

from goldenthread.cycle.models import LinkKind
from goldenthread.cycle.rules import Category, Recurrence
from goldenthread.demo.cycle_spec import (
    APPRAISAL,
    BUDGET,
    COMMIT,
    COMMS,
    EVERY_MONTH,
    FINANCE,
    FRAMEWORK,
    HEAD_OF_COMMS,
    HEAD_OF_PERFORMANCE,
    HEADS_OF_SERVICE,
    HR,
    MANAGEMENT_TEAM,
    MONITORING_REPORT,
    MONTHS,
    PARTNERS,
    PERFORMANCE_TEAM,
    PLAN,
    PUBLISH,
    QUARTERLY,
    REPORTING,
    RISK,
    STRATEGY,
    CycleTemplateSpec,
)
from goldenthread.demo.data_cycle_communications import COMMUNICATIONS_PLAN


def _f(
    title: str,
    category: Category,
    months: tuple[int, ...],
    *,
    window: int = 1,
    role: str = HEAD_OF_PERFORMANCE,
    unit: str | None = "policy",
    description: str = "",
    links: tuple[tuple[LinkKind, str, str], ...] = (),
) -> CycleTemplateSpec:
    return CycleTemplateSpec(
        title, category, MONTHS, FRAMEWORK, months, None, window, role, unit, description, links
    )


def _monitoring(months_reported: str, month: int, window: int = 1) -> CycleTemplateSpec:
    return _f(
        f"{months_reported} budget and performance monitoring report",
        REPORTING,
        (month,),
        window=window,
        role=f"{HEAD_OF_PERFORMANCE} with the {FINANCE}",
        description="Integrated performance, finance and risk report to the corporate "
        "management team, Cabinet and scrutiny.",
        links=(MONITORING_REPORT,),
    )


FRAMEWORK_TIMETABLE: tuple[CycleTemplateSpec, ...] = (
    # September
    _f(
        "Publish the Corporate Plan for the following three years",
        PUBLISH,
        (9,),
        links=((LinkKind.PLAN, "corporate_plan", "Corporate Plan"),),
    ),
    _f(
        "Commitments review for the current year",
        COMMIT,
        (9, 1),
        role="Chief Executive, supported by the Head of Performance Management",
        description="Formal review of and feedback on directors' and heads of service's "
        "progress on their commitments.",
    ),
    _f(
        "Six-monthly review of service plans; initial planning for next year's service plans",
        PLAN,
        (9,),
        role=HEADS_OF_SERVICE,
        unit=None,
    ),
    _monitoring("First four months'", 9),
    # October
    _f("Organisational self-assessment (EFQM assessment every third year)", PLAN, (10,)),
    _f("Commence budget planning and consultation", BUDGET, (10,), role=FINANCE, unit="finance"),
    # November/December
    _f("Draft Annual Operating Plan in place", PLAN, (11,), window=2, role=MANAGEMENT_TEAM),
    _f(
        "Commence negotiations on service level agreements",
        BUDGET,
        (11,),
        window=2,
        role=HEADS_OF_SERVICE,
        unit=None,
    ),
    _monitoring("Six months'", 11, window=2),
    # January
    _f("Quality-assure draft service plans", PLAN, (1,), role=PERFORMANCE_TEAM, unit="performance"),
    _f(
        "Draft commitments agreed for directors and heads of department",
        COMMIT,
        (1,),
        role="Chief Executive",
    ),
    _monitoring("Eight months'", 1),
    # February/March
    _f("Confirm the budget", BUDGET, (2,), window=2, role="Cabinet and Council", unit="finance"),
    _f(
        "Final review and sign-off of commitments for the current year",
        COMMIT,
        (2,),
        window=2,
        role="Chief Executive and directors",
        description="Commitments for directors, heads of department and heads of service "
        "finalised.",
    ),
    # March
    _f("Finalise the Annual Operating Plan and service plans", PLAN, (3,), role=MANAGEMENT_TEAM),
    _f("Finalise service level agreements", BUDGET, (3,), role=HEADS_OF_SERVICE, unit=None),
    _f(
        "Service managers agree their commitments with heads of service",
        COMMIT,
        (3,),
        role=HEADS_OF_SERVICE,
        unit=None,
    ),
    _monitoring("Ten months'", 3),
    # April/May
    _f(
        "Staff review and development interviews for all employees",
        APPRAISAL,
        (4,),
        window=2,
        role="All managers, supported by Human Resources",
        unit="hr",
        description="Service plans are in place by 1 April; reviews are completed by the end "
        "of May so individual targets follow the service's.",
    ),
    # May/June
    _f(
        "Publish Best Value performance information for the previous year and targets for "
        "future years",
        PUBLISH,
        (5,),
        window=2,
        role=PERFORMANCE_TEAM,
        unit="performance",
        links=((LinkKind.INDICATOR_SET, "BVPI", "Best Value performance indicators"),),
    ),
    _monitoring("Twelve months' (outturn)", 5, window=2),
    # June
    _f(
        "Annual Operating Plan milestones and actions reported at month 2",
        REPORTING,
        (6,),
        role=MANAGEMENT_TEAM,
        links=((LinkKind.PLAN, "annual_operating_plan", "Annual Operating Plan"),),
    ),
    # July
    _f("Start planning self-assessment sessions", PLAN, (7,)),
    _f("Management team and Cabinet session to plan the next Corporate Plan", PLAN, (7,)),
    _f("Audit of service plans", PLAN, (7,), role=PERFORMANCE_TEAM, unit="performance"),
    _f("Devise the annual training and development plan", APPRAISAL, (7,), role=HR, unit="hr"),
)


def _s(
    title: str,
    category: Category,
    recurrence: Recurrence,
    months: tuple[int, ...] = (),
    *,
    month_of_quarter: int | None = None,
    role: str = PERFORMANCE_TEAM,
    unit: str | None = "performance",
    links: tuple[tuple[LinkKind, str, str], ...] = (),
) -> CycleTemplateSpec:
    return CycleTemplateSpec(
        title, category, recurrence, STRATEGY, months, month_of_quarter, 1, role, unit, "", links
    )


# February, May, August and November: the second month of each quarter; January, April,
# July and October: the first.
STRATEGY_CYCLE: tuple[CycleTemplateSpec, ...] = (
    _s("Service plans finished", PLAN, MONTHS, (3,), role=HEADS_OF_SERVICE, unit=None),
    _s(
        "Council Plan issued",
        PUBLISH,
        MONTHS,
        (3,),
        links=((LinkKind.PLAN, "council_plan", "Council Plan"),),
    ),
    _s("Community Plan update", PARTNERS, MONTHS, (11,), role="Local Strategic Partnership"),
    _s("Communication planner", COMMS, EVERY_MONTH, role=HEAD_OF_COMMS, unit=None),
    _s("Annual report to Full Council", REPORTING, MONTHS, (6,)),
    _s("Published annual report", PUBLISH, MONTHS, (9,)),
    _s("Determine the member training plan", APPRAISAL, MONTHS, (6,), role=HR, unit="hr"),
    _s("Determine the officer training plan", APPRAISAL, MONTHS, (4,), role=HR, unit="hr"),
    _s("Exception report on the Improvement Plan", REPORTING, EVERY_MONTH),
    _s(
        "Internal Audit Plan reported", RISK, MONTHS, (3,), role="Head of Internal Audit", unit=None
    ),
    _s("Issue the member bulletin", COMMS, EVERY_MONTH, role=HEAD_OF_COMMS, unit=None),
    _s(
        "Issue the residents' magazine",
        COMMS,
        QUARTERLY,
        month_of_quarter=2,
        role=HEAD_OF_COMMS,
        unit=None,
    ),
    _s(
        "Local Strategic Partnership Board meeting (with performance indicators)",
        PARTNERS,
        MONTHS,
        (1, 4, 6, 9, 11),
        links=((LinkKind.INDICATOR_SET, "LAA", "Local Area Agreement indicators"),),
    ),
    _s(
        "Performance and development reviews completed",
        APPRAISAL,
        MONTHS,
        (4,),
        role="All managers",
        unit=None,
    ),
    _s(
        "Performance indicator report",
        REPORTING,
        EVERY_MONTH,
        links=((LinkKind.INDICATOR_SET, "NI", "National indicators"),),
    ),
    _s("Quarterly finance and performance report", REPORTING, QUARTERLY, month_of_quarter=2),
    _s("Quarterly review of risk registers", RISK, QUARTERLY, month_of_quarter=2),
    _s("Review customer service centre performance", REPORTING, EVERY_MONTH),
    _s(
        "Quarterly meeting of the Leader and the Performance Management Board chair on "
        "scrutiny and audit",
        REPORTING,
        QUARTERLY,
        month_of_quarter=1,
        role="Leader of the Council",
        unit=None,
    ),
    _s("Report on accounts closure", BUDGET, MONTHS, (6,), role=FINANCE, unit="finance"),
    _s("Review the Council forward plan", PLAN, EVERY_MONTH, role=MANAGEMENT_TEAM, unit="policy"),
    _s("Staff survey results", COMMS, MONTHS, (9,), role=HR, unit="hr"),
    _s("Team of the Month", COMMS, EVERY_MONTH, role=HEAD_OF_COMMS, unit=None),
    _s("Treasury policy statement", BUDGET, MONTHS, (3,), role=FINANCE, unit="finance"),
    _s("Annual value-for-money plan approved", BUDGET, MONTHS, (1,), role=FINANCE, unit="finance"),
    _s(
        "Value-for-money review future programme",
        BUDGET,
        MONTHS,
        (12,),
        role=FINANCE,
        unit="finance",
    ),
    _s(
        "Value-for-money quarterly review",
        BUDGET,
        QUARTERLY,
        month_of_quarter=2,
        role=FINANCE,
        unit="finance",
    ),
)


CYCLE_TEMPLATES: tuple[CycleTemplateSpec, ...] = (
    FRAMEWORK_TIMETABLE + STRATEGY_CYCLE + COMMUNICATIONS_PLAN
)
