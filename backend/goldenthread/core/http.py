"""HTTP plumbing shared by every endpoint: ETags and conditional requests, media types."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from goldenthread.core.errors import PROBLEM_BASE, PROBLEM_JSON, PreconditionFailed

JSON_TYPES: tuple[str, ...] = ("application/json",)
FORM_TYPES: tuple[str, ...] = ("application/x-www-form-urlencoded", "multipart/form-data")


def version_etag(version: int) -> str:
    return f'"v{version}"'


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an If-Match or If-None-Match header names ``etag`` (or is ``*``), by the weak
    comparison (RFC 9110 §8.8.3.2): a ``W/`` on either side is ignored."""
    if not header:
        return False
    ours = etag.removeprefix("W/")
    candidates = [c.strip().removeprefix("W/") for c in header.split(",")]
    return "*" in candidates or ours in candidates


def check_if_match(
    request: Request, current_etag: str | None, what: str, current: dict[str, Any] | None = None
) -> None:
    """Refuse an update made against an old copy (412), naming who changed it since."""
    header = request.headers.get("if-match")
    if header is None:
        return
    if current_etag is None or not etag_matches(header, current_etag):
        raise PreconditionFailed(
            f"{what} has changed since you loaded it; reload to see the current version.",
            current_etag=current_etag,
            current=current,
        )


def check_version(
    request: Request, version: int, what: str, current: dict[str, Any] | None = None
) -> None:
    """``check_if_match`` for a row whose ETag is its version."""
    check_if_match(request, version_etag(version), what, current)


async def check_etag_showing(
    request: Request,
    current_etag: str | None,
    what: str,
    current: Callable[[], Awaitable[dict[str, Any]]],
) -> None:
    """``check_if_match`` whose 412 carries the resource as its GET answers it; ``current`` is
    only awaited when the copy is stale, so a matching write pays nothing for it."""
    header = request.headers.get("if-match")
    if header is None or (current_etag is not None and etag_matches(header, current_etag)):
        return
    check_if_match(request, current_etag, what, await current())


async def check_version_showing(
    request: Request, version: int, what: str, current: Callable[[], Awaitable[dict[str, Any]]]
) -> None:
    """``check_version`` whose 412 carries the resource as its GET answers it."""
    await check_etag_showing(request, version_etag(version), what, current)


class ConditionalGetMiddleware:
    """Gives every successful GET an ETag (its body's hash unless the endpoint set one) and
    answers a matching ``If-None-Match`` with 304."""

    def __init__(self, app: ASGIApp, skip_prefixes: tuple[str, ...] = ()) -> None:
        self.app = app
        # Paths whose answers stream (exports): buffering them to hash would hold them whole.
        self.skip_prefixes = skip_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or scope["path"].startswith(self.skip_prefixes)
        ):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                await self._finish(scope, start, b"".join(chunks), send)
                return
            await send(message)

        await self.app(scope, receive, buffer)

    @staticmethod
    async def _finish(scope: Scope, start: Message | None, body: bytes, send: Send) -> None:
        assert start is not None
        headers = list(start.get("headers", []))
        status = start["status"]
        if status == 200:
            etag = next((v.decode() for k, v in headers if k == b"etag"), None)
            if etag is None:
                etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
                headers.append((b"etag", etag.encode()))
            request_headers = dict(scope["headers"])
            inm = request_headers.get(b"if-none-match")
            if inm is not None and etag_matches(inm.decode("latin-1"), etag):
                keep = {b"etag", b"cache-control", b"vary"}
                await send(
                    {
                        "type": "http.response.start",
                        "status": 304,
                        "headers": [(k, v) for k, v in headers if k in keep],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def model_response(model: BaseModel, status_code: int = 200) -> Response:
    """Serialise a response model once, skipping FastAPI's second validation of large answers
    (the declared response_model still documents the shape)."""
    return Response(model.model_dump_json(), status_code=status_code, media_type="application/json")


def set_etag(response: Response, etag: str) -> None:
    response.headers["ETag"] = etag


def set_version_etag(response: Response, version: int) -> None:
    """Answer with the row's version as the ETag, for If-Match on the next change."""
    set_etag(response, version_etag(version))


class RequestGuardMiddleware:
    """Refuses request bodies of the wrong media type (415) or over the size limit (413)
    before any endpoint reads them."""

    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int,
        form_paths: tuple[str, ...],
        upload_prefixes: tuple[str, ...],
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.form_paths = form_paths
        self.upload_prefixes = upload_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(self.upload_prefixes):
            await self.app(scope, receive, send)  # upload endpoints police their own limits
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body_bytes:
            await _send_problem(
                send,
                413,
                "Request too large",
                f"The body is larger than {self.max_body_bytes} bytes.",
            )
            return
        media = headers.get(b"content-type", b"").split(b";")[0].strip().decode("latin-1").lower()
        has_body = (length is not None and length != b"0") or b"transfer-encoding" in headers
        form = path in self.form_paths
        expected: tuple[str, ...] = FORM_TYPES if form else JSON_TYPES
        if has_body and not (media in expected or (not form and media.endswith("+json"))):
            await _send_problem(
                send,
                415,
                "Unsupported media type",
                f"Send the body as {' or '.join(expected)}, not {media or 'no content type'}.",
            )
            return
        await self.app(scope, self._limited(receive), send)

    def _limited(self, receive: Receive) -> Receive:
        """A body sent without a length (chunked) is counted as it arrives."""
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise HTTPException(
                        413, f"The body is larger than {self.max_body_bytes} bytes."
                    )
            return message

        return limited_receive


async def _send_problem(send: Send, status: int, title: str, detail: str) -> None:
    slug = title.lower().replace(" ", "-")
    body = json.dumps(
        {"type": PROBLEM_BASE + slug, "title": title, "status": status, "detail": detail}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
