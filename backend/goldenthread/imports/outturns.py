"""Importing outturns: the single-row rules (``outturns.rules``, ``indicators.rules``) applied
to every row, then written in bulk with the audit trail, as ``outturns.service.put_outturn``
would write them one at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from goldenthread.core.errors import Forbidden
from goldenthread.imports.checks import check_code, check_period
from goldenthread.imports.engine import ImportRun
from goldenthread.imports.kinds import Created, IndicatorRef
from goldenthread.imports.outturn_table import EXISTING, ROWS, snapshot
from goldenthread.imports.readers import BadItem, Row
from goldenthread.imports.rules import (
    MAX_COMMENTARY_CHARS,
    OUTTURN_COLUMNS,
    PLAIN_NUMBER,
    CellError,
    parse_amount,
    parse_status,
    parse_text,
)
from goldenthread.indicators import rules as indicator_rules
from goldenthread.outturns.models import OutturnStatus, Provenance
from goldenthread.outturns.rules import (
    VERIFIER_STATUSES,
    Figures,
    InvalidFigures,
    audit_action,
    derive_figures,
    next_status,
)
from goldenthread.periods.rules import Period
from goldenthread.status.rules import Aggregation, Unit

_COLUMN_INDEX = {name: i for i, name in enumerate(OUTTURN_COLUMNS)}
_STATUS_OF = {s.value: s for s in OutturnStatus}


@dataclass(slots=True)
class OutturnRow:
    row: int
    ref: IndicatorRef
    period: Period
    slot: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    commentary: str
    status: OutturnStatus | None
    repeat: bool = False


class OutturnImport:
    name: str = "outturns"
    layout: tuple[str, ...] = OUTTURN_COLUMNS
    table = ROWS

    def validate(self, run: ImportRun, rows: Sequence[Row]) -> list[OutturnRow]:
        """Every row through the rules. The common case, a well-formed row of known codes and
        periods with plain numbers, is taken here with the same rules as :meth:`_checked`
        but no reporting, in one loop; anything else goes there."""
        valid: list[OutturnRow] = []
        append = valid.append
        refs, periods, spreadsheet = run.refs, run.periods, run.spreadsheet
        checked = self._checked
        plain = PLAIN_NUMBER.fullmatch
        ratio, yes_no = Aggregation.RATIO, Unit.YES_NO
        for number, cells in rows:
            item = None
            ref = refs.get(cells[0])
            if ref is not None and ref.refusal is None:
                known = periods.get((cells[1], ref.frequency, False))
                if type(known) is tuple:
                    value, numerator, denominator, commentary, status = cells[2:7]
                    figures: Figures | None = None
                    try:
                        if ref.aggregation is ratio:
                            if (
                                (value is None or value == "")
                                and type(numerator) is str
                                and type(denominator) is str
                                and plain(numerator)
                                and plain(denominator)
                            ):
                                figures = derive_figures(
                                    ratio,
                                    ref.unit,
                                    ref.multiplier,
                                    None,
                                    Decimal(numerator),
                                    Decimal(denominator),
                                )
                        elif (
                            type(value) is str
                            and plain(value)
                            and (numerator is None or numerator == "")
                            and (denominator is None or denominator == "")
                        ):
                            amount = Decimal(value)
                            if ref.unit is not yes_no or amount in (0, 1):
                                figures = (amount, None, None)
                        if figures is not None:
                            item = OutturnRow(
                                number,
                                ref,
                                known[0],
                                known[1],
                                *figures,
                                ""
                                if commentary is None or commentary == ""
                                else parse_text(
                                    commentary, MAX_COMMENTARY_CHARS, spreadsheet=spreadsheet
                                ),
                                None if status is None or status == "" else parse_status(status),
                            )
                    except (CellError, InvalidFigures):
                        item = None
            if item is None:
                item = checked(run, number, cells)
                if item is None:
                    continue
            append(item)
        return valid

    def _checked(self, run: ImportRun, number: int, cells: tuple[Any, ...]) -> OutturnRow | None:
        """Every rule on one row, each fault reported with its column."""
        reject, spreadsheet = run.reject, run.spreadsheet
        ref = check_code(run, number, cells[0])
        if ref is None and isinstance(cells[0], BadItem):
            return None
        period = check_period(run, number, cells[1], ref, False)
        ok = True  # every cell read; the figures' rules still to check
        figures: list[Decimal | None] = []
        for position in (2, 3, 4):
            try:
                # A percent indicator's value may be written 45%; counts never.
                percent = position == 2 and ref is not None and ref.percent
                figures.append(parse_amount(cells[position], percent))
            except CellError as exc:
                reject(number, OUTTURN_COLUMNS[position], cells[position], str(exc))
                ok = False
        try:
            commentary = parse_text(cells[5], MAX_COMMENTARY_CHARS, spreadsheet=spreadsheet)
        except CellError as exc:
            reject(number, "commentary", None, str(exc))
            ok = False
        try:
            status = parse_status(cells[6])
        except CellError as exc:
            reject(number, "status", cells[6], str(exc))
            ok = False
        if not ok or ref is None:
            return None
        try:
            value, numerator, denominator = derive_figures(
                ref.aggregation, ref.unit, ref.multiplier, *figures
            )
        except InvalidFigures as exc:
            for error in exc.errors:
                column = error["field"]
                reject(number, column, cells[_COLUMN_INDEX[column]], error["message"])
            return None
        if period is None:
            return None
        return OutturnRow(
            number, ref, period[0], period[1], value, numerator, denominator, commentary, status
        )

    def same_request(self, first: OutturnRow, other: OutturnRow) -> bool:
        return (
            first.value == other.value
            and first.numerator == other.numerator
            and first.denominator == other.denominator
            and first.commentary == other.commentary
            and first.status is other.status
        )

    async def write(self, run: ImportRun, rows: list[OutturnRow]) -> None:
        if not rows:
            return
        existing = await run.stored_rows(rows, EXISTING)
        principal = run.actor.principal
        may_verify = indicator_rules.may_verify(principal)
        provenance = (Provenance.PARTNER if principal.is_client else Provenance.IMPORT).value
        by, name, now = principal.label, principal.name, run.bulk.timestamp(run.now)
        as_text = run.bulk.decimals_as_text
        created: Created = {}
        updates: list[tuple[Any, ...]] = []
        audits: list[tuple[Any, ...]] = []
        # What a new row shares with others depends only on the status asked for: the stored
        # status and who verified it (or why it is refused), then who, when and how.
        batch_of: dict[OutturnStatus | None, list[tuple[Any, ...]] | str] = {}
        for item in rows:
            old = existing.get((item.ref.id, item.period.code))
            if old is not None:
                self._update(run, item, old, may_verify, provenance, now, updates, audits)
                continue
            batch = batch_of.get(item.status)
            if batch is None:
                try:
                    status = next_status(may_verify, item.status, None, True)
                    verifier = status in VERIFIER_STATUSES
                    shared = (
                        status.value,
                        name if verifier else None,
                        now if verifier else None,
                        provenance,
                        by,
                        name,
                        now,
                        now,
                        1,
                    )
                    batch = created.setdefault(shared, [])
                except Forbidden as exc:
                    batch = exc.detail
                batch_of[item.status] = batch
            if isinstance(batch, str):
                run.reject(item.row, "status", item.status, batch)
                continue
            if item.repeat:
                run.reject_repeat(item, None)
                continue
            period = item.period
            value: Any = item.value
            numerator: Any = item.numerator
            denominator: Any = item.denominator
            if as_text:
                value = None if value is None else str(value)
                numerator = None if numerator is None else str(numerator)
                denominator = None if denominator is None else str(denominator)
            batch.append(
                (
                    item.ref.id,
                    period.code,
                    period.year,
                    value,
                    numerator,
                    denominator,
                    item.commentary,
                )
            )
        await run.stage_rows(created, updates, audits)

    @staticmethod
    def _update(
        run: ImportRun,
        item: OutturnRow,
        old: tuple[Any, ...],
        may_verify: bool,
        provenance: str,
        now: Any,
        updates: list[tuple[Any, ...]],
        audits: list[tuple[Any, ...]],
    ) -> None:
        """Plan the update of a stored row, or count it unchanged."""
        old_figures = [None if v is None else Decimal(v) for v in old[3:6]]
        changed = (
            old_figures[0] != item.value
            or old_figures[1] != item.numerator
            or old_figures[2] != item.denominator
        )
        current = _STATUS_OF[old[7]]
        try:
            status = next_status(may_verify, item.status, current, changed)
        except Forbidden as exc:
            run.reject(item.row, "status", item.status, exc.detail)
            return
        if not changed and status is current and old[6] == item.commentary:
            run.counts.unchanged += 1
            return
        if item.repeat:
            run.reject_repeat(item, None)
            return
        # Equal figures keep their stored form (65 stays 65 when 65.0 is sent).
        dec = run.bulk.decimal
        figures = (
            (dec(item.value), dec(item.numerator), dec(item.denominator)) if changed else old[3:6]
        )
        principal = run.actor.principal
        by, name = principal.label, principal.name
        if status in VERIFIER_STATUSES and current is not status:
            verified: tuple[Any, Any] = (name, now)
        elif status not in VERIFIER_STATUSES:
            verified = (None, None)
        else:
            verified = (old[9], old[10])
        source = provenance if changed else old[8]
        updates.append(
            (
                old[2],
                old[11],
                *figures,
                item.commentary,
                status.value,
                source,
                by,
                name,
                *verified,
                now,
            )
        )
        audits.append(
            run.audit_row(
                audit_action(False, changed, status),
                "outturn",
                old[2],
                item,
                snapshot(item.period.code, old[3], old[4], old[5], old[6], old[7], old[8]),
                snapshot(
                    item.period.code,
                    figures[0],
                    figures[1],
                    figures[2],
                    item.commentary,
                    status.value,
                    source,
                ),
            )
        )
