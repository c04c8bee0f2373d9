"""The district's partners: people outside the agency invited to every post-incident walk."""

from __future__ import annotations

from pathlib import Path

from scheduler.domain import Partner
from scheduler.formats.partners import load_partners
from scheduler.store import Database, DistrictRef
from scheduler.store.partners import PartnersImported, active_partners
from scheduler.store.partners import import_partners as _import_partners


def import_partners(db: Database, *, district: DistrictRef, path: Path) -> PartnersImported:
    """Make the district's invited partners those of the file (matched by name): new ones added,
    known ones updated, the ones missing from the file no longer invited (kept: past walks name
    them). A bad row stops the import with nothing changed."""
    return _import_partners(db, district.id, load_partners(path), str(path))


def district_partners(db: Database, *, district: DistrictRef) -> tuple[Partner, ...]:
    """The partners the district invites to its post-incident walks now."""
    return active_partners(db, district.id)
