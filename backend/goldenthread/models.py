"""Every model, imported so that the metadata knows the whole schema (Alembic, tests)."""

from goldenthread.audit.models import AuditEntry, FiguresVersion
from goldenthread.core.db import Base
from goldenthread.indicators.models import Indicator, IndicatorSet
from goldenthread.organisations.models import Organisation, OrgUnit
from goldenthread.outturns.models import Outturn
from goldenthread.targets.models import Target
from goldenthread.users.models import User

metadata = Base.metadata

__all__ = [
    "AuditEntry",
    "FiguresVersion",
    "Indicator",
    "IndicatorSet",
    "OrgUnit",
    "Organisation",
    "Outturn",
    "Target",
    "User",
    "metadata",
]
