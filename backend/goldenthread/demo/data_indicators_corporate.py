"""Demo indicators of Corporate Services: workforce, finance, governance.

See ``data_indicators_people.py`` for the conventions; comments give the status each is
designed to show at the latest complete year (L) and at the latest quarter (Q).
"""

from __future__ import annotations

from goldenthread.demo.spec import IndicatorSpec
from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Polarity, Unit

_M, _Q, _A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL
_UP, _DOWN = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
_BAND, _NONE = Polarity.TARGET_BAND, Polarity.NONE
_SUM, _RATIO, _LAST, _MEAN = Aggregation.SUM, Aggregation.RATIO, Aggregation.LAST, Aggregation.MEAN

# The share of a year's council tax usually collected by the end of each month.
_COLLECTION_PROFILE = (
    "0.105",
    "0.195",
    "0.285",
    "0.378",
    "0.468",
    "0.558",
    "0.650",
    "0.740",
    "0.830",
    "0.918",
    "0.962",
    "1",
)

CORPORATE: tuple[IndicatorSpec, ...] = (
    # L green, improving; Q amber or red (the tolerance is absolute), worsening.
    IndicatorSpec(
        "BV 12",
        "Working days lost due to sickness absence",
        "Working days or shifts lost to sickness absence per full-time equivalent employee, "
        "excluding schools.",
        "Days lost from the HR and payroll system divided by average FTE in the period; "
        "quarters are added to give the year to date. Winter quarters are profiled higher.",
        Unit.DAYS,
        _DOWN,
        _Q,
        _SUM,
        "hr",
        "joanne.hurst",
        "tom.whitfield",
        ("BVPI", "LOCAL", "DOT"),
        ("9.50", "9.20", "8.90", "8.60", "8.50"),
        ("9.91", "9.02", "8.84", "9.10"),
        decimal_places=2,
        tolerance_absolute="0.25",
        profile=("0.23", "0.21", "0.26", "0.30"),
        latest_note="Sickness absence rose owing to a norovirus outbreak in two residential "
        "homes and long-term stress-related absence in Children's Social Care. Return-to-work "
        "interviews are now held within 3 days and Occupational Health referrals within 10.",
    ),
    # L green, improving; Q amber, worsening. Cumulative, with a monthly profile.
    IndicatorSpec(
        "BV 9",
        "Percentage of council tax collected",
        "Council tax received in the year for that year's liability, as a percentage of the "
        "net collectable debit.",
        "Cumulative from 1 April, taken from the revenues system on the last working day of "
        "the month; the March figure is the year's result.",
        Unit.PERCENT,
        _UP,
        _M,
        _LAST,
        "revenues",
        "mark.fenwick",
        "tom.whitfield",
        ("BVPI", "LOCAL"),
        ("97.50", "97.60", "97.80", "97.90", "98.00"),
        ("97.42", "97.71", "97.95", "97.60"),
        decimal_places=2,
        tolerance_percent="0.5",
        public=True,
        profile=_COLLECTION_PROFILE,
        latest_note="Collection is behind profile: more households pay in 12 monthly "
        "instalments, which moves cash later in the year, and recovery paused for four weeks "
        "during the revenues system upgrade. Reminders are back on the normal cycle.",
    ),
    # L amber, improving; Q green, improving.
    IndicatorSpec(
        "NI 181",
        "Time taken to process Housing Benefit/Council Tax Benefit new claims and change events",
        "Average calendar days from receipt of a new claim or notification of a change to the "
        "date the decision is made.",
        "Monthly from the benefits system's performance report; the year to date is the mean "
        "of the monthly averages.",
        Unit.DAYS,
        _DOWN,
        _M,
        _MEAN,
        "revenues",
        "mark.fenwick",
        "tom.whitfield",
        ("NI", "DOT"),
        ("14.0", "12.0", "11.0", "10.0", "10.0"),
        ("15.6", "12.4", "11.6", "9.8"),
        decimal_places=1,
        tolerance_absolute="1.0",
        year_end_note="11.6 days against 11.0: the annual uprating and a 9% rise in change "
        "notifications created a backlog in March, which overtime cleared by mid-April.",
    ),
    # L green, improving; Q amber, worsening.
    IndicatorSpec(
        "BV 8",
        "Percentage of invoices for commercial goods and services paid within 30 days",
        "Undisputed invoices paid within 30 days of receipt, or within agreed terms, as a "
        "percentage of all invoices paid.",
        "Monthly report from the purchase-to-pay system by payment date.",
        Unit.PERCENT,
        _UP,
        _M,
        _RATIO,
        "finance",
        "mark.fenwick",
        "tom.whitfield",
        ("BVPI", "LOCAL", "DOT"),
        ("95.0", "96.0", "96.0", "97.0", "97.0"),
        ("93.8", "95.1", "96.3", "96.0"),
        decimal_places=1,
        multiplier="100",
        tolerance_percent="2",
        denominator="9000",
        draft_latest=True,
        latest_note="Two weeks of invoices were held while the new purchase-to-pay system went "
        "live; the backlog was cleared within the month.",
    ),
    # L red, worsening (annual).
    IndicatorSpec(
        "LPI CORP-01",
        "Percentage of staff receiving a Staff Review and Development (SRD)",
        "Employees in post for six months or more who had an SRD in the year, as a percentage "
        "of all such employees (excluding schools).",
        "SRD completion dates recorded by managers in the HR system, reconciled with the "
        "establishment at 31 March.",
        Unit.PERCENT,
        _UP,
        _A,
        _RATIO,
        "hr",
        "joanne.hurst",
        "tom.whitfield",
        ("LOCAL",),
        ("85", "90", "92", "95", "95"),
        ("78", "86", "83", None),
        multiplier="100",
        denominator="4200",
        year_end_note="Completion fell to 83%: 212 staff moved into new posts in the Adult "
        "Social Care restructure and had reviews deferred until after 1 October. Directors "
        "now receive a monthly list of outstanding SRDs by team.",
    ),
    # L green, no change (yes/no).
    IndicatorSpec(
        "LPI CORP-05",
        "Annual Governance Statement approved by 30 September",
        "Whether the Audit and Governance Committee approved the Annual Governance Statement "
        "with the statement of accounts by 30 September (1 = yes, 0 = no).",
        "Confirmed from the committee minutes by the Head of Policy and Performance.",
        Unit.YES_NO,
        _UP,
        _A,
        _LAST,
        "policy",
        "tom.whitfield",
        "perf",
        ("LOCAL",),
        ("1", "1", "1", "1", "1"),
        ("1", "1", "1", None),
    ),
    # L green, improving (annual currency).
    IndicatorSpec(
        "NI 179",
        "Value for money: total net value of on-going cash-releasing value for money gains",
        "Net cash-releasing efficiency gains achieved in the year that continue into future "
        "years, in pounds.",
        "From the efficiency tracker maintained by Finance, agreed with directors and "
        "reconciled to the budget.",
        Unit.CURRENCY,
        _UP,
        _A,
        _SUM,
        "finance",
        "mark.fenwick",
        "tom.whitfield",
        ("NI", "LAA"),
        ("4500000", "6000000", "7500000", "8000000", "8500000"),
        ("4812000", "6240500", "7702300", None),
        public=True,
    ),
    # New two years ago: L amber, not comparable; Q green, improving.
    IndicatorSpec(
        "LPI CORP-08",
        "Spend on agency staff",
        "Spend on agency and interim staff across the council, excluding schools, in pounds.",
        "From the ledger (agency cost codes) at each quarter end; quarters are added.",
        Unit.CURRENCY,
        _DOWN,
        _Q,
        _SUM,
        "hr",
        "joanne.hurst",
        "tom.whitfield",
        ("LOCAL",),
        (None, None, "2400000", "2200000", "2000000"),
        (None, None, "2512000", "2150000"),
        year_end_note="First year of reporting. Spend was £112k over the ceiling, almost all "
        "on locum social workers covering vacancies in Children's Social Care; a regional "
        "agency rate cap applies from April.",
    ),
    # Context: not_applicable.
    IndicatorSpec(
        "LPI CORP-10",
        "Number of Freedom of Information requests received",
        "Requests under the Freedom of Information Act and Environmental Information "
        "Regulations received in the period.",
        "From the information governance case log; quarters are added. Context indicator: no "
        "target is set.",
        Unit.COUNT,
        _NONE,
        _Q,
        _SUM,
        "policy",
        "tom.whitfield",
        "perf",
        ("LOCAL",),
        (None, None, None, None, None),
        ("1140", "1296", "1388", "1452"),
    ),
    # Band: L red, worsening; Q green, improving.
    IndicatorSpec(
        "LPI FIN-03",
        "Forecast revenue outturn variance against budget",
        "Forecast variance of the year's net revenue outturn from the approved budget, as a "
        "percentage of the net budget (positive = overspend). Within 1% either way is "
        "on track.",
        "Taken from the quarterly budget monitoring report to Cabinet; the Q4 figure is the "
        "provisional outturn.",
        Unit.PERCENT,
        _BAND,
        _Q,
        _LAST,
        "finance",
        "mark.fenwick",
        "tom.whitfield",
        ("LOCAL",),
        (("-1.0", "1.0"),) * 5,
        ("0.8", "-1.2", "1.9", "0.4"),
        decimal_places=1,
        tolerance_absolute="0.5",
        year_end_note="Overspend of 1.9% of net budget, driven by children's placements (14 "
        "more high-cost residential placements than budgeted) and home-to-school transport. "
        "Cabinet agreed a recovery plan and controls on non-essential spending.",
    ),
)
