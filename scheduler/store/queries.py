"""Lookups the store's service modules share: a district by id or by name, and people's row ids."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from scheduler.domain.errors import NotFound
from scheduler.store.schema import DistrictPersonRow, DistrictRow, PartnerRow, PersonRow, WalkTypeRow


def find_district(session: Session, name: str) -> DistrictRow | None:
    return session.scalars(select(DistrictRow).where(DistrictRow.name == name)).one_or_none()


def _district_query(load_rules: bool) -> Select[DistrictRow]:
    query = select(DistrictRow)
    if load_rules:
        query = query.options(
            selectinload(DistrictRow.walk_types).selectinload(WalkTypeRow.roles),
            selectinload(DistrictRow.holidays),
        )
    return query


def district_row(session: Session, district_id: int, *, load_rules: bool = False) -> DistrictRow:
    """The district with this id; NotFound if it is gone (deleted by someone else meanwhile)."""
    row = session.scalars(_district_query(load_rules).where(DistrictRow.id == district_id)).one_or_none()
    if row is None:
        raise NotFound(f"the database has no district with id {district_id}", what="district")
    return row


def choose_district(session: Session, name: str | None) -> DistrictRow:
    """The district called `name`; None means the database's only district.

    A database shared by a department may hold several districts, so a missing or ambiguous
    choice is the user's to make: the error lists the names there are.
    """
    if name is not None:
        row = find_district(session, name)
        if row is not None:
            return row
    rows = list(session.scalars(select(DistrictRow).order_by(DistrictRow.name)))
    if name is None and len(rows) == 1:
        return rows[0]
    names = tuple(row.name for row in rows)
    listed = ", ".join(repr(found) for found in names)
    if not rows:
        message = "the database holds no district yet"
    elif name is None:
        message = f"the database holds several districts ({listed}): choose one"
    else:
        message = f"the database has no district {name!r} (it has {listed})"
    raise NotFound(message, what="district", choices=names)


def person_ids(session: Session, district_id: int) -> dict[str, int]:
    """Roster id to row id for everyone in the district, active or not."""
    query = (
        select(PersonRow.external_id, PersonRow.id)
        .join(DistrictPersonRow)
        .where(DistrictPersonRow.district_id == district_id)
    )
    return {external: internal for external, internal in session.execute(query)}


def department_person_ids(session: Session) -> dict[str, int]:
    """Roster id to row id for everyone in the department: a district's plan may name people of
    other districts (a post-incident walk brings investigators and executive staff)."""
    return {
        external: internal
        for external, internal in session.execute(select(PersonRow.external_id, PersonRow.id))
    }


def department_roster_ids(session: Session) -> dict[int, str]:
    """Row id to roster id for everyone in the department: the ids stored walks name people by."""
    return {internal: external for external, internal in department_person_ids(session).items()}


def partner_ids(session: Session, district_id: int) -> dict[str, int]:
    """Partner name to row id for every partner of the district, invited still or not."""
    query = select(PartnerRow.name, PartnerRow.id).where(PartnerRow.district_id == district_id)
    return {name: internal for name, internal in session.execute(query)}
