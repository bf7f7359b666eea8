"""Settings from the environment (prefix ``GT_``) or a ``.env`` file."""

from __future__ import annotations

import secrets
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_FILE = Path(".goldenthread-secret")
PROJECT_ROOT = Path(__file__).resolve().parents[3]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GT_", env_file=".env", extra="ignore")

    env: Literal["development", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///./goldenthread.db"
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = ""
    demo: bool | None = None
    redis_url: str | None = None

    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    jwt_issuer: str = "goldenthread"
    jwt_audience: str = "goldenthread-api"
    access_token_minutes: int = 60
    # Argon2 cost parameters: the library defaults (RFC 9106 low-memory profile) unless tuned.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536

    sqlite_busy_timeout_ms: int = 15000
    max_page_size: int = 500
    default_page_size: int = 50
    max_body_bytes: int = 1_000_000
    # The built web app; by default frontend/dist of the source tree.
    web_dir: Path | None = None
    # Register statuses kept per process, by figures version and filters; 0 turns it off.
    status_cache_entries: int = 32
    # Bulk imports: the largest file and row count taken, what an Excel file may unpack to,
    # how many rejected rows an answer lists, and how long idempotency keys are kept (and
    # after how long a key left running by a stopped server may be taken over).
    import_max_bytes: int = 200_000_000
    import_max_rows: int = 2_000_000
    import_max_unpacked_bytes: int = 1_000_000_000
    import_max_reported_errors: int = 1000
    import_key_hours: int = 24
    import_claim_seconds: int = 900

    # Partner API: client-credentials tokens are short-lived; a revoked client's tokens stop
    # working at once in the process that revoked it and within this many seconds elsewhere.
    client_token_minutes: int = 15
    client_check_seconds: float = 5.0
    # Staff tokens likewise: a disabled account or a changed role takes effect at once in the
    # process that changed it and within this many seconds elsewhere.
    user_check_seconds: float = 5.0
    # Rate limits ("N per period", as the limits package reads them). Counters live in memory,
    # or in Redis (shared by every worker) when GT_REDIS_URL is set.
    rate_limit_client: str = "600/minute"
    rate_limit_sign_in_address: str = "30/minute"
    rate_limit_sign_in_account: str = "10/5 minutes"
    # The public performance page and its downloads (no sign-in), per address.
    rate_limit_public_address: str = "120/minute"
    rate_limit_key_prefix: str = "goldenthread"
    # The LAA feed: how far back each answer's next_since reaches, so that a change whose
    # transaction commits after a poll is never skipped (it may come twice; applying is safe).
    feed_sync_margin_seconds: int = 60
    # How long a worker answers If-None-Match from the figures version it last read (0: read
    # it for every request); its own commits refresh it at once. See feeds/cache.py.
    feed_version_cache_seconds: float = 1.0
    # Webhooks: the dispatcher runs in the app's lifespan and polls the outbox between wake-ups.
    webhooks_enabled: bool = True
    webhook_poll_seconds: float = 2.0
    webhook_timeout_seconds: float = 5.0
    webhook_max_attempts: int = 8
    webhook_backoff_seconds: float = 10.0
    # Loopback and private addresses as webhook targets: allowed in development, refused in
    # production unless set.
    webhook_allow_private: bool | None = None
    # Reminders e-mailed to the owners of figures due soon or overdue: by a job in the app when
    # enabled, or from cron with `goldenthread send-reminders`. Each reminder is sent once.
    reminders_enabled: bool = False
    reminder_interval_seconds: float = 3600.0
    reminder_lead_days: int = 5
    smtp_host: str | None = None
    smtp_port: int | None = None  # default by TLS mode: 25, 587 (starttls) or 465 (tls)
    smtp_tls: Literal["none", "starttls", "tls"] = "starttls"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_sender: str | None = None  # e.g. "Golden Thread <performance@council.example>"
    smtp_timeout_seconds: float = 30.0
    # The address people reach the app at, for links in e-mails and calendar-feed addresses;
    # by default the address each request came to (or host and port, outside a request).
    public_url: str | None = None

    @model_validator(mode="after")
    def _check_production(self) -> Settings:
        if self.env == "production":
            if not self.secret_key or len(self.secret_key) < 32:
                raise ValueError(
                    "GT_SECRET_KEY of at least 32 characters is required in production"
                )
            if self.demo:
                raise ValueError("GT_DEMO is refused in production: demo accounts share a password")
        return self

    @property
    def demo_enabled(self) -> bool:
        if self.demo is None:
            return self.env == "development"
        return self.demo

    @property
    def webhook_private_targets_allowed(self) -> bool:
        if self.webhook_allow_private is None:
            return self.env == "development"
        return self.webhook_allow_private

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def web_app_dir(self) -> Path:
        return self.web_dir or PROJECT_ROOT / "frontend" / "dist"

    @cached_property
    def signing_key(self) -> str:
        """The JWT secret: configured, or generated once and kept locally in development."""
        if self.secret_key:
            return self.secret_key
        if SECRET_FILE.exists():
            return SECRET_FILE.read_text().strip()
        key = secrets.token_urlsafe(48)
        SECRET_FILE.write_text(key)
        SECRET_FILE.chmod(0o600)
        return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
