"""Bad input gets a clear error, never a 500: hostile requests to every operation of the API.

Every operation of the application's own OpenAPI document, under /api/v1, is called as several
callers with ids that do not exist, ids that are not numbers, numbers too large for any column,
malformed period codes, query parameters of the wrong type, and JSON bodies that are empty, a
list, of the wrong types, with unknown fields, with very long strings or with huge numbers;
upload endpoints also get a garbage file. Every answer must be below 500, and every error a
problem+json with a title and a status.

The demo partnership gives real ids for every kind of object, so that malformed bodies and
query parameters reach the services behind a valid path, not only the 404 in front of it.
Deletes run last, so that the objects they remove serve the other requests first. The run is
on SQLite only: it checks the handling of input, which does not depend on the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy import text

from goldenthread.demo.loader import DEMO_CLIENT_ID, DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

PREFIX = "/api/v1"
HUGE = "99999999999999999999"  # beyond a 64-bit integer
LONG = "x" * 10_000
MISSING = "999999"
STAFF = ("viewer", "owner", "perf")
CALLERS = ("anonymous", "partner", *STAFF)
METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}
UPLOAD_TYPES = ("text/csv", "multipart/form-data")
GARBAGE_CSV = b'\x00\xff"unterminated,quote\n;;;,,,\r\n\xfe\xfe' + b"a," * 500 + b"\n"

Schema = dict[str, Any]


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # the template, for the report
    url: str
    label: str
    params: dict[str, str] | None = None
    headers: dict[str, str] | None = None
    json: Any = None
    content: bytes | None = None
    content_type: str | None = None
    data: dict[str, str] | None = None


# ---------------------------------------------------------------------------------------------
# Values built from the schemas


class Spec:
    def __init__(self, document: Schema) -> None:
        self.document = document

    def resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.document["components"]["schemas"][name]
        return schema

    def branch(self, schema: Schema) -> Schema:
        """The first non-null alternative of a union, resolved."""
        schema = self.resolve(schema)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                options = [self.resolve(s) for s in schema[key]]
                real = [s for s in options if s.get("type") != "null"]
                return real[0] if real else options[0]
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.resolve(schema["allOf"][0])
        return schema

    def kind(self, schema: Schema) -> str:
        schema = self.branch(schema)
        if "enum" in schema:
            return "enum"
        if schema.get("format") in {"date", "date-time"}:
            return str(schema["format"])
        return str(schema.get("type", "string"))

    def sample(self, schema: Schema, name: str = "", depth: int = 0, every: bool = True) -> Any:
        """A plausible value of the declared types: with every optional field, or none."""
        schema = self.branch(schema)
        if "enum" in schema:
            return schema["enum"][0]
        if schema.get("examples"):
            return schema["examples"][0]
        if "default" in schema and schema["default"] is not None:
            return schema["default"]
        kind = schema.get("type", "string")
        if kind == "object" or "properties" in schema:
            if depth > 3:
                return {}
            props = schema.get("properties", {})
            wanted = props if every else schema.get("required", [])
            return {k: self.sample(props[k], k, depth + 1, every) for k in wanted}
        if kind == "array":
            return [self.sample(schema.get("items", {}), name, depth + 1, every)]
        if kind == "integer":
            return max(1, int(schema.get("minimum", 1)))
        if kind == "number":
            return max(1, schema.get("minimum", 1))
        if kind == "boolean":
            return True
        fmt = schema.get("format")
        if fmt == "date":
            return "2026-04-01"
        if fmt == "date-time":
            return "2026-04-01T09:00:00Z"
        if fmt in {"uri", "url"} or name.endswith("url"):
            return "https://partner.example/hook"
        if fmt == "email" or name == "email":
            return "someone@example.org"
        if "period" in name or name.endswith("year"):
            return "2025-26"
        text = "sample-1" if "pattern" in schema else "sample text"
        return text[: schema.get("maxLength", len(text))]

    def mutate(self, schema: Schema, value: Any, change: Callable[[str, Any], Any]) -> Any:
        """``value`` with every leaf field replaced by ``change(kind, leaf)``."""
        schema = self.branch(schema)
        if isinstance(value, dict):
            props = schema.get("properties", {})
            return {k: self.mutate(props.get(k, {}), v, change) for k, v in value.items()}
        if isinstance(value, list):
            return [self.mutate(schema.get("items", {}), v, change) for v in value]
        return change(self.kind(schema), value)


def wrong_type(kind: str, _: Any) -> Any:
    return {"integer": "abc", "number": "abc", "boolean": "maybe"}.get(kind, ["not", "this"])


def long_strings(kind: str, value: Any) -> Any:
    return LONG if kind in {"string", "enum"} else value


def huge_numbers(kind: str, value: Any) -> Any:
    if kind == "integer":
        return int(HUGE)
    if kind == "number":
        return 1e308
    if kind in {"date", "date-time"}:
        return "2008-13-45"
    return value


def query_value(spec: Spec, schema: Schema, style: str) -> str:
    kind = spec.kind(schema)
    if style == "long":
        # Shorter than in bodies: the client refuses a query string beyond 64 KiB in all.
        return LONG[:4_000]
    if style == "huge":
        return HUGE if kind in {"integer", "number"} else "2008-13"
    return {
        "integer": "abc",
        "number": "abc",
        "boolean": "maybe",
        "enum": "nonsense",
        "date": "2008-13-45",
        "date-time": "yesterday",
    }.get(kind, "'; drop table indicators; --")


# ---------------------------------------------------------------------------------------------
# The calls


async def valid_path_values(app: FastAPI) -> dict[str, str]:
    """Real ids from the demo, by path parameter name (and a few by path)."""
    queries = {
        "user_id": "SELECT max(id) FROM users",
        "indicator_id": "SELECT indicator_id FROM outturns ORDER BY id LIMIT 1",
        "period": "SELECT period FROM outturns ORDER BY id LIMIT 1",
        "client_pk": "SELECT min(id) FROM api_clients",
        "webhook_id": "SELECT min(id) FROM webhook_subscriptions",
        "template_id": "SELECT min(id) FROM cycle_templates",
        "event_id": "SELECT min(id) FROM cycle_events",
        "risk_id": "SELECT min(id) FROM risks",
        "commitment_id": "SELECT commitment_id FROM commitment_items ORDER BY id LIMIT 1",
        "item_id": "SELECT min(id) FROM commitment_items",
        "checklist_item_id": "SELECT min(id) FROM qa_checklist_items",
        "appraisal_id": "SELECT min(id) FROM appraisals",
        "plan_id": "SELECT min(plan_id) FROM objectives",
        "objective_id": "SELECT objective_id FROM objective_links ORDER BY id LIMIT 1",
        "parent_objective_id": (
            "SELECT parent_objective_id FROM objective_links ORDER BY id LIMIT 1"
        ),
        "action_id": "SELECT min(id) FROM actions",
        "group_id": "SELECT min(id) FROM comparator_groups",
    }
    values = {"kind": "outturns"}
    async with app.state.sessionmaker() as session:
        for name, sql in queries.items():
            found = await session.scalar(text(sql))
            values[name] = MISSING if found is None else str(found)
    return values


def path_url(template: str, values: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "item_id" and "/plan-checklist-items/" in template:
            name = "checklist_item_id"
        return quote(values.get(name, MISSING), safe="")

    return re.sub(r"\{(\w+)\}", fill, template)


def hostile_path_values(values: dict[str, str], style: str) -> dict[str, str]:
    if style == "missing":
        return {k: ("2008-13" if k == "period" else MISSING) for k in values}
    if style == "text":
        return {k: ("'; drop" if k == "period" else "abc") for k in values}
    return {k: HUGE for k in values}


def calls_for(
    spec: Spec, path: str, method: str, op: Schema, valid: dict[str, str], full: bool
) -> list[Call]:
    """The hostile calls of one operation: all of them when ``full``, else a sample."""
    params = [spec.resolve(p) for p in op.get("parameters", [])]
    in_path = [p for p in params if p["in"] == "path"]
    in_query = [p for p in params if p["in"] in {"query", "header"}]
    content: dict[str, Any] = op.get("requestBody", {}).get("content", {})
    url = path_url(path, valid)
    calls: list[Call] = []

    def call(label: str, target: str = url, **fields: Any) -> None:
        calls.append(Call(method, path, target, label, **fields))

    path_styles = ("missing", "text", "huge") if full else ("text",)
    if in_path:
        for style in path_styles:
            call(f"path ids {style}", path_url(path, hostile_path_values(valid, style)))
    elif not full:
        call("plain")
    query_styles = ("wrong", "long", "huge") if full else ("wrong",)
    if in_query:
        for style in query_styles:
            query = {
                p["name"]: query_value(spec, p.get("schema", {}), style)
                for p in in_query
                if p["in"] == "query"
            }
            headers = {p["name"]: LONG for p in in_query if p["in"] == "header"}
            call(f"query {style}", params=query, headers=headers if style == "long" else None)
    elif full and not in_path:
        call("plain")
    if "application/json" in content:
        schema = content["application/json"].get("schema", {})
        good = spec.sample(schema)
        resolved = spec.branch(schema)
        call("body wrong types", json=spec.mutate(resolved, good, wrong_type))
        if full:
            extra = {**good, "unexpected_field": 1} if isinstance(good, dict) else good
            call("body empty", json={})
            call("body list", json=[good])
            call("body not json", content=b'{"open": ', content_type="application/json")
            call("body extra field", json=extra)
            # Both on every field and on the required ones only: the second more often passes
            # the domain's own checks and reaches the database.
            minimal = spec.sample(schema, every=False)
            for label, base in (("", good), (" (required only)", minimal)):
                call(f"body long strings{label}", json=spec.mutate(resolved, base, long_strings))
                call(f"body huge numbers{label}", json=spec.mutate(resolved, base, huge_numbers))
            call("body sample", json=good)
            call("body required only", json=minimal)
    if any(t in content for t in UPLOAD_TYPES):
        call("garbage csv", content=GARBAGE_CSV, content_type="text/csv")
        if full:
            call("garbage xlsx", content=GARBAGE_CSV, content_type=next(iter(content)))
            call("empty csv", content=b"", content_type="text/csv")
            call(
                "garbage multipart",
                content=b"--x\r\nContent-Disposition: form-data\r\n\r\n" + GARBAGE_CSV,
                content_type="multipart/form-data; boundary=x",
            )
    if "application/x-www-form-urlencoded" in content:
        call("form empty", data={})
        if full:
            call("form wrong", data={"grant_type": LONG, "username": LONG, "password": "x"})
            call(
                "form client",
                data={"grant_type": "client_credentials", "client_id": HUGE, "client_secret": ""},
            )
    return calls


def the_calls(spec: Spec, valid: dict[str, str]) -> list[tuple[str, Call]]:
    """(caller, call) pairs: the perf officer gets every call, the others a sample; deletes last."""
    operations = sorted(
        (
            (METHOD_ORDER[method], path, method, op)
            for path, methods in spec.document["paths"].items()
            if path.startswith(PREFIX)
            for method, op in methods.items()
            if method in METHOD_ORDER
        ),
        key=lambda item: item[0] == METHOD_ORDER["delete"],
    )
    pairs: list[tuple[str, Call]] = []
    for deleting in (False, True):
        for caller in CALLERS:
            for order, path, method, op in operations:
                if (order == METHOD_ORDER["delete"]) != deleting:
                    continue
                full = caller == "perf"
                pairs += [(caller, c) for c in calls_for(spec, path, method, op, valid, full)]
    return pairs


# ---------------------------------------------------------------------------------------------
# The checks


def complaint(caller: str, call: Call, response: Response) -> str | None:
    status = response.status_code
    problem = f"{call.method.upper()} {call.path} as {caller} ({call.label}): {status}"
    excerpt = response.text[:200].replace("\n", " ")
    if status >= 500:
        return f"{problem}: {excerpt}"
    if status < 400:
        return None
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("application/problem+json"):
        return f"{problem}: content type {content_type!r}: {excerpt}"
    body = response.json()
    if not isinstance(body, dict) or not body.get("title") or body.get("status") != status:
        return f"{problem}: no title or status in the problem: {excerpt}"
    return None


async def send(http: AsyncClient, headers: dict[str, str], call: Call) -> Response:
    headers = {**headers, **(call.headers or {})}
    if call.content_type:
        headers["Content-Type"] = call.content_type
    kwargs: dict[str, Any] = {"params": call.params, "headers": headers}
    if call.json is not None:
        kwargs["json"] = call.json
    elif call.content is not None:
        kwargs["content"] = call.content
    elif call.data is not None:
        kwargs["data"] = call.data
    return await http.request(call.method.upper(), call.url, **kwargs)


async def bearer(http: AsyncClient, **form: str) -> dict[str, str]:
    response = await http.post(f"{PREFIX}/auth/token", data=form)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_no_request_gets_a_server_error(app: FastAPI, client: AsyncClient) -> None:
    async with app.state.sessionmaker() as session:
        await load_demo(session, app.state.settings)
        await session.commit()
    # Server errors come back as answers, not as exceptions raised into the test.
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as http:
        headers: dict[str, dict[str, str]] = {"anonymous": {}}
        for name in STAFF:
            headers[name] = await bearer(
                http, grant_type="password", username=name, password=DEMO_PASSWORD
            )
        headers["partner"] = await bearer(
            http,
            grant_type="client_credentials",
            client_id=DEMO_CLIENT_ID,
            client_secret=DEMO_PASSWORD,
        )
        spec = Spec(app.openapi())
        pairs = the_calls(spec, await valid_path_values(app))
        failures = []
        for caller, call in pairs:
            found = complaint(caller, call, await send(http, headers[caller], call))
            if found:
                failures.append(found)
    assert len(pairs) < 2_500, len(pairs)
    assert not failures, f"{len(failures)} of {len(pairs)} requests failed:\n" + "\n".join(failures)
