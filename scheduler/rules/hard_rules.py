"""Hard rules that more than one part of the planner checks, each stated once.

The CP-SAT model, the first-fit baseline, post-incident placement and the validator all decide
who counts for a squad's walking limit, when a walk may start and whether two walks clash here,
so a rule changed here changes it everywhere at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

from scheduler.domain import Crew, District, Person, Unit, WalkType
from scheduler.domain.availability import walk_hours

STEP_MINUTES = 15  # walks start on the quarter hour


def start_minutes(district: District, minutes: int) -> range:
    """Quarter-hour starts (minutes after midnight) at which a walk of `minutes` begins and ends
    inside the district's walk hours."""
    opens, closes = walk_hours(district)
    return range(opens, closes - minutes + 1, STEP_MINUTES)


Moment = TypeVar("Moment", int, datetime)  # minutes of one day, or aware datetimes


def overlaps(start: Moment, end: Moment, other_start: Moment, other_end: Moment) -> bool:
    """Whether [start, end) and [other_start, other_end) share a moment: nobody may be on both."""
    return start < other_end and other_start < end


def limited_squad(person: Person) -> str:
    """The squad whose walking limit the person counts toward, or "" if the limit does not concern
    them: only patrol answers calls for service, so only patrol members with a squad count."""
    return person.squad if person.squad and person.unit is Unit.PATROL else ""


def limited_squads(people: Iterable[Person]) -> dict[str, str]:
    """Person id -> squad, for everyone the squad walking limit concerns."""
    return {person.id: squad for person in people if (squad := limited_squad(person))}


def within_squad_limit(walking: int, district: District) -> bool:
    """Whether `walking` members of one squad may be on walks at the same moment: at most
    `max_walking_per_squad`, so the squad still answers its calls."""
    return walking <= district.max_walking_per_squad


def may_join(person: Person, walking: Callable[[str], int], district: District) -> bool:
    """Whether the person may start walking while `walking(squad)` members of their squad already
    are (only asked about the squads the limit concerns)."""
    squad = limited_squad(person)
    return not squad or within_squad_limit(walking(squad) + 1, district)


def walks_with(walk_type: WalkType, coordinator: Person, person: Person) -> bool:
    """Whether `person` may fill a place other than the coordinator's on a walk that `coordinator`
    leads: a squad walk is the sergeant's own squad, a shift walk the lieutenant's own shift. Where
    the roster does not give both squads, a squad walk takes anyone and a shift walk compares
    shift starts."""
    if walk_type.crew is Crew.ANYONE:
        return True
    if coordinator.squad and person.squad:
        return coordinator.squad == person.squad
    return walk_type.crew is Crew.OWN_SQUAD or coordinator.shift_start == person.shift_start
