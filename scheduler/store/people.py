"""People in the store: the roster import, edits to one person, and who is on which roster.

People belong to the department, linked to each district whose roster names them; the link says
whether they are active there and where they stand on its roster. An edit of one person is checked
against the version it was made from (`versions.checked_save`); a roster import overwrites on
purpose and moves the versions of the people it changes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from scheduler.domain import Person, Unit
from scheduler.domain.errors import Conflict, InputError, NotFound
from scheduler.store.convert import apply_person, person_from_row
from scheduler.store.database import Database
from scheduler.store.queries import district_row
from scheduler.store.schema import DistrictPersonRow, DistrictRow, PersonRow
from scheduler.store.versions import Saving, changed_by, checked_save, touch


class PersonConflict(Conflict):
    """Someone else saved the person after they were loaded; the message says who and when."""


@dataclass(frozen=True)
class RosterEntry:
    """A person as the district's roster has them: whether they are on its current roster, and
    the version to save an edit of them against."""

    person: Person
    active: bool
    version: int


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int  # including people who were inactive and are on the roster again
    unchanged: int
    deactivated: int  # on the previous roster, missing from this one: kept, marked inactive
    districts: tuple[str, ...] = ()  # the districts whose rosters the import set


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
    with db.import_session(source_file) as session:
        rosters = _district_rosters(session, district_id, people, source_file, districts or {}, rows or {})
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
                    touch(row, None)  # on purpose, by nobody known: an editor's older version is stale
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


def update_person(db: Database, district_id: int, person: Person, expected_version: int, user: str) -> int:
    """Save one person's edited values (matched by roster id) if their version is still
    `expected_version` (PersonConflict otherwise, nothing written); returns the new version. Their
    place on each district's roster and whether they are active there stay (they live on the
    district's link)."""

    def find(session: Session, lock: bool) -> PersonRow | None:
        district = district_row(session, district_id)
        query = (
            select(PersonRow)
            .join(DistrictPersonRow)
            .where(DistrictPersonRow.district_id == district.id, PersonRow.external_id == person.id)
            .options(selectinload(PersonRow.leave))
        )
        row = session.scalars(query.with_for_update(of=PersonRow) if lock else query).one_or_none()
        if row is None:
            raise NotFound(
                f"{district.name} has no person with id {person.id!r}", what="person", key=person.id
            )
        return row

    def conflict(session: Session, row: PersonRow | None) -> PersonConflict:
        timezone = district_row(session, district_id).timezone
        name = person.name if row is None else row.name
        by = "someone else" if row is None else changed_by(row, timezone)
        return PersonConflict(
            f"{name}'s record was changed by {by} since you opened it; reload to see their changes"
        )

    saving: Saving[PersonRow] = Saving(find, conflict, f"{person.name}'s record")
    return checked_save(db, saving, expected_version, user, lambda _, row: apply_person(row, person))


def roster_entries(db: Database, district_id: int) -> tuple[RosterEntry, ...]:
    """Everyone the district ever had, active first, with their versions: what the People page
    shows and edits."""
    with db.session() as session:
        district = district_row(session, district_id)
        query = (
            select(PersonRow, DistrictPersonRow.active)
            .join(DistrictPersonRow)
            .where(DistrictPersonRow.district_id == district.id)
            .options(selectinload(PersonRow.leave))
            .order_by(DistrictPersonRow.active.desc(), DistrictPersonRow.position, PersonRow.external_id)
        )
        return tuple(
            RosterEntry(person_from_row(row), active, row.version) for row, active in session.execute(query)
        )


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
