"""Data-collection deadlines: the rule, each person's due and overdue figures, late data."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from goldenthread.core.deps import CurrentActor, RegisterPrincipal, Session, StaffPrincipal
from goldenthread.core.http import (
    check_version,
    model_response,
    set_version_etag,
)
from goldenthread.core.pagination import Cursor, Limit
from goldenthread.core.query import Id, parse_year_param
from goldenthread.deadlines import service, views
from goldenthread.deadlines.rules import DeadlineState
from goldenthread.deadlines.schemas import (
    DeadlinePage,
    DeadlineRuleRead,
    DeadlineRuleWrite,
    LateDataView,
)
from goldenthread.periods.rules import Frequency
from goldenthread.periods.workdays import today_in_london

router = APIRouter(prefix="/deadlines", tags=["deadlines"])

AsOf = Annotated[
    date | None, Query(description="The day to judge from (default today, in the UK).")
]
Year = Annotated[
    str | None,
    Query(
        max_length=20,
        description="Every period of this financial year, e.g. 2008-09. Default: the periods "
        "ended whose deadline falls within the rule's look-back window.",
        examples=["2008-09"],
    ),
]


@router.get("", response_model=DeadlinePage)
async def list_deadlines(
    session: Session,
    principal: StaffPrincipal,
    as_of: AsOf = None,
    year: Year = None,
    mine: bool = Query(False, description="Only indicators you own or deputise for."),
    org_unit: Id | None = Query(None, description="Org unit id; includes the units beneath."),
    frequency: Frequency | None = None,
    state: Annotated[
        list[DeadlineState] | None,
        Query(description="Only these states (repeat the parameter for several)."),
    ] = None,
    late: bool | None = Query(None, description="Only figures handed in late (or not late)."),
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Response:
    """Figures due, due soon, overdue and received, by deadline (contributors: mine=true)."""
    if not mine:
        service.check_may_see_all(principal)
    scope = service.Scope(
        as_of=as_of or today_in_london(),
        year=parse_year_param(year),
        person_id=principal.id if mine else None,
        org_unit_id=org_unit,
        frequency=frequency,
    )
    found = await service.compute(session, scope)
    items, next_cursor = views.page(found, set(state or ()), limit, cursor, late=late)
    return model_response(
        DeadlinePage(
            as_of=scope.as_of,
            rule=service.rule_read(found.rule_row),
            counts=views.counts(found.items),
            items=items,
            next_cursor=next_cursor,
        )
    )


@router.get("/by-directorate", response_model=LateDataView)
async def late_data_by_directorate(
    session: Session,
    principal: StaffPrincipal,
    as_of: AsOf = None,
    year: Year = None,
    frequency: Frequency | None = None,
) -> LateDataView:
    """The late-data view: missing, draft-only and late figures by directorate, worst first."""
    service.check_may_see_all(principal)
    scope = service.Scope(
        as_of=as_of or today_in_london(), year=parse_year_param(year), frequency=frequency
    )
    found = await service.compute(session, scope)
    directorates, totals = views.late_data_by_directorate(found.items)
    return LateDataView(
        as_of=scope.as_of,
        rule=service.rule_read(found.rule_row),
        directorates=directorates,
        totals=totals,
    )


@router.get("/rule", response_model=DeadlineRuleRead)
async def get_deadline_rule(
    session: Session, _: StaffPrincipal, response: Response
) -> DeadlineRuleRead:
    """The deadline rule: working days after a period ends, the due-soon and look-back windows."""
    rule = service.rule_read(await service.get_rule_row(session))
    set_version_etag(response, rule.version)
    return rule


@router.put("/rule", response_model=DeadlineRuleRead)
async def put_deadline_rule(
    data: DeadlineRuleWrite,
    request: Request,
    session: Session,
    actor: CurrentActor,
    _: RegisterPrincipal,
    response: Response,
) -> DeadlineRuleRead:
    """Set the deadline rule (performance team); send If-Match with the ETag you read."""
    row = await service.get_rule_row(session)
    check_version(request, row.version if row else 0, "The deadline rule")
    row = await service.put_rule(session, actor, row, data)
    rule = service.rule_read(row)
    set_version_etag(response, rule.version)
    return rule
