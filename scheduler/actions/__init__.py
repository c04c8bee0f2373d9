"""One function per thing a user does: the only API the command line, the app and the reports call.

Every function takes keyword arguments and returns a typed result; every problem the user can act
on is a `BeatwalkError` (bad input, not found, conflict, database unusable) whose message is one
line in the domain's words. Long actions take a `SolveRequest` with progress and stop callbacks.
"""

from scheduler.actions.demo import DEMO_FILES, DEMO_SOLVE, DemoCreated, create_demo
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
from scheduler.actions.district import create_district, guide_defaults, update_settings
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
    IncidentWalkProposal,
    add_incident_walk,
    add_incident_walk_to_file,
    confirm_incident_walk,
    district_incidents,
    import_boundary,
    import_incidents,
    neighborhood_boundary,
    propose_incident_walk,
    record_incident,
)
from scheduler.actions.partners import district_partners, import_partners
from scheduler.actions.people import (
    RosterPreview,
    edited_person,
    person_fields,
    preview_roster,
    update_person,
)
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
from scheduler.domain import (
    Crew,
    District,
    Engagement,
    Month,
    Partner,
    Per,
    Person,
    Plan,
    PlanningProblem,
    Rank,
    Role,
    Unit,
    WalkType,
)
from scheduler.domain.errors import BeatwalkError, Conflict, InputError, InputErrors, NotFound, StoreError
from scheduler.domain.incidents import INCIDENT_KINDS, Incident
from scheduler.formats.district_settings import (
    MAX_WALKING_PER_SQUAD,
    POST_INCIDENT_DELAY_HOURS,
    POST_INCIDENT_MINUTES,
)
from scheduler.formats.incidents import coordinate as parse_coordinate
from scheduler.formats.incidents import parse_moment
from scheduler.planning.planner import Ending, PlanResult, Progress
from scheduler.planning.post_incident import OVER as INCIDENT_OVER
from scheduler.rules.walk_types import COUNT as ROLE_COUNT
from scheduler.rules.walk_types import MINIMUM as WALK_MINIMUM
from scheduler.rules.walk_types import MINUTES as WALK_MINUTES
from scheduler.store import Database, DistrictRef, ImportSummary, SavedDistrict, StoredPlan
from scheduler.store.partners import PartnersImported

__all__ = [
    "DEMO_FILES",
    "DEMO_SOLVE",
    "INCIDENT_KINDS",
    "INCIDENT_OVER",
    "MAX_WALKING_PER_SQUAD",
    "POST_INCIDENT_DELAY_HOURS",
    "POST_INCIDENT_MINUTES",
    "REQUEST",
    "ROLE_COUNT",
    "WALK_MINIMUM",
    "WALK_MINUTES",
    "BeatwalkError",
    "BoundaryImported",
    "Conflict",
    "Crew",
    "Database",
    "DemoCreated",
    "District",
    "DistrictRef",
    "Edited",
    "Ending",
    "Engagement",
    "HolidaysImported",
    "ImportSummary",
    "Incident",
    "IncidentRequest",
    "IncidentWalkAdded",
    "IncidentWalkProposal",
    "IncidentsImported",
    "InputError",
    "InputErrors",
    "Month",
    "MonthPlanned",
    "NotFound",
    "Partner",
    "PartnersImported",
    "Per",
    "Person",
    "Plan",
    "PlanResult",
    "PlanningProblem",
    "ProfileImported",
    "Progress",
    "Rank",
    "Role",
    "RosterPreview",
    "SavedDistrict",
    "SolveRequest",
    "StoreError",
    "StoredPlan",
    "Unit",
    "WalkType",
    "add_incident_walk",
    "add_incident_walk_to_file",
    "add_participant",
    "add_walk",
    "check_plan",
    "confirm_incident_walk",
    "create_demo",
    "create_district",
    "delete_walk",
    "district_incidents",
    "district_partners",
    "district_people",
    "district_settings",
    "edited_person",
    "export_plan",
    "find_district",
    "guide_defaults",
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
    "neighborhood_boundary",
    "neighborhood_profile",
    "open_department",
    "parse_coordinate",
    "parse_moment",
    "person_fields",
    "plan_files",
    "plan_month",
    "preview_roster",
    "propose_incident_walk",
    "record_incident",
    "remove_participant",
    "set_coordinator",
    "set_locked",
    "stored_plan",
    "update_person",
    "update_settings",
]
