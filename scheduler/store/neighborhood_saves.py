"""Saving the neighborhood when several people may edit it at once: every save of the map or the
profile says which version it was made from, and is refused (NeighborhoodConflict, nothing
written) when a colleague saved another one since, instead of silently overwriting it.

Imports from files (`save_boundary`, `save_profile`) overwrite on purpose: they only `touch` the
row, which moves the version on, so an editor that opened the neighborhood before learns of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from scheduler.domain.errors import Conflict, StoreError
from scheduler.store.database import Database, first_line
from scheduler.store.queries import district_row
from scheduler.store.schema import DistrictRow, NeighborhoodRow, utc_now

T = TypeVar("T")


class NeighborhoodConflict(Conflict):
    """Someone else saved the neighborhood after it was loaded; the message says who and when."""


@dataclass(frozen=True)
class Versioned(Generic[T]):
    """A part of the neighborhood as stored: pass `version` back when saving it (None: nothing
    was stored yet)."""

    value: T
    version: int | None


def touch(row: NeighborhoodRow, user: str | None) -> None:
    """Mark the row saved now by `user` (None: an import, by nobody known); this also makes the
    row itself dirty, so its version goes up even when only its sectors or lists changed."""
    row.updated_at = utc_now()
    row.updated_by = user


def checked_save(
    db: Database,
    district_id: int,
    expected_version: int | None,
    user: str,
    change: Callable[[Session, NeighborhoodRow], None],
) -> int:
    """Apply `change` to the district's neighborhood row (added if it has none) in one unit of
    work, if its version is still `expected_version`; returns the new version."""
    try:
        with db.session(write=True) as session:
            district = district_row(session, district_id)
            query = select(NeighborhoodRow).where(NeighborhoodRow.district_id == district.id)
            row = session.scalars(query.with_for_update()).one_or_none()
            found = None if row is None else row.version
            if found != expected_version:
                raise _conflict(district, row)
            if row is None:
                row = NeighborhoodRow(district_id=district.id, name=district.name)
                session.add(row)
            touch(row, user)  # first: a flush inside `change` then moves the version on once
            change(session, row)
            session.flush()
            return row.version
    except (StaleDataError, IntegrityError) as error:
        # The check above runs under a row lock (PostgreSQL) or the write lock (SQLite): these are
        # the last line of defence, such as two first saves of a neighborhood at once.
        with db.session() as session:
            district = district_row(session, district_id)
            query = select(NeighborhoodRow).where(NeighborhoodRow.district_id == district.id)
            row = session.scalars(query).one_or_none()
            if row is not None and row.version != expected_version:
                raise _conflict(district, row) from None
        raise StoreError(f"the neighborhood could not be saved in {db.url}: {first_line(error)}") from None


def _conflict(district: DistrictRow, row: NeighborhoodRow | None) -> NeighborhoodConflict:
    if row is None:
        return NeighborhoodConflict(
            f"the neighborhood of {district.name} is no longer stored; reload to see the current state"
        )
    who = row.updated_by or "someone else"
    when = ""
    if row.updated_at is not None:
        local = row.updated_at.astimezone(ZoneInfo(district.timezone))
        when = f" at {local.strftime('%Y-%m-%d %H:%M %Z')}"
    return NeighborhoodConflict(
        f"the neighborhood of {district.name} was changed by {who}{when} since you opened it; "
        "reload to see their changes"
    )
