"""The built web app is served by the API process, with client-side routes falling back."""

from __future__ import annotations

from pathlib import Path

from httpx import ASGITransport, AsyncClient

from goldenthread.main import create_app
from tests.conftest import settings_for


async def test_index_assets_and_client_routes(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>GT</title><div id=root>")
    (tmp_path / "assets" / "app-1234.js").write_text("console.log(1)")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    app = create_app(settings_for(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", web_dir=tmp_path))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
        root = await client.get("/")
        assert root.status_code == 200
        assert "<div id=root>" in root.text
        assert root.headers["cache-control"] == "no-cache"
        route = await client.get("/indicators/12")
        assert route.text == root.text
        asset = await client.get("/assets/app-1234.js")
        assert asset.text == "console.log(1)"
        assert (await client.get("/favicon.svg")).text == "<svg/>"
        escape = await client.get("/..%2f..%2fetc/passwd")
        assert escape.text == root.text
        api = await client.get("/api/v1/no-such-thing")
        assert api.status_code == 404
        assert api.headers["content-type"] == "application/problem+json"
    await app.state.engine.dispose()


async def test_without_a_build_the_root_says_how_to_build_it(tmp_path: Path) -> None:
    app = create_app(
        settings_for(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", web_dir=tmp_path / "missing")
    )
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
        response = await client.get("/")
        assert response.status_code == 200
        assert "make run" in response.text
    await app.state.engine.dispose()
