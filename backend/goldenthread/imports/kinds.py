"""What a kind of import row (outturns, targets) shares with the run that drives it: the
indicator it refers to, the period slot that marks its key as met, the table it is written to,
and the protocol each kind follows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from goldenthread.imports.readers import Row
from goldenthread.periods.rules import MIN_YEAR, Frequency, Period
from goldenthread.status.rules import Aggregation, Polarity, Unit

if TYPE_CHECKING:
    from goldenthread.imports.engine import ImportRun

# Period slots of a year: the year itself, four quarters, twelve months.
SLOTS_PER_YEAR = 17
_SLOT_OFFSET = {Frequency.ANNUAL: 0, Frequency.QUARTERLY: 1, Frequency.MONTHLY: 5}
SEEN_BYTES = (300 * SLOTS_PER_YEAR + 7) // 8


def slot_of(period: Period) -> int:
    return (
        (period.year - MIN_YEAR) * SLOTS_PER_YEAR
        + _SLOT_OFFSET[period.frequency]
        + (period.position - 1)
    )


@dataclass(slots=True)
class IndicatorRef:
    """What the row rules need of an indicator, and which of its keys the file has had."""

    id: int
    code: str
    frequency: Frequency
    aggregation: Aggregation
    unit: Unit
    polarity: Polarity
    multiplier: Decimal
    refusal: str | None  # why the caller may not write its figures, if they may not
    percent: bool  # a value may be written 45% (meaning 45)
    seen: bytearray  # one bit per period slot: the keys of this indicator met in the file
    # Whether any row of the import's kind was stored for the indicator before the import:
    # if not, its keys need no look-up (only a key met earlier in the file might be there).
    stored: bool = True


class Keyed(Protocol):
    row: int
    ref: IndicatorRef
    period: Period
    slot: int
    repeat: bool  # the key was met in an earlier chunk of the file


class ImportKind(Protocol):
    """The rules of one kind of row (outturns, targets)."""

    name: str
    layout: tuple[str, ...]
    table: RowTable

    def validate(self, run: ImportRun, rows: Sequence[Row]) -> list[Any]: ...

    def same_request(self, first: Any, other: Any) -> bool: ...

    async def write(self, run: ImportRun, rows: list[Any]) -> None: ...


@dataclass(frozen=True)
class RowTable:
    """Where one kind of import writes: its table, statements and audited fields."""

    entity: str
    name: str
    insert: tuple[str, ...]  # the columns of a new row that differ from row to row
    fixed: tuple[str, ...]  # the columns of a new row shared by a batch (who, when, how)
    update: tuple[str, ...]
    snapshot: tuple[str, ...]
    # The audit JSON of a new row, from its ``insert`` values and the batch's ``fixed`` ones.
    after: Callable[[tuple[Any, ...], dict[str, Any]], str]


# New rows of a batch by the values of the table's ``fixed`` columns they share.
Created = dict[tuple[Any, ...], list[tuple[Any, ...]]]
