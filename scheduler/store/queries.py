"""Lookups the store's service modules share: a district by name, and people's row ids."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from scheduler.domain.errors import InputError
from scheduler.store.database import Database
from scheduler.store.schema import DistrictRow, PersonRow, WalkTypeRow


def find_district(session: Session, name: str) -> DistrictRow | None:
    return session.scalars(select(DistrictRow).where(DistrictRow.name == name)).one_or_none()


def district_row(session: Session, db: Database, name: str | None, load_rules: bool = False) -> DistrictRow:
    """The district called `name`; None means the database's only district.

    A database shared by a department may hold several districts, so a missing or ambiguous
    choice is the user's to make: the error lists the names there are.
    """
    query = select(DistrictRow)
    if load_rules:
        query = query.options(selectinload(DistrictRow.walk_types).selectinload(WalkTypeRow.roles))
    if name is not None:
        row = session.scalars(query.where(DistrictRow.name == name)).one_or_none()
        if row is not None:
            return row
    rows = list(session.scalars(query.order_by(DistrictRow.name)))
    if name is None and len(rows) == 1:
        return rows[0]
    names = ", ".join(repr(row.name) for row in rows)
    if not rows:
        message = "holds no district yet (create one with 'beatwalk import settings DISTRICT.toml')"
    elif name is None:
        message = f"holds several districts ({names}): choose one with --district NAME"
    else:
        message = f"has no district {name!r} (it has {names})"
    raise InputError(db.url, message, field="--district")


def person_ids(session: Session, district_id: int) -> dict[str, int]:
    """Roster id to row id for everyone in the district, active or not."""
    query = select(PersonRow.external_id, PersonRow.id).where(PersonRow.district_id == district_id)
    return {external: internal for external, internal in session.execute(query)}
