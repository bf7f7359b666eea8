"""The demo's risk register, line managers and appraisals hold together (no database)."""

from __future__ import annotations

from collections import Counter

from goldenthread.appraisals.rules import line_managers
from goldenthread.demo.data import ORG_UNITS, USERS
from goldenthread.demo.data_risks import APPRAISALS, LINE_MANAGERS, PEOPLE, RISKS
from goldenthread.risks.rules import Band, band, check_scale

KNOWN = {u.username for u in USERS} | {p.username for p in PEOPLE}
UNITS = {u.key for u in ORG_UNITS}


def test_risks_are_valid_and_make_an_interesting_heat_map() -> None:
    assert 15 <= len(RISKS) <= 25
    assert len({r.code for r in RISKS}) == len(RISKS)
    current = []
    for risk in RISKS:
        assert risk.owner in KNOWN, risk.code
        assert risk.unit is None or risk.unit in UNITS, risk.code
        for score in (risk.inherent, *risk.reviews, *([risk.residual] if risk.residual else [])):
            check_scale(score[0])
            check_scale(score[1])
        current.append(risk.reviews[-1] if risk.reviews else risk.residual or risk.inherent)
    bands = Counter(band(*score) for score in current)
    assert all(bands[b] >= 1 for b in Band), bands
    assert len(set(current)) >= 10  # spread over the grid
    assert sum(1 for r in RISKS if len(r.reviews) >= 3) >= 5  # some with history


def test_line_managers_are_known_people_without_loops() -> None:
    assert set(LINE_MANAGERS) <= KNOWN
    assert set(LINE_MANAGERS.values()) <= KNOWN
    ids = {name: index for index, name in enumerate(sorted(KNOWN))}
    managers: dict[int, int | None] = {ids[p]: ids[m] for p, m in LINE_MANAGERS.items()}
    for person in LINE_MANAGERS:
        chain = line_managers(ids[person], managers)
        assert ids[person] not in chain
        assert chain[-1] == ids["chief.executive"], person  # one tree, one top


def test_appraisals_are_recorded_by_a_line_manager() -> None:
    assert len({person for person, _, _ in APPRAISALS}) == len(APPRAISALS)
    for person, reviewer, _ in APPRAISALS:
        assert LINE_MANAGERS[person] == reviewer, person
    held = [offset for _, _, offset in APPRAISALS if offset is not None]
    in_season = [offset for offset in held if offset <= 149]
    # Mostly in the February-June season, some late, some not held: a realistic pattern.
    assert len(in_season) > len(APPRAISALS) / 2
    assert len(held) > len(in_season)
    assert len(held) < len(APPRAISALS)
