"""Districts in the store: their settings, walk-type rules, holidays and calendar id.

Each function is one unit of work in its own short session and takes and returns plain domain
values; callers hold on to a `DistrictRef`, not to rows. An edit of the settings is checked against
the version it was made from (`versions.checked_save`); imports overwrite on purpose and move the
version on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler.domain import District
from scheduler.domain.errors import Conflict
from scheduler.store.convert import apply_district, apply_holidays, apply_walk_type, district_from_row
from scheduler.store.database import Database
from scheduler.store.queries import choose_district, district_row
from scheduler.store.queries import find_district as find_district_row
from scheduler.store.schema import DistrictRow, WalkTypeRow
from scheduler.store.versions import Saving, Versioned, changed_by, checked_save, touch


class SettingsConflict(Conflict):
    """Someone else saved the district's settings after they were loaded; the message says who
    and when."""


@dataclass(frozen=True)
class DistrictRef:
    """Which district: what callers hold on to, instead of a name that a settings import may
    change or a whole District value that goes stale."""

    id: int
    name: str


@dataclass(frozen=True)
class SavedDistrict:
    district: DistrictRef
    created: bool  # False: an existing district's settings were updated


def list_districts(db: Database) -> tuple[DistrictRef, ...]:
    """Every district of the database, by name."""
    with db.session() as session:
        rows = session.execute(select(DistrictRow.id, DistrictRow.name).order_by(DistrictRow.name))
        return tuple(DistrictRef(id, name) for id, name in rows)


def find_district(db: Database, name: str | None) -> DistrictRef:
    """The district called `name`; None means the database's only district (NotFound otherwise,
    listing the districts there are)."""
    with db.session() as session:
        row = choose_district(session, name)
        return DistrictRef(row.id, row.name)


def add_district(db: Database, district: District) -> DistrictRef:
    """Create a district with its settings and walk-type rules."""
    with db.session(write=True) as session:
        if find_district_row(session, district.name) is not None:
            raise Conflict(f"district {district.name!r} already exists")
        return DistrictRef(_store_district(session, DistrictRow(), district), district.name)


def save_settings(db: Database, district: District, *, keep_holidays: bool = False) -> SavedDistrict:
    """Create the district or update its settings and rules (matched by name); `keep_holidays`
    leaves an existing district's holidays as they are instead of making them the district's."""
    with db.session(write=True) as session:
        row = find_district_row(session, district.name)
        created = row is None
        if row is not None:
            touch(row, None)  # on purpose, by nobody known: an editor's older version is stale
        stored = _store_district(session, row or DistrictRow(), district, keep_holidays=keep_holidays)
        return SavedDistrict(DistrictRef(stored, district.name), created)


def update_district(
    db: Database, district_id: int, district: District, expected_version: int | None, user: str
) -> Versioned[DistrictRef]:
    """Replace the district's settings, rules and holidays (a rename included, unless another
    district has the name) if their version is still `expected_version` (SettingsConflict
    otherwise, nothing written); returns the district's reference with the new version."""

    def find(session: Session, lock: bool) -> DistrictRow:
        if lock:
            session.execute(select(DistrictRow.id).where(DistrictRow.id == district_id).with_for_update())
        return district_row(session, district_id, load_rules=True)

    def conflict(session: Session, row: DistrictRow | None) -> SettingsConflict:
        row = row or district_row(session, district_id)
        return SettingsConflict(
            f"the walk rules of {row.name} were changed by {changed_by(row, row.timezone)} since you "
            "opened them; reload to see their changes"
        )

    def change(session: Session, row: DistrictRow) -> None:
        with session.no_autoflush:  # a flush here and another after the change would count two saves
            other = find_district_row(session, district.name)
        if other is not None and other.id != row.id:
            raise Conflict(f"district {district.name!r} already exists")
        _store_district(session, row, district)

    saving: Saving[DistrictRow] = Saving(find, conflict, "the walk rules")
    version = checked_save(db, saving, expected_version, user, change)
    return Versioned(DistrictRef(district_id, district.name), version)


def stored_settings(db: Database, district_id: int) -> Versioned[District]:
    """The district's settings with the version to save an edit of them against."""
    with db.session() as session:
        row = district_row(session, district_id, load_rules=True)
        return Versioned(district_from_row(row), row.version)


def add_holidays(db: Database, district_id: int, days: Iterable[date]) -> int:
    """Add `days` to the district's holidays, all or nothing; returns how many were new."""
    with db.session(write=True) as session:
        row = district_row(session, district_id)
        added = apply_holidays(row, [*(holiday.day for holiday in row.holidays), *days])
        if added:
            touch(row, None)  # an import, on purpose: an editor's older version is stale
        session.flush()
        return added


def calendar_id(db: Database, district_id: int) -> str:
    """The district's calendar id (a UUID made when it was created), which its event UIDs carry."""
    with db.session() as session:
        return district_row(session, district_id).calendar_id


def get_district(db: Database, district_id: int) -> District:
    """The district's settings with its walk-type rules."""
    with db.session() as session:
        return district_from_row(district_row(session, district_id, load_rules=True))


def _store_district(
    session: Session, row: DistrictRow, district: District, *, keep_holidays: bool = False
) -> int:
    """Write settings and rules onto `row`. Walk types are matched by key and updated in place:
    replacing them would insert new rows before deleting the old ones, breaking the unique key."""
    apply_district(row, district)
    if not keep_holidays:
        apply_holidays(row, district.holidays)
    existing = {walk_type.key: walk_type for walk_type in row.walk_types}
    rows = []
    for position, walk_type in enumerate(district.walk_types):
        walk_type_row = existing.get(walk_type.key) or WalkTypeRow()
        apply_walk_type(walk_type_row, walk_type, position)
        rows.append(walk_type_row)
    row.walk_types = rows
    session.add(row)
    session.flush()
    return row.id
