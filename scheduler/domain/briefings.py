"""The daily briefing: what roll call hears about the day's walks.

The guide asks leaders to attend the officers' daily briefing on days they lead a walk, to discuss
the walk and hear from the officers on it. So the briefing lists the day's walks with everyone on
them (people called in off duty marked, since they are not at roll call), the leaders expected at
briefing, and the day's talking points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from scheduler.domain.district import District
from scheduler.domain.people import Person, Rank
from scheduler.domain.plans import Plan, Walk
from scheduler.domain.talking_points import TalkingPoints

# Most senior first; from lieutenant up a person on a walk is one of its leaders.
SENIORITY = (
    Rank.CHIEF,
    Rank.COMMANDER,
    Rank.CAPTAIN,
    Rank.LIEUTENANT,
    Rank.SERGEANT,
    Rank.DETECTIVE,
    Rank.OFFICER,
    Rank.CIVILIAN,
)
LEADING_RANKS = frozenset(SENIORITY[: SENIORITY.index(Rank.LIEUTENANT) + 1])


@dataclass(frozen=True)
class Member:
    """Someone on a walk; `rank` is None for an id the roster no longer knows."""

    id: str
    name: str
    rank: Rank | None
    called_in: bool = False  # called in off duty: not at roll call


@dataclass(frozen=True)
class BriefingWalk:
    id: str
    type: str  # the walk type's key
    type_name: str
    start: datetime  # the district's local time
    end: datetime
    meeting_point: str | None
    coordinator: Member
    participants: tuple[Member, ...]  # the coordinator first
    partners: tuple[str, ...]  # invited partners' names (post-incident walks)


@dataclass(frozen=True)
class Leader:
    """A leader who attends briefing: everyone who coordinates a walk that day, and every lieutenant
    or higher on one."""

    member: Member
    walks: tuple[BriefingWalk, ...]  # the day's walks they are on, earliest first

    def coordinates(self, walk: BriefingWalk) -> bool:
        return walk.coordinator.id == self.member.id


@dataclass(frozen=True)
class Briefing:
    district: str
    day: date
    walks: tuple[BriefingWalk, ...]  # earliest first
    leaders: tuple[Leader, ...]  # most senior first
    talking_points: TalkingPoints


def daily_briefing(
    plan: Plan, district: District, people: Sequence[Person], day: date, talking_points: TalkingPoints
) -> Briefing:
    """The briefing of `day` (the district's local date) from the month's plan; `people` should
    hold everyone the plan names (inactive people too)."""
    zone = ZoneInfo(district.timezone)
    by_id = {person.id: person for person in people}
    walks = tuple(
        _briefing_walk(walk, district, by_id, zone)
        for walk in sorted(plan.walks, key=lambda walk: (walk.start, walk.id))
        if walk.start.astimezone(zone).date() == day
    )
    return Briefing(district.name, day, walks, _leaders(walks), talking_points)


def _briefing_walk(
    walk: Walk, district: District, people: Mapping[str, Person], zone: ZoneInfo
) -> BriefingWalk:
    on_walk = (walk.coordinator, *walk.participants)
    members = {pid: _member(pid, people, pid in walk.called_in) for pid in on_walk}
    others = [members[pid] for pid in walk.participants if pid != walk.coordinator]
    try:
        type_name = district.walk_type(walk.type).name
    except KeyError:  # a type the district's rules no longer have
        type_name = walk.type
    return BriefingWalk(
        id=walk.id,
        type=walk.type,
        type_name=type_name,
        start=walk.start.astimezone(zone),
        end=walk.end.astimezone(zone),
        meeting_point=walk.meeting_point,
        coordinator=members[walk.coordinator],
        participants=(members[walk.coordinator], *others),
        partners=walk.partners,
    )


def _member(pid: str, people: Mapping[str, Person], called_in: bool) -> Member:
    person = people.get(pid)
    if person is None:
        return Member(pid, pid, None, called_in)
    return Member(pid, person.name, person.rank, called_in)


def _leaders(walks: Sequence[BriefingWalk]) -> tuple[Leader, ...]:
    leading = {
        member.id: member
        for walk in walks
        for member in walk.participants
        if member.id == walk.coordinator.id or member.rank in LEADING_RANKS
    }
    leaders = [
        Leader(member, tuple(walk for walk in walks if any(m.id == pid for m in walk.participants)))
        for pid, member in leading.items()
    ]
    return tuple(sorted(leaders, key=lambda leader: (_seniority(leader.member), leader.member.name)))


def _seniority(member: Member) -> int:
    return len(SENIORITY) if member.rank is None else SENIORITY.index(member.rank)
