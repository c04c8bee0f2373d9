"""The department database and its districts: opening it, and the imports that set a district up.

Each function is one thing a user does, all or nothing; the command line and the app call these
and nothing below them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from scheduler.actions.plans import check_size
from scheduler.domain import District, Person
from scheduler.domain.errors import InputError
from scheduler.formats.district_settings import read_settings
from scheduler.formats.holidays import load_holidays
from scheduler.formats.roster import Roster, read_roster
from scheduler.store import (
    Database,
    DistrictRef,
    ImportSummary,
    SavedDistrict,
    active_people,
    add_holidays,
    all_people,
    get_district,
    open_database,
    save_settings,
)
from scheduler.store import find_district as _find_district
from scheduler.store import import_roster as _import_roster
from scheduler.store import list_districts as _list_districts


def open_department(url: str | None = None) -> Database:
    """Open the database at `url` (default: `BEATWALK_DB`, else the user's SQLite file), creating
    or upgrading it; `Database.backup` names the copy made before an upgrade. Close it when done."""
    return open_database(url)


def find_district(db: Database, *, name: str | None = None) -> DistrictRef:
    """The district called `name`, or the database's only district when no name is given."""
    return _find_district(db, name)


def list_districts(db: Database) -> tuple[DistrictRef, ...]:
    return _list_districts(db)


def district_settings(db: Database, *, district: DistrictRef) -> District:
    return get_district(db, district.id)


def district_people(db: Database, *, district: DistrictRef, active_only: bool = True) -> tuple[Person, ...]:
    """The district's current roster (active), or everyone it ever had: old plans name both."""
    return active_people(db, district.id) if active_only else all_people(db, district.id)


def import_settings(db: Database, *, path: Path, expected_name: str | None = None) -> SavedDistrict:
    """Create the district a settings file names, or update its settings and rules.

    A file that names no `holidays` keeps the district's holidays (those imported from a calendar
    would otherwise be lost to a change of walk hours); `holidays = []` removes them.
    `expected_name` is the district the user meant to change; a file naming another one is refused,
    so a wrong file never rewrites the wrong district.
    """
    settings = read_settings(path)
    district = settings.district
    if expected_name is not None and expected_name != district.name:
        message = f"names district {district.name!r}, but district {expected_name!r} was chosen"
        raise InputError(str(path), message, field="name")
    return save_settings(db, district, keep_holidays="holidays" not in settings.given)


def import_roster(
    db: Database, *, district: DistrictRef | None, path: Path, deactivate_most: bool = False
) -> ImportSummary:
    """Make the district's people those of the roster file: known ids updated, new ones added,
    people missing from the file marked inactive (never deleted). A file that would make more than
    half of the active people inactive is refused unless `deactivate_most` is given.

    People belong to the department: an id another district's roster already named is the same
    person, now in both. A `districts` column links its rows to the districts it names (a
    department-wide roster, imported once); rows that name none join `district` (None: the
    database's only district, if it holds one)."""
    roster = read_roster(path)
    if district is None and not any(roster.districts.values()):
        district = _find_district(db, None)  # the only one; NotFound lists them if there are several
    elif district is None:
        districts = _list_districts(db)
        district = districts[0] if len(districts) == 1 else None
    for members in _members_by_district(roster, district).values():
        check_size(members, str(path))
    return _import_roster(
        db,
        district.id if district else None,
        roster.people,
        str(path),
        districts=roster.districts,
        rows=roster.rows,
        deactivate_most=deactivate_most,
    )


def _members_by_district(roster: Roster, district: DistrictRef | None) -> dict[str, list[Person]]:
    members: dict[str, list[Person]] = {}
    for person in roster.people:
        for name in roster.districts.get(person.id) or ((district.name,) if district else ()):
            members.setdefault(name, []).append(person)
    return members


HOLIDAY_YEARS_AHEAD = 10  # how far a yearly holiday without an end is repeated, from now's year


@dataclass(frozen=True)
class HolidaysImported:
    added: int  # days that were not holidays of the district yet
    in_file: int  # days the file's events cover


def import_holidays(db: Database, *, district: DistrictRef, path: Path, now: datetime) -> HolidaysImported:
    """Add the days off of an iCalendar file (as agencies publish them) to the district's holidays,
    all or nothing. A yearly event without an end is repeated through the tenth year after `now`'s:
    importing the file again in a later year extends it."""
    days = load_holidays(path, repeat_through=date(now.year + HOLIDAY_YEARS_AHEAD, 12, 31))
    return HolidaysImported(add_holidays(db, district.id, days), len(days))
