"""The org-unit tree walked in memory: below, above, and each unit's directorate."""

from __future__ import annotations

from goldenthread.organisations.models import OrgUnitLevel
from goldenthread.organisations.tree import UnitTree

D, S, T = OrgUnitLevel.DIRECTORATE, OrgUnitLevel.SERVICE, OrgUnitLevel.TEAM


def tree(units: dict[int, tuple[int | None, str, OrgUnitLevel]]) -> UnitTree:
    return UnitTree(
        {k: v[0] for k, v in units.items()},
        {k: v[1] for k, v in units.items()},
        {k: v[2] for k, v in units.items()},
    )


COUNCIL = tree(
    {
        1: (None, "Environment", D),
        2: (1, "Waste", S),
        3: (2, "Collections", T),
        4: (None, "People", D),
        5: (4, "Adult care", S),
        6: (None, "Loose service", S),
        7: (6, "Its team", T),
    }
)


def test_subtree_is_the_unit_and_everything_below() -> None:
    assert COUNCIL.subtree(1) == {1, 2, 3}
    assert COUNCIL.subtree(2) == {2, 3}
    assert COUNCIL.subtree(3) == {3}


def test_with_ancestors_adds_every_unit_above() -> None:
    assert COUNCIL.with_ancestors({3, 5}) == {1, 2, 3, 4, 5}
    assert COUNCIL.with_ancestors(set()) == set()


def test_the_directorate_is_the_first_directorate_at_or_above_the_unit() -> None:
    assert COUNCIL.directorate(3) == (1, "Environment")
    assert COUNCIL.directorate(1) == (1, "Environment")
    assert COUNCIL.directorate(5) == (4, "People")
    # No directorate above: the top of the unit's branch stands for it.
    assert COUNCIL.directorate(7) == (6, "Loose service")
    assert COUNCIL.directorate(99) is None


def test_a_loop_in_old_data_ends_the_walks() -> None:
    looped = tree({1: (2, "A", S), 2: (1, "B", T)})
    assert looped.subtree(1) == {1, 2}
    assert looped.with_ancestors({1}) == {1, 2}
    assert looped.directorate(1) in {(1, "A"), (2, "B")}
