"""Risk scores, bands, the heat map and which review is current."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from goldenthread.periods.rules import PeriodError
from goldenthread.risks.rules import (
    SCALE,
    Band,
    ReviewKey,
    ScaleError,
    Scored,
    band,
    band_of_score,
    check_quarter,
    check_scale,
    describe,
    heat_map,
    latest_review,
    review_date_problem,
    score,
)

# The band of every cell of the 5 x 5 matrix, written out as it is drawn (likelihood 5 on
# top, impact 1 on the left), so a change to the bands shows here cell by cell.
L, M, H, V = Band.LOW, Band.MEDIUM, Band.HIGH, Band.VERY_HIGH
MATRIX = {
    5: (M, H, H, V, V),
    4: (L, M, H, V, V),
    3: (L, M, M, H, H),
    2: (L, L, M, M, H),
    1: (L, L, L, L, M),
}


@pytest.mark.parametrize(("likelihood", "impact"), list(product(SCALE, SCALE)))
def test_every_cell_scores_likelihood_times_impact_in_its_band(
    likelihood: int, impact: int
) -> None:
    assert score(likelihood, impact) == likelihood * impact
    assert band(likelihood, impact) is MATRIX[likelihood][impact - 1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, L), (4, L), (5, M), (9, M), (10, H), (12, H), (15, H), (16, V), (20, V), (25, V),
    ],
)  # fmt: skip
def test_band_edges(value: int, expected: Band) -> None:
    assert band_of_score(value) is expected


@pytest.mark.parametrize("value", [0, 26, -1])
def test_a_score_off_the_matrix_has_no_band(value: int) -> None:
    with pytest.raises(ScaleError):
        band_of_score(value)


@pytest.mark.parametrize("value", [0, 6, -3, 100])
def test_values_off_the_scale_are_refused_naming_what(value: int) -> None:
    with pytest.raises(ScaleError, match="likelihood"):
        score(value, 3)
    with pytest.raises(ScaleError, match="impact"):
        score(3, value)


@pytest.mark.parametrize("value", [True, 2.5, "3", None])
def test_only_whole_numbers_are_on_the_scale(value: object) -> None:
    with pytest.raises(ScaleError):
        check_scale(value)  # type: ignore[arg-type]


def test_description_explains_the_score() -> None:
    assert describe(4, 4) == "likely (4) x major (4) = 16, very high"
    assert describe(1, 2) == "rare (1) x minor (2) = 2, low"


def test_reviews_are_for_quarters() -> None:
    assert check_quarter("2008-09-Q2") == "2008-09-Q2"
    with pytest.raises(PeriodError, match="not a quarter"):
        check_quarter("2008-09")
    with pytest.raises(PeriodError, match="not a quarter"):
        check_quarter("2008-09-M04")
    with pytest.raises(PeriodError, match=r"e\.g\. 2008-09-Q2"):
        check_quarter("2008-Q2")


def test_review_dates() -> None:
    today = date(2009, 1, 20)
    assert review_date_problem("2008-09-Q3", date(2009, 1, 5), today) is None
    assert review_date_problem("2008-09-Q3", date(2008, 10, 1), today) is None
    assert "quarter's start" in (review_date_problem("2008-09-Q3", date(2008, 9, 30), today) or "")
    assert "future" in (review_date_problem("2008-09-Q3", date(2009, 1, 21), today) or "")


def test_the_latest_quarter_sets_the_scores_not_the_latest_entry() -> None:
    q2 = ReviewKey("2008-09-Q2", date(2008, 10, 3), 1)
    q3 = ReviewKey("2008-09-Q3", date(2009, 1, 8), 2)
    late_q1 = ReviewKey("2008-09-Q1", date(2009, 1, 9), 3)  # recorded last, for an old quarter
    assert latest_review([q2, q3, late_q1]) == q3
    # Across a year end: Q4 of 2008-09 is before Q1 of 2009-10.
    q4 = ReviewKey("2008-09-Q4", date(2009, 4, 2), 4)
    next_q1 = ReviewKey("2009-10-Q1", date(2009, 7, 1), 5)
    assert latest_review([next_q1, q4]) == next_q1
    # Within a quarter: the later meeting, then the later entry.
    again = ReviewKey("2008-09-Q3", date(2009, 1, 8), 6)
    assert latest_review([q3, again]) == again
    assert latest_review([]) is None


def test_heat_map_has_every_cell_with_counts_and_codes() -> None:
    grid = heat_map(
        [Scored("CR 02", 4, 5), Scored("CR 01", 4, 5), Scored("OR 07", 1, 1), Scored("X", 3, 2)]
    )
    assert [row[0].likelihood for row in grid.rows] == [5, 4, 3, 2, 1]
    assert all([c.impact for c in row] == [1, 2, 3, 4, 5] for row in grid.rows)
    cell = grid.rows[1][4]
    assert (cell.likelihood, cell.impact, cell.score, cell.band) == (4, 5, 20, V)
    assert cell.codes == ("CR 01", "CR 02")
    assert cell.count == 2
    assert grid.rows[4][0].codes == ("OR 07",)
    assert grid.total == 4
    assert grid.by_band == {L: 1, M: 1, H: 0, V: 2}
    assert sum(c.count for row in grid.rows for c in row) == grid.total


def test_an_empty_register_still_has_25_cells() -> None:
    grid = heat_map([])
    assert sum(len(row) for row in grid.rows) == 25
    assert grid.total == 0
    assert set(grid.by_band.values()) == {0}


def test_heat_map_refuses_scores_off_the_scale() -> None:
    with pytest.raises(ScaleError):
        heat_map([Scored("BAD", 6, 1)])
