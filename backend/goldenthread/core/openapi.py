"""The OpenAPI document: every error answer is documented as RFC 9457 problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from goldenthread.core.errors import PROBLEM_JSON

ERROR_STATUSES = {
    "400": "Bad request",
    "401": "Not signed in, or the token is invalid or expired",
    "403": "Not allowed",
    "404": "Not found (also for what the caller may not see)",
    "409": "Conflict with the current state",
    "412": "Changed since the If-Match version was read",
    "413": "Request too large",
    "415": "Unsupported media type",
    "422": "Invalid data; `errors` names each field and what is wrong",
}
PUBLIC_PATHS = ("/healthz", "/readyz")


class FieldProblem(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """An error answer (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] | None = None
    # On 412: the version now stored, so a client can show what changed and retry with it.
    current_etag: str | None = None
    current: dict[str, Any] | None = None
    # On 429: seconds until the limit resets (also the Retry-After header).
    retry_after: int | None = None


def _statuses(method: str) -> list[str]:
    """The error statuses an operation of this method can answer."""
    statuses = ["400", "401", "403", "404", "422"]
    if method in ("post", "put", "patch", "delete"):
        statuses += ["409", "412"]
    if method in ("post", "put", "patch"):
        statuses += ["413", "415"]
    return sorted(statuses)


def install_openapi(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas["FieldProblem"] = FieldProblem.model_json_schema()
        schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas["Problem"].pop("$defs", None)
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        problem = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path, operations in spec["paths"].items():
            if path in PUBLIC_PATHS:
                continue
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status in _statuses(method):
                    responses[status] = {"description": ERROR_STATUSES[status], "content": problem}
        app.openapi_schema = spec
        return spec

    app.openapi = build  # type: ignore[method-assign]
