"""UK local-government financial year periods (1 April to 31 March).

Canonical codes:

* annual ``2008-09`` (1 April 2008 to 31 March 2009);
* quarterly ``2008-09-Q1`` .. ``2008-09-Q4`` (Q1 = April-June, Q4 = January-March 2009);
* monthly ``2008-09-M01`` .. ``2008-09-M12`` (M01 = April 2008, M12 = March 2009).

Parsing is deliberately strict because codes are keys shared with other
systems: ``2008-09`` is always the financial year, never September 2008.
Two leniencies are allowed because they cannot be misread: surrounding
whitespace is trimmed and a lower-case ``q``/``m`` is normalised to upper case.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache, cached_property

__all__ = [
    "EXPECTED_FORMS",
    "MAX_YEAR",
    "MIN_YEAR",
    "PERIODS_PER_YEAR",
    "Frequency",
    "Period",
    "PeriodError",
    "financial_year_code",
    "latest_period_ending_by",
    "parse_period",
    "period_containing",
    "period_of",
    "periods_in_year",
]

MIN_YEAR = 1900
MAX_YEAR = 2199

EXPECTED_FORMS = (
    "expected a financial year like 2008-09, a quarter like 2008-09-Q1 "
    "or a month like 2008-09-M01 (M01 = April)"
)

# The financial year starts in April, so month position 1 is calendar month 4.
_FIRST_MONTH = 4
_MONTHS_PER_QUARTER = 3

# ASCII-only digits: str.isdigit/\d would accept e.g. Arabic-Indic digits.
_CODE_RE = re.compile(
    r"(?P<first>[0-9]{4})-(?P<second>[0-9]{2})(?:-(?P<kind>[QM])(?P<number>[0-9]{1,2}))?"
)
_SUFFIX_RE = re.compile(r"(?P<kind>[QM])(?P<number>[0-9]+)")


class PeriodError(ValueError):
    """A period code or period parameters that do not describe a real period."""


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


PERIODS_PER_YEAR: dict[Frequency, int] = {
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.ANNUAL: 1,
}


def _check_year(year: int) -> None:
    # bool is an int subclass; Period(True, ...) is always a mistake.
    if not isinstance(year, int) or isinstance(year, bool):
        raise PeriodError(f"year must be an integer, got {year!r}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            f"year {year} is out of range: financial years from {MIN_YEAR} to "
            f"{MAX_YEAR} are supported"
        )


def financial_year_code(year: int) -> str:
    """``2008`` -> ``"2008-09"``; ``1999`` -> ``"1999-00"``."""
    _check_year(year)
    return f"{year:04d}-{(year + 1) % 100:02d}"


@dataclass(frozen=True, order=True)
class Period:
    """One period of a financial year.

    Ordering compares (year, frequency, position) and is only meaningful
    between periods of the same frequency.
    """

    year: int
    frequency: Frequency
    position: int

    def __post_init__(self) -> None:
        _check_year(self.year)
        try:
            frequency = Frequency(self.frequency)
        except ValueError:
            raise PeriodError(
                f"unknown frequency {self.frequency!r}: expected one of "
                + ", ".join(f.value for f in Frequency)
            ) from None
        # Plain strings such as "monthly" are coerced so that equal periods
        # always hash equal, whichever way they were built.
        object.__setattr__(self, "frequency", frequency)
        count = PERIODS_PER_YEAR[frequency]
        position = self.position
        if not isinstance(position, int) or isinstance(position, bool):
            raise PeriodError(f"position must be an integer, got {position!r}")
        if not 1 <= position <= count:
            raise PeriodError(
                f"position {position} is out of range for a {frequency.value} "
                f"period: expected 1 to {count}"
            )
        # Periods key the dictionaries of every status computation; hash once.
        object.__setattr__(self, "_hash", hash((self.year, frequency, position)))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined, no-any-return]

    @property
    def periods_per_year(self) -> int:
        return PERIODS_PER_YEAR[self.frequency]

    @property
    def suffix(self) -> str:
        """``"Q2"``, ``"M05"`` or ``""`` for an annual period."""
        if self.frequency is Frequency.QUARTERLY:
            return f"Q{self.position}"
        if self.frequency is Frequency.MONTHLY:
            return f"M{self.position:02d}"
        return ""

    # Reports handle tens of thousands of periods per request, so the derived values are
    # computed once per period value (Period is immutable and hashable).
    @cached_property
    def code(self) -> str:
        year_code = financial_year_code(self.year)
        return f"{year_code}-{self.suffix}" if self.suffix else year_code

    def _month_span(self) -> tuple[int, int]:
        """First and last month positions (1 = April) covered by this period."""
        if self.frequency is Frequency.MONTHLY:
            return self.position, self.position
        if self.frequency is Frequency.QUARTERLY:
            last = self.position * _MONTHS_PER_QUARTER
            return last - _MONTHS_PER_QUARTER + 1, last
        return 1, 12

    @property
    def start(self) -> date:
        first, _ = self._month_span()
        return _month_start(self.year, first)

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        _, last = self._month_span()
        first_day = _month_start(self.year, last)
        days = calendar.monthrange(first_day.year, first_day.month)[1]
        return first_day.replace(day=days)

    @property
    def financial_year(self) -> Period:
        return Period(self.year, Frequency.ANNUAL, 1)

    @cache  # noqa: B019 — periods are few, immutable and shared; the cache is bounded by them
    def previous(self) -> Period:
        if self.position > 1:
            return Period(self.year, self.frequency, self.position - 1)
        return Period(self.year - 1, self.frequency, self.periods_per_year)

    def next(self) -> Period:
        if self.position < self.periods_per_year:
            return Period(self.year, self.frequency, self.position + 1)
        return Period(self.year + 1, self.frequency, 1)

    @cache  # noqa: B019
    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.frequency, self.position)

    def periods_to_date(self) -> list[Period]:
        return list(self._periods_to_date())

    @cache  # noqa: B019
    def _periods_to_date(self) -> tuple[Period, ...]:
        return tuple(Period(self.year, self.frequency, p) for p in range(1, self.position + 1))

    def __str__(self) -> str:
        return self.code


def _month_start(year: int, month_position: int) -> date:
    calendar_month = (month_position - 1 + _FIRST_MONTH - 1) % 12 + 1
    # Months after December (positions 10-12) fall in the next calendar year.
    calendar_year = year if calendar_month >= _FIRST_MONTH else year + 1
    return date(calendar_year, calendar_month, 1)


def _reject(code: object, detail: str | None = None) -> PeriodError:
    # The input is quoted verbatim (not repr) so it can be found in the
    # message; the generic expected forms come first so every message reads
    # the same way, and the specific reason follows.
    shown = f"'{code}'" if isinstance(code, str) else repr(code)
    message = f"{shown} is not a period: {EXPECTED_FORMS}"
    if detail:
        label = code.strip() if isinstance(code, str) else shown
        message = f"{message}. {label}: {detail}"
    return PeriodError(message)


def parse_period(code: str) -> Period:
    """Parse a canonical period code; raise :class:`PeriodError` otherwise."""
    if not isinstance(code, str):
        raise _reject(code, "a period code must be text")
    text = code.strip()
    if not text:
        raise _reject(code)
    match = _CODE_RE.fullmatch(text.upper())
    if match is None:
        raise _reject(code, _diagnose(text.upper()))
    first = int(match["first"])
    second = match["second"]
    expected_second = f"{(first + 1) % 100:02d}"
    if second != expected_second:
        raise _reject(
            code,
            f"the second part must be the year after {first}, i.e. {first:04d}-{expected_second}",
        )
    if not MIN_YEAR <= first <= MAX_YEAR:
        raise _reject(code, f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    kind = match["kind"]
    if kind is None:
        return Period(first, Frequency.ANNUAL, 1)
    number = match["number"]
    if kind == "Q":
        # Exactly one digit: accepting "Q01" would give a quarter two codes.
        if len(number) != 1 or not 1 <= int(number) <= 4:
            raise _reject(code, "a quarter must be Q1, Q2, Q3 or Q4 (Q1 = April to June)")
        return Period(first, Frequency.QUARTERLY, int(number))
    # Exactly two digits: accepting "M1" would give a month two codes.
    if len(number) != 2 or not 1 <= int(number) <= 12:
        raise _reject(code, "a month must be two digits from M01 to M12 (M01 = April, M12 = March)")
    return Period(first, Frequency.MONTHLY, int(number))


def _diagnose(text: str) -> str | None:
    """Best-effort specific reason for a code that does not match the pattern."""
    if "/" in text:
        return "use a hyphen between the years, e.g. 2008-09"
    if any(ch.isspace() for ch in text):
        return "spaces are not allowed inside a period code"
    parts = text.split("-")
    first = parts[0]
    if not (len(first) == 4 and first.isascii() and first.isdigit()):
        return "it must start with a four-digit year, e.g. 2008-09"
    if len(parts) < 2:
        return "the year must be followed by the last two digits of the next year, e.g. 2008-09"
    expected = f"{first}-{(int(first) + 1) % 100:02d}"
    second = parts[1]
    if not (len(second) == 2 and second.isascii() and second.isdigit()):
        return f"the second part must be the last two digits of the next year, i.e. {expected}"
    if len(parts) > 3:
        return "unexpected text after the period"
    suffix = parts[2]
    if not suffix:
        return "nothing follows the final hyphen: add a quarter (Q1-Q4) or a month (M01-M12)"
    suffix_match = _SUFFIX_RE.fullmatch(suffix)
    if suffix_match is None:
        return "the part after the year must be a quarter (Q1-Q4) or a month (M01-M12)"
    if suffix_match["kind"] == "Q":
        return "a quarter must be Q1, Q2, Q3 or Q4 (Q1 = April to June)"
    return "a month must be two digits from M01 to M12 (M01 = April, M12 = March)"


def period_of(frequency: Frequency, year: int, position: int) -> Period:
    """Build a period, raising :class:`PeriodError` for an impossible position."""
    return Period(year, Frequency(frequency), position)


def periods_in_year(year: int, frequency: Frequency) -> list[Period]:
    frequency = Frequency(frequency)
    return [Period(year, frequency, p) for p in range(1, PERIODS_PER_YEAR[frequency] + 1)]


def period_containing(frequency: Frequency, day: date) -> Period:
    """The period of ``frequency`` whose start <= day <= end."""
    frequency = Frequency(frequency)
    year = day.year if day.month >= _FIRST_MONTH else day.year - 1
    month_position = (day.month - _FIRST_MONTH) % 12 + 1
    if frequency is Frequency.MONTHLY:
        position = month_position
    elif frequency is Frequency.QUARTERLY:
        position = (month_position - 1) // _MONTHS_PER_QUARTER + 1
    else:
        position = 1
    return Period(year, frequency, position)


def latest_period_ending_by(frequency: Frequency, day: date) -> Period:
    """The latest period of ``frequency`` whose (inclusive) end is on or before ``day``."""
    current = period_containing(frequency, day)
    if current.end <= _as_date(day):
        return current
    return current.previous()


def _as_date(day: date) -> date:
    # datetime is a date subclass but does not compare with date.
    return date(day.year, day.month, day.day)
