"""Domain errors and their rendering as RFC 9457 problem+json."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://goldenthread.example/problems/"

log = logging.getLogger("goldenthread")


class FieldError(dict[str, Any]):
    """One entry of a problem's ``errors`` list: where (field, or row and column) and what."""

    def __init__(self, field: str, message: str, **extra: Any) -> None:
        super().__init__(field=field, message=message, **extra)


class DomainError(Exception):
    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        errors: Sequence[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors or [])
        self.headers = headers or {}
        self.extensions = extensions


class Unauthorized(DomainError):
    status, slug, title = 401, "unauthorized", "Not signed in"


class Forbidden(DomainError):
    status, slug, title = 403, "forbidden", "Not allowed"


class NotFound(DomainError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(DomainError):
    status, slug, title = 409, "conflict", "Conflict"


class PreconditionFailed(DomainError):
    status, slug, title = 412, "precondition-failed", "Changed by someone else"


class PayloadTooLarge(DomainError):
    status, slug, title = 413, "request-too-large", "Request too large"


class UnsupportedMediaType(DomainError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class ValidationFailed(DomainError):
    status, slug, title = 422, "validation", "Invalid data"


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    errors: Sequence[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
    **extensions: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = list(errors)
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _location(loc: Sequence[Any]) -> str:
    # FastAPI prefixes the location with where it came from: body, query, path, header.
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        source, rest = parts[0], parts[1:]
        if source != "body":
            return ".".join(rest) if rest else source
        return ".".join(rest) if rest else "body"
    return ".".join(parts)


def _friendly(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "field required"
    msg = str(err.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


async def _domain_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return problem(
        exc.status,
        exc.title,
        exc.detail,
        slug=exc.slug,
        errors=exc.errors,
        headers=exc.headers,
        instance=request.url.path,
        **exc.extensions,
    )


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for err in exc.errors():
        entry: dict[str, Any] = {"field": _location(err.get("loc", ())), "message": _friendly(err)}
        if err.get("type") == "json_invalid":
            entry = {"field": "body", "message": "the body is not valid JSON"}
        errors.append(entry)
    return problem(
        422,
        "Invalid data",
        "The request has invalid fields; see errors.",
        slug="validation",
        errors=errors,
        instance=request.url.path,
    )


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    titles = {
        404: "Not found",
        405: "Method not allowed",
        401: "Not signed in",
        403: "Not allowed",
        413: "Request too large",
        429: "Too many requests",
    }
    title = titles.get(exc.status_code, "Error")
    detail = exc.detail if isinstance(exc.detail, str) else title
    return problem(
        exc.status_code,
        title,
        detail,
        slug=title.lower().replace(" ", "-"),
        headers=dict(exc.headers or {}),
        instance=request.url.path,
    )


async def _unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    # Log the trace for operators; the caller gets a plain problem, never the trace.
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(
        500,
        "Internal error",
        "Something went wrong on our side; it has been logged.",
        slug="internal",
        instance=request.url.path,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(Exception, _unexpected_handler)
