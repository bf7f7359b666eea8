"""Every model, imported so that the metadata knows the whole schema (Alembic, tests)."""

from goldenthread.audit.models import AuditEntry, FiguresVersion
from goldenthread.calendars.models import CalendarFeedToken
from goldenthread.clients.models import ApiClient
from goldenthread.core.db import Base
from goldenthread.cycle.models import CycleEvent, CycleEventLink, CycleTemplate
from goldenthread.deadlines.models import DeadlineRuleRow
from goldenthread.imports.models import ImportKey
from goldenthread.indicators.models import Indicator, IndicatorSet
from goldenthread.organisations.models import Organisation, OrgUnit
from goldenthread.outturns.models import Outturn
from goldenthread.reminders.models import SentReminder
from goldenthread.targets.models import Target
from goldenthread.users.models import User
from goldenthread.webhooks.models import WebhookDelivery, WebhookSubscription

metadata = Base.metadata

__all__ = [
    "ApiClient",
    "AuditEntry",
    "CalendarFeedToken",
    "CycleEvent",
    "CycleEventLink",
    "CycleTemplate",
    "DeadlineRuleRow",
    "FiguresVersion",
    "ImportKey",
    "Indicator",
    "IndicatorSet",
    "OrgUnit",
    "Organisation",
    "Outturn",
    "SentReminder",
    "Target",
    "User",
    "WebhookDelivery",
    "WebhookSubscription",
    "metadata",
]
