"""What a reminder says and who gets which (pure functions)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ReminderKind(StrEnum):
    DATA_DUE = "data_due"
    DATA_OVERDUE = "data_overdue"
    ACTION_DUE = "action_due"
    ACTION_OVERDUE = "action_overdue"


SECTION_TITLES = {
    ReminderKind.DATA_OVERDUE: "Figures past their deadline",
    ReminderKind.DATA_DUE: "Figures due soon",
    ReminderKind.ACTION_OVERDUE: "Actions past their due date",
    ReminderKind.ACTION_DUE: "Actions due soon",
}


@dataclass(frozen=True)
class ReminderItem:
    """One thing one person is reminded of, once."""

    kind: ReminderKind
    user_id: int
    subject_key: str  # what it is about, e.g. "12:2008-09-M09" (indicator 12, December 2008)
    due_on: date
    text: str  # one line for the e-mail

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.subject_key}:u{self.user_id}"


@dataclass(frozen=True)
class Recipient:
    user_id: int
    name: str
    email: str


@dataclass(frozen=True)
class Message:
    recipient: Recipient
    subject: str
    body: str
    items: tuple[ReminderItem, ...]

    @property
    def keys(self) -> list[str]:
        return [item.key for item in self.items]


def long_date(day: date) -> str:
    """'Thursday 15 January 2009'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def by_person(items: Iterable[ReminderItem]) -> dict[int, list[ReminderItem]]:
    grouped: dict[int, list[ReminderItem]] = defaultdict(list)
    seen: set[str] = set()
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            grouped[item.user_id].append(item)
    return grouped


def _subject(items: list[ReminderItem]) -> str:
    overdue = sum(
        1 for i in items if i.kind in (ReminderKind.DATA_OVERDUE, ReminderKind.ACTION_OVERDUE)
    )
    due = len(items) - overdue
    parts = []
    if overdue:
        parts.append(f"{overdue} overdue")
    if due:
        parts.append(f"{due} due soon")
    return "Golden Thread reminder: " + ", ".join(parts)


def compose(recipient: Recipient, items: list[ReminderItem], *, app_url: str) -> Message:
    """One e-mail listing everything new for one person, most pressing first."""
    ordered = sorted(items, key=lambda i: (list(SECTION_TITLES).index(i.kind), i.due_on, i.text))
    lines = [f"Hello {recipient.name},", ""]
    for kind, title in SECTION_TITLES.items():
        section = [i for i in ordered if i.kind is kind]
        if not section:
            continue
        lines.append(f"{title}:")
        lines += [f"  - {i.text}" for i in section]
        lines.append("")
    lines += [
        f"Enter or submit figures in Golden Thread: {app_url.rstrip('/')}/",
        "",
        "You get each reminder once. Your deadlines are also on your dashboard and in your",
        "calendar feed.",
    ]
    return Message(recipient, _subject(ordered), "\n".join(lines) + "\n", tuple(ordered))
