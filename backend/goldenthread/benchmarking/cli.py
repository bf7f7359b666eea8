"""``goldenthread benchmarks …``: load published comparator data sets into the database."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select

from goldenthread.core.config import get_settings
from goldenthread.core.db import Sessions, create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import SYSTEM_ACTOR
from goldenthread.organisations.models import Organisation, OrganisationKind

benchmarks_app = typer.Typer(
    help="Comparator data: load published benchmarking data sets.", no_args_is_help=True
)

Directory = Annotated[
    Path,
    typer.Argument(exists=True, file_okay=False, dir_okay=True, help="The data set's folder"),
]
Council = Annotated[str | None, typer.Option(help="The member that is this council")]
OrganisationName = Annotated[
    str | None,
    typer.Option(help="Organisation that owns the indicators added; default the council"),
]


async def _load(kind: str, directory: Path, council: str | None, organisation: str | None) -> str:
    from goldenthread.benchmarking import sources

    settings = get_settings()
    engine = create_engine(settings)
    try:
        await upgrade(engine)
        reader = sources.read_lgbf if kind == "lgbf" else sources.read_oflog
        data = await asyncio.to_thread(reader, directory, council)
        async with Sessions(engine)() as session:
            query = select(Organisation).order_by(Organisation.id)
            if organisation:
                query = query.where(
                    (Organisation.name == organisation) | (Organisation.short_name == organisation)
                )
            else:
                query = query.where(Organisation.kind == OrganisationKind.COUNCIL)
            owner = await session.scalar(query.limit(1))
            if owner is None:
                raise ValueError(
                    f"there is no organisation named {organisation!r}"
                    if organisation
                    else "there is no council organisation yet: create one first"
                )
            report = await sources.load_dataset(session, SYSTEM_ACTOR, data, owner.id)
            await session.commit()
    finally:
        await engine.dispose()
    return (
        f"{report.indicators_created} indicators and {report.groups_created} groups added; "
        f"{report.values_created} values created, {report.values_updated} updated, "
        f"{report.values_unchanged} unchanged."
    )


def _run(kind: str, directory: Path, council: str | None, organisation: str | None) -> None:
    try:
        message = asyncio.run(_load(kind, directory, council, organisation))
    except (OSError, KeyError, ValueError) as exc:  # a wrong folder, column or council
        typer.echo(f"Refused: {getattr(exc, 'detail', exc)}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(message)


@benchmarks_app.command("load-lgbf")
def load_lgbf(
    directory: Directory, council: Council = None, organisation: OrganisationName = None
) -> None:
    """Load the Local Government Benchmarking Framework (Scotland): indicators, the
    Scotland-wide and family groups, and every council's values (council: its name)."""
    _run("lgbf", directory, council, organisation)


@benchmarks_app.command("load-oflog")
def load_oflog(
    directory: Directory, council: Council = None, organisation: OrganisationName = None
) -> None:
    """Load Oflog's adult social care measures (England) and, for the council given by its
    ONS code, its nearest-neighbour family."""
    _run("oflog", directory, council, organisation)
