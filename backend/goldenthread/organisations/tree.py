"""The org-unit tree read whole: the units below and above a unit, and its directorate.

Reports, deadlines and the public page each need the tree for one answer. A council has
hundreds of units, so it is read in one query and walked in memory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from goldenthread.organisations.models import OrgUnit, OrgUnitLevel


@dataclass
class UnitTree:
    parents: dict[int, int | None]
    names: dict[int, str]
    levels: dict[int, OrgUnitLevel]
    children: dict[int | None, list[int]] = field(init=False)
    _directorates: dict[int, tuple[int, str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        children: dict[int | None, list[int]] = defaultdict(list)
        for unit, parent in self.parents.items():
            children[parent].append(unit)
        self.children = dict(children)

    def subtree(self, root: int) -> set[int]:
        """The unit and every unit below it."""
        found, stack = set(), [root]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(self.children.get(current, []))
        return found

    def with_ancestors(self, units: set[int]) -> set[int]:
        """The units and every unit above them."""
        found: set[int] = set()
        for unit in units:
            current: int | None = unit
            while current is not None and current not in found:
                found.add(current)
                current = self.parents.get(current)
        return found

    def directorate(self, unit: int) -> tuple[int, str] | None:
        """The unit's directorate (id, name): the unit itself or the first directorate above
        it; a unit with none above is its own top. None for a unit not in the tree."""
        if unit not in self.names:
            return None
        known = self._directorates.get(unit)
        if known is None:
            current, seen = unit, set()
            while self.levels[current] is not OrgUnitLevel.DIRECTORATE:
                parent = self.parents[current]
                if parent is None or parent not in self.names or current in seen:
                    break
                seen.add(current)
                current = parent
            known = self._directorates[unit] = (current, self.names[current])
        return known


async def load_unit_tree(connection: AsyncConnection | AsyncSession) -> UnitTree:
    rows = (
        await connection.execute(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.name, OrgUnit.level))
    ).all()
    return UnitTree(
        {r.id: r.parent_id for r in rows},
        {r.id: r.name for r in rows},
        {r.id: r.level for r in rows},
    )
