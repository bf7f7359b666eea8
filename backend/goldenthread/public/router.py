"""The public performance page: no sign-in, verified figures only, cacheable."""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from goldenthread.core.deps import Session
from goldenthread.public import service
from goldenthread.public.schemas import PublicPage

router = APIRouter(prefix="/public", tags=["public"])

CACHE_CONTROL = "public, max-age=300"
CSV_TYPE = "text/csv; charset=utf-8"
RESPONSES: dict[int | str, dict[str, object]] = {
    304: {"description": "Not modified: the page is as at the ETag you sent."},
    429: {"description": "Too many requests from your address."},
}
# Only the .csv path declares CSV, so typed clients of the JSON paths can infer their body.
CSV_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/csv": {"example": ",".join(service.CSV_COLUMNS) + "\r\n"}}},
    **RESPONSES,
}


async def _answer(request: Request, session: Session, fmt: str, download: bool) -> Response:
    address = request.client.host if request.client else "unknown"
    await request.app.state.rate_limits.hit_public_address(address)
    page = await service.build_page(session)
    if fmt == "csv":
        body = service.render_csv(page).encode()
        media_type = CSV_TYPE
    else:
        body = page.model_dump_json().encode()
        media_type = "application/json"
    # The body's own hash: whatever changes what is shown (a figure verified, a title, a
    # plan's priorities) changes the ETag, and nothing else does.
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="performance.{fmt}"'
    inm = request.headers.get("if-none-match", "")
    if etag in [c.strip().removeprefix("W/") for c in inm.split(",")]:
        return Response(status_code=304, headers={"ETag": etag, "Cache-Control": CACHE_CONTROL})
    return Response(body, media_type=media_type, headers=headers)


@router.get("/indicators", response_model=PublicPage, responses=RESPONSES)
async def public_indicators(
    request: Request,
    session: Session,
    # Kept for links made before the .csv path; left out of the spec so that this path
    # declares a JSON answer only.
    output: Annotated[
        Literal["json", "csv"], Query(alias="format", include_in_schema=False)
    ] = "json",
) -> Response:
    """The council's public indicators by priority: plain title, definition, latest verified
    figure, target, status in words, trend and a small verified series. No sign-in. The
    same as CSV: /public/indicators.csv."""
    return await _answer(request, session, output, download=output == "csv")


@router.get("/indicators.csv", response_class=Response, responses=CSV_RESPONSES)
async def public_indicators_csv(request: Request, session: Session) -> Response:
    """The public indicators as a CSV download, one row per indicator with its definition."""
    return await _answer(request, session, "csv", download=True)


@router.get("/indicators.json", response_model=PublicPage, responses=RESPONSES)
async def public_indicators_json(request: Request, session: Session) -> Response:
    """The public indicators as a JSON download (the same as the page's data)."""
    return await _answer(request, session, "json", download=True)
