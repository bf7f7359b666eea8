"""Loading the demo partnership into an empty database.

Everything goes through the domain services, so the register's rules are checked and every
indicator, target and outturn has its entry in the audit trail (made by the system actor).
The loader flushes and never commits: the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.clients import service as clients
from goldenthread.clients.schemas import ApiClientCreate
from goldenthread.core.config import Settings
from goldenthread.core.errors import Conflict
from goldenthread.core.principal import SYSTEM_ACTOR
from goldenthread.demo.benchmarks import load_benchmarks
from goldenthread.demo.cycle import load_cycle
from goldenthread.demo.data import (
    COUNCIL,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    INDICATORS,
    ORG_UNITS,
    ORGANISATIONS,
    USERS,
)
from goldenthread.demo.finance import load_finance
from goldenthread.demo.risks_commitments import load_risks_commitments
from goldenthread.demo.series import DemoPlan, build_plan
from goldenthread.demo.spec import IndicatorSpec
from goldenthread.demo.thread import load_thread
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator, Lifecycle
from goldenthread.indicators.schemas import IndicatorCreate, IndicatorUpdate
from goldenthread.organisations import service as organisations
from goldenthread.organisations.models import Organisation
from goldenthread.organisations.schemas import OrganisationCreate, OrgUnitCreate
from goldenthread.outturns import service as outturns
from goldenthread.outturns.schemas import OutturnWrite
from goldenthread.periods.rules import financial_year_code
from goldenthread.targets import service as targets
from goldenthread.targets.schemas import TargetWrite
from goldenthread.users import service as users
from goldenthread.users.schemas import UserCreate

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_CLIENT_ID",
    "DEMO_PASSWORD",
    "DemoDataExists",
    "DemoSummary",
    "load_demo",
]

# The partner API client of DESIGN.md section 5: the health trust, with the published secret.
DEMO_CLIENT_ID = "partner-demo"
DEMO_CLIENT_ORGANISATION = "health"
DEMO_CLIENT_SCOPES = ("indicators:read", "laa:read", "outturns:write")


class DemoDataExists(Conflict):
    """The demo is only ever loaded into an empty database."""


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    org_units: int
    users: int
    indicators: int
    targets: int
    outturns: int
    current_year: str  # e.g. "2026-27"
    latest_complete_year: str  # e.g. "2025-26": a status period showing every state
    latest_quarter: str  # e.g. "2026-27-Q2": the other one


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


async def _people(
    session: AsyncSession, settings: Settings
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    orgs: dict[str, int] = {}
    for org in ORGANISATIONS:
        created = await organisations.create_organisation(
            session, OrganisationCreate(name=org.name, short_name=org.short_name, kind=org.kind)
        )
        orgs[org.key] = created.id
    units: dict[str, int] = {}
    for unit in ORG_UNITS:
        created_unit = await organisations.create_org_unit(
            session,
            OrgUnitCreate(
                organisation_id=orgs[unit.organisation],
                name=unit.name,
                level=unit.level,
                parent_id=units[unit.parent] if unit.parent else None,
            ),
        )
        units[unit.key] = created_unit.id
    people: dict[str, int] = {}
    for user in USERS:
        created_user = await users.create_user(
            session,
            UserCreate(
                username=user.username,
                full_name=user.full_name,
                job_title=user.job_title,
                email=f"{user.username}@wyvern.example",
                role=user.role,
                organisation_id=orgs[user.organisation],
                org_unit_id=units[user.unit] if user.unit else None,
                password=DEMO_PASSWORD,
            ),
            settings,
        )
        people[user.username] = created_user.id
    return orgs, units, people


def _indicator_create(
    spec: IndicatorSpec, orgs: dict[str, int], units: dict[str, int], people: dict[str, int]
) -> IndicatorCreate:
    return IndicatorCreate(
        code=spec.code,
        title=spec.title,
        definition=spec.definition,
        procedure_note=spec.procedure_note,
        unit=spec.unit,
        decimal_places=spec.decimal_places,
        polarity=spec.polarity,
        frequency=spec.frequency,
        aggregation=spec.aggregation,
        multiplier=_decimal(spec.multiplier),
        tolerance_percent=_decimal(spec.tolerance_percent),
        tolerance_absolute=_decimal(spec.tolerance_absolute),
        sets=list(spec.sets),
        owner_id=people[spec.owner],
        deputy_id=people[spec.deputy] if spec.deputy else None,
        organisation_id=orgs[COUNCIL],
        org_unit_id=units[spec.org_unit],
        lead_organisation_id=orgs[spec.lead] if spec.lead else None,
        shared_with_partners=spec.shared,
        public=spec.public,
    )


async def _figures(session: AsyncSession, plan: DemoPlan, register: dict[str, Indicator]) -> None:
    for target in plan.targets:
        await targets.put_target(
            session,
            SYSTEM_ACTOR,
            register[target.code],
            target.period,
            TargetWrite(
                value=target.value,
                low=target.low,
                high=target.high,
                stretch_value=target.stretch_value,
                note=target.note,
            ),
            None,
        )
    for outturn in plan.outturns:
        await outturns.put_outturn(
            session,
            SYSTEM_ACTOR,
            register[outturn.code],
            outturn.period,
            OutturnWrite(
                value=outturn.value,
                numerator=outturn.numerator,
                denominator=outturn.denominator,
                commentary=outturn.commentary,
                status=outturn.status,
            ),
            None,
        )


async def load_demo(
    session: AsyncSession, settings: Settings, *, today: date | None = None
) -> DemoSummary:
    """Fill an empty database with the demo partnership, its register and its figures.

    ``today`` (default: the real date) decides the years: three complete financial years
    and the current one to date. Raises :class:`DemoDataExists` if any organisation exists.
    """
    if await session.scalar(select(func.count()).select_from(Organisation)):
        raise DemoDataExists(
            "The database already holds data; the demo is only loaded into an empty database."
        )
    plan = build_plan(INDICATORS, today or date.today())
    orgs, units, people = await _people(session, settings)
    await clients.create_client(
        session,
        ApiClientCreate(
            client_id=DEMO_CLIENT_ID,
            name="Wyvern Community Health NHS Trust (demo)",
            organisation_id=orgs[DEMO_CLIENT_ORGANISATION],
            scopes=list(DEMO_CLIENT_SCOPES),
        ),
        settings,
        "Golden Thread demo",
        secret=DEMO_PASSWORD,
    )
    register: dict[str, Indicator] = {}
    for spec in INDICATORS:
        register[spec.code] = await indicators.create_indicator(
            session, SYSTEM_ACTOR, _indicator_create(spec, orgs, units, people)
        )
    await _figures(session, plan, register)
    for spec in INDICATORS:
        if spec.retired_note:
            await indicators.update_indicator(
                session,
                SYSTEM_ACTOR,
                register[spec.code],
                IndicatorUpdate(
                    lifecycle=Lifecycle.RETIRED,
                    definition=f"{spec.definition} Retired: {spec.retired_note}",
                ),
            )
    # Comparator figures of a nearest-neighbour family, and plain titles for the public page.
    await load_benchmarks(session, INDICATORS, register, plan.calendar.first_year)
    current = plan.calendar.current_year
    # The annual cycle's templates, with events for last, this and next financial year.
    await load_cycle(
        session, units, (current - 1, current, current + 1), today=today or date.today()
    )
    # Budget monitoring by service, for the finance section of the integrated report.
    await load_finance(session, units, plan.calendar)
    # The golden thread from the community strategy to people's objectives, and the Audit
    # Commission action plan with its progress.
    await load_thread(session, settings, orgs, units, people, plan.calendar)
    # Line managers, the risk register, commitments and appraisals (after any plans, so
    # risks and appraisals can attach to their objectives).
    await load_risks_commitments(session, units, people, current, today=today or date.today())
    await session.flush()
    calendar = plan.calendar
    return DemoSummary(
        organisations=len(orgs),
        org_units=len(units),
        users=len(people),
        indicators=len(register),
        targets=len(plan.targets),
        outturns=len(plan.outturns),
        current_year=financial_year_code(calendar.current_year),
        latest_complete_year=calendar.annual_view.code,
        latest_quarter=calendar.quarter_view.code,
    )
