"""Settings guard production; the operator's command works on a fresh database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from goldenthread.cli import app
from goldenthread.core.config import Settings


def test_production_requires_a_real_secret_and_refuses_demo_data() -> None:
    with pytest.raises(ValidationError, match="GT_SECRET_KEY"):
        Settings(env="production", secret_key="short")
    with pytest.raises(ValidationError, match="GT_DEMO"):
        Settings(env="production", secret_key="s" * 40, demo=True)
    production = Settings(env="production", secret_key="s" * 40)
    assert not production.demo_enabled
    assert Settings(env="development").demo_enabled


def test_development_secret_is_generated_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = Settings(secret_key="").signing_key
    second = Settings(secret_key="").signing_key
    assert first == second
    assert len(first) >= 32
    assert (tmp_path / ".goldenthread-secret").stat().st_mode & 0o077 == 0


def test_migrate_then_create_admin_on_an_empty_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "fresh.db"
    monkeypatch.setenv("GT_DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    monkeypatch.setenv("GT_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("GT_ARGON2_MEMORY_KIB", "64")
    from goldenthread.core.config import get_settings

    get_settings.cache_clear()
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a long enough password")
    runner = CliRunner()
    try:
        assert runner.invoke(app, ["migrate"]).exit_code == 0
        result = runner.invoke(
            app,
            [
                "create-admin",
                "--username",
                "chief",
                "--full-name",
                "Chief Officer",
                "--organisation",
                "Anyshire Council",
            ],
        )
        assert result.exit_code == 0, result.output
        again = runner.invoke(
            app,
            [
                "create-admin",
                "--username",
                "chief",
                "--full-name",
                "Chief Officer",
                "--organisation",
                "Anyshire Council",
            ],
        )
        assert again.exit_code == 1
        assert "taken" in again.output
    finally:
        get_settings.cache_clear()
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT username, role FROM users").fetchall()
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert rows == [("chief", "admin")]
    assert journal == "wal"
