"""The Neighborhood page's operations: the map (boundary, sectors, meeting points, landmarks) and
the profile's community lists, each saved whole by one call, so that an undo step is "save what
was there before"; GeoJSON in and out; the streets and incidents the map shows under it.

Every save checks first and changes nothing when it refuses: a boundary that crosses itself, a
sector outside it, a group without a name, or an edit made on a version a colleague has saved over
since (NeighborhoodConflict: each read returns the version to pass back). The checks are also
offered alone, so the app can refuse an edit at once and save it on a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scheduler.domain.errors import InputError
from scheduler.domain.neighborhood import Profile
from scheduler.formats.files import write_atomically
from scheduler.formats.neighborhood_map import NeighborhoodMap, check_map, read_map, to_feature_collection
from scheduler.formats.streets import Streets
from scheduler.formats.streets import read_streets as _read_streets
from scheduler.formats.text import unprintable
from scheduler.store import Database, DistrictRef
from scheduler.store.neighborhood_map import incident_locations as _incident_locations
from scheduler.store.neighborhood_map import load_map, save_map, stored_map
from scheduler.store.profile import save_community, stored_profile
from scheduler.store.versions import Versioned

PROFILE = "the neighborhood profile"  # names the page's tables (not a file) in messages


def neighborhood_map(db: Database, *, district: DistrictRef) -> Versioned[NeighborhoodMap]:
    """The district's map as stored (empty until a boundary is drawn or imported), with its version."""
    return stored_map(db, district.id)


def check_neighborhood_map(neighborhood: NeighborhoodMap) -> None:
    """InputError naming what is wrong with the map (the save's own check, without saving)."""
    check_map(neighborhood)


def save_neighborhood_map(
    db: Database,
    *,
    district: DistrictRef,
    neighborhood: NeighborhoodMap,
    expected_version: int | None,
    user: str,
) -> int:
    """Make the map the district's, after checking it; the profile's other lists stay as stored.
    `expected_version` is the version the edited map was read at (None: nothing was stored);
    returns the new version."""
    check_map(neighborhood)
    return save_map(db, district.id, neighborhood, expected_version, user)


def read_neighborhood_file(*, path: Path) -> NeighborhoodMap:
    """Read and check a GeoJSON map file, saving nothing (the page saves it as one undoable step)."""
    return read_map(path)


def export_neighborhood_map(db: Database, *, district: DistrictRef, path: Path) -> NeighborhoodMap:
    """Write the stored map as GeoJSON (all or nothing); returns what was written."""
    if not path.parent.is_dir():
        raise InputError(str(path), f"folder {path.parent} does not exist")
    neighborhood = load_map(db, district.id)
    try:
        write_atomically(path, to_feature_collection(neighborhood))
    except OSError as error:
        raise InputError(str(path), f"cannot be written ({error.strerror or error})") from None
    return neighborhood


def read_streets(*, path: Path) -> Streets:
    """The streets of a GeoJSON file, to show under the map (not stored)."""
    return _read_streets(path)


def incident_locations(db: Database, *, district: DistrictRef) -> tuple[tuple[float, float], ...]:
    """(latitude, longitude) of every stored incident that has them."""
    return _incident_locations(db, district.id)


def community_profile(db: Database, *, district: DistrictRef) -> Versioned[Profile]:
    """The district's neighborhood profile with the version to save an edit of it against."""
    return stored_profile(db, district.id)


def save_community_profile(
    db: Database, *, district: DistrictRef, profile: Profile, expected_version: int | None, user: str
) -> int:
    """Make the profile's groups, events and resources the district's; its meeting points and
    landmarks are the map's business and stay as stored. Returns the new version."""
    check_community_profile(profile)
    return save_community(db, district.id, profile, expected_version, user)


def check_community_profile(profile: Profile) -> None:
    """InputError naming the first entry without a name, with a name used twice, or with text
    that cannot be printed."""
    _check_names(PROFILE, "groups", [group.name for group in profile.groups])
    _check_names(PROFILE, "events", [event.name for event in profile.events])
    _check_names(PROFILE, "resources", [resource.name for resource in profile.resources])
    for section, texts in (
        ("groups", [(group.contact, group.phone) for group in profile.groups]),
        ("events", [(event.place,) for event in profile.events]),
        ("resources", [(resource.service, resource.phone) for resource in profile.resources]),
    ):
        for index, values in enumerate(texts, start=1):
            for value in values:
                problem = unprintable(value)
                if problem:
                    raise InputError(PROFILE, f"{value[:20]!r} {problem}", field=f"{section}[{index}]")


def _check_names(source: str, section: str, names: Sequence[str]) -> None:
    seen: set[str] = set()
    for index, name in enumerate(names, start=1):
        field = f"{section}[{index}].name"
        if not name.strip():
            raise InputError(source, "every entry needs a name", field=field)
        problem = unprintable(name)
        if problem:
            raise InputError(source, f"the name {problem}", field=field)
        if name.strip().casefold() in seen:
            raise InputError(source, f"the name {name!r} is used twice (names must be unique)", field=field)
        seen.add(name.strip().casefold())
