"""Demo comparator data: a nearest-neighbour family of invented councils with figures near
Wyvern's own, for a few indicators and the complete years, so the indicator page has a rank
and quartile to show; and plain-language titles for the public performance page.

Figures are generated (a fixed seed, so every load is the same): each council is consistently
a little better or worse than Wyvern's level, with some year-to-year noise. Every name here is
invented; none is a real council.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.benchmarking import importer, service, value_file
from goldenthread.benchmarking.models import GroupKind
from goldenthread.benchmarking.rules import AimKind, is_ranked
from goldenthread.benchmarking.schemas import AimWrite, CouncilIn, GroupCreate
from goldenthread.core.principal import SYSTEM_ACTOR
from goldenthread.demo.spec import IndicatorSpec
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.schemas import IndicatorUpdate
from goldenthread.status.rules import Unit

FAMILY_CODE = "DEMO-NN"
US = ("WYV", "Wyvern County Council")
NEIGHBOURS = (
    ("ABM", "Ambermere County Council"),
    ("BRK", "Brackenholt Council"),
    ("CDW", "Calderwick County Council"),
    ("DNM", "Dunmoor Council"),
    ("ESH", "Eastholm County Council"),
    ("FNW", "Fenwold District Council"),
    ("GRH", "Greyhaven Council"),
    ("HTL", "Hartledge County Council"),
    ("IVS", "Ivelshire Council"),
    ("KSM", "Kestrelmoor County Council"),
    ("LDV", "Lindenvale Council"),
    ("MRW", "Marrowby County Council"),
    ("NTH", "Northallow Council"),
    ("ORF", "Orchardfell County Council"),
    ("PNW", "Penwarden Council"),
)
# Indicators given comparator figures, with how far the family spreads around Wyvern.
BENCHMARKED = {
    "NI 192": Decimal("0.18"),
    "NI 191": Decimal("0.12"),
    "NI 195a": Decimal("0.35"),
    "BV 12": Decimal("0.15"),
    "NI 117": Decimal("0.25"),
    "NI 75": Decimal("0.12"),
    "NI 8": Decimal("0.15"),
}
PLAIN_TITLES = {
    "NI 192": "How much household rubbish is recycled or composted",
    "NI 195a": "How many streets have too much litter",
    "NI 117": "Young people aged 16 to 18 not in education, training or work",
    "NI 75": "Pupils getting five good GCSEs including English and maths",
    "NI 8": "Adults taking part in sport and active recreation",
    "NI 123": "People who stopped smoking with our help",
    "BV 9": "Council tax collected",
    "NI 179": "Money saved through efficiency",
    "LPI ENV-07": "Missed bin collections put right by the next working day",
    "NI 168": "Main roads in need of repair",
    "NI 47": "People killed or seriously injured on the roads",
    "NI 16": "Burglaries, robberies and vehicle crime",
}
COMPLETE_YEARS = 3


def _figure(level: Decimal, factor: Decimal, spec: IndicatorSpec) -> Decimal:
    places = Decimal(1).scaleb(-max(spec.decimal_places, 1))
    value = (level * factor).quantize(places, rounding=ROUND_HALF_UP)
    if spec.unit is Unit.PERCENT:
        value = min(value, Decimal(100))
    return max(value, Decimal(0))


async def load_benchmarks(
    session: AsyncSession,
    specs: tuple[IndicatorSpec, ...],
    register: dict[str, Indicator],
    first_year: int,
) -> int:
    """The family group, its figures for the complete years, a benchmark aim, and the
    plain titles; returns the number of comparator values written."""
    rng = random.Random(20080401)  # noqa: S311 - made-up figures, not secrets
    await service.create_group(
        session,
        SYSTEM_ACTOR,
        GroupCreate(
            code=FAMILY_CODE,
            name="Wyvern's nearest neighbours (demo)",
            description="Fifteen invented councils most like Wyvern, with generated figures.",
            kind=GroupKind.NEAREST_NEIGHBOURS,
            members=[CouncilIn(code=c, name=n) for c, n in (US, *NEIGHBOURS)],
            us=US[0],
        ),
    )
    standing = {
        code: Decimal(rng.uniform(-1, 1)).quantize(Decimal("0.001")) for code, _ in NEIGHBOURS
    }
    rows: list[value_file.ValueRow] = []
    by_code = {s.code: s for s in specs}
    for code, spread in BENCHMARKED.items():
        spec = by_code.get(code)
        if spec is None or code not in register or not is_ranked(spec.polarity):
            continue
        for offset in range(COMPLETE_YEARS):
            level = spec.actuals[offset]
            if level is None:
                continue
            for council, name in NEIGHBOURS:
                noise = Decimal(rng.uniform(-0.04, 0.04)).quantize(Decimal("0.001"))
                factor = 1 + standing[council] * spread + noise
                rows.append(
                    value_file.ValueRow(
                        None,
                        register[code].id,
                        code,
                        first_year + offset,
                        council,
                        name,
                        _figure(Decimal(level), factor, spec),
                    )
                )
    outcome = value_file.Outcome(rows_read=len(rows))

    def reject(row: int | None, column: str | None, value: object, message: str) -> None:
        raise ValueError(f"demo comparator data: {column}: {message}")

    await importer.write_values(session, SYSTEM_ACTOR, rows, outcome, reject=reject, dry_run=False)
    group = await service.find_group(session, FAMILY_CODE)
    if "NI 192" in register:
        await service.put_aim(
            session,
            SYSTEM_ACTOR,
            register["NI 192"],
            first_year + COMPLETE_YEARS + 1,
            AimWrite(
                group_id=group.id,
                aim=AimKind.TOP_QUARTILE,
                note="Corporate plan: reach the top quartile of our nearest neighbours.",
            ),
        )
    for code, plain in PLAIN_TITLES.items():
        if code in register:
            await indicators.update_indicator(
                session, SYSTEM_ACTOR, register[code], IndicatorUpdate(plain_title=plain)
            )
    return outcome.created
