"""The command line's import and export: files sent to (and fetched from) a running server.

    goldenthread import outturns FILE --url URL --token TOKEN
    goldenthread import targets FILE --url URL --client-id ID --client-secret SECRET
    goldenthread export outturns --url URL --token TOKEN --format xlsx --output FILE

Authentication is a bearer token, partner client credentials, or a staff username whose
password is asked for. The exit status is 0 when the file was imported (or the dry run found
nothing wrong), 1 when rows were rejected, 2 for anything else that went wrong.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import httpx
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn
from rich.table import Table

from goldenthread.imports.upload import EXTENSIONS, XLSX_TYPE

API = "/api/v1"
CONTENT_TYPES = {"csv": "text/csv", "xlsx": XLSX_TYPE, "json": "application/json"}
BLOCK = 256 * 1024
EXIT_REJECTED = 1
EXIT_FAILED = 2

import_app = typer.Typer(help="Import outturns or targets from a file into a running server.")

Url = Annotated[str, typer.Option(envvar="GT_API_URL", help="The server, e.g. http://host:8000")]
Token = Annotated[
    str | None, typer.Option(envvar="GT_API_TOKEN", help="A bearer token", show_default=False)
]
ClientId = Annotated[str | None, typer.Option(envvar="GT_CLIENT_ID", help="Partner client id")]
ClientSecret = Annotated[
    str | None, typer.Option(envvar="GT_CLIENT_SECRET", help="Partner client secret")
]
Username = Annotated[
    str | None, typer.Option(envvar="GT_USERNAME", help="Staff username (password asked)")
]


class Failed(Exception):
    """A plain message for the operator; the command exits with status 2."""


def make_client(url: str) -> httpx.Client:
    """The HTTP client of the commands (replaced in tests)."""
    return httpx.Client(base_url=url.rstrip("/"), timeout=httpx.Timeout(600, connect=10))


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"{response.status_code} {response.reason_phrase}"
    if isinstance(body, dict) and body.get("detail"):
        return f"{response.status_code}: {body['detail']}"
    return f"{response.status_code} {response.reason_phrase}"


def bearer(
    client: httpx.Client,
    token: str | None,
    client_id: str | None,
    client_secret: str | None,
    username: str | None,
) -> dict[str, str]:
    """The Authorization header: the token given, or one obtained from the server."""
    if token:
        return {"Authorization": f"Bearer {token}"}
    if client_id and client_secret:
        form = {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
        }
    elif username:
        password = getpass.getpass(f"Password for {username}: ")
        form = {"grant_type": "password", "username": username, "password": password}
    else:
        raise Failed("Give --token, or --client-id and --client-secret, or --username.")
    response = client.post(f"{API}/auth/token", data=form)
    if response.status_code != 200:
        raise Failed(f"Signing in failed: {_detail(response)}")
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _blocks(source: BinaryIO, progress: Progress, task: Any) -> Iterator[bytes]:
    while block := source.read(BLOCK):
        progress.update(task, advance=len(block))
        yield block


def upload(
    client: httpx.Client,
    kind: str,
    path: Path,
    headers: dict[str, str],
    *,
    dry_run: bool,
    sheet: str | None,
    key: str | None,
    console: Console,
) -> httpx.Response:
    file_format = EXTENSIONS.get(path.suffix.lower())
    if file_format is None:
        raise Failed(f"{path.name}: give a .csv, .xlsx or .json file.")
    size = path.stat().st_size
    sent = {
        **headers,
        "Content-Type": CONTENT_TYPES[file_format],
        "Content-Length": str(size),
    }
    if key:
        sent["Idempotency-Key"] = key
    params: dict[str, str] = {"dry_run": "true" if dry_run else "false"}
    if sheet:
        params["sheet"] = sheet
    columns = (BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with path.open("rb") as source, Progress(*columns, console=console) as progress:
        task = progress.add_task("upload", total=size)
        return client.post(
            f"{API}/imports/{kind}",
            content=_blocks(source, progress, task),
            headers=sent,
            params=params,
        )


def print_summary(summary: dict[str, Any], console: Console) -> None:
    counts = Table(title=f"Import of {summary['kind']} ({summary['format']})")
    counts.add_column("rows read", justify="right")
    for name in ("created", "updated", "unchanged", "rejected"):
        counts.add_column(name, justify="right")
    counts.add_row(
        *(str(summary[k]) for k in ("rows_read", "created", "updated", "unchanged", "rejected"))
    )
    console.print(counts)
    if summary["errors"]:
        faults = Table(title="Rejected rows")
        for name in ("row", "column", "value", "problem"):
            faults.add_column(name)
        for error in summary["errors"]:
            faults.add_row(
                "" if error["row"] is None else str(error["row"]),
                error["column"] or "",
                error["value"] or "",
                error["message"],
            )
        console.print(faults)
        if summary.get("errors_truncated"):
            console.print(f"… and more: {summary['rejected']} rows were rejected in all.")
    for warning in summary.get("warnings", []):
        console.print(f"Warning: {warning}")
    if summary["dry_run"]:
        console.print("Dry run: nothing was written.")
    elif summary["written"]:
        console.print("Imported.")
    else:
        console.print("Nothing was written: fix the rejected rows and send the file again.")


def run_import(kind: str, path: Path, url: str, auth: tuple[Any, ...], **options: Any) -> int:
    console = Console(stderr=False)
    try:
        with make_client(url) as client:
            headers = bearer(client, *auth)
            response = upload(client, kind, path, headers, console=console, **options)
    except (Failed, httpx.HTTPError, OSError) as exc:
        typer.echo(f"Import failed: {exc}", err=True)
        return EXIT_FAILED
    body = response.json() if response.headers.get("content-type", "").endswith("json") else {}
    if "rows_read" in body:
        print_summary(body, console)
        if response.status_code == 200:
            return 0
        if response.status_code == 422:
            return EXIT_REJECTED
    typer.echo(f"Import failed: {_detail(response)}", err=True)
    return EXIT_FAILED


def _import_command(kind: str) -> Any:
    def command(
        file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV, XLSX, JSON")],
        url: Url,
        token: Token = None,
        client_id: ClientId = None,
        client_secret: ClientSecret = None,
        username: Username = None,
        dry_run: Annotated[bool, typer.Option(help="Check and report; write nothing")] = False,
        sheet: Annotated[str | None, typer.Option(help="Excel: the sheet to read")] = None,
        idempotency_key: Annotated[
            str | None, typer.Option(help="Makes a repeated send safe: the first answer replays")
        ] = None,
    ) -> None:
        status = run_import(
            kind,
            file,
            url,
            (token, client_id, client_secret, username),
            dry_run=dry_run,
            sheet=sheet,
            key=idempotency_key,
        )
        raise typer.Exit(status)

    command.__doc__ = f"Import {kind} from a file: every row, or none when any is rejected."
    return command


import_app.command("outturns")(_import_command("outturns"))
import_app.command("targets")(_import_command("targets"))


def export(
    kind: Annotated[str, typer.Argument(help="outturns or targets")],
    url: Url,
    token: Token = None,
    client_id: ClientId = None,
    client_secret: ClientSecret = None,
    username: Username = None,
    file_format: Annotated[str, typer.Option("--format", help="csv, xlsx or json")] = "csv",
    output: Annotated[Path | None, typer.Option(help="File to write; default stdout")] = None,
    set_name: Annotated[str | None, typer.Option("--set", help="Set, e.g. LAA")] = None,
    org_unit: Annotated[int | None, typer.Option(help="Org unit id")] = None,
    indicator: Annotated[int | None, typer.Option(help="Indicator id")] = None,
    year: Annotated[str | None, typer.Option(help="Financial year, e.g. 2008-09")] = None,
) -> None:
    """Export outturns or targets to a file in the layout the import takes."""
    if kind not in ("outturns", "targets") or file_format not in CONTENT_TYPES:
        typer.echo("Give outturns or targets, and a format of csv, xlsx or json.", err=True)
        raise typer.Exit(EXIT_FAILED)
    params = {"format": file_format, "set": set_name, "org_unit": org_unit}
    params |= {"indicator": indicator, "year": year}
    query = {k: str(v) for k, v in params.items() if v is not None}
    try:
        with make_client(url) as client:
            headers = bearer(client, token, client_id, client_secret, username)
            with client.stream("GET", f"{API}/exports/{kind}", params=query, headers=headers) as r:
                if r.status_code != 200:
                    r.read()
                    raise Failed(_detail(r))
                target: BinaryIO = output.open("wb") if output else sys.stdout.buffer
                try:
                    for block in r.iter_bytes(BLOCK):
                        target.write(block)
                finally:
                    if output:
                        target.close()
    except (Failed, httpx.HTTPError, OSError) as exc:
        typer.echo(f"Export failed: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from exc
    if output:
        typer.echo(f"Wrote {output}.", err=True)
