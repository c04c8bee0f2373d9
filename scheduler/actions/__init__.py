"""One function per thing a user does: the only API the command line, the app and the reports call.

Every function takes keyword arguments and returns a typed result; every problem the user can act
on is a `BeatwalkError` (bad input, not found, conflict, database unusable) whose message is one
line in the domain's words. Long actions take a `SolveRequest` with progress and stop callbacks.
"""

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
from scheduler.actions.neighborhood import (
    PROFILE,
    export_neighborhood_map,
    incident_locations,
    neighborhood_map,
    read_neighborhood_file,
    read_streets,
    save_community_profile,
    save_neighborhood_map,
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
from scheduler.domain.neighborhood import Event, Group, Landmark, MeetingPoint, Place, Profile, Resource
from scheduler.formats.boundary import Boundary
from scheduler.formats.incidents import coordinate as parse_coordinate
from scheduler.formats.incidents import parse_moment
from scheduler.formats.neighborhood_map import (
    NeighborhoodMap,
    Sector,
    clip_to_boundary,
    sector_at,
    sector_inside,
    without_sector,
)
from scheduler.formats.streets import Streets
from scheduler.planning.planner import Ending, PlanResult, Progress
from scheduler.planning.post_incident import OVER as INCIDENT_OVER
from scheduler.store import Database, DistrictRef, ImportSummary, SavedDistrict, StoredPlan
from scheduler.store.partners import PartnersImported

__all__ = [
    "INCIDENT_KINDS",
    "INCIDENT_OVER",
    "PROFILE",
    "REQUEST",
    "BeatwalkError",
    "Boundary",
    "BoundaryImported",
    "Conflict",
    "Database",
    "DistrictRef",
    "Edited",
    "Ending",
    "Event",
    "Group",
    "HolidaysImported",
    "ImportSummary",
    "Incident",
    "IncidentRequest",
    "IncidentWalkAdded",
    "IncidentsImported",
    "InputError",
    "InputErrors",
    "Landmark",
    "MeetingPoint",
    "Month",
    "MonthPlanned",
    "NeighborhoodMap",
    "NotFound",
    "PartnersImported",
    "Place",
    "Plan",
    "PlanResult",
    "PlanningProblem",
    "Profile",
    "ProfileImported",
    "Progress",
    "Resource",
    "SavedDistrict",
    "Sector",
    "SolveRequest",
    "StoreError",
    "StoredPlan",
    "Streets",
    "add_incident_walk",
    "add_incident_walk_to_file",
    "add_participant",
    "add_walk",
    "check_plan",
    "clip_to_boundary",
    "delete_walk",
    "district_partners",
    "district_people",
    "district_settings",
    "export_neighborhood_map",
    "export_plan",
    "find_district",
    "import_boundary",
    "import_holidays",
    "import_incidents",
    "import_partners",
    "import_profile",
    "import_roster",
    "import_settings",
    "incident_locations",
    "list_districts",
    "month_people",
    "month_problem",
    "move_walk",
    "neighborhood_map",
    "neighborhood_profile",
    "open_department",
    "parse_coordinate",
    "parse_moment",
    "plan_files",
    "plan_month",
    "read_neighborhood_file",
    "read_streets",
    "remove_participant",
    "save_community_profile",
    "save_neighborhood_map",
    "sector_at",
    "sector_inside",
    "set_coordinator",
    "set_locked",
    "stored_plan",
    "without_sector",
]
