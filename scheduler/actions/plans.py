"""Planning a month, from the database or from files, and writing a stored plan out.

Planning from the database re-plans around what is stored: the month's locked walks stay, so does
every other walk that is still valid, and the neighbouring months' plans complete the weeks split
between months. The save is versioned, so a colleague's save in between is refused, not lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from scheduler.actions.outputs import check_output, plan_file_on_success, write_plan_file
from scheduler.actions.partners import district_partners
from scheduler.domain import District, Month, Person, Plan, PlanningProblem
from scheduler.domain.errors import InputError, NotFound
from scheduler.domain.neighborhood import MeetingPoint
from scheduler.domain.people import DEPARTMENT_UNITS, MAX_PEOPLE
from scheduler.domain.sequence import with_sequences
from scheduler.formats.district_settings import default_district, load_settings
from scheduler.formats.icalendar import CalendarDetails
from scheduler.formats.roster import load_roster
from scheduler.planning.apart import plan_apart
from scheduler.planning.meeting_points import assign_meeting_points
from scheduler.planning.planner import PlanResult, Progress, make_plan
from scheduler.store import (
    Database,
    DistrictRef,
    StoredPlan,
    active_people,
    all_people,
    calendar_id,
    department_people,
    get_district,
    walks_elsewhere,
)
from scheduler.store import load_plan as _load_plan
from scheduler.store import save_plan as _save_plan
from scheduler.store.neighborhood import month_incidents
from scheduler.store.profile import load_profile


@dataclass(frozen=True)
class SolveRequest:
    """How hard to search and how to report: the same for every action that plans."""

    time_limit: float = 20.0  # wall-clock seconds the whole action may take
    effort: float | None = None  # deterministic search effort: the same plan for the same seed
    seed: int = 0
    on_progress: Callable[[Progress], None] | None = None
    should_stop: Callable[[], bool] | None = None
    apart: bool = False  # search in a separate process (the app: its window never waits for the GIL)

    def limits(self) -> dict[str, Any]:
        """The planner's keyword arguments: limits, seed, progress and stop."""
        return {
            "time_limit": self.time_limit,
            "effort": self.effort,
            "seed": self.seed,
            "on_progress": self.on_progress,
            "should_stop": self.should_stop,
        }


@dataclass(frozen=True)
class MonthPlanned:
    result: PlanResult  # the plan (with shortfalls and quality), how the search ended, how long it took
    district: District
    saved: StoredPlan | None  # None when planned from files
    out: Path | None


@dataclass(frozen=True)
class Proposal:
    """A plan solved and not saved, and the stored version it re-plans (None: the month had no
    plan), which `save_plan` checks so that a colleague's save in between is not overwritten."""

    result: PlanResult
    version: int | None


def plan_month(
    db: Database,
    *,
    district: DistrictRef,
    month: Month,
    user: str,
    out: Path | None = None,
    solve: SolveRequest = SolveRequest(),
    now: datetime | None = None,
) -> MonthPlanned:
    """Plan (or re-plan) the month of a district in the database, save it, and write it to `out`.

    From `now` on only: walks of the stored plan that started before it stay as they are and
    count, no walk is planned before it, and periods already over are not shortfalls (None: the
    whole month is planned, as for a month still ahead). A search the user stopped is not saved:
    its plan comes back for a look, and planning again builds on the stored version.
    """
    if out is not None:
        check_output(out)
    proposal = propose_plan(db, district=district, month=month, solve=solve, now=now)
    return keep_proposal(db, district=district, proposal=proposal, user=user, out=out, now=now)


def keep_proposal(
    db: Database,
    *,
    district: DistrictRef,
    proposal: Proposal,
    user: str,
    out: Path | None = None,
    now: datetime | None = None,
) -> MonthPlanned:
    """Save a plan just proposed as the district's plan (with its version check) and write it to
    `out` (`now`: its calendar's DTSTAMP); a stopped search's plan is not saved, and comes back
    for a look."""
    settings = get_district(db, district.id)
    result = proposal.result
    if result.stopped:
        return MonthPlanned(result, settings, None, None)
    calendar = district_calendar(db, district=district, now=now)
    partners = district_partners(db, district=district)
    with plan_file_on_success(
        result.plan, out, settings, month_people(db, district=district), calendar, partners
    ):
        saved = _save_plan(db, district.id, result.plan, proposal.version, user)
    return MonthPlanned(result, settings, saved, out)


def propose_plan(
    db: Database,
    *,
    district: DistrictRef,
    month: Month,
    solve: SolveRequest = SolveRequest(),
    now: datetime | None = None,
) -> Proposal:
    """Plan the month as `plan_month` would, without saving: the what-if a captain looks at (and
    the plan a stopped search found) before deciding to keep it with `save_plan`."""
    problem, stored = month_problem(db, district=district, month=month, now=now)
    check_size(problem.people, district.name)
    return ready_proposal(db, district=district, stored=stored, result=_solve(problem, solve))


def ready_proposal(
    db: Database, *, district: DistrictRef, stored: StoredPlan | None, result: PlanResult
) -> Proposal:
    """A planner's result as a proposal to save over `stored` (None: the month had no plan)."""
    previous = stored.plan if stored else None
    points = load_profile(db, district.id).meeting_points
    result = replace(result, plan=ready_to_save(result.plan, previous, points))
    return Proposal(result, stored.version if stored else None)


def save_plan(
    db: Database,
    *,
    district: DistrictRef,
    plan: Plan,
    version: int | None,
    user: str,
    source: Literal["solver", "manual"] = "manual",
) -> StoredPlan:
    """Store a plan someone edited by hand or accepted (a proposal, or a plan shown again by undo)
    as the month's plan. `version` is the stored version the plan was made from (None: the month
    had no plan); a colleague's save since then raises Conflict and nothing is written."""
    stored = _load_plan(db, district.id, plan.month)
    points = load_profile(db, district.id).meeting_points
    ready = ready_to_save(plan, stored.plan if stored else None, points)
    return _save_plan(db, district.id, ready, version, user, source=source)


def plan_files(
    *, roster: Path, settings: Path | None, month: Month, out: Path, solve: SolveRequest = SolveRequest()
) -> MonthPlanned:
    """Plan a month from a roster file (and a settings file, else the guide's rules) into `out`,
    without any database."""
    check_output(out, inputs=(roster, settings))
    district = load_settings(settings) if settings else default_district()
    people = load_roster(roster)
    check_size(people, str(roster))
    result = _solve(PlanningProblem(district, people, month), solve)
    write_plan_file(result.plan, out, district, people)
    return MonthPlanned(result, district, None, out)


def month_problem(
    db: Database, *, district: DistrictRef, month: Month, now: datetime | None = None
) -> tuple[PlanningProblem, StoredPlan | None]:
    """The month's planning problem from the database, and the stored plan it re-plans (None: the
    month has no plan yet). The stored plan's locked walks stay, and so do its walks that started
    before `now` (the past is not re-planned); the neighbouring months' plans complete the weeks
    split between months. The other districts' walks of the month make the people this district
    shares with them busy (and count in their load); they are never moved. It carries the incidents
    whose walk the month holds or owes, so a walk nobody could come to stays a shortfall in every
    plan of the month until it exists."""
    stored = _load_plan(db, district.id, month)
    previous = stored.plan if stored else None
    neighbours = tuple(
        found.plan
        for other in (month.previous(), month.next())
        if (found := _load_plan(db, district.id, other))
    )
    walks = previous.walks if previous else ()
    locked = tuple(walk for walk in walks if walk.locked or (now is not None and walk.start < now))
    incidents, incident_walks = month_incidents(db, district.id, month)
    problem = PlanningProblem(
        get_district(db, district.id),
        active_people(db, district.id),
        month,
        locked=locked,
        previous=previous,
        neighbours=neighbours,
        not_before=now,
        incidents=incidents,
        incident_walks=incident_walks,
        elsewhere=walks_elsewhere(db, district.id, month),
        department=department_people(db, district.id, DEPARTMENT_UNITS),
    )
    return problem, stored


def stored_plan(db: Database, *, district: DistrictRef, month: Month) -> StoredPlan:
    """The month's stored plan; NotFound if the month was never planned."""
    stored = _load_plan(db, district.id, month)
    if stored is None:
        raise NotFound(f"{district.name} has no plan for {month}", what="plan", key=str(month))
    return stored


def export_plan(
    db: Database, *, district: DistrictRef, month: Month, out: Path, now: datetime | None = None
) -> StoredPlan:
    """Write the month's stored plan to `out` (.json, .csv or .ics); `now` is the calendar's
    DTSTAMP (None: the clock's)."""
    check_output(out)
    stored = stored_plan(db, district=district, month=month)
    settings, people = get_district(db, district.id), month_people(db, district=district)
    calendar = district_calendar(db, district=district, now=now)
    write_plan_file(stored.plan, out, settings, people, calendar, district_partners(db, district=district))
    return stored


def district_calendar(db: Database, *, district: DistrictRef, now: datetime | None = None) -> CalendarDetails:
    """What the district's calendar files carry besides the plan: its calendar id (event UIDs), its
    meeting points (LOCATION's coordinates) and the export run's DTSTAMP."""
    points = load_profile(db, district.id).meeting_points
    return CalendarDetails(calendar_id=calendar_id(db, district.id), meeting_points=points, stamp=now)


def ready_to_save(plan: Plan, previous: Plan | None, meeting_points: Sequence[MeetingPoint] = ()) -> Plan:
    """`plan` as the store will keep it, so that a file written beside the save shows the same:
    every walk with a meeting point (where the district has any), and each walk's calendar
    sequence raised where its time, place or people changed."""
    walks = assign_meeting_points(plan.walks, meeting_points, previous)
    return replace(plan, walks=with_sequences(previous.walks if previous else (), walks))


def month_people(db: Database, *, district: DistrictRef) -> tuple[Person, ...]:
    """Everyone a stored plan of the district may name, active first, then the people of the
    department's other districts whom a post-incident walk may bring."""
    return (*all_people(db, district.id), *department_people(db, district.id, DEPARTMENT_UNITS))


def check_size(people: Sequence[Person], source: str) -> None:
    """Refuse a district larger than the planner is built for, before it runs out of memory."""
    if len(people) > MAX_PEOPLE:
        message = f"has {len(people)} active people; the planner plans districts of at most {MAX_PEOPLE}"
        raise InputError(source, message)


def _solve(problem: PlanningProblem, solve: SolveRequest) -> PlanResult:
    limits = solve.limits()
    return plan_apart(make_plan, problem, **limits) if solve.apart else make_plan(problem, **limits)
