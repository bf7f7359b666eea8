"""The integrated performance report (JSON, Excel, PDF) and budget monitoring figures."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from goldenthread.core.deps import (
    AppSettings,
    CurrentPrincipal,
    RegisterPrincipal,
    Session,
)
from goldenthread.core.errors import FieldError, NotFound, ValidationFailed
from goldenthread.core.http import model_response
from goldenthread.core.principal import Actor, Principal, Via
from goldenthread.core.query import Id, PeriodParam, YearParam, parse_period_param, parse_year_param
from goldenthread.imports.upload import (
    XLSX_TYPE,
    DryRun,
    Sheet,
    import_answer,
    received_upload,
    upload_body,
)
from goldenthread.reports import finance, pdf, rules, service, xlsx
from goldenthread.reports.schemas import FinanceImportSummary, FinanceList, IprRead

router = APIRouter(prefix="/reports", tags=["reports"])

PDF_TYPE = "application/pdf"


def _staff_only(principal: Principal) -> None:
    # Partners are not told the reports exist.
    if not principal.is_user:
        raise NotFound("There is no such report.")


def ipr_request(
    period: PeriodParam,
    scope: Annotated[
        str,
        Query(max_length=60, description=f"What the report covers: {rules.SCOPE_FORMS}."),
    ] = "council",
    compare_to: Annotated[
        str | None,
        Query(
            max_length=20,
            description="The previous report's period (default: the previous report of the "
            "bi-monthly cycle: two months back for a month, the previous quarter or year).",
        ),
    ] = None,
    include_amber: Annotated[
        bool, Query(description="List amber indicators among the exceptions too.")
    ] = False,
    at_risk_days: Annotated[
        int, Query(ge=1, le=366, description="How far ahead an action may be 'at risk'.")
    ] = rules.DEFAULT_AT_RISK_DAYS,
    top_risks: Annotated[
        int, Query(ge=1, le=50, description="How many of the highest risks to list.")
    ] = rules.DEFAULT_TOP_RISKS,
    as_of: Annotated[
        date | None,
        Query(
            description="The report date (default: the day after the period's data deadline, "
            "or today if that is later)."
        ),
    ] = None,
    benchmark_group: Annotated[
        str | None,
        Query(
            max_length=40,
            description="Add a benchmark column: rank and quartile among this comparator "
            "group (its code or id).",
        ),
    ] = None,
    benchmark_year: Annotated[
        str | None,
        Query(
            max_length=20,
            description="The comparator year of the benchmark column (default: the group's "
            "latest year with figures not after the report's financial year).",
        ),
    ] = None,
) -> service.IprRequest:
    try:
        spec = rules.parse_scope(scope)
    except ValueError as exc:
        raise ValidationFailed(str(exc), [FieldError("scope", str(exc))]) from exc
    return service.IprRequest(
        period=parse_period_param(period),
        scope=spec,
        compare_to=parse_period_param(compare_to, "compare_to") if compare_to else None,
        include_amber=include_amber,
        at_risk_days=at_risk_days,
        top_risks=top_risks,
        as_of=as_of,
        benchmark_group=benchmark_group,
        benchmark_year=parse_year_param(benchmark_year, "benchmark_year"),
    )


IprQuery = Annotated[service.IprRequest, Depends(ipr_request)]


async def _build(
    request: Request, session: Session, principal: Principal, query: service.IprRequest
) -> IprRead:
    _staff_only(principal)
    return await service.build_ipr(session, principal, query, cache=request.app.state.status_cache)


def _download(content: bytes, media_type: str, report: IprRead, extension: str) -> Response:
    name = f"ipr-{report.period}-{report.scope.code.replace(':', '-')}.{extension}"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/ipr", response_model=IprRead)
async def integrated_performance_report(
    request: Request, session: Session, principal: CurrentPrincipal, query: IprQuery
) -> Response:
    """The integrated performance report for a period and scope: headline counts against the
    previous report, exceptions with remedial actions, highlights, overdue and at-risk
    actions, risks, finance by service and data quality."""
    return model_response(await _build(request, session, principal, query))


@router.get(
    "/ipr.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def integrated_performance_report_xlsx(
    request: Request, session: Session, principal: CurrentPrincipal, query: IprQuery
) -> Response:
    """The integrated performance report as an Excel workbook, a sheet per section."""
    report = await _build(request, session, principal, query)
    return _download(await to_thread.run_sync(xlsx.render, report), XLSX_TYPE, report, "xlsx")


@router.get(
    "/ipr.pdf",
    response_class=Response,
    responses={200: {"content": {PDF_TYPE: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def integrated_performance_report_pdf(
    request: Request, session: Session, principal: CurrentPrincipal, query: IprQuery
) -> Response:
    """The integrated performance report as a printable PDF."""
    report = await _build(request, session, principal, query)
    return _download(await to_thread.run_sync(pdf.render, report), PDF_TYPE, report, "pdf")


@router.get("/finance", response_model=FinanceList)
async def list_finance(
    session: Session,
    principal: CurrentPrincipal,
    year: YearParam = None,
    org_unit: Annotated[Id | None, Query(description="One org unit's figures.")] = None,
) -> Response:
    """Budget monitoring figures by service: budget, forecast outturn, spend and variance."""
    _staff_only(principal)
    items = await finance.list_figures(session, year=parse_year_param(year), org_unit_id=org_unit)
    return model_response(FinanceList(items=items))


def _import_body() -> dict[str, Any]:
    return upload_body(
        finance.FINANCE_COLUMNS, "org_unit is the unit's name or id; figures in pounds."
    )


@router.post("/finance/import", response_model=FinanceImportSummary, openapi_extra=_import_body())
async def import_finance(
    request: Request,
    session: Session,
    principal: RegisterPrincipal,
    settings: AppSettings,
    dry_run: DryRun = False,
    sheet: Sheet = None,
) -> JSONResponse:
    """Import budget monitoring figures (org_unit, period, budget, forecast, actual, note) from
    a CSV, Excel or JSON file: every row is written, or, when any row is rejected, none (422
    with the same summary, naming each row and column)."""
    limit = min(settings.import_max_bytes, finance.MAX_FINANCE_BYTES)
    async with received_upload(request, limit) as upload:
        status_code, body = await finance.import_finance(
            session,
            Actor(principal, Via.IMPORT),
            upload,
            dry_run=dry_run,
            sheet=sheet,
            instance=request.url.path,
        )
    return import_answer(body, status_code)
