"""A district's partners in the store: who is invited to its post-incident walks.

A partners file is the district's whole list: importing it makes exactly its partners active.
Partners missing from it are kept, marked inactive, never deleted: past walks name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from scheduler.domain import Partner
from scheduler.store.convert import apply_partner, partner_from_row
from scheduler.store.database import Database
from scheduler.store.queries import district_row
from scheduler.store.schema import PartnerRow


@dataclass(frozen=True)
class PartnersImported:
    added: int
    updated: int  # including partners who were inactive and are on the list again
    unchanged: int
    deactivated: int  # on the previous list, missing from this one: kept, no longer invited


def import_partners(
    db: Database, district_id: int, partners: Sequence[Partner], source_file: str
) -> PartnersImported:
    """Make the district's invited partners those of `partners` (matched by name), all or nothing."""
    added = updated = unchanged = deactivated = 0
    with db.import_session(source_file) as session:
        district = district_row(session, district_id)
        query = select(PartnerRow).where(PartnerRow.district_id == district.id)
        rows = {row.name: row for row in session.scalars(query)}
        for partner in partners:
            row = rows.pop(partner.name, None)
            if row is None:
                session.add(apply_partner(PartnerRow(district_id=district.id), partner))
                added += 1
            elif row.active and partner_from_row(row) == partner:
                unchanged += 1
            else:
                apply_partner(row, partner)
                updated += 1
        for row in rows.values():
            if row.active:
                row.active = False
                deactivated += 1
        session.flush()
    return PartnersImported(added, updated, unchanged, deactivated)


def active_partners(db: Database, district_id: int) -> tuple[Partner, ...]:
    """The partners the district invites now, in the order they were first imported (the order a
    walk lists them in)."""
    with db.session() as session:
        district = district_row(session, district_id)
        query = (
            select(PartnerRow)
            .where(PartnerRow.district_id == district.id, PartnerRow.active)
            .order_by(PartnerRow.id)
        )
        return tuple(partner_from_row(row) for row in session.scalars(query))
