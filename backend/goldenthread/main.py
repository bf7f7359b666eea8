"""The FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from goldenthread import __version__
from goldenthread.actions.router import router as actions_router
from goldenthread.appraisals.router import router as appraisals_router
from goldenthread.audit.router import router as audit_router
from goldenthread.auth.router import router as auth_router
from goldenthread.benchmarking.router import router as benchmarking_router
from goldenthread.calendars.router import router as calendars_router
from goldenthread.clients.gate import ClientGate
from goldenthread.clients.router import router as clients_router
from goldenthread.commitments.router import router as commitments_router
from goldenthread.core.config import Settings, get_settings
from goldenthread.core.db import Sessions, create_engine
from goldenthread.core.errors import install_error_handlers
from goldenthread.core.http import ConditionalGetMiddleware, RequestGuardMiddleware
from goldenthread.core.openapi import install_openapi
from goldenthread.core.ratelimit import RateLimits
from goldenthread.cycle.router import router as cycle_router
from goldenthread.data_entry.router import router as data_entry_router
from goldenthread.deadlines.router import router as deadlines_router
from goldenthread.exports.router import router as exports_router
from goldenthread.feeds.cache import VersionCache
from goldenthread.feeds.router import router as feeds_router
from goldenthread.health.router import router as health_router
from goldenthread.imports.router import router as imports_router
from goldenthread.indicators.router import router as indicators_router
from goldenthread.objectives.router import router as objectives_router
from goldenthread.organisations.router import router as organisations_router
from goldenthread.outturns.router import router as outturns_router
from goldenthread.plans.router import checklist_router as plan_checklist_router
from goldenthread.plans.router import router as plans_router
from goldenthread.public.router import router as public_router
from goldenthread.reminders.job import start_reminder_job, stop_reminder_job
from goldenthread.reports.router import router as reports_router
from goldenthread.risks.router import router as risks_router
from goldenthread.status.cache import StatusCache
from goldenthread.status.router import router as status_router
from goldenthread.targets.router import router as targets_router
from goldenthread.users.gate import StaffGate
from goldenthread.users.router import router as users_router
from goldenthread.web import mount_web_app
from goldenthread.webhooks.dispatcher import Dispatcher
from goldenthread.webhooks.router import router as webhooks_router

API_PREFIX = "/api/v1"

DESCRIPTION = """\
Golden Thread links a partnership's community strategy, the council's plans and each
person's objectives to the performance indicators that measure them: targets, outturns and
explained red/amber/green status with trends.

Errors are `application/problem+json` (RFC 9457). Lists are paginated with `limit` and an
opaque `cursor`. Reads carry an `ETag`; updates take `If-Match`. Operations tagged `public`
are the contract with partner organisations.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = create_engine(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # First: it refuses to start half-configured, before anything else is running.
        reminders = start_reminder_job(app.state.sessionmaker, settings)
        if settings.webhooks_enabled:
            app.state.webhook_dispatcher.start()
        yield
        await stop_reminder_job(reminders)
        await app.state.webhook_dispatcher.stop()
        await app.state.rate_limits.close()
        await engine.dispose()

    app = FastAPI(
        title="Golden Thread",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = Sessions(engine)
    app.state.status_cache = StatusCache(settings.status_cache_entries)
    app.state.rate_limits = RateLimits(settings)
    app.state.client_gate = ClientGate(
        app.state.sessionmaker, app.state.rate_limits, settings.client_check_seconds
    )
    app.state.staff_gate = StaffGate(app.state.sessionmaker, settings.user_check_seconds)
    app.state.webhook_dispatcher = Dispatcher(app.state.sessionmaker, settings)
    app.state.feed_versions = VersionCache(settings.feed_version_cache_seconds)

    install_error_handlers(app)
    app.add_middleware(ConditionalGetMiddleware, skip_prefixes=(f"{API_PREFIX}/exports",))
    app.add_middleware(
        RequestGuardMiddleware,
        max_body_bytes=settings.max_body_bytes,
        form_paths=(f"{API_PREFIX}/auth/token",),
        upload_prefixes=(
            f"{API_PREFIX}/imports",
            f"{API_PREFIX}/reports/finance/import",
            f"{API_PREFIX}/benchmarking/values",
        ),
    )

    api = APIRouter(prefix=API_PREFIX)
    for router in (
        auth_router,
        organisations_router,
        users_router,
        indicators_router,
        targets_router,
        outturns_router,
        status_router,
        audit_router,
        data_entry_router,
        clients_router,
        feeds_router,
        webhooks_router,
        imports_router,
        exports_router,
        cycle_router,
        deadlines_router,
        calendars_router,
        reports_router,
        risks_router,
        commitments_router,
        appraisals_router,
        plans_router,
        plan_checklist_router,
        objectives_router,
        actions_router,
        benchmarking_router,
        public_router,
    ):
        api.include_router(router)
    app.include_router(api)
    app.include_router(health_router)
    mount_web_app(app, settings.web_app_dir())
    install_openapi(app)
    return app
