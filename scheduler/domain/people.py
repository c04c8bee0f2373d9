"""Who walks: ranks, units, engagement, shifts and leave, as plain immutable values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum


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


# Units whose people serve the whole department (investigations, specialized units, executive
# staff): a post-incident walk may bring them from any district.
DEPARTMENT_UNITS = frozenset({Unit.INVESTIGATIONS, Unit.SPECIALIZED, Unit.ADMINISTRATION})

# More active people than any district has (the largest agency the guide studied has 940 sworn):
# beyond this the planner would run out of memory instead of planning.
MAX_PEOPLE = 5000


@dataclass(frozen=True)
class Partner:
    """Someone outside the agency (city official, social services, counselor) whom the district
    invites to post-incident walks; never scheduled by shift, so no work pattern. `name` is unique
    within a district."""

    name: str
    organization: str = ""
    kind: str = ""
    email: str = ""
    phone: str = ""
