"""The People page's actions: a roster file previewed before it is imported, and one person edited.

An edit is written in the roster's own words (shift_start "07:00", workdays "Mon-Thu", leave
"2026-12-21/2026-12-24"), read by the roster reader, so a form refuses what an import refuses. Each
person is read with a version and saved against it: an edit made after a colleague saved the same
person is a PersonConflict, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scheduler.domain import Person
from scheduler.domain.errors import InputError
from scheduler.formats.files import read_text
from scheduler.formats.roster import check_roster, person_from_cells, roster_cells
from scheduler.store import Database, DistrictRef, RosterEntry, active_people, all_people
from scheduler.store import roster_entries as _roster_entries
from scheduler.store import update_person as _update_person


@dataclass(frozen=True)
class RosterPreview:
    """What importing the file would do; `errors` (one per bad row) mean it would import nothing."""

    people: tuple[Person, ...]  # the file's good rows
    errors: tuple[InputError, ...]
    added: int
    updated: int
    unchanged: int
    deactivated: int


def preview_roster(db: Database, *, district: DistrictRef, path: Path) -> RosterPreview:
    """Read the roster file and compare it with the district's people; nothing is saved. A file
    that cannot be read at all (no such file, a wrong header) is one error."""
    try:
        roster, errors = check_roster(read_text(path), str(path))
        people = roster.people
    except InputError as error:
        return RosterPreview((), (error,), 0, 0, 0, 0)
    known = {person.id: person for person in all_people(db, district.id)}
    active = {person.id for person in active_people(db, district.id)}
    new_ids = {person.id for person in people}
    added = sum(1 for person in people if person.id not in known)
    unchanged = sum(1 for person in people if person.id in active and known[person.id] == person)
    deactivated = len(active - new_ids)
    return RosterPreview(people, errors, added, len(people) - added - unchanged, unchanged, deactivated)


def person_fields(person: Person) -> dict[str, str]:
    """The person's values as roster cells, for an edit form."""
    return roster_cells(person)


def edited_person(person: Person, changes: Mapping[str, str]) -> Person:
    """`person` with the changed roster cells; a bad value is an InputError naming the person and
    the column. The id cannot change (plans and logs refer to it)."""
    if changes.get("id", person.id) != person.id:
        raise InputError(f"person {person.id}", "the id cannot be changed", field="id")
    cells = roster_cells(person) | {column: text.strip() for column, text in changes.items()}
    return person_from_cells(cells, f"person {person.id}")


def roster_entries(db: Database, *, district: DistrictRef) -> tuple[RosterEntry, ...]:
    """Everyone the district ever had (active first), each with the version to save an edit against."""
    return _roster_entries(db, district.id)


def update_person(
    db: Database, *, district: DistrictRef, person: Person, expected_version: int, user: str
) -> int:
    """Save the person's values (matched by id) if they are still at `expected_version`; returns
    the new version. The app's undo saves the old values the same way, against the version its
    last save left."""
    return _update_person(db, district.id, person, expected_version, user)
