"""Incidents CSV import: homicides, shootings and other incidents, from the agency's CAD or RMS.

Columns (header names in any case and order; other columns are ignored): `id` (the CAD incident
number, unique), `type` (any word; homicide and shooting are the ones that need a post-incident
walk), `occurred_at` (ISO 8601; without a UTC offset it is the district's local time), `latitude`
and `longitude` (WGS 84 decimal degrees), and optionally `address`.

Unlike the roster, which stops at its first mistake, this reader reports every bad row at once
(`InputErrors`): an export of a year of incidents is fixed in one pass, not one error per try.
Whether an incident lies in the neighborhood is not this file's business: the store decides it
against the boundary it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from scheduler.domain.errors import InputError, InputErrors
from scheduler.domain.incidents import Incident
from scheduler.domain.months import check_year
from scheduler.formats.csv_table import table as read_table
from scheduler.formats.files import read_text
from scheduler.formats.text import quoted

REQUIRED = ("id", "type", "occurred_at", "latitude", "longitude")
OPTIONAL = ("address",)

DATE_TIME_START = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")  # ASCII digits only
DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
NUMBER_PATTERN = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
RANGES = {"latitude": 90.0, "longitude": 180.0}
EXAMPLES = {"latitude": "39.7589", "longitude": "-84.1916"}

T = TypeVar("T")


class _BadValue(ValueError):
    """A cell's problem; the row loop adds the file and the row."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


def read_incidents(path: str | Path, timezone: str) -> tuple[Incident, ...]:
    """Read an incidents file; times without an offset are local to `timezone` (IANA name)."""
    return parse_incidents(read_text(path), str(path), timezone)


def parse_incidents(text: str, file: str, timezone: str) -> tuple[Incident, ...]:
    """Parse incidents CSV text; `file` only names the source in messages.

    Raises InputError for a file that cannot be read at all (no header, a missing column), and
    InputErrors listing every bad cell of every row otherwise.
    """
    zone = ZoneInfo(timezone)
    table = read_table(text, file, REQUIRED, OPTIONAL)
    incidents: list[Incident] = []
    errors: list[InputError] = []
    row_of_id: dict[str, int] = {}
    for row, cells in table.data(errors):
        try:
            values = table.values(row, cells)
        except InputError as error:
            errors.append(error)
            continue
        identifier = values["id"]
        if identifier in row_of_id:
            message = f"id {identifier!r} is already used on row {row_of_id[identifier]} (ids must be unique)"
            errors.append(InputError(file, message, row=row, field="id"))
        elif identifier:
            row_of_id[identifier] = row
        incident, row_errors = _incident(values, zone, file, row)
        errors.extend(row_errors)
        if incident is not None:
            incidents.append(incident)
    if errors:
        raise InputErrors(file, errors)
    return tuple(incidents)


def _incident(
    values: Mapping[str, str], zone: ZoneInfo, file: str, row: int
) -> tuple[Incident | None, list[InputError]]:
    """The row's incident, or None with one error per bad cell (a row can have several)."""
    errors: list[InputError] = []

    def cell(column: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(values.get(column, ""))
        except _BadValue as error:
            errors.append(InputError(file, error.message, row=row, field=error.column))
            return None

    identifier = cell("id", _id)
    kind = cell("type", _kind)
    occurred = cell("occurred_at", lambda text: _occurred_at(text, zone))
    latitude = cell("latitude", lambda text: _coordinate(text, "latitude"))
    longitude = cell("longitude", lambda text: _coordinate(text, "longitude"))
    if errors:
        return None, errors
    assert identifier is not None and kind is not None and occurred is not None
    incident = Incident(identifier, kind, occurred, values.get("address", ""), latitude, longitude)
    return incident, errors


def _id(text: str) -> str:
    if not text:
        raise _BadValue("id", "id is empty (expected the CAD incident number)")
    return text


def _kind(text: str) -> str:
    kind = " ".join(text.lower().split())
    if not kind:
        raise _BadValue("type", "type is empty (expected homicide, shooting or another kind of incident)")
    return kind


def parse_moment(text: str, timezone: str) -> datetime:
    """An incident's date and time, from a file or typed by hand: ISO 8601 with the time of day
    (`2026-12-10T21:30`, seconds and a UTC offset optional); without an offset it is local to
    `timezone` (IANA name). Always aware.

    Raises ValueError with a message for the user. A date alone is refused, not read as midnight:
    the 24 hours of a post-incident walk count from the time of day. So are years outside 1900 to
    2200, which no incident has and which would overflow when converted between zones.
    """
    return _moment(text.strip(), ZoneInfo(timezone))


def _occurred_at(text: str, zone: ZoneInfo) -> datetime:
    try:
        return _moment(text, zone)
    except ValueError as error:
        raise _BadValue("occurred_at", f"occurred_at {error}") from None


def _moment(text: str, zone: ZoneInfo) -> datetime:
    expected = "expected ISO 8601 such as 2026-12-10T21:30, optionally with a UTC offset"
    if DATE_ONLY.fullmatch(text):
        raise ValueError(f"{quoted(text)} is a date without a time of day ({expected})")
    try:
        if not DATE_TIME_START.match(text):
            raise ValueError(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{quoted(text)} is not a date and time ({expected})") from None
    try:
        check_year(moment.year)
    except ValueError as error:
        raise ValueError(f"{quoted(text)}: {error}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def coordinate(text: str, column: str) -> float:
    """A `latitude` or `longitude` in decimal degrees; raises ValueError with a message for the user."""
    try:
        return _coordinate(text, column)
    except _BadValue as error:
        raise ValueError(error.message) from None


def _coordinate(text: str, column: str) -> float:
    limit = RANGES[column]
    if not text:
        raise _BadValue(column, f"{column} is empty (expected decimal degrees, WGS 84)")
    shown = quoted(text)
    if not NUMBER_PATTERN.fullmatch(text):
        message = f"{column} {shown} is not a number (expected decimal degrees, e.g. {EXAMPLES[column]})"
        raise _BadValue(column, message)
    value = float(text)
    if not -limit <= value <= limit:
        message = f"{column} {shown} is outside {-limit:g} to {limit:g} (expected decimal degrees, WGS 84)"
        raise _BadValue(column, message)
    return value
