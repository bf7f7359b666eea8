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


class Keyed(Protocol):
    row: int
    ref: IndicatorRef
    period: Period
    slot: int


class ImportKind(Protocol):
    """The rules of one kind of row (outturns, targets)."""

    name: str
    layout: tuple[str, ...]

    def validate(self, run: ImportRun, rows: Sequence[Row]) -> list[Any]: ...

    def same_request(self, first: Any, other: Any) -> bool: ...

    async def write(self, run: ImportRun, rows: list[Any]) -> None: ...


@dataclass(frozen=True)
class RowTable:
    """Where one kind of import writes: its table, statements and audited fields."""

    entity: str
    name: str
    insert: Any
    update: Any
    snapshot: tuple[str, ...]
    decimals: frozenset[str]
    after: Callable[[tuple[Any, ...]], str]  # the audit JSON of a row as inserted
