"""Drawing a neighborhood on the map's scene: the background layers (streets, incidents, hot
spots) and the shapes the captain edits (the boundary, the sectors, the places), each set of items
replaced as a whole when what it shows changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from desktop.map.density import density
from desktop.map.layers import DensityItem, PointsItem, StreetsItem
from desktop.map.projection import Projection
from desktop.map.shapes import EditablePolygon, PlaceMarker
from scheduler.actions import Landmark, MeetingPoint, NeighborhoodMap, Streets

RingEdited = Callable[[EditablePolygon, int, list[QPointF]], None]  # the polygon, ring, new points
PlaceMoved = Callable[[MeetingPoint | Landmark, QPointF], None]
BOUNDARY_COLOR = QColor(30, 90, 200)
SECTOR_COLORS = [QColor(40, 150, 80), QColor(150, 80, 170), QColor(200, 140, 0), QColor(0, 140, 150)]
MEETING_COLOR = QColor(40, 110, 230)
LANDMARK_COLOR = QColor(20, 150, 90)


def layer_items(
    projection: Projection, streets: Streets | None, incidents: Sequence[tuple[float, float]]
) -> dict[str, QGraphicsItem]:
    """The background layers by key ("streets", "density", "incidents"), those with something to
    show; `incidents` are (latitude, longitude)."""
    to_scene = projection.to_scene
    found: dict[str, QGraphicsItem] = {}
    if streets is not None:
        found["streets"] = StreetsItem([[to_scene(*point) for point in line] for line in streets.lines])
    points = [to_scene(longitude, latitude) for latitude, longitude in incidents]
    if points:
        found["density"] = DensityItem(density(points))
        found["incidents"] = PointsItem(points)
    return found


class Shapes:
    """The items of the map's boundary, sectors and places on `scene`. Each polygon item's
    data(0) is (its area: "boundary" or the sector's name, its polygon's number)."""

    def __init__(self, scene: QGraphicsScene, ring_edited: RingEdited, place_moved: PlaceMoved) -> None:
        self._scene, self._ring_edited, self._place_moved = scene, ring_edited, place_moved
        self._items: list[QGraphicsItem] = []

    def draw(self, neighborhood: NeighborhoodMap, projection: Projection) -> None:
        for item in self._items:
            self._scene.removeItem(item)
        self._items = []
        if neighborhood.boundary is not None:
            for part, polygon in enumerate(neighborhood.boundary.polygons):
                self._add(self._polygon(projection, polygon, BOUNDARY_COLOR, "", ("boundary", part)))
        for number, sector in enumerate(neighborhood.sectors):
            color = SECTOR_COLORS[number % len(SECTOR_COLORS)]
            for part, polygon in enumerate(sector.area.polygons):
                self._add(self._polygon(projection, polygon, color, sector.name, (sector.name, part)))
        for point in neighborhood.meeting_points:
            self._add(self._marker(projection, point, MEETING_COLOR, True))
        for landmark in neighborhood.landmarks:
            self._add(self._marker(projection, landmark, LANDMARK_COLOR, False))

    def _add(self, item: QGraphicsItem) -> None:
        self._items.append(item)
        self._scene.addItem(item)

    def _polygon(
        self,
        projection: Projection,
        polygon: Sequence[Sequence[tuple[float, float]]],
        color: QColor,
        label: str,
        key: tuple[str, int],
    ) -> EditablePolygon:
        rings = [[QPointF(*projection.to_scene(*position)) for position in ring[:-1]] for ring in polygon]
        item = EditablePolygon(rings, color, label, lambda ring, moved: self._ring_edited(item, ring, moved))
        item.setData(0, key)
        item.setZValue(0 if label else 1)  # the boundary's corners above the sectors' on them
        return item

    def _marker(
        self, projection: Projection, place: MeetingPoint | Landmark, color: QColor, square: bool
    ) -> PlaceMarker:
        point = QPointF(*projection.to_scene(place.longitude, place.latitude))
        return PlaceMarker(place.name, point, color, square, lambda moved: self._place_moved(place, moved[0]))
