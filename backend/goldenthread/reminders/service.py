"""Reminder runs: work out what is new for whom, claim it, e-mail it, record it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import aiosmtplib
from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.config import Settings
from goldenthread.core.db import Sessions, utcnow
from goldenthread.reminders import mailer as mail
from goldenthread.reminders.models import SentReminder
from goldenthread.reminders.rules import Message, Recipient, ReminderItem, by_person, compose
from goldenthread.reminders.sources import SOURCES
from goldenthread.users.models import User

log = logging.getLogger("goldenthread.reminders")

# Keys are looked up in chunks: the database's limit on bound parameters is far above this.
_CHUNK = 500


@dataclass
class RunReport:
    dry_run: bool
    # What is (or, in a dry run, would be) sent.
    messages: list[Message] = field(default_factory=list)
    sent: list[Message] = field(default_factory=list)
    failed: list[tuple[Message, str]] = field(default_factory=list)
    # People with something to be reminded of who cannot be e-mailed, and why.
    skipped: list[tuple[int, str]] = field(default_factory=list)

    @property
    def reminders(self) -> int:
        return sum(len(m.items) for m in (self.messages if self.dry_run else self.sent))


def app_url(settings: Settings) -> str:
    return settings.public_url or f"http://{settings.host}:{settings.port}"


async def _already_claimed(session: AsyncSession, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        found.update(
            await session.scalars(select(SentReminder.key).where(SentReminder.key.in_(chunk)))
        )
    return found


async def plan(
    session: AsyncSession, settings: Settings, today: date
) -> tuple[list[Message], list[tuple[int, str]]]:
    """The e-mails a run would send on ``today``, one per person, with only what they have
    not been sent before; and the people who cannot be e-mailed."""
    items: list[ReminderItem] = []
    for source in SOURCES:
        items += await source(session, today, settings.reminder_lead_days)
    already = await _already_claimed(session, sorted({i.key for i in items}))
    grouped = by_person(i for i in items if i.key not in already)
    if not grouped:
        return [], []
    people = (
        await session.execute(
            select(User.id, User.full_name, User.email, User.active).where(
                User.id.in_(sorted(grouped))
            )
        )
    ).all()
    messages: list[Message] = []
    skipped: list[tuple[int, str]] = []
    for person in people:
        if not person.active:
            skipped.append((person.id, "account is not active"))
            continue
        email = (person.email or "").strip()
        if not email:
            skipped.append((person.id, "no e-mail address"))
            continue
        try:
            mail.recipient_address(person.full_name, email)
        except ValueError:
            skipped.append((person.id, f"e-mail address {email!r} is not valid"))
            continue
        recipient = Recipient(person.id, person.full_name, email)
        messages.append(compose(recipient, grouped[person.id], app_url=app_url(settings)))
    messages.sort(key=lambda m: (m.recipient.name.casefold(), m.recipient.user_id))
    return messages, skipped


def _insert(dialect: str) -> Any:
    # INSERT … ON CONFLICT DO NOTHING RETURNING: the keys this run won, in one statement.
    return (postgresql if dialect == "postgresql" else sqlite).insert(SentReminder)


async def _claim(sessions: Sessions, message: Message) -> set[str]:
    rows = [
        {
            "key": item.key,
            "kind": item.kind.value,
            "user_id": message.recipient.user_id,
            "recipient": message.recipient.email,
            "subject": message.subject[:300],
            "claimed_at": utcnow(),
        }
        for item in message.items
    ]
    async with sessions(write=True) as session:
        dialect = session.get_bind().dialect.name
        statement = (
            _insert(dialect)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(SentReminder.key)
        )
        won = set((await session.scalars(statement)).all())
        await session.commit()
    return won


async def _settle(sessions: Sessions, keys: set[str], *, sent: bool) -> None:
    async with sessions(write=True) as session:
        if sent:
            await session.execute(
                update(SentReminder).where(SentReminder.key.in_(keys)).values(sent_at=utcnow())
            )
        else:
            await session.execute(delete(SentReminder).where(SentReminder.key.in_(keys)))
        await session.commit()


async def run(
    sessions: Sessions, settings: Settings, *, today: date, dry_run: bool = False
) -> RunReport:
    """One reminder run. A dry run reports what would be sent and changes nothing."""
    if not dry_run:
        mail.check_configured(settings)
    async with sessions(write=False) as session:
        messages, skipped = await plan(session, settings, today)
        await session.rollback()
    report = RunReport(dry_run=dry_run, messages=messages, skipped=skipped)
    if dry_run or not messages:
        return report
    async with mail.SmtpMailer(settings) as mailer:
        for message in messages:
            won = await _claim(sessions, message)
            if not won:
                continue  # another run (another worker, or cron) has these
            if len(won) < len(message.items):
                message = compose(
                    message.recipient,
                    [i for i in message.items if i.key in won],
                    app_url=app_url(settings),
                )
            try:
                await mailer.send(mail.build(message, settings))
            except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
                # Release the claim so the next run tries again.
                await _settle(sessions, won, sent=False)
                report.failed.append((message, str(exc) or type(exc).__name__))
                log.warning("reminder to user %s not sent: %s", message.recipient.user_id, exc)
                if not mailer.connected:
                    break  # the server is gone: the rest waits for the next run
                continue
            await _settle(sessions, won, sent=True)
            report.sent.append(message)
    return report
