"""District settings TOML: the agency's own calendar and its adaptations of the guide's walk rules.

Every setting is optional, so a district writes down only what differs from the guide. Anything the
reader does not understand (a misspelt key, a wrong type) stops with one line naming the key, since
a silently ignored setting would plan a month on rules nobody chose. Numbers are bounded and text
holds no control characters (names are printed on every schedule, and stored in the database).
"""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from scheduler.domain import District, WalkType
from scheduler.domain.errors import InputError
from scheduler.domain.months import check_year
from scheduler.formats.files import read_text
from scheduler.formats.roster import weekday_index
from scheduler.formats.text import quoted, unprintable
from scheduler.rules.walk_types import (
    default_rule_tables,
    default_walk_types,
    shown,
    walk_types_from_tables,
    whole_number,
)

DEFAULT_NAME = "District"
DEFAULT_TIMEZONE = "America/New_York"
AGENCY_EXAMPLE = "Eastside Police Department"
SETTINGS = (
    "name",
    "timezone",
    "week_start",
    "walk_hours",
    "workdays",
    "max_walking_per_squad",
    "walk_call_type",
    "holidays",
    "post_incident_delay_hours",
    "post_incident_minutes",
    "agency",
    "walk_types",
)

MAX_WALKING_PER_SQUAD = (1, 50)
POST_INCIDENT_DELAY_HOURS = (0, 20)  # leaves the walk at least 4 of its 24 hours
POST_INCIDENT_MINUTES = (15, 240)  # fits in the 4 hours the longest delay leaves

WALK_HOURS_PATTERN = re.compile(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*")
TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
TOML_AT_END = re.compile(r"\s*\(at end of document\)$")
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII: fromisoformat alone takes 20261225 too


def default_district() -> District:
    """The guide's rules on a Monday-to-Friday week, for when no settings file is given."""
    return District(name=DEFAULT_NAME, timezone=DEFAULT_TIMEZONE, walk_types=default_walk_types())


@dataclass(frozen=True)
class SettingsFile:
    """A settings file's district, and which settings the file names (the others are defaults):
    an import keeps a district's holidays when its file names none."""

    district: District
    given: frozenset[str]


def load_settings(path: str | Path) -> District:
    return read_settings(path).district


def read_settings(path: str | Path) -> SettingsFile:
    return _parse(read_text(path), str(path))


def parse_settings(text: str, file: str) -> District:
    """Parse settings TOML text; `file` only names the source in error messages."""
    return _parse(text, file).district


def _parse(text: str, file: str) -> SettingsFile:
    table = parse_toml(text.removeprefix("\ufeff"), file)
    for key in table:
        if key not in SETTINGS:
            raise InputError(file, f"unknown setting {key!r} (expected {', '.join(SETTINGS)})", field=key)
    default = default_district()
    walk_start, walk_end = _walk_hours(table.get("walk_hours"), file, default)
    district = District(
        name=_text(table.get("name"), "name", default.name, file),
        timezone=_timezone(table.get("timezone"), file, default.timezone),
        walk_types=_walk_types(table.get("walk_types"), file, default.walk_types),
        week_start=_week_start(table.get("week_start"), file, default.week_start),
        walk_start=walk_start,
        walk_end=walk_end,
        workdays=_workdays(table.get("workdays"), file, default.workdays),
        max_walking_per_squad=_max_walking(table.get("max_walking_per_squad"), file, default),
        walk_call_type=_text(table.get("walk_call_type"), "walk_call_type", default.walk_call_type, file),
        holidays=_holidays(table.get("holidays"), file),
        post_incident_delay_hours=_bounded(
            table, "post_incident_delay_hours", file, POST_INCIDENT_DELAY_HOURS
        ),
        post_incident_minutes=_bounded(table, "post_incident_minutes", file, POST_INCIDENT_MINUTES),
        agency=_text(table.get("agency"), "agency", default.agency, file, AGENCY_EXAMPLE),
    )
    return SettingsFile(district, frozenset(table))


def parse_toml(source: str, file: str) -> dict[str, Any]:
    """tomllib puts the position at the end of its message; it becomes the row, as for a CSV."""
    try:
        return tomllib.loads(source)
    except ValueError as error:
        if not isinstance(error, tomllib.TOMLDecodeError):  # Python converts 4,300 digits at most
            raise InputError(file, "is not valid TOML: a number has thousands of digits") from None
        message = str(error)
        position = TOML_POSITION.search(message)
        if position:
            row, where = int(position[1]), f" at column {position[2]}"
        else:
            row, where = max(1, len(source.splitlines())), " at the end of the file"
        message = TOML_AT_END.sub("", TOML_POSITION.sub("", message))
        raise InputError(file, f"is not valid TOML: {message}{where}", row=row) from None


def _text(value: Any, key: str, default: str, file: str, example: str = "") -> str:
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        message = f'must be non-empty text in quotes, e.g. {key} = "{example or default}", got {shown(value)}'
        raise InputError(file, message, field=key)
    _check_text(value, key, file)
    return value.strip()


def _check_text(value: str, where: str, file: str) -> None:
    problem = unprintable(value)
    if problem:
        raise InputError(file, problem, field=where)


def _timezone(value: Any, file: str, default: str) -> str:
    """Only real IANA names: ZoneInfo alone also opens system files such as "localtime", which
    would make the same settings plan differently on another computer."""
    if value is None:
        return default
    zones = zoneinfo.available_timezones() - {"localtime"}
    if isinstance(value, str) and value in zones:
        return value
    same_but_case = [zone for zone in zones if isinstance(value, str) and zone.lower() == value.lower()]
    expected = (
        f"did you mean {same_but_case[0]}?" if same_but_case else f"expected an IANA name such as {default}"
    )
    raise InputError(file, f"{shown(value)} is not a known time zone ({expected})", field="timezone")


def _week_start(value: Any, file: str, default: int) -> int:
    if value is None:
        return default
    day = weekday_index(value) if isinstance(value, str) else None
    if day is None:
        message = f"{shown(value)} is not a day of the week (expected a day name such as Monday or Mon)"
        raise InputError(file, message, field="week_start")
    return day


def _walk_hours(value: Any, file: str, default: District) -> tuple[time, time]:
    if value is None:
        return default.walk_start, default.walk_end
    span = _clock_span(value) if isinstance(value, str) else None
    if span is None or span[0] >= span[1]:
        expected = 'HH:MM-HH:MM, starting before it ends on the same day, e.g. "09:00-20:00"'
        raise InputError(
            file, f"{shown(value)} is not a span of walk hours (expected {expected})", field="walk_hours"
        )
    return span


def _clock_span(text: str) -> tuple[time, time] | None:
    match = WALK_HOURS_PATTERN.fullmatch(text)
    if match is None:
        return None
    try:
        return time(int(match[1]), int(match[2])), time(int(match[3]), int(match[4]))
    except ValueError:  # 24:00, 9:75 and the like
        return None


def _workdays(value: Any, file: str, default: frozenset[int]) -> frozenset[int]:
    if value is None:
        return default
    if not isinstance(value, list) or not value:
        message = 'must be a non-empty list of day names, e.g. ["Mon", "Tue", "Wed", "Thu", "Fri"]'
        raise InputError(file, message, field="workdays")
    days = set()
    for item in value:
        day = weekday_index(item) if isinstance(item, str) else None
        if day is None:
            message = f"{shown(item)} is not a day of the week (expected a day name such as Monday or Mon)"
            raise InputError(file, message, field="workdays")
        days.add(day)
    return frozenset(days)


def _holidays(value: Any, file: str) -> frozenset[date]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        message = f'must be a list of dates, e.g. ["2026-12-25", "2027-01-01"], got {shown(value)}'
        raise InputError(file, message, field="holidays")
    return frozenset(_holiday(item, file, f"holidays[{index}]") for index, item in enumerate(value))


def _holiday(value: Any, file: str, field: str) -> date:
    """A date in quotes ("2026-12-25") or a TOML date (2026-12-25), not a date and time."""
    day: date | None = None
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str) and DATE_PATTERN.fullmatch(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:  # 2026-02-30 and the like
            day = None
    if day is None:
        message = f'{shown(value)} is not a date (expected YYYY-MM-DD, e.g. "2026-12-25")'
        raise InputError(file, message, field=field)
    try:
        check_year(day.year)
    except ValueError as error:
        raise InputError(file, f"{day.isoformat()}: {error}", field=field) from None
    return day


def _max_walking(value: Any, file: str, default: District) -> int:
    if value is None:
        return default.max_walking_per_squad
    return whole_number(value, file, "max_walking_per_squad", MAX_WALKING_PER_SQUAD)


def _bounded(table: Mapping[str, Any], key: str, file: str, bounds: tuple[int, int]) -> int:
    """A whole-number setting within `bounds`, or the district default when left out."""
    value = table.get(key)
    if value is None:
        default: int = getattr(default_district(), key)
        return default
    return whole_number(value, file, key, bounds)


def _walk_types(overrides: Any, file: str, default: tuple[WalkType, ...]) -> tuple[WalkType, ...]:
    if overrides is None:
        return default
    if not isinstance(overrides, Mapping):
        message = "must be tables such as [walk_types.officer] with the fields to change"
        raise InputError(file, message, field="walk_types")
    for key in overrides:
        problem = unprintable(key)
        if problem:
            raise InputError(file, f"walk type {quoted(key)} {problem}", field="walk_types")
    walk_types = walk_types_from_tables(default_rule_tables(), file, overrides)
    for walk_type in walk_types:
        _check_walk_type_text(walk_type, file)
    return walk_types


def _check_walk_type_text(walk_type: WalkType, file: str) -> None:
    """The names a walk type gives its walks and places, as the district's own names are checked."""
    where = f"walk_types.{walk_type.key}"
    _check_text(walk_type.name, f"{where}.name", file)
    for index, role in enumerate(walk_type.roles):
        _check_text(role.key, f"{where}.roles[{index}].key", file)
        _check_text(role.label, f"{where}.roles[{index}].label", file)
