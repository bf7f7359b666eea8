"""The ``goldenthread`` command: the operator's jobs."""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy import func, select

from goldenthread.benchmarking.cli import benchmarks_app
from goldenthread.core.config import Settings, get_settings
from goldenthread.core.db import Sessions, create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import Role
from goldenthread.imports.client import export as export_file
from goldenthread.imports.client import import_app
from goldenthread.organisations.models import Organisation, OrganisationKind

if TYPE_CHECKING:
    from goldenthread.reminders.service import RunReport

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
    from goldenthread.demo.loader import DEMO_ACCOUNTS, DEMO_CLIENT_ID, DEMO_PASSWORD

    typer.echo("Demo accounts (development only), password " + DEMO_PASSWORD + ":")
    for username, role, purpose in DEMO_ACCOUNTS:
        typer.echo(f"  {username:<10} {role:<12} {purpose}")
    typer.echo(
        f"  partner API client {DEMO_CLIENT_ID!r} of the health trust, secret {DEMO_PASSWORD}"
    )


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


async def _client_job(settings: Settings, job: str, **args: object) -> dict[str, object]:
    """Create, rotate or revoke a partner client in one transaction; returns what to print."""
    from goldenthread.clients import service as clients
    from goldenthread.clients.schemas import ApiClientCreate

    engine = create_engine(settings)
    try:
        async with Sessions(engine)() as session:
            if job == "create":
                organisation = str(args["organisation"])
                org = await session.scalar(
                    select(Organisation).where(
                        (Organisation.name == organisation)
                        | (Organisation.short_name == organisation)
                    )
                )
                if org is None:
                    raise ValueError(f"there is no organisation named {organisation!r}")
                data = ApiClientCreate.model_validate(
                    {
                        "name": args["name"],
                        "organisation_id": org.id,
                        "scopes": args["scopes"],
                        "client_id": args["client_id"],
                    }
                )
                client, secret = await clients.create_client(
                    session, data, settings, "command line"
                )
                result: dict[str, object] = {"client_id": client.client_id, "secret": secret}
            elif job == "rotate":
                client = await clients.find_client(session, str(args["client_id"]))
                grace = int(str(args["grace_minutes"]))
                secret = await clients.rotate_secret(session, client, grace, settings)
                result = {"client_id": client.client_id, "secret": secret}
            else:
                client = await clients.find_client(session, str(args["client_id"]))
                await clients.revoke(session, client)
                result = {"client_id": client.client_id}
            await session.commit()
            return result
    finally:
        await engine.dispose()


def _run_client_job(job: str, **args: object) -> dict[str, object]:
    settings = get_settings()
    asyncio.run(_migrate(settings))
    try:
        return asyncio.run(_client_job(settings, job, **args))
    except Exception as exc:  # show the reason (taken, unknown organisation) without a trace
        typer.echo(f"Refused: {getattr(exc, 'detail', exc)}", err=True)
        raise typer.Exit(1) from exc


@app.command("create-client")
def create_client(
    name: Annotated[str, typer.Option(help="Who the client is for")],
    organisation: Annotated[str, typer.Option(help="Partner organisation: name or short name")],
    scope: Annotated[
        list[str],
        typer.Option(help="laa:read, indicators:read or outturns:write; repeat for more"),
    ],
    client_id: Annotated[
        str | None, typer.Option(help="Public identifier; made from the name if omitted")
    ] = None,
) -> None:
    """Register a partner API client and print its secret (shown this once)."""
    result = _run_client_job(
        "create", name=name, organisation=organisation, scopes=scope, client_id=client_id
    )
    typer.echo(f"client_id:     {result['client_id']}")
    typer.echo(f"client_secret: {result['secret']}")
    typer.echo("Keep the secret now: only a hash is stored, it cannot be shown again.")


@app.command("rotate-client-secret")
def rotate_client_secret(
    client_id: Annotated[str, typer.Argument(help="The client's public identifier")],
    grace_minutes: Annotated[
        int, typer.Option(min=0, max=10080, help="How long the old secret keeps working")
    ] = 60,
) -> None:
    """Issue a new secret for a client and print it; the old one works for the grace period."""
    result = _run_client_job("rotate", client_id=client_id, grace_minutes=grace_minutes)
    typer.echo(f"client_id:     {result['client_id']}")
    typer.echo(f"client_secret: {result['secret']}")
    typer.echo(f"The previous secret keeps working for {grace_minutes} minutes.")


@app.command("revoke-client")
def revoke_client(
    client_id: Annotated[str, typer.Argument(help="The client's public identifier")],
) -> None:
    """Revoke a client: its secrets and its tokens stop working."""
    result = _run_client_job("revoke", client_id=client_id)
    typer.echo(f"Client {result['client_id']!r} revoked.")


async def _send_reminders(settings: Settings, dry_run: bool, day: date | None) -> RunReport:
    from goldenthread.periods.workdays import today_in_london
    from goldenthread.reminders import service as reminders

    engine = create_engine(settings)
    try:
        return await reminders.run(
            Sessions(engine), settings, today=day or today_in_london(), dry_run=dry_run
        )
    finally:
        await engine.dispose()


@app.command("send-reminders")
def send_reminders(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be sent; send and record nothing.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option(help="Judge from this day (YYYY-MM-DD); default today.")
    ] = None,
) -> None:
    """E-mail owners of figures due soon or overdue, each reminder once (for cron)."""
    from goldenthread.reminders.mailer import MailerNotConfigured

    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError as exc:
        typer.echo(f"--as-of takes a date like 2009-01-15, not {as_of!r}.", err=True)
        raise typer.Exit(2) from exc
    try:
        report = asyncio.run(_send_reminders(get_settings(), dry_run, day))
    except MailerNotConfigured as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    messages = report.messages if dry_run else report.sent
    verb = "Would send" if dry_run else "Sent"
    typer.echo(f"{verb} {len(messages)} e-mails ({report.reminders} reminders).")
    for message in messages:
        recipient = message.recipient
        typer.echo(f"  To {recipient.name} <{recipient.email}>: {message.subject}")
        for item in message.items:
            typer.echo(f"    - [{item.kind.value}] {item.text}")
    for message, reason in report.failed:
        typer.echo(f"  Not sent to {message.recipient.email}: {reason}", err=True)
    for user_id, reason in report.skipped:
        typer.echo(f"  Nobody e-mailed for user {user_id}: {reason}")
    if report.failed:
        raise typer.Exit(1)


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


# Files into and out of a running server, over its API.
app.add_typer(import_app, name="import")
app.command("export")(export_file)
# Published comparator data sets, straight into the database.
app.add_typer(benchmarks_app, name="benchmarks")


def main() -> None:
    app()
