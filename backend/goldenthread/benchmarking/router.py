"""Benchmarking against other councils: comparator groups, their published values, where the
council stands, and aims set against a benchmark."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse

from goldenthread.benchmarking import aims, importer, service, value_file
from goldenthread.benchmarking import benchmark as bench
from goldenthread.benchmarking.schemas import (
    AimRead,
    AimWrite,
    BenchmarkRead,
    GroupCreate,
    GroupRead,
    GroupUpdate,
    SummaryRead,
    ValuesImportSummary,
)
from goldenthread.core.deps import (
    AppSettings,
    CurrentActor,
    RegisterPrincipal,
    Session,
    StaffPrincipal,
)
from goldenthread.core.http import (
    check_version,
    model_response,
    set_version_etag,
)
from goldenthread.core.principal import Actor, Via
from goldenthread.core.query import Id, YearParam, parse_year_param
from goldenthread.imports.upload import DryRun, Sheet, received_upload, upload_body
from goldenthread.indicators import service as indicators

router = APIRouter(tags=["benchmarking"])

GroupParam = Annotated[
    str | None,
    Query(max_length=40, description="Comparator group: its code (e.g. SCOTLAND) or id."),
]


def _values_body() -> dict[str, Any]:
    return upload_body(
        value_file.LAYOUT,
        f"{', '.join(value_file.REQUIRED)} are required, council_name the first time a "
        "council is met.",
    )


# ---- groups ---------------------------------------------------------------------------------


@router.get("/benchmarking/groups", response_model=list[GroupRead])
async def list_groups(session: Session, _: StaffPrincipal) -> list[GroupRead]:
    """Every comparator group with its member councils and the member that is this council."""
    return await service.list_groups(session)


@router.post("/benchmarking/groups", response_model=GroupRead, status_code=status.HTTP_201_CREATED)
async def create_group(
    data: GroupCreate,
    session: Session,
    actor: CurrentActor,
    _: RegisterPrincipal,
    response: Response,
) -> GroupRead:
    """Create a comparator group (performance team); unknown member councils are added."""
    group = await service.create_group(session, actor, data)
    response.headers["Location"] = f"/api/v1/benchmarking/groups/{group.id}"
    set_version_etag(response, group.version)
    return group


@router.get("/benchmarking/groups/{group_id}", response_model=GroupRead)
async def get_group(
    group_id: Id, session: Session, _: StaffPrincipal, response: Response
) -> GroupRead:
    """One comparator group; the ETag is its version, for If-Match on update."""
    group = await service.read_group(session, group_id)
    set_version_etag(response, group.version)
    return group


@router.patch("/benchmarking/groups/{group_id}", response_model=GroupRead)
async def update_group(
    group_id: Id,
    data: GroupUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    _: RegisterPrincipal,
    response: Response,
) -> GroupRead:
    """Change a group's name, kind, members (replaced when sent) or which member is us."""
    current = await service.read_group(session, group_id)
    check_version(request, current.version, f"Comparator group {current.code}")
    group = await service.update_group(session, actor, group_id, data)
    set_version_etag(response, group.version)
    return group


# ---- values ---------------------------------------------------------------------------------


@router.post(
    "/benchmarking/values",
    response_model=ValuesImportSummary,
    openapi_extra=_values_body(),
)
async def import_values(
    request: Request,
    session: Session,
    principal: RegisterPrincipal,
    settings: AppSettings,
    dry_run: DryRun = False,
    sheet: Sheet = None,
) -> JSONResponse:
    """Import comparator values (indicator_code, period, council_code, council_name, value,
    period_label, group) from a CSV, Excel or JSON file: every row is written or, when any
    row is rejected, none (422 problem naming each row and column)."""
    async with received_upload(request, settings.import_max_bytes) as upload:
        read = await value_file.read_upload(session, settings, upload, sheet)
    summary = await importer.write_and_summarise(
        session,
        settings,
        Actor(principal, Via.IMPORT),
        read,
        file_format=upload.format,
        dry_run=dry_run,
    )
    return JSONResponse(summary)


@router.get("/benchmarking/summary", response_model=SummaryRead)
async def benchmark_summary(
    session: Session,
    principal: StaffPrincipal,
    group: Annotated[str, Query(max_length=40, description="Comparator group: code or id.")],
    year: YearParam = None,
    set_name: Annotated[
        str | None, Query(alias="set", max_length=40, description="Only this set, e.g. LAA.")
    ] = None,
    org_unit: Annotated[Id | None, Query(description="Only this org unit and below.")] = None,
    comparators: Annotated[
        bool, Query(description="Also every council's value, rank and quartile (league tables).")
    ] = False,
) -> Response:
    """Rank and quartile of every indicator with comparator values in the group for a year
    (default the latest): a report column, in a fixed number of queries."""
    found = await service.find_group(session, group)
    conditions = await indicators.filter_conditions(
        session, set_name=set_name, org_unit_id=org_unit, lifecycle="all"
    )
    conditions.append(indicators.visible_to(principal))
    answer = await bench.summary(
        session, found, parse_year_param(year), conditions, include_comparators=comparators
    )
    return model_response(answer)


# ---- one indicator --------------------------------------------------------------------------


@router.get("/indicators/{indicator_id}/benchmark", response_model=BenchmarkRead)
async def indicator_benchmark(
    indicator_id: Id,
    session: Session,
    principal: StaffPrincipal,
    year: YearParam = None,
    group: GroupParam = None,
) -> Response:
    """Where the council stands among a comparator group for a year (default: a group with
    this council in it, and its latest year): rank, quartile, median, thresholds, every
    comparator's value and rank, and the aims set against the group."""
    found = await service.find_group(session, group) if group else None
    answer = await bench.benchmark(
        session, principal, indicator_id, year=parse_year_param(year), group=found
    )
    return model_response(answer)


@router.get("/indicators/{indicator_id}/benchmark-aims", response_model=list[AimRead])
async def list_aims(indicator_id: Id, session: Session, principal: StaffPrincipal) -> list[AimRead]:
    """Targets expressed against a benchmark, each with the figure it stands for today."""
    indicator = await indicators.get_indicator(session, indicator_id, principal)
    return await aims.aims_for(session, indicator)


@router.put("/indicators/{indicator_id}/benchmark-aims/{period}", response_model=AimRead)
async def put_aim(
    indicator_id: Id,
    period: str,
    data: AimWrite,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    response: Response,
) -> AimRead:
    """Set the aim for a financial year against a group, e.g. reach the top quartile by
    2010-11 (owner, deputy or performance team); 201 when new."""
    indicator = await indicators.get_indicator(session, indicator_id, principal)
    year = parse_year_param(period, "period")
    assert year is not None
    aim, created = await service.put_aim(session, actor, indicator, year, data)
    if created:
        response.status_code = status.HTTP_201_CREATED
    (read,) = await aims.aims_for(session, indicator, aim_list=[aim])
    return read


@router.delete(
    "/indicators/{indicator_id}/benchmark-aims/{period}",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_aim(
    indicator_id: Id,
    period: str,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    group: Annotated[Id, Query(description="Id of the comparator group of the aim.")],
) -> Response:
    """Remove an aim (owner, deputy or performance team)."""
    indicator = await indicators.get_indicator(session, indicator_id, principal)
    year = parse_year_param(period, "period")
    assert year is not None
    aim = await service.get_aim(session, indicator.id, year, group)
    await service.delete_aim(session, actor, indicator, aim)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
