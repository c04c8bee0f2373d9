"""The store's service layer: what the command line and the app ask of the database.

Each function is one unit of work in its own short session, takes and returns plain domain values
(`scheduler.model`), and either does all of its job or nothing. Users' mistakes raise InputError
(one line, as for a bad file); a save based on an outdated plan raises PlanConflict.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from scheduler.domain import District, Month, Person, Plan, Unit, Walk
from scheduler.domain.errors import Conflict, InputError, NotFound, StoreError
from scheduler.domain.incidents import POST_INCIDENT
from scheduler.domain.sequence import next_sequence
from scheduler.store.convert import (
    apply_district,
    apply_holidays,
    apply_person,
    apply_quality,
    apply_walk_type,
    district_from_row,
    person_from_row,
    plan_from_row,
    shortfall_row,
    walk_from_row,
)
from scheduler.store.database import Database, first_line
from scheduler.store.queries import (
    choose_district,
    department_person_ids,
    district_row,
    partner_ids,
)
from scheduler.store.queries import find_district as find_district_row
from scheduler.store.schema import (
    DistrictPersonRow,
    DistrictRow,
    PersonRow,
    PlanChangeRow,
    PlanRow,
    WalkParticipantRow,
    WalkPartnerRow,
    WalkRow,
    WalkTypeRow,
    utc_now,
)


class PlanConflict(Conflict):
    """Someone else saved the plan after it was loaded; the message says who, when, what to do."""


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


@dataclass(frozen=True)
class StoredPlan:
    """A month's plan as stored: pass `version` back when saving, so a colleague's save in
    between is noticed instead of overwritten."""

    plan: Plan
    version: int
    saved_by: str
    saved_at: datetime  # UTC


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int  # including people who were inactive and are on the roster again
    unchanged: int
    deactivated: int  # on the previous roster, missing from this one: kept, marked inactive
    districts: tuple[str, ...] = ()  # the districts whose rosters the import set


@dataclass(frozen=True)
class PlanChange:
    version: int
    changed_at: datetime  # UTC
    changed_by: str
    summary: str


# --- Districts ------------------------------------------------------------------------------------


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


# --- People ---------------------------------------------------------------------------------------


def import_roster(
    db: Database,
    district_id: int | None,
    people: Sequence[Person],
    source_file: str,
    *,
    districts: Mapping[str, Sequence[str]] | None = None,
    rows: Mapping[str, int] | None = None,
    deactivate_most: bool = False,
) -> ImportSummary:
    """Make the district's people those of the roster, all or nothing.

    People belong to the department: one person per roster id, whichever district's roster names
    them, so a person two districts share is one person in both of their plans. A known id is
    updated, a new one added, and each is linked to the district (`districts` names others by
    person id, from a department-wide roster's `districts` column; a person it gives none joins
    `district_id`). People missing from the roster of a district it sets are marked inactive
    there, never deleted (plans and logs refer to them). A roster that would make more than half of
    a district's active people inactive is most likely the wrong file or a part of one, so it is
    refused unless `deactivate_most` says it is meant. `rows` gives each person's row in the file,
    for messages.
    """
    _check_unique_ids(people, source_file)
    try:
        with db.session(write=True) as session:
            rosters = _district_rosters(
                session, district_id, people, source_file, districts or {}, rows or {}
            )
            query = (
                select(PersonRow)
                .where(PersonRow.external_id.in_([person.id for person in people]))
                .options(selectinload(PersonRow.leave))
            )
            known = {row.external_id: row for row in session.scalars(query)}
            counts: Counter[str] = Counter()
            for target, members in rosters.items():
                linked = _links(session, target.id)
                active_before = sum(1 for link in linked.values() if link.active)
                for position, person in members:
                    row = known.get(person.id)
                    changed = row is None or person_from_row(row) != person
                    if row is None:
                        row = known[person.id] = PersonRow()
                        session.add(row)
                    if changed:
                        apply_person(row, person)
                    link = linked.pop(person.id, None)
                    if link is None:
                        session.add(DistrictPersonRow(district=target, person=row, position=position))
                        counts["added"] += 1
                        continue
                    counts["updated" if changed or not link.active else "unchanged"] += 1
                    link.position, link.active = position, True  # a new place is not worth reporting
                deactivated = 0
                for link in linked.values():
                    if link.active:
                        link.active = False
                        deactivated += 1
                _check_deactivation(deactivated, active_before, source_file, deactivate_most, target.name)
                counts["deactivated"] += deactivated
            session.flush()
    except IntegrityError as error:
        raise InputError(
            source_file, f"nothing was imported: the database refused a value ({first_line(error)})"
        ) from None
    return ImportSummary(
        counts["added"],
        counts["updated"],
        counts["unchanged"],
        counts["deactivated"],
        tuple(target.name for target in rosters),
    )


def _district_rosters(
    session: Session,
    district_id: int | None,
    people: Sequence[Person],
    source_file: str,
    districts: Mapping[str, Sequence[str]],
    rows: Mapping[str, int],
) -> dict[DistrictRow, list[tuple[int, Person]]]:
    """Each district the roster sets, with its people (and their place in the file): those its
    `districts` column names, and the chosen one for rows that name none. A file that names
    districts sets the chosen one only if some row joins it, so that its roster is not emptied by
    mistake; a file without the column (even one without rows) sets the chosen district."""
    chosen = district_row(session, district_id) if district_id is not None else None
    by_name = {row.name: row for row in session.scalars(select(DistrictRow))}
    rosters: dict[DistrictRow, list[tuple[int, Person]]] = {}
    if chosen is not None and not any(districts.values()):
        rosters[chosen] = []
    for position, person in enumerate(people):
        names = districts.get(person.id, ())
        row = rows.get(person.id, position + 2)
        unknown = [name for name in names if name not in by_name]
        if unknown:
            listed = ", ".join(repr(name) for name in sorted(by_name))
            message = f"names district {unknown[0]!r}, which the database does not hold (it has {listed})"
            raise InputError(source_file, message, row=row, field="districts")
        targets = [by_name[name] for name in names] or ([chosen] if chosen else [])
        if not targets:
            message = "names no district: fill the districts column or choose a district (--district)"
            raise InputError(source_file, message, row=row, field="districts")
        for target in targets:
            rosters.setdefault(target, []).append((position, person))
    return rosters


def _links(session: Session, district_id: int) -> dict[str, DistrictPersonRow]:
    """The district's roster links by roster id, their people's leave loaded."""
    query = (
        select(DistrictPersonRow)
        .where(DistrictPersonRow.district_id == district_id)
        .options(selectinload(DistrictPersonRow.person).selectinload(PersonRow.leave))
    )
    return {link.person.external_id: link for link in session.scalars(query)}


def _check_deactivation(
    deactivated: int, active_before: int, source_file: str, meant: bool, district: str
) -> None:
    """More than half of the active people missing from a roster is most likely a wrong or cut file."""
    if deactivated * 2 > active_before and not meant:
        raise Conflict(
            f"{source_file}: would make {deactivated} of the district's {active_before} active people "
            f"inactive in {district} (they are missing from this file); nothing was imported"
        )


def _check_unique_ids(people: Sequence[Person], source_file: str) -> None:
    seen: set[str] = set()
    for index, person in enumerate(people):
        if person.id in seen:
            message = f"id {person.id!r} appears twice (ids must be unique)"
            raise InputError(source_file, message, row=index + 2, field="id")
        seen.add(person.id)


def update_person(db: Database, district_id: int, person: Person) -> None:
    """Save one person's edited values (matched by roster id); their place on each district's
    roster and whether they are active there stay (they live on the district's link)."""
    with db.session(write=True) as session:
        district = district_row(session, district_id)
        query = (
            select(PersonRow)
            .join(DistrictPersonRow)
            .where(DistrictPersonRow.district_id == district.id, PersonRow.external_id == person.id)
            .options(selectinload(PersonRow.leave))
        )
        row = session.scalars(query).one_or_none()
        if row is None:
            raise NotFound(
                f"{district.name} has no person with id {person.id!r}", what="person", key=person.id
            )
        apply_person(row, person)
        session.flush()


def active_people(db: Database, district_id: int) -> tuple[Person, ...]:
    """The people on the district's current roster, in the roster's order (the planner's input)."""
    return _people(db, district_id, active_only=True)


def all_people(db: Database, district_id: int) -> tuple[Person, ...]:
    """Everyone the district ever had, active first: old plans and logs name inactive people too."""
    return _people(db, district_id, active_only=False)


def _people(db: Database, district_id: int, *, active_only: bool) -> tuple[Person, ...]:
    with db.session() as session:
        district = district_row(session, district_id)
        query = (
            select(PersonRow)
            .join(DistrictPersonRow)
            .where(DistrictPersonRow.district_id == district.id)
            .options(selectinload(PersonRow.leave))
            .order_by(DistrictPersonRow.active.desc(), DistrictPersonRow.position, PersonRow.external_id)
        )
        if active_only:
            query = query.where(DistrictPersonRow.active)
        return tuple(person_from_row(row) for row in session.scalars(query))


# --- Plans ----------------------------------------------------------------------------------------


def load_plan(db: Database, district_id: int, month: Month) -> StoredPlan | None:
    """The stored plan of `month` with its version (pass it back to save_plan), or None."""
    with db.session() as session:
        district = district_row(session, district_id)
        row = session.scalars(_plan_query(district.id, month)).one_or_none()
        if row is None:
            return None
        external = {internal: external for external, internal in department_person_ids(session).items()}
        return stored_plan(row, external)


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
        external = {internal: external for external, internal in department_person_ids(session).items()}
        found = []
        for plan in session.scalars(query):
            zone = ZoneInfo(plan.timezone)
            for row in plan.walks:
                walk = walk_from_row(row, external, zone, with_partners=False)
                found.append(replace(walk, id=f"{plan.district.name}:{walk.id}"))
        return tuple(found)


def department_people(db: Database, district_id: int, units: Collection[Unit]) -> tuple[Person, ...]:
    """The people of `units` on the current roster of another district but not of this one, in
    roster id order: those a post-incident walk may bring from across the department."""
    with db.session() as session:
        district = district_row(session, district_id)
        ours = select(DistrictPersonRow.person_id).where(DistrictPersonRow.district_id == district.id)
        query = (
            select(PersonRow)
            .join(DistrictPersonRow)
            .where(
                DistrictPersonRow.active,
                PersonRow.unit.in_([unit.value for unit in units]),
                PersonRow.id.not_in(ours),
            )
            .options(selectinload(PersonRow.leave))
            .order_by(PersonRow.external_id)
            .distinct()
        )
        return tuple(person_from_row(row) for row in session.scalars(query))


def stored_plan(row: PlanRow, external_ids: Mapping[int, str]) -> StoredPlan:
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
    summary = _store_walks(row, plan, ids, partners, source)
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
    when = row.updated_at.astimezone(ZoneInfo(district.timezone)).strftime("%Y-%m-%d %H:%M %Z")
    verb = "saved" if expected is None else "changed"
    yours = "none" if expected is None else str(expected)
    return PlanConflict(
        f"plan {month} of {district.name} was {verb} by {row.updated_by} at {when} since you opened it "
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


def _store_walks(
    row: PlanRow, plan: Plan, person_ids: Mapping[str, int], partner_ids: Mapping[str, int], source: str
) -> str:
    """Sync the plan's walks onto `row.walks` by walk id, touching only what changed (walk logs
    point at walk rows, so an unchanged walk keeps its row), raising the calendar sequence of each
    walk whose time, place or people changed. Returns a summary of the change."""
    _check_people(plan, person_ids)
    _check_partners(plan, partner_ids)
    external = {internal: external for external, internal in person_ids.items()}
    zone = ZoneInfo(plan.timezone)
    existing = {walk.key: walk for walk in row.walks}
    rows, added, changed = [], 0, 0
    for position, walk in enumerate(plan.walks):
        walk_row = existing.pop(walk.id, None)
        before = None if walk_row is None else walk_from_row(walk_row, external, zone)
        walk = replace(walk, sequence=next_sequence(before, walk))
        if walk_row is None:
            walk_row = WalkRow(key=walk.id)
            added += 1
        elif before == walk:
            walk_row.position = position
            rows.append(walk_row)
            continue
        else:
            changed += 1
        _apply_walk(walk_row, walk, position, person_ids, partner_ids, source)
        rows.append(walk_row)
    row.walks = rows
    return f"{len(plan.walks)} walks: {added} added, {changed} changed, {len(existing)} removed"


def _apply_walk(
    row: WalkRow,
    walk: Walk,
    position: int,
    person_ids: Mapping[str, int],
    partner_ids: Mapping[str, int],
    source: str,
) -> None:
    row.position = position
    row.type = walk.type
    row.start = walk.start
    row.minutes = walk.minutes
    row.coordinator_id = person_ids[walk.coordinator]
    row.locked = walk.locked
    row.sequence = walk.sequence
    row.meeting_point = walk.meeting_point
    row.source = POST_INCIDENT if walk.type == POST_INCIDENT else source
    # Reuse participant rows by person: a new row with the same key would be inserted before
    # the old one is deleted.
    current = {item.person_id: item for item in row.participants}
    items = []
    for index, person in enumerate(walk.participants):
        item = current.pop(person_ids[person], None) or WalkParticipantRow(person_id=person_ids[person])
        item.position = index
        item.called_in = person in walk.called_in
        items.append(item)
    row.participants = items
    invited = {item.partner_id: item for item in row.partners}
    wanted = sorted(partner_ids[name] for name in walk.partners)  # the order they are read back in
    row.partners = [invited.get(pid) or WalkPartnerRow(partner_id=pid) for pid in wanted]


def _check_people(plan: Plan, person_ids: Mapping[str, int]) -> None:
    for index, walk in enumerate(plan.walks):
        for person in (walk.coordinator, *walk.participants):
            if person not in person_ids:
                raise InputError(
                    f"plan {plan.month}",
                    f"walk {walk.id} names {person!r}, who is not in the department",
                    field=f"walks[{index}]",
                )


def _check_partners(plan: Plan, partner_ids: Mapping[str, int]) -> None:
    for index, walk in enumerate(plan.walks):
        for name in walk.partners:
            if name not in partner_ids:
                raise InputError(
                    f"plan {plan.month}",
                    f"walk {walk.id} invites {name!r}, who is not among the district's partners",
                    field=f"walks[{index}]",
                )


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
