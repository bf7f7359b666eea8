"""The action plan a council adopted in response to the Audit Commission's audit of its
performance management (approved January 2007), with its progress as reported to the audit
committee early in 2008: recommendations, actions, timescales, leads and progress in the
council's own words. People are replaced by fictional holders of the same roles (LEADS); the
county is the demo's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SOURCE = "Audit Commission: managing performance management, action plan (January 2007)"
APPROVED_ON = date(2007, 1, 31)
# The progress below is as reported to the audit and governance committee.
REPORTED_ON = date(2008, 1, 31)

# Lead key -> (username, full name, job title, org unit key): fictional role-holders.
LEADS: dict[str, tuple[str, str, str, str]] = {
    "ccs": (
        "elaine.carver",
        "Elaine Carver",
        "Director of Corporate and Customer Services",
        "resources",
    ),
    "policy": ("simon.hale", "Simon Hale", "Head of Policy and Performance", "policy"),
    "partnership": ("ruth.kendall", "Ruth Kendall", "Partnership Manager", "policy"),
    "chief": ("andrew.lyle", "Andrew Lyle", "Chief Executive", "resources"),
    "comms": ("karen.moss", "Karen Moss", "Head of Communications", "policy"),
    "resources": ("paul.ingram", "Paul Ingram", "Director of Resources", "resources"),
    "finance": ("nina.holt", "Nina Holt", "Head of Financial Services", "finance"),
    "hr": ("stephen.doyle", "Stephen Doyle", "Interim Head of Human Resources", "hr"),
    "audit": ("alison.reeve", "Alison Reeve", "Principal Audit Manager", "finance"),
    "legal": ("colin.ward", "Colin Ward", "Head of Legal and Democratic Services", "resources"),
}


@dataclass(frozen=True)
class PlanAction:
    letter: str
    text: str
    timescale: str
    due_on: date | None
    leads: tuple[str, ...]  # keys of LEADS; the first owns the action
    others: str  # leads that are groups ("directors, heads of service")
    complete: bool
    progress: str


@dataclass(frozen=True)
class Recommendation:
    number: int
    text: str
    response: str
    actions: tuple[PlanAction, ...]


def _a(
    letter: str,
    text: str,
    timescale: str,
    due_on: date | None,
    leads: tuple[str, ...],
    progress: str,
    *,
    complete: bool = False,
    others: str = "",
) -> PlanAction:
    return PlanAction(letter, text, timescale, due_on, leads, others, complete, progress)


CCS, POL = "ccs", "policy"

RECOMMENDATIONS: tuple[Recommendation, ...] = (
    Recommendation(
        5,
        "Decide on the extent to which the Council will integrate its own service planning, "
        "priorities and performance management arrangements with those of its key partners in "
        "the Wyvern Partnership",
        "The fullest possible integration of planning, priorities and performance management "
        "with key partners is crucial; immediately, the highest priority is integration between "
        "the Council and the primary care trust.",
        (
            _a(
                "a",
                "Discussion with the Partnership Chief Executives' Group and Performance "
                "Management Group, then the Partnership Board, leading to the preparation of a "
                "detailed implementation plan",
                "Discussions completed by June 2007, the detailed implementation plan in place "
                "by December 2007, the new arrangements operating from 1 April 2008",
                date(2008, 4, 1),
                (CCS, POL, "partnership"),
                "Already in place for children and young people, with a single three-year plan "
                "and an underpinning joint Forward Delivery Plan. The Partnership Board and a "
                "specially convened reference group have given detailed attention to the "
                "development of the Local Area Agreement. Detailed mapping of partner "
                "organisations' planning and performance management arrangements found some "
                "similarities but also important differences. The Chief Executives Group "
                "confirmed in June that the new high-level model would focus on the national and "
                "local PIs included in the new local area agreement, in respect of which an "
                "action plan will be developed by April 2008; partners will include relevant "
                "targets and actions in their own corporate and business plans from April 2008.",
            ),
            _a(
                "b",
                "Inclusion in the detailed implementation plan for the creation of public service "
                "arrangements with the primary care trust",
                "Integrated arrangements operating from the time public service arrangements are "
                "operational",
                date(2008, 4, 1),
                ("chief",),
                "The model developed under a) will be at the heart of the performance management "
                "arrangements for the public service arrangements with the primary care trust.",
            ),
        ),
    ),
    Recommendation(
        1,
        "Construct and communicate a high-level model that clearly and simply identifies how the "
        "Council intends to assess and measure its level of performance and rate of improvement",
        "The initial basis for the high-level model will be a detailed analysis of what is "
        "necessary to raise the Council's BVPI and other key PI scores, as well as its CPA "
        "scores, underpinned by a comprehensive communications plan.",
        (
            _a(
                "a",
                "The analysis to be discussed by SMT and CMB",
                "30 January 2007",
                date(2007, 1, 30),
                (CCS, POL),
                "Following visits by scrutiny members and officers to other councils, CMB and "
                "then Cabinet endorsed an interim high-level model that focuses on the Council's "
                "performance against the baskets of indicators that inform the annual Direction "
                "of Travel assessment.",
                complete=True,
            ),
            _a(
                "b",
                "Then by Cabinet and scrutiny",
                "22 February 2007",
                date(2007, 2, 22),
                (CCS, POL),
                "Achieved, as under a).",
                complete=True,
            ),
            _a(
                "c",
                "In parallel, identify potential models from high-performing local authorities",
                "End February 2007",
                date(2007, 2, 28),
                (CCS, POL),
                "Achieved, as under a).",
                complete=True,
            ),
            _a(
                "d",
                "Resulting initial Council model to be approved by CMB and Cabinet, "
                "including user-friendly templates that identify and rate the key measures of "
                "performance",
                "March 2007",
                date(2007, 3, 31),
                (CCS, POL),
                "The interim model was incorporated in a revised Performance Management "
                "Framework in place by March 2007.",
                complete=True,
            ),
            _a(
                "e",
                "The initial Council model to be operating based on its critical "
                "performance indicators",
                "From 1 April 2007",
                date(2007, 4, 1),
                (CCS, POL, "resources", "finance"),
                "Achieved, with new, bi-monthly integrated performance reports (IPRs) delivered "
                "to Cabinet and Strategic Monitoring Committee.",
                complete=True,
                others="transformation board chairs, heads of service",
            ),
            _a(
                "f",
                "Cabinet approval of initial revised Council Performance Improvement Framework",
                "April 2007",
                date(2007, 4, 30),
                (CCS, POL),
                "Achieved, as under a).",
                complete=True,
            ),
            _a(
                "g",
                "Cabinet and Partnership approval of the joint Partnership Performance "
                "Improvement Framework and model",
                "February 2008",
                date(2008, 2, 29),
                (CCS, POL, "partnership"),
                "Achieved (as under Recc. 5a), subject to Cabinet and Partnership approving the "
                "new Sustainable Community Strategy/LAA action plan by April 2008.",
            ),
            _a(
                "h",
                "Develop communications plan, including arrangements for publicising the "
                "completed template regularly to members, staff and other stakeholders",
                "End February 2007",
                date(2007, 2, 28),
                (CCS, "comms"),
                "Interim new model and performance highlights communicated to members, key "
                "managers and staff in a co-ordinated range of ways, including regular reports to "
                "CMB on PIs relevant to the Direction of Travel assessment, IPR summaries, staff "
                "newsletters and the Leadership Forum.",
                complete=True,
            ),
            _a(
                "i",
                "Implement communications plan",
                "As set out in the separate communications plan",
                date(2008, 3, 31),
                (CCS, "comms"),
                "Details set out in the Communications Plan, together with further actions for "
                "the period to 31 March 2008.",
            ),
        ),
    ),
    Recommendation(
        6,
        "Develop a simpler, clearer set of priorities, each with a basket of indicators and "
        "measures designed to provide a high-level picture of progress",
        "To be determined as part of the implementation of Reccs 5 and 1.",
        (
            _a(
                "a",
                "To be developed as part of the high-level model in Recc. 1",
                "As for Recc. 1",
                date(2007, 3, 31),
                (CCS, POL),
                "Completed; see under Recc. 1.",
                complete=True,
            ),
            _a(
                "b",
                "Strategic public consultation",
                "June 2007",
                date(2007, 6, 30),
                (CCS, POL),
                "Group Leaders agreed before the election to defer the proposed strategic "
                "consultation. Instead the focus has been on embedding the three-year "
                "performance improvement cycle. Public consultation and involvement are integral "
                "to the current process of identifying priorities for the new LAA.",
            ),
            _a(
                "c",
                "Decisions on priorities by the newly elected Council: Cabinet approves "
                "Corporate Plan 2008-11 (October 2007); Council approves it (November 2007)",
                "October 2007 and November 2007",
                date(2007, 11, 30),
                (CCS, POL),
                "Development of the Corporate Plan has taken longer than expected, owing to "
                "uncertainties as to whether a joint plan would be produced with the primary "
                "care trust and to reflect emerging decisions on council priorities. It will now "
                "be considered by Cabinet in March 2008.",
            ),
        ),
    ),
    Recommendation(
        8,
        "Produce regular high-level strategic assessments of performance trends, identifying, "
        "where relevant, barriers and levers to performance improvement",
        "The Recc. 1 model to be the initial basis for future integrated performance reports.",
        (
            _a(
                "a",
                "Design revised format for IPRs and gain CMB and Cabinet agreement (with "
                "input from SMT and SMC)",
                "April 2007",
                date(2007, 4, 30),
                (CCS, POL),
                "Achieved. See under Recc. 1.",
                complete=True,
            ),
            _a(
                "b",
                "Operate the revised format",
                "June 2007",
                date(2007, 6, 30),
                (CCS, POL),
                "Achieved. See under Recc. 1.",
                complete=True,
            ),
        ),
    ),
    Recommendation(
        2,
        "Develop and implement a consistent strategic approach to embedding a performance "
        "management culture",
        "To be achieved as an integral part of implementing Reccs. 5 and 1, drawing on "
        "successful practice in other councils; momentum to be maintained on measures already "
        "in hand.",
        (
            _a(
                "a",
                "Programme of detailed action to be developed for implementing Reccs. 5 and "
                "1 (embedding through the performance improvement cycle and the communications "
                "plan)",
                "Operating from 1 April 2007",
                date(2007, 4, 1),
                (CCS, POL),
                "Performance improvement cycle revised and operated, including director-level "
                "meetings to challenge proposals, culminating in a continuing series of joint "
                "Cabinet/CMB meetings to agree strategic priorities.",
                complete=True,
            ),
            _a(
                "b.i",
                "Complete appointment of performance improvement managers",
                "April 2007",
                date(2007, 4, 30),
                (POL,),
                "All performance managers in post, with the performance improvement network "
                "operating and meeting regularly since the spring.",
                complete=True,
            ),
            _a(
                "b.ii",
                "Currently programmed SRD and risk management training to be delivered",
                "January to March 2007",
                date(2007, 3, 31),
                ("hr", POL, "finance"),
                "Achieved.",
                complete=True,
            ),
            _a(
                "b.iii",
                "Develop targeted mandatory annual training and development programme, "
                "initially for 2007-08",
                "Operational from April 2007",
                date(2007, 4, 30),
                ("hr", POL),
                "Further round of SRD training, including essentials of performance and risk "
                "management, put in place and continuing. Development programme for service "
                "planning designed; being delivered with directorate management teams.",
            ),
            _a(
                "b.iv",
                "Disseminate the results of the performance management improvements in "
                "children's and adult social care services and other good practice, considering "
                "their application more generally",
                "From April 2007",
                date(2007, 4, 30),
                (POL, "comms"),
                "Performance improvement network and CMB/SMT workstream meetings include a "
                "directorate by directorate round-up as a standing item. Two cohorts of key "
                "managers in children's services have completed performance management training; "
                "in adult social care, routine team performance appraisals and performance "
                "clinics. A rolling programme will be maintained.",
                others="SMT",
            ),
        ),
    ),
    Recommendation(
        3,
        "Ensure that the respective roles and responsibilities of the Council's partnership team "
        "and the directorate performance management officers are clear",
        "Secure clear understanding and ownership amongst directors and heads of service; keep "
        "guidance under review; regular fora to ensure good communication.",
        (
            _a(
                "a",
                "Discuss with directorate management teams",
                "Before end March 2007",
                date(2007, 3, 31),
                (POL,),
                "Achieved. Regular subsequent discussions between the Head of Policy and "
                "Performance and individual directors.",
                complete=True,
            ),
            _a(
                "b",
                "Identify the key meetings in directorates below DMT level where "
                "performance is debated and decisions taken",
                "Before end March 2007",
                date(2007, 3, 31),
                (POL,),
                "DMT members required to ensure effective two-way communications with all "
                "managers and staff in their areas.",
            ),
            _a(
                "c",
                "Review, develop and refresh the guidance and protocols to reflect the "
                "activities and tasks under the arrangements agreed with key partners",
                "December 2007",
                date(2007, 12, 31),
                (POL,),
                "Clarified and reissued description of roles and responsibilities for plans and "
                "PIs. To be reviewed in the light of the new Sustainable Community Strategy/LAA "
                "action plan in April 2008.",
            ),
            _a(
                "d",
                "Regular meetings of the performance improvement network",
                "At least monthly",
                None,
                (POL,),
                "Monthly network meetings have taken place and continue, chaired by the Head of "
                "Policy and Performance; also six-weekly meetings of the CMB/SMT performance "
                "improvement workstream group.",
            ),
            _a(
                "e",
                "Review the effectiveness of the performance improvement network and the SMT "
                "performance improvement sub-group, recommending changes where necessary",
                "September 2007",
                date(2007, 9, 30),
                (POL,),
                "Review approved by CMB in September 2007. It showed that the network had "
                "contributed to a significant increase in the number of improving PIs, a "
                "reduction in red PIs and improvements to data quality; the workstream reviewed "
                "service planning guidance and instituted the system for scoring the content and "
                "quality of plans.",
                complete=True,
            ),
            _a(
                "f",
                "Corporate policy and performance roles to be reviewed and posts re-evaluated",
                "June 2007",
                date(2007, 6, 30),
                (POL,),
                "Up-to-date job descriptions and person specifications produced; priority given "
                "to vacant research posts. The more general evaluation now to be taken forward "
                "with the public service arrangements.",
            ),
        ),
    ),
    Recommendation(
        4,
        "Ensure that members, both at cabinet and overview and scrutiny level, are fully "
        "involved in, and integrated into, the Council's performance management arrangements",
        "To be achieved as an integral part of implementing Reccs. 5, 1, 6, 8 and 2, reflected "
        "in a members' guide to performance management.",
        (
            _a(
                "b",
                "Circulate the IDeA guide to members",
                "January 2007",
                date(2007, 1, 31),
                (CCS, "legal", POL),
                "IDeA guide discussed and distributed as part of members' induction seminars on "
                "scrutiny and performance management.",
                complete=True,
            ),
            _a(
                "d",
                "Initial members' guide",
                "April 2007",
                date(2007, 4, 30),
                (CCS, "legal", POL),
                "It was agreed that the IDeA guide, coupled with induction training and "
                "discussion, would suffice.",
                complete=True,
            ),
            _a(
                "e",
                "The induction programme following the May 2007 election will include "
                "sessions on performance improvement",
                "Beginning May 2007",
                date(2007, 5, 31),
                (CCS, "legal", POL),
                "Achieved, as under b).",
                complete=True,
            ),
            _a(
                "f",
                "Members' guide reflecting the longer-term arrangements agreed with partners",
                "February 2008",
                date(2008, 2, 29),
                (CCS, "legal", POL),
                "Further guidance will be developed, by April 2008, as part of the new "
                "Sustainable Community Strategy/LAA action plan.",
            ),
            _a(
                "g.i",
                "Cabinet members' annual presentations to scrutiny committees",
                "June 2007",
                date(2007, 6, 30),
                ("legal",),
                "Annual presentations have been made by the lead Cabinet members to the relevant "
                "scrutiny committees, rescheduled around the induction programme.",
                complete=True,
            ),
            _a(
                "g.iv",
                "Annual review of the operation of the performance management framework",
                "October 2007",
                date(2007, 10, 31),
                (POL,),
                "Proposed updated performance management framework will be before Cabinet for "
                "approval shortly.",
            ),
        ),
    ),
    Recommendation(
        7,
        "Ensure that the role, purpose and content of service plans clearly links to the "
        "high-level set of indicators and measures, and reflect the approach the Council has "
        "decided to adopt in linking with partnership priorities",
        "To be achieved as part of implementing Reccs. 5, 1, 6, 8 and 2, including guidance on "
        "local indicators, setting targets and dealing with risks.",
        (
            _a(
                "a",
                "Reflect in revised requirements for directorate and service plans 2008-11",
                "September 2007",
                date(2007, 9, 30),
                (POL,),
                "Achieved, following discussion through the performance improvement network on "
                "1 November. Plans are being quality-assured against a checklist based on the "
                "guidance.",
                complete=True,
            ),
        ),
    ),
    Recommendation(
        9,
        "Develop the current performance reporting process to provide both a more consistent "
        "approach to reporting performance within directorates, and a clearer, higher-level "
        "report of progress against priorities",
        "Make initial improvements on the basis of Recc. 1, then longer-term improvements "
        "consistent with Recc. 5.",
        (
            _a(
                "a",
                "Map and review current procedures for reports to lead Cabinet members and "
                "the chief executive's performance review meetings; apply best practice; issue "
                "fresh requirements and templates; communicate the performance headlines",
                "In operation from 1 April 2007",
                date(2007, 4, 1),
                (POL, "comms"),
                "Achieved, resulting in new templates for the regular reports to Cabinet members "
                "and a new, standardised core agenda for the chief executive's performance review "
                "meetings with individual members of CMB.",
                complete=True,
                others="directors, heads of service",
            ),
            _a(
                "b",
                "Bring the longer-term improvements into effect",
                "1 April 2008",
                date(2008, 4, 1),
                (POL,),
                "On schedule, as under Recc. 5.",
            ),
        ),
    ),
    Recommendation(
        10,
        "Improve the way in which remedial action to address poor or under-performance is both "
        "presented and progress against it reported at corporate as well as directorate level",
        "Part of implementing Reccs. 8 and 9, making challenge even more systematic and rigorous "
        "under the performance improvement cycle.",
        (
            _a(
                "a",
                "Design revised format for IPRs and gain CMB and Cabinet agreement",
                "April 2007",
                date(2007, 4, 30),
                (CCS, POL),
                "Achieved, as under Recc. 1.",
                complete=True,
            ),
            _a(
                "b",
                "Operate the revised IPR format",
                "June 2007",
                date(2007, 6, 30),
                (CCS, POL),
                "Achieved, as under Recc. 1.",
                complete=True,
            ),
            _a(
                "c",
                "Introduce challenge board under the performance improvement cycle, relating "
                "proposed outputs and outcomes to budget planning",
                "July 2007",
                date(2007, 7, 31),
                (CCS, "resources"),
                "Achieved.",
                complete=True,
            ),
            _a(
                "e",
                "Make longer-term improvements consistent with the implementation of Recc. 5",
                "1 April 2008",
                date(2008, 4, 1),
                (CCS, POL),
                "On schedule, as under Recc. 5.",
            ),
        ),
    ),
    Recommendation(
        11,
        "Ensure that there is a better consistency and purpose in the reporting of performance "
        "to executive and non-executive members",
        "Part of implementing Reccs. 9 and 10, making clear the specific roles of scrutiny "
        "members in respect of performance management.",
        (
            _a(
                "a",
                "See Reccs. 9 and 10",
                "See Reccs. 9 and 10",
                date(2008, 4, 1),
                (CCS, POL),
                "As under recommendations 9 and 10.",
                others="directors, heads of service",
            ),
        ),
    ),
    Recommendation(
        12,
        "Improve the quality assessment of the SRD process to ensure that, among other things, "
        "individual targets are linked to service and corporate targets",
        "QA process initiated and now needs to be rolled out consistently and embedded across "
        "the Council.",
        (
            _a(
                "a",
                "Cascade of QA to be initiated by HR with directors and rolled out for the "
                "coming round of SRDs; guidance to be re-issued; cascade to be documented",
                "Directors and heads of service by March, other tiers before the end of May 2007",
                date(2007, 5, 31),
                ("hr",),
                "Achieved, resulting in 97% of SRDs being completed on schedule (compared with "
                "94% in the previous year).",
                complete=True,
                others="directors and heads of service",
            ),
            _a(
                "b",
                "Internal audit to test effectiveness of the cascade",
                "As agreed with internal audit",
                date(2007, 12, 31),
                ("audit",),
                "QA audit carried out on a sample of SRDs. Headlines: not always sufficiently "
                "clear links between the Council's priorities, objectives and targets and those "
                "of the individual; instances where only training issues were discussed. As a "
                "result, the SRD pro forma was improved to show explicitly the link from "
                "service and team plans to an individual's objectives, targets and training "
                "needs.",
                complete=True,
            ),
            _a(
                "c",
                "Routine monitoring of satisfactory and timely completion of SRDs by "
                "departmental HR officers, reporting results to SMT, CMB and Cabinet",
                "May 2007 and annually thereafter",
                date(2007, 5, 31),
                ("hr",),
                "Achieved. Head of HR reported progress regularly to CMB.",
                complete=True,
            ),
            _a(
                "d",
                "First phase of new SRD training programme to be completed",
                "March 2007",
                date(2007, 3, 31),
                ("hr", POL),
                "Achieved.",
                complete=True,
            ),
            _a(
                "e",
                "Subsequent phases of SRD training to be developed as part of the targeted "
                "mandatory annual training and development programme",
                "April 2007",
                date(2007, 4, 30),
                ("hr",),
                "Further round of SRD training, including essentials of performance and risk "
                "management, put in place and continuing.",
            ),
        ),
    ),
    Recommendation(
        13,
        "Ensure that there are clear links between the action points in the Directors' "
        "Performance Review meetings and the issues discussed at DMTs and other management and "
        "team meetings within the directorates",
        "To be implemented alongside Reccs. 3, 9 and 10.",
        (
            _a(
                "a",
                "Identify and disseminate best practice",
                "March 2007",
                date(2007, 3, 31),
                (POL,),
                "Achieved. Timetables and processes in place in directorates.",
                complete=True,
            ),
            _a(
                "b",
                "Implement best practice",
                "April 2007",
                date(2007, 4, 30),
                ("hr",),
                "Achieved: directors receive performance reports from heads of service before "
                "each meeting with the chief executive and discuss the key points at subsequent "
                "DMTs.",
                complete=True,
                others="directors",
            ),
        ),
    ),
    Recommendation(
        14,
        "Place more emphasis on the celebration and rewarding of success",
        "To feature in all aspects of implementation and as part of the Council's wider "
        "approach to rewards and recognition, including the positive results of customer "
        "feedback.",
        (
            _a(
                "a",
                "Feature highlights of good performance in the IPR and in all other "
                "performance reports, corporately and in directorates",
                "Immediately",
                date(2007, 2, 28),
                (POL,),
                "Achieved in respect of the new IPRs and in directorates' performance reporting; "
                "featured also in corporate and service newsletters.",
                complete=True,
                others="directors, heads of service",
            ),
            _a(
                "b",
                "Develop full rewards and recognition programme",
                "To be discussed with the Head of Communications during 2007",
                date(2007, 12, 31),
                ("hr", "comms"),
                "A range of reward and recognition initiatives have been taken, including "
                "leadership awards at quarterly all-staff meetings. There is not yet a corporate "
                "programme but, as the first step, existing benefits packages are being "
                "collated.",
            ),
        ),
    ),
)
