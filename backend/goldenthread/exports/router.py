"""Exports of outturns and targets as CSV, Excel or JSON, in the imports' column layout."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from goldenthread.core.deps import CurrentPrincipal, Session
from goldenthread.core.query import Id, YearParam, parse_year_param
from goldenthread.exports import service
from goldenthread.imports.upload import XLSX_TYPE

router = APIRouter(prefix="/exports", tags=["exports"])

SetParam = Annotated[
    str | None, Query(alias="set", max_length=40, description="Set or basket, e.g. LAA.")
]
OrgUnitParam = Annotated[int | None, Query(description="Org unit id; includes the units beneath.")]
IndicatorParam = Annotated[int | None, Query(description="One indicator, by id.")]
CodeParam = Annotated[str | None, Query(max_length=40, description="One indicator, by code.")]
FormatParam = Annotated[
    Literal["csv", "xlsx", "json"] | None,
    Query(description="csv, xlsx or json; otherwise chosen by the Accept header (CSV if none)."),
]
FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file, streamed.",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
            "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
        },
    }
}


async def _export(
    kind: str,
    request: Request,
    session: Session,
    principal: CurrentPrincipal,
    set_name: str | None,
    org_unit: Id | None,
    indicator: Id | None,
    code: str | None,
    year: str | None,
    file_format: str | None,
) -> StreamingResponse:
    chosen = service.choose_format(file_format, request.headers.get("accept"))
    financial_year = parse_year_param(year)
    where = await service.conditions(
        session,
        principal,
        kind,
        set_name=set_name,
        org_unit_id=org_unit,
        indicator_id=indicator,
        code=code,
        year=financial_year,
    )
    suffix = f"-{year}" if year else ""
    return StreamingResponse(
        service.STREAMS[chosen](request.app.state.sessionmaker, service.KINDS[kind], where),
        media_type=service.FORMATS[chosen],
        headers={
            "Content-Disposition": f'attachment; filename="{kind}{suffix}.{chosen}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/outturns", response_class=StreamingResponse, responses=FILE_RESPONSES)
async def export_outturns(
    request: Request,
    session: Session,
    principal: CurrentPrincipal,
    set_name: SetParam = None,
    org_unit: OrgUnitParam = None,
    indicator: IndicatorParam = None,
    code: CodeParam = None,
    year: YearParam = None,
    file_format: Annotated[FormatParam, Query(alias="format")] = None,
) -> StreamingResponse:
    """Outturns as a file in the import's layout; importing it again changes nothing."""
    return await _export(
        "outturns",
        request,
        session,
        principal,
        set_name,
        org_unit,
        indicator,
        code,
        year,
        file_format,
    )


@router.get("/targets", response_class=StreamingResponse, responses=FILE_RESPONSES)
async def export_targets(
    request: Request,
    session: Session,
    principal: CurrentPrincipal,
    set_name: SetParam = None,
    org_unit: OrgUnitParam = None,
    indicator: IndicatorParam = None,
    code: CodeParam = None,
    year: YearParam = None,
    file_format: Annotated[FormatParam, Query(alias="format")] = None,
) -> StreamingResponse:
    """Targets as a file in the import's layout; importing it again changes nothing."""
    return await _export(
        "targets",
        request,
        session,
        principal,
        set_name,
        org_unit,
        indicator,
        code,
        year,
        file_format,
    )
