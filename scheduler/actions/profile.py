"""The neighborhood's own facts: importing its profile, and reading it for reports and planning."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scheduler.domain.neighborhood import Profile
from scheduler.formats.profile import load_profile
from scheduler.store import Database, DistrictRef
from scheduler.store.profile import load_profile as _stored_profile
from scheduler.store.profile import save_profile, sector_names


@dataclass(frozen=True)
class ProfileImported:
    profile: Profile
    replaced: bool  # False: the district had no profile before


def import_profile(db: Database, *, district: DistrictRef, path: Path) -> ProfileImported:
    """Make the TOML file's profile the district's, all or nothing; sectors must be the stored
    boundary's, if it has any."""
    profile = load_profile(path, sector_names(db, district.id))
    return ProfileImported(profile, save_profile(db, district.id, profile, str(path)))


def neighborhood_profile(db: Database, *, district: DistrictRef) -> Profile:
    """The district's neighborhood profile (empty until one is imported)."""
    return _stored_profile(db, district.id)
