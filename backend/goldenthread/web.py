"""Serving the built web app from the API's own process, so one command gives the system."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from goldenthread.core.errors import NotFound

API_PREFIXES = ("api/", "docs", "healthz", "readyz")
NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Golden Thread</title></head><body><main><h1>Golden Thread</h1>
<p>The web app has not been built. Run <code>make run</code>, which builds it, or use the
API at <a href="/docs">/docs</a>.</p></main></body></html>"""


def mount_web_app(app: FastAPI, dist: Path) -> None:
    """Hashed assets under /assets; every other non-API path is a client-side route that the
    app's index.html handles."""
    index = dist / "index.html"
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")
    root = dist.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    async def web_app(path: str, request: Request) -> Response:
        if path.startswith(API_PREFIXES):
            raise NotFound(f"There is nothing at {request.url.path}.")
        if not index.is_file():
            return HTMLResponse(NOT_BUILT)
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        # index.html must never be cached: it names the current hashed bundles.
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
