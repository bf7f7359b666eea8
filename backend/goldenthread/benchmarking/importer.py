"""Comparator values in bulk, all rows or none: writing the checked rows of a file (new
councils, group memberships, values created or updated, one audit entry per indicator) and the
summary the import answers with."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.benchmarking.models import (
    ComparatorCouncil,
    ComparatorGroup,
    ComparatorGroupMember,
    ComparatorValue,
)
from goldenthread.benchmarking.schemas import ValuesImportSummary
from goldenthread.benchmarking.value_file import CHUNK_ROWS, Outcome, ValueRow
from goldenthread.core.config import Settings
from goldenthread.core.db import utcnow
from goldenthread.core.errors import ValidationFailed
from goldenthread.core.principal import Actor
from goldenthread.imports.problems import Problem
from goldenthread.imports.schemas import RowProblem
from goldenthread.periods.rules import financial_year_code


def _dedupe(rows: list[ValueRow], outcome: Outcome, reject: Any) -> list[ValueRow]:
    first: dict[tuple[int, int, str], ValueRow] = {}
    unique = []
    for row in rows:
        key = (row.indicator_id, row.year, row.council_code)
        earlier = first.get(key)
        if earlier is None:
            first[key] = row
            unique.append(row)
        elif earlier.value == row.value and earlier.period_label == row.period_label:
            outcome.unchanged += 1
            if row.group_code and row.group_code != earlier.group_code:
                unique.append(row)  # only its group membership is new
        else:
            where = f"row {earlier.row}" if earlier.row is not None else "an earlier row"
            reject(
                row.row,
                "value",
                str(row.value),
                f"{row.indicator_code} {financial_year_code(row.year)} {row.council_code} is "
                f"already in {where} with a different value: keep one of them",
            )
    return unique


async def write_values(
    session: AsyncSession,
    actor: Actor,
    rows: list[ValueRow],
    outcome: Outcome,
    *,
    reject: Any,
    dry_run: bool,
) -> None:
    """Create the councils and memberships the rows need, then create or update the values,
    with one audit entry per indicator (and per group whose members changed). A dry run
    counts the same without writing."""
    rows = _dedupe(rows, outcome, reject)
    councils = await _council_ids(session, {r.council_code for r in rows})
    names: dict[str, str] = {}
    for r in rows:
        if r.council_code not in councils and r.council_name:
            names.setdefault(r.council_code, r.council_name)
    for r in rows:
        if r.council_code not in councils and r.council_code not in names:
            reject(r.row, "council_name", None, f"required: {r.council_code} is a new council")
            names[r.council_code] = ""  # reported once
    if outcome.rejected:
        return
    existing = await _existing(session, rows)
    inserts: list[ValueRow] = []
    updates: list[tuple[int, ValueRow, Decimal]] = []
    seen: set[tuple[int, int, str]] = set()
    for r in rows:
        key = (r.indicator_id, r.year, r.council_code)
        if key in seen:
            continue  # a repeat kept only for its group
        seen.add(key)
        stored = existing.get(key)
        if stored is None:
            inserts.append(r)
        elif stored[1] != r.value or stored[2] != r.period_label:
            updates.append((stored[0], r, stored[1]))
        else:
            outcome.unchanged += 1
    outcome.created, outcome.updated = len(inserts), len(updates)
    outcome.councils_created = len(names)
    if dry_run:
        outcome.memberships_added = sum(
            len(v) for v in (await _new_members(session, rows)).values()
        )
        return
    now = utcnow()
    for code, name in sorted(names.items()):
        council = ComparatorCouncil(code=code, name=name, created_at=now)
        session.add(council)
        await session.flush()
        councils[code] = council.id
    await _add_members(session, actor, rows, councils, outcome)
    by = actor.principal.name
    before: dict[int, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    after: dict[int, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    created = [
        {
            "indicator_id": r.indicator_id,
            "year": r.year,
            "council_id": councils[r.council_code],
            "period_label": r.period_label,
            "value": r.value,
            "updated_by_name": by,
            "updated_at": now,
        }
        for r in inserts
    ]
    changed = [
        {
            "id": pk,
            "value": r.value,
            "period_label": r.period_label,
            "updated_by_name": by,
            "updated_at": now,
        }
        for pk, r, _ in updates
    ]
    for r in inserts:
        after[r.indicator_id][financial_year_code(r.year)][r.council_code] = str(r.value)
    for _, r, old in updates:
        before[r.indicator_id][financial_year_code(r.year)][r.council_code] = str(old)
        after[r.indicator_id][financial_year_code(r.year)][r.council_code] = str(r.value)
    for start in range(0, len(created), CHUNK_ROWS):
        await session.execute(insert(ComparatorValue), created[start : start + CHUNK_ROWS])
    for start in range(0, len(changed), CHUNK_ROWS):
        await session.execute(update(ComparatorValue), changed[start : start + CHUNK_ROWS])
    for indicator_id in sorted(after):
        audit.record_change(
            session,
            actor,
            "import",
            "comparator_values",
            indicator_id,
            {y: dict(v) for y, v in before[indicator_id].items()} or None,
            {y: dict(v) for y, v in after[indicator_id].items()},
            indicator_id=indicator_id,
        )
    await session.flush()


async def _council_ids(session: AsyncSession, codes: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    ordered = sorted(codes)
    for start in range(0, len(ordered), 1000):
        rows = await session.execute(
            select(ComparatorCouncil.code, ComparatorCouncil.id).where(
                ComparatorCouncil.code.in_(ordered[start : start + 1000])
            )
        )
        found.update((code, pk) for code, pk in rows.all())
    return found


async def _existing(
    session: AsyncSession, rows: list[ValueRow]
) -> dict[tuple[int, int, str], tuple[int, Decimal, str]]:
    """The stored values of the rows' indicators and years, by council code."""
    existing: dict[tuple[int, int, str], tuple[int, Decimal, str]] = {}
    indicator_ids = sorted({r.indicator_id for r in rows})
    years = sorted({r.year for r in rows})
    for start in range(0, len(indicator_ids), 500):
        stored_rows = await session.execute(
            select(
                ComparatorValue.indicator_id,
                ComparatorValue.year,
                ComparatorCouncil.code,
                ComparatorValue.id,
                ComparatorValue.value,
                ComparatorValue.period_label,
            )
            .join(ComparatorCouncil, ComparatorCouncil.id == ComparatorValue.council_id)
            .where(
                ComparatorValue.indicator_id.in_(indicator_ids[start : start + 500]),
                ComparatorValue.year.in_(years),
            )
        )
        for ind, year, code, pk, value, label in stored_rows.all():
            existing[(ind, year, code)] = (pk, value, label)
    return existing


async def _new_members(session: AsyncSession, rows: list[ValueRow]) -> dict[int, set[str]]:
    """Group id → codes of the councils the rows add to it."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.group_code:
            wanted[r.group_code].add(r.council_code)
    if not wanted:
        return {}
    groups = {
        code: pk
        for code, pk in (
            await session.execute(
                select(ComparatorGroup.code, ComparatorGroup.id).where(
                    ComparatorGroup.code.in_(sorted(wanted))
                )
            )
        ).all()
    }
    present: dict[int, set[str]] = defaultdict(set)
    for group_id, code in (
        await session.execute(
            select(ComparatorGroupMember.group_id, ComparatorCouncil.code)
            .join(ComparatorCouncil, ComparatorCouncil.id == ComparatorGroupMember.council_id)
            .where(ComparatorGroupMember.group_id.in_(list(groups.values())))
        )
    ).all():
        present[group_id].add(code)
    return {
        groups[g]: codes - present[groups[g]]
        for g, codes in wanted.items()
        if codes - present[groups[g]]
    }


async def _add_members(
    session: AsyncSession,
    actor: Actor,
    rows: list[ValueRow],
    councils: dict[str, int],
    outcome: Outcome,
) -> None:
    for group_id, codes in sorted((await _new_members(session, rows)).items()):
        new = sorted(codes)
        await session.execute(
            insert(ComparatorGroupMember),
            [{"group_id": group_id, "council_id": councils[c]} for c in new],
        )
        outcome.memberships_added += len(new)
        audit.record_change(
            session, actor, "update", "comparator_group", group_id, None, {"members_added": new}
        )


async def write_and_summarise(
    session: AsyncSession,
    settings: Settings,
    actor: Actor,
    read: tuple[list[ValueRow], Outcome, list[str]],
    *,
    file_format: str,
    dry_run: bool,
) -> dict[str, Any]:
    """Write the rows ``read_upload`` found (unless any was rejected or it is a dry run) and
    answer with the import's summary; rejected rows raise 422 carrying the same summary."""
    rows, outcome, warnings = read
    problems = outcome.problems

    def reject(row: int | None, column: str | None, value: object, message: str) -> None:
        outcome.rejected += 1
        if len(problems) < settings.import_max_reported_errors:
            problems.append(Problem(row, column, None if value is None else str(value), message))
        else:
            outcome.truncated = True

    if not outcome.rejected:
        await write_values(session, actor, rows, outcome, reject=reject, dry_run=dry_run)
    summary = ValuesImportSummary(
        kind="comparator_values",
        format=file_format,
        dry_run=dry_run,
        written=not (dry_run or outcome.rejected),
        rows_read=outcome.rows_read,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        rejected=outcome.rejected,
        councils_created=outcome.councils_created,
        memberships_added=outcome.memberships_added,
        errors=[RowProblem(**p.as_dict()) for p in problems],
        errors_truncated=outcome.truncated,
        warnings=warnings,
    ).model_dump(mode="json")
    if outcome.rejected:
        raise refuse(outcome, summary)
    return summary


def refuse(outcome: Outcome, summary: dict[str, Any]) -> ValidationFailed:
    """The 422 answer of a file with rejected rows: problem+json carrying the summary."""
    file_problem = next((p.message for p in outcome.problems if p.row is None), None)
    if file_problem is not None and outcome.rows_read == 0:
        detail = f"{file_problem} Nothing was written."
    else:
        detail = (
            f"{outcome.rejected} of {outcome.rows_read} rows were rejected; nothing was "
            "written. Fix them and send the file again."
        )
    body = {k: v for k, v in summary.items() if k != "errors"}
    return ValidationFailed(detail, summary["errors"], **body)
