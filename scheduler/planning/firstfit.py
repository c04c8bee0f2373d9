"""A first-fit planner: the benchmark's baseline and the CP-SAT solver's starting hint.

It fills each period's walks in turn, on days spread over the period, taking for each place the
least-loaded person who is free: the coordinator first, among all who could lead the walk at any
start, then the start nearest a time that rotates through the day. It never backtracks,
so it is fast and simple, and what it finds is always a plan the validator accepts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from scheduler.domain import Engagement, Plan, PlanningProblem
from scheduler.planning.assembly import Assignment, assemble_plan
from scheduler.planning.candidates import Candidate, Demand, Slot, build_demands, walk_interval
from scheduler.rules.hard_rules import limited_squads, may_join, overlaps, walks_with

# Times of day the n-th walk of a type aims for, so a week's walks are not all at one hour.
TARGET_MINUTES = (10 * 60, 14 * 60, 17 * 60 + 30)


class Calendar:
    """Who walks when, so that no one walks twice at once and squads keep enough people free."""

    def __init__(self, problem: PlanningProblem):
        self.problem = problem
        self.busy: dict[tuple[str, date], list[tuple[int, int]]] = defaultdict(list)
        self.load: Counter[str] = Counter()
        self.squad_of = limited_squads(problem.people)
        self.members: dict[str, list[str]] = defaultdict(list)
        for pid, squad in self.squad_of.items():
            self.members[squad].append(pid)
        tz = ZoneInfo(problem.district.timezone)
        for walk in problem.locked:
            day, start, end = walk_interval(walk, tz)
            for pid in walk.participants:
                self.add(pid, day, start, end)
        for walk, shared in problem.busy_elsewhere:  # busy there, and walks there count as load
            day, start, end = walk_interval(walk, tz)
            for pid in shared:
                self.add(pid, day, start, end)

    def add(self, pid: str, day: date, start: int, end: int) -> None:
        self.busy[(pid, day)].append((start, end))
        self.load[pid] += 1

    def free(self, pid: str, day: date, start: int, end: int) -> bool:
        return not any(overlaps(start, end, s, e) for s, e in self.busy[(pid, day)])

    def squad_walking(self, squad: str, day: date, start: int, end: int) -> int:
        """Members of the squad on a walk overlapping [start, end) (an upper bound at any moment)."""
        return sum(1 for pid in self.members[squad] if not self.free(pid, day, start, end))


def first_fit(problem: PlanningProblem) -> Plan:
    demands = build_demands(problem)
    return assemble_plan(problem, demands, fill(problem, demands))


def fill(problem: PlanningProblem, demands: Sequence[Demand]) -> list[Assignment]:
    calendar = Calendar(problem)
    assignments = []
    nth: Counter[str] = Counter()
    for demand in sorted(demands, key=lambda d: (d.period.first, d.walk_type.key)):
        needed = demand.required
        for slot in _spread(demand.slots, needed):
            if needed == 0:
                break
            target = TARGET_MINUTES[nth[slot.walk_type.key] % len(TARGET_MINUTES)]
            assignment = _fill_slot(slot, target, calendar)
            if assignment:
                assignments.append(assignment)
                nth[slot.walk_type.key] += 1
                needed -= 1
    return assignments


def _spread(slots: Sequence[Slot], needed: int) -> list[Slot]:
    """First slots on days evenly spaced over the period, then the remaining days, then second
    slots of a day."""
    firsts = [s for s in slots if s.index == 0]
    if not firsts or needed == 0:
        return list(slots)
    picks = sorted(
        {
            round(i * len(firsts) / needed + len(firsts) / (2 * needed) - 0.5)
            for i in range(min(needed, len(firsts)))
        }
    )
    preferred = [firsts[i] for i in picks if i < len(firsts)]
    rest = [s for s in firsts if s not in preferred]
    return preferred + rest + sorted((s for s in slots if s.index > 0), key=lambda s: (s.index, s.day))


def _fill_slot(slot: Slot, target: int, calendar: Calendar) -> Assignment | None:
    """The slot's walk, led by the coordinator `_preference` puts first among all who could lead
    it at some start, at the start nearest `target`, with a crew (`hard_rules.walks_with`) that
    fills every other place. Coordinators come before times of day: the few who could lead a
    walk type may be on duty at different hours, and taking the nearest start first gave its
    walks to whoever was on duty then (in a 925-person district one shift lieutenant of six led
    7 walks where 3 each were possible)."""
    leads = [(start, lead) for start in slot.starts for lead in _options(slot, 0, start, calendar, [])]
    leads.sort(key=lambda pair: (_preference(pair[1], [], calendar), abs(pair[0] - target), pair[0]))
    for start, lead in leads:
        people = _fill_crew(slot, start, calendar, lead)
        if people:
            end = start + slot.walk_type.minutes
            for pid in people:
                calendar.add(pid, slot.day, start, end)
            return Assignment(slot, start, tuple(people))
    return None


def _fill_crew(slot: Slot, start: int, calendar: Calendar, lead: Candidate) -> list[str] | None:
    chosen = [lead]
    for index, role in enumerate(slot.walk_type.roles[1:], start=1):
        for _ in range(role.count):
            options = [
                c
                for c in _options(slot, index, start, calendar, chosen)
                if walks_with(slot.walk_type, lead.person, c.person)
            ]
            if not options:
                return None
            chosen.append(min(options, key=lambda c: _preference(c, chosen, calendar)))
    return [c.person.id for c in chosen]


def _options(
    slot: Slot, index: int, start: int, calendar: Calendar, chosen: Sequence[Candidate]
) -> list[Candidate]:
    """Who may fill a place of role `index` at `start`: free then, and not over their squad's
    walking limit with the people `chosen` so far."""
    end = start + slot.walk_type.minutes
    squads = Counter(calendar.squad_of.get(c.person.id) for c in chosen)

    def walking(squad: str) -> int:
        return calendar.squad_walking(squad, slot.day, start, end) + squads[squad]

    return [
        c
        for c in slot.candidates
        if index in c.roles
        and start in c.starts
        and c not in chosen
        and calendar.free(c.person.id, slot.day, start, end)
        and may_join(c.person, walking, calendar.problem.district)
    ]


def _preference(
    candidate: Candidate, chosen: Sequence[Candidate], calendar: Calendar
) -> tuple[bool, bool, int, str]:
    """Pairing first, then the least loaded, then by id so the plan does not depend on roster order."""
    return (*_pairing_cost(candidate, chosen), calendar.load[candidate.person.id], candidate.person.id)


def _pairing_cost(candidate: Candidate, chosen: Sequence[Candidate]) -> tuple[bool, bool]:
    """Prefer a natural where a developing officer walks alone so far, and no developing officer
    where no natural walks yet."""
    has_natural = any(c.person.engagement is Engagement.NATURAL for c in chosen)
    has_developing = any(c.person.engagement is Engagement.DEVELOPING for c in chosen)
    engagement = candidate.person.engagement
    return (
        has_developing and not has_natural and engagement is not Engagement.NATURAL,
        not has_natural and engagement is Engagement.DEVELOPING,
    )
