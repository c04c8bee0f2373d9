"""A plan in its exchange formats: Plan JSON, plan CSV and iCalendar (see DESIGN.md, "Exchange formats").

Plan JSON is the public, round-trippable form; the CSV is for spreadsheets and the iCalendar file
for Outlook and Google Calendar. Every time is written in the plan's own time zone with its offset,
so a walk on a daylight-saving change day keeps its real moment.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.errors import InputError
from scheduler.files import write_atomically
from scheduler.model import Month, Person, Plan, Shortfall, Walk

CSV_HEADER = (
    "id",
    "type",
    "date",
    "start",
    "end",
    "minutes",
    "coordinator_id",
    "coordinator_name",
    "participant_ids",
    "participant_names",
    "locked",
)
LIST_SEPARATOR = "; "
DEFAULT_CALL_TYPE = "community walk"
PRODID = "-//Beatwalk//Beatwalk community walk planner//EN"


# --- Plan JSON ----------------------------------------------------------------------------------


def plan_to_json(plan: Plan) -> str:
    """Plan JSON; starts are converted to the plan's zone so a reader sees local wall-clock times."""
    zone = ZoneInfo(plan.timezone)
    data = {
        "month": str(plan.month),
        "timezone": plan.timezone,
        "walks": [_walk_to_dict(walk, zone) for walk in plan.walks],
        "shortfalls": [_shortfall_to_dict(shortfall) for shortfall in plan.shortfalls],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _walk_to_dict(walk: Walk, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "id": walk.id,
        "type": walk.type,
        "start": _local(walk.start, zone).isoformat(timespec="seconds"),
        "minutes": walk.minutes,
        "coordinator": walk.coordinator,
        "participants": list(walk.participants),
        "locked": walk.locked,
    }


def _shortfall_to_dict(shortfall: Shortfall) -> dict[str, Any]:
    return {
        "type": shortfall.type,
        "period": shortfall.period,
        "required": shortfall.required,
        "planned": shortfall.planned,
        "reason": shortfall.reason,
    }


def plan_from_json(text: str, file: str) -> Plan:
    """Read Plan JSON, naming the file, line (for syntax errors) and field of the first mistake.

    `shortfalls` and a walk's `locked` may be left out (a hand-written plan rarely has them);
    unknown keys are ignored so that a newer file still opens. Starts come back in the plan's zone.
    """
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (column {error.colno})"
        raise InputError(file, message, row=error.lineno) from None
    reader = _JsonReader(file)
    top = reader.object(data, "")
    month = reader.month(top)
    zone_name, zone = reader.timezone(top)
    walks = tuple(
        reader.walk(item, f"walks[{index}]", zone)
        for index, item in enumerate(reader.field(top, "walks", list, ""))
    )
    reader.check_unique_ids(walks)
    shortfalls = tuple(
        reader.shortfall(item, f"shortfalls[{index}]")
        for index, item in enumerate(reader.field(top, "shortfalls", list, "", default=[]))
    )
    return Plan(month=month, timezone=zone_name, walks=walks, shortfalls=shortfalls)


_MISSING = object()
_KIND_NAMES = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}


class _JsonReader:
    """Checks decoded JSON against the Plan format; every failure names the field it is in."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, where: str, message: str) -> InputError:
        return InputError(self.file, message, field=where or None)

    def object(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a JSON object {...}")
        return value

    def field(self, data: dict[str, Any], key: str, kind: type, prefix: str, default: Any = _MISSING) -> Any:
        where = f"{prefix}.{key}" if prefix else key
        value = data.get(key, default)
        if value is _MISSING:
            raise self.fail(where, "missing")
        # bool is a subclass of int in Python, but `true` is no number of minutes
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(where, f"expected {_KIND_NAMES[kind]}, got {_shorten(value)}")
        return value

    def text(self, data: dict[str, Any], key: str, prefix: str) -> str:
        value = self.field(data, key, str, prefix)
        if not value.strip():
            raise self.fail(f"{prefix}.{key}", "must not be empty")
        return value

    def count(self, data: dict[str, Any], key: str, prefix: str, minimum: int) -> int:
        value = self.field(data, key, int, prefix)
        if value < minimum:
            raise self.fail(f"{prefix}.{key}", f"must be at least {minimum}, got {value}")
        return value

    def month(self, top: dict[str, Any]) -> Month:
        try:
            return Month.parse(self.field(top, "month", str, ""))
        except ValueError as error:
            raise self.fail("month", str(error)) from None

    def timezone(self, top: dict[str, Any]) -> tuple[str, ZoneInfo]:
        name = self.field(top, "timezone", str, "")
        try:
            return name, ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            message = f"unknown time zone {name!r} (expected e.g. America/New_York)"
            raise self.fail("timezone", message) from None

    def walk(self, value: Any, where: str, zone: ZoneInfo) -> Walk:
        data = self.object(value, where)
        coordinator = self.text(data, "coordinator", where)
        participants = self.participants(data, where, coordinator)
        return Walk(
            id=self.text(data, "id", where),
            type=self.text(data, "type", where),
            start=self.start(data, where, zone),
            minutes=self.count(data, "minutes", where, minimum=1),
            coordinator=coordinator,
            participants=participants,
            locked=self.field(data, "locked", bool, where, default=False),
        )

    def start(self, data: dict[str, Any], where: str, zone: ZoneInfo) -> datetime:
        text = self.field(data, "start", str, where)
        example = "e.g. 2026-12-03T14:00:00-05:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(f"{where}.start", f"expected an ISO 8601 date and time, {example}") from None
        if moment.tzinfo is None:
            raise self.fail(f"{where}.start", f"{text!r} has no UTC offset, {example}")
        return moment.astimezone(zone)

    def participants(self, data: dict[str, Any], where: str, coordinator: str) -> tuple[str, ...]:
        values = self.field(data, "participants", list, where)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{where}.participants[{index}]", "expected a roster id (a non-empty string)")
        if coordinator not in values:
            raise self.fail(f"{where}.participants", f"must include the coordinator {coordinator!r}")
        if len(set(values)) != len(values):
            raise self.fail(f"{where}.participants", "lists someone twice")
        return tuple(values)

    def check_unique_ids(self, walks: Sequence[Walk]) -> None:
        seen: set[str] = set()
        for index, walk in enumerate(walks):
            if walk.id in seen:
                raise self.fail(f"walks[{index}].id", f"walk id {walk.id!r} is used twice")
            seen.add(walk.id)

    def shortfall(self, value: Any, where: str) -> Shortfall:
        data = self.object(value, where)
        return Shortfall(
            type=self.text(data, "type", where),
            period=self.text(data, "period", where),
            required=self.count(data, "required", where, minimum=0),
            planned=self.count(data, "planned", where, minimum=0),
            reason=self.field(data, "reason", str, where),
        )


def _shorten(value: Any) -> str:
    """The offending value as JSON, cut short: a message must stay one readable line."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


# --- Plan CSV -----------------------------------------------------------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plan_to_csv(plan: Plan, people: Mapping[str, Person]) -> str:
    """One row per walk for spreadsheets, in local time, with every cell guarded against formulas."""
    zone = ZoneInfo(plan.timezone)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for walk in plan.walks:
        writer.writerow([guard_cell(cell) for cell in _csv_row(walk, zone, people)])
    return buffer.getvalue()


def guard_cell(value: str) -> str:
    """Names come from users: a leading ' makes Excel and LibreOffice show `=...` instead of running it."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _csv_row(walk: Walk, zone: ZoneInfo, people: Mapping[str, Person]) -> list[str]:
    start = _local(walk.start, zone)
    return [
        walk.id,
        walk.type,
        start.date().isoformat(),
        start.strftime("%H:%M"),
        _local_end(walk, zone).strftime("%H:%M"),
        str(walk.minutes),
        walk.coordinator,
        _name(walk.coordinator, people),
        LIST_SEPARATOR.join(walk.participants),
        LIST_SEPARATOR.join(_name(person_id, people) for person_id in walk.participants),
        "yes" if walk.locked else "no",
    ]


def _name(person_id: str, people: Mapping[str, Person]) -> str:
    """Someone no longer on the roster is shown by id, so the id and name lists stay aligned."""
    person = people.get(person_id)
    return person.name if person else person_id


# --- iCalendar ----------------------------------------------------------------------------------


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
    stamp = datetime.now(UTC) if stamp is None else _aware(stamp).astimezone(UTC)
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
            f"DTEND{_ics_time(_local_end(walk, self.zone), self.zone)}",
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
    local = _local(moment, zone)
    if local.fold:
        return f":{_utc_stamp(moment)}"
    return f";TZID={param_value(zone.key)}:{local.strftime('%Y%m%dT%H%M%S')}"


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _covered_months(plan: Plan, zone: ZoneInfo) -> list[Month]:
    starts = [_local(walk.start, zone).date() for walk in plan.walks]
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
    local = moment.astimezone(zone)
    kind = "DAYLIGHT" if local.dst() else "STANDARD"
    wall_clock = (moment.astimezone(UTC) + offset_before).replace(tzinfo=None)
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{wall_clock.strftime('%Y%m%dT%H%M%S')}",
        f"TZOFFSETFROM:{_ics_offset(offset_before)}",
        f"TZOFFSETTO:{_ics_offset(_offset(zone, moment))}",
        f"TZNAME:{escape_text(local.tzname() or zone.key)}",
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


# --- Writing ------------------------------------------------------------------------------------


def write_plan(
    plan: Plan,
    path: Path,
    people: Mapping[str, Person],
    walk_names: Mapping[str, str],
    district_name: str,
) -> None:
    """Write the plan in the format its suffix names; all or nothing, as DESIGN.md's rules require."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        text = plan_to_json(plan)
    elif suffix == ".csv":
        text = plan_to_csv(plan, people)
    elif suffix == ".ics":
        text = plan_to_ics(plan, people, walk_names, district_name)
    else:
        raise InputError(str(path), "output must end in .json, .csv or .ics", field="--out")
    try:
        write_atomically(path, text)
    except OSError as error:
        # a missing folder or a read-only share is the user's to fix: one line, not a traceback
        raise InputError(str(path), f"cannot write: {error.strerror or error}", field="--out") from None


# --- Shared -------------------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    """A naive time would silently be read in the computer's zone, not the district's."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"time {moment.isoformat()} has no time zone")
    return moment


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return _aware(moment).astimezone(zone)


def _local_end(walk: Walk, zone: ZoneInfo) -> datetime:
    """Add the minutes in UTC: wall-clock arithmetic would be an hour off across a DST change."""
    return (_aware(walk.start).astimezone(UTC) + timedelta(minutes=walk.minutes)).astimezone(zone)
