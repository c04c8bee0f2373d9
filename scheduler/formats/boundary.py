"""The neighborhood boundary: reading it from GeoJSON, and whether a point lies inside it.

The boundary is drawn by the captain, often in a free web tool or exported from the city's GIS, so
the reader takes what such tools write (a bare Polygon or MultiPolygon, a Feature, or a
FeatureCollection holding one polygon feature) and refuses what would make "is this incident in the
neighborhood?" a wrong answer: positions outside WGS 84 degrees (a projected file), rings that are
open, enclose no area or cross themselves, and holes that are not inside their outer ring or that
touch it or each other. Each mistake is one line naming where it is in the file.

Pure Python on purpose: a neighborhood has at most a few thousand points, and a geometry library
would be a large dependency for a point-in-polygon test. Coordinates are plain degrees on a flat
plane, which is exact enough at a neighborhood's scale (no ring may cross the antimeridian).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from scheduler.domain.errors import InputError
from scheduler.formats.files import read_text
from scheduler.formats.json_text import load_json

Position = tuple[float, float]  # (longitude, latitude), the GeoJSON order
Ring = tuple[Position, ...]  # closed: the last position repeats the first
Polygon = tuple[Ring, ...]  # the outer ring first, then its holes
Box = tuple[float, float, float, float]  # west, south, east, north

POLYGON_TYPES = ("Polygon", "MultiPolygon")
WGS84_NAMES = ("urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326")
ON_LINE = 1e-9  # degrees, about 0.1 mm: points this close to a line are on it
MIN_AREA = 1e-14  # square degrees, about 1 cm²: a ring enclosing less encloses nothing
COORDINATES_HINT = "a Polygon's coordinates are a list of rings, each a list of [longitude, latitude]"


@dataclass(frozen=True)
class Boundary:
    """A neighborhood: one or more polygons (a MultiPolygon when it is in parts), WGS 84 degrees."""

    polygons: tuple[Polygon, ...]


def read_boundary(path: str | Path) -> Boundary:
    """Read a GeoJSON file (UTF-8, a BOM is dropped)."""
    return parse_boundary(read_text(path), str(path))


def parse_boundary(text: str, file: str) -> Boundary:
    """Parse GeoJSON text; `file` only names the source in error messages."""
    data = load_json(text, file)
    geometry, path = _find_geometry(data, file)
    return geometry_boundary(geometry, path, file)


def to_geojson(boundary: Boundary) -> str:
    """The boundary as a GeoJSON geometry: a Polygon when it has one part, else a MultiPolygon."""

    def rings(polygon: Polygon) -> list[list[list[float]]]:
        return [[[lon, lat] for lon, lat in ring] for ring in polygon]

    if len(boundary.polygons) == 1:
        geometry: dict[str, Any] = {"type": "Polygon", "coordinates": rings(boundary.polygons[0])}
    else:
        geometry = {"type": "MultiPolygon", "coordinates": [rings(p) for p in boundary.polygons]}
    return json.dumps(geometry, separators=(",", ":"))


def contains(boundary: Boundary, latitude: float, longitude: float) -> bool:
    """Whether the point is in the neighborhood; a point exactly on an edge (a boundary street's
    centre line, say) counts as inside, and a point in a hole does not."""
    return any(_in_polygon(polygon, longitude, latitude) for polygon in boundary.polygons)


def is_outside(boundary: Boundary | None, latitude: float | None, longitude: float | None) -> bool:
    """Whether a location is known to lie outside the neighborhood: without a boundary or without
    coordinates nothing says so, and the incident counts as in it."""
    if boundary is None or latitude is None or longitude is None:
        return False
    return not contains(boundary, latitude, longitude)


def _in_polygon(polygon: Polygon, x: float, y: float) -> bool:
    """Ray casting: a ray to the east crosses the polygon's edges an odd number of times from
    inside. Counting over every ring at once makes a point in a hole come out as outside."""
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in pairwise(ring):
            if _orientation((x1, y1), (x2, y2), (x, y)) == 0 and _within_box((x1, y1), (x2, y2), (x, y)):
                return True
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


# --- Finding the geometry -------------------------------------------------------------------------


def _find_geometry(data: object, file: str) -> tuple[dict[str, Any], str]:
    """The (Multi)Polygon in the file and its path there, for error messages."""
    expected = "a Polygon, MultiPolygon, Feature or FeatureCollection"
    if not isinstance(data, dict):
        raise InputError(file, f"is not a GeoJSON object (expected {expected})")
    _check_crs(data, file)
    kind = data.get("type")
    if kind in POLYGON_TYPES:
        return data, ""
    if kind == "Feature":
        return _feature_geometry(data, "", file), "geometry."
    if kind == "FeatureCollection":
        return _collection_geometry(data, file)
    if kind == "GeometryCollection":
        message = "is a GeometryCollection (put the neighborhood's parts into one MultiPolygon)"
        raise InputError(file, message, field="type")
    raise InputError(file, f"has type {kind!r} (expected {expected})", field="type")


def _check_crs(data: dict[str, Any], file: str) -> None:
    """GeoJSON is WGS 84 by definition, but older files may name another system, whose numbers
    would put the neighborhood somewhere else on Earth."""
    crs = data.get("crs")
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if crs is None or name in WGS84_NAMES:
        return
    message = f"is in coordinate system {name or crs!r}; export it in WGS 84 (EPSG:4326) instead"
    raise InputError(file, message, field="crs")


def is_sector(feature: dict[str, Any]) -> bool:
    """Sectors are polygon features whose properties name them: `{"sector": "North"}`."""
    properties = feature.get("properties")
    return isinstance(properties, dict) and properties.get("sector") is not None


def _feature_geometry(feature: dict[str, Any], path: str, file: str) -> dict[str, Any]:
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGON_TYPES:
        kind = geometry.get("type") if isinstance(geometry, dict) else "empty"
        message = f"the feature's geometry is {kind!r}, not a Polygon or MultiPolygon"
        raise InputError(file, message, field=f"{path}geometry")
    return geometry


def _collection_geometry(data: dict[str, Any], file: str) -> tuple[dict[str, Any], str]:
    """The one polygon feature of a collection; points (landmarks, say) and sectors (polygon
    features with a `sector` property) may sit beside it."""
    features = data.get("features")
    if not isinstance(features, list):
        raise InputError(file, "a FeatureCollection needs a list of features", field="features")
    found = []
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise InputError(file, "is not a Feature", field=f"features[{index}]")
        geometry = feature.get("geometry")
        if isinstance(geometry, dict) and geometry.get("type") in POLYGON_TYPES and not is_sector(feature):
            found.append(index)
    if not found:
        raise InputError(
            file, "has no Polygon or MultiPolygon feature (draw the neighborhood)", field="features"
        )
    if len(found) > 1:
        listed = ", ".join(f"features[{index}]" for index in found)
        message = (
            f"has {len(found)} polygon features ({listed}); keep the neighborhood's only, "
            "or merge its parts into one MultiPolygon"
        )
        raise InputError(file, message, field="features")
    path = f"features[{found[0]}]."
    return features[found[0]]["geometry"], f"{path}geometry."


# --- Reading and checking the polygons ------------------------------------------------------------


def geometry_boundary(geometry: dict[str, Any], path: str, file: str) -> Boundary:
    """Read and check a (Multi)Polygon geometry; `path` is where it sits in the file, for messages."""
    multi = geometry["type"] == "MultiPolygon"
    coordinates = geometry.get("coordinates")
    field = f"{path}coordinates"
    if not isinstance(coordinates, list) or not coordinates:
        raise InputError(file, f"the {geometry['type']} has no coordinates", field=field)
    parts = coordinates if multi else [coordinates]
    polygons = []
    for index, part in enumerate(parts):
        part_field = f"{field}[{index}]" if multi else field
        name = f"polygon {index + 1}" if multi else "the polygon"
        if not isinstance(part, list) or not part:
            raise InputError(file, f"{name} has no rings ({COORDINATES_HINT})", field=part_field)
        names = [_ring_name(index, number, multi) for number in range(len(part))]
        rings = tuple(
            _ring(ring, names[number], f"{part_field}[{number}]", file) for number, ring in enumerate(part)
        )
        problem = _holes_problem(rings, names) if len(rings) > 1 else None
        if problem is not None:
            hole, message = problem
            raise InputError(file, message, field=f"{part_field}[{hole}]")
        polygons.append(rings)
    return Boundary(tuple(polygons))


def _ring_name(polygon: int, ring: int, multi: bool) -> str:
    name = "the outer ring" if ring == 0 else f"hole {ring}"
    return f"{name} of polygon {polygon + 1}" if multi else name


def _ring(data: object, name: str, field: str, file: str) -> Ring:
    if not isinstance(data, list):
        raise InputError(file, f"{name} is not a list of positions ({COORDINATES_HINT})", field=field)
    if not data:
        raise InputError(file, f"{name} is empty", field=field)
    ring = tuple(read_position(item, f"{field}[{index}]", file) for index, item in enumerate(data))
    if len(ring) < 4:
        message = f"{name} has {len(ring)} points; a ring needs at least 4, the last repeating the first"
        raise InputError(file, message, field=field)
    if ring[0] != ring[-1]:
        message = (
            f"{name} is not closed: its last point {list(ring[-1])} must repeat its first {list(ring[0])}"
        )
        raise InputError(file, message, field=field)
    points, numbers = _without_repeats(ring)
    no_area = f"{name} encloses no area (its points lie on one line)"
    if _on_one_line(points):
        raise InputError(file, no_area, field=field)
    crossing = _first_crossing(points)
    if crossing is not None:
        first, second = crossing
        message = (
            f"{name} crosses itself: its edge from point {numbers[first]} to {numbers[first + 1]} "
            f"meets its edge from point {numbers[second]} to {numbers[second + 1]}"
        )
        raise InputError(file, message, field=field)
    if abs(_area(points)) < MIN_AREA:  # a sliver the line test's tolerance let through
        raise InputError(file, no_area, field=field)
    return ring


def _holes_problem(rings: Polygon, names: Sequence[str]) -> tuple[int, str] | None:
    """The first hole that cannot be a hole and why, or None: a hole must lie inside the outer
    ring and apart from the other holes, touching neither. Ray casting counts every ring at once,
    so a hole outside its ring would add a second area, anywhere on Earth, to the neighborhood.

    Rings that never meet lie either one inside the other or apart, and one point of each tells
    which; so one sweep over all edges finds any contact, and then one point per hole is enough."""
    contact = _first_contact(rings)
    if contact is not None:
        hole, edge, other, other_edge = contact
        return hole, (
            f"{names[hole]} touches or crosses {names[other]}: its edge from point {edge + 1} to "
            f"{edge + 2} meets the edge from point {other_edge + 1} to {other_edge + 2} of {names[other]}"
        )
    boxes = [_box(ring) for ring in rings]
    for hole in range(1, len(rings)):
        first = rings[hole][0]
        if not _in_polygon(rings[:1], *first):
            return hole, f"{names[hole]} is not inside {names[0]}: its point 1 {list(first)} lies outside it"
        for other in range(1, hole):
            if _boxes_overlap(boxes[hole], boxes[other]) and (
                _in_polygon((rings[other],), *first) or _in_polygon((rings[hole],), *rings[other][0])
            ):
                return hole, f"{names[hole]} overlaps {names[other]} (holes must lie apart)"
    return None


def _box(ring: Ring) -> Box:
    longitudes, latitudes = [point[0] for point in ring], [point[1] for point in ring]
    return min(longitudes), min(latitudes), max(longitudes), max(latitudes)


def _boxes_overlap(box: Box, other: Box) -> bool:
    return box[0] <= other[2] and other[0] <= box[2] and box[1] <= other[3] and other[1] <= box[3]


def _first_contact(rings: Polygon) -> tuple[int, int, int, int] | None:
    """Where two rings of the polygon meet, touching included, as (ring, edge, earlier ring, its
    edge) for the first ring (by position) that meets an earlier one; None if no two meet. Edges
    are swept in order of their western end, as in `_first_crossing`."""
    edges = sorted(
        (min(a[0], b[0]), max(a[0], b[0]), number, index)
        for number, ring in enumerate(rings)
        for index, (a, b) in enumerate(pairwise(ring))
    )
    active: list[tuple[float, float, int, int]] = []
    first: tuple[int, int, int, int] | None = None
    for edge in edges:
        west, _, number, index = edge
        active = [seen for seen in active if seen[1] >= west]
        for _, _, seen_number, seen_index in active:
            if seen_number == number:  # a ring's own edges were checked with the ring
                continue
            later, earlier = sorted(((number, index), (seen_number, seen_index)), reverse=True)
            contact = (*later, *earlier)
            if (first is None or contact < first) and _rings_meet(rings, contact):
                first = contact
        active.append(edge)
    return first


def _rings_meet(rings: Polygon, contact: tuple[int, int, int, int]) -> bool:
    ring, edge, other, other_edge = contact
    a, b = rings[ring][edge], rings[ring][edge + 1]
    return _segments_meet(a, b, rings[other][other_edge], rings[other][other_edge + 1])


def read_position(data: object, field: str, file: str) -> Position:
    """[longitude, latitude], with an optional altitude that is dropped."""
    numbers = data if isinstance(data, list) else []
    if len(numbers) < 2 or not all(_is_number(value) for value in numbers[:2]):
        message = f"{json.dumps(data)[:40]} is not a position [longitude, latitude] ({COORDINATES_HINT})"
        raise InputError(file, message, field=field)
    longitude, latitude = float(numbers[0]), float(numbers[1])
    if -180 <= longitude <= 180 and -90 <= latitude <= 90:
        return longitude, latitude
    if -90 <= longitude <= 90 and -180 <= latitude <= 180:
        hint = "positions are [longitude, latitude]: are the two swapped?"
    else:
        hint = "expected WGS 84 degrees; export the file in WGS 84 (EPSG:4326), not a projected system"
    if not -180 <= longitude <= 180:
        message = f"longitude {numbers[0]} is outside -180 to 180 ({hint})"
    else:
        message = f"latitude {numbers[1]} is outside -90 to 90 ({hint})"
    raise InputError(file, message, field=field)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _without_repeats(ring: Ring) -> tuple[list[Position], list[int]]:
    """The ring without points that repeat the one before (harmless, and common in exported files),
    with each kept point's number in the file (counted from 1; the last of a run of repeats, so an
    edge runs from one number to the next) for messages."""
    points, numbers = [ring[0]], [1]
    for index, point in enumerate(ring[1:], start=2):
        if point == points[-1]:
            numbers[-1] = index
        else:
            points.append(point)
            numbers.append(index)
    if len(points) == 1:  # every point the same: keep the ring closed
        points.append(ring[-1])
        numbers.append(len(ring))
    return points, numbers


def _on_one_line(points: Sequence[Position]) -> bool:
    """Whether every point lies within ON_LINE degrees of the line through the first point and
    the point farthest from it. Checked before crossings: such a ring runs back along itself, but
    "lies on one line" says what is wrong with it."""
    x0, y0 = points[0]
    far_x, far_y = max(points, key=lambda p: (p[0] - x0) ** 2 + (p[1] - y0) ** 2)
    length = math.hypot(far_x - x0, far_y - y0)
    if length == 0:
        return True
    return all(abs((far_x - x0) * (y - y0) - (far_y - y0) * (x - x0)) / length <= ON_LINE for x, y in points)


def _area(points: Sequence[Position]) -> float:
    """Signed area (shoelace), measured from the first point so that large coordinates lose no
    precision to rounding."""
    x0, y0 = points[0]
    total = 0.0
    for (x1, y1), (x2, y2) in pairwise(points):
        total += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    return total / 2


def _first_crossing(points: Sequence[Position]) -> tuple[int, int] | None:
    """The first pair of edges (by position in the ring) that meet other than where neighbouring
    edges join, or None if the ring is simple.

    Edges are swept in order of their western end and only compared while their east-west spans
    overlap, so a ring of a few thousand points is checked in well under a second.
    """
    edges = len(points) - 1
    order = sorted(range(edges), key=lambda i: min(points[i][0], points[i + 1][0]))
    active: list[int] = []
    first: tuple[int, int] | None = None
    for edge in order:
        west = min(points[edge][0], points[edge + 1][0])
        active = [other for other in active if max(points[other][0], points[other + 1][0]) >= west]
        for other in active:
            pair = (min(edge, other), max(edge, other))
            if (first is None or pair < first) and _edges_meet(points, *pair):
                first = pair
        active.append(edge)
    return first


def _edges_meet(points: Sequence[Position], i: int, j: int) -> bool:
    """Whether edges i and j (i < j) meet where they should not. Neighbouring edges share a
    point; they are wrong only when they run back along each other."""
    a, b, c, d = points[i], points[i + 1], points[j], points[j + 1]
    if j == i + 1:  # b == c is the shared point
        return _orientation(a, b, d) == 0 and (_within_box(a, b, d) or _within_box(b, d, a))
    if i == 0 and j == len(points) - 2:  # the closing edge: d == a is the shared point
        return _orientation(c, a, b) == 0 and (_within_box(c, a, b) or _within_box(a, b, c))
    return _segments_meet(a, b, c, d)


def _segments_meet(a: Position, b: Position, c: Position, d: Position) -> bool:
    """Whether segments a-b and c-d share any point, touching included."""
    o1, o2 = _orientation(a, b, c), _orientation(a, b, d)
    o3, o4 = _orientation(c, d, a), _orientation(c, d, b)
    if o1 != o2 and o3 != o4 and 0 not in (o1, o2, o3, o4):
        return True
    return (
        (o1 == 0 and _within_box(a, b, c))
        or (o2 == 0 and _within_box(a, b, d))
        or (o3 == 0 and _within_box(c, d, a))
        or (o4 == 0 and _within_box(c, d, b))
    )


def _orientation(a: Position, b: Position, c: Position) -> int:
    """1 if a, b, c turn counter-clockwise, -1 if clockwise, 0 if they lie on one line."""
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (cross > 0) - (cross < 0)


def _within_box(a: Position, b: Position, c: Position) -> bool:
    """Whether c lies within the rectangle spanned by a and b (on the segment, if collinear)."""
    return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])
