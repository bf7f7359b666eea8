"""Reminders through a real SMTP server started by the test: each one once, a dry run that
sends nothing, a failed send tried again, the cron command and the app's own job."""

from __future__ import annotations

import asyncio
import email
import socket
from collections.abc import Iterator
from datetime import date
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from sqlalchemy import select, update
from typer.testing import CliRunner

from goldenthread.cli import app as cli
from goldenthread.core.config import Settings, get_settings
from goldenthread.indicators.models import Indicator
from goldenthread.main import create_app
from goldenthread.reminders import service as reminders
from goldenthread.reminders.models import SentReminder
from goldenthread.users.models import User
from tests.api.world import World
from tests.conftest import TEST_SECRET, settings_for

SENDER = "Golden Thread <performance@council.example>"
DUE_DAY = date(2009, 1, 12)  # December's figures due Thursday 15th; November's overdue


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.controller.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer(_free_port()) as server:
        yield server


def _settings(world: World, port: int, **more: Any) -> Settings:
    settings: Settings = world.app.state.settings
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_tls": "none",
            "smtp_sender": SENDER,
            "reminder_lead_days": 5,
            "public_url": "https://performance.council.example",
            **more,
        }
    )


@pytest.fixture
async def due_world(world: World) -> World:
    """Owner and deputy of a monthly indicator with November overdue and December due on
    12 January 2009; a submitted quarterly figure; a manager with no e-mail address."""
    headers = world.headers("perf")
    rule = await world.client.put(
        "/api/v1/deadlines/rule",
        json={"working_days_after": 10, "due_soon_days": 7, "lookback_days": 45},
        headers=headers,
    )
    assert rule.status_code == 200
    await world.create_indicator(code="NI 192", frequency="monthly")
    quarterly = await world.create_indicator(
        code="LPI 7", frequency="quarterly", owner_id=world.users["other"], deputy_id=None
    )
    submitted = await world.client.put(
        f"/api/v1/indicators/{quarterly['id']}/outturns/2008-09-Q3",
        json={"value": 5, "status": "submitted"},
        headers=world.headers("other"),
    )
    assert submitted.status_code == 201
    await world.create_indicator(
        code="LPI 8", frequency="monthly", owner_id=world.users["manager"], deputy_id=None
    )
    async with world.app.state.sessionmaker() as session:
        await session.execute(
            update(User).where(User.id == world.users["manager"]).values(email=None)
        )
        await session.commit()
    return world


async def _claims(world: World) -> list[SentReminder]:
    async with world.app.state.sessionmaker() as session:
        return list((await session.scalars(select(SentReminder).order_by(SentReminder.key))).all())


def _by_recipient(server: SmtpServer) -> dict[str, Message]:
    return {recipients[0]: message for recipients, message in server.inbox.received}


async def test_reminders_go_out_once_each_through_smtp(due_world: World, smtp: SmtpServer) -> None:
    world = due_world
    settings = _settings(world, smtp.port)
    sessions = world.app.state.sessionmaker

    dry = await reminders.run(sessions, settings, today=DUE_DAY, dry_run=True)
    assert [m.recipient.email for m in dry.messages] == ["deputy@example.org", "owner@example.org"]
    assert dry.reminders == 4
    assert dry.skipped == [(world.users["manager"], "no e-mail address")]
    assert smtp.inbox.received == [] and await _claims(world) == []

    first = await reminders.run(sessions, settings, today=DUE_DAY)
    assert len(first.sent) == 2 and first.failed == []
    received = _by_recipient(smtp)
    assert set(received) == {"owner@example.org", "deputy@example.org"}
    message = received["owner@example.org"]
    assert message["To"] == "Owner Person <owner@example.org>"
    assert message["From"] == SENDER
    assert message["Subject"] == "Golden Thread reminder: 1 overdue, 1 due soon"
    assert message["Auto-Submitted"] == "auto-generated"
    body = message.get_payload(decode=True).decode()
    assert "Hello Owner Person," in body
    assert (
        "NI 192 Household waste recycled and composted: November 2008 (2008-09-M08), "
        "was due Friday 12 December 2008" in body
    )
    assert "December 2008 (2008-09-M09), due Thursday 15 January 2009" in body
    assert body.index("2008-09-M08") < body.index("2008-09-M09")  # overdue first
    assert "https://performance.council.example/" in body
    assert "LPI 7" not in body  # submitted: nothing to remind
    claims = await _claims(world)
    assert len(claims) == 4 and all(c.sent_at is not None for c in claims)
    async with world.app.state.sessionmaker() as session:
        ni192 = await session.scalar(select(Indicator.id).where(Indicator.code == "NI 192"))
    assert {c.key for c in claims} == {
        f"{kind}:{ni192}:{period}:u{world.users[who]}"
        for kind, period in (("data_overdue", "2008-09-M08"), ("data_due", "2008-09-M09"))
        for who in ("owner", "deputy")
    }

    second = await reminders.run(sessions, settings, today=DUE_DAY)
    assert second.sent == [] and second.messages == []
    assert len(smtp.inbox.received) == 2

    # Once December's deadline passes, its overdue reminder is new; the rest are not.
    later = await reminders.run(sessions, settings, today=date(2009, 1, 16))
    assert len(later.sent) == 2
    assert [i.key.split(":")[0] for m in later.sent for i in m.items] == ["data_overdue"] * 2
    latest = [message for _, message in smtp.inbox.received[2:]]
    assert {m["Subject"] for m in latest} == {"Golden Thread reminder: 1 overdue"}
    assert "2008-09-M08" not in latest[0].get_payload(decode=True).decode()
    assert (await reminders.run(sessions, settings, today=date(2009, 1, 16))).sent == []
    assert len(smtp.inbox.received) == 4


async def test_a_failed_send_is_tried_again_on_the_next_run(due_world: World) -> None:
    world = due_world
    port = _free_port()
    settings = _settings(world, port, smtp_timeout_seconds=5.0)
    sessions = world.app.state.sessionmaker
    down = await reminders.run(sessions, settings, today=DUE_DAY)
    assert down.sent == [] and len(down.failed) == 1
    assert await _claims(world) == []  # released, not lost
    with SmtpServer(port) as server:
        up = await reminders.run(sessions, settings, today=DUE_DAY)
    assert len(up.sent) == 2
    assert len(server.inbox.received) == 2


async def test_sending_needs_the_smtp_settings(due_world: World) -> None:
    settings = _settings(due_world, 25, smtp_host=None)
    with pytest.raises(ValueError, match="GT_SMTP_HOST"):
        await reminders.run(due_world.app.state.sessionmaker, settings, today=DUE_DAY)
    dry = await reminders.run(
        due_world.app.state.sessionmaker, settings, today=DUE_DAY, dry_run=True
    )
    assert len(dry.messages) == 2


def test_the_cron_command_lists_what_a_dry_run_would_send(
    due_world: World, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GT_DATABASE_URL", database_url)
    monkeypatch.setenv("GT_SECRET_KEY", TEST_SECRET)
    monkeypatch.delenv("GT_SMTP_HOST", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        dry = runner.invoke(cli, ["send-reminders", "--dry-run", "--as-of", "2009-01-12"])
        refused = runner.invoke(cli, ["send-reminders", "--as-of", "2009-01-12"])
        bad_day = runner.invoke(cli, ["send-reminders", "--dry-run", "--as-of", "12/01/2009"])
    finally:
        get_settings.cache_clear()
    assert dry.exit_code == 0, dry.output
    assert "Would send 2 e-mails (4 reminders)." in dry.output
    assert "To Owner Person <owner@example.org>: Golden Thread reminder: 1 overdue" in dry.output
    assert "[data_due] NI 192" in dry.output
    assert "no e-mail address" in dry.output
    assert refused.exit_code == 1
    assert "GT_SMTP_HOST" in refused.output
    assert bad_day.exit_code == 2


@pytest.fixture
async def job_app(world: World, database_url: str, smtp: SmtpServer) -> FastAPI:
    settings = settings_for(
        database_url,
        reminders_enabled=True,
        reminder_interval_seconds=3600,
        webhooks_enabled=False,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_tls="none",
        smtp_sender=SENDER,
    )
    return create_app(settings)


async def test_the_apps_reminder_job_runs_in_its_lifespan(
    world: World, job_app: FastAPI, smtp: SmtpServer
) -> None:
    # A monthly indicator with nothing recorded: its recent months are overdue today.
    await world.create_indicator(code="NI 192", frequency="monthly")
    async with job_app.router.lifespan_context(job_app):
        # The job marks each reminder sent just after the server accepts it: wait for both.
        for _ in range(200):
            if len(smtp.inbox.received) >= 2:
                claims = await _claims(world)
                if claims and all(c.sent_at is not None for c in claims):
                    break
            await asyncio.sleep(0.05)
    assert {recipients[0] for recipients, _ in smtp.inbox.received} == {
        "owner@example.org",
        "deputy@example.org",
    }
    claims = await _claims(world)
    assert claims and all(c.sent_at is not None for c in claims)
    kinds = {c.kind for c in claims}
    assert "data_overdue" in kinds and kinds <= {"data_overdue", "data_due"}


async def test_a_half_configured_job_refuses_to_start(database_url: str) -> None:
    settings = settings_for(
        database_url, reminders_enabled=True, smtp_host=None, webhooks_enabled=False
    )
    application = create_app(settings)
    try:
        with pytest.raises(ValueError, match="GT_SMTP_HOST"):
            async with application.router.lifespan_context(application):
                pass
    finally:
        await application.state.engine.dispose()
