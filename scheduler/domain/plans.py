"""Plans and the planning problem: what the planner takes in and gives back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property

from scheduler.domain.district import District
from scheduler.domain.incidents import Incident
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
    meeting_point: str | None = None  # a meeting point's name from the neighborhood profile
    called_in: tuple[str, ...] = ()  # participants called in off duty (post-incident walks only)
    partners: tuple[str, ...] = ()  # names of the district's partners invited (post-incident walks)
    sequence: int = 0  # the calendar event's SEQUENCE: rises with every change of time, place or people

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
class QualityTerm:
    """What a plan pays for one soft rule (or a missed minimum): `amount` units at `weight` each.

    `rule` is the rule's key (e.g. `busiest_person`, `developing_unpaired`); `detail` says it in a
    captain's words, e.g. "busiest officer of patrol: 4 walks (no plan can do with fewer than 3)".
    """

    rule: str
    amount: int
    weight: int
    detail: str

    @property
    def cost(self) -> int:
        return self.amount * self.weight


@dataclass(frozen=True)
class PlanQuality:
    """A plan's cost broken down by rule, highest priority first, and the solver's best bound on
    the total (None where no solver ran, e.g. a plan read from a file that carried none)."""

    terms: tuple[QualityTerm, ...] = ()
    bound: float | None = None

    @property
    def total(self) -> int:
        return sum(term.cost for term in self.terms)

    def term(self, rule: str) -> QualityTerm | None:
        return next((term for term in self.terms if term.rule == rule), None)


@dataclass(frozen=True)
class Plan:
    month: Month
    timezone: str
    walks: tuple[Walk, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    quality: PlanQuality | None = None  # set by the planner; kept through exports and the store


@dataclass(frozen=True)
class PlanningProblem:
    """Everything the planner needs for one month.

    `locked` walks are kept exactly; `previous` is the plan being re-planned (the solver starts
    from it and changes as few of its walks as it can); `neighbours` are the adjacent months'
    plans that exist, so a week split across months counts their walks and needs the full minimum.

    `not_before` (aware; "now" when re-planning the current month) is the earliest moment a walk
    may start: no walk is planned before it, periods already over at that moment are neither
    planned nor shortfalls, and a period in progress keeps its minimum, counting the walks it holds
    (walks that started before `not_before` belong in `locked`, so they stay and count). None: any
    moment of the month may be planned.

    `incidents` are the homicides and shootings whose post-incident walk this month's plan holds
    or owes, and `incident_walks` maps each post-incident walk's id to the id of its incident: the
    validator checks a walk's 24 hours against its incident, and an incident without a walk must
    be listed as a shortfall (a walk must never be silently missing).

    `elsewhere` are the stored walks of the department's other districts (their ids carry the
    district's name): the people of this roster on them are busy then, as on a locked walk, and
    the walks count in their load, so the districts share them fairly. The plan never holds or
    changes them, and they count for no minimum of this district.

    `department` are people of `DEPARTMENT_UNITS` on other districts' rosters only, whom a
    post-incident walk may bring (executive staff, investigators, specialized units); no other
    walk of the plan takes them.
    """

    district: District
    people: tuple[Person, ...]
    month: Month
    locked: tuple[Walk, ...] = ()
    previous: Plan | None = None
    neighbours: tuple[Plan, ...] = ()
    not_before: datetime | None = None
    incidents: tuple[Incident, ...] = ()
    incident_walks: Mapping[str, str] = field(default_factory=dict)
    elsewhere: tuple[Walk, ...] = ()
    department: tuple[Person, ...] = ()

    @cached_property
    def people_by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.people}

    @cached_property
    def everyone_by_id(self) -> dict[str, Person]:
        """The roster and the department's people whom a post-incident walk may bring."""
        return {person.id: person for person in (*self.department, *self.people)}

    @cached_property
    def busy_elsewhere(self) -> tuple[tuple[Walk, tuple[str, ...]], ...]:
        """Each walk of another district that people of this problem (`everyone_by_id`) are on,
        with those people."""
        found = []
        for walk in self.elsewhere:
            shared = tuple(pid for pid in dict.fromkeys(walk.participants) if pid in self.everyone_by_id)
            if shared:
                found.append((walk, shared))
        return tuple(found)
