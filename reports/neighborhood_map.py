"""The neighborhood map of the implementation plan, drawn as vector graphics: the boundary, its
sectors, the meeting points and landmarks, and where the recent incidents were (shaded cells).

Vector graphics print sharp at any size and cost a few kilobytes. Degrees are projected onto the
page with a plain equirectangular projection around the neighborhood's middle latitude (a
neighborhood is a few kilometres across, so nothing is visibly distorted); shapely does the
geometry (bounds, clipping cells to the boundary, where to put a sector's label).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Polygon, Rect, String
from reportlab.lib.colors import Color
from shapely import Polygon as ShapelyPolygon
from shapely import box
from shapely.geometry.base import BaseGeometry

from reports.styles import FONT, FONT_BOLD, GREY, GREY_DARK, INK, MAP, PAPER
from scheduler.actions import INCIDENT_MONTHS, MonthDocuments, boundary_shape

GRID_CELLS = 14  # across the longer side of the neighborhood
LEGEND_HEIGHT = 30
LABEL_SIZE = 6.5
PADDING = 0.04  # of the drawn area, around the neighborhood


@dataclass(frozen=True)
class Projection:
    """Degrees to drawing points: equirectangular, scaled to fit the box and centred in it."""

    west: float
    south: float
    squeeze: float  # cos(middle latitude): a degree of longitude is shorter than one of latitude
    scale: float
    left: float
    bottom: float

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], width: float, height: float) -> Projection:
        west, south, east, north = bounds
        squeeze = math.cos(math.radians((south + north) / 2))
        span_x, span_y = max((east - west) * squeeze, 1e-6), max(north - south, 1e-6)
        scale = min(width / span_x, height / span_y) * (1 - 2 * PADDING)
        return cls(
            west,
            south,
            squeeze,
            scale,
            (width - span_x * scale) / 2,
            LEGEND_HEIGHT + (height - span_y * scale) / 2,
        )

    def point(self, longitude: float, latitude: float) -> tuple[float, float]:
        return (
            self.left + (longitude - self.west) * self.squeeze * self.scale,
            self.bottom + (latitude - self.south) * self.scale,
        )

    def ring(self, coordinates: Iterable[tuple[float, ...]]) -> list[float]:
        return [value for lon, lat, *_ in coordinates for value in self.point(lon, lat)]


def neighborhood_drawing(documents: MonthDocuments, width: float, height: float) -> Drawing | None:
    """The map, `width` by `height` points (its legend included); None when there is nothing to
    draw (no boundary, no places, no incidents)."""
    boundary = documents.neighborhood.boundary
    area = None if boundary is None else boundary_shape(boundary)
    points = [
        (place.longitude, place.latitude)
        for place in (*documents.profile.meeting_points, *documents.profile.landmarks)
    ]
    incidents = [
        (incident.longitude, incident.latitude)
        for incident in documents.incidents
        if incident.longitude is not None and incident.latitude is not None and not incident.outside
    ]
    bounds = _bounds(area, [*points, *incidents])
    if bounds is None:
        return None
    projection = Projection.fit(bounds, width, height - LEGEND_HEIGHT)
    drawing = Drawing(width, height)
    cells = _density(area, bounds, projection, incidents)
    most = max((count for _, count in cells), default=0)
    drawing.add(_cells(cells, most, projection))
    for sector in documents.neighborhood.sectors:
        shape = boundary_shape(sector.area)
        if not shape.is_empty:
            drawing.add(_outline(shape, projection, MAP.sector_width, dashed=True))
            x, y = projection.point(*shape.representative_point().coords[0])
            drawing.add(String(x, y, sector.name.upper(), fontName=FONT_BOLD, fontSize=8, fillColor=GREY))
    if area is not None:
        drawing.add(_outline(area, projection, MAP.boundary_width))
    for landmark in documents.profile.landmarks:
        x, y = projection.point(landmark.longitude, landmark.latitude)
        drawing.add(_triangle(x, y))
        drawing.add(String(x + 5, y - 2, landmark.name, fontName=FONT, fontSize=LABEL_SIZE, fillColor=INK))
    for number, point in enumerate(documents.profile.meeting_points, start=1):
        x, y = projection.point(point.longitude, point.latitude)
        drawing.add(Circle(x, y, MAP.point_size, fillColor=INK, strokeColor=PAPER, strokeWidth=0.8))
        label = String(x, y - 2.3, str(number), fontName=FONT_BOLD, fontSize=6.5, fillColor=PAPER)
        label.textAnchor = "middle"
        drawing.add(label)
    drawing.add(_legend(most, width))
    return drawing


def _bounds(
    area: BaseGeometry | None, points: Sequence[tuple[float, float]]
) -> tuple[float, float, float, float] | None:
    """What the map shows: the neighborhood, or without a boundary, everything it knows of."""
    if area is not None:
        return area.bounds
    if not points:
        return None
    longitudes, latitudes = [p[0] for p in points], [p[1] for p in points]
    return min(longitudes), min(latitudes), max(longitudes), max(latitudes)


def _density(
    area: BaseGeometry | None,
    bounds: tuple[float, float, float, float],
    projection: Projection,
    incidents: Sequence[tuple[float, float]],
) -> list[tuple[BaseGeometry, int]]:
    """How many incidents fell in each cell of a square grid over the neighborhood, each cell
    clipped to the boundary (a cell outside it is not drawn)."""
    west, south, east, north = bounds
    side = max((east - west) * projection.squeeze, north - south) / GRID_CELLS  # in latitude degrees
    step_x = side / projection.squeeze
    counts: Counter[tuple[int, int]] = Counter(
        (int((lon - west) / step_x), int((lat - south) / side)) for lon, lat in incidents
    )
    cells = []
    for (column, row), count in counts.items():
        left, bottom = west + column * step_x, south + row * side
        cell = box(left, bottom, left + step_x, bottom + side)
        clipped = cell if area is None else cell.intersection(area)
        if not clipped.is_empty:
            cells.append((clipped, count))
    return cells


def _cells(cells: Sequence[tuple[BaseGeometry, int]], most: int, projection: Projection) -> Group:
    group = Group()
    for shape, count in cells:
        fill = _grey(count, most)
        for polygon in _polygons(shape):
            group.add(Polygon(projection.ring(polygon.exterior.coords), fillColor=fill, strokeColor=None))
    return group


def _grey(count: int, most: int) -> Color:
    levels = MAP.density_greys
    level = min(len(levels) - 1, math.ceil(count / most * len(levels)) - 1) if most else 0
    return Color(levels[level], levels[level], levels[level])


def _polygons(shape: BaseGeometry) -> list[ShapelyPolygon]:
    if isinstance(shape, ShapelyPolygon):
        return [shape]
    return [part for part in getattr(shape, "geoms", ()) if isinstance(part, ShapelyPolygon)]


def _outline(shape: BaseGeometry, projection: Projection, width: float, *, dashed: bool = False) -> Group:
    group = Group()
    for polygon in _polygons(shape):
        for ring in (polygon.exterior, *polygon.interiors):
            outline = Polygon(
                projection.ring(ring.coords), fillColor=None, strokeColor=GREY_DARK, strokeWidth=width
            )
            if dashed:
                outline.strokeDashArray = list(MAP.sector_dash)
            else:
                outline.strokeColor = INK
            group.add(outline)
    return group


def _triangle(x: float, y: float) -> Polygon:
    size = MAP.point_size * 0.75
    return Polygon(
        [x - size, y - size * 0.6, x + size, y - size * 0.6, x, y + size],
        fillColor=PAPER,
        strokeColor=INK,
        strokeWidth=0.9,
    )


def _legend(most: int, width: float) -> Group:
    """Symbols and the shading scale, along the bottom of the drawing."""
    group = Group()
    y = 8
    group.add(Circle(6, y + 3, 4, fillColor=INK, strokeColor=None))
    group.add(String(14, y, "meeting point (numbered)", fontName=FONT, fontSize=LABEL_SIZE))
    group.add(_triangle(110, y + 3))
    group.add(String(118, y, "landmark", fontName=FONT, fontSize=LABEL_SIZE))
    months = f"last {INCIDENT_MONTHS} months"
    text = f"incidents, {months}:" if most else f"no incidents with a location in the {months}"
    group.add(String(170, y, text, fontName=FONT, fontSize=LABEL_SIZE))
    if most:
        levels = MAP.density_greys
        x = 258.0
        for level, grey in enumerate(levels):
            low = math.floor(most * level / len(levels)) + 1
            high = math.floor(most * (level + 1) / len(levels))
            if high < low:
                continue
            swatch = Rect(x, y - 1, 10, 8)
            swatch.fillColor, swatch.strokeColor, swatch.strokeWidth = Color(grey, grey, grey), GREY, 0.3
            group.add(swatch)
            label = str(low) if low == high else f"{low}\u2013{high}"
            group.add(String(x + 13, y, label, fontName=FONT, fontSize=LABEL_SIZE))
            x += 40
    return group
