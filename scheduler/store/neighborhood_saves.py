"""Saving the neighborhood when several people may edit it at once: every save of the map or the
profile is checked against the version it was made from (`versions.checked_save`), and refused
with a NeighborhoodConflict when a colleague saved another one since.

Imports from files (`save_boundary`, `save_profile`) overwrite on purpose: they only `touch` the
row, which moves the version on, so an editor that opened the neighborhood before learns of them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler.domain.errors import Conflict
from scheduler.store.database import Database
from scheduler.store.queries import district_row
from scheduler.store.schema import NeighborhoodRow
from scheduler.store.versions import Saving, changed_by
from scheduler.store.versions import checked_save as _checked_save


class NeighborhoodConflict(Conflict):
    """Someone else saved the neighborhood after it was loaded; the message says who and when."""


def checked_save(
    db: Database,
    district_id: int,
    expected_version: int | None,
    user: str,
    change: Callable[[Session, NeighborhoodRow], None],
) -> int:
    """Apply `change` to the district's neighborhood row (added if it has none) in one unit of
    work, if its version is still `expected_version`; returns the new version."""

    def find(session: Session, lock: bool) -> NeighborhoodRow | None:
        district = district_row(session, district_id)
        query = select(NeighborhoodRow).where(NeighborhoodRow.district_id == district.id)
        return session.scalars(query.with_for_update() if lock else query).one_or_none()

    def create(session: Session) -> NeighborhoodRow:
        district = district_row(session, district_id)
        row = NeighborhoodRow(district_id=district.id, name=district.name)
        session.add(row)
        return row

    def conflict(session: Session, row: NeighborhoodRow | None) -> NeighborhoodConflict:
        district = district_row(session, district_id)
        if row is None:
            return NeighborhoodConflict(
                f"the neighborhood of {district.name} is no longer stored; reload to see the current state"
            )
        return NeighborhoodConflict(
            f"the neighborhood of {district.name} was changed by {changed_by(row, district.timezone)} "
            "since you opened it; reload to see their changes"
        )

    saving: Saving[NeighborhoodRow] = Saving(find, conflict, "the neighborhood", create)
    return _checked_save(db, saving, expected_version, user, change)
