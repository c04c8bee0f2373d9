"""A district and its walk-type rules: who may fill each place on a walk, and how many walks a
period needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum

from scheduler.domain.people import Person, Rank, Unit


class Per(StrEnum):
    """The period a walk type's minimum is counted over."""

    WORK_WEEK = "work_week"
    MONTH = "month"
    WORKDAY = "workday"
    INCIDENT = "incident"


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
    # A post-incident walk starts no earlier than this many hours after the incident (the scene is
    # worked first) and lasts `post_incident_minutes`; it still ends within 24 hours.
    post_incident_delay_hours: int = 2
    post_incident_minutes: int = 60

    def walk_type(self, key: str) -> WalkType:
        for walk_type in self.walk_types:
            if walk_type.key == key:
                return walk_type
        raise KeyError(key)
