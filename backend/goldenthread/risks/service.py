"""The risk register: queries, the rules of who changes what, reviews and the heat map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor, Principal
from goldenthread.core.staff_access import check_reach, reach_of
from goldenthread.objectives.models import Objective
from goldenthread.organisations import service as organisations
from goldenthread.organisations.models import OrgUnit
from goldenthread.risks import rules
from goldenthread.risks.models import Risk, RiskObjectiveLink, RiskReview, RiskStatus
from goldenthread.risks.schemas import (
    HeatCellRead,
    HeatMapRead,
    HeatRowRead,
    RiskCreate,
    RiskRead,
    RiskUpdate,
    ScoreRead,
)
from goldenthread.users.models import User

RISK_FIELDS = (
    "code",
    "title",
    "description",
    "owner_id",
    "org_unit_id",
    "category",
    "inherent_likelihood",
    "inherent_impact",
    "residual_likelihood",
    "residual_impact",
    "control",
    "controls",
    "status",
)
REQUIRED = (
    "code",
    "title",
    "category",
    "inherent_likelihood",
    "inherent_impact",
    "residual_likelihood",
    "residual_impact",
    "control",
    "status",
)
StatusFilter = Literal["open", "closed", "all"]


def code_key(code: str) -> str:
    return " ".join(code.split()).casefold()


@dataclass(frozen=True)
class RiskFilters:
    org_unit_id: int | None = None
    category: rules.Category | None = None
    objective_id: int | None = None
    min_score: int | None = None
    owner_id: int | None = None
    status: StatusFilter = "open"


async def _conditions(session: AsyncSession, filters: RiskFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.org_unit_id is not None:
        units = await organisations.org_unit_subtree(session, filters.org_unit_id)
        conditions.append(Risk.org_unit_id.in_(units))
    if filters.category is not None:
        conditions.append(Risk.category == filters.category)
    if filters.objective_id is not None:
        linked = select(RiskObjectiveLink.risk_id).where(
            RiskObjectiveLink.objective_id == filters.objective_id
        )
        conditions.append(Risk.id.in_(linked))
    if filters.min_score is not None:
        conditions.append(Risk.residual_likelihood * Risk.residual_impact >= filters.min_score)
    if filters.owner_id is not None:
        conditions.append(Risk.owner_id == filters.owner_id)
    if filters.status != "all":
        conditions.append(Risk.status == RiskStatus(filters.status))
    return conditions


def _with_links() -> Select[Risk]:
    return select(Risk).options(selectinload(Risk.objective_links))


async def list_risks(
    session: AsyncSession, filters: RiskFilters, *, limit: int, cursor: str | None
) -> tuple[list[Risk], str | None]:
    query = (
        _with_links()
        .where(*await _conditions(session, filters))
        .order_by(Risk.code_key)
        .limit(limit + 1)
    )
    if cursor:
        (after_key,) = decode_cursor(cursor)
        query = query.where(Risk.code_key > str(after_key))
    rows = list((await session.scalars(query)).all())
    next_cursor = encode_cursor([rows[limit - 1].code_key]) if len(rows) > limit else None
    return rows[:limit], next_cursor


async def get_risk(session: AsyncSession, risk_id: int) -> Risk:
    query = _with_links().where(Risk.id == risk_id).execution_options(populate_existing=True)
    risk = (await session.scalars(query)).one_or_none()
    if risk is None:
        raise NotFound(f"There is no risk {risk_id}.")
    return risk


# --- reading ------------------------------------------------------------------------------


def _score(likelihood: int, impact: int) -> ScoreRead:
    return ScoreRead(
        likelihood=likelihood,
        impact=impact,
        score=rules.score(likelihood, impact),
        band=rules.band(likelihood, impact),
        explanation=rules.describe(likelihood, impact),
    )


async def risk_reads(
    session: AsyncSession, risks: list[Risk], principal: Principal
) -> list[RiskRead]:
    """Two queries for any number of risks: owners' names and the latest reviews (and the
    caller's reach, once, for what they may do)."""
    reach = await reach_of(session, principal)
    owner_ids = {r.owner_id for r in risks if r.owner_id is not None}
    names: dict[int, str] = {}
    if owner_ids:
        rows = await session.execute(select(User.id, User.full_name).where(User.id.in_(owner_ids)))
        names = {uid: name for uid, name in rows}
    latest: dict[int, rules.ReviewKey] = {}
    if risks:
        reviews = await session.execute(
            select(
                RiskReview.risk_id, RiskReview.period, RiskReview.reviewed_on, RiskReview.id
            ).where(RiskReview.risk_id.in_([r.id for r in risks]))
        )
        keys: dict[int, list[rules.ReviewKey]] = {}
        for risk_id, period, reviewed_on, review_id in reviews:
            keys.setdefault(risk_id, []).append(rules.ReviewKey(period, reviewed_on, review_id))
        for risk_id, found in keys.items():
            key = rules.latest_review(found)
            if key is not None:
                latest[risk_id] = key
    return [
        _read(risk, names, latest.get(risk.id), principal, reach.covers(risk.org_unit_id))
        for risk in risks
    ]


def _read(
    risk: Risk,
    names: dict[int, str],
    latest: rules.ReviewKey | None,
    principal: Principal,
    can_edit: bool,
) -> RiskRead:
    # The same rules update_risk and reviews.add_review enforce.
    owner = principal.is_user and risk.owner_id == principal.id
    return RiskRead(
        id=risk.id,
        code=risk.code,
        title=risk.title,
        description=risk.description,
        owner_id=risk.owner_id,
        owner_name=names.get(risk.owner_id) if risk.owner_id is not None else None,
        org_unit_id=risk.org_unit_id,
        category=risk.category,
        inherent_likelihood=risk.inherent_likelihood,
        inherent_impact=risk.inherent_impact,
        residual_likelihood=risk.residual_likelihood,
        residual_impact=risk.residual_impact,
        inherent=_score(risk.inherent_likelihood, risk.inherent_impact),
        residual=_score(risk.residual_likelihood, risk.residual_impact),
        control=risk.control,
        controls=risk.controls,
        status=risk.status,
        objective_ids=risk.objective_ids,
        last_review_period=latest.period if latest else None,
        last_reviewed_on=latest.reviewed_on if latest else None,
        version=risk.version,
        created_at=risk.created_at,
        updated_at=risk.updated_at,
        can_edit=can_edit,
        can_review=(can_edit or owner) and risk.status is not RiskStatus.CLOSED,
    )


async def risk_read(session: AsyncSession, risk: Risk, principal: Principal) -> RiskRead:
    (read,) = await risk_reads(session, [risk], principal)
    return read


# --- changing -----------------------------------------------------------------------------


async def check_may_change(
    session: AsyncSession, principal: Principal, org_unit_id: int | None, what: str
) -> None:
    where = "corporate risks" if org_unit_id is None else "risks of that org unit"
    await check_reach(
        session,
        principal,
        org_unit_id,
        f"You may not change {what}: {where} are changed by the managers of the unit "
        "(or a unit above it) and the performance team.",
    )


async def _check_references(session: AsyncSession, values: dict[str, Any]) -> None:
    errors: list[FieldError] = []
    owner = values.get("owner_id")
    if owner is not None and await session.get(User, owner) is None:
        errors.append(FieldError("owner_id", f"there is no user {owner}"))
    unit = values.get("org_unit_id")
    if unit is not None and await session.get(OrgUnit, unit) is None:
        errors.append(FieldError("org_unit_id", f"there is no org unit {unit}"))
    wanted = values.get("objective_ids") or []
    if len(set(wanted)) != len(wanted):
        errors.append(FieldError("objective_ids", "an objective is listed twice"))
    if wanted:
        found = set(
            (await session.scalars(select(Objective.id).where(Objective.id.in_(wanted)))).all()
        )
        errors += [
            FieldError("objective_ids", f"there is no objective {oid}")
            for oid in wanted
            if oid not in found
        ]
    if errors:
        raise ValidationFailed("The risk refers to things that do not exist.", errors)


async def _ensure_code_free(session: AsyncSession, key: str, except_id: int | None) -> None:
    query = select(Risk.id).where(Risk.code_key == key)
    if except_id is not None:
        query = query.where(Risk.id != except_id)
    if await session.scalar(query) is not None:
        raise Conflict(
            "Another risk has this code (codes are compared in any case).",
            [FieldError("code", "already used by another risk")],
        )


def snapshot(risk: Risk) -> dict[str, Any]:
    return audit.snapshot(risk, (*RISK_FIELDS, "objective_ids"))


async def create_risk(session: AsyncSession, actor: Actor, data: RiskCreate) -> Risk:
    await check_may_change(session, actor.principal, data.org_unit_id, "this risk")
    values = data.model_dump()
    await _check_references(session, values)
    key = code_key(data.code)
    await _ensure_code_free(session, key, None)
    objective_ids = values.pop("objective_ids")
    if values["residual_likelihood"] is None:
        values["residual_likelihood"] = data.inherent_likelihood
    if values["residual_impact"] is None:
        values["residual_impact"] = data.inherent_impact
    risk = Risk(
        **values,
        code_key=key,
        status=RiskStatus.OPEN,
        objective_links=[RiskObjectiveLink(objective_id=oid) for oid in objective_ids],
    )
    session.add(risk)
    await session.flush()
    audit.record_change(session, actor, "create", "risk", risk.id, None, snapshot(risk))
    return risk


async def update_risk(session: AsyncSession, actor: Actor, risk: Risk, data: RiskUpdate) -> Risk:
    changes = data.model_dump(exclude_unset=True)
    nulls = [FieldError(f, "may not be null") for f in REQUIRED if changes.get(f, 0) is None]
    if nulls:
        raise ValidationFailed("Some fields may not be emptied.", nulls)
    for name in ("description", "controls"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    if "objective_ids" in changes and changes["objective_ids"] is None:
        changes["objective_ids"] = []
    await check_may_change(session, actor.principal, risk.org_unit_id, f"risk {risk.code}")
    if "org_unit_id" in changes and changes["org_unit_id"] != risk.org_unit_id:
        await check_may_change(
            session, actor.principal, changes["org_unit_id"], f"risk {risk.code} to that unit"
        )
    await _check_references(session, changes)
    if "code" in changes:
        await _ensure_code_free(session, code_key(changes["code"]), risk.id)
    before = snapshot(risk)
    objective_ids = changes.pop("objective_ids", None)
    for name, value in changes.items():
        setattr(risk, name, value)
    if "code" in changes:
        risk.code_key = code_key(risk.code)
    if objective_ids is not None and objective_ids != risk.objective_ids:
        keep = {link.objective_id: link for link in risk.objective_links}
        risk.objective_links = [
            keep.get(oid) or RiskObjectiveLink(objective_id=oid) for oid in objective_ids
        ]
    after = snapshot(risk)
    if after == before:
        return risk
    risk.updated_at = utcnow()
    await session.flush()
    audit.record_change(session, actor, "update", "risk", risk.id, before, after)
    return risk


# --- the heat map -------------------------------------------------------------------------


async def heat_map(session: AsyncSession, filters: RiskFilters, basis: rules.Basis) -> HeatMapRead:
    if basis is rules.Basis.INHERENT:
        columns = (Risk.code, Risk.inherent_likelihood, Risk.inherent_impact)
    else:
        columns = (Risk.code, Risk.residual_likelihood, Risk.residual_impact)
    rows = await session.execute(select(*columns).where(*await _conditions(session, filters)))
    grid = rules.heat_map([rules.Scored(c, lk, im) for c, lk, im in rows])
    return HeatMapRead(
        basis=basis,
        total=grid.total,
        by_band=grid.by_band,
        likelihood_labels=dict(rules.LIKELIHOOD_WORDS),
        impact_labels=dict(rules.IMPACT_WORDS),
        rows=[
            HeatRowRead(
                likelihood=row[0].likelihood,
                label=rules.LIKELIHOOD_WORDS[row[0].likelihood],
                cells=[
                    HeatCellRead(
                        likelihood=cell.likelihood,
                        impact=cell.impact,
                        score=cell.score,
                        band=cell.band,
                        count=cell.count,
                        codes=list(cell.codes),
                    )
                    for cell in row
                ],
            )
            for row in grid.rows
        ],
    )
