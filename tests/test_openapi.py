"""The committed OpenAPI spec is the contract: it must be what the code generates."""

from __future__ import annotations

import json
from pathlib import Path

from goldenthread.cli import render_openapi
from goldenthread.core.config import Settings
from goldenthread.main import create_app

SPEC = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"


def _generated() -> dict[str, object]:
    return create_app(Settings(secret_key="x" * 32, demo=False)).openapi()


def test_committed_spec_matches_the_code() -> None:
    assert SPEC.read_text() == render_openapi(_generated()), (
        "openapi/openapi.json is stale: run 'make openapi' and commit it"
    )


def test_contract_paths_exist_and_partner_operations_are_tagged_public() -> None:
    spec = json.loads(SPEC.read_text())
    paths = spec["paths"]
    for path in (
        "/api/v1/indicators",
        "/api/v1/indicators/{indicator_id}",
        "/api/v1/indicators/{indicator_id}/targets/{period}",
        "/api/v1/indicators/{indicator_id}/outturns/{period}",
        "/api/v1/indicators/{indicator_id}/status",
        "/api/v1/status",
        "/api/v1/auth/token",
        "/api/v1/auth/me",
        "/healthz",
        "/readyz",
    ):
        assert path in paths, path
    assert "public" in paths["/api/v1/indicators"]["get"]["tags"]
    for operations in paths.values():
        for operation in operations.values():
            assert operation.get("description") or operation.get("summary"), operation
