"""The demo partnership: a fictional unitary county council, its partners and its people.

Declarative data only (no database code). Every name here is invented: Wyvern is not a real
council, and the people are not real people. The indicator register is in
``data_indicators_people.py`` and ``data_indicators_place.py``; the figures are built from it
by ``series.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.core.principal import Role
from goldenthread.demo.data_indicators_corporate import CORPORATE
from goldenthread.demo.data_indicators_people import ADULTS, CHILDREN
from goldenthread.demo.data_indicators_place import PLACE, WASTE
from goldenthread.demo.spec import IndicatorSpec
from goldenthread.organisations.models import OrganisationKind, OrgUnitLevel

DEMO_PASSWORD = "goldenthread-demo"  # noqa: S105 - the published password of demo accounts

COUNCIL = "council"


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    short_name: str
    kind: OrganisationKind


@dataclass(frozen=True)
class OrgUnitSpec:
    key: str
    name: str
    level: OrgUnitLevel
    parent: str | None = None  # key of the unit one level up
    organisation: str = COUNCIL


@dataclass(frozen=True)
class UserSpec:
    username: str
    full_name: str
    job_title: str
    role: Role
    organisation: str = COUNCIL
    unit: str | None = None  # org unit key
    purpose: str = ""  # set for the published demo accounts only


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(COUNCIL, "Wyvern County Council", "WCC", OrganisationKind.COUNCIL),
    OrganisationSpec(
        "health", "Wyvern Community Health NHS Trust", "WCHT", OrganisationKind.HEALTH
    ),
    OrganisationSpec("police", "Wyvern Constabulary", "WC", OrganisationKind.POLICE),
    OrganisationSpec("fire", "Wyvern Fire and Rescue Service", "WFRS", OrganisationKind.FIRE),
)

_D, _S, _T = OrgUnitLevel.DIRECTORATE, OrgUnitLevel.SERVICE, OrgUnitLevel.TEAM

# Parents come before their children.
ORG_UNITS: tuple[OrgUnitSpec, ...] = (
    OrgUnitSpec("cyp", "Children and Young People", _D),
    OrgUnitSpec("csc", "Children's Social Care", _S, "cyp"),
    OrgUnitSpec("lac", "Looked After Children Team", _T, "csc"),
    OrgUnitSpec("referral", "Safeguarding and Referral Team", _T, "csc"),
    OrgUnitSpec("learning", "Learning and Achievement", _S, "cyp"),
    OrgUnitSpec("school_improvement", "School Improvement Team", _T, "learning"),
    OrgUnitSpec("youth", "Integrated Youth Support", _S, "cyp"),
    OrgUnitSpec("asch", "Adult Social Care and Health", _D),
    OrgUnitSpec("asc_ops", "Adult Social Care Operations", _S, "asch"),
    OrgUnitSpec("reablement", "Reablement Team", _T, "asc_ops"),
    OrgUnitSpec("provider", "Residential and Day Services", _T, "asc_ops"),
    OrgUnitSpec("commissioning", "Commissioning and Public Health", _S, "asch"),
    OrgUnitSpec("health_improvement", "Health Improvement Team", _T, "commissioning"),
    OrgUnitSpec("env", "Environment and Communities", _D),
    OrgUnitSpec("waste", "Waste Management", _S, "env"),
    OrgUnitSpec("recycling", "Recycling and Waste Strategy Team", _T, "waste"),
    OrgUnitSpec("highways", "Highways and Transport", _S, "env"),
    OrgUnitSpec("network", "Network Management Team", _T, "highways"),
    OrgUnitSpec("safer", "Community Safety and Regulatory Services", _S, "env"),
    OrgUnitSpec("trading_standards", "Trading Standards Team", _T, "safer"),
    OrgUnitSpec("resources", "Corporate Services", _D),
    OrgUnitSpec("policy", "Policy and Performance", _S, "resources"),
    OrgUnitSpec("performance", "Corporate Performance Team", _T, "policy"),
    OrgUnitSpec("hr", "Human Resources", _S, "resources"),
    OrgUnitSpec("finance", "Finance and Revenues", _S, "resources"),
    OrgUnitSpec("revenues", "Revenues and Benefits Team", _T, "finance"),
)

USERS: tuple[UserSpec, ...] = (
    # The published demo accounts (DESIGN.md section 5).
    UserSpec(
        "admin",
        "Gareth Pryce",
        "Business Systems Administrator",
        Role.ADMIN,
        unit="policy",
        purpose="administrator: users, organisations and the whole register",
    ),
    UserSpec(
        "perf",
        "Helen Marsh",
        "Corporate Performance Manager",
        Role.PERFORMANCE,
        unit="performance",
        purpose="performance team: register, targets, verifying data, the IPR",
    ),
    UserSpec(
        "manager",
        "David Ashworth",
        "Head of Waste Management",
        Role.MANAGER,
        unit="waste",
        purpose="head of service: reviews Waste Management's performance",
    ),
    UserSpec(
        "owner",
        "Priya Shah",
        "Recycling and Waste Strategy Officer",
        Role.CONTRIBUTOR,
        unit="recycling",
        purpose="PI owner: waste indicators, some with outturns due for entry",
    ),
    UserSpec(
        "viewer",
        "Cllr Margaret Ellison",
        "Cabinet Member for Performance",
        Role.VIEWER,
        purpose="councillor: reads dashboards and reports",
    ),
    # Other fictional staff who own and deputise for indicators.
    UserSpec(
        "tom.whitfield",
        "Tom Whitfield",
        "Performance and Information Officer",
        Role.CONTRIBUTOR,
        unit="performance",
    ),
    UserSpec(
        "rhys.morgan", "Rhys Morgan", "Waste Contracts Officer", Role.CONTRIBUTOR, unit="recycling"
    ),
    UserSpec(
        "rachel.greaves",
        "Rachel Greaves",
        "Head of Children's Social Care",
        Role.MANAGER,
        unit="csc",
    ),
    UserSpec(
        "daniel.mensah",
        "Daniel Mensah",
        "Looked After Children Team Manager",
        Role.CONTRIBUTOR,
        unit="lac",
    ),
    UserSpec(
        "fiona.carr",
        "Fiona Carr",
        "Senior School Improvement Adviser",
        Role.CONTRIBUTOR,
        unit="school_improvement",
    ),
    UserSpec(
        "alan.brooks",
        "Alan Brooks",
        "Reablement Service Manager",
        Role.CONTRIBUTOR,
        unit="reablement",
    ),
    UserSpec(
        "sunita.patel",
        "Sunita Patel",
        "Health Improvement Lead",
        Role.CONTRIBUTOR,
        unit="health_improvement",
    ),
    UserSpec(
        "owen.llewellyn", "Owen Llewellyn", "Network Manager", Role.CONTRIBUTOR, unit="network"
    ),
    UserSpec(
        "claire.dobson", "Claire Dobson", "Community Safety Manager", Role.CONTRIBUTOR, unit="safer"
    ),
    UserSpec("joanne.hurst", "Joanne Hurst", "HR Business Partner", Role.CONTRIBUTOR, unit="hr"),
    UserSpec(
        "mark.fenwick",
        "Mark Fenwick",
        "Revenues and Benefits Manager",
        Role.CONTRIBUTOR,
        unit="revenues",
    ),
    UserSpec(
        "nadia.hussain",
        "Nadia Hussain",
        "Partnership Crime Analyst",
        Role.CONTRIBUTOR,
        organisation="police",
    ),
    UserSpec(
        "ben.taylor",
        "Ben Taylor",
        "Health Intelligence Analyst",
        Role.CONTRIBUTOR,
        organisation="health",
    ),
    UserSpec(
        "lee.marshall",
        "Lee Marshall",
        "Community Fire Safety Manager",
        Role.CONTRIBUTOR,
        organisation="fire",
    ),
)

# (username, role, what the account is for), printed by the CLI at start-up.
DEMO_ACCOUNTS: tuple[tuple[str, str, str], ...] = tuple(
    (u.username, u.role.value, u.purpose) for u in USERS if u.purpose
)

INDICATORS: tuple[IndicatorSpec, ...] = CHILDREN + ADULTS + CORPORATE + WASTE + PLACE
