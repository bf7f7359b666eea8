"""Loading the demo's line managers, risk register, commitments and appraisals.

Everything is recorded through the domain services, acting as the person who would do it
(the risk owner reviews a risk, the director signs off commitments, the line manager records
an appraisal), so the same rules apply and the audit trail says who. Dates follow the day
the demo is loaded: reviews of the quarters just gone, the last SRD season that has ended.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.appraisals import service as appraisals
from goldenthread.appraisals.schemas import AppraisalCreate
from goldenthread.commitments import reviews as commitment_reviews
from goldenthread.commitments import service as commitments
from goldenthread.commitments.rules import ReviewKind
from goldenthread.commitments.schemas import CommitmentCreate, ItemCreate, ReviewCreate
from goldenthread.core.principal import SYSTEM_ACTOR, Actor, Principal, PrincipalKind, Via
from goldenthread.demo.data_risks import (
    APPRAISALS,
    COMMITMENT_ROWS,
    LINE_MANAGERS,
    OPTIONAL_APPRAISALS,
    OPTIONAL_LINE_MANAGERS,
    PEOPLE,
    REVIEW_NOTES,
    RISKS,
    TRAINING,
    RiskSpec,
)
from goldenthread.indicators.models import Indicator
from goldenthread.objectives.models import Objective
from goldenthread.periods.rules import Frequency, Period, financial_year_code, period_containing
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel
from goldenthread.risks import reviews as risk_reviews
from goldenthread.risks import service as risks
from goldenthread.risks.schemas import ReviewCreate as RiskReviewCreate
from goldenthread.risks.schemas import RiskCreate
from goldenthread.users.models import User

REVIEW_LAG = timedelta(days=12)  # quarterly reviews meet a fortnight or so after quarter end


async def _add_people(
    session: AsyncSession, people: dict[str, int], units: Mapping[str, int]
) -> dict[str, User]:
    """The extra role-holders, keyed by their spec's username (someone already in the job
    where there is one). They share the demo password: its hash is copied rather than
    computed again for each (hashing is slow on purpose)."""
    template = await session.get(User, people["manager"])
    assert template is not None
    aliases: dict[str, int] = {}
    for spec in PEOPLE:
        if spec.reuse_job_title:
            holder = await session.scalar(
                select(User.id).where(User.job_title == spec.reuse_job_title).limit(1)
            )
            if holder is not None:
                aliases[spec.username] = holder
                continue
        user = User(
            username=spec.username,
            full_name=spec.full_name,
            job_title=spec.job_title,
            email=f"{spec.username}@wyvern.example",
            role=spec.role,
            organisation_id=template.organisation_id,
            org_unit_id=None,
            password_hash=template.password_hash,
            active=True,
        )
        session.add(user)
        await session.flush()
        people[spec.username] = user.id
        user.org_unit_id = units[spec.unit] if spec.unit else None
    everyone = {u.username: u for u in (await session.scalars(select(User))).all()}
    by_id = {u.id: u for u in everyone.values()}
    return everyone | {name: by_id[user_id] for name, user_id in aliases.items()}


def _place_people(users: Mapping[str, User]) -> None:
    optional = {p: m for p, m in OPTIONAL_LINE_MANAGERS.items() if p in users and m in users}
    for person, manager in (LINE_MANAGERS | optional).items():
        users[person].manager_id = users[manager].id


def _as(user: User) -> Actor:
    principal = Principal(
        kind=PrincipalKind.USER,
        id=user.id,
        name=user.full_name,
        organisation_id=user.organisation_id,
        role=user.role,
    )
    return Actor(principal, Via.SYSTEM)


async def _objective_by_unit(session: AsyncSession) -> dict[int | None, int]:
    """The first objective of each org unit's plans, and of the corporate plan (key None),
    where the demo has plans: what the risks threaten."""
    rows = await session.execute(
        select(Plan.owner_org_unit_id, Plan.level, Objective.id)
        .join(Objective, Objective.plan_id == Plan.id)
        .order_by(Plan.id, Objective.position, Objective.id)
    )
    found: dict[int | None, int] = {}
    for unit, level, objective in rows:
        if level is PlanLevel.CORPORATE_PLAN:
            found.setdefault(None, objective)
        elif unit is not None:
            found.setdefault(unit, objective)
    return found


def _quarters_before(today: date, count: int) -> list[Period]:
    """The ``count`` quarters that ended last, oldest first."""
    quarter = period_containing(Frequency.QUARTERLY, today).previous()
    ended: list[Period] = []
    for _ in range(count):
        ended.append(quarter)
        quarter = quarter.previous()
    return list(reversed(ended))


async def _load_risk(
    session: AsyncSession,
    spec: RiskSpec,
    users: Mapping[str, User],
    units: Mapping[str, int],
    objectives: Mapping[int | None, int],
    today: date,
) -> None:
    unit = units[spec.unit] if spec.unit else None
    first_residual = spec.reviews[0] if spec.reviews else spec.residual or spec.inherent
    objective = objectives.get(unit)
    risk = await risks.create_risk(
        session,
        SYSTEM_ACTOR,
        RiskCreate(
            code=spec.code,
            title=spec.title,
            description=spec.description,
            owner_id=users[spec.owner].id,
            org_unit_id=unit,
            category=spec.category,
            inherent_likelihood=spec.inherent[0],
            inherent_impact=spec.inherent[1],
            residual_likelihood=first_residual[0],
            residual_impact=first_residual[1],
            control=spec.control,
            controls=spec.controls,
            objective_ids=[objective] if objective is not None else [],
        ),
    )
    owner = _as(users[spec.owner])
    for quarter, (likelihood, impact) in zip(
        _quarters_before(today, len(spec.reviews)), spec.reviews, strict=True
    ):
        await risk_reviews.add_review(
            session,
            owner,
            risk,
            RiskReviewCreate(
                period=quarter.code,
                likelihood=likelihood,
                impact=impact,
                comment=f"Reviewed at the {quarter.code} management team; controls in place.",
                reviewed_on=min(quarter.end + REVIEW_LAG, today),
            ),
        )


async def _indicator_ids(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(select(Indicator.code, Indicator.id))
    return {code: indicator_id for code, indicator_id in rows}


def _row(spec_index: int, register: Mapping[str, int], with_progress: bool) -> ItemCreate:
    row = COMMITMENT_ROWS[spec_index]
    indicator = register.get(row.indicator)
    return ItemCreate(
        quadrant=row.quadrant,
        position=spec_index,
        indicator_id=indicator,
        indicator_text="" if indicator else row.indicator,
        outcome=row.outcome,
        evidence=row.evidence,
        action_plan=row.action_plan,
        risk_impact=row.risk[0] if row.risk else None,
        risk_likelihood=row.risk[1] if row.risk else None,
        progress=row.progress if with_progress else "",
    )


async def _load_commitments(
    session: AsyncSession, users: Mapping[str, User], current: int, today: date
) -> None:
    """The head of Waste's commitments for last year (signed off, both reviews) and this
    year (signed off, reviewed as far as the calendar has gone); a draft for another head."""
    register = await _indicator_ids(session)
    head, director = users["manager"], users["director.env"]
    for year in (current - 1, current):
        reviews = [
            (kind, day)
            for kind, day in (
                (ReviewKind.SEPTEMBER, date(year, 9, 24)),
                (ReviewKind.JANUARY, date(year + 1, 1, 27)),
            )
            if day <= today
        ]
        made = await commitments.create_commitment(
            session,
            _as(head),
            CommitmentCreate(
                manager_id=head.id,
                year=financial_year_code(year),
                items=[_row(i, register, bool(reviews)) for i in range(len(COMMITMENT_ROWS))],
            ),
        )
        made = await commitments.get_commitment(session, made.id)
        agreed_on = date(year, 5, 15)
        if agreed_on <= today:
            await commitment_reviews.sign_off(session, _as(director), made)
            made.signed_off_at = datetime.combine(agreed_on, time(11, 0), tzinfo=UTC)
        for kind, day in reviews:
            await commitment_reviews.add_review(
                session,
                _as(director),
                made,
                ReviewCreate(kind=kind, held_on=day, comments=REVIEW_NOTES[kind.value]),
            )
    other = users["rachel.greaves"]
    await commitments.create_commitment(
        session,
        _as(other),
        CommitmentCreate(
            manager_id=other.id,
            year=financial_year_code(current),
            items=[
                ItemCreate(
                    quadrant=row.quadrant,
                    outcome=text,
                    action_plan=plan,
                    risk_impact=4,
                    risk_likelihood=3,
                )
                for row, text, plan in (
                    (
                        COMMITMENT_ROWS[0],
                        "Initial assessments completed within 7 working days",
                        "Duty rota covers every day; weekly timeliness report",
                    ),
                    (
                        COMMITMENT_ROWS[4],
                        "Agency social workers below 15% of posts",
                        "Grow-your-own trainee scheme; market supplement review",
                    ),
                )
            ],
        ),
    )


async def _load_appraisals(session: AsyncSession, users: Mapping[str, User], today: date) -> None:
    """The last SRD season that has ended (February to June): most held in it, a few late,
    some not yet held, so completion rates differ from unit to unit."""
    season = today.year if today >= date(today.year, 7, 1) else today.year - 1
    opens = date(season, 2, 1)
    optional = tuple(a for a in OPTIONAL_APPRAISALS if a[0] in users and a[1] in users)
    for index, (person, reviewer, offset) in enumerate(APPRAISALS + optional):
        held = opens + timedelta(days=offset) if offset is not None else None
        await appraisals.create_appraisal(
            session,
            _as(users[reviewer]),
            AppraisalCreate(
                person_id=users[person].id,
                year=financial_year_code(season),
                held_on=held if held is not None and held <= today else None,
                reviewer_id=users[reviewer].id,
                performance_review="Objectives for the year agreed and linked to the "
                "service plan; last year's reviewed.",
                training_needs=TRAINING[index % len(TRAINING)],
            ),
        )


async def load_risks_commitments(
    session: AsyncSession,
    units: Mapping[str, int],
    people: Mapping[str, int],
    current_year: int,
    *,
    today: date,
) -> None:
    """Add the line managers, the risk register, commitments and appraisals. Flushes,
    never commits."""
    everyone = dict(people)
    users = await _add_people(session, everyone, units)
    _place_people(users)
    await session.flush()
    objectives = await _objective_by_unit(session)
    for spec in RISKS:
        await _load_risk(session, spec, users, units, objectives, today)
    await _load_commitments(session, users, current_year, today)
    await _load_appraisals(session, users, today)
    await session.flush()
