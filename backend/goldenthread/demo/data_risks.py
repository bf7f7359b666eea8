"""The demo's risk register, a head of service's commitments and the people behind both.

Declarative data only. Every person here is an invented role-holder; the risks are the kind a
county council's corporate and service registers hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.commitments.rules import Quadrant
from goldenthread.core.principal import Role
from goldenthread.risks.rules import Category, Control

Score = tuple[int, int]  # (likelihood, impact)


@dataclass(frozen=True)
class PersonSpec:
    username: str
    full_name: str
    job_title: str
    unit: str | None
    role: Role = Role.CONTRIBUTOR
    # Where another part of the demo already has someone in this job, they are used instead.
    reuse_job_title: str | None = None


@dataclass(frozen=True)
class RiskSpec:
    code: str
    title: str
    description: str
    category: Category
    unit: str | None  # org unit key; None for a corporate risk
    owner: str
    inherent: Score
    control: Control
    controls: str
    # Residual scores found at the quarterly reviews, oldest first; the last is current.
    # Empty: not yet reviewed, the residual is ``residual``.
    reviews: tuple[Score, ...] = ()
    residual: Score | None = None


@dataclass(frozen=True)
class CommitmentRow:
    quadrant: Quadrant
    outcome: str
    evidence: str
    action_plan: str
    indicator: str = ""  # an indicator code of the demo register, or words
    risk: Score | None = None  # (impact, likelihood) as the template asks
    progress: str = ""


# Directors and the chief executive sign commitments off; the staff give the appraisal
# completion rate something to count.
PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec(
        "chief.executive",
        "Alison Thorne",
        "Chief Executive",
        None,
        Role.MANAGER,
        reuse_job_title="Chief Executive",
    ),
    PersonSpec(
        "director.env",
        "Robert Kane",
        "Director of Environment and Communities",
        "env",
        Role.MANAGER,
    ),
    PersonSpec(
        "director.cyp", "Sarah Lund", "Director of Children and Young People", "cyp", Role.MANAGER
    ),
    PersonSpec("kate.armitage", "Kate Armitage", "Waste Education Officer", "recycling"),
    PersonSpec("sam.okafor", "Sam Okafor", "Recycling Centres Supervisor", "recycling"),
    PersonSpec("lucy.brennan", "Lucy Brennan", "Waste Data Analyst", "waste"),
    PersonSpec("ian.crossley", "Ian Crossley", "Collections Manager", "waste"),
    PersonSpec("maria.santos", "Maria Santos", "Trade Waste Officer", "waste"),
    PersonSpec("gavin.holt", "Gavin Holt", "Highways Inspector", "network"),
    PersonSpec("emma.price", "Emma Price", "Street Works Coordinator", "network"),
    PersonSpec("josh.bell", "Josh Bell", "Senior Social Worker", "lac"),
    PersonSpec("amira.khan", "Amira Khan", "Social Worker", "referral"),
)

# Who reports to whom (username -> line manager's username).
LINE_MANAGERS: dict[str, str] = {
    "director.env": "chief.executive",
    "director.cyp": "chief.executive",
    "perf": "chief.executive",
    "manager": "director.env",
    "owen.llewellyn": "director.env",
    "claire.dobson": "director.env",
    "owner": "manager",
    "rhys.morgan": "manager",
    "kate.armitage": "owner",
    "sam.okafor": "manager",
    "lucy.brennan": "manager",
    "ian.crossley": "manager",
    "maria.santos": "ian.crossley",
    "gavin.holt": "owen.llewellyn",
    "emma.price": "owen.llewellyn",
    "rachel.greaves": "director.cyp",
    "daniel.mensah": "rachel.greaves",
    "josh.bell": "daniel.mensah",
    "amira.khan": "rachel.greaves",
    "tom.whitfield": "perf",
}

# People other parts of the demo may add (the recycling team of the golden thread): placed
# in the tree and appraised when they are there.
OPTIONAL_LINE_MANAGERS: dict[str, str] = {
    "grace.whitlow": "manager",
    "kwame.asante": "grace.whitlow",
}

# Appraisals of the SRD season: (person, reviewer, day offset into the season or None for
# not yet held). Day 0 is 1 February; the season closes on 30 June (day 149).
APPRAISALS: tuple[tuple[str, str, int | None], ...] = (
    ("manager", "director.env", 40),
    ("owner", "manager", 75),
    ("rhys.morgan", "manager", 82),
    ("kate.armitage", "owner", 96),
    ("sam.okafor", "manager", 110),
    ("lucy.brennan", "manager", 118),
    ("ian.crossley", "manager", 131),
    ("maria.santos", "ian.crossley", 170),  # late: July
    ("owen.llewellyn", "director.env", 60),
    ("gavin.holt", "owen.llewellyn", None),
    ("emma.price", "owen.llewellyn", 145),
    ("rachel.greaves", "director.cyp", 88),
    ("daniel.mensah", "rachel.greaves", 101),
    ("josh.bell", "daniel.mensah", None),
    ("amira.khan", "rachel.greaves", 190),  # late: August
    ("tom.whitfield", "perf", 52),
    ("claire.dobson", "director.env", 124),
)
OPTIONAL_APPRAISALS: tuple[tuple[str, str, int | None], ...] = (
    ("grace.whitlow", "manager", 70),
    ("kwame.asante", "grace.whitlow", 92),
)

TRAINING = (
    "Contract management (CIPS level 4)",
    "Managing difficult conversations; budget holder training",
    "Excel and Power Query for performance data",
    "Health and safety: IOSH Managing Safely",
    "Coaching skills for team leaders",
)

_S, _O, _P = Category.STRATEGIC, Category.OPERATIONAL, Category.PARTNERSHIP
_TOL, _TRE, _TRA, _TER = Control.TOLERATE, Control.TREAT, Control.TRANSFER, Control.TERMINATE

RISKS: tuple[RiskSpec, ...] = (
    RiskSpec(
        "CR 01", "Medium-term budget gap not closed",
        "Funding reductions and demand growth leave a gap in the medium-term financial "
        "strategy that savings plans do not close.",
        _S, None, "mark.fenwick", (5, 5), _TRE,
        "Savings programme board meets monthly; reserves policy; quarterly budget monitoring "
        "to Cabinet.",
        reviews=((5, 5), (4, 5), (4, 5)),
    ),
    RiskSpec(
        "CR 02", "Safeguarding failure leading to serious harm to a child",
        "A child known to services comes to serious harm because information was not shared "
        "or acted on.",
        _S, "csc", "rachel.greaves", (4, 5), _TRE,
        "Multi-agency safeguarding hub; audit of case files each month; caseload caps.",
        reviews=((3, 5), (3, 5), (2, 5)),
    ),
    RiskSpec(
        "CR 03", "Failure of key ICT systems",
        "Loss of the council's core systems through cyber attack or hardware failure.",
        _S, None, "admin", (4, 4), _TRE,
        "Off-site backups tested quarterly; cyber essentials plus; business continuity plans.",
        reviews=((3, 4), (3, 4)),
    ),
    RiskSpec(
        "CR 04", "Recruitment and retention of social workers",
        "Vacancies and agency reliance in children's social care raise cost and weaken "
        "practice.",
        _S, "cyp", "rachel.greaves", (5, 4), _TRE,
        "Market supplement; grow-your-own trainee scheme; exit interviews reviewed.",
        reviews=((5, 4), (5, 4), (5, 3)),
    ),
    RiskSpec(
        "CR 05", "Performance management does not drive improvement",
        "Targets are not owned and red indicators go without remedial action, harming the "
        "use of resources judgement.",
        _S, "policy", "perf", (3, 4), _TRE,
        "Integrated performance report to Cabinet quarterly; remedial actions for red "
        "indicators; golden-thread audit of service plans.",
        reviews=((3, 3), (2, 3), (2, 3)),
    ),
    RiskSpec(
        "CR 06", "Adult social care demand exceeds budget",
        "An ageing population raises demand for home care and placements beyond the budget.",
        _S, "asch", "alan.brooks", (5, 4), _TRE,
        "Reablement first; monthly demand dashboard; joint commissioning with health.",
        reviews=((5, 4), (4, 4), (4, 4)),
    ),
    RiskSpec(
        "PR 01", "Partners withdraw from Local Area Agreement targets",
        "A partner cannot fund its share of LAA delivery, putting reward grant at risk.",
        _P, "policy", "perf", (3, 4), _TRE,
        "Partnership board reviews LAA delivery quarterly; lead officer for each target.",
        reviews=((3, 3), (3, 4)),
    ),
    RiskSpec(
        "PR 02", "Community safety partnership loses funding",
        "Short-term grants for the community safety partnership end without replacement.",
        _P, "safer", "claire.dobson", (4, 3), _TOL,
        "Exit plans for each grant-funded post; bids to the police and crime budget.",
        residual=(3, 3),
    ),
    RiskSpec(
        "PR 03", "Delayed discharges from hospital",
        "People medically fit to leave hospital wait for care, harming them and the "
        "partnership's shared targets.",
        _P, "asc_ops", "alan.brooks", (4, 4), _TRE,
        "Daily discharge calls with the health trust; trusted assessor scheme.",
        reviews=((4, 3), (3, 3), (3, 2)),
    ),
    RiskSpec(
        "OR 01", "Collapse of the market for recycled materials",
        "Prices for dry recyclables fall so far that collection costs rise and the "
        "recycling rate is threatened.",
        _O, "waste", "manager", (4, 4), _TRE,
        "Long-term offtake contract; a second reprocessor on the framework.",
        reviews=((3, 3), (3, 4), (4, 4)),
    ),
    RiskSpec(
        "OR 02", "Landfill allowance exceeded",
        "Biodegradable waste sent to landfill exceeds the allowance, incurring penalties.",
        _O, "waste", "rhys.morgan", (3, 5), _TRE,
        "Food waste collection roll-out; monthly tonnage monitoring against the allowance.",
        reviews=((2, 5), (2, 4)),
    ),
    RiskSpec(
        "OR 03", "Collection vehicle fleet breakdowns",
        "An ageing fleet causes missed collections and hire costs.",
        _O, "waste", "owner", (4, 2), _TRA,
        "Maintenance contract with penalty clauses; spare vehicle cover in the contract.",
        reviews=((2, 2), (2, 2)),
    ),
    RiskSpec(
        "OR 04", "Injury to staff at household recycling centres",
        "Members of the public or staff are injured by vehicles or skips at the sites.",
        _O, "recycling", "owner", (3, 4), _TRE,
        "Site traffic management plans; annual risk assessments; staff training.",
        residual=(2, 3),
    ),
    RiskSpec(
        "OR 05", "Highway defects lead to insurance claims",
        "Potholes not repaired within standard lead to injury and claims.",
        _O, "network", "owen.llewellyn", (4, 3), _TRE,
        "Risk-based inspection regime; 24-hour repair of category 1 defects.",
        reviews=((4, 3), (3, 3), (4, 3)),
    ),
    RiskSpec(
        "OR 06", "Winter gritting cannot be delivered",
        "Salt shortage or driver absence stops the priority gritting network being treated.",
        _O, "highways", "owen.llewellyn", (2, 5), _TRE,
        "Salt stock of six days; mutual aid with neighbouring authorities.",
        residual=(1, 5),
    ),
    RiskSpec(
        "OR 07", "Loss of personal data",
        "Personal data is sent to the wrong recipient or lost on a device.",
        _O, "revenues", "mark.fenwick", (4, 3), _TRE,
        "Encrypted devices; secure email; data protection training each year.",
        reviews=((3, 3), (3, 2)),
    ),
    RiskSpec(
        "OR 08", "School improvement capacity",
        "Too few advisers to support schools causing concern.",
        _O, "learning", "fiona.carr", (3, 3), _TOL,
        "Buy-in from neighbouring authority advisers when needed.",
        residual=(3, 2),
    ),
    RiskSpec(
        "OR 09", "Trading standards prosecutions fail",
        "Cases fail through procedural error, with costs awarded against the council.",
        _O, "trading_standards", "claire.dobson", (2, 3), _TOL,
        "Legal review of every case file before charge.",
        residual=(1, 3),
    ),
    RiskSpec(
        "OR 10", "Outsourced payroll service failure",
        "The payroll provider fails to pay staff on time.",
        _O, "hr", "joanne.hurst", (2, 4), _TRA,
        "Contract with service credits; parallel run each April.",
        residual=(1, 2),
    ),
    RiskSpec(
        "OR 11", "Paper-based appraisal records",
        "A legacy paper SRD process that could not show completion; ended by moving to the "
        "online record.",
        _O, "hr", "joanne.hurst", (3, 2), _TER,
        "Paper forms withdrawn; online appraisal records for all staff.",
        residual=(1, 1),
    ),
)  # fmt: skip

COMMITMENT_ROWS: tuple[CommitmentRow, ...] = (
    CommitmentRow(
        Quadrant.CUSTOMERS,
        "Fewer missed bin collections after the round changes",
        "Contact centre logs; crew tablets",
        "Re-route the Tuesday and Thursday rounds; crews confirm each street by tablet",
        indicator="Missed collections per 100,000",
        risk=(3, 2),
        progress="Missed collections down a fifth since the re-route.",
    ),
    CommitmentRow(
        Quadrant.CUSTOMERS,
        "Residents are satisfied with waste collection",
        "Place Survey; complaints",
        "Publish collection calendars; text alerts for changed days",
        indicator="Satisfaction with refuse collection",
        risk=(2, 2),
    ),
    CommitmentRow(
        Quadrant.OPERATIONS,
        "Household waste recycled and composted above 40%",
        "Monthly tonnage returns (WasteDataFlow)",
        "Roll out food waste collection to the remaining 30,000 homes",
        indicator="NI 192",
        risk=(4, 3),
        progress="Food waste live in two of the three districts; third from the autumn.",
    ),
    CommitmentRow(
        Quadrant.OPERATIONS,
        "Less biodegradable waste to landfill",
        "Landfill allowance monitoring",
        "Divert garden waste to the new composting contract",
        indicator="NI 193",
        risk=(5, 2),
    ),
    CommitmentRow(
        Quadrant.RESOURCES,
        "Waste budget within 1% of forecast",
        "Budget monitoring at months 4, 6, 8 and 10",
        "Monthly review with the finance business partner; fuel price hedge",
        risk=(3, 3),
        progress="Month 8: projected overspend of 0.6% on fuel, offset by recyclate income.",
    ),
    CommitmentRow(
        Quadrant.RESOURCES,
        "Sickness absence in the collection crews below 10 days",
        "HR absence reports",
        "Return-to-work interviews within three days; manual handling refresher",
        risk=(2, 3),
    ),
    CommitmentRow(
        Quadrant.INNOVATION_AND_LEARNING,
        "Every member of the service has an SRD by the end of May",
        "Appraisal records",
        "SRD schedule agreed with team leaders in February",
        indicator="SRDs completed between February and June",
        risk=(2, 2),
        progress="All but one held by the end of June.",
    ),
    CommitmentRow(
        Quadrant.INNOVATION_AND_LEARNING,
        "Crews report defects and fly-tipping from the cab",
        "Pilot evaluation",
        "Pilot in-cab reporting on two rounds; extend if it saves officer time",
        risk=(2, 2),
    ),
)

REVIEW_NOTES = {
    "september": "Mid-year review: good progress on food waste; fuel costs to watch.",
    "january": "Recycling on course for the target; budget pressure contained.",
}
