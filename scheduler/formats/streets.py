"""Streets GeoJSON: the lines the Neighborhood page draws under the boundary, so the captain can
draw it along real streets without a tile server.

Only shown, never stored or planned with, so the reader is lenient where a strict one would only
annoy: features that are not lines (the points and areas a city export carries beside its streets)
are skipped and counted. A position that is not WGS 84 degrees is still refused, since a projected
file would draw the streets somewhere else on Earth without a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scheduler.domain.errors import InputError
from scheduler.formats.boundary import Position, read_position
from scheduler.formats.files import read_text
from scheduler.formats.json_text import load_json

Line = tuple[Position, ...]  # (longitude, latitude) positions


@dataclass(frozen=True)
class Streets:
    lines: tuple[Line, ...]
    skipped: int  # features that were not lines


def read_streets(path: str | Path) -> Streets:
    return parse_streets(read_text(path), str(path))


def parse_streets(text: str, file: str) -> Streets:
    """LineString and MultiLineString geometries, bare, in Features or in a FeatureCollection."""
    data = load_json(text, file)
    if not isinstance(data, dict):
        raise InputError(file, "is not a GeoJSON object")
    if data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise InputError(file, "a FeatureCollection needs a list of features", field="features")
        found = [(f"features[{index}].geometry", _geometry(item)) for index, item in enumerate(features)]
    else:
        found = [("geometry" if data.get("type") == "Feature" else "", _geometry(data))]
    lines: list[Line] = []
    skipped = 0
    for path, geometry in found:
        if geometry is None:
            skipped += 1
        elif geometry.get("type") == "LineString":
            lines.append(_line(geometry.get("coordinates"), _join(path, "coordinates"), file))
        elif geometry.get("type") == "MultiLineString":
            parts = geometry.get("coordinates")
            field = _join(path, "coordinates")
            if not isinstance(parts, list):
                raise InputError(file, "a MultiLineString's coordinates are a list of lines", field=field)
            lines.extend(_line(part, f"{field}[{index}]", file) for index, part in enumerate(parts))
        else:
            skipped += 1
    if not lines:
        raise InputError(file, "has no LineString or MultiLineString (no streets to show)", field="features")
    return Streets(tuple(lines), skipped)


def _geometry(item: object) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        return None
    geometry = item.get("geometry") if item.get("type") == "Feature" else item
    return geometry if isinstance(geometry, dict) else None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _line(data: object, field: str, file: str) -> Line:
    if not isinstance(data, list) or len(data) < 2:
        message = "a line needs a list of at least 2 positions [longitude, latitude]"
        raise InputError(file, message, field=field)
    return tuple(read_position(item, f"{field}[{index}]", file) for index, item in enumerate(data))
