"""The neighborhood boundary: what GeoJSON is accepted, what is refused and how, and point-in-polygon."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.domain.errors import InputError
from scheduler.formats.boundary import (
    Boundary,
    contains,
    is_outside,
    parse_boundary,
    read_boundary,
    to_geojson,
)

# A block in Dayton, Ohio, with a square hole (a park) in the middle; [longitude, latitude].
OUTER = [[-84.21, 39.77], [-84.18, 39.77], [-84.18, 39.79], [-84.21, 39.79], [-84.21, 39.77]]
HOLE = [[-84.20, 39.775], [-84.19, 39.775], [-84.19, 39.785], [-84.20, 39.785], [-84.20, 39.775]]
EAST = [[-84.17, 39.77], [-84.16, 39.77], [-84.16, 39.78], [-84.17, 39.77]]


def polygon(*rings: list[list[float]]) -> dict:
    return {"type": "Polygon", "coordinates": list(rings)}


def feature(geometry: dict | None) -> dict:
    return {"type": "Feature", "properties": {"name": "Five Oaks"}, "geometry": geometry}


def parse(data: object) -> Boundary:
    return parse_boundary(json.dumps(data), "hood.geojson")


def refused(data: object) -> InputError:
    with pytest.raises(InputError) as error:
        parse(data)
    assert "\n" not in str(error.value)
    return error.value


def as_tuples(ring: list[list[float]]) -> tuple[tuple[float, float], ...]:
    return tuple((lon, lat) for lon, lat in ring)


# --- Accepted -------------------------------------------------------------------------------------


def test_a_polygon_with_a_hole():
    boundary = parse(polygon(OUTER, HOLE))
    assert boundary == Boundary(((as_tuples(OUTER), as_tuples(HOLE)),))


def test_a_multipolygon():
    boundary = parse({"type": "MultiPolygon", "coordinates": [[OUTER, HOLE], [EAST]]})
    assert len(boundary.polygons) == 2
    assert boundary.polygons[1] == (as_tuples(EAST),)


def test_a_feature_and_a_collection_with_one_polygon_feature_beside_points():
    expected = parse(polygon(OUTER))
    assert parse(feature(polygon(OUTER))) == expected
    landmark = feature({"type": "Point", "coordinates": [-84.2, 39.78]})
    collection = {"type": "FeatureCollection", "features": [landmark, feature(polygon(OUTER)), feature(None)]}
    assert parse(collection) == expected


def test_altitudes_are_dropped_and_repeated_points_are_harmless():
    ring = [[-84.21, 39.77, 230.0], [-84.18, 39.77, 231], [-84.18, 39.77], [-84.18, 39.79], [-84.21, 39.77]]
    boundary = parse(polygon(ring))
    assert boundary.polygons[0][0][0] == (-84.21, 39.77)


def test_a_bom_and_a_wgs84_crs_are_accepted(tmp_path):
    path = tmp_path / "hood.geojson"
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    path.write_text("\ufeff" + json.dumps(polygon(OUTER) | {"crs": crs}), encoding="utf-8")
    assert read_boundary(path) == parse(polygon(OUTER))


def test_the_stored_form_reads_back_equal():
    for data in (polygon(OUTER, HOLE), {"type": "MultiPolygon", "coordinates": [[OUTER, HOLE], [EAST]]}):
        boundary = parse(data)
        assert parse_boundary(to_geojson(boundary), "stored") == boundary
    assert json.loads(to_geojson(parse(polygon(OUTER))))["type"] == "Polygon"


def test_a_detailed_boundary_is_checked_quickly():
    """A city GIS export can have thousands of points: the crossing check must not compare them all."""
    points = 4000
    ring = [
        [-84.2 + 0.01 * math.cos(2 * math.pi * i / points), 39.78 + 0.01 * math.sin(2 * math.pi * i / points)]
        for i in range(points)
    ]
    boundary = parse(polygon([*ring, ring[0]]))
    assert contains(boundary, 39.78, -84.2)


# --- Refused --------------------------------------------------------------------------------------


def test_a_bow_tie_is_refused_naming_the_edges_that_cross():
    bow_tie = [[-84.21, 39.77], [-84.18, 39.79], [-84.18, 39.77], [-84.21, 39.79], [-84.21, 39.77]]
    error = refused({"type": "FeatureCollection", "features": [feature(polygon(bow_tie))]})
    assert error.field == "features[0].geometry.coordinates[0]"
    assert (
        error.message
        == "the outer ring crosses itself: its edge from point 1 to 2 meets its edge from point 3 to 4"
    )


def test_a_crossing_hole_in_a_second_polygon_is_named_so():
    hole = [[-84.168, 39.771], [-84.162, 39.772], [-84.168, 39.772], [-84.162, 39.771], [-84.168, 39.771]]
    error = refused({"type": "MultiPolygon", "coordinates": [[OUTER], [EAST, hole]]})
    assert error.field == "coordinates[1][1]"
    assert error.message.startswith("hole 1 of polygon 2 crosses itself")


def test_point_numbers_are_those_of_the_file_even_after_a_repeated_point():
    bow_tie = [
        [-84.21, 39.77],
        [-84.21, 39.77],
        [-84.18, 39.79],
        [-84.18, 39.77],
        [-84.21, 39.79],
        [-84.21, 39.77],
    ]
    assert "edge from point 2 to 3 meets its edge from point 4 to 5" in refused(polygon(bow_tie)).message


@pytest.mark.parametrize(
    ("ring", "expected"),
    [
        # a ring that touches itself at one point (a figure eight)
        (
            [[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]],
            "crosses itself: its edge from point 2 to 3 meets its edge from point 5 to 6",
        ),
        # a spike: an edge that runs back along the one before
        (
            [[0, 0], [2, 0], [2, 2], [2, 1], [0, 2], [0, 0]],
            "crosses itself: its edge from point 2 to 3 meets",
        ),
        # the closing edge runs back along the first one
        ([[0, 0], [2, 0], [2, 2], [1, 0], [0, 0]], "crosses itself"),
    ],
)
def test_rings_that_touch_or_fold_back_are_refused(ring, expected):
    assert expected in refused(polygon(ring)).message


def test_an_open_ring_is_refused():
    error = refused(polygon([*OUTER[:-1], [-84.21, 39.775]]))
    assert error.field == "coordinates[0]"
    assert error.message == (
        "the outer ring is not closed: its last point [-84.21, 39.775] must repeat its first [-84.21, 39.77]"
    )


@pytest.mark.parametrize(
    ("data", "field", "expected"),
    [
        (polygon([]), "coordinates[0]", "the outer ring is empty"),
        (polygon(OUTER, []), "coordinates[1]", "hole 1 is empty"),
        ({"type": "Polygon", "coordinates": []}, "coordinates", "the Polygon has no coordinates"),
        ({"type": "MultiPolygon", "coordinates": [[OUTER], []]}, "coordinates[1]", "polygon 2 has no rings"),
        (
            polygon([[0, 0], [1, 0], [0, 0]]),
            "coordinates[0]",
            "the outer ring has 3 points; a ring needs at least 4, the last repeating the first",
        ),
        (
            polygon([[0, 0], [1, 1], [2, 2], [0, 0]]),
            "coordinates[0]",
            "the outer ring encloses no area (its points lie on one line)",
        ),
        (polygon([[0, 0], [1, 1], [1, 1], [0, 0]]), "coordinates[0]", "the outer ring encloses no area"),
        (
            polygon([[-84.1, 39.1], [-84.2, 39.2], [-84.3, 39.3], [-84.1, 39.1]]),
            "coordinates[0]",
            "the outer ring encloses no area",
        ),
    ],
)
def test_empty_and_degenerate_rings_are_refused(data, field, expected):
    error = refused(data)
    assert error.field == field
    assert error.message.startswith(expected)


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        ([-184.21, 39.77], "longitude -184.21 is outside -180 to 180 (expected WGS 84 degrees"),
        ([-84.21, 99.77], "latitude 99.77 is outside -90 to 90 (positions are [longitude, latitude]: are"),
        ([39.77, -184.21], "latitude -184.21 is outside -90 to 90 (expected WGS 84 degrees"),
        (
            [1482000.5, 612000.25],
            "longitude 1482000.5 is outside -180 to 180 (expected WGS 84 degrees; export",
        ),
        (["-84.21", 39.77], '["-84.21", 39.77] is not a position [longitude, latitude]'),
        ([-84.21], "[-84.21] is not a position"),
        ([True, 39.77], "[true, 39.77] is not a position"),
    ],
)
def test_positions_that_are_not_wgs84_degrees_are_refused(position, expected):
    ring = [list(point) for point in OUTER]
    ring[2] = position
    error = refused(polygon(ring))
    assert error.field == "coordinates[0][2]"
    assert error.message.startswith(expected)


def test_nan_is_refused():
    text = json.dumps(polygon(OUTER)).replace("39.79", "NaN", 1)
    with pytest.raises(InputError, match=r"field 'coordinates\[0\]\[2\]': \[-84.18, NaN\] is not a position"):
        parse_boundary(text, "hood.geojson")


@pytest.mark.parametrize(
    ("data", "field", "expected"),
    [
        ([OUTER], None, "is not a GeoJSON object"),
        (
            {"type": "Point", "coordinates": [0, 0]},
            "type",
            "has type 'Point' (expected a Polygon, MultiPolygon",
        ),
        ({"type": "GeometryCollection", "geometries": []}, "type", "put the neighborhood's parts into one"),
        (
            feature({"type": "LineString", "coordinates": OUTER}),
            "geometry",
            "geometry is 'LineString', not a",
        ),
        (feature(None), "geometry", "the feature's geometry is 'empty'"),
        ({"type": "FeatureCollection", "features": []}, "features", "has no Polygon or MultiPolygon feature"),
        (
            {"type": "FeatureCollection", "features": [feature(polygon(OUTER)), feature(polygon(EAST))]},
            "features",
            "has 2 polygon features (features[0], features[1]); keep the neighborhood's only, or merge",
        ),
        ({"type": "FeatureCollection", "features": [polygon(OUTER)]}, "features[0]", "is not a Feature"),
        (
            polygon(OUTER) | {"crs": {"type": "name", "properties": {"name": "EPSG:3735"}}},
            "crs",
            "is in coordinate system 'EPSG:3735'; export it in WGS 84 (EPSG:4326) instead",
        ),
        ({"type": "Polygon", "coordinates": [[OUTER]]}, "coordinates[0][0]", "is not a position"),
    ],
)
def test_what_is_not_a_neighborhood_is_refused(data, field, expected):
    error = refused(data)
    assert error.field == field
    assert expected in error.message


def test_broken_json_names_the_line():
    with pytest.raises(
        InputError, match=r"^hood\.geojson, row 2: not valid JSON: Expecting .* \(column \d+\)$"
    ):
        parse_boundary('{"type": "Polygon",\n "coordinates": [[[0, 0] [1, 0]]]}', "hood.geojson")


def test_an_unreadable_file(tmp_path):
    with pytest.raises(InputError, match="cannot read the file"):
        read_boundary(tmp_path / "missing.geojson")
    latin = tmp_path / "latin.geojson"
    latin.write_bytes(b'{"name": "Caf\xe9"}')
    with pytest.raises(InputError, match="is not UTF-8 text"):
        read_boundary(latin)


# --- Inside or outside ----------------------------------------------------------------------------


def test_a_point_in_the_hole_is_outside_and_a_point_on_an_edge_inside():
    boundary = parse({"type": "MultiPolygon", "coordinates": [[OUTER, HOLE], [EAST]]})
    assert contains(boundary, 39.772, -84.205)  # in the block
    assert not contains(boundary, 39.78, -84.195)  # in the park
    assert contains(boundary, 39.775, -84.195)  # on the park's edge
    assert contains(boundary, 39.79, -84.2)  # on the outer edge
    assert contains(boundary, 39.771, -84.165)  # in the second part
    assert not contains(boundary, 39.779, -84.169)  # beside the second part's slanted edge
    assert not contains(boundary, 39.80, -84.2)


def test_without_a_boundary_or_a_location_nothing_is_outside():
    boundary = parse(polygon(OUTER))
    assert is_outside(boundary, 39.80, -84.2)
    assert not is_outside(boundary, 39.78, -84.2)
    assert not is_outside(None, 39.80, -84.2)
    assert not is_outside(boundary, None, None)


@given(
    west=st.floats(-179, 178),
    south=st.floats(-89, 88),
    width=st.floats(0.001, 1),
    height=st.floats(0.001, 1),
    x=st.floats(0, 1),
    y=st.floats(0, 1),
)
def test_inside_a_rectangle_means_within_its_sides(west, south, width, height, x, y):
    east, north = west + width, south + height
    rectangle = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    boundary = parse(polygon(rectangle))
    longitude, latitude = west - 0.5 + 2 * x * width, south - 0.5 + 2 * y * height
    expected = west <= longitude <= east and south <= latitude <= north
    assert contains(boundary, latitude, longitude) == expected
