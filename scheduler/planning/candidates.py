"""Where each walk could happen and who could be on it, computed once before any solving.

Both the first-fit baseline and the CP-SAT model are built from these slots, so neither creates a
choice that can never be true: a slot exists only on a workday on which every role of its walk
type has someone on duty, and a person is a candidate only for slots they could really join.
With `problem.not_before`, no slot starts before it and periods already over have no slots.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Per, Person, PlanningProblem, Walk, WalkType
from scheduler.domain.availability import Window, at_minutes, duty_windows
from scheduler.domain.periods import Period, periods_for
from scheduler.rules.hard_rules import start_minutes, walks_with


@dataclass(frozen=True)
class Candidate:
    person: Person
    roles: tuple[int, ...]  # indices into the walk type's roles that admit the person
    starts: frozenset[int]  # start minutes (of the slot's starts) at which the person can join


@dataclass(frozen=True)
class Slot:
    """A place for one walk of a type on one day; `index` > 0 marks a second walk that day."""

    walk_type: WalkType
    period: Period
    day: date
    index: int
    starts: tuple[int, ...]
    candidates: tuple[Candidate, ...]

    @property
    def key(self) -> str:
        return slot_key(self.walk_type.key, self.day, self.index)


def slot_key(walk_type: str, day: date, index: int) -> str:
    """The name of the `index`-th slot of a walk type on a day: the model's variables, the hint and
    a re-plan's mapping from the previous plan's walks all find a slot by it."""
    return f"{walk_type}-{day.isoformat()}-{index}"


@dataclass(frozen=True)
class Demand:
    """A period's minimum after the locked walks already in it."""

    period: Period
    walk_type: WalkType
    required: int  # still to plan
    locked: int  # locked walks already counting
    slots: tuple[Slot, ...]


def start_grid(walk_type: WalkType, problem: PlanningProblem) -> list[int]:
    return list(start_minutes(problem.district, walk_type.minutes))


def starts_on(day: date, grid: Sequence[int], problem: PlanningProblem, tz: ZoneInfo) -> list[int]:
    """The grid's starts on `day` that are not before `problem.not_before`."""
    not_before = problem.not_before
    if not_before is None or day > not_before.astimezone(tz).date():
        return list(grid)
    return [minute for minute in grid if at_minutes(day, minute, tz) >= not_before]


def problem_periods(walk_type: WalkType, problem: PlanningProblem) -> list[Period]:
    """The walk type's periods the planner fills: those still open at `problem.not_before`."""
    return periods_for(
        walk_type, problem.district, problem.month, problem.neighbours, not_before=problem.not_before
    )


def person_starts(windows: Iterable[tuple[int, int]], grid: Sequence[int], minutes: int) -> frozenset[int]:
    return frozenset(s for s in grid for lo, hi in windows if lo <= s and s + minutes <= hi)


class DutyTable:
    """Duty windows per person and day, computed once and shared by every walk type."""

    def __init__(self, problem: PlanningProblem):
        self._district = problem.district
        self._tz = ZoneInfo(problem.district.timezone)
        self._windows: dict[tuple[str, date], list[Window]] = {}

    def windows(self, person: Person, day: date) -> list[Window]:
        key = (person.id, day)
        if key not in self._windows:
            self._windows[key] = duty_windows(person, day, self._district, self._tz)
        return self._windows[key]


def day_candidates(
    walk_type: WalkType,
    day: date,
    grid: Sequence[int],
    eligible: Sequence[tuple[Person, tuple[int, ...]]],
    duty: DutyTable,
) -> tuple[tuple[int, ...], tuple[Candidate, ...]]:
    """Start times at which every role can be filled, and the people who can join at one of them.

    People on the same shift have the same duty windows, so each distinct set of windows is turned
    into start times once, and the roles are counted once per distinct (start times, roles) group:
    a large department has thousands of people but only a few dozen such groups a day."""
    found = []
    starts_of: dict[tuple[Window, ...], frozenset[int]] = {}
    for person, roles in eligible:
        windows = tuple(duty.windows(person, day))
        starts = starts_of.get(windows)
        if starts is None:
            starts = starts_of[windows] = person_starts(windows, grid, walk_type.minutes)
        if starts:
            found.append(Candidate(person, roles, starts))
    groups = Counter((c.starts, c.roles) for c in found)
    feasible = tuple(
        s
        for s in grid
        if _fillable(walk_type, [(roles, n) for (starts, roles), n in groups.items() if s in starts])
    )
    keep = set(feasible)
    kept: dict[frozenset[int], frozenset[int]] = {}
    candidates = []
    for c in found:
        if c.starts not in kept:
            kept[c.starts] = c.starts & keep
        if kept[c.starts]:
            candidates.append(Candidate(c.person, c.roles, kept[c.starts]))
    # Someone who could only take a later place beside a coordinator who never walks with them (a
    # squad walk's officers of another squad) could never join: most of a large department's
    # officers on squad walks.
    leads = Leads(walk_type, candidates)
    return feasible, tuple(c for c in candidates if 0 in c.roles or leads.of(c) - {c.person.id})


class Leads:
    """Who could lead a walk of a slot with a candidate in a later place: on duty with them at one
    of its starts, and (for squad and shift walks) of their crew (`hard_rules.walks_with`). Leads
    alike in their starts, squad and shift start are one class, and so are such candidates, so
    each pair of classes is tried once."""

    def __init__(self, walk_type: WalkType, candidates: Iterable[Candidate]):
        self.walk_type = walk_type
        self.classes: dict[tuple[frozenset[int], str, time], tuple[Person, set[str]]] = {}
        for lead in candidates:
            if 0 in lead.roles:
                key = (lead.starts, lead.person.squad, lead.person.shift_start)
                self.classes.setdefault(key, (lead.person, set()))[1].add(lead.person.id)
        self._found: dict[tuple[frozenset[int], str, time], frozenset[str]] = {}

    def of(self, candidate: Candidate) -> frozenset[str]:
        """The ids of everyone who could lead `candidate` (themselves too, if they could lead)."""
        person = candidate.person
        key = (candidate.starts, person.squad, person.shift_start)
        if key not in self._found:
            self._found[key] = frozenset().union(
                *(
                    ids
                    for (starts, _, _), (lead, ids) in self.classes.items()
                    if starts & candidate.starts and walks_with(self.walk_type, lead, person)
                )
            )
        return self._found[key]


def _fillable(walk_type: WalkType, present: Sequence[tuple[tuple[int, ...], int]]) -> bool:
    """A quick necessary test: enough people for each role and for the walk as a whole, from how
    many people of each combination of roles are present."""
    if sum(n for _, n in present) < walk_type.size:
        return False
    return all(
        sum(n for roles, n in present if i in roles) >= role.count for i, role in enumerate(walk_type.roles)
    )


def eligible_people(walk_type: WalkType, people: Sequence[Person]) -> list[tuple[Person, tuple[int, ...]]]:
    result = []
    for person in people:
        roles = tuple(i for i, role in enumerate(walk_type.roles) if role.admits(person))
        if roles:
            result.append((person, roles))
    return result


def local_day(walk: Walk, tz: ZoneInfo) -> date:
    return walk.start.astimezone(tz).date()


def build_demands(problem: PlanningProblem) -> list[Demand]:
    """Slots for every period of every scheduled walk type.

    One slot a day per type, unless the period has fewer usable days than walks to plan: only
    then does a day get a second (or further) slot. Days that held more walks of the type in the
    previous plan get as many slots, so a re-plan can keep them.
    """
    tz = ZoneInfo(problem.district.timezone)
    previous_per_day = _walks_per_type_day(problem.previous.walks if problem.previous else (), tz)
    duty = DutyTable(problem)
    demands = []
    for walk_type in problem.district.walk_types:
        if walk_type.per is Per.INCIDENT:
            continue
        grid = start_grid(walk_type, problem)
        eligible = eligible_people(walk_type, problem.people)
        for period in problem_periods(walk_type, problem):
            locked = period.count(problem.locked, tz)
            required = max(0, period.required - locked)
            wanted = required or any(previous_per_day.get((walk_type.key, day)) for day in period.days)
            per_day = []
            for day in period.days if wanted else ():
                on_day = starts_on(day, grid, problem, tz)
                starts, candidates = day_candidates(walk_type, day, on_day, eligible, duty)
                if starts:
                    per_day.append((day, starts, candidates))
            per_slot_day = math.ceil(required / len(per_day)) if per_day else 0
            slots = tuple(
                Slot(walk_type, period, day, index, starts, candidates)
                for day, starts, candidates in per_day
                for index in range(max(per_slot_day, previous_per_day.get((walk_type.key, day), 0)))
            )
            demands.append(Demand(period, walk_type, required, locked, slots))
    return demands


def _walks_per_type_day(walks: Iterable[Walk], tz: ZoneInfo) -> dict[tuple[str, date], int]:
    counts: dict[tuple[str, date], int] = defaultdict(int)
    for walk in walks:
        if not walk.locked:
            counts[(walk.type, local_day(walk, tz))] += 1
    return counts


def walk_start(slot: Slot, minute: int, tz: ZoneInfo) -> datetime:
    return at_minutes(slot.day, minute, tz)


def walk_interval(walk: Walk, tz: ZoneInfo) -> tuple[date, int, int]:
    """(local day, start minute, end minute) of a fixed walk, for busy-time bookkeeping."""
    local = walk.start.astimezone(tz)
    start = local.hour * 60 + local.minute
    end_delta = walk.end - walk.start
    return local.date(), start, start + int(end_delta / timedelta(minutes=1))
