"""One function per thing a user does: the only API the command line, the app and the reports call.

Every function takes keyword arguments and returns a typed result; every problem the user can act
on is a `BeatwalkError` (bad input, not found, conflict, database unusable) whose message is one
line in the domain's words. Long actions take a `SolveRequest` with progress and stop callbacks.
"""

from scheduler.actions.all_districts import plan_all_districts
from scheduler.actions.department import (
    HolidaysImported,
    district_people,
    district_settings,
    find_district,
    import_holidays,
    import_roster,
    import_settings,
    list_districts,
    open_department,
)
from scheduler.actions.edits import (
    Edited,
    add_participant,
    add_walk,
    check_plan,
    delete_walk,
    move_walk,
    remove_participant,
    set_coordinator,
    set_locked,
)
from scheduler.actions.incidents import (
    REQUEST,
    BoundaryImported,
    IncidentRequest,
    IncidentsImported,
    IncidentWalkAdded,
    add_incident_walk,
    add_incident_walk_to_file,
    import_boundary,
    import_incidents,
)
from scheduler.actions.partners import district_partners, import_partners
from scheduler.actions.plans import (
    MonthPlanned,
    SolveRequest,
    export_plan,
    month_people,
    month_problem,
    plan_files,
    plan_month,
    stored_plan,
)
from scheduler.actions.profile import ProfileImported, import_profile, neighborhood_profile
from scheduler.domain import Month, Plan, PlanningProblem
from scheduler.domain.errors import BeatwalkError, Conflict, InputError, InputErrors, NotFound, StoreError
from scheduler.domain.incidents import INCIDENT_KINDS, Incident
from scheduler.formats.incidents import coordinate as parse_coordinate
from scheduler.formats.incidents import parse_moment
from scheduler.planning.planner import Ending, PlanResult, Progress
from scheduler.planning.post_incident import OVER as INCIDENT_OVER
from scheduler.store import Database, DistrictRef, ImportSummary, SavedDistrict, StoredPlan
from scheduler.store.partners import PartnersImported

__all__ = [
    "INCIDENT_KINDS",
    "INCIDENT_OVER",
    "REQUEST",
    "BeatwalkError",
    "BoundaryImported",
    "Conflict",
    "Database",
    "DistrictRef",
    "Edited",
    "Ending",
    "HolidaysImported",
    "ImportSummary",
    "Incident",
    "IncidentRequest",
    "IncidentWalkAdded",
    "IncidentsImported",
    "InputError",
    "InputErrors",
    "Month",
    "MonthPlanned",
    "NotFound",
    "PartnersImported",
    "Plan",
    "PlanResult",
    "PlanningProblem",
    "ProfileImported",
    "Progress",
    "SavedDistrict",
    "SolveRequest",
    "StoreError",
    "StoredPlan",
    "add_incident_walk",
    "add_incident_walk_to_file",
    "add_participant",
    "add_walk",
    "check_plan",
    "delete_walk",
    "district_partners",
    "district_people",
    "district_settings",
    "export_plan",
    "find_district",
    "import_boundary",
    "import_holidays",
    "import_incidents",
    "import_partners",
    "import_profile",
    "import_roster",
    "import_settings",
    "list_districts",
    "month_people",
    "month_problem",
    "move_walk",
    "neighborhood_profile",
    "open_department",
    "parse_coordinate",
    "parse_moment",
    "plan_all_districts",
    "plan_files",
    "plan_month",
    "remove_participant",
    "set_coordinator",
    "set_locked",
    "stored_plan",
]
