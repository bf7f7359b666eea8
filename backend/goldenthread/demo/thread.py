"""The demo's golden thread and the Audit Commission action plan.

A thread from the community strategy's ambitions down through the Local Area Agreement, the
corporate plan, the Environment directorate's plan, the Waste Management service plan and its
recycling team's plan to the appraisal objectives of named (fictional) people, with demo
indicators, actions (some overdue) and remedial action on a red indicator; and the action plan
responding to the Audit Commission's audit of performance management, its recommendations as
objectives and its actions with their timescales, leads and reported progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions.models import Action
from goldenthread.core.config import Settings
from goldenthread.core.principal import SYSTEM_ACTOR, Role
from goldenthread.core.security import hash_secret
from goldenthread.demo import data_action_plan as ac
from goldenthread.demo.action_plan import load_action_plan
from goldenthread.demo.data import DEMO_PASSWORD
from goldenthread.demo.next_year import next_year_plans
from goldenthread.demo.planning import (
    add_action,
    add_objective,
    add_plan,
    finish_plans,
    report_progress,
)
from goldenthread.demo.remedial import add_remedial_actions
from goldenthread.demo.series import DemoCalendar
from goldenthread.indicators.models import Indicator
from goldenthread.periods.rules import financial_year_code
from goldenthread.plans import checklist
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import ChecklistAnswer, PlanLevel, PlanStatus
from goldenthread.plans.schemas import (
    ChecklistAnswerIn,
    ChecklistAnswers,
    PlanCreate,
    ServicePlanSections,
)
from goldenthread.users.models import User

# (username, full name, job title, org unit key): people of the thread beyond the demo accounts.
THREAD_PEOPLE = (
    ("kwame.asante", "Kwame Asante", "Recycling Assistant", "recycling"),
    ("grace.whitlow", "Grace Whitlow", "Recycling and Waste Strategy Team Leader", "recycling"),
)

SERVICE_PLAN_SECTIONS = ServicePlanSections(
    what_we_do="Waste Management collects household waste and recycling from every home in the "
    "county each week, runs the household recycling centres and manages the waste disposal "
    "contract. Our customers are every household, parish councils and local businesses.",
    how_well_we_are_doing="Recycling and composting has risen for three years but remains "
    "below the Local Area Agreement target; missed collections put right next day are above "
    "target; residual waste per household is falling.",
    what_is_changing="A new dry recycling contract, rising landfill tax, and the Local Area "
    "Agreement's stretch target for recycling.",
    what_we_will_do="Extend kerbside recycling to every household, put missed collections "
    "right first time, and keep streets clean, measured by NI 192, LPI ENV-07 and NI 195a.",
    capacity_to_deliver="A team of twelve, the collection contract, and a capital budget for "
    "recycling boxes; the main risk is the contractor's performance.",
)


@dataclass(frozen=True)
class ThreadSummary:
    plans: int
    actions: int


async def _people(
    session: AsyncSession, settings: Settings, org: int, units: dict[str, int]
) -> dict[str, int]:
    """The role-holders who appear in the thread and the action plan (one password hash)."""
    password_hash = hash_secret(DEMO_PASSWORD, settings)
    people: dict[str, int] = {}
    extra = [*THREAD_PEOPLE, *ac.LEADS.values()]
    for username, full_name, job_title, unit in extra:
        manager = "director" in job_title.lower() or "head" in job_title.lower()
        user = User(
            username=username,
            full_name=full_name,
            job_title=job_title,
            email=f"{username}@wyvern.example",
            role=Role.MANAGER if manager or "chief" in job_title.lower() else Role.CONTRIBUTOR,
            organisation_id=org,
            org_unit_id=units[unit],
            password_hash=password_hash,
        )
        session.add(user)
        await session.flush()
        people[username] = user.id
    return people


async def load_thread(
    session: AsyncSession,
    settings: Settings,
    orgs: dict[str, int],
    units: dict[str, int],
    people: dict[str, int],
    calendar: DemoCalendar,
) -> ThreadSummary:
    council = orgs["council"]
    people = {**people, **await _people(session, settings, council, units)}
    register = {
        code: ident
        for code, ident in (await session.execute(select(Indicator.code, Indicator.id))).all()
    }
    year = calendar.current_year
    today = calendar.today
    span = {"start_year": financial_year_code(year - 1), "end_year": financial_year_code(year + 1)}

    def ind(*codes: str) -> list[int]:
        return [register[c] for c in codes if c in register]

    published = PlanStatus.PUBLISHED
    scs = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.COMMUNITY_STRATEGY,
            title="Wyvern Sustainable Community Strategy",
            summary="The partnership's long-term vision for the county.",
            start_year=financial_year_code(year - 2),
            end_year=financial_year_code(year + 10),
        ),
        published,
    )
    greener = await add_objective(
        session, scs, code="A1", title="A greener, more sustainable Wyvern", kind="ambition"
    )
    safer = await add_objective(
        session, scs, code="A2", title="Safer and stronger communities", kind="ambition"
    )
    services = await add_objective(
        session, scs, code="A3", title="Effective, joined-up public services", kind="ambition"
    )
    laa = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.LOCAL_AREA_AGREEMENT,
            title="Wyvern Local Area Agreement",
            parent_id=scs.id,
            **span,
        ),
        published,
    )
    laa_waste = await add_objective(
        session,
        laa,
        code="LAA 4",
        title="Less waste, more recycling",
        kind="priority",
        contributes_to=[greener.id],
        indicator_ids=ind("NI 192", "NI 191"),
    )
    await add_objective(
        session,
        laa,
        code="LAA 7",
        title="Reduce serious acquisitive crime",
        kind="priority",
        contributes_to=[safer.id],
        indicator_ids=ind("NI 16", "NI 20"),
    )
    corporate = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.CORPORATE_PLAN,
            title="Corporate Plan",
            parent_id=laa.id,
            owner_org_unit_id=units["policy"],
            **span,
        ),
        published,
    )
    recycle = await add_objective(
        session,
        corporate,
        code="CP 3",
        title="Recycle and compost more of the county's waste",
        contributes_to=[laa_waste.id],
        indicator_ids=ind("NI 193"),
    )
    managed = await add_objective(
        session,
        corporate,
        code="CP 9",
        title="Manage the council's performance well, with partners",
        contributes_to=[services.id],
        owner_id=people["elaine.carver"],
    )
    directorate = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.DIRECTORATE_PLAN,
            title="Environment and Communities Directorate Plan",
            parent_id=corporate.id,
            owner_org_unit_id=units["env"],
            **span,
        ),
        published,
    )
    strategy = await add_objective(
        session,
        directorate,
        code="EC 2",
        title="Deliver the county waste strategy",
        contributes_to=[recycle.id],
        indicator_ids=ind("NI 185"),
    )
    service = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.SERVICE_PLAN,
            title="Waste Management Service Plan",
            parent_id=directorate.id,
            owner_org_unit_id=units["waste"],
            owner_user_id=people["manager"],
            sections=SERVICE_PLAN_SECTIONS,
            **span,
        ),
        published,
    )
    items = await checklist.active_items(session)
    if items:
        answers = [
            ChecklistAnswerIn(
                item_id=item.id,
                answer=ChecklistAnswer.PARTLY if n % 4 == 3 else ChecklistAnswer.MET,
                comment="Resources are described but not costed." if n % 4 == 3 else "",
            )
            for n, item in enumerate(items)
        ]
        await checklist.answer(session, SYSTEM_ACTOR, service, ChecklistAnswers(answers=answers))
    kerbside = await add_objective(
        session,
        service,
        code="WM 1",
        title="Raise household recycling to the LAA target",
        contributes_to=[strategy.id],
        indicator_ids=ind("NI 192"),
        owner_id=people["manager"],
    )
    first_time = await add_objective(
        session,
        service,
        code="WM 2",
        title="Put missed collections right first time",
        contributes_to=[strategy.id],
        indicator_ids=ind("LPI ENV-07"),
        owner_id=people["rhys.morgan"],
    )
    await add_objective(
        session,
        service,
        code="WM 3",
        title="Keep streets and open spaces clean",
        contributes_to=[strategy.id],
        indicator_ids=ind("NI 195a", "NI 196"),
    )
    team = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.TEAM_PLAN,
            title="Recycling and Waste Strategy Team Plan",
            parent_id=service.id,
            owner_org_unit_id=units["recycling"],
            owner_user_id=people["grace.whitlow"],
            start_year=financial_year_code(year),
            end_year=financial_year_code(year),
        ),
        published,
    )
    rollout = await add_objective(
        session,
        team,
        code="RT 1",
        title="Roll out kerbside recycling to every household",
        contributes_to=[kerbside.id],
        owner_id=people["grace.whitlow"],
    )
    respond = await add_objective(
        session,
        team,
        code="RT 2",
        title="Answer every missed-collection report within a day",
        contributes_to=[first_time.id],
    )

    individual: dict[str, Plan] = {}
    appraisees = ("owner", "rhys.morgan", "kwame.asante")
    names = dict(
        (
            await session.execute(
                select(User.id, User.full_name).where(User.id.in_([people[u] for u in appraisees]))
            )
        ).all()
    )
    for username in appraisees:
        individual[username] = await add_plan(
            session,
            PlanCreate(
                level=PlanLevel.INDIVIDUAL,
                title=f"Appraisal objectives {financial_year_code(year)}: "
                f"{names[people[username]]}",
                parent_id=team.id,
                owner_user_id=people[username],
                start_year=financial_year_code(year),
                end_year=financial_year_code(year),
            ),
            PlanStatus.APPROVED,
        )
    boxes = await add_objective(
        session,
        individual["owner"],
        title="Extend kerbside boxes to 5,000 more homes",
        contributes_to=[rollout.id],
        owner_id=people["owner"],
        indicator_ids=ind("NI 192"),
    )
    procedure = await add_objective(
        session,
        individual["owner"],
        title="Review the missed-collection procedure with the contractor",
        contributes_to=[respond.id],
        owner_id=people["owner"],
    )
    contract = await add_objective(
        session,
        individual["rhys.morgan"],
        title="Agree recovery terms in the collection contract",
        contributes_to=[first_time.id],
        owner_id=people["rhys.morgan"],
    )
    doorstep = await add_objective(
        session,
        individual["kwame.asante"],
        title="Run doorstep recycling campaigns on the three lowest-performing rounds",
        contributes_to=[rollout.id],
        owner_id=people["kwame.asante"],
    )

    start = date(year, 4, 1)
    made: list[Action] = []
    deliver = await add_action(
        session,
        today,
        objective_id=boxes.id,
        code="RT1.1",
        title="Deliver boxes to the phase 1 rounds",
        owner_id=people["owner"],
        due_on=today - timedelta(days=21),
        timescale="By the end of last month",
    )
    await report_progress(
        session,
        deliver,
        today - timedelta(days=35),
        "Boxes ordered; the supplier has delivered 60% of them.",
        percent_complete=60,
    )
    made.append(deliver)
    survey = await add_action(
        session,
        today,
        objective_id=boxes.id,
        code="RT1.2",
        title="Map the rounds not yet served",
        owner_id=people["owner"],
        due_on=start + timedelta(days=60),
        status="complete",
    )
    made.append(survey)
    made.append(
        await add_action(
            session,
            today,
            objective_id=procedure.id,
            title="Weekly missed-collection report to the contractor",
            owner_id=people["owner"],
            status="in_progress",
            due_on=today + timedelta(days=5),
            percent_complete=50,
        )
    )
    made.append(
        await add_action(
            session,
            today,
            objective_id=contract.id,
            title="Draft the contract variation",
            owner_id=people["rhys.morgan"],
            due_on=today - timedelta(days=3),
            status="in_progress",
            percent_complete=80,
        )
    )
    made.append(
        await add_action(
            session,
            today,
            objective_id=doorstep.id,
            title="Knock on 1,500 doors",
            owner_id=people["kwame.asante"],
            due_on=today + timedelta(days=45),
        )
    )
    award = await add_action(
        session,
        today,
        objective_id=kerbside.id,
        code="WM1.1",
        title="Award the new dry recycling contract",
        owner_id=people["manager"],
        due_on=date(year + 1, 1, 31),
        status="in_progress",
        percent_complete=30,
    )
    made.append(award)
    made.append(
        await add_action(
            session,
            today,
            parent_id=award.id,
            title="Evaluate the tenders",
            owner_id=people["rhys.morgan"],
            due_on=today + timedelta(days=10),
        )
    )

    made += await add_remedial_actions(session, calendar, people["owner"])
    drafts = await next_year_plans(session, units, people, directorate, strategy, year)

    count = len(made) + await load_action_plan(session, people, units, managed, year)
    finish_plans(session)
    await session.flush()
    return ThreadSummary(plans=8 + len(individual) + drafts, actions=count)
