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

from goldenthread.actions import service as actions
from goldenthread.actions.models import Action, ActionStatus
from goldenthread.actions.schemas import ActionCreate, ProgressCreate
from goldenthread.core.config import Settings
from goldenthread.core.principal import SYSTEM_ACTOR, SYSTEM_PRINCIPAL, Role
from goldenthread.core.security import hash_secret
from goldenthread.core.staff_access import Reach
from goldenthread.demo import data_action_plan as ac
from goldenthread.demo.data import DEMO_PASSWORD
from goldenthread.demo.series import DemoCalendar
from goldenthread.indicators.models import Indicator
from goldenthread.objectives import service as objectives
from goldenthread.objectives.models import Objective, ObjectiveKind
from goldenthread.objectives.schemas import ObjectiveCreate
from goldenthread.periods.rules import financial_year_code
from goldenthread.plans import checklist
from goldenthread.plans import service as plans
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import ChecklistAnswer, PlanLevel, PlanStatus
from goldenthread.plans.schemas import (
    ChecklistAnswerIn,
    ChecklistAnswers,
    PlanCreate,
    ServicePlanSections,
)
from goldenthread.status import service as status_service
from goldenthread.status.values import Rag
from goldenthread.users.models import User

FINAL_STATUS = "demo_plan_final_status"
EVERYTHING = Reach(everything=True, units=frozenset())
EDITOR = Editor(SYSTEM_PRINCIPAL, EVERYTHING)
ACCESS = actions.Access(SYSTEM_PRINCIPAL, EVERYTHING)

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


async def _plan(session: AsyncSession, data: PlanCreate, status: PlanStatus) -> Plan:
    # Every demo plan is the council's (the system loading it belongs to no organisation).
    council = await session.scalar(select(User.organisation_id).where(User.username == "perf"))
    data = data.model_copy(update={"organisation_id": council})
    plan = await plans.create_plan(session, SYSTEM_ACTOR, EDITOR, data)
    # Objectives go in while it is a draft; it takes its final status at the end.
    session.info.setdefault(FINAL_STATUS, []).append((plan, status))
    return plan


def _finish_plans(session: AsyncSession) -> None:
    for plan, status in session.info.pop(FINAL_STATUS, []):
        plan.status = status


async def _objective(session: AsyncSession, plan: Plan, **fields: object) -> Objective:
    return await objectives.create_objective(
        session, SYSTEM_ACTOR, EDITOR, plan, ObjectiveCreate.model_validate(fields)
    )


async def _action(session: AsyncSession, today: date, **fields: object) -> Action:
    return await actions.create_action(
        session, SYSTEM_ACTOR, ACCESS, EDITOR, ActionCreate.model_validate(fields), today
    )


async def _progress(
    session: AsyncSession, action: Action, on: date, note: str, **fields: object
) -> None:
    await actions.add_progress(
        session,
        SYSTEM_ACTOR,
        ACCESS,
        action,
        ProgressCreate.model_validate({"reported_on": on, "note": note, **fields}),
        on,
    )


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
    scs = await _plan(
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
    greener = await _objective(
        session, scs, code="A1", title="A greener, more sustainable Wyvern", kind="ambition"
    )
    safer = await _objective(
        session, scs, code="A2", title="Safer and stronger communities", kind="ambition"
    )
    services = await _objective(
        session, scs, code="A3", title="Effective, joined-up public services", kind="ambition"
    )
    laa = await _plan(
        session,
        PlanCreate(
            level=PlanLevel.LOCAL_AREA_AGREEMENT,
            title="Wyvern Local Area Agreement",
            parent_id=scs.id,
            **span,
        ),
        published,
    )
    laa_waste = await _objective(
        session,
        laa,
        code="LAA 4",
        title="Less waste, more recycling",
        kind="priority",
        contributes_to=[greener.id],
        indicator_ids=ind("NI 192", "NI 191"),
    )
    await _objective(
        session,
        laa,
        code="LAA 7",
        title="Reduce serious acquisitive crime",
        kind="priority",
        contributes_to=[safer.id],
        indicator_ids=ind("NI 16", "NI 20"),
    )
    corporate = await _plan(
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
    recycle = await _objective(
        session,
        corporate,
        code="CP 3",
        title="Recycle and compost more of the county's waste",
        contributes_to=[laa_waste.id],
        indicator_ids=ind("NI 193"),
    )
    managed = await _objective(
        session,
        corporate,
        code="CP 9",
        title="Manage the council's performance well, with partners",
        contributes_to=[services.id],
        owner_id=people["elaine.carver"],
    )
    directorate = await _plan(
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
    strategy = await _objective(
        session,
        directorate,
        code="EC 2",
        title="Deliver the county waste strategy",
        contributes_to=[recycle.id],
        indicator_ids=ind("NI 185"),
    )
    service = await _plan(
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
    kerbside = await _objective(
        session,
        service,
        code="WM 1",
        title="Raise household recycling to the LAA target",
        contributes_to=[strategy.id],
        indicator_ids=ind("NI 192"),
        owner_id=people["manager"],
    )
    first_time = await _objective(
        session,
        service,
        code="WM 2",
        title="Put missed collections right first time",
        contributes_to=[strategy.id],
        indicator_ids=ind("LPI ENV-07"),
        owner_id=people["rhys.morgan"],
    )
    await _objective(
        session,
        service,
        code="WM 3",
        title="Keep streets and open spaces clean",
        contributes_to=[strategy.id],
        indicator_ids=ind("NI 195a", "NI 196"),
    )
    team = await _plan(
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
    rollout = await _objective(
        session,
        team,
        code="RT 1",
        title="Roll out kerbside recycling to every household",
        contributes_to=[kerbside.id],
        owner_id=people["grace.whitlow"],
    )
    respond = await _objective(
        session,
        team,
        code="RT 2",
        title="Answer every missed-collection report within a day",
        contributes_to=[first_time.id],
    )

    individual: dict[str, Plan] = {}
    for username in ("owner", "rhys.morgan", "kwame.asante"):
        individual[username] = await _plan(
            session,
            PlanCreate(
                level=PlanLevel.INDIVIDUAL,
                title=f"Appraisal objectives {financial_year_code(year)}",
                parent_id=team.id,
                owner_user_id=people[username],
                start_year=financial_year_code(year),
                end_year=financial_year_code(year),
            ),
            PlanStatus.APPROVED,
        )
    boxes = await _objective(
        session,
        individual["owner"],
        title="Extend kerbside boxes to 5,000 more homes",
        contributes_to=[rollout.id],
        owner_id=people["owner"],
        indicator_ids=ind("NI 192"),
    )
    procedure = await _objective(
        session,
        individual["owner"],
        title="Review the missed-collection procedure with the contractor",
        contributes_to=[respond.id],
        owner_id=people["owner"],
    )
    contract = await _objective(
        session,
        individual["rhys.morgan"],
        title="Agree recovery terms in the collection contract",
        contributes_to=[first_time.id],
        owner_id=people["rhys.morgan"],
    )
    doorstep = await _objective(
        session,
        individual["kwame.asante"],
        title="Run doorstep recycling campaigns on the three lowest-performing rounds",
        contributes_to=[rollout.id],
        owner_id=people["kwame.asante"],
    )

    start = date(year, 4, 1)
    made: list[Action] = []
    deliver = await _action(
        session,
        today,
        objective_id=boxes.id,
        code="RT1.1",
        title="Deliver boxes to the phase 1 rounds",
        owner_id=people["owner"],
        due_on=today - timedelta(days=21),
        timescale="By the end of last month",
    )
    await _progress(
        session,
        deliver,
        today - timedelta(days=35),
        "Boxes ordered; the supplier has delivered 60% of them.",
        percent_complete=60,
    )
    made.append(deliver)
    survey = await _action(
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
        await _action(
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
        await _action(
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
        await _action(
            session,
            today,
            objective_id=doorstep.id,
            title="Knock on 1,500 doors",
            owner_id=people["kwame.asante"],
            due_on=today + timedelta(days=45),
        )
    )
    award = await _action(
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
        await _action(
            session,
            today,
            parent_id=award.id,
            title="Evaluate the tenders",
            owner_id=people["rhys.morgan"],
            due_on=today + timedelta(days=10),
        )
    )

    # Remedial action on a red waste indicator (the first red one at the latest quarter).
    waste_codes = ["NI 192", "NI 191", "NI 193", "NI 195a", "NI 196", "LPI ENV-07"]
    ids = ind(*waste_codes)
    statuses = await status_service.compute_statuses(
        session, calendar.quarter_view, [Indicator.id.in_(ids)]
    )
    red = next((s for s in statuses if s.rag is Rag.RED), None)
    if red is not None:
        remedial = await _action(
            session,
            today,
            indicator_id=red.indicator_id,
            code="REM 1",
            title=f"Recovery plan for {red.code}: back within target by year end",
            owner_id=red.owner_id or people["owner"],
            due_on=today + timedelta(days=60),
            description=f"Remedial action: {red.code} was red at {calendar.quarter_view.code}.",
        )
        await _progress(
            session,
            remedial,
            today - timedelta(days=2),
            "Causes agreed with the contractor; weekly monitoring in place.",
            percent_complete=20,
        )
        made.append(remedial)

    count = len(made) + await _action_plan(session, people, units, managed, year)
    _finish_plans(session)
    await session.flush()
    return ThreadSummary(plans=8 + len(individual), actions=count)


async def _action_plan(
    session: AsyncSession,
    people: dict[str, int],
    units: dict[str, int],
    serves: Objective,
    year: int,
) -> int:
    """The Audit Commission action plan: one objective per recommendation, its actions with
    their timescales and leads, and the progress reported as dated updates."""
    plan = await _plan(
        session,
        PlanCreate(
            level=PlanLevel.ANNUAL_OPERATING_PLAN,
            title="Managing performance management: action plan responding to the Audit Commission",
            summary=f"{ac.SOURCE}. Progress as reported in {ac.REPORTED_ON:%B %Y}.",
            owner_org_unit_id=units["policy"],
            owner_user_id=people["simon.hale"],
            start_year="2006-07",
            end_year="2008-09",
        ),
        PlanStatus.PUBLISHED,
    )
    roles = {key: title for key, (_, _, title, _) in ac.LEADS.items()}
    count = 0
    for position, rec in enumerate(ac.RECOMMENDATIONS):
        objective = await _objective(
            session,
            plan,
            code=f"R{rec.number}",
            title=rec.text[:300],
            description=rec.response,
            kind=ObjectiveKind.OBJECTIVE.value,
            position=position,
            contributes_to=[serves.id],
            owner_id=people[ac.LEADS[rec.actions[0].leads[0]][0]],
        )
        for item in rec.actions:
            leads = [roles[k] for k in item.leads] + ([item.others] if item.others else [])
            status = ActionStatus.COMPLETE if item.complete else ActionStatus.IN_PROGRESS
            action = await _action(
                session,
                ac.REPORTED_ON,
                objective_id=objective.id,
                code=f"R{rec.number}{item.letter}",
                title=item.text[:500],
                description="Lead: " + "; ".join(leads),
                timescale=item.timescale[:200],
                owner_id=people[ac.LEADS[item.leads[0]][0]],
                due_on=item.due_on,
                status=status.value,
                org_unit_id=units[ac.LEADS[item.leads[0]][3]],
            )
            await _progress(session, action, ac.REPORTED_ON, item.progress)
            count += 1
    return count
