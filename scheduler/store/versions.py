"""Saving what several people may edit at once (the neighborhood, a person, a district's settings):
every save says which version it was made from, and is refused (a Conflict, nothing written)
when a colleague saved another one since, instead of silently overwriting it.

The rows count their saves in `version`, which SQLAlchemy checks on every UPDATE
(`version_id_col`). Imports from files overwrite on purpose: they only `touch` the row, which
moves the version on, so an editor that read the row before learns of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from scheduler.domain.errors import Conflict, StoreError
from scheduler.store.database import Database, first_line
from scheduler.store.schema import DistrictRow, NeighborhoodRow, PersonRow, PlanRow, utc_now

T = TypeVar("T")


@dataclass(frozen=True)
class Versioned(Generic[T]):
    """A value as stored: pass `version` back when saving it (None: nothing was stored yet)."""

    value: T
    version: int | None


VersionedRow = DistrictRow | NeighborhoodRow | PersonRow  # the rows that count their saves
Row = TypeVar("Row", DistrictRow, NeighborhoodRow, PersonRow)


def touch(row: VersionedRow, user: str | None) -> None:
    """Mark the row saved now by `user` (None: an import, by nobody known); this also makes the
    row itself dirty, so its version goes up even when only its child rows changed."""
    row.updated_at = utc_now()
    row.updated_by = user


def changed_by(row: VersionedRow | PlanRow, timezone: str) -> str:
    """Who saved the row last and when, in the district's time: "okafor at 2026-12-04 09:12 EST"."""
    who = row.updated_by or "someone else"
    if row.updated_at is None:
        return who
    return f"{who} at {row.updated_at.astimezone(ZoneInfo(timezone)).strftime('%Y-%m-%d %H:%M %Z')}"


@dataclass(frozen=True)
class Saving(Generic[Row]):
    """How to find, create and report on the row a checked save changes."""

    find: Callable[[Session, bool], Row | None]  # the row, locked for the save when asked
    conflict: Callable[[Session, Row | None], Conflict]  # the message says who saved and when
    what: str  # names the row in a StoreError: "the neighborhood"
    create: Callable[[Session], Row] | None = None  # a first save adds the row (None: it must exist)


def checked_save(
    db: Database,
    saving: Saving[Row],
    expected_version: int | None,
    user: str | None,
    change: Callable[[Session, Row], None],
) -> int:
    """Apply `change` to the row in one unit of work if its version is still `expected_version`;
    returns the new version."""
    try:
        with db.session(write=True) as session:
            row = saving.find(session, True)
            found = None if row is None else row.version
            if found != expected_version:
                raise saving.conflict(session, row)
            if row is None:
                if saving.create is None:
                    raise saving.conflict(session, None)
                row = saving.create(session)
            touch(row, user)  # first: a flush inside `change` then moves the version on once
            change(session, row)
            session.flush()
            return row.version
    except (StaleDataError, IntegrityError) as error:
        # The check above runs under a row lock (PostgreSQL) or the write lock (SQLite): these are
        # the last line of defence, such as two first saves of a row at once.
        with db.session() as session:
            row = saving.find(session, False)
            if row is not None and row.version != expected_version:
                raise saving.conflict(session, row) from None
        raise StoreError(f"{saving.what} could not be saved in {db.url}: {first_line(error)}") from None
