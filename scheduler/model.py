"""Plain, immutable domain values: the planner takes these in and gives these back.

Nothing here knows about files, databases, Qt or PDFs, so the planner and the validator can be
tested and benchmarked on values built in a few lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property


class Rank(StrEnum):
    OFFICER = "officer"
    DETECTIVE = "detective"
    SERGEANT = "sergeant"
    LIEUTENANT = "lieutenant"
    CAPTAIN = "captain"
    COMMANDER = "commander"
    CHIEF = "chief"
    CIVILIAN = "civilian"


class Unit(StrEnum):
    PATROL = "patrol"
    INVESTIGATIONS = "investigations"
    COMMUNITY_POLICING = "community_policing"
    SPECIALIZED = "specialized"
    SUPPORT = "support"
    ADMINISTRATION = "administration"


class Engagement(StrEnum):
    """How easily a person starts conversations; the planner pairs `developing` with `natural`."""

    NATURAL = "natural"
    DEVELOPING = "developing"
    UNKNOWN = ""


class Per(StrEnum):
    """The period a walk type's minimum is counted over."""

    WORK_WEEK = "work_week"
    MONTH = "month"
    WORKDAY = "workday"
    INCIDENT = "incident"


@dataclass(frozen=True, order=True)
class DateRange:
    """Inclusive range of calendar days (a leave entry)."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True)
class WorkPattern:
    """Which days a person starts a shift: fixed weekdays, or a repeating 0/1 rotation.

    A rotation's first character falls on `rotation_start`; days before it are read backwards
    through the same cycle, so a rotation keeps working for past months too.
    """

    weekdays: frozenset[int] = frozenset(range(5))  # 0 = Monday
    rotation: str = ""
    rotation_start: date | None = None

    def works_on(self, day: date) -> bool:
        if self.rotation:
            assert self.rotation_start is not None
            offset = (day - self.rotation_start).days % len(self.rotation)
            return self.rotation[offset] == "1"
        return day.weekday() in self.weekdays


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    rank: Rank
    unit: Unit
    responsible: bool = False
    squad: str = ""
    shift_start: time = time(8, 0)
    shift_hours: float = 8.0
    pattern: WorkPattern = field(default_factory=WorkPattern)
    leave: tuple[DateRange, ...] = ()
    engagement: Engagement = Engagement.UNKNOWN
    email: str = ""

    def on_leave(self, day: date) -> bool:
        return any(day in entry for entry in self.leave)

    def starts_shift_on(self, day: date) -> bool:
        """A shift belongs to the day it starts; leave on that day cancels it."""
        return self.pattern.works_on(day) and not self.on_leave(day)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})"


@dataclass(frozen=True)
class Role:
    """One place on a walk: who may fill it and how many are needed.

    Empty `ranks` or `units` admit any; `exclude_units` expresses "non-patrol".
    """

    key: str
    label: str
    count: int = 1
    ranks: frozenset[Rank] = frozenset()
    units: frozenset[Unit] = frozenset()
    exclude_units: frozenset[Unit] = frozenset()
    responsible: bool = False

    def admits(self, person: Person) -> bool:
        return (
            (not self.ranks or person.rank in self.ranks)
            and (not self.units or person.unit in self.units)
            and person.unit not in self.exclude_units
            and (person.responsible or not self.responsible)
        )


@dataclass(frozen=True)
class WalkType:
    """A walk type's rule. `roles[0]` is the coordinator's role (count 1)."""

    key: str
    name: str
    minutes: int
    minimum: int
    per: Per
    roles: tuple[Role, ...]

    @property
    def coordinator_role(self) -> Role:
        return self.roles[0]

    @property
    def size(self) -> int:
        return sum(role.count for role in self.roles)


@dataclass(frozen=True)
class District:
    name: str
    timezone: str
    walk_types: tuple[WalkType, ...]
    week_start: int = 0  # 0 = Monday
    walk_start: time = time(9, 0)
    walk_end: time = time(20, 0)
    workdays: frozenset[int] = frozenset(range(5))
    max_walking_per_squad: int = 2
    walk_call_type: str = "community walk"

    def walk_type(self, key: str) -> WalkType:
        for walk_type in self.walk_types:
            if walk_type.key == key:
                return walk_type
        raise KeyError(key)


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse `YYYY-MM`; raises ValueError on anything else."""
        year, _, month = text.strip().partition("-")
        if len(year) != 4 or len(month) != 2 or not (year + month).isdigit():
            raise ValueError(f"expected YYYY-MM, got {text!r}")
        result = cls(int(year), int(month))
        if not 1 <= result.month <= 12:
            raise ValueError(f"month must be 01 to 12, got {text!r}")
        return result

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=i) for i in range(count)]

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Walk:
    id: str
    type: str
    start: datetime  # always time-zone aware
    minutes: int
    coordinator: str
    participants: tuple[str, ...]  # includes the coordinator
    locked: bool = False

    @property
    def end(self) -> datetime:
        """In absolute time: aware arithmetic in one zone would follow the wall clock instead."""
        utc_end = self.start.astimezone(UTC) + timedelta(minutes=self.minutes)
        return utc_end.astimezone(self.start.tzinfo)


@dataclass(frozen=True)
class Shortfall:
    type: str
    period: str
    required: int
    planned: int
    reason: str


@dataclass(frozen=True)
class Plan:
    month: Month
    timezone: str
    walks: tuple[Walk, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()


@dataclass(frozen=True)
class PlanningProblem:
    """Everything the planner needs for one month.

    `locked` walks are kept exactly; `previous` is the plan being re-planned (the solver starts
    from it and changes as few of its walks as it can); `neighbours` are the adjacent months'
    plans that exist, so a week split across months counts their walks and needs the full minimum.
    """

    district: District
    people: tuple[Person, ...]
    month: Month
    locked: tuple[Walk, ...] = ()
    previous: Plan | None = None
    neighbours: tuple[Plan, ...] = ()

    @cached_property
    def people_by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.people}
