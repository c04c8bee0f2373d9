"""Plans and the planning problem: what the planner takes in and gives back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property

from scheduler.domain.district import District
from scheduler.domain.months import Month
from scheduler.domain.people import Person


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
