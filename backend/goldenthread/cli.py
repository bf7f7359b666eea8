"""The ``goldenthread`` command: the operator's jobs."""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import func, select

from goldenthread.core.config import Settings, get_settings
from goldenthread.core.db import Sessions, create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import Role
from goldenthread.organisations.models import Organisation, OrganisationKind

app = typer.Typer(
    help="Golden Thread: performance management for a council and its partners.",
    no_args_is_help=True,
    add_completion=False,
)


async def _migrate(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


async def _load_demo_if_empty(settings: Settings) -> bool:
    from goldenthread.demo.loader import load_demo  # the demo is only imported when asked for

    engine = create_engine(settings)
    try:
        async with Sessions(engine)() as session:
            if await session.scalar(select(func.count()).select_from(Organisation)):
                return False
            await load_demo(session, settings)
            await session.commit()
            return True
    finally:
        await engine.dispose()


def _print_demo_accounts() -> None:
    from goldenthread.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD

    typer.echo("Demo accounts (development only), password " + DEMO_PASSWORD + ":")
    for username, role, purpose in DEMO_ACCOUNTS:
        typer.echo(f"  {username:<10} {role:<12} {purpose}")


@app.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    asyncio.run(_migrate(get_settings()))
    typer.echo("Database is up to date.")


@app.command()
def demo() -> None:
    """Load the demo council into an empty database (development only)."""
    settings = get_settings()
    if settings.env == "production":
        typer.echo("Refused: demo data is never loaded in production.", err=True)
        raise typer.Exit(1)
    asyncio.run(_migrate(settings))
    if asyncio.run(_load_demo_if_empty(settings)):
        typer.echo("Demo data loaded.")
        _print_demo_accounts()
    else:
        typer.echo("The database already holds data; the demo is only loaded into an empty one.")


async def _create_admin(
    settings: Settings, username: str, full_name: str, password: str, organisation: str
) -> None:
    from goldenthread.users import service as users
    from goldenthread.users.schemas import UserCreate

    engine = create_engine(settings)
    try:
        async with Sessions(engine)() as session:
            org = await session.scalar(
                select(Organisation).where(Organisation.name == organisation)
            )
            if org is None:
                org = Organisation(
                    name=organisation, short_name=organisation[:40], kind=OrganisationKind.COUNCIL
                )
                session.add(org)
                await session.flush()
            await users.create_user(
                session,
                UserCreate(
                    username=username,
                    full_name=full_name,
                    role=Role.ADMIN,
                    organisation_id=org.id,
                    password=password,
                ),
                settings,
            )
            await session.commit()
    finally:
        await engine.dispose()


@app.command("create-admin")
def create_admin(
    username: Annotated[str, typer.Option(prompt=True)],
    full_name: Annotated[str, typer.Option(prompt=True)],
    organisation: Annotated[str, typer.Option(prompt="Council name")],
) -> None:
    """Create the first administrator of a real deployment (asks for the password)."""
    password = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("Again: ") != password:
        typer.echo("The passwords differ.", err=True)
        raise typer.Exit(1)
    settings = get_settings()
    asyncio.run(_migrate(settings))
    try:
        asyncio.run(_create_admin(settings, username, full_name, password, organisation))
    except Exception as exc:  # show the reason (taken, too short) without a trace
        typer.echo(f"Could not create the administrator: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Administrator {username!r} created.")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default GT_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Default GT_PORT")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
) -> None:
    """Migrate, load the demo into an empty database where enabled, and serve the API."""
    import uvicorn

    settings = get_settings()
    asyncio.run(_migrate(settings))
    if settings.demo_enabled:
        if asyncio.run(_load_demo_if_empty(settings)):
            typer.echo("Demo data loaded into the empty database.")
        _print_demo_accounts()
    host, port = host or settings.host, port or settings.port
    typer.echo(f"Golden Thread on http://{host}:{port}  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(
        "goldenthread.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=True,
    )


@app.command()
def openapi(
    output: Annotated[Path | None, typer.Option(help="File to write; default stdout")] = None,
) -> None:
    """Write the OpenAPI spec generated from the code."""
    from goldenthread.main import create_app

    text = render_openapi(create_app(Settings(secret_key="x" * 32, demo=False)).openapi())
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text)


def render_openapi(spec: dict[str, object]) -> str:
    return json.dumps(spec, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    app()
