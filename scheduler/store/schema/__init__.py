"""The department database's tables, as SQLAlchemy 2 typed ORM classes, one module per subject.

Only the store package touches these classes: the planner, reports and GUI get plain domain values
(`scheduler.domain`) from the store's functions, converted in `scheduler.store.convert`. Every type
is portable, so one schema serves the embedded SQLite file and a department's shared PostgreSQL.
Importing this package registers every table on `Base.metadata`, which Alembic compares with the
migrations.
"""

from scheduler.store.schema.base import NAMING_CONVENTION, Base, UTCDateTime, utc_now
from scheduler.store.schema.districts import PERIODS, DistrictRow, HolidayRow, WalkRoleRow, WalkTypeRow
from scheduler.store.schema.logs import OutcomeRow, PhotoRow, WalkLogParticipantRow, WalkLogRow
from scheduler.store.schema.neighborhood import (
    PLACE_KINDS,
    CommunityEventRow,
    CommunityGroupRow,
    CommunityResourceRow,
    IncidentRow,
    NeighborhoodRow,
    PlaceRow,
    SectorRow,
)
from scheduler.store.schema.people import (
    ENGAGEMENTS,
    RANKS,
    UNITS,
    DistrictPersonRow,
    LeaveRow,
    PartnerRow,
    PersonRow,
)
from scheduler.store.schema.plans import (
    PLAN_STATUSES,
    WALK_SOURCES,
    PlanChangeRow,
    PlanRow,
    QualityTermRow,
    ShortfallRow,
    WalkParticipantRow,
    WalkPartnerRow,
    WalkRow,
)

__all__ = [
    "ENGAGEMENTS",
    "NAMING_CONVENTION",
    "PERIODS",
    "PLACE_KINDS",
    "PLAN_STATUSES",
    "RANKS",
    "UNITS",
    "WALK_SOURCES",
    "Base",
    "CommunityEventRow",
    "CommunityGroupRow",
    "CommunityResourceRow",
    "DistrictPersonRow",
    "DistrictRow",
    "HolidayRow",
    "IncidentRow",
    "LeaveRow",
    "NeighborhoodRow",
    "OutcomeRow",
    "PartnerRow",
    "PersonRow",
    "PhotoRow",
    "PlaceRow",
    "PlanChangeRow",
    "PlanRow",
    "QualityTermRow",
    "SectorRow",
    "ShortfallRow",
    "UTCDateTime",
    "WalkLogParticipantRow",
    "WalkLogRow",
    "WalkParticipantRow",
    "WalkPartnerRow",
    "WalkRoleRow",
    "WalkRow",
    "WalkTypeRow",
    "utc_now",
]
