"""Post-incident walks: within 24 hours of a homicide or shooting in the neighborhood.

The walk is coordinated by the community policing unit and should bring every group the guide
names. It starts no earlier than `post_incident_delay_hours` after the incident and ends within its
24 hours, inside the walk hours wherever the window allows (outside them only when no start inside
is left, and the result says so). Among those starts it takes the one that needs the fewest people
called in off duty (then the fewest taken off other walks; sooner wins a tie), then it is locked
and the rest of the month is re-planned around it, changing as few walks as possible.

A group that nobody on duty can represent gets someone off duty who is not on leave, nearest shift
first, marked `called_in`: a real agency calls people in rather than skip the walk. Responsible
people come first in every group, so the district captain is the patrol commander on the walk.
Only when nobody at all can coordinate is there no walk. With `problem.not_before` ("now"), the
walk starts no earlier: an incident whose 24 hours are over gets no walk, and the result says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Person, Plan, PlanningProblem, Walk, WalkType
from scheduler.domain.availability import on_duty, shifts_touching
from scheduler.domain.incidents import POST_INCIDENT, WITHIN, Incident
from scheduler.planning.deadline import Deadline, check_limits
from scheduler.planning.planner import Ending, Progress, SolveOptions, check_size, plan_by
from scheduler.rules.hard_rules import limited_squad, may_join, overlaps
from scheduler.rules.post_incident import any_starts, humane_starts

OVER = "its 24 hours are over"
NO_TIME_LEFT = "no walk of its length fits in what is left of its 24 hours"
NOBODY = "nobody who can coordinate it ({role}) can come within its 24 hours"


@dataclass(frozen=True)
class IncidentResult:
    plan: Plan
    walk: Walk | None  # None when no walk can be held: `reason` says why
    unmet_groups: tuple[str, ...]  # labels of the groups nobody at all could represent (all, without a walk)
    changed_walks: int
    seconds: float
    ending: Ending  # of the re-plan; OPTIMAL when the plan needed none
    # Why there is no walk: OVER, NO_TIME_LEFT, or NOBODY (nobody on the roster who is not on
    # leave can coordinate); "" with a walk.
    reason: str = ""
    outside_walk_hours: bool = False  # no start inside walk hours was left in the window


def add_post_incident(
    problem: PlanningProblem,
    plan: Plan,
    incident: Incident,
    *,
    partners: Sequence[str] = (),
    time_limit: float = 10.0,
    effort: float | None = None,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> IncidentResult:
    """Schedule the post-incident walk into `plan` (the plan of `problem.month`), inviting the
    `partners` (names), and re-plan, reporting the re-plan's progress and stopping it as
    `make_plan` does. `time_limit` bounds the whole call, placing the walk included, and the limits
    are checked as `make_plan` checks them.

    A walk that falls in another month than the plan's is returned without changing the plan:
    it belongs to that month's plan. Without a walk, the plan comes back unchanged with the reason.
    """
    check_limits(time_limit, effort, seed)
    check_size(problem)
    deadline = Deadline(time_limit)
    if incident.occurred_at.tzinfo is None:
        raise ValueError("the incident time must carry a time zone")
    walk_type = problem.district.walk_type(POST_INCIDENT)
    best = _best_walk(problem, plan, incident, walk_type, tuple(partners))
    if isinstance(best, str):
        groups = tuple(role.label for role in walk_type.roles)
        return IncidentResult(plan, None, groups, 0, deadline.elapsed(), Ending.OPTIMAL, best)
    walk, unmet, outside = best
    tz = ZoneInfo(problem.district.timezone)
    local = walk.start.astimezone(tz)
    if (local.year, local.month) != (problem.month.year, problem.month.month):
        return IncidentResult(plan, walk, unmet, 0, deadline.elapsed(), Ending.OPTIMAL, "", outside)
    known = any(known.id == incident.id for known in problem.incidents)
    followed = replace(
        problem,
        locked=(*problem.locked, walk),
        previous=plan,
        incidents=problem.incidents if known else (*problem.incidents, incident),
        incident_walks={**problem.incident_walks, walk.id: incident.id},
    )
    replanned = plan_by(
        followed, deadline, SolveOptions(effort, seed, on_progress=on_progress, should_stop=should_stop)
    )
    return IncidentResult(
        replanned.plan,
        walk,
        unmet,
        replanned.changed_walks,
        deadline.elapsed(),
        replanned.ending,
        "",
        outside,
    )


def _best_walk(
    problem: PlanningProblem, plan: Plan, incident: Incident, walk_type: WalkType, partners: tuple[str, ...]
) -> tuple[Walk, tuple[str, ...], bool] | str:
    """The walk, the groups it leaves unmet and whether it is outside walk hours, or why there
    can be no walk."""
    district = problem.district
    tz = ZoneInfo(district.timezone)
    if problem.not_before is not None and incident.occurred_at + WITHIN <= problem.not_before:
        return OVER
    starts = humane_starts(district, incident, problem.not_before)
    outside = not starts
    if outside:
        starts = any_starts(district, incident, problem.not_before)
    if not starts:
        return NO_TIME_LEFT
    # The 24 hours may run into the next month: people walking there then are busy too, so the
    # choice is the same whichever of the two months' plans is passed in. Other districts' walks
    # are as fixed as locked ones.
    elsewhere = [replace(w, locked=True) for w in problem.elsewhere]
    walks = [*plan.walks, *(w for neighbour in problem.neighbours for w in neighbour.walks), *elsewhere]
    minutes = district.post_incident_minutes
    best: tuple[tuple[int, int, int], Walk, tuple[str, ...]] | None = None
    for start in starts:
        end = start.astimezone(UTC) + timedelta(minutes=minutes)
        clashing = [w for w in walks if overlaps(start, end, w.start, w.end)]
        busy = {pid for w in clashing for pid in w.participants}
        fixed = {pid for w in clashing if w.locked for pid in w.participants}  # a re-plan cannot free them
        chosen = _groups_at(problem, walk_type, start, end, busy, fixed, tz)
        if chosen is None:
            continue
        people, called_in, unmet = chosen
        score = (
            len(walk_type.roles) - len(unmet),
            -len(called_in),
            -sum(1 for pid in people if pid in busy),
        )
        if best is None or score > best[0]:
            walk = Walk(
                id=_fresh_id(plan, incident),
                type=walk_type.key,
                start=start,
                minutes=minutes,
                coordinator=people[0],
                participants=tuple(people),
                locked=True,
                called_in=called_in,
                partners=partners,
            )
            best = (score, walk, unmet)
    if best is None:
        return NOBODY.format(role=walk_type.coordinator_role.label)
    return best[1], best[2], outside


def _groups_at(
    problem: PlanningProblem,
    walk_type: WalkType,
    start: datetime,
    end: datetime,
    busy: set[str],
    fixed: set[str],
    tz: ZoneInfo,
) -> tuple[list[str], tuple[str, ...], tuple[str, ...]] | None:
    """A coordinator and one person per group, the ones called in off duty, and the groups nobody
    can represent; None if nobody can coordinate.

    In each group: responsible people first (the district captain leads patrol), then people on
    duty, then the off-duty people whose shift is nearest; people not already walking then first,
    and the district's own people before those of the department's other districts.
    Nobody on leave that day, and nobody on a locked walk then."""
    day = start.astimezone(tz).date()
    everyone = (*problem.people, *problem.department)
    duty = {p.id for p in everyone if on_duty(p, start, end, tz)}

    def preference(person: Person) -> tuple[bool, bool, timedelta, bool, bool, str]:
        distance = timedelta(0) if person.id in duty else _from_shift(person, day, start, end, tz)
        visiting = person.id not in problem.people_by_id
        return (
            not person.responsible,
            person.id not in duty,
            distance,
            person.id in busy,
            visiting,
            person.id,
        )

    order = sorted(
        (p for p in everyone if p.id not in fixed and (p.id in duty or not p.on_leave(day))),
        key=preference,
    )
    people: list[str] = []
    squads: Counter[str] = Counter()  # squads of the people picked so far
    unmet = []
    for index, role in enumerate(walk_type.roles):
        allowed = (
            p
            for p in order
            if p.id not in people and role.admits(p) and may_join(p, squads.__getitem__, problem.district)
        )
        pick = next(allowed, None)
        if pick is None:
            if index == 0:
                return None
            unmet.append(role.label)
            continue
        people.append(pick.id)
        if limited_squad(pick):
            squads[limited_squad(pick)] += 1
    called_in = tuple(pid for pid in people if pid not in duty)
    return people, called_in, tuple(unmet)


FAR = timedelta(days=365)  # no shift near the walk: called in last


def _from_shift(person: Person, day: date, start: datetime, end: datetime, tz: ZoneInfo) -> timedelta:
    """How far the walk is from the person's nearest shift (the day before to the day after)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    shifts = [*shifts_touching(person, day, tz), *shifts_touching(person, day + timedelta(days=1), tz)]
    gaps = [max(shift_start - end, start - shift_end, timedelta(0)) for shift_start, shift_end in shifts]
    return min(gaps, default=FAR)


def _fresh_id(plan: Plan, incident: Incident) -> str:
    taken = {w.id for w in plan.walks}
    base = f"pi-{incident.id}"
    n = 1
    candidate = base
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
