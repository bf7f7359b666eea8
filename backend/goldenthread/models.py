"""Every model, imported so that the metadata knows the whole schema (Alembic, tests)."""

from goldenthread.actions.models import Action, ActionProgress
from goldenthread.appraisals.models import Appraisal
from goldenthread.audit.models import AuditEntry, FiguresVersion
from goldenthread.benchmarking.models import (
    BenchmarkAim,
    ComparatorCouncil,
    ComparatorGroup,
    ComparatorGroupMember,
    ComparatorValue,
)
from goldenthread.calendars.models import CalendarFeedToken
from goldenthread.clients.models import ApiClient
from goldenthread.commitments.models import Commitment, CommitmentItem, CommitmentReview
from goldenthread.core.db import Base
from goldenthread.cycle.models import CycleEvent, CycleEventLink, CycleTemplate
from goldenthread.deadlines.models import DeadlineRuleRow
from goldenthread.imports.models import ImportKey
from goldenthread.indicators.models import Indicator, IndicatorSet
from goldenthread.objectives.models import Objective, ObjectiveIndicator, ObjectiveLink
from goldenthread.organisations.models import Organisation, OrgUnit
from goldenthread.outturns.models import Outturn
from goldenthread.plans.models import Plan, PlanChecklistAnswer, QaChecklistItem
from goldenthread.reminders.models import SentReminder
from goldenthread.reports.models import FinanceFigure
from goldenthread.risks.models import Risk, RiskObjectiveLink, RiskReview
from goldenthread.targets.models import Target
from goldenthread.users.models import User
from goldenthread.webhooks.models import WebhookDelivery, WebhookSubscription

metadata = Base.metadata

__all__ = [
    "Action",
    "ActionProgress",
    "ApiClient",
    "Appraisal",
    "AuditEntry",
    "BenchmarkAim",
    "CalendarFeedToken",
    "Commitment",
    "CommitmentItem",
    "CommitmentReview",
    "ComparatorCouncil",
    "ComparatorGroup",
    "ComparatorGroupMember",
    "ComparatorValue",
    "CycleEvent",
    "CycleEventLink",
    "CycleTemplate",
    "DeadlineRuleRow",
    "FiguresVersion",
    "FinanceFigure",
    "ImportKey",
    "Indicator",
    "IndicatorSet",
    "Objective",
    "ObjectiveIndicator",
    "ObjectiveLink",
    "OrgUnit",
    "Organisation",
    "Outturn",
    "Plan",
    "PlanChecklistAnswer",
    "QaChecklistItem",
    "Risk",
    "RiskObjectiveLink",
    "RiskReview",
    "SentReminder",
    "Target",
    "User",
    "WebhookDelivery",
    "WebhookSubscription",
    "metadata",
]
