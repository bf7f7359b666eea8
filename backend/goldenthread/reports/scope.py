"""What a report's scope covers: its indicators, actions, risks and services, as SQL
conditions (subqueries, so nothing is fetched per item).

- ``council``: every active indicator, action, open risk and service;
- ``org_unit:<id>``: the unit and the units beneath it: their indicators, the actions they
  answer for, their risks and budgets (and remedial actions on their indicators);
- ``plan:<id>``: the plan and the plans beneath it: the indicators and actions attached to
  their objectives, the risks to those objectives, and the budgets of the services that own
  the plans or the indicators;
- ``set:<name>``: the indicators of a set or basket, their remedial actions, the risks to the
  objectives they measure, and the budgets of the services that own them.

Milestones come with the actions they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, or_, select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from goldenthread.actions.models import Action
from goldenthread.core.errors import NotFound
from goldenthread.indicators.models import Indicator, IndicatorSet, Lifecycle
from goldenthread.objectives import rules as objective_rules
from goldenthread.objectives.models import Objective, ObjectiveIndicator
from goldenthread.organisations.tree import UnitTree
from goldenthread.plans.models import Plan
from goldenthread.reports.rules import ScopeKind, ScopeSpec
from goldenthread.risks.models import Risk, RiskObjectiveLink, RiskStatus


@dataclass
class ResolvedScope:
    spec: ScopeSpec
    name: str
    indicators: list[ColumnElement[bool]]  # conditions on Indicator
    actions: ColumnElement[bool]  # condition on Action (milestones included)
    risks: ColumnElement[bool]  # condition on Risk
    # Units whose budgets are reported: None for all; else these (plan and set scopes add
    # the units of the scope's indicators once their statuses are known).
    finance_units: set[int] | None
    add_indicator_units: bool


def _plan_subtree(rows: list[tuple[int, int | None]], root: int) -> set[int]:
    _, children = objective_rules.adjacency(
        (plan, parent) for plan, parent in rows if parent is not None
    )
    return {root} | objective_rules.reachable([root], children)


async def resolve(conn: AsyncConnection, spec: ScopeSpec, units: UnitTree) -> ResolvedScope:
    """The scope's conditions; 404 for an org unit or plan that does not exist."""
    active = Indicator.lifecycle == Lifecycle.ACTIVE
    if spec.kind is ScopeKind.COUNCIL:
        return ResolvedScope(spec, "Whole council", [active], true(), true(), None, False)
    if spec.kind is ScopeKind.ORG_UNIT:
        assert spec.id is not None
        if spec.id not in units.names:
            raise NotFound(f"There is no org unit {spec.id}.")
        subtree = sorted(units.subtree(spec.id))
        indicators = [active, Indicator.org_unit_id.in_(subtree)]
        in_scope = select(Indicator.id).where(*indicators)
        actions = or_(Action.org_unit_id.in_(subtree), Action.indicator_id.in_(in_scope))
        return ResolvedScope(
            spec,
            units.names[spec.id],
            indicators,
            _milestones_too(actions),
            Risk.org_unit_id.in_(subtree),
            set(subtree),
            False,
        )
    if spec.kind is ScopeKind.SET:
        assert spec.set_name is not None
        indicators = [
            active,
            exists().where(
                IndicatorSet.indicator_id == Indicator.id, IndicatorSet.name == spec.set_name
            ),
        ]
        in_scope = select(Indicator.id).where(*indicators)
        measured = select(ObjectiveIndicator.objective_id).where(
            ObjectiveIndicator.indicator_id.in_(in_scope)
        )
        return ResolvedScope(
            spec,
            f"Indicator set {spec.set_name}",
            indicators,
            _milestones_too(Action.indicator_id.in_(in_scope)),
            Risk.id.in_(
                select(RiskObjectiveLink.risk_id).where(
                    RiskObjectiveLink.objective_id.in_(measured)
                )
            ),
            set(),
            True,
        )
    assert spec.id is not None
    plans = (await conn.execute(select(Plan.id, Plan.parent_id, Plan.title))).all()
    titles = {p.id: p.title for p in plans}
    if spec.id not in titles:
        raise NotFound(f"There is no plan {spec.id}.")
    plan_ids = sorted(_plan_subtree([(p.id, p.parent_id) for p in plans], spec.id))
    objectives = select(Objective.id).where(Objective.plan_id.in_(plan_ids))
    indicators = [
        active,
        Indicator.id.in_(
            select(ObjectiveIndicator.indicator_id).where(
                ObjectiveIndicator.objective_id.in_(objectives)
            )
        ),
    ]
    in_scope = select(Indicator.id).where(*indicators)
    owners = (
        await conn.execute(
            select(Plan.owner_org_unit_id).where(
                Plan.id.in_(plan_ids), Plan.owner_org_unit_id.is_not(None)
            )
        )
    ).scalars()
    finance_units: set[int] = set()
    for owner in owners:
        if owner is not None:
            finance_units |= units.subtree(owner)
    return ResolvedScope(
        spec,
        titles[spec.id],
        indicators,
        _milestones_too(
            or_(Action.objective_id.in_(objectives), Action.indicator_id.in_(in_scope))
        ),
        Risk.id.in_(
            select(RiskObjectiveLink.risk_id).where(RiskObjectiveLink.objective_id.in_(objectives))
        ),
        finance_units,
        True,
    )


def _milestones_too(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """The actions matching, and the milestones of those actions."""
    # Not correlated with the outer query on the same table: a plain list of ids.
    matching: Select[Any] = select(Action.id).where(condition).correlate(None)
    return or_(condition, Action.parent_id.in_(matching))


def open_risks(scope: ResolvedScope) -> list[ColumnElement[bool]]:
    return [Risk.status == RiskStatus.OPEN, scope.risks]
