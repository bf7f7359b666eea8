"""Pure rules of benchmarking against comparator councils (DESIGN.md section 2.4).

- rank = 1 + the number of councils with a strictly better value by polarity, so equal values
  share a rank and the next rank is skipped (1, 2, 2, 4: "competition" ranking);
- quartile = ceil(4 * rank / number ranked), 1 = top;
- where only published thresholds (lower quartile, median, upper quartile) are known, a value
  on a threshold belongs to the better quartile;
- only polarities with a "better" direction are ranked: ``none`` (context data) and
  ``target_band`` (a "Goldilocks" measure, best near a midpoint) are not.

Arithmetic is exact :class:`decimal.Decimal` in a fixed context; floats are refused.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal
from enum import StrEnum

from goldenthread.status.rules import Polarity

# Wide enough that an interpolated quartile of two 24-digit figures is exact.
CONTEXT = Context(prec=60, rounding=ROUND_HALF_EVEN)
_TWO = Decimal(2)
_QUARTER = Decimal("0.25")
_THREE_QUARTERS = Decimal("0.75")

RANKED_POLARITIES = frozenset({Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER})


class AimKind(StrEnum):
    """A target expressed against a comparator group ("reach the upper quartile")."""

    TOP_QUARTILE = "top_quartile"  # at least as good as the threshold of the best quartile
    MEDIAN = "median"  # at least as good as the median
    OUT_OF_BOTTOM_QUARTILE = "out_of_bottom_quartile"  # better than the worst quartile
    RANK = "rank"  # at least as good as the council ranked N today ("top 10")


class NotRanked(ValueError):
    """The polarity has no better direction, so values are not ranked."""


def is_ranked(polarity: Polarity) -> bool:
    return polarity in RANKED_POLARITIES


def _check(values: Sequence[Decimal]) -> None:
    for value in values:
        if value.__class__ is not Decimal:
            raise TypeError(f"comparator values must be Decimal, not {type(value).__name__}")
        if not value.is_finite():
            raise ValueError("comparator values must be finite")


def _best_first(values: Sequence[Decimal], polarity: Polarity) -> list[Decimal]:
    if not is_ranked(polarity):
        raise NotRanked(f"values of polarity {polarity.value} are not ranked")
    return sorted(values, reverse=polarity is Polarity.HIGHER_IS_BETTER)


def is_better(a: Decimal, b: Decimal, polarity: Polarity) -> bool:
    """Whether ``a`` is strictly better than ``b``."""
    if polarity is Polarity.HIGHER_IS_BETTER:
        return a > b
    if polarity is Polarity.LOWER_IS_BETTER:
        return a < b
    raise NotRanked(f"values of polarity {polarity.value} are not ranked")


def at_least_as_good(a: Decimal, b: Decimal, polarity: Polarity) -> bool:
    return not is_better(b, a, polarity)


def rank_of(value: Decimal, values: Sequence[Decimal], polarity: Polarity) -> int:
    """1 + the number of ``values`` strictly better than ``value`` (which need not be among
    them)."""
    _check([value, *values])
    return 1 + sum(1 for other in values if is_better(other, value, polarity))


def ranks(values: Sequence[Decimal], polarity: Polarity) -> list[int]:
    """The rank of each value among all of them, in the order given (n log n)."""
    _check(values)
    if polarity is Polarity.HIGHER_IS_BETTER:
        # Negated, so "strictly better" is "strictly smaller" for bisect.
        keys = sorted(-v for v in values)
        return [1 + bisect_left(keys, -v) for v in values]
    ordered = _best_first(values, polarity)
    return [1 + bisect_left(ordered, v) for v in values]


def quartile(rank: int, number_ranked: int) -> int:
    """ceil(4 * rank / number ranked), in integers: 1 is the best quartile."""
    if number_ranked < 1:
        raise ValueError("nothing is ranked")
    if not 1 <= rank <= number_ranked:
        raise ValueError(f"rank {rank} is outside 1..{number_ranked}")
    return -(-4 * rank // number_ranked)


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The middle value, or the mean of the two middle values; None for no values."""
    _check(values)
    if not values:
        return None
    ordered = sorted(values)
    middle, odd = divmod(len(ordered), 2)
    if odd:
        return ordered[middle]
    return CONTEXT.divide(CONTEXT.add(ordered[middle - 1], ordered[middle]), _TWO)


def quantile(values: Sequence[Decimal], p: Decimal) -> Decimal | None:
    """The ``p`` quantile by linear interpolation between order statistics, counting the
    minimum and maximum in (spreadsheets' QUARTILE / QUARTILE.INC)."""
    _check(values)
    if not Decimal(0) <= p <= Decimal(1):
        raise ValueError("p must be between 0 and 1")
    if not values:
        return None
    ordered = sorted(values)
    position = CONTEXT.multiply(Decimal(len(ordered) - 1), p)
    low = int(position)
    fraction = CONTEXT.subtract(position, Decimal(low))
    if fraction == 0 or low + 1 >= len(ordered):
        return ordered[low]
    step = CONTEXT.subtract(ordered[low + 1], ordered[low])
    return CONTEXT.add(ordered[low], CONTEXT.multiply(fraction, step))


@dataclass(frozen=True)
class Statistics:
    """Order statistics of a group's values, and the quartile boundaries by polarity."""

    count: int
    lower_quartile: Decimal | None  # the 25th percentile (a low value)
    median: Decimal | None
    upper_quartile: Decimal | None  # the 75th percentile (a high value)
    best: Decimal | None  # None where not ranked
    worst: Decimal | None
    # The value to reach to be in the best quartile, and to leave the worst one.
    top_quartile_threshold: Decimal | None
    bottom_quartile_threshold: Decimal | None


def statistics(values: Sequence[Decimal], polarity: Polarity) -> Statistics:
    lower, middle, upper = (
        quantile(values, _QUARTER),
        median(values),
        quantile(values, _THREE_QUARTERS),
    )
    if not is_ranked(polarity) or not values:
        return Statistics(len(values), lower, middle, upper, None, None, None, None)
    ordered = _best_first(values, polarity)
    higher = polarity is Polarity.HIGHER_IS_BETTER
    return Statistics(
        count=len(values),
        lower_quartile=lower,
        median=middle,
        upper_quartile=upper,
        best=ordered[0],
        worst=ordered[-1],
        top_quartile_threshold=upper if higher else lower,
        bottom_quartile_threshold=lower if higher else upper,
    )


def quartile_from_thresholds(
    value: Decimal,
    lower_quartile: Decimal,
    median_value: Decimal,
    upper_quartile: Decimal,
    polarity: Polarity,
) -> int:
    """The quartile of a value where only the published thresholds are known; a value on a
    threshold belongs to the better quartile."""
    _check([value, lower_quartile, median_value, upper_quartile])
    if not lower_quartile <= median_value <= upper_quartile:
        raise ValueError("thresholds must be in order: lower quartile ≤ median ≤ upper quartile")
    if polarity is Polarity.HIGHER_IS_BETTER:
        boundaries = (upper_quartile, median_value, lower_quartile)
    elif polarity is Polarity.LOWER_IS_BETTER:
        boundaries = (lower_quartile, median_value, upper_quartile)
    else:
        raise NotRanked(f"values of polarity {polarity.value} are not ranked")
    for number, boundary in enumerate(boundaries, start=1):
        if at_least_as_good(value, boundary, polarity):
            return number
    return 4


def value_at_rank(values: Sequence[Decimal], rank: int, polarity: Polarity) -> Decimal | None:
    """The value a council must reach to be ranked ``rank`` or better among these values
    (the value of whoever holds that place now); None when fewer are ranked."""
    _check(values)
    if rank < 1:
        raise ValueError("rank must be 1 or more")
    ordered = _best_first(values, polarity)
    return ordered[rank - 1] if rank <= len(ordered) else None


def resolve_aim(
    aim: AimKind, values: Sequence[Decimal], polarity: Polarity, rank: int | None = None
) -> Decimal | None:
    """The figure an aim stands for in these comparator values; None when the values do not
    say (none, or fewer than the rank asked for)."""
    if not is_ranked(polarity):
        raise NotRanked(f"values of polarity {polarity.value} are not ranked")
    if aim is AimKind.RANK:
        if rank is None:
            raise ValueError("a rank aim needs the rank")
        return value_at_rank(values, rank, polarity)
    stats = statistics(values, polarity)
    if aim is AimKind.TOP_QUARTILE:
        return stats.top_quartile_threshold
    if aim is AimKind.MEDIAN:
        return stats.median
    return stats.bottom_quartile_threshold


def aim_met(value: Decimal | None, aim_value: Decimal | None, polarity: Polarity) -> bool | None:
    """Whether a value reaches the aim (at least as good as its figure); None when either is
    unknown."""
    if value is None or aim_value is None:
        return None
    return at_least_as_good(value, aim_value, polarity)
