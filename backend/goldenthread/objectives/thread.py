"""The golden thread of one objective, both ways, with a roll-up at every objective.

The whole link graph is read in one query and walked here; everything hanging off the
objectives in reach (plans, indicators and their statuses, actions, risks, people) comes in
a fixed number of further queries, however big the thread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions import rules as action_rules
from goldenthread.actions.models import Action
from goldenthread.actions.rules import ActionState
from goldenthread.core.errors import NotFound
from goldenthread.core.principal import Principal
from goldenthread.indicators.models import Indicator
from goldenthread.objectives import rules
from goldenthread.objectives.models import Objective, ObjectiveIndicator, ObjectiveLink
from goldenthread.objectives.schemas import (
    ActionCounts,
    RollUp,
    ThreadAction,
    ThreadIndicator,
    ThreadObjective,
    ThreadPerson,
    ThreadPlan,
    ThreadRead,
    ThreadRisk,
)
from goldenthread.periods.rules import Period
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import LEVEL_RANK
from goldenthread.risks import rules as risk_rules
from goldenthread.risks.models import Risk, RiskObjectiveLink, RiskStatus
from goldenthread.status import service as status_service
from goldenthread.status.cache import StatusCache
from goldenthread.status.schemas import RagCounts, StatusRead
from goldenthread.status.values import Rag
from goldenthread.users.models import User

# Past this many ids a query reads the whole table and the rows are filtered here: bound
# parameters have a ceiling, and a thread that large touches most of the table anyway.
IN_LIMIT = 5000


def _within(column: Any, ids: Iterable[int]) -> ColumnElement[bool]:
    ids = list(ids)
    return column.in_(sorted(ids)) if len(ids) <= IN_LIMIT else true()


async def _statuses(
    session: AsyncSession,
    cache: StatusCache | None,
    principal: Principal,
    period: Period,
    indicator_ids: set[int],
) -> list[StatusRead]:
    """The register's statuses come from the shared cache while no figure (nor action) has
    changed: one query then, instead of computing thousands of statuses again."""
    if cache is None:
        return await status_service.compute_statuses(
            session, period, [_within(Indicator.id, indicator_ids)]
        )
    return await status_service.register_statuses(
        session, cache, principal, period, set_name=None, org_unit_id=None, lifecycle="all"
    )


async def build(
    session: AsyncSession,
    principal: Principal,
    objective_id: int,
    period: Period,
    today: date,
    cache: StatusCache | None = None,
) -> ThreadRead:
    if not principal.is_user:
        raise NotFound(f"There is no objective {objective_id}.")
    if await session.scalar(select(Objective.id).where(Objective.id == objective_id)) is None:
        raise NotFound(f"There is no objective {objective_id}.")

    links = (
        await session.execute(select(ObjectiveLink.objective_id, ObjectiveLink.parent_objective_id))
    ).all()
    parents, children = rules.adjacency((c, p) for c, p in links)
    up = rules.reachable([objective_id], parents) - {objective_id}
    down = rules.reachable([objective_id], children) - {objective_id} - up
    roots = {n for n in up | {objective_id} if not parents.get(n)}
    # Everything beneath the ambitions served: an ancestor's roll-up covers all of it.
    scope = roots | rules.reachable(roots, children)

    objective_rows = {
        row.id: row
        for row in (
            await session.execute(
                select(
                    Objective.id,
                    Objective.plan_id,
                    Objective.code,
                    Objective.title,
                    Objective.kind,
                    Objective.owner_id,
                    Objective.position,
                    Plan.level,
                    Plan.title.label("plan_title"),
                    Plan.status.label("plan_status"),
                    Plan.owner_org_unit_id,
                    Plan.owner_user_id,
                    Plan.start_year,
                    Plan.end_year,
                )
                .join(Plan, Plan.id == Objective.plan_id)
                .where(_within(Objective.id, scope))
            )
        ).all()
        if row.id in scope
    }
    scope &= set(objective_rows)

    own_indicators: dict[int, set[int]] = defaultdict(set)
    indicator_objectives: dict[int, set[int]] = defaultdict(set)
    for obj, ind in (
        await session.execute(
            select(ObjectiveIndicator.objective_id, ObjectiveIndicator.indicator_id).where(
                _within(ObjectiveIndicator.objective_id, scope)
            )
        )
    ).all():
        if obj in scope:
            own_indicators[obj].add(ind)
            indicator_objectives[ind].add(obj)
    indicator_ids = set(indicator_objectives)

    measured = select(ObjectiveIndicator.indicator_id).where(
        _within(ObjectiveIndicator.objective_id, scope)
    )
    action_rows = [
        row
        for row in (
            await session.execute(
                select(
                    Action.id,
                    Action.title,
                    Action.objective_id,
                    Action.indicator_id,
                    Action.parent_id,
                    Action.owner_id,
                    Action.due_on,
                    Action.status,
                    Action.percent_complete,
                )
                .where(or_(_within(Action.objective_id, scope), Action.indicator_id.in_(measured)))
                .order_by(Action.due_on, Action.id)
            )
        ).all()
        if row.objective_id in scope or row.indicator_id in indicator_ids
    ]
    own_actions: dict[int, set[int]] = defaultdict(set)
    action_state: dict[int, ActionState] = {}
    for act in action_rows:
        action_state[act.id] = action_rules.state(act.status, act.due_on, today)
        if act.objective_id in scope:
            own_actions[act.objective_id].add(act.id)
        # Remedial action on an indicator counts wherever the indicator does.
        for obj in indicator_objectives.get(act.indicator_id, ()):
            own_actions[obj].add(act.id)

    own_risks: dict[int, set[int]] = defaultdict(set)
    risk_rows: dict[int, Any] = {}
    risk_objectives: dict[int, set[int]] = defaultdict(set)
    for risk in (
        await session.execute(
            select(
                RiskObjectiveLink.objective_id,
                Risk.id,
                Risk.code,
                Risk.title,
                Risk.owner_id,
                Risk.residual_likelihood,
                Risk.residual_impact,
            )
            .join(Risk, Risk.id == RiskObjectiveLink.risk_id)
            .where(_within(RiskObjectiveLink.objective_id, scope), Risk.status != RiskStatus.CLOSED)
        )
    ).all():
        if risk.objective_id in scope:
            own_risks[risk.objective_id].add(risk.id)
            risk_rows[risk.id] = risk
            risk_objectives[risk.id].add(risk.objective_id)
    risk_score = {
        rid: risk_rules.score(r.residual_likelihood, r.residual_impact)
        for rid, r in risk_rows.items()
    }

    statuses = (
        {
            s.indicator_id: s
            for s in await _statuses(session, cache, principal, period, indicator_ids)
            if s.indicator_id in indicator_ids
        }
        if indicator_ids
        else {}
    )

    # Roll-ups: each objective with everything beneath it, each item counted once.
    within_children = {n: [c for c in children.get(n, ()) if c in scope] for n in scope}
    shown = [n for n in (up | {objective_id} | down) if n in scope]
    closure = rules.closures(shown, within_children)

    def rollup(node: int) -> RollUp:
        beneath = closure.get(node, frozenset({node}))
        inds: set[int] = set()
        acts: set[int] = set()
        risks: set[int] = set()
        for n in beneath:
            inds |= own_indicators.get(n, set())
            acts |= own_actions.get(n, set())
            risks |= own_risks.get(n, set())
        rag: dict[str, int] = defaultdict(int)
        for i in inds:
            found = statuses.get(i)
            if found is not None:
                rag[found.rag.value] += 1
        acted: dict[str, int] = defaultdict(int)
        for a in acts:
            acted[action_state[a].value] += 1
        # Built from values already typed: no second validation of thousands of nodes.
        return RollUp.model_construct(
            objectives=len(beneath) - 1,
            indicators=RagCounts(**rag),
            actions=ActionCounts(total=len(acts), **acted),
            risks=len(risks),
            highest_risk_score=max((risk_score[r] for r in risks), default=None),
        )

    def sort_key(node: int) -> tuple[int, int, int]:
        row = objective_rows[node]
        return (LEVEL_RANK[row.level], row.position, node)

    ordered = [
        *sorted((n for n in up if n in scope), key=sort_key),
        objective_id,
        *sorted((n for n in down if n in scope), key=sort_key),
    ]
    shown_set = set(ordered)
    nodes: list[ThreadObjective] = []
    for node in ordered:
        row = objective_rows[node]
        nodes.append(
            ThreadObjective.model_construct(
                id=node,
                plan_id=row.plan_id,
                plan_level=row.level,
                code=row.code,
                title=row.title,
                kind=row.kind,
                owner_id=row.owner_id,
                direction="focus" if node == objective_id else ("up" if node in up else "down"),
                contributes_to=sorted(p for p in parents.get(node, ()) if p in shown_set),
                contributors=sorted(c for c in children.get(node, ()) if c in shown_set),
                indicator_ids=sorted(own_indicators.get(node, ())),
                action_ids=sorted(own_actions.get(node, ())),
                risk_ids=sorted(own_risks.get(node, ())),
                rollup=rollup(node),
            )
        )

    shown_indicators = sorted(
        {i for n in ordered for i in own_indicators.get(n, ())},
        key=lambda i: statuses[i].code if i in statuses else str(i),
    )
    shown_actions = {a for n in ordered for a in own_actions.get(n, ())}
    shown_risks = sorted({r for n in ordered for r in own_risks.get(n, ())})
    plan_rows = {objective_rows[n].plan_id: objective_rows[n] for n in ordered}

    people_ids: set[int] = set()
    people_ids.update(r.owner_id for n in ordered if (r := objective_rows[n]).owner_id)
    people_ids.update(r.owner_user_id for r in plan_rows.values() if r.owner_user_id)
    people_ids.update(r.owner_id for r in action_rows if r.id in shown_actions and r.owner_id)
    people_ids.update(s.owner_id for i in shown_indicators if (s := statuses.get(i)) and s.owner_id)
    people_ids.update(risk_rows[r].owner_id for r in shown_risks if risk_rows[r].owner_id)
    people = (
        (
            await session.execute(
                select(User.id, User.full_name, User.job_title, User.org_unit_id)
                .where(_within(User.id, people_ids))
                .order_by(User.full_name, User.id)
            )
        ).all()
        if people_ids
        else []
    )

    return ThreadRead(
        objective_id=objective_id,
        period=period.code,
        today=today,
        objectives=nodes,
        plans=[
            ThreadPlan(
                id=pid,
                level=r.level,
                title=r.plan_title,
                status=r.plan_status,
                owner_org_unit_id=r.owner_org_unit_id,
                owner_user_id=r.owner_user_id,
                start_year=r.start_year,
                end_year=r.end_year,
            )
            for pid, r in sorted(
                plan_rows.items(), key=lambda item: (LEVEL_RANK[item[1].level], item[0])
            )
        ],
        indicators=[
            _indicator(i, statuses.get(i), indicator_objectives[i], period)
            for i in shown_indicators
        ],
        actions=[
            ThreadAction.model_construct(
                id=r.id,
                title=r.title,
                objective_id=r.objective_id,
                indicator_id=r.indicator_id,
                parent_id=r.parent_id,
                owner_id=r.owner_id,
                due_on=r.due_on,
                status=r.status,
                percent_complete=r.percent_complete,
                state=action_state[r.id],
            )
            for r in action_rows
            if r.id in shown_actions
        ],
        risks=[
            ThreadRisk(
                id=r,
                code=risk_rows[r].code,
                title=risk_rows[r].title,
                owner_id=risk_rows[r].owner_id,
                residual_score=risk_score[r],
                objective_ids=sorted(risk_objectives[r]),
            )
            for r in shown_risks
        ],
        people=[
            ThreadPerson(
                id=p.id, full_name=p.full_name, job_title=p.job_title, org_unit_id=p.org_unit_id
            )
            for p in people
            if p.id in people_ids
        ],
    )


def _indicator(
    indicator_id: int, found: Any, objectives: set[int], period: Period
) -> ThreadIndicator:
    return ThreadIndicator.model_construct(
        id=indicator_id,
        code=found.code if found else "",
        title=found.title if found else "",
        owner_id=found.owner_id if found else None,
        rag=found.rag if found else Rag.NO_DATA,
        period=found.period if found else period.code,
        actual=found.actual if found else None,
        target=found.target if found else None,
        has_remedial_action=bool(found and found.has_remedial_action),
        objective_ids=sorted(objectives),
    )
