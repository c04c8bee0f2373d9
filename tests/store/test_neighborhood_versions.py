"""Two people editing one neighborhood: each save names the version it was made from, and a save
made from a version someone saved over since is refused with who and when, changing nothing.
Migration 0009 gives neighborhoods saved before it version 1."""

from __future__ import annotations

import json

import pytest

from scheduler.domain.neighborhood import Group, Profile
from scheduler.formats.boundary import parse_boundary
from scheduler.formats.neighborhood_map import NeighborhoodMap, Sector
from scheduler.store import open_database
from scheduler.store.database import run_migrations
from scheduler.store.neighborhood import save_boundary
from scheduler.store.neighborhood_map import save_map, stored_map
from scheduler.store.neighborhood_saves import NeighborhoodConflict
from scheduler.store.profile import save_community, stored_profile
from scheduler.store.versions import Versioned
from tests.store.conftest import DISTRICT, _with_district, sqlite_url


def box(west: float, south: float, east: float, north: float):
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return parse_boundary(json.dumps({"type": "Polygon", "coordinates": [ring]}), "test")


SQUARE = box(-84.21, 39.77, -84.18, 39.79)
MINE = NeighborhoodMap(SQUARE, (Sector("North", box(-84.21, 39.78, -84.18, 39.79)),))
THEIRS = NeighborhoodMap(box(-84.22, 39.76, -84.17, 39.80))
CLUB = Profile(groups=(Group("Oak Street Block Club", "Ann", "555-0100"),))


def test_the_second_of_two_saves_from_the_same_version_is_refused_and_changes_nothing(district_db):
    assert stored_map(district_db, DISTRICT) == Versioned(NeighborhoodMap(), None)  # nothing stored
    first = save_map(district_db, DISTRICT, MINE, None, "alvarez")
    assert stored_map(district_db, DISTRICT) == Versioned(MINE, first)

    # both windows opened the map at `first`; the colleague saves, then this one tries
    second = save_map(district_db, DISTRICT, THEIRS, first, "okafor")
    assert second == first + 1
    with pytest.raises(NeighborhoodConflict) as refused:
        save_map(district_db, DISTRICT, NeighborhoodMap(), first, "alvarez")
    message = str(refused.value)
    assert message.startswith("the neighborhood of ")
    assert "was changed by okafor at " in message and message.endswith("reload to see their changes")
    assert stored_map(district_db, DISTRICT).value == THEIRS
    assert stored_map(district_db, DISTRICT).version == second


def test_a_first_save_is_refused_when_someone_saved_first(district_db):
    save_map(district_db, DISTRICT, THEIRS, None, "okafor")
    with pytest.raises(NeighborhoodConflict, match="changed by okafor"):
        save_map(district_db, DISTRICT, MINE, None, "alvarez")
    assert stored_map(district_db, DISTRICT).value == THEIRS


def test_the_profile_and_the_map_share_the_version_and_an_import_moves_it_on(district_db):
    version = save_community(district_db, DISTRICT, CLUB, None, "alvarez")
    assert stored_profile(district_db, DISTRICT).version == version
    version = save_map(district_db, DISTRICT, MINE, version, "alvarez")
    with pytest.raises(NeighborhoodConflict):
        save_community(district_db, DISTRICT, Profile(), version - 1, "alvarez")
    assert stored_profile(district_db, DISTRICT).value.groups == CLUB.groups

    save_boundary(district_db, DISTRICT, THEIRS.boundary)  # `beatwalk import boundary`: on purpose
    with pytest.raises(NeighborhoodConflict, match="changed by someone else at "):
        save_map(district_db, DISTRICT, MINE, version, "alvarez")
    assert stored_map(district_db, DISTRICT).value.boundary == THEIRS.boundary


def test_a_database_at_0008_with_a_neighborhood_gets_version_1_and_keeps_it(tmp_path):
    path = tmp_path / "beatwalk.sqlite3"
    db = open_database(sqlite_url(path))
    _with_district(db)
    version = save_map(db, DISTRICT, MINE, None, "alvarez")
    save_community(db, DISTRICT, CLUB, version, "alvarez")
    run_migrations(db.engine, "downgrade", "0008")  # what Beatwalk before versions left
    db.close()

    db = open_database(sqlite_url(path))
    try:
        stored = stored_map(db, DISTRICT)
        assert (stored.value, stored.version) == (MINE, 1)
        assert stored_profile(db, DISTRICT).value.groups == CLUB.groups
        with pytest.raises(NeighborhoodConflict, match="changed by someone else since you opened it"):
            save_map(db, DISTRICT, THEIRS, None, "okafor")  # who and when are not known
        assert save_map(db, DISTRICT, THEIRS, 1, "okafor") == 2
        run_migrations(db.engine, "downgrade", "0008")
        run_migrations(db.engine, "upgrade", "head")
        assert stored_map(db, DISTRICT) == Versioned(THEIRS, 1)
    finally:
        db.close()
