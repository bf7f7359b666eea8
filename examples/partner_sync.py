"""Keep a local copy of Golden Thread's LAA feed, and check webhook signatures.

A partner organisation can copy this file and adapt it. It needs Python 3.11+ and httpx
(``pip install httpx``); the copy is an SQLite file.

    # one sync: the whole feed the first time, then only what changed (or nothing: 304)
    python partner_sync.py sync --base-url http://127.0.0.1:8000 \
        --client-id partner-demo --client-secret goldenthread-demo --db laa.sqlite

    # receive webhooks on port 9000, check each signature, and sync when an event arrives
    python partner_sync.py listen --port 9000 --webhook-secret whsec_... \
        --base-url http://127.0.0.1:8000 --client-id partner-demo \
        --client-secret goldenthread-demo --db laa.sqlite

How the sync works (see docs/partner-api.md):

1. A token by OAuth2 client credentials (``POST /api/v1/auth/token``), renewed when it
   expires (tokens last 15 minutes).
2. ``GET /api/v1/feeds/laa``, page by page with ``cursor``. The first time without ``since``:
   every indicator whole. Afterwards with ``since`` = the ``next_since`` of the last complete
   sync and ``If-None-Match`` = its ETag: a 304 means the copy is current; otherwise only the
   changed indicators come, with the rows changed and the periods removed, and tombstones
   (``removed: true``) for indicators that left the feed.
3. Every page is applied in one SQLite transaction, committed after the last page, so the copy
   is never half updated. Applying the same change twice is harmless, which is why
   ``next_since`` may reach a little back in time.
4. Statuses are at the answer's ``period``; when it moves (a new quarter has data), the copy
   is rebuilt from the whole feed.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

FEED_PATH = "/api/v1/feeds/laa"
TOKEN_PATH = "/api/v1/auth/token"
PAGE_SIZE = 200

SCHEMA = """
CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS indicators (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    definition TEXT NOT NULL,  -- JSON: the indicator as the feed gives it
    status TEXT                -- JSON: its status at the feed's period, or NULL
);
CREATE TABLE IF NOT EXISTS targets (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (indicator_id, period)
);
CREATE TABLE IF NOT EXISTS outturns (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (indicator_id, period)
);
"""


# --- Webhook signatures ------------------------------------------------------------------


def verify_signature(
    secret: str, header: str, body: bytes, now: float | None = None, tolerance: int = 300
) -> bool:
    """Check a ``Golden-Thread-Signature`` header: ``t=<unix time>,v1=<hex>``.

    The signature is HMAC-SHA256, keyed with the webhook's secret, of the timestamp, a full
    stop and the raw request body exactly as received (parse the JSON only afterwards).
    Events older or newer than ``tolerance`` seconds are refused so that a captured request
    cannot be replayed later.
    """
    timestamp = None
    signatures = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == "v1":
            signatures.append(value)
    if timestamp is None:
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = hmac.new(
        secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return any(hmac.compare_digest(expected, s) for s in signatures)


# --- The feed client -----------------------------------------------------------------------


@dataclass
class SyncResult:
    outcome: str  # "full", "changes" or "not_modified"
    items: int  # indicators applied (tombstones included)


class FeedClient:
    def __init__(self, http: httpx.Client, client_id: str, client_secret: str) -> None:
        self.http = http
        self.client_id = client_id
        self.client_secret = client_secret
        self._token: str | None = None

    def _authenticate(self) -> str:
        response = self.http.post(
            TOKEN_PATH,
            data={"grant_type": "client_credentials"},
            auth=(self.client_id, self.client_secret),  # HTTP Basic, RFC 6749 section 2.3.1
        )
        response.raise_for_status()
        self._token = str(response.json()["access_token"])
        return self._token

    def get(self, params: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
        """GET the feed, renewing the token once on 401 and waiting out a 429."""
        for _ in range(5):
            token = self._token or self._authenticate()
            response = self.http.get(
                FEED_PATH, params=params, headers={**headers, "Authorization": f"Bearer {token}"}
            )
            if response.status_code == 401:
                self._token = None
                continue
            if response.status_code == 429:
                time.sleep(min(60, int(response.headers.get("Retry-After", "1"))))
                continue
            return response
        response.raise_for_status()
        return response


def open_copy(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit below
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(SCHEMA)
    return db


def _state(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM sync_state").fetchall())


def _apply(db: sqlite3.Connection, item: dict[str, Any]) -> None:
    indicator_id = item["id"]
    if item["removed"]:
        db.execute("DELETE FROM indicators WHERE id = ?", (indicator_id,))
        return
    db.execute(
        "INSERT INTO indicators (id, code, definition, status) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET code = excluded.code, "
        "definition = excluded.definition, status = excluded.status",
        (
            indicator_id,
            item["code"],
            json.dumps(item["indicator"], sort_keys=True),
            json.dumps(item["status"], sort_keys=True) if item["status"] else None,
        ),
    )
    for table, rows, removed in (
        ("targets", item["targets"], item["removed_targets"]),
        ("outturns", item["outturns"], item["removed_outturns"]),
    ):
        if item["complete"]:  # the whole set: replace what we hold
            db.execute(f"DELETE FROM {table} WHERE indicator_id = ?", (indicator_id,))  # noqa: S608
        for period in removed:
            db.execute(
                f"DELETE FROM {table} WHERE indicator_id = ? AND period = ?",  # noqa: S608
                (indicator_id, period),
            )
        for row in rows:
            db.execute(
                f"INSERT INTO {table} (indicator_id, period, data) VALUES (?, ?, ?) "  # noqa: S608
                "ON CONFLICT (indicator_id, period) DO UPDATE SET data = excluded.data",
                (indicator_id, row["period"], json.dumps(row, sort_keys=True)),
            )


def sync(feed: FeedClient, db: sqlite3.Connection, *, full: bool = False) -> SyncResult:
    """Bring the copy up to date: the whole feed the first time (or when ``full``), else only
    what changed since the last complete sync."""
    state = {} if full else _state(db)
    incremental = "next_since" in state
    params: dict[str, Any] = {"limit": PAGE_SIZE}
    headers: dict[str, str] = {"Accept": "application/json"}
    if incremental:
        params["since"] = state["next_since"]
        headers["If-None-Match"] = state["etag"]
    db.execute("BEGIN IMMEDIATE")
    try:
        first = True
        etag = next_since = period = ""
        seen: set[int] = set()
        applied = 0
        while True:
            response = feed.get(params, headers if first else {"Accept": "application/json"})
            if first and response.status_code == 304:
                db.execute("ROLLBACK")
                return SyncResult("not_modified", 0)
            response.raise_for_status()
            page = response.json()
            if first:
                etag, next_since, period = (
                    response.headers["ETag"],
                    page["next_since"],
                    (page["period"] or ""),
                )
                if incremental and period != state.get("period", ""):
                    # Every status moved to a new period: rebuild from the whole feed.
                    db.execute("ROLLBACK")
                    return sync(feed, db, full=True)
                first = False
            for item in page["items"]:
                _apply(db, item)
                seen.add(item["id"])
                applied += 1
            if not page["next_cursor"]:
                break
            params = {**params, "cursor": page["next_cursor"]}
        if not incremental:
            # The whole feed came: whatever else the copy holds has left it.
            held = {row[0] for row in db.execute("SELECT id FROM indicators")}
            for gone in held - seen:
                db.execute("DELETE FROM indicators WHERE id = ?", (gone,))
        db.executemany(
            "INSERT INTO sync_state (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [("etag", etag), ("next_since", next_since), ("period", period)],
        )
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return SyncResult("changes" if incremental else "full", applied)


def sync_once(base_url: str, client_id: str, client_secret: str, db_path: str) -> SyncResult:
    with httpx.Client(base_url=base_url, timeout=60) as http:
        db = open_copy(db_path)
        try:
            return sync(FeedClient(http, client_id, client_secret), db)
        finally:
            db.close()


# --- Receiving webhooks ---------------------------------------------------------------------


def make_webhook_server(
    port: int, webhook_secret: str, on_event: Any, host: str = "127.0.0.1"
) -> ThreadingHTTPServer:
    """An HTTP server that accepts only correctly signed events and hands each one (once,
    by its delivery id) to ``on_event``."""
    seen: set[str] = set()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            if length > 1_000_000:
                self.send_error(413)
                return
            body = self.rfile.read(length)
            signature = self.headers.get("Golden-Thread-Signature", "")
            if not verify_signature(webhook_secret, signature, body):
                self.send_error(401, "bad signature")
                return
            delivery = self.headers.get("Golden-Thread-Delivery", "")
            with lock:
                fresh = delivery not in seen
                seen.add(delivery)
            self.send_response(204)
            self.end_headers()
            if fresh:
                on_event(json.loads(body))

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return ThreadingHTTPServer((host, port), Handler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["sync", "listen"])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--db", default="laa.sqlite")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--webhook-secret")
    args = parser.parse_args()

    one_at_a_time = threading.Lock()

    def run_sync() -> None:
        with one_at_a_time:
            result = sync_once(args.base_url, args.client_id, args.client_secret, args.db)
        print(f"{result.outcome}: {result.items} indicators applied", flush=True)

    run_sync()
    if args.command == "listen":
        if not args.webhook_secret:
            sys.exit("listen needs --webhook-secret")
        server = make_webhook_server(args.port, args.webhook_secret, lambda event: run_sync())
        print(f"listening for webhooks on port {args.port}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
