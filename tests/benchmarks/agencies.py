"""Synthetic rosters shaped like the 14 agencies the guide studied, plus two target sizes.

The planner's speed and plan quality depend on the shape of a department (how many responsible
people are on duty when, how squads rotate, how many leaders there are), not just on its size, so
the benchmark needs rosters built from realistic proportions rather than random people. Every roster
is deterministic for its seed, so benchmark runs can be compared with each other.

The structure of a roster (ranks, units, squads, shifts, names) does not depend on the month; only
leave does (it falls inside `month`). So two months' rosters of one seed differ in leave only, and
the demo data can merge them.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from itertools import cycle, islice

from scheduler.domain import (
    DateRange,
    District,
    Engagement,
    Month,
    Person,
    PlanningProblem,
    Rank,
    Unit,
    WorkPattern,
)
from scheduler.rules.walk_types import default_walk_types
from tests.benchmarks.names import random_name


@dataclass(frozen=True)
class AgencySpec:
    name: str
    sworn: int
    civilians: int
    shift_system: str  # a key of SHIFT_SYSTEMS


# The guide's 14 agencies (sworn counts from its list; civilians 20-30% of sworn), then the two
# sizes the app is tuned for.
AGENCIES: list[AgencySpec] = [
    AgencySpec("boulder", 177, 46, "10h"),
    AgencySpec("danville", 130, 30, "8h"),
    AgencySpec("dayton", 360, 90, "8h"),
    AgencySpec("delaware-state-police", 740, 200, "12h"),
    AgencySpec("fort-myers", 260, 65, "12h"),
    AgencySpec("galax", 25, 6, "8h"),
    AgencySpec("madison", 500, 130, "10h"),
    AgencySpec("port-st-lucie", 290, 75, "12h"),
    AgencySpec("putnam-county", 120, 32, "12h"),
    AgencySpec("roanoke-city", 248, 55, "10h"),
    AgencySpec("roanoke-county", 142, 35, "8h"),
    AgencySpec("salisbury", 79, 20, "8h"),
    AgencySpec("salt-lake-city", 490, 120, "10h"),
    AgencySpec("walton-county", 260, 62, "12h"),
    AgencySpec("target-160", 125, 35, "10h"),
    AgencySpec("target-900", 740, 185, "12h"),
]


def agency(name: str) -> AgencySpec:
    for spec in AGENCIES:
        if spec.name == name:
            return spec
    raise KeyError(f"unknown agency {name!r} (known: {', '.join(a.name for a in AGENCIES)})")


# --- shift systems ------------------------------------------------------------------------------

PITMAN = "11001110011000"
# A fixed Monday that rotations count from: the structure of a roster must not depend on the month.
ROTATION_ANCHOR = date(2026, 1, 5)


def _days(*weekdays: int) -> WorkPattern:
    return WorkPattern(weekdays=frozenset(weekdays))


@dataclass(frozen=True)
class ShiftSystem:
    """How patrol works: shift starts and length, and the staggered day patterns of its squads.

    Patterns are ordered so that patterns 0 and 1 (and 2 and 3) together cover every day: the first
    two squads on a start time then keep that shift staffed all week.
    """

    starts: tuple[time, ...]
    hours: float
    patterns: tuple[WorkPattern, ...]


SHIFT_SYSTEMS: dict[str, ShiftSystem] = {
    # Five fixed days with staggered days off: Mon-Fri, Wed-Sun, Sat-Wed.
    "8h": ShiftSystem(
        (time(6), time(14), time(22)),
        8.0,
        (_days(0, 1, 2, 3, 4), _days(2, 3, 4, 5, 6), _days(5, 6, 0, 1, 2)),
    ),
    # Four days on: Mon-Thu, Fri-Mon, Wed-Sat, Sun-Wed.
    "10h": ShiftSystem(
        (time(6), time(11), time(16), time(21)),
        10.0,
        (_days(0, 1, 2, 3), _days(4, 5, 6, 0), _days(2, 3, 4, 5), _days(6, 0, 1, 2)),
    ),
    # Pitman 2-2-3: rotations 7 days apart are complements (0 and 7, 2 and 9).
    "12h": ShiftSystem(
        (time(6), time(18)),
        12.0,
        tuple(
            WorkPattern(rotation=PITMAN, rotation_start=ROTATION_ANCHOR + timedelta(days=offset))
            for offset in (0, 7, 2, 9)
        ),
    ),
}

OFFICE = (time(8), 8.0, _days(0, 1, 2, 3, 4))
OFFICE_FOUR_TENS = (time(7), 10.0, _days(0, 1, 2, 3))
OFFICE_UNITS = (Unit.SUPPORT, Unit.SUPPORT, Unit.ADMINISTRATION)
# Community policing members start in turn at these times: together they cover the walk day, and a
# 09:00 and a 12:00 member overlap 12:00-17:00 for their walk.
CPU_STARTS = (time(9), time(12))

# Hours of a workday inside the default walk hours (09:00-20:00); responsible squads are chosen to
# cover as many of these as possible, so responsible people are on duty through the walk day.
WALK_HOURS = range(9, 20)


# --- the structure of a department --------------------------------------------------------------


@dataclass
class Seat:
    """A position on the roster before a person is put in it."""

    rank: Rank
    unit: Unit
    responsible: bool = False
    squad: str = ""
    shift_start: time = time(8)
    shift_hours: float = 8.0
    pattern: WorkPattern = field(default_factory=WorkPattern)


@dataclass
class Squad:
    id: str
    start: time
    hours: float
    pattern: WorkPattern
    slot: tuple[int, int]  # (start index, pattern index): squads sharing it form a shift group
    officers: int = 0


def _office_seat(rank: Rank, unit: Unit, rng: random.Random, four_tens_share: float = 0.2) -> Seat:
    """Non-patrol staff work days; some on four ten-hour days, as many agencies offer."""
    start, hours, pattern = OFFICE_FOUR_TENS if rng.random() < four_tens_share else OFFICE
    return Seat(rank, unit, shift_start=start, shift_hours=hours, pattern=pattern)


def _slot(k: int, system: ShiftSystem) -> tuple[int, int]:
    """The k-th squad's (start, pattern): starts in turn, and on each start the patterns in an
    order that covers the week with the fewest squads."""
    n_starts, n_patterns = len(system.starts), len(system.patterns)
    start = k % n_starts
    return start, (k // n_starts + 2 * start) % n_patterns


def _squad_count(budget: int, system: ShiftSystem) -> int:
    """The most squads `budget` patrol members can staff with 8 officers each on average, besides
    each squad's sergeant and each shift group's lieutenant."""
    groups = len(system.starts) * len(system.patterns)
    for squads in range(max(1, budget // 7), 0, -1):
        officers = budget - squads - min(squads, groups)
        if officers >= 8 * squads:
            return squads
    return 1


def _make_squads(budget: int, system: ShiftSystem, rng: random.Random) -> list[Squad]:
    count = _squad_count(budget, system)
    groups = len({_slot(k, system) for k in range(count)})
    officers = max(6 * count, min(10 * count, budget - count - groups))
    squads = []
    per_start: Counter[int] = Counter()
    for k in range(count):
        start_index, pattern_index = _slot(k, system)
        per_start[start_index] += 1
        squads.append(
            Squad(
                id=f"{'ABCDEFGH'[start_index]}{per_start[start_index]}",
                start=system.starts[start_index],
                hours=system.hours,
                pattern=system.patterns[pattern_index],
                slot=(start_index, pattern_index),
                officers=6,
            )
        )
    for _ in range(officers - 6 * count):  # spread the rest at random, at most 10 to a squad
        rng.choice([s for s in squads if s.officers < 10]).officers += 1
    return squads


def _covered_hours(squad: Squad) -> set[tuple[int, int]]:
    """(day, hour) cells of the 28-day reference window (two Pitman cycles, four weeks) that the
    squad covers: workdays only, whole hours inside walk hours."""
    cells = set()
    start_hour = squad.start.hour
    for offset in range(28):
        day = ROTATION_ANCHOR + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for shift_day, shift_start in ((day - timedelta(days=1), start_hour - 24), (day, start_hour)):
            if squad.pattern.works_on(shift_day):
                end = shift_start + squad.hours
                cells.update((offset, hour) for hour in WALK_HOURS if shift_start <= hour and hour + 1 <= end)
    return cells


def _responsible_squads(squads: list[Squad], system: ShiftSystem, rng: random.Random) -> list[Squad]:
    """About a fifth of the squads answer calls in the neighborhood.

    They are chosen greedily to cover the most workday walk hours, one per start time first when
    there are enough of them, then preferring start times with fewest chosen, so that someone
    responsible is on duty morning, afternoon and evening on most days.
    """
    count = min(len(squads), max(1, round(0.22 * len(squads))))
    coverage = {s.id: _covered_hours(s) for s in squads}
    tiebreak = {s.id: rng.random() for s in squads}
    chosen: list[Squad] = []
    covered: set[tuple[int, int]] = set()

    def best(pool: list[Squad]) -> Squad:
        per_start = Counter(s.start for s in chosen)
        return max(pool, key=lambda s: (len(coverage[s.id] - covered), -per_start[s.start], tiebreak[s.id]))

    if count >= len(system.starts):
        for start in system.starts:
            pool = [s for s in squads if s.start == start and s not in chosen]
            if pool:
                chosen.append(best(pool))
                covered |= coverage[chosen[-1].id]
    while len(chosen) < count:
        chosen.append(best([s for s in squads if s not in chosen]))
        covered |= coverage[chosen[-1].id]
    return chosen


def _seats(sworn: int, civilians: int, system: ShiftSystem, rng: random.Random) -> list[Seat]:
    """Every position of the department, leaders first.

    Proportions of sworn staff: chief 1, commanders ~1%, captains ~2.5%, lieutenants ~5%,
    sergeants ~12%, detectives ~10%, the rest officers; patrol ~60%, investigations ~15%, community
    policing ~3% (at least 2), specialized ~8%, support and administration the rest.
    """
    seats = _command_seats(sworn)
    patrol_leaders = sum(1 for s in seats if s.unit is Unit.PATROL)
    squads = _make_squads(round(0.6 * sworn) - patrol_leaders, system, rng)
    seats += _patrol_seats(squads, system, rng)
    seats += _unit_seats(sworn, seats, squads, rng)
    # Command staff keep office days, so district walks can be set on any workday.
    for seat in seats:
        if seat.rank in (Rank.CHIEF, Rank.COMMANDER, Rank.CAPTAIN):
            seat.shift_start, seat.shift_hours, seat.pattern = OFFICE
    civilian_units = [Unit.SUPPORT, Unit.ADMINISTRATION, Unit.SUPPORT, Unit.INVESTIGATIONS]
    civilian_units += [Unit.SUPPORT, Unit.ADMINISTRATION, Unit.SUPPORT]
    seats += [_office_seat(Rank.CIVILIAN, u, rng) for u in islice(cycle(civilian_units), civilians)]
    return seats


def _command_seats(sworn: int) -> list[Seat]:
    """Chief, commanders and captains; exactly one captain is the district captain, and from 100
    sworn on there is at least one non-patrol captain for the district walk."""
    seats = [Seat(Rank.CHIEF, Unit.ADMINISTRATION)]
    commander_units = cycle([Unit.ADMINISTRATION, Unit.PATROL, Unit.INVESTIGATIONS])
    seats += [Seat(Rank.COMMANDER, unit) for unit in islice(commander_units, round(sworn / 100))]
    seats.append(Seat(Rank.CAPTAIN, Unit.PATROL, responsible=True))  # the district captain
    captains = max(1, round(0.025 * sworn), 2 if sworn >= 100 else 1)
    captain_units = cycle(
        [Unit.INVESTIGATIONS, Unit.PATROL, Unit.SPECIALIZED, Unit.SUPPORT, Unit.PATROL, Unit.ADMINISTRATION]
    )
    seats += [Seat(Rank.CAPTAIN, unit) for unit in islice(captain_units, captains - 1)]
    return seats


def _patrol_seats(squads: list[Squad], system: ShiftSystem, rng: random.Random) -> list[Seat]:
    """A lieutenant over each shift group (squads sharing start and days), then each squad's
    sergeant and officers; responsible squads make their lieutenant responsible too."""
    responsible = {s.id for s in _responsible_squads(squads, system, rng)}
    responsible_slots = {s.slot for s in squads if s.id in responsible}
    seats = []
    for slot in sorted({s.slot for s in squads}):
        first = next(s for s in squads if s.slot == slot)
        seats.append(
            Seat(
                Rank.LIEUTENANT,
                Unit.PATROL,
                responsible=slot in responsible_slots,
                shift_start=first.start,
                shift_hours=first.hours,
                pattern=first.pattern,
            )
        )
    for squad in squads:
        shift = (squad.id in responsible, squad.id, squad.start, squad.hours, squad.pattern)
        seats.append(Seat(Rank.SERGEANT, Unit.PATROL, *shift))
        seats += [Seat(Rank.OFFICER, Unit.PATROL, *shift) for _ in range(squad.officers)]
    return seats


def _unit_seats(sworn: int, placed: list[Seat], squads: list[Squad], rng: random.Random) -> list[Seat]:
    """Non-patrol lieutenants and sergeants, detectives, then officers filling investigations,
    specialized and community policing up to their shares and support/administration with the rest."""
    seats: list[Seat] = []
    patrol_lieutenants = len({s.slot for s in squads})
    lieutenants = max(round(0.05 * sworn), patrol_lieutenants + (sworn >= 50)) - patrol_lieutenants
    lieutenant_units = [Unit.INVESTIGATIONS, Unit.SPECIALIZED, Unit.SUPPORT, Unit.INVESTIGATIONS]
    lieutenant_units += [Unit.COMMUNITY_POLICING, Unit.ADMINISTRATION] if sworn >= 300 else []
    seats += [_office_seat(Rank.LIEUTENANT, u, rng) for u in islice(cycle(lieutenant_units), lieutenants)]
    sergeants = max(round(0.12 * sworn), len(squads) + (sworn >= 50)) - len(squads)
    sergeant_units = [Unit.INVESTIGATIONS, Unit.SPECIALIZED, Unit.COMMUNITY_POLICING, Unit.SUPPORT]
    sergeant_units += [Unit.INVESTIGATIONS, Unit.SPECIALIZED, Unit.ADMINISTRATION]
    seats += [_office_seat(Rank.SERGEANT, u, rng) for u in islice(cycle(sergeant_units), sergeants)]
    seats += [_office_seat(Rank.DETECTIVE, Unit.INVESTIGATIONS, rng) for _ in range(round(0.10 * sworn))]

    officers = sworn - len(placed) - len(seats)
    if officers < 0:
        raise ValueError(f"{sworn} sworn is too few for a department with a district and its units")
    in_unit = Counter(s.unit for s in placed + seats)
    for unit, share in ((Unit.INVESTIGATIONS, 0.15), (Unit.SPECIALIZED, 0.08)):
        extra = min(officers, max(0, round(share * sworn) - in_unit[unit]))
        seats += [_office_seat(Rank.OFFICER, unit, rng) for _ in range(extra)]
        officers -= extra
    cpu = min(officers, max(0, max(2, round(0.03 * sworn)) - in_unit[Unit.COMMUNITY_POLICING]))
    officers -= cpu
    seats += [_office_seat(Rank.OFFICER, u, rng) for u in islice(cycle(OFFICE_UNITS), officers)]
    seats += [Seat(Rank.OFFICER, Unit.COMMUNITY_POLICING) for _ in range(cpu)]
    # The unit walks every workday, so its members start at 09:00 and 12:00 in turn.
    cpu_seats = [s for s in seats if s.unit is Unit.COMMUNITY_POLICING]
    for seat, start in zip(cpu_seats, cycle(CPU_STARTS), strict=False):
        seat.shift_start, seat.shift_hours, seat.pattern = start, 8.0, OFFICE[2]
    return seats


# --- names, in the scripts the reports must print ----------------------------------------------


def _engagement(rng: random.Random, rank: Rank) -> Engagement:
    """About 30% natural, 20% developing overall; developing mostly among (younger) officers."""
    draw = rng.random()
    if draw < 0.30:
        return Engagement.NATURAL
    if draw < (0.62 if rank is Rank.OFFICER else 0.36):
        return Engagement.DEVELOPING
    return Engagement.UNKNOWN


# --- the roster ---------------------------------------------------------------------------------


def make_roster(
    sworn: int, *, shift_system: str, seed: int, month: Month, civilians: int | None = None
) -> tuple[Person, ...]:
    """A department of `sworn` sworn members plus `civilians` (default 25% of sworn).

    Exactly one district captain (captain, patrol, responsible); about a fifth of the patrol squads,
    their lieutenants and the district captain are responsible for the walk neighborhood. About 5%
    of people take 3-7 days of leave inside `month`; nothing else depends on the month.
    """
    if shift_system not in SHIFT_SYSTEMS:
        raise ValueError(f"unknown shift system {shift_system!r} (known: {', '.join(SHIFT_SYSTEMS)})")
    if civilians is None:
        civilians = round(0.25 * sworn)
    rng = random.Random(seed)
    seats = _seats(sworn, civilians, SHIFT_SYSTEMS[shift_system], rng)
    ids = rng.sample(range(1000, 1000 + max(9000, 4 * len(seats))), len(seats))
    emails: Counter[str] = Counter()
    people = []
    for seat, number in zip(seats, ids, strict=True):
        female = rng.random() < (0.6 if seat.rank is Rank.CIVILIAN else 0.25)
        name, first, last = random_name(rng, female)
        email = ""
        if rng.random() < 0.92:  # a few people have no agency email on file
            local = f"{first}.{last}"
            emails[local] += 1
            email = f"{local}{emails[local] if emails[local] > 1 else ''}@agency.example"
        people.append(
            Person(
                id=str(number),
                name=name,
                rank=seat.rank,
                unit=seat.unit,
                responsible=seat.responsible,
                squad=seat.squad,
                shift_start=seat.shift_start,
                shift_hours=seat.shift_hours,
                pattern=seat.pattern,
                engagement=_engagement(rng, seat.rank),
                email=email,
            )
        )
    return _with_leave(people, seed, month)


def _with_leave(people: list[Person], seed: int, month: Month) -> tuple[Person, ...]:
    """Give about 5% of people one 3-7-day leave inside the month.

    Drawn from its own random stream so the rest of the roster is the same for every month. The
    district captain is left out: the captain sets the month's plan around their own leave.
    """
    rng = random.Random(f"{seed}:leave:{month}")
    eligible = [i for i, p in enumerate(people) if not (p.rank is Rank.CAPTAIN and p.responsible)]
    chosen = set(rng.sample(eligible, round(0.05 * len(people))))
    result = []
    for index, person in enumerate(people):
        if index in chosen:
            length = rng.randint(3, 7)
            first = month.first_day + timedelta(days=rng.randint(0, len(month.days()) - length))
            leave = (DateRange(first, first + timedelta(days=length - 1)),)
            person = replace(person, leave=leave)
        result.append(person)
    return tuple(result)


def make_problem(spec: AgencySpec, month: Month, seed: int) -> PlanningProblem:
    people = make_roster(
        spec.sworn, shift_system=spec.shift_system, seed=seed, month=month, civilians=spec.civilians
    )
    district = District(name=spec.name, timezone="America/New_York", walk_types=default_walk_types())
    return PlanningProblem(district=district, people=people, month=month)
