from __future__ import annotations

import json
from datetime import date

import pytest

from scheduler import actions
from scheduler.actions import (
    Boundary,
    Event,
    Group,
    InputError,
    Landmark,
    MeetingPoint,
    NeighborhoodMap,
    Profile,
    Resource,
    Sector,
)


def ring(*points: tuple[float, float]) -> Boundary:
    return Boundary((((*points, points[0]),),))


def box(west: float, south: float, east: float, north: float) -> Boundary:
    return ring((west, south), (east, south), (east, north), (west, north))


SQUARE = box(-84.21, 39.77, -84.18, 39.79)
NORTH = box(-84.21, 39.78, -84.18, 39.79)
BOWTIE = ring((-84.21, 39.77), (-84.18, 39.79), (-84.18, 39.77), (-84.21, 39.79))
MAP = NeighborhoodMap(
    SQUARE,
    (Sector("North", NORTH),),
    (MeetingPoint("Library steps", 39.785, -84.20, "North"),),
    (Landmark("Water tower", 39.775, -84.19),),
)


def save_map(db, district, neighborhood: NeighborhoodMap) -> int:
    """Save over whatever is stored (read, then save against what was read)."""
    version = actions.neighborhood_map(db, district=district).version
    return actions.save_neighborhood_map(
        db, district=district, neighborhood=neighborhood, expected_version=version, user="alvarez"
    )


def save_profile(db, district, profile: Profile) -> int:
    version = actions.community_profile(db, district=district).version
    return actions.save_community_profile(
        db, district=district, profile=profile, expected_version=version, user="alvarez"
    )


def stored_map(db, district) -> NeighborhoodMap:
    return actions.neighborhood_map(db, district=district).value


def test_a_saved_map_reads_back_whole_and_keeps_the_community_lists(db, district):
    profile = Profile(groups=(Group("Block club", "Ann", "555-0100"),))
    save_profile(db, district, profile)
    save_map(db, district, MAP)
    assert stored_map(db, district) == MAP
    stored = actions.neighborhood_profile(db, district=district)
    assert stored.groups == profile.groups
    assert stored.meeting_points == MAP.meeting_points


def test_a_boundary_that_crosses_itself_is_refused_and_nothing_is_saved(db, district):
    save_map(db, district, MAP)
    with pytest.raises(InputError, match="crosses itself"):
        save_map(db, district, NeighborhoodMap(BOWTIE))
    assert stored_map(db, district) == MAP


def test_a_sector_outside_the_boundary_is_refused_and_one_drawn_across_it_is_clipped(db, district):
    east = box(-84.19, 39.78, -84.17, 39.79)
    outside = NeighborhoodMap(SQUARE, (Sector("East", east),))
    with pytest.raises(InputError, match="sector 'East' reaches outside the boundary"):
        save_map(db, district, outside)
    assert stored_map(db, district) == NeighborhoodMap()
    clipped = actions.clip_to_boundary(SQUARE, east)
    assert clipped is not None
    longitudes = [lon for lon, _ in clipped.polygons[0][0]]
    assert max(longitudes) == pytest.approx(-84.18)
    assert actions.sector_at(MAP, 39.785, -84.20) == "North"
    assert actions.sector_at(MAP, 39.775, -84.20) is None


def test_geojson_export_and_import_round_trip(db, district, tmp_path):
    save_map(db, district, MAP)
    out = tmp_path / "neighborhood.geojson"
    actions.export_neighborhood_map(db, district=district, path=out)
    assert actions.read_neighborhood_file(path=out) == MAP
    # the exported file is still a boundary file for `beatwalk import boundary`
    assert actions.import_boundary(db, district=district, path=out).points == 4


def test_a_bad_geojson_point_names_the_file_and_field(tmp_path):
    path = tmp_path / "bad.geojson"
    feature = {
        "type": "Feature",
        "properties": {"kind": "bench"},
        "geometry": {"type": "Point", "coordinates": [0, 0]},
    }
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    boundary = {"type": "Feature", "properties": {}, "geometry": square}
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": [boundary, feature]}), encoding="utf-8"
    )
    with pytest.raises(InputError) as error:
        actions.read_neighborhood_file(path=path)
    assert str(error.value) == (
        f"{path}, field 'features[1].properties.kind': "
        'a point\'s kind is "bench" (expected meeting_point or landmark)'
    )


def test_streets_are_read_from_lines_and_other_features_are_skipped(tmp_path):
    path = tmp_path / "streets.geojson"
    features = [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
        {
            "type": "Feature",
            "geometry": {"type": "MultiLineString", "coordinates": [[[0, 1], [1, 0]], [[2, 2], [3, 3]]]},
        },
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, 0]}},
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    streets = actions.read_streets(path=path)
    assert len(streets.lines) == 3
    assert streets.skipped == 1
    path.write_text(
        json.dumps({"type": "LineString", "coordinates": [[500000, 4400000], [1, 1]]}), encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"field 'coordinates\[0\]': longitude 500000"):
        actions.read_streets(path=path)


def test_community_lists_are_saved_and_a_nameless_entry_refused(db, district):
    profile = Profile(
        groups=(Group("Block club", "Ann", "555-0100"),),
        events=(Event("Block party", date(2026, 12, 12), "Oak park"),),
        resources=(Resource("Shelter", "housing", "555-0199"),),
    )
    save_profile(db, district, profile)
    stored = actions.neighborhood_profile(db, district=district)
    assert (stored.groups, stored.events, stored.resources) == (
        profile.groups,
        profile.events,
        profile.resources,
    )
    with pytest.raises(InputError, match=r"field 'resources\[1\].name': every entry needs a name"):
        save_profile(db, district, Profile(resources=(Resource(" "),)))
    assert actions.neighborhood_profile(db, district=district).resources == profile.resources


def test_a_save_from_a_version_a_colleague_saved_over_is_a_conflict(db, district):
    opened = actions.neighborhood_map(db, district=district)
    actions.save_neighborhood_map(
        db, district=district, neighborhood=MAP, expected_version=opened.version, user="okafor"
    )
    with pytest.raises(actions.Conflict, match="was changed by okafor"):
        actions.save_neighborhood_map(
            db,
            district=district,
            neighborhood=NeighborhoodMap(),
            expected_version=opened.version,
            user="alvarez",
        )
    with pytest.raises(actions.Conflict, match="was changed by okafor"):
        actions.save_community_profile(
            db, district=district, profile=Profile(), expected_version=opened.version, user="alvarez"
        )
    assert stored_map(db, district) == MAP
