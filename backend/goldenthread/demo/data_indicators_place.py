"""Demo indicators of Environment and Communities, and those the partners lead.

See ``data_indicators_people.py`` for the conventions; comments give the status each is
designed to show at the latest complete year (L) and at the latest quarter (Q).
"""

from __future__ import annotations

from goldenthread.demo.spec import IndicatorSpec, Missing
from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Polarity, Unit

_M, _Q, _A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL
_UP, _DOWN = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
_SUM, _RATIO, _LAST = Aggregation.SUM, Aggregation.RATIO, Aggregation.LAST

# Home fire safety checks are concentrated in the autumn and winter campaign.
_FIRE_CHECK_PROFILE = (
    "0.075",
    "0.075",
    "0.08",
    "0.08",
    "0.08",
    "0.085",
    "0.09",
    "0.09",
    "0.085",
    "0.09",
    "0.085",
    "0.085",
)

WASTE: tuple[IndicatorSpec, ...] = (
    # L amber, improving; Q green, improving. The latest month is due from the owner.
    IndicatorSpec(
        "NI 192",
        "Percentage of household waste sent for reuse, recycling and composting",
        "Tonnes of household waste sent for reuse, recycling or composting as a percentage of "
        "all household waste collected.",
        "Tonnages from WasteDataFlow, reconciled with weighbridge records; rejected loads are "
        "deducted from the numerator.",
        Unit.PERCENT,
        _UP,
        _M,
        _RATIO,
        "recycling",
        "owner",
        "rhys.morgan",
        ("NI", "LAA", "LAA_DESIGNATED", "DOT"),
        ("38.0", "41.0", "44.0", "46.0", "48.0"),
        ("36.9", "40.2", "42.7", "46.8"),
        decimal_places=1,
        multiplier="100",
        shared=True,
        public=True,
        stretch=(None, None, "45.5", "47.5", "49.5"),
        denominator="24000",
        numerator_places=1,
        missing=Missing.LATEST,
        year_end_note="42.7% against 44%: the dry summer cut garden waste by about 3,100 "
        "tonnes, and contamination caused 6% of kerbside recycling to be rejected at the "
        "materials recovery facility. Bin-tagging crews are visiting the worst 20 rounds.",
    ),
    # L green, improving; Q amber, worsening. Seasonal profile.
    IndicatorSpec(
        "NI 191",
        "Residual household waste per household",
        "Kilograms of household waste collected that is not sent for reuse, recycling or "
        "composting, per household.",
        "Residual tonnage from WasteDataFlow divided by the number of households on the "
        "council tax base at 1 April; quarters are added.",
        Unit.COUNT,
        _DOWN,
        _Q,
        _SUM,
        "recycling",
        "owner",
        "rhys.morgan",
        ("NI", "LAA", "DOT"),
        ("720.0", "690.0", "660.0", "640.0", "620.0"),
        ("734.2", "688.5", "651.3", "655.0"),
        decimal_places=1,
        shared=True,
        profile=("0.26", "0.25", "0.24", "0.25"),
        latest_note="Residual waste is up on last year since the garden waste subscription "
        "began: some garden waste is going into grey bins. A 'Don't bin your garden' leaflet "
        "goes out with the autumn newsletter.",
    ),
    # L green, improving; Q red, improving.
    IndicatorSpec(
        "NI 193",
        "Percentage of municipal waste land filled",
        "Tonnes of municipal waste sent to landfill as a percentage of all municipal waste "
        "managed.",
        "Tonnages from WasteDataFlow by quarter.",
        Unit.PERCENT,
        _DOWN,
        _Q,
        _RATIO,
        "waste",
        "rhys.morgan",
        "owner",
        ("NI", "DOT"),
        ("52.0", "45.0", "38.0", "30.0", "25.0"),
        ("55.1", "44.0", "35.2", "33.4"),
        decimal_places=1,
        multiplier="100",
        denominator="62000",
        latest_note="The energy-from-waste plant was offline for five weeks for its planned "
        "boiler overhaul, so 9,800 tonnes of residual waste went to landfill. The plant is "
        "back at full capacity.",
    ),
    # L green, improving. One earlier year qualified by audit.
    IndicatorSpec(
        "NI 195a",
        "Improved street and environmental cleanliness: litter",
        "Percentage of relevant land and highways surveyed that falls below an acceptable "
        "level of litter (grade B or worse).",
        "Three survey tranches a year of 300 randomly chosen transects each, graded to the "
        "national methodology; the year's figure combines all three.",
        Unit.PERCENT,
        _DOWN,
        _A,
        _RATIO,
        "waste",
        "owner",
        "rhys.morgan",
        ("NI", "DOT"),
        ("12", "11", "10", "9", "9"),
        ("12.7", "10.4", "9.0", None),
        multiplier="100",
        public=True,
        denominator="900",
        qualified_year=1,
        qualified_note="Qualified by internal audit: the tranche 2 transects were chosen by the "
        "crews rather than at random, so the sample may not be representative.",
    ),
    # L green, no change (score 1 very effective to 4 poor).
    IndicatorSpec(
        "NI 196",
        "Improved street and environment cleanliness: fly tipping",
        "Grade from 1 (very effective) to 4 (poor) for the council's effectiveness in dealing "
        "with fly-tipping, from the change in incidents and enforcement actions.",
        "Grade calculated from the Flycapture returns for the year using the national grading "
        "table.",
        Unit.SCORE,
        _DOWN,
        _A,
        _LAST,
        "waste",
        "rhys.morgan",
        "owner",
        ("NI",),
        ("2", "2", "2", "2", "2"),
        ("3", "2", "2", None),
    ),
    # L green, improving; Q no data (the latest quarter is due from the owner).
    IndicatorSpec(
        "LPI ENV-07",
        "Percentage of missed bin collections put right by the end of the next working day",
        "Reported missed collections collected by the end of the next working day, as a "
        "percentage of all reported missed collections.",
        "From the customer contact system; the collection crew closes each report when the "
        "bin is emptied.",
        Unit.PERCENT,
        _UP,
        _Q,
        _RATIO,
        "recycling",
        "owner",
        "rhys.morgan",
        ("LOCAL",),
        ("95.0", "96.0", "97.0", "97.0", "98.0"),
        ("94.1", "96.5", "97.6", "97.9"),
        decimal_places=1,
        multiplier="100",
        public=True,
        denominator="1850",
        missing=Missing.LATEST,
    ),
    # No data for the latest year (overdue from the owner): no_data, not comparable.
    IndicatorSpec(
        "NI 185",
        "Percentage CO2 reduction from local authority operations",
        "Reduction in carbon dioxide emissions from the council's buildings and transport "
        "against the baseline year, as a percentage of the baseline.",
        "Energy and fuel consumption from supplier invoices and the fleet system, converted "
        "with the government's conversion factors.",
        Unit.PERCENT,
        _UP,
        _A,
        _LAST,
        "env",
        "owner",
        "tom.whitfield",
        ("NI", "LAA"),
        ("3.0", "6.0", "9.0", "12.0", "15.0"),
        ("2.4", "6.8", "8.1", None),
        decimal_places=1,
        missing=Missing.LATEST,
    ),
)

PLACE: tuple[IndicatorSpec, ...] = (
    # L red, worsening (annual).
    IndicatorSpec(
        "NI 168",
        "Principal roads where maintenance should be considered",
        "Percentage of the principal (A road) network where structural maintenance should be "
        "considered, from machine survey.",
        "SCANNER survey results for the year, processed to the national methodology by the "
        "survey contractor.",
        Unit.PERCENT,
        _DOWN,
        _A,
        _LAST,
        "network",
        "owen.llewellyn",
        "tom.whitfield",
        ("NI", "DOT"),
        ("6", "6", "5", "5", "4"),
        ("7", "5", "6", None),
        public=True,
        year_end_note="A wet winter with 41 frosts damaged the network; 2,900 potholes were "
        "repaired. The capital programme is moving from patching to resurfacing.",
    ),
    # L green, improving; Q red, worsening. Police lead.
    IndicatorSpec(
        "NI 47",
        "People killed or seriously injured in road traffic accidents",
        "Number of people killed or seriously injured in road traffic collisions on roads in "
        "the county.",
        "STATS19 collision records supplied by the Constabulary each quarter; quarters are added.",
        Unit.COUNT,
        _DOWN,
        _Q,
        _SUM,
        "network",
        "owen.llewellyn",
        "nadia.hussain",
        ("NI", "LAA", "LPSA", "DOT"),
        ("330", "315", "300", "290", "280"),
        ("341", "322", "296", "310"),
        lead="police",
        shared=True,
        public=True,
        stretch=("310", "295", "285", None, None),
        latest_note="Five fatal collisions on rural A roads this year, two involving "
        "motorcyclists on the Ridgeway route. Joint speed enforcement runs there through the "
        "autumn and a route safety review goes to Cabinet in January.",
    ),
    # L amber, improving; Q green, improving. Police lead.
    IndicatorSpec(
        "NI 16",
        "Serious acquisitive crime rate",
        "Domestic burglary, theft of and from vehicles and robbery per 1,000 population.",
        "Recorded crime from the Constabulary's crime system; monthly rates are added to give "
        "the year to date.",
        Unit.RATIO,
        _DOWN,
        _M,
        _SUM,
        "safer",
        "nadia.hussain",
        "claire.dobson",
        ("NI", "LAA", "LAA_DESIGNATED", "DOT"),
        ("12.50", "12.00", "11.50", "11.20", "10.90"),
        ("13.10", "11.85", "11.72", "10.96"),
        decimal_places=2,
        lead="police",
        shared=True,
        public=True,
        stretch=(None, None, "11.20", "10.90", "10.60"),
        year_end_note="A spate of thefts of catalytic converters and from vans over the winter "
        "(about 180 offences) left the year 2% over target. Two arrests were made in February "
        "and marked trader-parking bays are being piloted.",
    ),
    # L amber, worsening; Q amber, improving. Police lead.
    IndicatorSpec(
        "NI 20",
        "Assault with injury crime rate",
        "Recorded assaults with less serious injury per 1,000 population.",
        "Recorded crime from the Constabulary's crime system; quarterly rates are added.",
        Unit.RATIO,
        _DOWN,
        _Q,
        _SUM,
        "safer",
        "nadia.hussain",
        "claire.dobson",
        ("NI", "LAA"),
        ("6.80", "6.60", "6.40", "6.20", "6.00"),
        ("7.02", "6.55", "6.61", "6.30"),
        decimal_places=2,
        lead="police",
        shared=True,
        year_end_note="Night-time economy assaults in the county town rose over Christmas. "
        "Operation Nightsafe (extra patrols, taxi marshals and street pastors) will run every "
        "weekend from October.",
        latest_note="Down on last year but still above target. Nightsafe is running and the "
        "licensing team has reviewed three premises.",
    ),
    # L green, improving; Q red, worsening. Fire lead.
    IndicatorSpec(
        "NI 49",
        "Number of primary fires and related fatalities and non-fatal casualties, "
        "excluding precautionary checks",
        "Primary fires attended plus fatalities and non-fatal casualties (excluding first aid "
        "and precautionary checks) in those fires.",
        "From the Fire and Rescue Service's incident recording system; quarters are added.",
        Unit.COUNT,
        _DOWN,
        _Q,
        _SUM,
        "safer",
        "lee.marshall",
        "claire.dobson",
        ("NI", "LAA", "LPSA"),
        ("1150", "1120", "1090", "1060", "1030"),
        ("1188", "1097", "1061", "1142"),
        lead="fire",
        shared=True,
        stretch=("1100", "1070", "1040", None, None),
        latest_note="Deliberate vehicle fires have doubled in two wards of the county town. "
        "The arson reduction team and the police are patrolling jointly and abandoned "
        "vehicles are removed within 24 hours.",
    ),
    # L green, improving; Q green, improving. Fire lead, monthly profile.
    IndicatorSpec(
        "LPI FIRE-02",
        "Home fire safety checks carried out",
        "Home fire safety checks completed in the county, prioritising older people living "
        "alone and households referred by partners.",
        "From the Fire and Rescue Service's community safety database; months are added.",
        Unit.COUNT,
        _UP,
        _M,
        _SUM,
        "safer",
        "lee.marshall",
        "claire.dobson",
        ("LOCAL",),
        ("4800", "5000", "5200", "5400", "5600"),
        ("4950", "5080", "5310", "5520"),
        lead="fire",
        shared=True,
        profile=_FIRE_CHECK_PROFILE,
    ),
    # No target for the latest complete year: no_target, improving.
    IndicatorSpec(
        "NI 8",
        "Adult participation in sport and active recreation",
        "Percentage of adults taking part in at least 30 minutes of sport and active "
        "recreation of moderate intensity on at least 12 days in four weeks.",
        "From the national sport participation survey for the county, published each "
        "December for the previous year.",
        Unit.PERCENT,
        _UP,
        _A,
        _LAST,
        "env",
        "tom.whitfield",
        "claire.dobson",
        ("NI", "LAA"),
        ("21.0", "22.0", None, "23.5", "24.0"),
        ("20.6", "21.8", "22.9", None),
        decimal_places=1,
        public=True,
        year_end_note="No target was set for this year while the survey was re-based; a "
        "target for next year has been agreed on the new baseline.",
    ),
    # L amber, worsening (annual).
    IndicatorSpec(
        "NI 182",
        "Satisfaction of businesses with local authority regulation services",
        "Percentage of businesses inspected or advised by Trading Standards or Environmental "
        "Health who say they were satisfied with the service.",
        "Questionnaire sent to every business after an inspection or advice visit; satisfied "
        "responses as a percentage of all responses.",
        Unit.PERCENT,
        _UP,
        _A,
        _RATIO,
        "trading_standards",
        "claire.dobson",
        "tom.whitfield",
        ("NI",),
        ("75", "77", "78", "80", "80"),
        ("76", "78", "76", None),
        multiplier="100",
        denominator="640",
        year_end_note="Satisfaction fell among food businesses after the switch to "
        "unannounced risk-based inspections. Officers now make a follow-up call within five "
        "days of every inspection.",
    ),
    # L green, improving; Q red, worsening (small numbers).
    IndicatorSpec(
        "NI 157a",
        "Processing of planning applications: major applications within 13 weeks",
        "Major county matter (minerals and waste) and council development applications "
        "decided within 13 weeks, as a percentage of all such applications decided.",
        "From the planning application system by decision date.",
        Unit.PERCENT,
        _UP,
        _Q,
        _RATIO,
        "highways",
        "owen.llewellyn",
        "tom.whitfield",
        ("NI",),
        ("60", "65", "70", "70", "72"),
        ("58", "67", "72", "55"),
        multiplier="100",
        denominator="6",
        latest_note="Few major applications have been decided so far this year and almost "
        "half went over 13 weeks awaiting section 106 agreements. Planning performance "
        "agreements are now offered on every major scheme.",
    ),
)
