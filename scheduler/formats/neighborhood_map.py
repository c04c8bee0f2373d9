"""The neighborhood as a map: its boundary, its sectors and its named points, read from and written
to one GeoJSON FeatureCollection, and checked as a whole whether it came from a file or from the
captain's mouse.

The file is what the boundary reader already takes, with more beside the boundary: polygon
features with a `sector` property are sectors, and Point features with `kind` `meeting_point` or
`landmark` (and `name`, optional `sector`) are the profile's places. So a file this module writes
is also a boundary file for `beatwalk import boundary`, and a city GIS export of the boundary alone
is a map without sectors or places.

Sectors must lie inside the boundary (a walk's meeting point in a sector outside the neighborhood
would send officers elsewhere), which shapely decides; a sector drawn across the line is clipped
to it rather than refused, since that is what the captain meant.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import shapely
from shapely.geometry import MultiPolygon, Point
from shapely.geometry import Polygon as ShapelyPolygon

from scheduler.domain.errors import InputError
from scheduler.domain.neighborhood import Landmark, MeetingPoint, Place
from scheduler.formats.boundary import (
    POLYGON_TYPES,
    Boundary,
    Polygon,
    geometry_boundary,
    is_sector,
    parse_boundary,
    read_position,
    to_geojson,
)
from scheduler.formats.files import read_text
from scheduler.formats.json_text import load_json
from scheduler.formats.text import unprintable

PLACE_KINDS = {"meeting_point": MeetingPoint, "landmark": Landmark}
OUTSIDE_TOLERANCE = 1e-7  # degrees, about 1 cm: a sector's edge drawn on the boundary is inside it
DRAWN = "the drawn neighborhood"  # names the captain's drawing (not a file) in messages
P = TypeVar("P", bound=Place)


@dataclass(frozen=True)
class Sector:
    """A named part of the neighborhood; walks rotate over the sectors' meeting points."""

    name: str
    area: Boundary


@dataclass(frozen=True)
class NeighborhoodMap:
    """What the Neighborhood page draws and edits; the boundary is None until one is drawn or
    imported."""

    boundary: Boundary | None = None
    sectors: tuple[Sector, ...] = ()
    meeting_points: tuple[MeetingPoint, ...] = ()
    landmarks: tuple[Landmark, ...] = ()


def read_map(path: str | Path) -> NeighborhoodMap:
    """Read a GeoJSON file (UTF-8, a BOM is dropped) holding at least the boundary."""
    return parse_map(read_text(path), str(path))


def parse_map(text: str, file: str) -> NeighborhoodMap:
    """Parse and check GeoJSON text; `file` only names the source in messages."""
    boundary = parse_boundary(text, file)
    data = load_json(text, file)
    features = data.get("features", []) if isinstance(data, dict) else []
    sectors: list[Sector] = []
    places: dict[str, list[Place]] = {kind: [] for kind in PLACE_KINDS}
    for index, feature in enumerate(features):
        geometry = feature.get("geometry")
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind in POLYGON_TYPES and is_sector(feature):
            name = _name(feature, "sector", index, file)
            sectors.append(Sector(name, geometry_boundary(geometry, f"features[{index}].geometry.", file)))
        elif kind == "Point":
            place_kind, place = _place(feature, index, file)
            places[place_kind].append(place)
        elif kind not in POLYGON_TYPES:
            message = f"a {kind or 'feature without geometry'} is not part of a neighborhood map (streets "
            raise InputError(file, message + "are shown from their own file)", field=f"features[{index}]")
    found = NeighborhoodMap(
        boundary,
        tuple(sectors),
        tuple(MeetingPoint(p.name, p.latitude, p.longitude, p.sector) for p in places["meeting_point"]),
        tuple(Landmark(p.name, p.latitude, p.longitude, p.sector) for p in places["landmark"]),
    )
    check_map(found, file)
    return found


def to_feature_collection(neighborhood: NeighborhoodMap) -> str:
    """The map as GeoJSON that `parse_map` reads back to the same map."""
    features: list[dict[str, Any]] = []
    if neighborhood.boundary is not None:
        features.append(_feature(json.loads(to_geojson(neighborhood.boundary)), {"name": "neighborhood"}))
    for sector in neighborhood.sectors:
        features.append(_feature(json.loads(to_geojson(sector.area)), {"sector": sector.name}))
    for kind, points in _places(neighborhood):
        for point in points:
            geometry = {"type": "Point", "coordinates": [point.longitude, point.latitude]}
            properties: dict[str, Any] = {"kind": kind, "name": point.name}
            if point.sector is not None:
                properties["sector"] = point.sector
            features.append(_feature(geometry, properties))
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)


def check_map(neighborhood: NeighborhoodMap, source: str = DRAWN) -> None:
    """Refuse a map that is not a neighborhood: a boundary or sector that crosses itself, a sector
    outside the boundary or without one, names used twice, a place in a sector that is not there."""
    if neighborhood.boundary is not None:
        _check_shape(neighborhood.boundary, "", source, "boundary")
    boundary = neighborhood.boundary
    _check_unique([sector.name for sector in neighborhood.sectors], "sectors", source)
    for index, sector in enumerate(neighborhood.sectors):
        where = f"sectors[{index + 1}]"
        _check_shape(sector.area, f"sector {sector.name!r}: ", source, where)
        if boundary is None:
            raise InputError(source, f"sector {sector.name!r} needs a boundary to lie in", field=where)
        if not sector_inside(boundary, sector.area):
            raise InputError(source, f"sector {sector.name!r} reaches outside the boundary", field=where)
    names = {sector.name for sector in neighborhood.sectors}
    for kind, places in _places(neighborhood):
        section = f"{kind}s"
        _check_unique([place.name for place in places], section, source)
        for index, place in enumerate(places):
            if place.sector is not None and names and place.sector not in names:
                known = ", ".join(sorted(names))
                message = f"{place.name!r} is in sector {place.sector!r}, which is not on the map ({known})"
                raise InputError(source, message, field=f"{section}[{index + 1}].sector")


def _check_shape(area: Boundary, name: str, source: str, field: str) -> None:
    """The boundary reader's checks (rings closed, not crossing themselves, holes inside), with
    the message naming the shape rather than a place in a file the captain never saw."""
    try:
        parse_boundary(to_geojson(area), source)
    except InputError as error:
        raise InputError(source, f"{name}{error.message}", field=field) from None


def sector_inside(boundary: Boundary, area: Boundary) -> bool:
    """Whether the area lies inside the boundary (on its line counts)."""
    return bool(boundary_shape(boundary).buffer(OUTSIDE_TOLERANCE).covers(boundary_shape(area)))


def clip_to_boundary(boundary: Boundary, drawn: Boundary) -> Boundary | None:
    """The part of a drawn sector inside the boundary, or None if nothing of it is."""
    inside = boundary_shape(boundary).intersection(boundary_shape(drawn))
    parts = [part for part in getattr(inside, "geoms", [inside]) if isinstance(part, ShapelyPolygon)]
    parts = [part for part in parts if part.area > 0]
    if not parts:
        return None
    return Boundary(tuple(_polygon(part) for part in parts))


def sector_at(neighborhood: NeighborhoodMap, latitude: float, longitude: float) -> str | None:
    """The name of the sector the point lies in (on an edge counts), or None."""
    point = Point(longitude, latitude)
    for sector in neighborhood.sectors:
        if boundary_shape(sector.area).buffer(OUTSIDE_TOLERANCE).covers(point):
            return sector.name
    return None


def without_sector(neighborhood: NeighborhoodMap, name: str) -> NeighborhoodMap:
    """The map without the sector, its places kept but no longer in it."""

    def moved(places: Sequence[P]) -> tuple[P, ...]:
        return tuple(replace(place, sector=None) if place.sector == name else place for place in places)

    return replace(
        neighborhood,
        sectors=tuple(sector for sector in neighborhood.sectors if sector.name != name),
        meeting_points=moved(neighborhood.meeting_points),
        landmarks=moved(neighborhood.landmarks),
    )


def _places(neighborhood: NeighborhoodMap) -> tuple[tuple[str, tuple[Place, ...]], ...]:
    return (("meeting_point", neighborhood.meeting_points), ("landmark", neighborhood.landmarks))


def boundary_shape(boundary: Boundary) -> MultiPolygon:
    """A stored area (polygons of (longitude, latitude) rings) as shapely geometry."""
    return MultiPolygon([ShapelyPolygon(polygon[0], polygon[1:]) for polygon in boundary.polygons])


def _polygon(part: ShapelyPolygon) -> Polygon:
    """A shapely polygon as the boundary's rings, outer ring first, each closed."""
    part = shapely.normalize(part)
    rings = [part.exterior, *part.interiors]
    return tuple(tuple((float(x), float(y)) for x, y in ring.coords) for ring in rings)


def _feature(geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _name(feature: dict[str, Any], key: str, index: int, file: str) -> str:
    properties = feature.get("properties")
    value = properties.get(key) if isinstance(properties, dict) else None
    field = f"features[{index}].properties.{key}"
    if not isinstance(value, str) or not value.strip():
        raise InputError(file, f"expected a name, got {json.dumps(value)}", field=field)
    problem = unprintable(value)
    if problem:
        raise InputError(file, f"the name {problem}", field=field)
    return value.strip()


def _place(feature: dict[str, Any], index: int, file: str) -> tuple[str, Place]:
    properties = feature.get("properties")
    kind = properties.get("kind") if isinstance(properties, dict) else None
    if kind not in PLACE_KINDS:
        expected = " or ".join(PLACE_KINDS)
        message = f"a point's kind is {json.dumps(kind)} (expected {expected})"
        raise InputError(file, message, field=f"features[{index}].properties.kind")
    sector = properties.get("sector") if isinstance(properties, dict) else None
    sector = _name(feature, "sector", index, file) if sector is not None else None
    field = f"features[{index}].geometry.coordinates"
    longitude, latitude = read_position(feature["geometry"].get("coordinates"), field, file)
    return kind, Place(_name(feature, "name", index, file), latitude, longitude, sector)


def _check_unique(names: Sequence[str], section: str, source: str) -> None:
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name.casefold() in seen:
            message = f"the name {name!r} is used twice (names must be unique)"
            raise InputError(source, message, field=f"{section}[{index + 1}].name")
        seen.add(name.casefold())
