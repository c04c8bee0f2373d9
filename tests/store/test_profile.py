"""The neighborhood profile in the store: round trip, replaced as a whole, sectors checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler import actions
from scheduler.domain.errors import InputError
from scheduler.domain.neighborhood import Profile
from scheduler.formats.profile import load_profile
from scheduler.store import DistrictRef
from scheduler.store.profile import load_profile as stored_profile
from scheduler.store.schema import NeighborhoodRow, SectorRow

DEMO = Path(__file__).parents[2] / "resources" / "demo" / "profile.toml"
DISTRICT = DistrictRef(1, "District")


def test_the_demo_profile_round_trips_and_a_new_import_replaces_it(district_db, tmp_path):
    db = district_db
    assert actions.neighborhood_profile(db, district=DISTRICT) == Profile()
    imported = actions.import_profile(db, district=DISTRICT, path=DEMO)
    assert not imported.replaced
    assert actions.neighborhood_profile(db, district=DISTRICT) == load_profile(DEMO)
    smaller = tmp_path / "smaller.toml"
    smaller.write_text('[[groups]]\nname = "Block watch"\n', encoding="utf-8")
    assert actions.import_profile(db, district=DISTRICT, path=smaller).replaced
    assert stored_profile(db, DISTRICT.id) == load_profile(smaller)


def test_a_bad_file_changes_nothing(district_db, tmp_path):
    db = district_db
    actions.import_profile(db, district=DISTRICT, path=DEMO)
    bad = tmp_path / "bad.toml"
    bad.write_text(
        DEMO.read_text(encoding="utf-8") + '\n[[landmarks]]\nname = "x"\nlatitude = 100\nlongitude = 0\n'
    )
    with pytest.raises(InputError, match=r"landmarks\[4\]\.latitude"):
        actions.import_profile(db, district=DISTRICT, path=bad)
    assert stored_profile(db, DISTRICT.id) == load_profile(DEMO)


def test_sectors_must_be_the_stored_boundarys(district_db):
    db = district_db
    with db.session(write=True) as session:
        session.add(NeighborhoodRow(district_id=1, name="Eastside", sectors=[SectorRow(name="North")]))
    with pytest.raises(InputError) as error:
        actions.import_profile(db, district=DISTRICT, path=DEMO)
    assert error.value.field == "meeting_points[3].sector"
    assert stored_profile(db, DISTRICT.id) == Profile()
