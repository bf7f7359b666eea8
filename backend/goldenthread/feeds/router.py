"""The LAA feed for partners."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic_core import to_json

from goldenthread.core.deps import AppSettings, CurrentPrincipal, Session
from goldenthread.core.pagination import Cursor
from goldenthread.core.query import parse_period_param
from goldenthread.feeds import rules, service
from goldenthread.feeds.cache import VersionCache
from goldenthread.feeds.schemas import FeedPage
from goldenthread.feeds.tabular import render_csv

router = APIRouter(prefix="/feeds", tags=["feeds", "public"])

CSV_EXAMPLE = "record,indicator_id,code,title,period,value,target,...\r\n"


@router.get(
    "/laa",
    response_model=FeedPage,
    responses={
        200: {"content": {"text/csv": {"example": CSV_EXAMPLE}}},
        304: {"description": "Not modified: nothing changed since the ETag you sent."},
    },
)
async def laa_feed(
    request: Request,
    session: Session,
    principal: CurrentPrincipal,
    settings: AppSettings,
    since: Annotated[
        str | None,
        Query(
            max_length=40,
            description="Only what changed after this instant (ISO 8601 with a zone): pass the "
            "next_since of your last complete sync.",
            examples=["2026-11-25T09:30:00Z"],
        ),
    ] = None,
    period: Annotated[
        str | None,
        Query(
            max_length=20,
            description="Period of the statuses; default the latest quarter with data.",
        ),
    ] = None,
    output: Annotated[
        Literal["json", "csv"] | None,
        Query(alias="format", description="csv or json; default by the Accept header, else json."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Indicators per page.")] = 100,
    cursor: Cursor = None,
) -> Response:
    """Every LAA indicator (and every indicator shared with partners) with its definition,
    targets, outturns and current status; with since, only what changed, and tombstones for
    indicators that left the feed. Send If-None-Match with the ETag of your last sync for a
    cheap 304."""
    service.require_feed_access(principal)
    fmt = output or ("csv" if rules.prefers_csv(request.headers.get("accept")) else "json")
    headers = {"Vary": "Accept, Authorization", "Cache-Control": "private, no-cache"}
    parsed_since = service.parse_since_param(since)
    if period is not None:
        parse_period_param(period)  # a bad period is a 422 even when a 304 would follow
    if_none_match = request.headers.get("if-none-match")

    async def etag(versions: VersionCache | None = None) -> str:
        return await service.current_etag(
            session,
            principal,
            period=period,
            fmt=fmt,
            limit=limit,
            cursor=cursor,
            versions=versions,
        )

    if if_none_match:
        recent = await etag(request.app.state.feed_versions)
        if rules.etag_matches(if_none_match, recent):
            return Response(status_code=304, headers={**headers, "ETag": recent})
    headers["ETag"] = await etag()
    if rules.etag_matches(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    page = await service.build_page(
        session,
        principal,
        since=parsed_since,
        period=period,
        limit=limit,
        cursor=cursor,
        margin_seconds=settings.feed_sync_margin_seconds,
    )
    if fmt == "csv":
        headers["GT-Next-Since"] = rules.format_instant(page["next_since"])
        if page["next_cursor"]:
            headers["GT-Next-Cursor"] = page["next_cursor"]
        if page["period"]:
            headers["GT-Period"] = page["period"]
        return Response(render_csv(page), media_type="text/csv; charset=utf-8", headers=headers)
    # Values are already typed (decimals, instants, enums): serialised once, as FeedPage says.
    return Response(to_json(page), media_type="application/json", headers=headers)
