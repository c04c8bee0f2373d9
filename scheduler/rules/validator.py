"""The single statement of the rules a plan must keep.

The solver's output and every manual edit are checked here, so a rule changed here changes what
the app accepts everywhere. Each violation names the rule it breaks, the walk, and what to fix.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Crew, Per, Person, Plan, PlanningProblem, Role, Walk, WalkType
from scheduler.domain.availability import local_datetime, on_duty
from scheduler.domain.incidents import POST_INCIDENT, WITHIN, Incident
from scheduler.domain.periods import all_periods
from scheduler.rules.hard_rules import limited_squad, overlaps, walks_with, within_squad_limit
from scheduler.rules.post_incident import humane_starts, incident_period, unwalked


@dataclass(frozen=True)
class Violation:
    rule: str
    walk: str  # walk id, or "" for plan-wide rules
    message: str

    def __str__(self) -> str:
        return f"{self.walk}: {self.message}" if self.walk else self.message


def validate(problem: PlanningProblem, plan: Plan) -> list[Violation]:
    """Every rule the plan breaks (an empty list means the plan is valid)."""
    tz = ZoneInfo(problem.district.timezone)
    people = problem.people_by_id
    violations: list[Violation] = []
    if str(plan.month) != str(problem.month):
        violations.append(Violation("month", "", f"plan is for {plan.month}, expected {problem.month}"))
    ids = Counter(walk.id for walk in plan.walks)
    violations += [Violation("unique_id", wid, "walk id used twice") for wid, n in ids.items() if n > 1]
    for walk in plan.walks:
        # A post-incident walk may bring people from across the department.
        known = problem.everyone_by_id if walk.type == POST_INCIDENT else people
        violations += _walk_violations(problem, walk, known, tz)
    violations += _overlap_violations(plan.walks, problem.everyone_by_id)
    violations += _other_district_violations(problem, plan.walks)
    violations += _squad_violations(problem, plan.walks, people)
    violations += _locked_violations(problem, plan)
    violations += _past_violations(problem, plan)
    violations += _minimum_violations(problem, plan, tz)
    return violations


def _walk_violations(
    problem: PlanningProblem, walk: Walk, people: dict[str, Person], tz: ZoneInfo
) -> list[Violation]:
    try:
        walk_type = problem.district.walk_type(walk.type)
    except KeyError:
        return [Violation("walk_type", walk.id, f"unknown walk type '{walk.type}'")]
    found: list[Violation] = []

    def broken(rule: str, message: str) -> None:
        found.append(Violation(rule, walk.id, message))

    if walk.start.tzinfo is None:
        return [Violation("timezone", walk.id, "start time has no time zone")]
    minutes = (
        walk_type.minutes if walk_type.per is not Per.INCIDENT else problem.district.post_incident_minutes
    )
    if walk.minutes != minutes:
        broken("duration", f"{walk_type.name} lasts {minutes} minutes, not {walk.minutes}")
    local_start = walk.start.astimezone(tz)
    day = local_start.date()
    if (day.year, day.month) != (problem.month.year, problem.month.month):
        broken("month", f"starts on {day}, outside {problem.month}")
    district = problem.district
    in_hours = walk_type.per is not Per.INCIDENT
    if walk_type.per is Per.INCIDENT:
        found += _incident_window_violations(problem, walk, tz)
        incident = _incident_of(problem, walk)
        # Walk hours bind a post-incident walk whose window holds a start inside them; one whose
        # incident is not known (a plan file keeps no incidents) is not judged on its hours.
        in_hours = incident is not None and bool(humane_starts(district, incident, problem.not_before))
    elif day.weekday() not in district.workdays:
        broken("workday", f"{day:%A} is not a workday of the district")
    elif not district.works_on(day):
        broken("holiday", f"{day:%A} {day} is a holiday of the district (only post-incident walks then)")
    if in_hours:
        opens = local_datetime(day, district.walk_start, tz)
        closes = local_datetime(day, district.walk_end, tz)
        if walk.start < opens or walk.end > closes:
            broken(
                "walk_hours",
                f"{local_start:%H:%M}-{walk.end.astimezone(tz):%H:%M} is outside walk hours "
                f"{district.walk_start:%H:%M}-{district.walk_end:%H:%M}",
            )
    if len(set(walk.participants)) != len(walk.participants):
        broken("composition", "someone is listed twice")
    if walk.coordinator not in walk.participants:
        broken("composition", "the coordinator is not among the participants")
    unknown = [pid for pid in walk.participants if pid not in people]
    for pid in unknown:
        broken("roster", f"participant {pid} is not on the roster")
    if unknown:
        return found
    if walk_type.per is not Per.INCIDENT:
        missing = unfilled_roles(walk_type, walk, people)
        if missing:
            broken("composition", f"{walk_type.name} needs " + ", ".join(missing))
        lead = people[walk.coordinator]
        for pid in walk.participants:
            if pid != walk.coordinator and not walks_with(walk_type, lead, people[pid]):
                whose = "squad" if walk_type.crew is Crew.OWN_SQUAD else "shift"
                broken("crew", f"{people[pid].label} is not on {lead.label}'s {whose}")
    elif not walk_type.coordinator_role.admits(people[walk.coordinator]):
        broken("composition", f"coordinator must be a {walk_type.coordinator_role.label}")
    found += _called_in_violations(walk, walk_type, people, tz)
    for pid in walk.participants:
        if pid not in walk.called_in and not on_duty(people[pid], walk.start, walk.end, tz):
            broken("on_duty", f"{people[pid].label} is not on duty for the whole walk")
    return found


def _incident_of(problem: PlanningProblem, walk: Walk) -> Incident | None:
    incident_id = problem.incident_walks.get(walk.id)
    return next((incident for incident in problem.incidents if incident.id == incident_id), None)


def _incident_window_violations(problem: PlanningProblem, walk: Walk, tz: ZoneInfo) -> list[Violation]:
    """A post-incident walk starts no earlier than the delay after its incident and ends within
    its 24 hours (judged only where the problem knows the walk's incident)."""
    incident = _incident_of(problem, walk)
    if incident is None:
        return []
    district = problem.district
    occurred = incident.occurred_at.astimezone(tz)
    if walk.start < occurred + timedelta(hours=district.post_incident_delay_hours):
        message = (
            f"starts at {walk.start.astimezone(tz):%Y-%m-%d %H:%M}, less than "
            f"{district.post_incident_delay_hours} hours after {incident.kind} {incident.id} "
            f"of {occurred:%Y-%m-%d %H:%M}"
        )
        return [Violation("incident_window", walk.id, message)]
    if walk.end > occurred + WITHIN:
        message = (
            f"ends at {walk.end.astimezone(tz):%Y-%m-%d %H:%M}, more than 24 hours after "
            f"{incident.kind} {incident.id} of {occurred:%Y-%m-%d %H:%M}"
        )
        return [Violation("incident_window", walk.id, message)]
    return []


def _called_in_violations(
    walk: Walk, walk_type: WalkType, people: dict[str, Person], tz: ZoneInfo
) -> list[Violation]:
    """Only a post-incident walk calls people in off duty; they are its participants, not on leave."""
    if not walk.called_in:
        return []
    if walk_type.per is not Per.INCIDENT:
        return [
            Violation(
                "called_in", walk.id, f"only post-incident walks call people in, not a {walk_type.name}"
            )
        ]
    found = []
    day = walk.start.astimezone(tz).date()
    for pid in walk.called_in:
        if pid not in walk.participants:
            found.append(Violation("called_in", walk.id, f"{pid} is called in but not on the walk"))
        elif people[pid].on_leave(day):
            found.append(Violation("called_in", walk.id, f"{people[pid].label} is on leave on {day}"))
    return found


def unfilled_roles(walk_type: WalkType, walk: Walk, people: dict[str, Person]) -> list[str]:
    """Labels of the roles the participants cannot fill, with the coordinator in the first role.

    Roles overlap (a patrol sergeant is also "a member of patrol"), so people are matched to
    places by augmenting paths rather than greedily.
    """
    coordinator = people[walk.coordinator]
    missing = []
    if not walk_type.coordinator_role.admits(coordinator):
        missing.append(f"a {walk_type.coordinator_role.label} as coordinator")
    places: list[Role] = [role for role in walk_type.roles[1:] for _ in range(role.count)]
    others = [people[pid] for pid in walk.participants if pid != walk.coordinator]
    filled = _max_matching(places, others)
    shortage = Counter(role.label for i, role in enumerate(places) if i not in filled)
    missing += [f"{n} more {label}" if n > 1 else f"a {label}" for label, n in shortage.items()]
    return missing


def _max_matching(places: Sequence[Role], people: Sequence[Person]) -> set[int]:
    """Indices of places filled in a maximum matching of people to places."""
    holder: dict[int, int] = {}  # place -> person index

    def assign(person: int, seen: set[int]) -> bool:
        for place, role in enumerate(places):
            if place in seen or not role.admits(people[person]):
                continue
            seen.add(place)
            if place not in holder or assign(holder[place], seen):
                holder[place] = person
                return True
        return False

    for person in range(len(people)):
        assign(person, set())
    return set(holder)


def _overlap_violations(walks: Sequence[Walk], people: dict[str, Person]) -> list[Violation]:
    by_person: dict[str, list[Walk]] = defaultdict(list)
    for walk in walks:
        for pid in set(walk.participants):
            by_person[pid].append(walk)
    found = []
    for pid, own in by_person.items():
        own.sort(key=lambda w: (w.start, w.end))
        latest = own[0]  # of the walks so far, the one that ends last
        for later in own[1:]:
            if overlaps(later.start, later.end, latest.start, latest.end):
                name = people[pid].label if pid in people else pid
                found.append(Violation("overlap", later.id, f"{name} is also on walk {latest.id} then"))
            if later.end > latest.end:
                latest = later
    return found


def _other_district_violations(problem: PlanningProblem, walks: Sequence[Walk]) -> list[Violation]:
    """Nobody the department's districts share is on a walk here while on one of another district."""
    on_day: dict[date, list[tuple[Walk, tuple[str, ...]]]] = defaultdict(list)
    for other, shared in problem.busy_elsewhere:
        for day in _utc_days(other):
            on_day[day].append((other, shared))
    found = []
    for walk in walks:
        clashing = {
            other.id: (other, shared)
            for day in _utc_days(walk)
            for other, shared in on_day.get(day, ())
            if overlaps(walk.start, walk.end, other.start, other.end)
        }
        for other, shared in clashing.values():
            for pid in shared:
                if pid in walk.participants:
                    name = problem.everyone_by_id[pid].label
                    found.append(Violation("other_district", walk.id, f"{name} is on walk {other.id} then"))
    return found


def _utc_days(walk: Walk) -> list[date]:
    first, last = walk.start.astimezone(UTC).date(), walk.end.astimezone(UTC).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _squad_violations(
    problem: PlanningProblem, walks: Sequence[Walk], people: dict[str, Person]
) -> list[Violation]:
    """At most `max_walking_per_squad` of one patrol squad walking at any moment."""
    events: dict[str, list[tuple[datetime, int, str]]] = defaultdict(list)
    for walk in walks:
        for pid in set(walk.participants):
            squad = limited_squad(people[pid]) if pid in people else ""
            if squad:
                events[squad].append((walk.start, 1, walk.id))
                events[squad].append((walk.end, -1, walk.id))
    limit = problem.district.max_walking_per_squad
    found = []
    for squad, squad_events in events.items():
        walking = 0
        for _, change, walk_id in sorted(squad_events, key=lambda e: (e[0], e[1])):
            walking += change
            if not within_squad_limit(walking, problem.district):
                found.append(
                    Violation(
                        "squad_limit", walk_id, f"more than {limit} of squad {squad} would be walking at once"
                    )
                )
    return found


def _locked_violations(problem: PlanningProblem, plan: Plan) -> list[Violation]:
    kept = set(plan.walks)
    return [
        Violation("locked", walk.id, "a locked walk was changed or removed")
        for walk in problem.locked
        if walk not in kept
    ]


def _past_violations(problem: PlanningProblem, plan: Plan) -> list[Violation]:
    """No walk is planned to start before `not_before` (now, in the database); walks that already
    started stay as they were, so they are among the locked walks."""
    if problem.not_before is None:
        return []
    fixed = set(problem.locked)
    return [
        Violation(
            "past",
            walk.id,
            f"starts at {walk.start:%Y-%m-%d %H:%M}, before {problem.not_before:%Y-%m-%d %H:%M}",
        )
        for walk in plan.walks
        if walk.start < problem.not_before and walk not in fixed
    ]


def _minimum_violations(problem: PlanningProblem, plan: Plan, tz: ZoneInfo) -> list[Violation]:
    """Each period that has fewer walks than its minimum must be listed as a shortfall, with the
    right counts, so a plan never hides a missed minimum."""
    listed = {(s.type, s.period): s for s in plan.shortfalls}
    found = []
    periods = all_periods(problem.district, problem.month, problem.neighbours, not_before=problem.not_before)
    for period in periods:
        planned = period.count(plan.walks, tz)
        shortfall = listed.pop((period.walk_type, period.key), None)
        if planned < period.required and (
            shortfall is None or (shortfall.required, shortfall.planned) != (period.required, planned)
        ):
            found.append(
                Violation(
                    "minimum",
                    "",
                    f"{period.walk_type} walks in period {period.key}: {planned} planned, "
                    f"{period.required} required, and no matching shortfall is listed",
                )
            )
        elif planned >= period.required and shortfall is not None:
            found.append(
                Violation("minimum", "", f"shortfall listed for {period.key} but the minimum is met")
            )
    for incident in unwalked(problem, plan.walks):
        if listed.pop((POST_INCIDENT, incident_period(incident)), None) is None:
            message = f"{incident.kind} {incident.id} has no post-incident walk, and no shortfall is listed"
            found.append(Violation("minimum", "", message))
    found += [Violation("minimum", "", f"shortfall for unknown period {key}") for key in listed]
    return found
