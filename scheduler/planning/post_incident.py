"""Post-incident walks: within 24 hours of a homicide or shooting in the neighborhood.

The walk is coordinated by the community policing unit and should bring every group the guide
names. It is placed at the time, within the 24 hours and the walk hours, when the most groups have
someone on duty (sooner wins a tie), then locked; the rest of the month is re-planned around it,
changing as few walks as possible. With `problem.not_before` ("now"), the walk starts no earlier:
an incident whose 24 hours are over gets no walk, and the result says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Plan, PlanningProblem, Walk, WalkType
from scheduler.domain.availability import at_minutes, on_duty
from scheduler.domain.incidents import POST_INCIDENT, WITHIN, Incident
from scheduler.planning.deadline import Deadline, check_limits
from scheduler.planning.planner import Ending, Progress, SolveOptions, check_size, plan_by
from scheduler.rules.hard_rules import limited_squad, may_join, overlaps, start_minutes

OVER = "its 24 hours are over"
NO_WALK_HOURS_LEFT = "no walk fits in the walk hours left within its 24 hours"


@dataclass(frozen=True)
class IncidentResult:
    plan: Plan
    walk: Walk | None  # None when no walk can be held: `reason` says why
    unmet_groups: tuple[str, ...]  # labels of the groups nobody could represent (all, without a walk)
    changed_walks: int
    seconds: float
    ending: Ending  # of the re-plan; OPTIMAL when the plan needed none
    # Why there is no walk: OVER, NO_WALK_HOURS_LEFT, or that no coordinator is on duty in time
    # ("no community policing unit coordinator is on duty within its 24 hours"); "" with a walk.
    reason: str = ""


def add_post_incident(
    problem: PlanningProblem,
    plan: Plan,
    incident: Incident,
    *,
    time_limit: float = 10.0,
    effort: float | None = None,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> IncidentResult:
    """Schedule the post-incident walk into `plan` (the plan of `problem.month`) and re-plan,
    reporting the re-plan's progress and stopping it as `make_plan` does. `time_limit` bounds the
    whole call, placing the walk included, and the limits are checked as `make_plan` checks them.

    A walk that falls in another month than the plan's is returned without changing the plan:
    it belongs to that month's plan. Without a walk, the plan comes back unchanged with the reason.
    """
    check_limits(time_limit, effort, seed)
    check_size(problem)
    deadline = Deadline(time_limit)
    if incident.occurred_at.tzinfo is None:
        raise ValueError("the incident time must carry a time zone")
    walk_type = problem.district.walk_type(POST_INCIDENT)
    best = _best_walk(problem, plan, incident, walk_type)
    if isinstance(best, str):
        groups = tuple(role.label for role in walk_type.roles)
        return IncidentResult(plan, None, groups, 0, deadline.elapsed(), Ending.OPTIMAL, best)
    walk, unmet = best
    tz = ZoneInfo(problem.district.timezone)
    local = walk.start.astimezone(tz)
    if (local.year, local.month) != (problem.month.year, problem.month.month):
        return IncidentResult(plan, walk, unmet, 0, deadline.elapsed(), Ending.OPTIMAL)
    replanned = plan_by(
        replace(problem, locked=(*problem.locked, walk), previous=plan),
        deadline,
        SolveOptions(effort, seed, on_progress=on_progress, should_stop=should_stop),
    )
    return IncidentResult(
        replanned.plan, walk, unmet, replanned.changed_walks, deadline.elapsed(), replanned.ending
    )


def _best_walk(
    problem: PlanningProblem, plan: Plan, incident: Incident, walk_type: WalkType
) -> tuple[Walk, tuple[str, ...]] | str:
    """The walk and the groups it leaves unmet, or why there can be no walk."""
    tz = ZoneInfo(problem.district.timezone)
    if problem.not_before is not None and incident.occurred_at + WITHIN <= problem.not_before:
        return OVER
    starts = _candidate_starts(problem, incident, walk_type, tz)
    if not starts:
        return NO_WALK_HOURS_LEFT
    # The 24 hours may run into the next month: people walking there then are busy too, so the
    # choice is the same whichever of the two months' plans is passed in.
    walks = [*plan.walks, *(w for neighbour in problem.neighbours for w in neighbour.walks)]
    best: tuple[tuple[int, int], Walk, tuple[str, ...]] | None = None
    for start in starts:
        end = start.astimezone(UTC) + timedelta(minutes=walk_type.minutes)
        busy = {pid for w in walks if overlaps(start, end, w.start, w.end) for pid in w.participants}
        chosen = _groups_at(problem, walk_type, start, end, busy, tz)
        if chosen is None:
            continue
        people, unmet = chosen
        score = (len(walk_type.roles) - len(unmet), -sum(1 for pid in people if pid in busy))
        if best is None or score > best[0]:
            walk = Walk(
                id=_fresh_id(plan, incident),
                type=walk_type.key,
                start=start,
                minutes=walk_type.minutes,
                coordinator=people[0],
                participants=tuple(people),
                locked=True,
            )
            best = (score, walk, unmet)
    if best is None:
        return f"no {walk_type.coordinator_role.label} is on duty within its 24 hours"
    return best[1], best[2]


def _candidate_starts(
    problem: PlanningProblem, incident: Incident, walk_type: WalkType, tz: ZoneInfo
) -> list[datetime]:
    """Quarter-hour starts inside walk hours, from the incident (or `problem.not_before`, if later)
    until 24 hours after it."""
    first = incident.occurred_at.astimezone(tz)
    occurred = incident.occurred_at.astimezone(UTC)  # 24 real hours, even across a clock change
    if problem.not_before is not None:
        occurred = max(occurred, problem.not_before.astimezone(UTC))
    latest = occurred + WITHIN - timedelta(minutes=walk_type.minutes)
    starts = []
    for offset in range(3):
        day = first.date() + timedelta(days=offset)
        for minute in start_minutes(problem.district, walk_type.minutes):
            start = at_minutes(day, minute, tz)
            if occurred <= start.astimezone(UTC) <= latest:
                starts.append(start)
    return starts


def _groups_at(
    problem: PlanningProblem,
    walk_type: WalkType,
    start: datetime,
    end: datetime,
    busy: set[str],
    tz: ZoneInfo,
) -> tuple[list[str], tuple[str, ...]] | None:
    """A coordinator and one person per group, preferring people not already walking then;
    None if no coordinator is on duty."""
    on_duty_now = [p for p in problem.people if on_duty(p, start, end, tz)]
    order = sorted(on_duty_now, key=lambda p: (p.id in busy, p.id))
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
    return people, tuple(unmet)


def _fresh_id(plan: Plan, incident: Incident) -> str:
    taken = {w.id for w in plan.walks}
    base = f"pi-{incident.id}"
    n = 1
    candidate = base
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
