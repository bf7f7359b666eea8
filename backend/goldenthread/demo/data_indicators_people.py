"""Demo indicators of the people directorates and corporate services.

Titles follow the National Indicator Set (2008) and Best Value Performance Indicators; the
local (LPI) ones are invented in the same style. Targets run over year offsets 0-4 and levels
over 0-3 (see ``spec.py``); the comments give the status each is designed to show at the
latest complete year (L) and at the latest quarter (Q).
"""

from __future__ import annotations

from goldenthread.demo.spec import IndicatorSpec, Missing
from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Polarity, Unit

_M, _Q, _A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL
_UP, _DOWN = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
_BAND, _NONE = Polarity.TARGET_BAND, Polarity.NONE
_SUM, _RATIO, _LAST, _MEAN = Aggregation.SUM, Aggregation.RATIO, Aggregation.LAST, Aggregation.MEAN

CHILDREN: tuple[IndicatorSpec, ...] = (
    # L amber, improving; Q green, improving.
    IndicatorSpec(
        "NI 117",
        "16 to 18 year olds who are not in education, training or employment (NEET)",
        "Percentage of young people aged 16 to 18 known to the youth support service who are "
        "not in education, employment or training.",
        "Numerator: NEET young people on the client caseload system at the quarter's census "
        "date; denominator: the 16-18 cohort known to the service. 'Not known' cases are "
        "chased before the census date.",
        Unit.PERCENT,
        _DOWN,
        _Q,
        _RATIO,
        "youth",
        "fiona.carr",
        "tom.whitfield",
        ("NI", "LAA", "LAA_DESIGNATED", "DOT"),
        ("6.5", "6.2", "5.9", "5.6", "5.3"),
        ("6.8", "6.3", "6.1", "5.4"),
        decimal_places=1,
        multiplier="100",
        shared=True,
        public=True,
        stretch=(None, None, "5.5", "5.2", "4.9"),
        denominator="14500",
        year_end_note="6.1% at year end against 5.9%: the March census found 140 young people "
        "whose apprenticeships had ended early. Advisers now re-contact every early leaver "
        "within 10 working days, and a targeted re-engagement programme starts in the summer.",
    ),
    # L red, worsening; Q red, worsening.
    IndicatorSpec(
        "NI 62",
        "Stability of placements of looked after children: number of placements",
        "Percentage of children looked after at the end of the period who have had three or "
        "more placements during the previous 12 months.",
        "Taken from the children's social care system at each quarter end (rolling 12 months); "
        "reported as a snapshot, so the year's figure is the Q4 figure.",
        Unit.PERCENT,
        _DOWN,
        _Q,
        _LAST,
        "lac",
        "daniel.mensah",
        "rachel.greaves",
        ("NI", "DOT"),
        ("11.0", "10.5", "10.0", "10.0", "9.5"),
        ("12.1", "10.2", "10.8", "11.9"),
        decimal_places=1,
        year_end_note="Eleven children had three or more moves, eight of them teenagers placed "
        "out of county because of a shortage of local foster carers. A placement stability "
        "panel now reviews any child facing a second move.",
        latest_note="Rising again: the loss of two independent fostering agency carers forced "
        "six emergency moves. The 'Foster for Wyvern' recruitment campaign aims for 15 new "
        "fostering households this year.",
    ),
    # L green, improving; Q amber, worsening.
    IndicatorSpec(
        "NI 59",
        "Percentage of initial assessments for children's social care carried out "
        "within 7 working days of referral",
        "Initial assessments completed within 7 working days of the referral, as a percentage "
        "of all initial assessments completed in the period.",
        "Monthly extract from the children's social care system by completion date; working "
        "days exclude weekends and bank holidays.",
        Unit.PERCENT,
        _UP,
        _M,
        _RATIO,
        "referral",
        "daniel.mensah",
        "tom.whitfield",
        ("NI", "DOT"),
        ("75.0", "78.0", "80.0", "80.0", "82.0"),
        ("72.4", "79.1", "81.3", "77.9"),
        decimal_places=1,
        multiplier="100",
        denominator="420",
        draft_latest=True,
        latest_note="Referrals have risen since the multi-agency safeguarding hub went live. "
        "Two agency social workers start next month and assessments are now allocated daily "
        "rather than weekly.",
    ),
    # L green, improving (annual).
    IndicatorSpec(
        "NI 75",
        "Achievement of 5 or more A*-C grades at GCSE or equivalent including English and Maths",
        "Percentage of pupils at the end of Key Stage 4 in maintained schools achieving five or "
        "more GCSEs at A*-C or equivalent, including English and mathematics.",
        "Validated results for the academic year ending in the financial year, from the "
        "Department's performance tables; provisional results are not entered.",
        Unit.PERCENT,
        _UP,
        _A,
        _LAST,
        "school_improvement",
        "fiona.carr",
        "tom.whitfield",
        ("NI", "LAA", "LAA_DESIGNATED", "DOT"),
        ("48.0", "50.0", "52.0", "53.5", "55.0"),
        ("47.2", "49.6", "53.1", None),
        decimal_places=1,
        shared=True,
        public=True,
        year_end_note="Best result yet (provisional results were 52.8%), and the gap for "
        "pupils eligible for free school meals narrowed by three points.",
    ),
    # L green, improving (annual).
    IndicatorSpec(
        "NI 111",
        "First time entrants to the Youth Justice System aged 10 to 17",
        "Young people aged 10 to 17 receiving their first reprimand, warning or conviction, "
        "per 100,000 of the 10 to 17 population.",
        "Numerator from the youth offending team's case management system; denominator the "
        "mid-year population estimate for ages 10 to 17.",
        Unit.RATIO,
        _DOWN,
        _A,
        _RATIO,
        "youth",
        "tom.whitfield",
        "fiona.carr",
        ("NI", "LAA"),
        ("1050", "980", "900", "860", "820"),
        ("1124", "1002", "884", None),
        multiplier="100000",
        shared=True,
        denominator="48600",
    ),
    # Context: not_applicable.
    IndicatorSpec(
        "LPI CYP-04",
        "Number of children subject to a child protection plan",
        "Children who are the subject of a child protection plan on the last day of the month.",
        "Snapshot from the children's social care system on the last working day of the "
        "month. Context indicator: no target is set.",
        Unit.COUNT,
        _NONE,
        _M,
        _LAST,
        "csc",
        "daniel.mensah",
        "rachel.greaves",
        ("LOCAL",),
        (None, None, None, None, None),
        ("310", "342", "365", "381"),
    ),
    # Retired after two years, history kept.
    IndicatorSpec(
        "BV 163",
        "Adoptions of children looked after as a percentage of the number of "
        "children looked after for 6 months or more",
        "Children adopted or granted a special guardianship order in the year, as a "
        "percentage of children looked after for six months or more at 31 March.",
        "Taken from the annual SSDA903 return.",
        Unit.PERCENT,
        _UP,
        _A,
        _RATIO,
        "lac",
        "daniel.mensah",
        "rachel.greaves",
        ("BVPI",),
        ("7.5", "8.0", None, None, None),
        ("7.1", "8.3", None, None),
        decimal_places=1,
        multiplier="100",
        denominator="290",
        retired_note="Dropped from the local basket; adoption timeliness is now monitored "
        "through the national adoption scorecard.",
    ),
)

ADULTS: tuple[IndicatorSpec, ...] = (
    # L amber, improving; Q green, improving.
    IndicatorSpec(
        "NI 130",
        "Social care clients receiving self directed support (direct payments and "
        "individual budgets)",
        "Percentage of adults, older people and carers receiving community-based services who "
        "receive a direct payment or a personal budget.",
        "Snapshot from the adult social care system at quarter end; the year's figure is the "
        "Q4 snapshot.",
        Unit.PERCENT,
        _UP,
        _Q,
        _LAST,
        "asc_ops",
        "alan.brooks",
        "tom.whitfield",
        ("NI", "LAA", "DOT"),
        ("12.0", "20.0", "30.0", "40.0", "50.0"),
        ("13.5", "22.4", "28.9", "41.6"),
        decimal_places=1,
        shared=True,
        year_end_note="28.9% against 30%: 71 reviews converting people to personal budgets "
        "slipped into April during the reablement restructure. Conversion is now part of "
        "every annual review.",
    ),
    # L red, worsening (annual, led by the Trust).
    IndicatorSpec(
        "NI 125",
        "Achieving independence for older people through rehabilitation/intermediate care",
        "Percentage of older people (65+) discharged from hospital to rehabilitation or "
        "intermediate care who are living at home 91 days later.",
        "Cohort of discharges between 1 October and 31 December, followed up at 91 days by "
        "the Trust and the council jointly.",
        Unit.PERCENT,
        _UP,
        _A,
        _RATIO,
        "reablement",
        "alan.brooks",
        "ben.taylor",
        ("NI", "LAA"),
        ("80.0", "82.0", "84.0", "85.0", "86.0"),
        ("78.5", "83.0", "79.1", None),
        decimal_places=1,
        multiplier="100",
        lead="health",
        shared=True,
        denominator="620",
        year_end_note="The winter cohort included 38 people discharged to temporary "
        "care-home beds, only 19 of whom were at home 91 days later. A joint "
        "discharge-to-assess pathway with the Trust starts in the autumn.",
    ),
    # L green, improving; Q red, worsening.
    IndicatorSpec(
        "NI 131",
        "Delayed transfers of care from hospitals",
        "Average weekly number of delayed transfers of care from NHS hospitals of people aged "
        "18 and over, per 100,000 population aged 18 and over.",
        "Monthly situation reports submitted by the Trust; the year-to-date figure is the mean "
        "of the monthly rates.",
        Unit.RATIO,
        _DOWN,
        _M,
        _MEAN,
        "commissioning",
        "ben.taylor",
        "alan.brooks",
        ("NI", "LAA"),
        ("9.50", "9.00", "8.50", "8.00", "7.50"),
        ("10.12", "8.71", "8.20", "8.64"),
        decimal_places=2,
        lead="health",
        shared=True,
        draft_latest=True,
        latest_note="Delays rose after two nursing homes closed to admissions following CQC "
        "inspections; 60% of delayed days are people waiting for a care-home place. Trust and "
        "council brokerage teams now meet every morning.",
    ),
    # L green, improving; Q amber, worsening.
    IndicatorSpec(
        "NI 135",
        "Carers receiving needs assessment or review and a specific carer's service, "
        "or advice and information",
        "Carers receiving a carer's break or specific service, or advice and information, "
        "after an assessment or review, as a percentage of people receiving community-based "
        "services.",
        "Quarterly extract from the adult social care system; carers are counted once.",
        Unit.PERCENT,
        _UP,
        _Q,
        _RATIO,
        "asc_ops",
        "alan.brooks",
        "tom.whitfield",
        ("NI", "DOT"),
        ("22.0", "24.0", "26.0", "27.0", "28.0"),
        ("20.1", "24.9", "27.2", "26.3"),
        decimal_places=1,
        multiplier="100",
        denominator="2400",
        latest_note="Carers' assessments are behind profile while the carers' centre contract "
        "is re-tendered. The new provider takes referrals from next month and a backlog "
        "clinic is booked.",
    ),
    # L green, improving; Q green, improving. Seasonal profile (New Year quitters).
    IndicatorSpec(
        "NI 123",
        "Stopping smoking: rate of self-reported 4-week smoking quitters per "
        "100,000 population aged 16 or over",
        "People who set a quit date with NHS stop smoking services and have not smoked four "
        "weeks later, per 100,000 population aged 16 and over.",
        "Quarterly returns from the stop smoking service; the rate for each quarter is added "
        "to give the year to date.",
        Unit.RATIO,
        _UP,
        _Q,
        _SUM,
        "health_improvement",
        "sunita.patel",
        "ben.taylor",
        ("NI", "LAA", "LAA_DESIGNATED", "LPSA"),
        ("880", "920", "960", "1000", "1040"),
        ("902", "951", "1008", "1035"),
        lead="health",
        shared=True,
        public=True,
        stretch=("940", "980", "1020", "1060", "1100"),
        profile=("0.22", "0.20", "0.23", "0.35"),
    ),
    # L red, worsening (annual).
    IndicatorSpec(
        "NI 39",
        "Rate of hospital admissions per 100,000 for alcohol related harm",
        "Hospital admissions with an alcohol-related primary or secondary diagnosis, per "
        "100,000 population, age-standardised.",
        "Published by the regional public health observatory from hospital episode "
        "statistics, about nine months after the year ends.",
        Unit.RATIO,
        _DOWN,
        _A,
        _LAST,
        "commissioning",
        "sunita.patel",
        "ben.taylor",
        ("NI", "LAA"),
        ("1650.0", "1700.0", "1720.0", "1720.0", "1700.0"),
        ("1702.3", "1744.8", "1811.6", None),
        decimal_places=1,
        lead="health",
        shared=True,
        year_end_note="Admissions rose again, driven by men aged 45-64 with liver disease. "
        "The Trust's alcohol liaison nurses will cover weekends from next quarter.",
    ),
    # L amber, improving; Q green, improving. M03 left out to show a gap in the YTD.
    IndicatorSpec(
        "LPI ASC-02",
        "Average number of days from assessment to delivery of community equipment",
        "Mean working days from the date an occupational therapist orders equipment to the "
        "date it is delivered, for orders delivered in the month.",
        "From the community equipment store's order system. The year-to-date figure is the "
        "mean of the monthly averages.",
        Unit.DAYS,
        _DOWN,
        _M,
        _MEAN,
        "asc_ops",
        "alan.brooks",
        "tom.whitfield",
        ("LOCAL",),
        ("10.0", "9.0", "8.0", "7.5", "7.0"),
        ("11.2", "9.4", "8.3", "7.1"),
        decimal_places=1,
        tolerance_absolute="1.0",
        missing=Missing.MID_YEAR,
        year_end_note="8.3 days against 8.0: a national shortage of profiling beds added two "
        "to three days to orders in January and February. A second supplier is now on the "
        "framework.",
    ),
    # Band: L amber, worsening; Q green, improving.
    IndicatorSpec(
        "LPI ASC-05",
        "Occupancy of council-run residential care homes",
        "Occupied bed-nights as a percentage of available bed-nights in the council's five "
        "residential homes. 88% to 95% keeps the homes viable while leaving room for "
        "emergency respite.",
        "Monthly occupancy returns from each home's manager; the year to date is the mean of "
        "the months.",
        Unit.PERCENT,
        _BAND,
        _M,
        _MEAN,
        "provider",
        "alan.brooks",
        "tom.whitfield",
        ("LOCAL",),
        (("88.0", "95.0"),) * 5,
        ("91.2", "86.9", "96.4", "92.5"),
        decimal_places=1,
        year_end_note="Occupancy ran above 95% all winter because 12 short-stay beds were used "
        "for hospital discharges, leaving no room for emergency respite. Two beds are now "
        "ring-fenced for respite.",
    ),
)
