"""Plans in the store: loading and saving a month's plan, the version check that keeps two
people's saves from overwriting each other, the record of changes, and other districts' walks.

A save based on an outdated plan raises PlanConflict naming who saved in between; nothing is written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from scheduler.domain import Month, Plan, Walk
from scheduler.domain.errors import Conflict, StoreError
from scheduler.store.convert import apply_quality, plan_from_row, shortfall_row, walk_from_row
from scheduler.store.database import Database, first_line
from scheduler.store.plan_walks import store_walks
from scheduler.store.queries import department_person_ids, department_roster_ids, district_row, partner_ids
from scheduler.store.schema import DistrictRow, PlanChangeRow, PlanRow, WalkPartnerRow, WalkRow, utc_now
from scheduler.store.versions import changed_by


class PlanConflict(Conflict):
    """Someone else saved the plan after it was loaded; the message says who, when, what to do."""


@dataclass(frozen=True)
class StoredPlan:
    """A month's plan as stored: pass `version` back when saving, so a colleague's save in
    between is noticed instead of overwritten."""

    plan: Plan
    version: int
    saved_by: str
    saved_at: datetime  # UTC


@dataclass(frozen=True)
class PlanChange:
    version: int
    changed_at: datetime  # UTC
    changed_by: str
    summary: str


def load_plan(db: Database, district_id: int, month: Month) -> StoredPlan | None:
    """The stored plan of `month` with its version (pass it back to save_plan), or None."""
    with db.session() as session:
        district = district_row(session, district_id)
        row = session.scalars(_plan_query(district.id, month)).one_or_none()
        if row is None:
            return None
        external = department_roster_ids(session)
        return _stored_plan(row, external)


def walks_elsewhere(db: Database, district_id: int, month: Month) -> tuple[Walk, ...]:
    """The stored walks of `month` in the department's other districts, each id prefixed with its
    district's name ("North:w17"): the people the districts share are busy then, and those walks
    are part of their load."""
    with db.session() as session:
        district = district_row(session, district_id)
        query = (
            select(PlanRow)
            .where(PlanRow.district_id != district.id, PlanRow.month == str(month))
            .options(
                selectinload(PlanRow.district),
                selectinload(PlanRow.walks).selectinload(WalkRow.participants),
            )
            .order_by(PlanRow.district_id)
        )
        external = department_roster_ids(session)
        found = []
        for plan in session.scalars(query):
            zone = ZoneInfo(plan.timezone)
            for row in plan.walks:
                walk = walk_from_row(row, external, zone, with_partners=False)
                found.append(replace(walk, id=f"{plan.district.name}:{walk.id}"))
        return tuple(found)


def _stored_plan(row: PlanRow, external_ids: Mapping[int, str]) -> StoredPlan:
    return StoredPlan(plan_from_row(row, external_ids), row.version, row.updated_by, row.updated_at)


def _plan_query(district_id: int, month: Month) -> Select[Any]:
    return (
        select(PlanRow)
        .where(PlanRow.district_id == district_id, PlanRow.month == str(month))
        .options(
            selectinload(PlanRow.walks).selectinload(WalkRow.participants),
            selectinload(PlanRow.walks).selectinload(WalkRow.partners).selectinload(WalkPartnerRow.partner),
            selectinload(PlanRow.shortfalls),
            selectinload(PlanRow.quality_terms),
        )
    )


def save_plan(
    db: Database,
    district_id: int,
    plan: Plan,
    expected_version: int | None,
    user: str,
    *,
    source: Literal["solver", "manual"] = "solver",
) -> StoredPlan:
    """Store `plan` as the district's plan of its month; returns it as stored, with its version.

    `expected_version` is the version the plan was loaded at (None: there was no plan). If the
    stored version differs, someone saved in between and PlanConflict is raised: nothing is
    written, so neither save is lost. New or changed walks get `source` (solver or manual) as
    their origin, post-incident walks always `post_incident`; unchanged walks keep theirs.
    """
    with plan_save(db, district_id, plan.month, expected_version) as session:
        row = store_plan(session, district_id, plan, expected_version, user, source)
        return StoredPlan(as_stored(plan, row), row.version, row.updated_by, row.updated_at)


def as_stored(plan: Plan, row: PlanRow) -> Plan:
    """`plan` with the calendar sequences the save gave its walks (rows are in the plan's order)."""
    walks = tuple(
        replace(walk, sequence=walk_row.sequence)
        for walk, walk_row in zip(plan.walks, row.walks, strict=True)
    )
    return replace(plan, walks=walks)


@contextlib.contextmanager
def plan_save(
    db: Database, district_id: int, month: Month, expected_version: int | None
) -> Iterator[Session]:
    """A write unit of work that stores a plan (with `store_plan`), perhaps with more beside it;
    a save that loses a race with another one ends as PlanConflict, and nothing is written."""
    try:
        with db.session(write=True) as session:
            yield session
    except (StaleDataError, IntegrityError) as error:
        # The version check in store_plan runs under a row lock (PostgreSQL) or the write lock
        # (SQLite), so these are only the last line of defence: two first saves of the same month.
        conflict = _current_conflict(db, district_id, month, expected_version)
        if conflict is not None:
            raise conflict from None
        raise StoreError(f"the plan could not be saved in {db.url}: {first_line(error)}") from None


def store_plan(
    session: Session,
    district_id: int,
    plan: Plan,
    expected_version: int | None,
    user: str,
    source: str,
) -> PlanRow:
    """`save_plan`'s work inside `session` (opened by `plan_save`); returns the saved row."""
    district = district_row(session, district_id)
    query = _plan_query(district.id, plan.month).with_for_update()
    row = session.scalars(query).one_or_none()
    _check_version(row, expected_version, district, plan.month)
    ids = department_person_ids(session)
    partners = partner_ids(session, district.id)  # before the new row is added: a query flushes it
    if row is None:
        row = PlanRow(
            district_id=district.id,
            month=str(plan.month),
            timezone=plan.timezone,
            status="draft",
            created_by=user,
            updated_by=user,
        )
        session.add(row)
    summary = store_walks(row, plan, ids, partners, source)
    row.timezone = plan.timezone
    row.shortfalls = [shortfall_row(item, index) for index, item in enumerate(plan.shortfalls)]
    apply_quality(row, plan.quality)
    row.updated_at = utc_now()  # always changes, so every save bumps the version
    row.updated_by = user
    session.flush()
    session.add(PlanChangeRow(plan_id=row.id, version=row.version, changed_by=user, summary=summary))
    return row


def _check_version(row: PlanRow | None, expected: int | None, district: DistrictRow, month: Month) -> None:
    found = row.version if row is not None else None
    if found == expected:
        return
    if row is None:
        raise PlanConflict(
            f"plan {month} of {district.name} no longer exists (you have version {expected}); "
            "reload to see the current state"
        )
    raise _conflict(row, district, month, expected)


def _conflict(row: PlanRow, district: DistrictRow, month: Month, expected: int | None) -> PlanConflict:
    verb = "saved" if expected is None else "changed"
    yours = "none" if expected is None else str(expected)
    who = changed_by(row, district.timezone)
    return PlanConflict(
        f"plan {month} of {district.name} was {verb} by {who} since you opened it "
        f"(version {row.version}, you have {yours}); reload to see their changes"
    )


def _current_conflict(
    db: Database, district_id: int, month: Month, expected: int | None
) -> PlanConflict | None:
    with db.session() as session:
        district = district_row(session, district_id)
        query = select(PlanRow).where(PlanRow.district_id == district.id, PlanRow.month == str(month))
        row = session.scalars(query).one_or_none()
        if row is None or row.version == expected:
            return None
        return _conflict(row, district, month, expected)


def plan_changes(db: Database, district_id: int, month: Month) -> tuple[PlanChange, ...]:
    """Who saved which version of the month's plan, when, and what changed; oldest first."""
    with db.session() as session:
        district = district_row(session, district_id)
        query = (
            select(PlanChangeRow)
            .join(PlanRow)
            .where(PlanRow.district_id == district.id, PlanRow.month == str(month))
            .order_by(PlanChangeRow.id)
        )
        return tuple(
            PlanChange(change.version, change.changed_at, change.changed_by, change.summary)
            for change in session.scalars(query)
        )
