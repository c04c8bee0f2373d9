"""The neighborhood and its incidents: the boundary, incident imports, and the walk within 24 hours
of a homicide or shooting, in the stored plan or in a plan file.

A walk is never scheduled by an incident import: a file often holds history, whose walks can no
longer happen, and re-planning months inside an import would make it neither quick nor all or
nothing. The import lists the incidents whose walk is still due instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from scheduler.actions.outputs import check_output, plan_file_on_success, write_plan_file
from scheduler.actions.plans import (
    SolveRequest,
    district_calendar,
    month_people,
    month_problem,
    ready_to_save,
)
from scheduler.domain import District, Month, Partner, Person, Plan, PlanningProblem
from scheduler.domain.errors import Conflict, InputError, NotFound
from scheduler.domain.incidents import INCIDENT_KINDS, WITHIN, Incident
from scheduler.formats.boundary import Boundary, is_outside, read_boundary
from scheduler.formats.district_settings import default_district, load_settings
from scheduler.formats.icalendar import CalendarDetails
from scheduler.formats.incidents import parse_moment, read_incidents
from scheduler.formats.plan_json import read_plan_file
from scheduler.formats.roster import load_roster
from scheduler.formats.text import unprintable
from scheduler.planning.apart import plan_apart
from scheduler.planning.planner import Ending
from scheduler.planning.post_incident import OVER, IncidentResult, add_post_incident
from scheduler.store import (
    Database,
    DistrictRef,
    StoredPlan,
    get_district,
    load_plan,
)
from scheduler.store.neighborhood import (
    IncidentImport,
    get_incident,
    load_boundary,
    post_incident_walk,
    save_boundary,
    save_post_incident,
)
from scheduler.store.neighborhood import (
    district_incidents as _district_incidents,
)
from scheduler.store.neighborhood import import_incidents as _import_incidents
from scheduler.store.partners import active_partners

INCIDENT_SOLVE = SolveRequest(time_limit=10.0)  # a re-plan around one walk needs less search
REQUEST = "incident"  # names the user's request (not a file) in InputError; its fields are below


@dataclass(frozen=True)
class IncidentRequest:
    """What the user says about an incident: a stored one by `id`, or a new one (`kind` and `at`
    required). `at` may be text as the user typed it (ISO 8601, a time of day required); without a
    UTC offset, text or a naive datetime is the district's local time."""

    id: str | None = None
    kind: str | None = None
    at: datetime | str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class BoundaryImported:
    replaced: bool  # a boundary was stored before
    polygons: int
    points: int


@dataclass(frozen=True)
class IncidentsImported:
    summary: IncidentImport
    walks_due: tuple[Incident, ...]  # new homicides and shootings inside whose 24 hours are not over


@dataclass(frozen=True)
class IncidentWalkAdded:
    """The post-incident walk and the re-planned month. `result.walk` is None when the walk cannot
    be held, `result.reason` says why (its 24 hours are over, or nobody from the community policing
    unit can coordinate within them); then the incident is recorded, and no plan saved or written."""

    incident: Incident
    result: IncidentResult
    district: District
    people: tuple[Person, ...]  # everyone the plan may name, for showing names
    saved: StoredPlan | None
    out: Path | None
    partners: tuple[Partner, ...] = ()  # the district's partners invited to the walk (names on it)


def import_boundary(db: Database, *, district: DistrictRef, path: Path) -> BoundaryImported:
    """Make the GeoJSON file's polygon the district's neighborhood boundary."""
    boundary = read_boundary(path)
    replaced = save_boundary(db, district.id, boundary)
    points = sum(len(ring) - 1 for polygon in boundary.polygons for ring in polygon)
    return BoundaryImported(replaced, len(boundary.polygons), points)


def import_incidents(db: Database, *, district: DistrictRef, path: Path, now: datetime) -> IncidentsImported:
    """Record the file's incidents whose id is new, flagged against the stored boundary."""
    timezone = get_district(db, district.id).timezone
    summary = _import_incidents(db, district.id, read_incidents(path, timezone), str(path), now)
    due = tuple(i for i in summary.new if i.needs_walk and now < i.occurred_at + WITHIN)
    return IncidentsImported(summary, due)


@dataclass(frozen=True)
class IncidentWalkProposal:
    """A post-incident walk worked out but not saved yet, for the lieutenant to confirm: who is
    asked (`result.walk`), who would be called in, which groups nobody can come from."""

    district: DistrictRef
    added: IncidentWalkAdded  # `saved` is None until confirmed
    version: int | None  # the plan's version it was worked out on: a save in between is refused
    calendar: CalendarDetails | None


def propose_incident_walk(
    db: Database,
    *,
    district: DistrictRef,
    request: IncidentRequest,
    solve: SolveRequest = INCIDENT_SOLVE,
    now: datetime | None = None,
) -> IncidentWalkProposal:
    """Work out the incident's walk and the re-planned month without saving anything; see
    `add_incident_walk`, which is this and `confirm_incident_walk` in one."""
    settings = get_district(db, district.id)
    incident = _incident(db, district, settings, request)
    existing = post_incident_walk(db, district.id, incident.id)
    if existing is not None:
        raise Conflict(
            f"incident {incident.id} already has its post-incident walk {existing.id} "
            f"on {existing.start:%Y-%m-%d %H:%M}"
        )
    people = month_people(db, district=district)
    if now is not None and now >= incident.occurred_at + WITHIN:
        zone = ZoneInfo(settings.timezone)
        month_plan = Plan(_month_of(incident.occurred_at, zone), settings.timezone)
        over = IncidentResult(month_plan, None, (), 0, 0.0, Ending.OPTIMAL, reason=OVER)
        return IncidentWalkProposal(
            district, IncidentWalkAdded(incident, over, settings, people, None, None), None, None
        )
    partners = active_partners(db, district.id)
    result, version = _place_walk(db, district, settings, incident, solve, now, partners)
    if result.walk is None:
        added = IncidentWalkAdded(incident, result, settings, people, None, None, partners)
        return IncidentWalkProposal(district, added, version, None)
    walk_id = result.walk.id
    previous = load_plan(db, district.id, result.plan.month)
    calendar = district_calendar(db, district=district, now=now)
    prepared = ready_to_save(result.plan, previous.plan if previous else None, calendar.meeting_points)
    result = replace(result, plan=prepared, walk=next(w for w in prepared.walks if w.id == walk_id))
    added = IncidentWalkAdded(incident, result, settings, people, None, None, partners)
    return IncidentWalkProposal(district, added, version, calendar)


def confirm_incident_walk(
    db: Database,
    *,
    proposal: IncidentWalkProposal,
    user: str,
    out: Path | None = None,
    now: datetime | None = None,
) -> IncidentWalkAdded:
    """Record the incident and save its walk with the re-planned month (with the version check,
    so a plan a colleague saved meanwhile is not overwritten). Without a walk (its 24 hours are
    over, or nobody can coordinate) only the incident is recorded."""
    added, district = proposal.added, proposal.district
    walk = added.result.walk
    if walk is None or proposal.calendar is None:
        _import_incidents(db, district.id, (added.incident,), REQUEST, now)
        return added
    plan = added.result.plan
    with plan_file_on_success(plan, out, added.district, added.people, proposal.calendar, added.partners):
        saved = save_post_incident(
            db, district.id, added.incident, plan, proposal.version, walk.id, user, now
        )
    return replace(added, saved=saved, out=out)


def add_incident_walk(
    db: Database,
    *,
    district: DistrictRef,
    request: IncidentRequest,
    user: str,
    out: Path | None = None,
    solve: SolveRequest = INCIDENT_SOLVE,
    now: datetime | None = None,
) -> IncidentWalkAdded:
    """Record the incident, put its walk (locked) into the stored plan of the month the walk falls
    in, re-plan that month changing as few walks as possible, and save it with the version check.
    The walk never starts before `now`: an incident whose 24 hours are over is recorded without one.

    A month never planned is refused (the walk must fit around the month's other walks), and so is
    an incident that already has its walk. When no coordinator can come, the incident is still
    recorded, so every later plan of its month lists the missing walk as a shortfall. Every
    active partner of the district is invited (`Walk.partners`).
    """
    if out is not None:
        check_output(out)
    proposal = propose_incident_walk(db, district=district, request=request, solve=solve, now=now)
    return confirm_incident_walk(db, proposal=proposal, user=user, out=out, now=now)


def record_incident(
    db: Database, *, district: DistrictRef, request: IncidentRequest, now: datetime | None = None
) -> Incident:
    """Record an incident that calls for no walk (a robbery, say), or one whose walk is handled
    elsewhere; an id already stored is a Conflict."""
    if request.id is not None and get_incident(db, district.id, request.id) is not None:
        raise Conflict(f"incident {request.id} is already recorded")
    incident = _incident(db, district, get_district(db, district.id), request)
    _import_incidents(db, district.id, (incident,), REQUEST, now)
    return incident


def neighborhood_boundary(db: Database, *, district: DistrictRef) -> Boundary | None:
    """The district's stored boundary, or None before one is drawn or imported."""
    return load_boundary(db, district.id)


def district_incidents(db: Database, *, district: DistrictRef) -> tuple[Incident, ...]:
    """Every incident of the district, newest first, flagged against the boundary."""
    return _district_incidents(db, district.id)


def add_incident_walk_to_file(
    *,
    roster: Path,
    settings: Path | None,
    plan: Path,
    request: IncidentRequest,
    out: Path,
    solve: SolveRequest = INCIDENT_SOLVE,
) -> IncidentWalkAdded:
    """The same on files: the month's plan comes from `plan` and the re-planned month goes to `out`."""
    check_output(out, inputs=(roster, settings))  # the plan file itself may be updated in place
    district = load_settings(settings) if settings else default_district()
    people = load_roster(roster)
    month_plan = read_plan_file(plan)
    _check_text(request)
    incident = _new_incident(request, district.timezone, "for a new incident")
    problem = PlanningProblem(
        district, people, month_plan.month, locked=tuple(w for w in month_plan.walks if w.locked)
    )
    result = _add(problem, month_plan, incident, solve)
    if result.walk is None:
        return IncidentWalkAdded(incident, result, district, people, None, None)
    walk_month = _month_of(result.walk.start, ZoneInfo(district.timezone))
    if walk_month != month_plan.month:
        day = result.walk.start.astimezone(ZoneInfo(district.timezone)).date()
        message = (
            f"the walk after incident {incident.id} falls on {day}, outside the plan's month "
            f"{month_plan.month}; add it to the plan of {walk_month}"
        )
        raise InputError(REQUEST, message, field="at")
    result = replace(result, plan=ready_to_save(result.plan, month_plan))  # the file's sequences rise
    write_plan_file(result.plan, out, district, people)
    return IncidentWalkAdded(incident, result, district, people, None, out)


def _place_walk(
    db: Database,
    district: DistrictRef,
    settings: District,
    incident: Incident,
    solve: SolveRequest,
    now: datetime | None,
    partners: tuple[Partner, ...],
) -> tuple[IncidentResult, int | None]:
    """The re-planned month with the incident's walk, and the version it was loaded at.

    The walk goes into the plan of the month it falls in, which is the next month when the 24
    hours run past midnight at a month's end: then the next month is re-planned instead. Both
    months' walks count as busy in either run, so the second run picks the same time.
    """
    zone = ZoneInfo(settings.timezone)
    month = _month_of(incident.occurred_at, zone)
    names = tuple(partner.name for partner in partners)
    problem, plan, version = _stored_month(db, district, month, incident, now)
    result = _add(problem, plan, incident, solve, names)
    if result.walk is not None and _month_of(result.walk.start, zone) != month:
        next_month = _month_of(result.walk.start, zone)
        problem, plan, version = _stored_month(db, district, next_month, incident, now)
        result = _add(problem, plan, incident, solve, names)
    return result, version


def _stored_month(
    db: Database, district: DistrictRef, month: Month, incident: Incident, now: datetime | None
) -> tuple[PlanningProblem, Plan, int | None]:
    problem, stored = month_problem(db, district=district, month=month, now=now)
    if stored is None:
        message = f"{district.name} has no plan for {month}, where the walk after incident {incident.id} goes"
        raise NotFound(message, what="plan", key=str(month))
    return problem, stored.plan, stored.version


def _add(
    problem: PlanningProblem,
    plan: Plan,
    incident: Incident,
    solve: SolveRequest,
    partners: tuple[str, ...] = (),
) -> IncidentResult:
    limits = solve.limits()
    if solve.apart:
        return plan_apart(add_post_incident, problem, plan, incident, partners=partners, **limits)
    return add_post_incident(problem, plan, incident, partners=partners, **limits)


def _incident(db: Database, district: DistrictRef, settings: District, request: IncidentRequest) -> Incident:
    """The stored incident the request names by id, or a new one from the request (not stored yet)."""
    _check_text(request)
    stored = get_incident(db, district.id, request.id) if request.id else None
    occurred = _aware(request.at, settings.timezone) if request.at else None
    if (request.latitude is None) != (request.longitude is None):
        missing = "longitude" if request.longitude is None else "latitude"
        raise InputError(REQUEST, "give the latitude and the longitude together", field=missing)
    if stored is not None:
        given = {
            "type": (request.kind, stored.kind),
            "at": (occurred, stored.occurred_at),
            "address": (request.address, stored.address),
            "latitude": (request.latitude, stored.latitude),
            "longitude": (request.longitude, stored.longitude),
        }
        for field, (mine, theirs) in given.items():
            if mine is not None and mine != theirs:
                message = (
                    f"incident {stored.id} is stored with {field} {theirs}; leave the {field} out to use "
                    "the stored incident, or give another id"
                )
                raise InputError(REQUEST, message, field=field)
        if stored.kind not in INCIDENT_KINDS:
            message = (
                f"incident {stored.id} is a {stored.kind}; post-incident walks follow homicides and shootings"
            )
            raise InputError(REQUEST, message, field="id")
        return stored
    where = f"{district.name} has no incident {request.id!r}, so" if request.id else "for a new incident"
    incident = _new_incident(request, settings.timezone, where)
    outside = is_outside(load_boundary(db, district.id), request.latitude, request.longitude)
    return replace(incident, outside=outside)


def _new_incident(request: IncidentRequest, timezone: str, where: str) -> Incident:
    """A new incident from the request (its text checked already); its id defaults to its time."""
    if request.kind is None or request.at is None:
        message = f"{where} the type and the time are required"
        raise InputError(REQUEST, message, field="type" if request.kind is None else "at")
    occurred = _aware(request.at, timezone)
    return Incident(
        request.id or occurred.strftime("%Y%m%d%H%M"),
        request.kind,
        occurred,
        request.address or "",
        request.latitude,
        request.longitude,
    )


def _check_text(request: IncidentRequest) -> None:
    for field, text, free in (("id", request.id, False), ("address", request.address, True)):
        problem = unprintable(text, only_nul=free) if text is not None else None
        if problem:
            raise InputError(REQUEST, f"the {field} {problem}", field=field)


def _aware(moment: datetime | str, timezone: str) -> datetime:
    """The incident's time, aware; text goes through the same reader as the incidents file."""
    try:
        if isinstance(moment, str):
            return parse_moment(moment, timezone)
        return parse_moment(moment.isoformat(), timezone)
    except ValueError as error:
        raise InputError(REQUEST, str(error), field="at") from None


def _month_of(moment: datetime, zone: ZoneInfo) -> Month:
    local = moment.astimezone(zone)
    return Month(local.year, local.month)
