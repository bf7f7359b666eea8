"""Bulk imports of outturns and targets: all rows or none, in one transaction.

An import does not use the request's session: its answer is kept for the idempotency key in
the same transaction as the rows (so a replay can never promise rows that were not written),
while the key is claimed in a short transaction of its own beforehand. A dry run, or a file
with any rejected row, runs the very same writes and then rolls them back, so its summary
counts exactly what a real import would do.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from goldenthread.core.config import Settings
from goldenthread.core.db import Sessions, utcnow
from goldenthread.core.errors import PROBLEM_BASE, Conflict, FieldError, PayloadTooLarge
from goldenthread.core.principal import Actor
from goldenthread.imports import idempotency
from goldenthread.imports.bulk import StaleRows, open_bulk
from goldenthread.imports.engine import ImportRun
from goldenthread.imports.idempotency import Answer
from goldenthread.imports.kinds import ImportKind
from goldenthread.imports.outturns import OutturnImport
from goldenthread.imports.problems import Problem
from goldenthread.imports.readers import FileProblem, RowReader, TooManyRows, open_reader
from goldenthread.imports.schemas import ImportSummary, RowProblem
from goldenthread.imports.targets import TargetImport
from goldenthread.imports.upload import Upload

KINDS: dict[str, ImportKind] = {"outturns": OutturnImport(), "targets": TargetImport()}
CHUNK_ROWS = 10000
# The first chunk is smaller, so the database starts writing while the rest is still read.
FIRST_CHUNK_ROWS = 1000
UNIQUE_VIOLATION = "23505"


def _busy() -> Conflict:
    return Conflict(
        "The database is busy with another import; nothing was written. Send the file again "
        "shortly.",
        headers={"Retry-After": "30"},
    )


def _changed_meanwhile() -> Conflict:
    return Conflict(
        "Some of these figures were changed by someone else during the import; nothing was "
        "written. Send the file again."
    )


_imports_running = 0
_collector_paused = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while imports run.

    An import makes millions of short-lived tuples, which reference counting frees at once;
    yet every few hundred of them would start a collection that walks the rows of the chunk
    in hand, a third of an import's time for nothing. The collector comes back when the last
    import running ends.
    """
    global _imports_running, _collector_paused
    if _imports_running == 0 and gc.isenabled():
        gc.disable()
        _collector_paused = True
    _imports_running += 1
    try:
        yield
    finally:
        _imports_running -= 1
        if _imports_running == 0 and _collector_paused:
            _collector_paused = False
            gc.enable()


def request_hash(kind: str, upload: Upload, *, dry_run: bool, sheet: str | None) -> str:
    described = "\n".join(
        (kind, str(dry_run), sheet or "", upload.format, upload.charset or "", upload.digest)
    )
    return hashlib.sha256(described.encode()).hexdigest()


async def run_import(
    sessions: Sessions,
    settings: Settings,
    actor: Actor,
    kind: str,
    upload: Upload,
    *,
    dry_run: bool,
    sheet: str | None,
    key: str | None,
    instance: str,
) -> Answer:
    """Import the uploaded file, or answer from its idempotency key."""
    owner = idempotency.owner_of(actor.principal)
    if key is not None:
        try:
            replay = await idempotency.claim(
                sessions,
                owner,
                idempotency.check_key(key),
                request_hash(kind, upload, dry_run=dry_run, sheet=sheet),
                settings,
            )
        except OperationalError as exc:
            if "database is locked" in str(exc):
                raise _busy() from exc
            raise
        if replay is not None:
            return replay
    job = _Job(sessions, settings, actor, KINDS[kind], upload, dry_run, sheet, instance)
    try:
        answer = await job.run(owner if key is not None else None, key)
    except BaseException:
        if key is not None:
            await idempotency.release(sessions, owner, key)
        raise
    if key is not None and not job.committed:
        await idempotency.record(sessions, owner, key, answer)
    return answer


class _Job:
    def __init__(
        self,
        sessions: Sessions,
        settings: Settings,
        actor: Actor,
        kind: ImportKind,
        upload: Upload,
        dry_run: bool,
        sheet: str | None,
        instance: str,
    ) -> None:
        self.sessions, self.settings, self.actor, self.kind = sessions, settings, actor, kind
        self.upload, self.dry_run, self.sheet, self.instance = upload, dry_run, sheet, instance
        self.committed = False

    async def run(self, owner: str | None, key: str | None) -> Answer:
        try:
            reader = self._open()
        except FileProblem as exc:
            return self._answer(None, None, [Problem(None, None, None, str(exc))], str(exc))
        try:
            with collector_paused():
                return await self._import(reader, owner, key)
        except TooManyRows as exc:
            raise PayloadTooLarge(
                str(exc), [FieldError("body", f"more than {exc.limit} rows")]
            ) from exc
        except (StaleRows, IntegrityError) as exc:
            raise _changed_meanwhile() from exc
        except OperationalError as exc:
            if "database is locked" in str(exc):  # SQLite: another import held the lock
                raise _busy() from exc
            raise
        except Exception as exc:
            # asyncpg's own error for a key inserted meanwhile by someone else (COPY).
            if getattr(exc, "sqlstate", None) == UNIQUE_VIOLATION:
                raise _changed_meanwhile() from exc
            raise
        finally:
            reader.close()

    def _open(self) -> RowReader:
        return open_reader(
            self.upload.file,
            self.upload.format,
            self.kind.layout,
            max_rows=self.settings.import_max_rows,
            max_unpacked=self.settings.import_max_unpacked_bytes,
            sheet=self.sheet,
            charset=self.upload.charset,
        )

    async def _import(self, reader: RowReader, owner: str | None, key: str | None) -> Answer:
        run: ImportRun | None = None
        async with self.sessions(write=True) as session:
            try:
                bulk = await open_bulk(await session.connection())
                run = ImportRun(
                    session,
                    bulk,
                    self.actor,
                    self.kind,
                    lookups=lambda: self.sessions(write=False),
                    now=utcnow(),
                    spreadsheet=reader.spreadsheet,
                    max_problems=self.settings.import_max_reported_errors,
                )
                file_problem = None
                try:
                    # Parsing stays on the event loop: in a worker thread it would only fight
                    # the loop (and the SQLite thread) for the interpreter lock.
                    size = min(FIRST_CHUNK_ROWS, CHUNK_ROWS)
                    while rows := reader.read(size):
                        await run.process(rows)
                        size = CHUNK_ROWS
                    await run.settle()
                except FileProblem as exc:
                    file_problem = str(exc)
                    run.counts.problems.append(Problem(None, None, None, file_problem))
                counts = run.counts
                write = not (self.dry_run or counts.rejected or file_problem)
                answer = self._answer(run, reader, counts.problems, file_problem, written=write)
                if not write:
                    await run.abandon()
                    await session.rollback()
                    return answer
                if counts.created or counts.updated:
                    await bulk.bump_figures_version()
                if owner is not None and key is not None:
                    await idempotency.finish(session, owner, key, answer)
                await session.commit()
                self.committed = True
                return answer
            except BaseException:
                if run is not None:
                    await run.abandon()
                await session.rollback()
                raise

    def _answer(
        self,
        run: ImportRun | None,
        reader: RowReader | None,
        problems: list[Problem],
        file_problem: str | None,
        *,
        written: bool = False,
    ) -> Answer:
        counts = run.counts if run is not None else None
        warnings = [
            f"The column {name!r} is not one this import reads; it was ignored."
            for name in (reader.unknown if reader is not None else [])
        ]
        summary = ImportSummary(
            kind=self.kind.name,
            format=self.upload.format,
            dry_run=self.dry_run,
            written=written,
            rows_read=counts.rows_read if counts else 0,
            created=counts.created if counts else 0,
            updated=counts.updated if counts else 0,
            unchanged=counts.unchanged if counts else 0,
            rejected=counts.rejected if counts else 0,
            errors=[RowProblem(**p.as_dict()) for p in problems],
            errors_truncated=counts.truncated if counts else False,
            warnings=warnings,
        )
        body: dict[str, Any] = summary.model_dump(mode="json")
        if file_problem is None and not summary.rejected:
            return Answer(200, body)
        if file_problem is not None:
            detail = f"{file_problem} Nothing was written."
        else:
            detail = (
                f"{summary.rejected} of {summary.rows_read} rows were rejected; nothing was "
                "written. Fix them and send the file again."
            )
        problem = {
            "type": PROBLEM_BASE + "validation",
            "title": "Invalid data",
            "status": 422,
            "detail": detail,
            "instance": self.instance,
        }
        return Answer(422, {**problem, **body})
