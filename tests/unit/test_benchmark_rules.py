"""Rank, quartile, median and thresholds against comparator councils (DESIGN.md 2.4), to the
letter at the boundaries, and as properties over any values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.benchmarking.rules import (
    AimKind,
    NotRanked,
    aim_met,
    is_ranked,
    median,
    quantile,
    quartile,
    quartile_from_thresholds,
    rank_of,
    ranks,
    resolve_aim,
    statistics,
    value_at_rank,
)
from goldenthread.status.rules import Polarity

HIB, LIB = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
BAND, NONE = Polarity.TARGET_BAND, Polarity.NONE


def D(*texts: str) -> list[Decimal]:
    return [Decimal(t) for t in texts]


# ---- rank -----------------------------------------------------------------------------------

RANKS = [
    # (values, polarity, expected ranks)
    (D("10", "20", "30"), HIB, [3, 2, 1]),
    (D("10", "20", "30"), LIB, [1, 2, 3]),
    # Ties share the better rank and the next rank is skipped.
    (D("5", "7", "7", "9"), HIB, [4, 2, 2, 1]),
    (D("5", "7", "7", "9"), LIB, [1, 2, 2, 4]),
    (D("1", "1", "1"), HIB, [1, 1, 1]),
    # Equal values written differently are equal.
    (D("2.50", "2.5", "3"), LIB, [1, 1, 3]),
    (D("-1", "0", "1"), HIB, [3, 2, 1]),
    (D("42"), LIB, [1]),
    ([], HIB, []),
]


@pytest.mark.parametrize(("values", "polarity", "expected"), RANKS)
def test_ranks(values: list[Decimal], polarity: Polarity, expected: list[int]) -> None:
    assert ranks(values, polarity) == expected
    for value, rank in zip(values, expected, strict=True):
        assert rank_of(value, values, polarity) == rank


def test_rank_of_a_value_not_among_the_comparators() -> None:
    values = D("10", "20", "30")
    assert rank_of(Decimal("25"), values, HIB) == 2
    assert rank_of(Decimal("25"), values, LIB) == 3
    assert rank_of(Decimal("31"), values, HIB) == 1
    assert rank_of(Decimal("20"), values, HIB) == 2  # a tie is not "strictly better"


@pytest.mark.parametrize("polarity", [BAND, NONE])
def test_goldilocks_and_context_measures_are_not_ranked(polarity: Polarity) -> None:
    assert not is_ranked(polarity)
    with pytest.raises(NotRanked):
        ranks(D("1", "2"), polarity)
    with pytest.raises(NotRanked):
        rank_of(Decimal(1), D("2"), polarity)
    with pytest.raises(NotRanked):
        resolve_aim(AimKind.MEDIAN, D("1"), polarity)
    with pytest.raises(NotRanked):
        quartile_from_thresholds(Decimal(1), Decimal(0), Decimal(1), Decimal(2), polarity)


def test_floats_and_non_finite_values_are_refused() -> None:
    with pytest.raises(TypeError):
        ranks([1.5], HIB)  # type: ignore[list-item]
    with pytest.raises(ValueError, match="finite"):
        ranks([Decimal("NaN")], HIB)
    with pytest.raises(ValueError, match="finite"):
        median([Decimal("Infinity")])


# ---- quartile -------------------------------------------------------------------------------

QUARTILES = [
    # (rank, number ranked, quartile): ceil(4 * rank / n)
    (1, 32, 1),
    (8, 32, 1),
    (9, 32, 2),
    (16, 32, 2),
    (17, 32, 3),
    (24, 32, 3),
    (25, 32, 4),
    (32, 32, 4),
    (7, 30, 1),  # 28/30
    (8, 30, 2),  # 32/30
    (15, 30, 2),  # exactly 2
    (16, 30, 3),
    (23, 30, 4),  # 92/30 > 3
    (22, 30, 3),
    (1, 1, 4),  # the rule as written: a lone council is ceil(4 * 1 / 1)
    (1, 2, 2),
    (2, 2, 4),
    (1, 3, 2),
    (2, 3, 3),
    (3, 3, 4),
    (1, 4, 1),
    (4, 4, 4),
    (1, 5, 1),
    (2, 5, 2),
    (3, 5, 3),
    (4, 5, 4),
    (5, 5, 4),
]


@pytest.mark.parametrize(("rank", "n", "expected"), QUARTILES)
def test_quartile(rank: int, n: int, expected: int) -> None:
    assert quartile(rank, n) == expected


@pytest.mark.parametrize(("rank", "n"), [(0, 5), (6, 5), (1, 0), (-1, 3)])
def test_quartile_refuses_impossible_ranks(rank: int, n: int) -> None:
    with pytest.raises(ValueError, match=r"rank"):
        quartile(rank, n)


# ---- median and quartile thresholds ---------------------------------------------------------

MEDIANS = [
    (D("3", "1", "2"), Decimal("2")),
    (D("4", "1", "3", "2"), Decimal("2.5")),
    (D("7"), Decimal("7")),
    (D("0.1", "0.2"), Decimal("0.15")),
    (D("-5", "5"), Decimal("0")),
    ([], None),
]


@pytest.mark.parametrize(("values", "expected"), MEDIANS)
def test_median(values: list[Decimal], expected: Decimal | None) -> None:
    assert median(values) == expected


QUANTILES = [
    # Spreadsheet QUARTILE.INC: position (n - 1) * p from the smallest, interpolated.
    (D("1", "2", "3", "4"), "0.25", Decimal("1.75")),
    (D("1", "2", "3", "4"), "0.75", Decimal("3.25")),
    (D("1", "2", "3", "4", "5"), "0.25", Decimal("2")),
    (D("1", "2", "3", "4", "5"), "0.75", Decimal("4")),
    (D("10"), "0.25", Decimal("10")),
    (D("1", "3"), "0", Decimal("1")),
    (D("1", "3"), "1", Decimal("3")),
    (D("1", "3"), "0.5", Decimal("2")),
]


@pytest.mark.parametrize(("values", "p", "expected"), QUANTILES)
def test_quantile(values: list[Decimal], p: str, expected: Decimal) -> None:
    assert quantile(values, Decimal(p)) == expected


def test_quantile_refuses_p_outside_zero_to_one() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        quantile(D("1"), Decimal("1.5"))


def test_statistics_by_polarity() -> None:
    values = D("1", "2", "3", "4", "5")
    up = statistics(values, HIB)
    assert (up.lower_quartile, up.median, up.upper_quartile) == tuple(D("2", "3", "4"))
    assert (up.best, up.worst) == (Decimal(5), Decimal(1))
    assert (up.top_quartile_threshold, up.bottom_quartile_threshold) == tuple(D("4", "2"))
    down = statistics(values, LIB)
    assert (down.best, down.worst) == (Decimal(1), Decimal(5))
    assert (down.top_quartile_threshold, down.bottom_quartile_threshold) == tuple(D("2", "4"))
    context = statistics(values, NONE)
    assert context.median == Decimal(3) and context.best is None
    assert context.top_quartile_threshold is None
    assert statistics([], HIB).median is None


# ---- quartile from published thresholds -----------------------------------------------------

# lower quartile 40, median 50, upper quartile 60
THRESHOLD_CASES = [
    ("70", HIB, 1),
    ("60", HIB, 1),  # on the upper quartile: the better quartile
    ("59.99", HIB, 2),
    ("50", HIB, 2),  # on the median
    ("49.99", HIB, 3),
    ("40", HIB, 3),
    ("39.99", HIB, 4),
    ("30", LIB, 1),
    ("40", LIB, 1),  # on the lower quartile, lower is better: the top quartile
    ("40.01", LIB, 2),
    ("50", LIB, 2),
    ("50.01", LIB, 3),
    ("60", LIB, 3),
    ("60.01", LIB, 4),
]


@pytest.mark.parametrize(("value", "polarity", "expected"), THRESHOLD_CASES)
def test_quartile_from_thresholds(value: str, polarity: Polarity, expected: int) -> None:
    got = quartile_from_thresholds(Decimal(value), *D("40", "50", "60"), polarity)
    assert got == expected


def test_thresholds_out_of_order_are_refused() -> None:
    with pytest.raises(ValueError, match="order"):
        quartile_from_thresholds(Decimal(1), *D("50", "40", "60"), HIB)


def test_equal_thresholds_give_the_best_quartile() -> None:
    assert quartile_from_thresholds(Decimal(5), *D("5", "5", "5"), HIB) == 1
    assert quartile_from_thresholds(Decimal(5), *D("5", "5", "5"), LIB) == 1


# ---- aims -----------------------------------------------------------------------------------

AIMS = [
    (AimKind.TOP_QUARTILE, HIB, None, Decimal("4")),
    (AimKind.TOP_QUARTILE, LIB, None, Decimal("2")),
    (AimKind.MEDIAN, HIB, None, Decimal("3")),
    (AimKind.OUT_OF_BOTTOM_QUARTILE, HIB, None, Decimal("2")),
    (AimKind.OUT_OF_BOTTOM_QUARTILE, LIB, None, Decimal("4")),
    (AimKind.RANK, HIB, 2, Decimal("4")),
    (AimKind.RANK, LIB, 2, Decimal("2")),
    (AimKind.RANK, HIB, 6, None),  # only five ranked
]


@pytest.mark.parametrize(("aim", "polarity", "rank", "expected"), AIMS)
def test_resolve_aim(
    aim: AimKind, polarity: Polarity, rank: int | None, expected: Decimal | None
) -> None:
    assert resolve_aim(aim, D("1", "2", "3", "4", "5"), polarity, rank) == expected


def test_rank_aim_needs_a_rank() -> None:
    with pytest.raises(ValueError, match="needs the rank"):
        resolve_aim(AimKind.RANK, D("1"), HIB)
    with pytest.raises(ValueError, match="1 or more"):
        value_at_rank(D("1"), 0, HIB)


def test_aim_met() -> None:
    assert aim_met(Decimal(4), Decimal(4), HIB) is True
    assert aim_met(Decimal("3.9"), Decimal(4), HIB) is False
    assert aim_met(Decimal("3.9"), Decimal(4), LIB) is True
    assert aim_met(None, Decimal(4), LIB) is None
    assert aim_met(Decimal(1), None, LIB) is None


# ---- properties -----------------------------------------------------------------------------

values_st = st.lists(
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=40,
)
ranked = st.sampled_from([HIB, LIB])


@given(values_st, ranked)
def test_ranks_are_one_plus_the_strictly_better(values: list[Decimal], polarity: Polarity) -> None:
    got = ranks(values, polarity)
    for value, rank in zip(values, got, strict=True):
        better = [w for w in values if (w > value if polarity is HIB else w < value)]  # brute force
        assert rank == 1 + len(better)
        assert 1 <= rank <= len(values)
    best = max(values) if polarity is HIB else min(values)
    assert all(r == 1 for v, r in zip(values, got, strict=True) if v == best)


@given(values_st, ranked)
def test_quartiles_follow_rank(values: list[Decimal], polarity: Polarity) -> None:
    n = len(values)
    got = ranks(values, polarity)
    quartiles = [quartile(r, n) for r in got]
    assert all(1 <= q <= 4 for q in quartiles)
    # A better value is never in a worse quartile.
    pairs = sorted(zip(got, quartiles, strict=True))
    assert [q for _, q in pairs] == sorted(q for _, q in pairs)
    # The best-ranked quarter (ceil) is in quartile 1.
    assert quartile(1, n) == (1 if n >= 4 else -(-4 // n))


@given(st.integers(min_value=1, max_value=500), st.data())
def test_quartile_is_ceil_of_four_rank_over_n(n: int, data: st.DataObject) -> None:
    rank = data.draw(st.integers(min_value=1, max_value=n))
    q = quartile(rank, n)
    assert q - 1 < 4 * rank / n <= q
    assert (q - 1) * n < 4 * rank <= q * n  # exact, no floats


@given(values_st)
def test_median_and_quartiles_are_ordered(values: list[Decimal]) -> None:
    lower = quantile(values, Decimal("0.25"))
    middle = median(values)
    upper = quantile(values, Decimal("0.75"))
    assert lower is not None and middle is not None and upper is not None
    assert min(values) <= lower <= middle <= upper <= max(values)
    assert middle == quantile(values, Decimal("0.5"))
    # Half the values are at or below the median, half at or above.
    assert 2 * sum(1 for v in values if v <= middle) >= len(values)
    assert 2 * sum(1 for v in values if v >= middle) >= len(values)


@given(values_st, st.decimals(min_value=-1000, max_value=1000, places=2), ranked)
def test_threshold_quartile_mirrors_between_polarities(
    values: list[Decimal], value: Decimal, polarity: Polarity
) -> None:
    stats = statistics(values, HIB)
    assert stats.lower_quartile is not None and stats.median is not None
    assert stats.upper_quartile is not None
    up = quartile_from_thresholds(
        value, stats.lower_quartile, stats.median, stats.upper_quartile, HIB
    )
    # Negating every figure turns higher-is-better into lower-is-better.
    down = quartile_from_thresholds(
        -value, -stats.upper_quartile, -stats.median, -stats.lower_quartile, LIB
    )
    assert up == down


@given(values_st, ranked, st.data())
def test_threshold_quartile_is_monotonic(
    values: list[Decimal], polarity: Polarity, data: st.DataObject
) -> None:
    stats = statistics(values, polarity)
    assert stats.lower_quartile is not None and stats.median is not None
    assert stats.upper_quartile is not None
    a, b = sorted(data.draw(st.lists(st.sampled_from(values), min_size=2, max_size=2)))

    def q(v: Decimal) -> int:
        return quartile_from_thresholds(
            v,
            stats.lower_quartile,  # type: ignore[arg-type]
            stats.median,  # type: ignore[arg-type]
            stats.upper_quartile,  # type: ignore[arg-type]
            polarity,
        )

    # b ≥ a: better (or equal) when higher is better, worse (or equal) otherwise.
    if polarity is HIB:
        assert q(b) <= q(a)
    else:
        assert q(a) <= q(b)
    # The best value is always in the top quartile; the threshold itself too.
    assert q(stats.best) == 1  # type: ignore[arg-type]
    assert q(stats.top_quartile_threshold) == 1  # type: ignore[arg-type]


@given(values_st, ranked)
def test_aims_are_reached_by_those_they_describe(values: list[Decimal], polarity: Polarity) -> None:
    got = ranks(values, polarity)
    n = len(values)
    for value, rank in zip(values, got, strict=True):
        target = resolve_aim(AimKind.RANK, values, polarity, rank)
        assert aim_met(value, target, polarity) is True
        # Whoever is in the top quartile by rank reaches the "out of the bottom quartile" aim
        # and the median.
        if quartile(rank, n) == 1 and n >= 4:
            assert aim_met(
                value, resolve_aim(AimKind.OUT_OF_BOTTOM_QUARTILE, values, polarity), polarity
            )
            assert aim_met(value, resolve_aim(AimKind.MEDIAN, values, polarity), polarity)
