"""Settings from the environment (prefix ``GT_``) or a ``.env`` file."""

from __future__ import annotations

import secrets
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import model_validator
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
