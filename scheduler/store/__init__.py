"""The department database: SQLAlchemy tables, Alembic migrations and the service layer.

Callers use `open_database` and the functions of `districts`, `people`, `plans`, `neighborhood`
and `logs`, which take and return plain domain values; the ORM classes in `schema` stay inside
this package.
"""

from scheduler.store.database import Database, default_url, open_database
from scheduler.store.districts import (
    DistrictRef,
    SavedDistrict,
    SettingsConflict,
    add_district,
    add_holidays,
    calendar_id,
    find_district,
    get_district,
    list_districts,
    save_settings,
    stored_settings,
    update_district,
)
from scheduler.store.people import (
    ImportSummary,
    PersonConflict,
    RosterEntry,
    active_people,
    all_people,
    department_people,
    import_roster,
    roster_entries,
    update_person,
)
from scheduler.store.plans import (
    PlanChange,
    PlanConflict,
    StoredPlan,
    load_plan,
    plan_changes,
    save_plan,
    walks_elsewhere,
)

__all__ = [
    "Database",
    "DistrictRef",
    "ImportSummary",
    "PersonConflict",
    "PlanChange",
    "PlanConflict",
    "RosterEntry",
    "SavedDistrict",
    "SettingsConflict",
    "StoredPlan",
    "active_people",
    "add_district",
    "add_holidays",
    "all_people",
    "calendar_id",
    "default_url",
    "department_people",
    "find_district",
    "get_district",
    "import_roster",
    "list_districts",
    "load_plan",
    "open_database",
    "plan_changes",
    "roster_entries",
    "save_plan",
    "save_settings",
    "stored_settings",
    "update_district",
    "update_person",
    "walks_elsewhere",
]
