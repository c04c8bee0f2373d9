"""Districts in the store: their settings, walk-type rules, holidays and calendar id.

Each function is one unit of work in its own short session and takes and returns plain domain
values; callers hold on to a `DistrictRef`, not to rows.
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
        stored = _store_district(session, row or DistrictRow(), district, keep_holidays=keep_holidays)
        return SavedDistrict(DistrictRef(stored, district.name), created)


def update_district(db: Database, district_id: int, district: District) -> DistrictRef:
    """Replace the district's settings, rules and holidays (a rename included, unless another
    district has the name)."""
    with db.session(write=True) as session:
        row = district_row(session, district_id, load_rules=True)
        other = find_district_row(session, district.name)
        if other is not None and other.id != row.id:
            raise Conflict(f"district {district.name!r} already exists")
        return DistrictRef(_store_district(session, row, district), district.name)


def add_holidays(db: Database, district_id: int, days: Iterable[date]) -> int:
    """Add `days` to the district's holidays, all or nothing; returns how many were new."""
    with db.session(write=True) as session:
        row = district_row(session, district_id)
        added = apply_holidays(row, [*(holiday.day for holiday in row.holidays), *days])
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
