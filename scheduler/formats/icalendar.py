"""The plan as an RFC 5545 calendar that Outlook and Google Calendar import, one event per walk."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Month, Person, Plan, Walk
from scheduler.formats.times import aware, local, local_end

DEFAULT_CALL_TYPE = "community walk"
PRODID = "-//Beatwalk//Beatwalk community walk planner//EN"


def plan_to_ics(
    plan: Plan,
    people: Mapping[str, Person],
    walk_names: Mapping[str, str],
    district_name: str,
    stamp: datetime | None = None,
    call_type: str = DEFAULT_CALL_TYPE,
) -> str:
    """An RFC 5545 calendar, one event per walk, that Outlook and Google Calendar import.

    `stamp` (DTSTAMP) defaults to now; pass it to get the same bytes from the same plan.
    """
    zone = ZoneInfo(plan.timezone)
    stamp = datetime.now(UTC) if stamp is None else aware(stamp).astimezone(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'{district_name} walks {plan.month}')}",
        f"X-WR-TIMEZONE:{plan.timezone}",
        *_vtimezone(plan.timezone, _covered_months(plan, zone)),
    ]
    for walk in plan.walks:
        event = _Event(walk, plan, zone, people, walk_names.get(walk.type, walk.type), district_name)
        lines += event.lines(stamp, call_type)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: escape \\ ; , and newlines; drop other control characters, which TEXT forbids."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def param_value(value: str) -> str:
    """A parameter value such as CN: it cannot hold a double quote, and needs quotes around ; : ,"""
    value = re.sub(r"[\x00-\x1f\x7f]", " ", value).replace('"', "'")
    return f'"{value}"' if any(char in value for char in ";:,") else value


def fold_line(line: str) -> str:
    """Fold at 75 octets as RFC 5545 asks, counting UTF-8 bytes and never cutting a character."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # a continuation line starts with one space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


_EMAIL = re.compile(r"[^\s@<>\"(),:;\\]+@[^\s@<>\"(),:;\\]+\.[^\s@<>\"(),:;\\]+")


def _mailto(person: Person | None) -> str | None:
    """Only a plausible address becomes a calendar address: a roster typo must not break the file."""
    if person is None or not _EMAIL.fullmatch(person.email.strip()):
        return None
    return f"mailto:{person.email.strip()}"


class _Event:
    """One walk as a VEVENT."""

    def __init__(
        self,
        walk: Walk,
        plan: Plan,
        zone: ZoneInfo,
        people: Mapping[str, Person],
        type_name: str,
        district_name: str,
    ):
        self.walk, self.plan, self.zone, self.people = walk, plan, zone, people
        self.type_name, self.district_name = type_name, district_name

    def lines(self, stamp: datetime, call_type: str) -> list[str]:
        walk = self.walk
        return [
            "BEGIN:VEVENT",
            f"UID:{escape_text(f'{walk.id}-{self.plan.month}@beatwalk')}",
            f"DTSTAMP:{_utc_stamp(stamp)}",
            f"DTSTART{_ics_time(walk.start, self.zone)}",
            f"DTEND{_ics_time(local_end(walk, self.zone), self.zone)}",
            f"SUMMARY:{escape_text(self.type_name)}",
            f"DESCRIPTION:{escape_text(self.description(call_type))}",
            *self.organizer(),
            *self.attendees(),
            "END:VEVENT",
        ]

    def label(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return f"{person.name} ({person.id}, {person.rank})" if person else person_id

    def description(self, call_type: str) -> str:
        walk = self.walk
        return "\n".join(
            [
                f"{self.type_name}, {walk.minutes} minutes, {self.district_name}.",
                f"Coordinator: {self.label(walk.coordinator)}",
                "Participants:",
                *(f"- {self.label(person_id)}" for person_id in walk.participants),
                "",
                "Walk and talk with residents: positive contact, not investigative or field contacts.",
                f'Log the walk in CAD as call type "{call_type}", with at least one photo.',
            ]
        )

    def organizer(self) -> list[str]:
        """ORGANIZER needs an address; without one the coordinator is named in DESCRIPTION only."""
        person = self.people.get(self.walk.coordinator)
        address = _mailto(person)
        if person is None or address is None:
            return []
        return [f"ORGANIZER;CN={param_value(person.name)}:{address}"]

    def attendees(self) -> Iterator[str]:
        for person_id in self.walk.participants:
            person = self.people.get(person_id)
            address = _mailto(person)
            if person is not None and address is not None:
                yield f"ATTENDEE;CN={param_value(person.name)};ROLE=REQ-PARTICIPANT:{address}"


def _ics_time(moment: datetime, zone: ZoneInfo) -> str:
    """`;TZID=...:local` time, or `:...Z` for the repeated hour of a fall-back day.

    RFC 5545 reads an ambiguous local time as its first occurrence, so the second one is only
    unambiguous in UTC.
    """
    here = local(moment, zone)
    if here.fold:
        return f":{_utc_stamp(moment)}"
    return f";TZID={param_value(zone.key)}:{here.strftime('%Y%m%dT%H%M%S')}"


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _covered_months(plan: Plan, zone: ZoneInfo) -> list[Month]:
    starts = [local(walk.start, zone).date() for walk in plan.walks]
    return [plan.month, *(Month(day.year, day.month) for day in starts)]


# --- VTIMEZONE ----------------------------------------------------------------------------------


def _vtimezone(zone_name: str, months: Sequence[Month]) -> list[str]:
    """A VTIMEZONE listing the zone's real offset changes from a year before to a year after `months`.

    Listing the transitions themselves (no RRULE) is exact even where a zone changed its rules; the
    first observance states the offset at the window's start, so a zone without DST gets one STANDARD.
    """
    zone = ZoneInfo(zone_name)
    first, after = min(months), max(months).next()
    start = datetime(first.year - 1, first.month, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(after.year + 1, after.month, 1, tzinfo=zone).astimezone(UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone_name}"]
    lines += _observance(zone, start, _offset(zone, start))
    for change in _offset_changes(zone, start, end):
        lines += _observance(zone, change, _offset(zone, change - timedelta(seconds=1)))
    lines.append("END:VTIMEZONE")
    return lines


def _offset_changes(zone: ZoneInfo, start: datetime, end: datetime) -> Iterator[datetime]:
    """The UTC instants in [start, end) at which the zone's UTC offset changes."""
    moment = start
    while moment < end:
        following = min(moment + timedelta(days=1), end)
        if _offset(zone, moment) != _offset(zone, following):
            yield _first_instant_of_new_offset(zone, moment, following)
        moment = following


def _first_instant_of_new_offset(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """Bisect to the second; offsets change at most once a day, so one change lies in between."""
    low, high = int(before.timestamp()), int(after.timestamp())
    old = _offset(zone, before)
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(zone, datetime.fromtimestamp(middle, UTC)) == old:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _observance(zone: ZoneInfo, moment: datetime, offset_before: timedelta) -> list[str]:
    """STANDARD or DAYLIGHT from `moment` on; DTSTART is the wall-clock time just before the change."""
    here = moment.astimezone(zone)
    kind = "DAYLIGHT" if here.dst() else "STANDARD"
    wall_clock = (moment.astimezone(UTC) + offset_before).replace(tzinfo=None)
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{wall_clock.strftime('%Y%m%dT%H%M%S')}",
        f"TZOFFSETFROM:{_ics_offset(offset_before)}",
        f"TZOFFSETTO:{_ics_offset(_offset(zone, moment))}",
        f"TZNAME:{escape_text(here.tzname() or zone.key)}",
        f"END:{kind}",
    ]


def _ics_offset(offset: timedelta) -> str:
    """`+HHMM` (`+HHMMSS` for old local mean times); RFC 5545 forbids `-0000`."""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _offset(zone: ZoneInfo, moment: datetime) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return offset
