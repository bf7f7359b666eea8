"""Bulk imports of outturns and targets from CSV, Excel or JSON files."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from goldenthread.core.deps import AppSettings, CurrentPrincipal, StaffPrincipal
from goldenthread.core.principal import Actor, Via
from goldenthread.imports import service, templates
from goldenthread.imports.schemas import ImportSummary
from goldenthread.imports.upload import (
    XLSX_TYPE,
    DryRun,
    Sheet,
    import_answer,
    received_upload,
    upload_body,
)

router = APIRouter(prefix="/imports", tags=["imports"])


def get_import_actor(principal: CurrentPrincipal) -> Actor:
    return Actor(principal, Via.IMPORT)


ImportActor = Annotated[Actor, Depends(get_import_actor)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Replays the first answer for the same request; 422 for a different "
        "request under the same key; 409 while the first is still running.",
    ),
]


def _body(columns: tuple[str, ...]) -> dict[str, Any]:
    return upload_body(columns, "header names match in any case.")


async def _import(
    kind: str,
    request: Request,
    actor: Actor,
    settings: AppSettings,
    dry_run: bool,
    sheet: str | None,
    key: str | None,
) -> JSONResponse:
    async with received_upload(request, settings.import_max_bytes) as upload:
        answer = await service.run_import(
            request.app.state.sessionmaker,
            settings,
            actor,
            kind,
            upload,
            dry_run=dry_run,
            sheet=sheet,
            key=key,
            instance=request.url.path,
        )
    headers = {"Idempotent-Replayed": "true"} if answer.replayed else None
    return import_answer(answer.body, answer.status_code, headers)


@router.post(
    "/outturns",
    response_model=ImportSummary,
    openapi_extra=_body(service.KINDS["outturns"].layout),
)
async def import_outturns(
    request: Request,
    actor: ImportActor,
    settings: AppSettings,
    dry_run: DryRun = False,
    sheet: Sheet = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Import outturns (indicator_code, period, value or numerator and denominator,
    commentary, status) from a CSV, Excel or JSON file: every row is written, or, when any
    row is rejected, none (422 with the same summary, naming each row and column)."""
    return await _import("outturns", request, actor, settings, dry_run, sheet, idempotency_key)


@router.post(
    "/targets",
    response_model=ImportSummary,
    openapi_extra=_body(service.KINDS["targets"].layout),
)
async def import_targets(
    request: Request,
    actor: ImportActor,
    settings: AppSettings,
    dry_run: DryRun = False,
    sheet: Sheet = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Import targets (indicator_code, period, value or low and high, stretch_value, note)
    from a CSV, Excel or JSON file: every row is written, or, when any row is rejected, none
    (422 with the same summary, naming each row and column)."""
    return await _import("targets", request, actor, settings, dry_run, sheet, idempotency_key)


TEMPLATE_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}


@router.get(
    "/templates/{kind}",
    response_class=Response,
    responses={
        200: {
            "description": "The template file: the header row alone.",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
async def import_template(
    _: StaffPrincipal,
    kind: Annotated[Literal["outturns", "targets"], Path(description="outturns or targets")],
    file_format: Annotated[
        Literal["csv", "xlsx"], Query(alias="format", description="csv (default) or xlsx.")
    ] = "csv",
) -> Response:
    """An empty file to fill in, with exactly the header row the import of ``kind`` takes."""
    return Response(
        templates.template(kind, file_format),
        media_type=TEMPLATE_TYPES[file_format],
        headers={
            "Content-Disposition": f'attachment; filename="{kind}-template.{file_format}"',
            "Cache-Control": "no-store",
        },
    )
