"""Published comparator data sets, read into the register, groups and values.

- The Local Government Benchmarking Framework (Scotland, 32 councils): indicator polarity
  from ``sctpp_indicator_information.csv`` (Ascending: lower is better, Descending: higher is
  better, Goldilocks: best near a midpoint, loaded as a target band and so not ranked); values
  from ``lgbf_values_long_2010-11_to_2020-21.csv`` (the real-terms series where a cost has one)
  and, for the years that file lacks, from ``sctpp_latest_values_2021-22_ranks.csv``. A year's
  values come from one file only, so every council of a year is on the same price base.
- Oflog's adult social care measures (England) with each authority's nearest neighbours.

Reading is pure (files in, a :class:`Dataset` out); :func:`load_dataset` writes it through
the same path as the values import.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.benchmarking import importer, service, value_file
from goldenthread.benchmarking.models import ComparatorGroup, GroupKind
from goldenthread.benchmarking.schemas import CouncilIn, GroupCreate, GroupUpdate
from goldenthread.core.principal import Actor
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.rules import normalise_code
from goldenthread.indicators.schemas import IndicatorCreate
from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Polarity, Unit

LGBF_SET = "LGBF"
OFLOG_SET = "OFLOG"
LGBF_SCOTLAND = "LGBF-SCOTLAND"
OFLOG_ENGLAND = "OFLOG-ENGLAND-ASC"
SCOTLAND_TOTAL = "Scotland"

LGBF_POLARITY = {
    "Ascending": Polarity.LOWER_IS_BETTER,
    "Descending": Polarity.HIGHER_IS_BETTER,
    "Goldilocks": Polarity.TARGET_BAND,
}
LGBF_UNITS = {
    "Percentage": Unit.PERCENT,
    "Cost": Unit.CURRENCY,
    "Days": Unit.DAYS,
    "Score": Unit.SCORE,
}
FAMILY_TYPES = {
    "Environmental, Culture & Leisure, Economic Development, Corporate and Property indicators": (
        "ECL",
        "environment, culture and leisure, economy, corporate and property",
    ),
    "Children, Social Work and Housing indicators": (
        "CSH",
        "children, social work and housing",
    ),
}
# Oflog's adult social care measures: unit and decimal places as published.
OFLOG_UNITS = {
    "ASC1": (Unit.SCORE, 1),
    "ASC2": (Unit.SCORE, 3),
    "ASC3": (Unit.PERCENT, 1),
    "ASC4": (Unit.PERCENT, 1),
    "ASC5": (Unit.PERCENT, 1),
    "ASC6": (Unit.RATIO, 1),
    "ASC7": (Unit.PERCENT, 1),
}


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    title: str
    definition: str
    polarity: Polarity
    unit: Unit
    decimal_places: int
    set_name: str


@dataclass
class Dataset:
    indicators: list[IndicatorDef] = field(default_factory=list)
    groups: list[GroupCreate] = field(default_factory=list)
    # (indicator code, year, council code, council name, value, period label)
    values: list[tuple[str, int, str, str, Decimal, str]] = field(default_factory=list)


def year_of(label: str) -> tuple[int, str]:
    """A published period (``2020-21``, or an aggregate such as ``2018-21``) as the financial
    year it is compared in (the last year it covers) and the label kept beside it."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", label.strip())
    if match is None:
        raise ValueError(f"not a published period: {label!r}")
    start = int(match[1])
    end = start // 100 * 100 + int(match[2])
    if end <= start:
        end += 100
    return end - 1, ("" if end - start == 1 else label.strip())


def council_code(name: str) -> str:
    """A stable code for a council the data names but does not code."""
    return re.sub(r"[^A-Z0-9]+", "-", name.upper().replace("&", " AND ")).strip("-")[:40]


def family_group_code(family: str, kind: str) -> str:
    number = re.sub(r"\D", "", family)
    return f"LGBF-FG{number}-{FAMILY_TYPES[kind][0]}"


def _join_code(code: str) -> str:
    """LGBF codes as the two files write them (``C&L 01``, ``C&L1``) made comparable."""
    return re.sub(r"([A-Za-z&-])0+(\d)", r"\1\2", re.sub(r"\s+", "", code)).upper()


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as source:
        yield from csv.DictReader(source)


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _places(number_format: str) -> int:
    match = re.search(r"0\.(0+)", number_format)
    return len(match[1]) if match else 0


def read_lgbf(directory: Path, us: str | None = None) -> Dataset:
    """The LGBF indicators, the Scotland-wide group and the family groups, and the values."""
    data = Dataset()
    info = {
        row["Code_Sortable"]: row for row in _rows(directory / "sctpp_indicator_information.csv")
    }
    by_join = {_join_code(code): code for code in info}
    for code, row in info.items():
        data.indicators.append(
            IndicatorDef(
                code=code,
                title=row["Title"].strip()[:300],
                definition=f"Local Government Benchmarking Framework: {row['ISCategory']}.",
                polarity=LGBF_POLARITY[row["Ranking_Type"]],
                unit=LGBF_UNITS.get(row["MeasureType"], Unit.SCORE),
                decimal_places=_places(row["NumberFormat"]),
                set_name=LGBF_SET,
            )
        )
    latest = list(_rows(directory / "sctpp_latest_values_2021-22_ranks.csv"))
    # Each cohort, (code, period), from one file: the long series where it has the cohort.
    series: dict[bool, dict[tuple[str, str], dict[str, Decimal]]] = {
        True: defaultdict(dict),
        False: defaultdict(dict),
    }
    for row in _rows(directory / "lgbf_values_long_2010-11_to_2020-21.csv"):
        name = row["local_authority"]
        raw = row["indicator_code"]
        found = by_join.get(_join_code(raw.removesuffix("-Real")))
        value = _decimal(row["value"])
        if found is not None and name != SCOTLAND_TOTAL and value is not None:
            series[raw.endswith("-Real")][(found, row["year"])][name] = value
    # Real terms for a cost that has them (the published ranks are on real values); a code's
    # every year from the same series.
    real_codes = {c for c, _ in series[True]}
    long = {k: v for k, v in series[False].items() if k[0] not in real_codes}
    long.update(series[True])
    names: set[str] = set()
    for (code, label), cohort in long.items():
        year, kept = year_of(label)
        for name, value in cohort.items():
            names.add(name)
            data.values.append((code, year, council_code(name), name, value, kept))
    for row in latest:
        code, label, name = row["Code"], row["Period"], row["LocalAuthority"]
        value = _decimal(row["Real_Value"])
        if (code, label) in long or value is None or code not in info:
            continue
        names.add(name)
        year, kept = year_of(label)
        data.values.append((code, year, council_code(name), name, value, kept))
    members = [CouncilIn(code=council_code(n), name=n) for n in sorted(names)]
    us_code = council_code(us) if us else None
    if us_code is not None and us_code not in {m.code for m in members}:
        raise ValueError(f"{us!r} is not one of the councils in the data")
    data.groups.append(
        GroupCreate(
            code=LGBF_SCOTLAND,
            name="All Scottish councils (LGBF)",
            description="The 32 Scottish councils of the Local Government Benchmarking Framework.",
            kind=GroupKind.ALL_COUNCILS,
            members=members,
            us=us_code,
        )
    )
    families: dict[str, list[str]] = defaultdict(list)
    for row in _rows(directory / "sctpp_family_groups.csv"):
        families[family_group_code(row["Family_Group"], row["Type"])].append(row["Local_Authority"])
    for group_code, family in sorted(families.items()):
        number = group_code.split("-")[1].removeprefix("FG")
        kind = next(v[1] for v in FAMILY_TYPES.values() if group_code.endswith(v[0]))
        family_codes = {council_code(n) for n in family}
        data.groups.append(
            GroupCreate(
                code=group_code,
                name=f"LGBF family group {number} ({kind})",
                description="A published LGBF family group of similar councils, for the "
                f"{kind} indicators.",
                kind=GroupKind.FAMILY,
                members=[CouncilIn(code=council_code(n), name=n) for n in sorted(family)],
                us=us_code if us_code in family_codes else None,
            )
        )
    return data


def read_oflog(directory: Path, us: str | None = None) -> Dataset:
    """Oflog's adult social care measures, all English authorities with data as one group,
    and the nearest-neighbour family of the council named ``us`` (an ONS code)."""
    data = Dataset()
    rows = list(_rows(directory / "oflog_asc_measures_2015-16_to_2022-23.csv"))
    names: dict[str, str] = {}
    measures: dict[str, str] = {}
    orders: dict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        code = "OFLOG " + row["Code"].strip()
        names[row["Local authority code"].strip()] = row["Local authority name"].strip()
        measures.setdefault(code, row["Measure"].strip().removeprefix("Outcome, "))
        if row["rank_order"].strip():
            orders[code][row["rank_order"].strip().lower()] += 1
        value = _decimal(row["Value"])
        if value is None:
            continue
        year, label = year_of(row["Financial year"])
        authority = row["Local authority code"].strip()
        data.values.append((code, year, authority, names[authority], value, label))
    for code, title in sorted(measures.items()):
        order = max(orders[code], key=lambda k: orders[code][k]) if orders[code] else "none"
        unit, places = OFLOG_UNITS.get(code.removeprefix("OFLOG "), (Unit.SCORE, 2))
        data.indicators.append(
            IndicatorDef(
                code=code,
                title=f"Adult social care: {title}"[:300],
                definition="Office for Local Government adult social care measure "
                f"{code.removeprefix('OFLOG ')}: {title}.",
                polarity=Polarity.HIGHER_IS_BETTER if order == "desc" else Polarity.NONE,
                unit=unit,
                decimal_places=places,
                set_name=OFLOG_SET,
            )
        )
    us_code = us.strip().upper() if us else None
    if us_code is not None and us_code not in names:
        raise ValueError(f"{us!r} is not the code of an authority in the data")
    data.groups.append(
        GroupCreate(
            code=OFLOG_ENGLAND,
            name="English adult social care authorities (Oflog)",
            description="Every English council with adult social care responsibilities in "
            "the Oflog data.",
            kind=GroupKind.ALL_COUNCILS,
            members=[CouncilIn(code=c, name=n) for c, n in sorted(names.items())],
            us=us_code,
        )
    )
    if us_code is not None:
        neighbours = json.loads((directory / "oflog_nearest_neighbours.json").read_text())
        family = sorted(set(neighbours.get(us_code, [])) | {us_code})
        data.groups.append(
            GroupCreate(
                code=f"OFLOG-NN-{us_code}",
                name=f"Nearest neighbours of {names[us_code]}",
                description="The statistical nearest neighbours published with the Oflog data, "
                "the council itself included.",
                kind=GroupKind.NEAREST_NEIGHBOURS,
                members=[CouncilIn(code=c, name=names.get(c, c)) for c in family],
                us=us_code,
            )
        )
    return data


@dataclass(frozen=True)
class LoadReport:
    indicators_created: int
    groups_created: int
    values_created: int
    values_updated: int
    values_unchanged: int


async def load_dataset(
    session: AsyncSession, actor: Actor, data: Dataset, organisation_id: int
) -> LoadReport:
    """Add what is missing: indicators (annual, in their set), groups (members added to one
    that exists), then the values through the import's writer. Flushes, never commits."""
    keys = [normalise_code(d.code)[1] for d in data.indicators]
    known = {
        key: pk
        for key, pk in (
            await session.execute(
                select(Indicator.code_key, Indicator.id).where(Indicator.code_key.in_(keys))
            )
        ).all()
    }
    created = 0
    for definition, key in zip(data.indicators, keys, strict=True):
        if key in known:
            continue
        indicator = await indicators.create_indicator(
            session,
            actor,
            IndicatorCreate(
                code=definition.code,
                title=definition.title,
                definition=definition.definition,
                unit=definition.unit,
                decimal_places=definition.decimal_places,
                polarity=definition.polarity,
                frequency=Frequency.ANNUAL,
                aggregation=Aggregation.LAST,
                sets=[definition.set_name],
                organisation_id=organisation_id,
            ),
        )
        known[key] = indicator.id
        created += 1
    groups_created = 0
    for group in data.groups:
        existing = await session.scalar(
            select(ComparatorGroup).where(ComparatorGroup.code == group.code)
        )
        if existing is None:
            await service.create_group(session, actor, group)
            groups_created += 1
            continue
        current = await service.read_group(session, existing.id)
        have = {m.code: m.name for m in current.members}
        merged = [CouncilIn(code=c, name=n) for c, n in have.items()] + [
            m for m in group.members if m.code not in have
        ]
        await service.update_group(
            session,
            actor,
            existing.id,
            GroupUpdate(members=merged, us=group.us or (current.us.code if current.us else None)),
        )
    by_code = {d.code: known[k] for d, k in zip(data.indicators, keys, strict=True)}
    rows = [
        value_file.ValueRow(None, by_code[code], code, year, council, name, value, label)
        for code, year, council, name, value, label in data.values
    ]
    outcome = value_file.Outcome(rows_read=len(rows))

    def reject(row: int | None, column: str | None, value: object, message: str) -> None:
        raise ValueError(f"{column}: {message} ({value})")

    await importer.write_values(session, actor, rows, outcome, reject=reject, dry_run=False)
    return LoadReport(
        indicators_created=created,
        groups_created=groups_created,
        values_created=outcome.created,
        values_updated=outcome.updated,
        values_unchanged=outcome.unchanged,
    )
