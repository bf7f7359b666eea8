"""Idempotency keys: the first answer to a key is kept and replayed for the same request;
the same key with a different request is refused (422), and so is a second request while
the first is still running (409).

The claim is committed on its own before the import starts, so concurrent requests see it.
A claim left behind by a server stopped mid-import is taken over once it is stale.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.config import Settings
from goldenthread.core.db import Sessions, utcnow
from goldenthread.core.errors import Conflict, FieldError, ValidationFailed
from goldenthread.core.principal import Principal
from goldenthread.imports.models import ImportKey

HEADER = "Idempotency-Key"
_KEY = re.compile(r"[\x21-\x7e]{1,200}")


@dataclass
class Answer:
    status_code: int
    body: dict[str, Any]
    replayed: bool = False


def owner_of(principal: Principal) -> str:
    return f"{principal.kind.value}:{principal.id}"


def check_key(key: str) -> str:
    if not _KEY.fullmatch(key):
        message = "1 to 200 visible ASCII characters, e.g. a UUID"
        raise ValidationFailed(
            f"The {HEADER} header must be {message}.", [FieldError(HEADER, message)]
        )
    return key


async def claim(
    sessions: Sessions, owner: str, key: str, request_hash: str, settings: Settings
) -> Answer | None:
    """Take the key for this request, or answer from it: the replayed answer, or a refusal."""
    now = utcnow()
    # Decided in a read transaction first: on SQLite a write transaction would wait for the
    # running import that holds the write lock, where a replay or a 409 needs no waiting.
    async with sessions(write=False) as reader:
        found = await reader.scalar(_query(owner, key))
        if (
            found is not None
            and (answer := _decide(found, request_hash, now, settings)) is not None
        ):
            return answer
    async with sessions(write=True) as session:
        await session.execute(
            delete(ImportKey).where(
                ImportKey.created_at < now - timedelta(hours=settings.import_key_hours)
            )
        )
        found = await session.scalar(_query(owner, key))
        if found is None:
            session.add(ImportKey(owner=owner, key=key, request_hash=request_hash, created_at=now))
            try:
                await session.commit()
            except IntegrityError as exc:  # claimed a moment ago by a concurrent request
                raise _running() from exc
            return None
        answer = _decide(found, request_hash, now, settings)
        if answer is not None:
            return answer
        found.created_at = now  # abandoned by a stopped server: take it over
        await session.commit()
        return None


def _query(owner: str, key: str) -> Select[ImportKey]:
    return select(ImportKey).where(ImportKey.owner == owner, ImportKey.key == key)


def _decide(
    found: ImportKey, request_hash: str, now: datetime, settings: Settings
) -> Answer | None:
    """The answer a known key gives: a refusal or a replay; None when it may be taken over."""
    if found.request_hash != request_hash:
        raise ValidationFailed(
            f"This {HEADER} was used for a different request (another file or other "
            "options); use a new key for a new request.",
            [FieldError(HEADER, "already used for a different request")],
        )
    if found.state == "done" and found.answer is not None and found.status_code:
        return Answer(found.status_code, json.loads(found.answer), replayed=True)
    if found.created_at > now - timedelta(seconds=settings.import_claim_seconds):
        raise _running()
    return None


def _running() -> Conflict:
    return Conflict(
        f"An import with this {HEADER} is still running; ask again when it has finished.",
        [FieldError(HEADER, "in use by a running import")],
        headers={"Retry-After": "5"},
    )


async def finish(session: AsyncSession, owner: str, key: str, answer: Answer) -> None:
    """Keep the answer in the caller's transaction (so it commits with the import)."""
    await session.execute(
        update(ImportKey)
        .where(ImportKey.owner == owner, ImportKey.key == key)
        .values(
            state="done",
            status_code=answer.status_code,
            answer=json.dumps(answer.body),
            finished_at=utcnow(),
        )
    )


async def record(sessions: Sessions, owner: str, key: str, answer: Answer) -> None:
    """Keep the answer of an import that wrote nothing (rejected rows, dry run)."""
    async with sessions(write=True) as session:
        await finish(session, owner, key, answer)
        await session.commit()


async def release(sessions: Sessions, owner: str, key: str) -> None:
    """Free the key of an import that failed for a passing reason, so it can be retried."""
    async with sessions(write=True) as session:
        await session.execute(
            delete(ImportKey).where(
                ImportKey.owner == owner, ImportKey.key == key, ImportKey.state == "running"
            )
        )
        await session.commit()
