"""Roster CSV import: the people a district can put on walks.

The file comes from whatever the agency keeps its staff in (a spreadsheet, an HR export), so the
reader is forgiving about spelling (header case, rank abbreviations, "Community Policing") and
strict about meaning: any value it cannot read stops the import with one line naming the row and
column, so a half-understood roster never reaches the planner.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import NoReturn

from scheduler.domain import DateRange, Engagement, Person, Rank, Unit, WorkPattern
from scheduler.domain.errors import InputError
from scheduler.formats.csv_table import header_name, raise_mistakes
from scheduler.formats.csv_table import table as read_table
from scheduler.formats.files import read_text
from scheduler.formats.text import email_problem, unprintable

REQUIRED = ("id", "name", "rank", "unit")
OPTIONAL = (
    "responsible",
    "squad",
    "shift_start",
    "shift_hours",
    "workdays",
    "rotation_start",
    "leave",
    "engagement",
    "email",
    "districts",
)
COLUMNS = REQUIRED + OPTIONAL

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

DEFAULT_SHIFT_START = time(8, 0)
DEFAULT_SHIFT_HOURS = 8.0
DEFAULT_WORKDAYS = frozenset(range(5))

RANKS = {rank.value: rank for rank in Rank} | {
    "ofc": Rank.OFFICER,
    "off": Rank.OFFICER,
    "po": Rank.OFFICER,
    "det": Rank.DETECTIVE,
    "sgt": Rank.SERGEANT,
    "lt": Rank.LIEUTENANT,
    "lieut": Rank.LIEUTENANT,
    "capt": Rank.CAPTAIN,
    "cpt": Rank.CAPTAIN,
    "cmdr": Rank.COMMANDER,
    "cdr": Rank.COMMANDER,
    "civ": Rank.CIVILIAN,
}
UNITS = {unit.value: unit for unit in Unit} | {"cpu": Unit.COMMUNITY_POLICING}

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}

TIME_PATTERN = re.compile(r"(\d{1,2}):(\d{2})")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
HOURS_PATTERN = re.compile(r"\d+(\.\d*)?|\.\d+")
ROTATION_PATTERN = re.compile(r"[01]+")


class _BadValue(ValueError):
    """A cell's problem, raised by the value parsers; the row loop adds the file and row."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


@dataclass(frozen=True)
class Roster:
    """A roster file's people, and the districts its `districts` column links each to, by person
    id (a department-wide roster lists them; a person it gives none joins the district chosen)."""

    people: tuple[Person, ...]
    districts: Mapping[str, tuple[str, ...]]
    rows: Mapping[str, int]  # the file's row of each person, for messages about their districts


def load_roster(path: str | Path) -> tuple[Person, ...]:
    """Read a roster file; a BOM (as Excel writes "CSV UTF-8") is dropped."""
    return read_roster(path).people


def read_roster(path: str | Path) -> Roster:
    """Read a roster file with its `districts` column."""
    return parse_department_roster(read_text(path), str(path))


def parse_roster(text: str, file: str) -> tuple[Person, ...]:
    """Parse roster CSV text; `file` only names the source in error messages."""
    return parse_department_roster(text, file).people


def parse_department_roster(text: str, file: str) -> Roster:
    """Parse roster CSV text with its `districts` column (`;`-separated district names)."""
    roster, errors = check_roster(text, file)
    raise_mistakes(file, errors)
    return roster


def check_roster(text: str, file: str) -> tuple[Roster, tuple[InputError, ...]]:
    """The rows that are right and every bad row's mistake, so that a preview can show both
    before anything is saved. A file whose header is wrong raises at once."""
    table = read_table(text, file, REQUIRED, OPTIONAL)
    people: list[Person] = []
    districts: dict[str, tuple[str, ...]] = {}
    errors: list[InputError] = []
    row_of_id: dict[str, int] = {}
    for row, values, person in table.records(
        errors,
        lambda values, row: _person(values, file, row),
        key=lambda person: person.id,
        field="id",
        clash=lambda key, first: f"id {key!r} is already used on row {first} (ids must be unique)",
    ):
        row_of_id[person.id] = row
        people.append(person)
        districts[person.id] = _districts(values.get("districts", ""))
    return Roster(tuple(people), districts, row_of_id), tuple(errors)


def _districts(text: str) -> tuple[str, ...]:
    """The `;`-separated district names of a department-wide roster's row, each once."""
    return tuple(dict.fromkeys(name.strip() for name in text.split(";") if name.strip()))


def roster_cells(person: Person) -> dict[str, str]:
    """The person as a roster row's cells, as the roster CSV would spell them: what an edit form
    shows, and what `person_from_cells` reads back."""
    pattern = person.pattern
    workdays = pattern.rotation or _day_list(pattern.weekdays)
    leave = "; ".join(
        entry.first.isoformat() if entry.first == entry.last else f"{entry.first}/{entry.last}"
        for entry in person.leave
    )
    return {
        "id": person.id,
        "name": person.name,
        "rank": person.rank.value,
        "unit": person.unit.value,
        "responsible": "yes" if person.responsible else "no",
        "squad": person.squad,
        "shift_start": f"{person.shift_start:%H:%M}",
        "shift_hours": f"{person.shift_hours:g}",
        "workdays": workdays,
        "rotation_start": pattern.rotation_start.isoformat() if pattern.rotation_start else "",
        "leave": leave,
        "engagement": person.engagement.value,
        "email": person.email,
    }


def _day_list(days: frozenset[int]) -> str:
    """Mon-Fri for a run of days, Mon,Wed,Fri otherwise, as people write them."""
    names = [DAY_NAMES[day][:3].title() for day in sorted(days)]
    run = sorted(days) == list(range(min(days), max(days) + 1)) if days else False
    return f"{names[0]}-{names[-1]}" if run and len(names) > 2 else ",".join(names)


def person_from_cells(values: Mapping[str, str], file: str, row: int | None = None) -> Person:
    """A person from one row's cells (stripped text by column name), checked as an import checks it."""
    return _person(values, file, row)


def _person(values: Mapping[str, str], file: str, row: int | None) -> Person:
    try:
        return _parse_person(values)
    except _BadValue as error:
        raise InputError(file, error.message, row=row, field=error.column) from None


def _parse_person(values: Mapping[str, str]) -> Person:
    def cell(column: str) -> str:
        return values.get(column, "")

    return Person(
        id=_required(cell("id"), "id", "the person's badge or staff number"),
        name=_name(cell("name")),
        rank=_rank(cell("rank")),
        unit=_unit(cell("unit")),
        responsible=_yes_no(cell("responsible")),
        squad=cell("squad"),
        shift_start=_shift_start(cell("shift_start")),
        shift_hours=_shift_hours(cell("shift_hours")),
        pattern=_pattern(cell("workdays"), cell("rotation_start")),
        leave=_leave(cell("leave")),
        engagement=_engagement(cell("engagement")),
        email=_email(cell("email")),
    )


def _pattern(workdays: str, rotation_start: str) -> WorkPattern:
    """A rotation needs the day its first character falls on; next to fixed weekdays that date
    means nothing, so it is checked but not kept."""
    days = _workdays(workdays)
    start = _date(rotation_start, "rotation_start") if rotation_start else None
    if isinstance(days, frozenset):
        return WorkPattern(weekdays=days)
    if start is None:
        raise _BadValue(
            "rotation_start",
            "rotation_start is empty, but workdays is a 0/1 rotation "
            "(give the date its first character falls on, YYYY-MM-DD)",
        )
    return WorkPattern(rotation=days, rotation_start=start)


def _required(text: str, column: str, what: str) -> str:
    if not text:
        raise _BadValue(column, f"{column} is empty (expected {what})")
    return text


def _name(text: str) -> str:
    """A name is printed on calendars, schedules and messages, one line each."""
    problem = unprintable(_required(text, "name", "the person's name"))
    if problem:
        raise _BadValue("name", f"name {problem}")
    return text


def _rank(text: str) -> Rank:
    key = text.lower().removesuffix(".")
    if key in RANKS:
        return RANKS[key]
    return _unknown("rank", text, f"{', '.join(Rank)}, or Ofc, Det, Sgt, Lt, Capt, Cmdr")


def _unit(text: str) -> Unit:
    key = header_name(text)
    if key in UNITS:
        return UNITS[key]
    return _unknown("unit", text, f"{', '.join(Unit)}, or CPU")


def _unknown(column: str, text: str, choices: str) -> NoReturn:
    if not text:
        raise _BadValue(column, f"{column} is empty (expected {choices})")
    raise _BadValue(column, f"{column} {text!r} is not a known {column} ({choices})")


def _yes_no(text: str) -> bool:
    key = text.lower()
    if key in YES:
        return True
    if key in NO:
        return False
    message = f"responsible {text!r} is not yes or no (yes/no, y/n, true/false, 1/0; empty means no)"
    raise _BadValue("responsible", message)


def _shift_start(text: str) -> time:
    if not text:
        return DEFAULT_SHIFT_START
    match = TIME_PATTERN.fullmatch(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        message = f"shift_start {text!r} is not a time of day (expected HH:MM, 00:00 to 23:59)"
        raise _BadValue("shift_start", message)
    return time(int(match[1]), int(match[2]))


def _shift_hours(text: str) -> float:
    if not text:
        return DEFAULT_SHIFT_HOURS
    hours = float(text) if HOURS_PATTERN.fullmatch(text) else math.nan
    if not 0 < hours <= 24:
        message = f"shift_hours {text!r} is not a shift length (expected hours above 0, at most 24, e.g. 8.5)"
        raise _BadValue("shift_hours", message)
    return hours


def weekday_index(text: str) -> int | None:
    """0 for Monday, None if not a day: full names and any abbreviation of 3 letters or more
    ("Tue", "Thurs"), so people can write days the way their own schedules do."""
    key = text.strip().lower()
    if len(key) < 3:
        return None
    for index, name in enumerate(DAY_NAMES):
        if name.startswith(key):
            return index
    return None


def _workdays(text: str) -> frozenset[int] | str:
    """Fixed weekdays as a set, or a rotation kept as its 0/1 string."""
    if not text:
        return DEFAULT_WORKDAYS
    if ROTATION_PATTERN.fullmatch(text):
        if "1" not in text:
            message = f"workdays rotation {text!r} has no working day (expected at least one 1)"
            raise _BadValue("workdays", message)
        return text
    days: set[int] = set()
    for item in text.split(","):
        first, dash, last = item.partition("-")
        start = weekday_index(first)
        end = weekday_index(last) if dash else start
        if start is None or end is None:
            expected = "e.g. Mon-Fri, Mon,Tue,Thu or a rotation like 11001110011000"
            raise _BadValue("workdays", f"workdays {text!r} is not a list of days ({expected})")
        # A range runs forward through the week, so "Fri-Mon" covers the weekend.
        days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    return frozenset(days)


def _iso_date(text: str) -> date | None:
    """Only YYYY-MM-DD: fromisoformat alone would also take 20260301 and week dates."""
    if not DATE_PATTERN.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _date(text: str, column: str) -> date:
    day = _iso_date(text)
    if day is None:
        raise _BadValue(column, f"{column} {text!r} is not a date (expected YYYY-MM-DD)")
    return day


def _leave(text: str) -> tuple[DateRange, ...]:
    return tuple(_leave_entry(item.strip()) for item in text.split(";") if item.strip())


def _leave_entry(item: str) -> DateRange:
    first_text, slash, last_text = item.partition("/")
    first = _iso_date(first_text.strip())
    last = _iso_date(last_text.strip()) if slash else first
    if first is None or last is None:
        expected = "YYYY-MM-DD/YYYY-MM-DD or YYYY-MM-DD, separated by ;"
        raise _BadValue("leave", f"leave {item!r} is not a date or date range (expected {expected})")
    if last < first:
        raise _BadValue(
            "leave", f"leave {item!r} ends before it starts (expected FIRST/LAST, LAST not before FIRST)"
        )
    return DateRange(first, last)


def _engagement(text: str) -> Engagement:
    key = text.lower()
    for engagement in Engagement:
        if key == engagement.value:
            return engagement
    raise _BadValue("engagement", f"engagement {text!r} is not natural, developing or empty")


def _email(text: str) -> str:
    """Only catches an obvious slip (a name or phone number in the column); mail servers judge the rest."""
    problem = email_problem(text)
    if problem:
        raise _BadValue("email", problem)
    return text
