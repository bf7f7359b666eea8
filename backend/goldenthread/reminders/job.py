"""The reminder job in the app's lifespan: a run now and then, in the background.

Runs in several workers (or beside a cron job) are safe together: each reminder is claimed
by its unique key before it is sent, so only one run sends it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from goldenthread.core.config import Settings
from goldenthread.core.db import Sessions
from goldenthread.periods.workdays import today_in_london
from goldenthread.reminders import mailer, service

log = logging.getLogger("goldenthread.reminders")


class ReminderJob:
    def __init__(self, sessions: Sessions, settings: Settings) -> None:
        # Refuse to start half-configured rather than fail quietly every hour.
        mailer.check_configured(settings)
        self.sessions = sessions
        self.settings = settings
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="goldenthread-reminders")

    async def stop(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def run_once(self) -> service.RunReport:
        report = await service.run(self.sessions, self.settings, today=today_in_london())
        if report.sent or report.failed:
            log.info("reminders: %d e-mails sent, %d failed", len(report.sent), len(report.failed))
        return report

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # a bad run must not end the job; the next one may succeed
                log.exception("reminder run failed")
            await asyncio.sleep(self.settings.reminder_interval_seconds)


def start_reminder_job(sessions: Sessions, settings: Settings) -> ReminderJob | None:
    """Start the job when GT_REMINDERS_ENABLED is set; None otherwise."""
    if not settings.reminders_enabled:
        return None
    job = ReminderJob(sessions, settings)
    job.start()
    return job


async def stop_reminder_job(job: ReminderJob | None) -> None:
    if job is not None:
        await job.stop()
