"""A district and its walk-type rules: who may fill each place on a walk, and how many walks a
period needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from scheduler.domain.people import Person, Rank, Unit


class Per(StrEnum):
    """The period a walk type's minimum is counted over."""

    WORK_WEEK = "work_week"
    MONTH = "month"
    WORKDAY = "workday"
    INCIDENT = "incident"


class Crew(StrEnum):
    """Who may walk with a walk's coordinator: a sergeant's squad walk is for the sergeant's own
    squad, a lieutenant's shift walk for the lieutenant's own shift."""

    ANYONE = "anyone"
    OWN_SQUAD = "own_squad"  # the coordinator's squad, where the roster gives both squads
    OWN_SHIFT = "own_shift"  # the same squad where both are given, else the same shift start


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
    crew: Crew = Crew.ANYONE

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
    holidays: frozenset[date] = frozenset()  # days off for the whole district: never a workday
    # A post-incident walk starts no earlier than this many hours after the incident (the scene is
    # worked first) and lasts `post_incident_minutes`; it still ends within 24 hours.
    post_incident_delay_hours: int = 2
    post_incident_minutes: int = 60
    # The agency the district belongs to, printed on the documents' covers and footers ("": none).
    agency: str = ""

    def works_on(self, day: date) -> bool:
        """Whether `day` is a workday of the district: one of its weekdays and not a holiday. The
        periods, the candidates and the validator all ask this, so a holiday means the same to each."""
        return day.weekday() in self.workdays and day not in self.holidays

    def walk_type(self, key: str) -> WalkType:
        for walk_type in self.walk_types:
            if walk_type.key == key:
                return walk_type
        raise KeyError(key)
