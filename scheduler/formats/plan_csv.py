"""The plan as CSV, one row per walk, for spreadsheets; every cell is guarded against formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from scheduler.domain import Person, Plan, Walk
from scheduler.formats.times import local, local_end

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
    "called_in",
    "partners",
    "meeting_point",
)
LIST_SEPARATOR = "; "

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
    start = local(walk.start, zone)
    return [
        walk.id,
        walk.type,
        start.date().isoformat(),
        start.strftime("%H:%M"),
        local_end(walk, zone).strftime("%H:%M"),
        str(walk.minutes),
        walk.coordinator,
        _name(walk.coordinator, people),
        LIST_SEPARATOR.join(walk.participants),
        LIST_SEPARATOR.join(_name(person_id, people) for person_id in walk.participants),
        "yes" if walk.locked else "no",
        LIST_SEPARATOR.join(walk.called_in),
        LIST_SEPARATOR.join(walk.partners),
        walk.meeting_point or "",
    ]


def _name(person_id: str, people: Mapping[str, Person]) -> str:
    """Someone no longer on the roster is shown by id, so the id and name lists stay aligned."""
    person = people.get(person_id)
    return person.name if person else person_id
