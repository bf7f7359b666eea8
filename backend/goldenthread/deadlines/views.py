"""Views over computed deadlines: counts, pages, and the late-data view by directorate."""

from __future__ import annotations

from collections import defaultdict

from goldenthread.core.errors import FieldError, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.deadlines.rules import DeadlineState
from goldenthread.deadlines.schemas import DeadlineCounts, DeadlineRead, DirectorateLateData
from goldenthread.deadlines.service import Deadline, Deadlines

NO_DIRECTORATE = "No directorate"


def counts(items: list[Deadline]) -> DeadlineCounts:
    tally = DeadlineCounts()
    for item in items:
        setattr(tally, item.state.value, getattr(tally, item.state.value) + 1)
        if item.late:
            tally.late += 1
    return tally


def late_data_by_directorate(
    items: list[Deadline],
) -> tuple[list[DirectorateLateData], DirectorateLateData]:
    """Missing, draft-only and late figures by directorate, worst first."""
    groups: dict[int | None, DirectorateLateData] = {}
    indicators: dict[int | None, set[int]] = defaultdict(set)
    totals = _empty_group(None, "All directorates")
    for item in items:
        key = item.directorate_id
        group = groups.get(key)
        if group is None:
            group = groups[key] = _empty_group(key, item.directorate or NO_DIRECTORATE)
        indicators[key].add(item.indicator_id)
        for target in (group, totals):
            if item.state is DeadlineState.OVERDUE:
                if item.outturn_status is None:
                    target.missing += 1
                else:
                    target.draft += 1
                if target.oldest_overdue is None or item.deadline < target.oldest_overdue:
                    target.oldest_overdue = item.deadline
            elif item.state is DeadlineState.DUE_SOON:
                target.due_soon += 1
            elif item.state is DeadlineState.RECEIVED:
                target.received += 1
            if item.late:
                target.late += 1
    for key, group in groups.items():
        group.indicators = len(indicators[key])
    totals.indicators = len({item.indicator_id for item in items})
    ordered = sorted(
        groups.values(),
        key=lambda g: (-(g.missing + g.draft), -g.late, g.directorate.casefold()),
    )
    return ordered, totals


def _empty_group(directorate_id: int | None, name: str) -> DirectorateLateData:
    return DirectorateLateData(
        directorate_id=directorate_id,
        directorate=name,
        indicators=0,
        missing=0,
        draft=0,
        late=0,
        due_soon=0,
        received=0,
        oldest_overdue=None,
    )


def page(
    found: Deadlines,
    states: set[DeadlineState] | None,
    limit: int,
    cursor: str | None,
    *,
    late: bool | None = None,
) -> tuple[list[DeadlineRead], str | None]:
    """One page of the items in the given states (and lateness), after the cursor's key."""
    after: tuple[str, str, str] | None = None
    if cursor:
        values = decode_cursor(cursor)
        if len(values) != 3 or not all(isinstance(v, str) for v in values):
            raise ValidationFailed(
                "The cursor is not one this service issued; start again without it.",
                [FieldError("cursor", "invalid cursor")],
            )
        after = (values[0], values[1], values[2])
    chosen: list[Deadline] = []
    for item in found.items:
        if states and item.state not in states:
            continue
        if late is not None and item.late is not late:
            continue
        if after is not None and item.sort_key <= after:
            continue
        chosen.append(item)
        if len(chosen) > limit:
            break
    next_cursor = encode_cursor(list(chosen[limit - 1].sort_key)) if len(chosen) > limit else None
    return [item.read() for item in chosen[:limit]], next_cursor
