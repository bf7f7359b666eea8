"""The shape of one recurring event of the demo's annual cycle, the sources it comes from
and the roles responsible (roles, never named people: a calendar outlives whoever holds a
post). Declarative data only."""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.cycle.models import LinkKind
from goldenthread.cycle.rules import Category, Recurrence

FRAMEWORK = "Herefordshire Council performance management framework (2005): annual timetable"
STRATEGY = (
    "Bromsgrove District Council performance management strategy (2008): Appendix 3, "
    "annual planning and reporting cycle"
)
COMMUNICATIONS = "Herefordshire Council performance management communications plan (2008)"

MONITORING_REPORT = (
    LinkKind.REPORT,
    "corporate-performance-finance-risk",
    "Corporate performance, finance and risk management report",
)

MONTHS, QUARTERLY, EVERY_MONTH = Recurrence.MONTHS, Recurrence.QUARTERLY, Recurrence.MONTHLY
PLAN, BUDGET = Category.PLANNING, Category.BUDGET
REPORTING, COMMIT = Category.PERFORMANCE_REPORTING, Category.COMMITMENTS
APPRAISAL, RISK, PUBLISH = Category.APPRAISAL, Category.RISK, Category.PUBLICATION
PARTNERS, COMMS = Category.PARTNERSHIP, Category.COMMUNICATIONS

HEAD_OF_PERFORMANCE = "Head of Policy and Performance"
PERFORMANCE_TEAM = "Corporate Performance Team"
MANAGEMENT_TEAM = "Corporate management team"
FINANCE = "Director of Resources"
HR = "Head of Human Resources"
HEAD_OF_COMMS = "Head of Communications"
HEADS_OF_SERVICE = "Heads of service"


@dataclass(frozen=True)
class CycleTemplateSpec:
    title: str
    category: Category
    recurrence: Recurrence
    source: str
    months: tuple[int, ...] = ()
    month_of_quarter: int | None = None
    window_months: int = 1
    role: str = ""
    unit: str | None = None  # org unit key (see data.py)
    description: str = ""
    links: tuple[tuple[LinkKind, str, str], ...] = ()
