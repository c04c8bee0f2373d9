"""Domain values to table rows and back, in one place.

The service layer hands the rest of the app plain values from `scheduler.model`, never live ORM
objects (which would load lazily, or fail, once their session is closed). Every mapping between the
two lives here, so a change to either side shows up in one file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from scheduler.domain import (
    Crew,
    DateRange,
    District,
    Engagement,
    Month,
    Partner,
    Per,
    Person,
    Plan,
    PlanQuality,
    QualityTerm,
    Rank,
    Role,
    Shortfall,
    Unit,
    Walk,
    WalkType,
    WorkPattern,
)
from scheduler.store.schema import (
    DistrictRow,
    HolidayRow,
    LeaveRow,
    PartnerRow,
    PersonRow,
    PlanRow,
    QualityTermRow,
    ShortfallRow,
    WalkRoleRow,
    WalkRow,
    WalkTypeRow,
)

E = TypeVar("E", bound=StrEnum)


def encode_days(days: Iterable[int]) -> str:
    """Weekdays as digits, 0 = Monday: {0, 1, 2, 3, 4} is "01234"."""
    return "".join(str(day) for day in sorted(days))


def decode_days(text: str) -> frozenset[int]:
    return frozenset(int(char) for char in text)


def encode_members(members: Iterable[StrEnum]) -> str:
    return ",".join(sorted(member.value for member in members))


def decode_members(enum: type[E], text: str) -> frozenset[E]:
    return frozenset(enum(value) for value in text.split(",") if value)


# --- Districts and walk-type rules ----------------------------------------------------------------


def apply_district(row: DistrictRow, district: District) -> None:
    """Copy the district's settings onto `row`; its walk types are synced by the service."""
    row.name = district.name
    row.timezone = district.timezone
    row.week_start = district.week_start
    row.walk_start = district.walk_start
    row.walk_end = district.walk_end
    row.workdays = encode_days(district.workdays)
    row.max_walking_per_squad = district.max_walking_per_squad
    row.walk_call_type = district.walk_call_type
    row.post_incident_delay_hours = district.post_incident_delay_hours
    row.post_incident_minutes = district.post_incident_minutes
    row.agency = district.agency


def district_from_row(row: DistrictRow) -> District:
    return District(
        name=row.name,
        timezone=row.timezone,
        walk_types=tuple(walk_type_from_row(walk_type) for walk_type in row.walk_types),
        week_start=row.week_start,
        walk_start=row.walk_start,
        walk_end=row.walk_end,
        workdays=decode_days(row.workdays),
        max_walking_per_squad=row.max_walking_per_squad,
        walk_call_type=row.walk_call_type,
        holidays=frozenset(holiday.day for holiday in row.holidays),
        post_incident_delay_hours=row.post_incident_delay_hours,
        post_incident_minutes=row.post_incident_minutes,
        agency=row.agency,
    )


def apply_holidays(row: DistrictRow, holidays: Iterable[date]) -> int:
    """Make the district's holidays `holidays`; returns how many days were added. A day already
    stored keeps its row (a new row for it would be inserted before the old one is deleted,
    breaking the unique key)."""
    existing = {holiday.day: holiday for holiday in row.holidays}
    wanted = sorted(set(holidays))
    row.holidays = [existing.get(day) or HolidayRow(day=day) for day in wanted]
    return sum(1 for day in wanted if day not in existing)


def apply_walk_type(row: WalkTypeRow, walk_type: WalkType, position: int) -> None:
    row.position = position
    row.key = walk_type.key
    row.name = walk_type.name
    row.minutes = walk_type.minutes
    row.minimum = walk_type.minimum
    row.per = walk_type.per.value
    row.crew = walk_type.crew.value
    row.roles = [_role_row(role, index) for index, role in enumerate(walk_type.roles)]


def _role_row(role: Role, position: int) -> WalkRoleRow:
    return WalkRoleRow(
        position=position,
        key=role.key,
        label=role.label,
        count=role.count,
        ranks=encode_members(role.ranks),
        units=encode_members(role.units),
        exclude_units=encode_members(role.exclude_units),
        responsible=role.responsible,
    )


def walk_type_from_row(row: WalkTypeRow) -> WalkType:
    return WalkType(
        key=row.key,
        name=row.name,
        minutes=row.minutes,
        minimum=row.minimum,
        per=Per(row.per),
        roles=tuple(_role_from_row(role) for role in row.roles),
        crew=Crew(row.crew),
    )


def _role_from_row(row: WalkRoleRow) -> Role:
    return Role(
        key=row.key,
        label=row.label,
        count=row.count,
        ranks=decode_members(Rank, row.ranks),
        units=decode_members(Unit, row.units),
        exclude_units=decode_members(Unit, row.exclude_units),
        responsible=row.responsible,
    )


# --- People ---------------------------------------------------------------------------------------


def apply_person(row: PersonRow, person: Person) -> None:
    """Copy `person` onto `row`; leave is replaced only when it changed, so an unchanged person
    costs no writes."""
    row.external_id = person.id
    row.name = person.name
    row.rank = person.rank.value
    row.unit = person.unit.value
    row.responsible = person.responsible
    row.squad = person.squad
    row.shift_start = person.shift_start
    row.shift_hours = person.shift_hours
    row.workdays = encode_days(person.pattern.weekdays)
    row.rotation = person.pattern.rotation
    row.rotation_start = person.pattern.rotation_start
    row.engagement = person.engagement.value
    row.email = person.email
    leave = [(entry.first, entry.last) for entry in person.leave]
    if [(entry.first_day, entry.last_day) for entry in row.leave] != leave:
        row.leave = [LeaveRow(first_day=first, last_day=last) for first, last in leave]


def person_from_row(row: PersonRow) -> Person:
    return Person(
        id=row.external_id,
        name=row.name,
        rank=Rank(row.rank),
        unit=Unit(row.unit),
        responsible=row.responsible,
        squad=row.squad,
        shift_start=row.shift_start,
        shift_hours=row.shift_hours,
        pattern=WorkPattern(
            weekdays=decode_days(row.workdays), rotation=row.rotation, rotation_start=row.rotation_start
        ),
        leave=tuple(DateRange(entry.first_day, entry.last_day) for entry in row.leave),
        engagement=Engagement(row.engagement),
        email=row.email,
    )


# --- Partners -------------------------------------------------------------------------------------


def apply_partner(row: PartnerRow, partner: Partner) -> PartnerRow:
    """Copy the partner onto `row`; a partner on the list just imported is invited again."""
    row.name = partner.name
    row.organization = partner.organization
    row.kind = partner.kind
    row.email = partner.email
    row.phone = partner.phone
    row.active = True
    return row


def partner_from_row(row: PartnerRow) -> Partner:
    return Partner(row.name, row.organization, row.kind, row.email, row.phone)


# --- Plans ----------------------------------------------------------------------------------------


def walk_from_row(
    row: WalkRow, external_ids: Mapping[int, str], zone: ZoneInfo, *, with_partners: bool = True
) -> Walk:
    """`external_ids` maps people's row ids to their roster ids; starts come back in the plan's zone.
    `with_partners=False` leaves the invited partners out (they are not loaded)."""
    return Walk(
        id=row.key,
        type=row.type,
        start=row.start.astimezone(zone),
        minutes=row.minutes,
        coordinator=external_ids[row.coordinator_id],
        participants=tuple(external_ids[item.person_id] for item in row.participants),
        locked=row.locked,
        called_in=tuple(external_ids[item.person_id] for item in row.participants if item.called_in),
        partners=tuple(item.partner.name for item in row.partners) if with_partners else (),
        meeting_point=row.meeting_point,
        sequence=row.sequence,
    )


def shortfall_row(shortfall: Shortfall, position: int) -> ShortfallRow:
    return ShortfallRow(
        position=position,
        type=shortfall.type,
        period=shortfall.period,
        required=shortfall.required,
        planned=shortfall.planned,
        reason=shortfall.reason,
    )


def shortfall_from_row(row: ShortfallRow) -> Shortfall:
    return Shortfall(row.type, row.period, row.required, row.planned, row.reason)


def plan_from_row(row: PlanRow, external_ids: Mapping[int, str]) -> Plan:
    zone = ZoneInfo(row.timezone)
    return Plan(
        month=Month.parse(row.month),
        timezone=row.timezone,
        walks=tuple(walk_from_row(walk, external_ids, zone) for walk in row.walks),
        shortfalls=tuple(shortfall_from_row(shortfall) for shortfall in row.shortfalls),
        quality=quality_from_rows(row.quality_bound, row.quality_terms),
    )


def apply_quality(row: PlanRow, quality: PlanQuality | None) -> None:
    """Replace the plan's stored quality breakdown (terms are few and always rewritten together)."""
    row.quality_bound = quality.bound if quality else None
    row.quality_terms = [
        QualityTermRow(position=index, rule=t.rule, amount=t.amount, weight=t.weight, detail=t.detail)
        for index, t in enumerate(quality.terms if quality else ())
    ]


def quality_from_rows(bound: float | None, rows: Sequence[QualityTermRow]) -> PlanQuality | None:
    if not rows:
        return None
    terms = tuple(QualityTerm(row.rule, row.amount, row.weight, row.detail) for row in rows)
    return PlanQuality(terms, bound)
