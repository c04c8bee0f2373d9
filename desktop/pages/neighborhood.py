"""The Neighborhood page: the map where the captain draws the boundary, the sectors, the meeting
points and the landmarks over streets and incidents, and the neighborhood profile beside it.

The page holds the map as the database has it and turns each gesture into a new whole map, saved
through `save_neighborhood_map` and pushed as one undo step; then every page reloads on
`Session.changed("neighborhood")`, this one included, so what is drawn is always what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TypeVar, cast

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsItem,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.map.canvas import MapView, Tool
from desktop.map.commands import SaveCommand
from desktop.map.density import density
from desktop.map.layers import DensityItem, PointsItem, StreetsItem
from desktop.map.projection import Projection
from desktop.map.shapes import EditablePolygon, PlaceMarker, VertexHandle
from desktop.pages.profile_editor import ProfileEditor
from desktop.session import Session
from scheduler import actions
from scheduler.actions import (
    BeatwalkError,
    Boundary,
    Landmark,
    MeetingPoint,
    NeighborhoodMap,
    Place,
    Sector,
    Streets,
)

Position = tuple[float, float]
Ring = tuple[Position, ...]
BOUNDARY_COLOR = QColor(30, 90, 200)
SECTOR_COLORS = [QColor(40, 150, 80), QColor(150, 80, 170), QColor(200, 140, 0), QColor(0, 140, 150)]
MEETING_COLOR = QColor(40, 110, 230)
LANDMARK_COLOR = QColor(20, 150, 90)
TOOLS = (
    (Tool.SELECT, "&Select and move", "S", "Drag the map to pan; drag a point or corner to move it"),
    (
        Tool.BOUNDARY,
        "Draw &boundary",
        "B",
        "Click the corners of the neighborhood; double-click or Enter ends",
    ),
    (
        Tool.SECTOR,
        "Draw s&ector",
        "E",
        "Click the corners of a sector inside the boundary; double-click ends",
    ),
    (Tool.MEETING_POINT, "Add &meeting point", "M", "Click where walks should meet"),
    (Tool.LANDMARK, "Add &landmark", "L", "Click a place residents know"),
)
HINT = (
    "No boundary yet: load a streets file with the Streets button to find your way, then choose Draw "
    "boundary and click the corners (double-click ends); or Import a GeoJSON file of the neighborhood."
)


class NeighborhoodPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.map = NeighborhoodMap()
        self.streets: Streets | None = None
        self.incidents: tuple[tuple[float, float], ...] = ()
        self.projection: Projection | None = None
        self.layers: dict[str, QGraphicsItem] = {}
        self._shapes: list[QGraphicsItem] = []
        # Replaced in tests: how the page asks for a name and shows a refusal.
        self.ask_name: Callable[[str, str], str | None] = self._ask_name
        self.warn: Callable[[str], None] = self._warn

        self.view = MapView()
        self.view.polygon_drawn.connect(self._polygon_drawn)
        self.view.point_placed.connect(self._point_placed)
        self.view.vertex_added.connect(lambda ring, points: self._ring_edited(ring, points, "Add a point to"))
        self.view.delete_requested.connect(self.delete_selected)
        self.view.menu_requested.connect(self._menu)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Map messages")
        self.profile = ProfileEditor(session, self.refuse)

        self.toolbar = QToolBar("Map tools")
        self.view_bar = QToolBar("Map view and files")
        self.tool_actions = self._tools()
        self.layer_actions = self._layers_and_files()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.toolbar)
        left_layout.addWidget(self.view_bar)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.status)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.profile, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        session.changed.connect(self._changed)
        self.reload()

    # --- Toolbar ---------------------------------------------------------------------------------

    def _tools(self) -> dict[Tool, QAction]:
        group = QActionGroup(self)
        found = {}
        for tool, text, key, tip in TOOLS:
            action = QAction(text, self, checkable=True)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # keys on the map only
            action.setToolTip(f"{text.replace('&', '')} ({key}): {tip}")
            action.setStatusTip(tip)
            action.triggered.connect(lambda _=False, chosen=tool: self.set_tool(chosen))
            group.addAction(action)
            self.toolbar.addAction(action)
            self.view.addAction(action)
            found[tool] = action
        found[Tool.SELECT].setChecked(True)
        for text, shortcut, slot in (
            ("Zoom in", QKeySequence(QKeySequence.StandardKey.ZoomIn), lambda: self.view.zoom(1.25)),
            ("Zoom out", QKeySequence(QKeySequence.StandardKey.ZoomOut), lambda: self.view.zoom(0.8)),
            ("Zoom to fit", QKeySequence("F"), self.zoom_to_fit),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view_bar.addAction(action)
            self.view.addAction(action)
        return found

    def _layers_and_files(self) -> dict[str, QAction]:
        self.view_bar.addSeparator()
        found = {}
        for key, text in (("streets", "Streets"), ("incidents", "Incidents"), ("density", "Hot spots")):
            action = QAction(text, self, checkable=True, checked=True)
            action.setToolTip(f"Show or hide the {text.lower()} layer")
            action.toggled.connect(lambda shown, layer=key: self.show_layer(layer, shown))
            self.view_bar.addAction(action)
            found[key] = action
        self.view_bar.addSeparator()
        for text, tip, slot in (
            (
                "Import…",
                "Replace the boundary, sectors and places with a GeoJSON file's",
                self._choose_import,
            ),
            ("Export…", "Save the boundary, sectors and places as GeoJSON", self._choose_export),
            ("Streets…", "Show a GeoJSON file of streets under the map (not saved)", self._choose_streets),
        ):
            action = QAction(text, self)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            self.view_bar.addAction(action)
        return found

    def set_tool(self, tool: Tool) -> None:
        self.view.set_tool(tool)
        self.tool_actions[tool].setChecked(True)
        self.status.setText(next(tip for chosen, _, _, tip in TOOLS if chosen is tool))
        self.view.setFocus()

    def show_layer(self, key: str, shown: bool) -> None:
        if key in self.layers:
            self.layers[key].setVisible(shown)

    def zoom_to_fit(self) -> None:
        shapes: list[QGraphicsItem] = [
            item for item in self.view.scene().items() if isinstance(item, EditablePolygon)
        ]
        rect = QRectF()
        for item in shapes or [layer for layer in self.layers.values() if layer.isVisible()]:
            rect = rect.united(item.sceneBoundingRect())
        self.view.zoom_to(rect)

    # --- Loading and drawing ---------------------------------------------------------------------

    def _changed(self, what: str) -> None:
        if what == "neighborhood":
            self.reload(layers=False)
        elif what == "incidents":
            self.reload()

    def reload(self, layers: bool = True) -> None:
        """Read the map again and redraw it; `layers=False` keeps the streets, incidents and hot
        spots as drawn (an edit of the map changes none of them, and 20,000 incidents take a
        noticeable moment to read and project)."""
        db, district = self.session.db, self.session.district
        self.map = actions.neighborhood_map(db, district=district)
        if layers:
            self.incidents = actions.incident_locations(db, district=district)
        moved = self.projection is None or self.projection == Projection(0.0, 0.0)
        if moved:
            self.projection = Projection.around(self._positions())
        self.view.cancel_drawing()
        if layers or moved:
            self._draw_layers()
        self._draw_shapes()
        if moved:  # the first thing on an empty map: show it
            self.zoom_to_fit()
        if self.map.boundary is None:
            self.status.setText(HINT)

    def _positions(self) -> list[tuple[float, float]]:
        """Everything with a place on Earth, (longitude, latitude), to centre the map on."""
        found = []
        if self.map.boundary is not None:
            found += [point for polygon in self.map.boundary.polygons for point in polygon[0]]
        found += [
            (place.longitude, place.latitude) for place in (*self.map.meeting_points, *self.map.landmarks)
        ]
        if not found:
            found += [(longitude, latitude) for latitude, longitude in self.incidents]
        if not found and self.streets is not None:
            found += [point for line in self.streets.lines for point in line]
        return found

    def _draw_layers(self) -> None:
        assert self.projection is not None
        scene = self.view.scene()
        for item in self.layers.values():
            scene.removeItem(item)
        self.layers = {}
        to_scene = self.projection.to_scene
        if self.streets is not None:
            self.layers["streets"] = StreetsItem(
                [[to_scene(*point) for point in line] for line in self.streets.lines]
            )
        points = [to_scene(longitude, latitude) for latitude, longitude in self.incidents]
        if points:
            self.layers["density"] = DensityItem(density(points))
            self.layers["incidents"] = PointsItem(points)
        for key, item in self.layers.items():
            item.setVisible(self.layer_actions[key].isChecked())
            scene.addItem(item)

    def _draw_shapes(self) -> None:
        for item in self._shapes:
            self.view.scene().removeItem(item)
        self._shapes = []
        if self.map.boundary is not None:
            for part, polygon in enumerate(self.map.boundary.polygons):
                self._add_shape(self._polygon(polygon[0], BOUNDARY_COLOR, "", ("boundary", part)))
        for number, sector in enumerate(self.map.sectors):
            color = SECTOR_COLORS[number % len(SECTOR_COLORS)]
            for part, polygon in enumerate(sector.area.polygons):
                self._add_shape(self._polygon(polygon[0], color, sector.name, (sector.name, part)))
        for point in self.map.meeting_points:
            self._add_shape(self._marker(point, MEETING_COLOR, True))
        for landmark in self.map.landmarks:
            self._add_shape(self._marker(landmark, LANDMARK_COLOR, False))

    def _add_shape(self, item: QGraphicsItem) -> None:
        self._shapes.append(item)
        self.view.scene().addItem(item)

    def _polygon(
        self, ring: Sequence[tuple[float, float]], color: QColor, label: str, key: tuple[str, int]
    ) -> EditablePolygon:
        assert self.projection is not None
        points = [QPointF(*self.projection.to_scene(*position)) for position in ring[:-1]]
        item = EditablePolygon(
            points, color, label, lambda moved: self._ring_edited(item, moved, "Move a point of")
        )
        item.setData(0, key)
        item.setZValue(0 if label else 1)  # the boundary's corners above the sectors' on them
        return item

    def _marker(self, place: MeetingPoint | Landmark, color: QColor, square: bool) -> PlaceMarker:
        assert self.projection is not None
        point = QPointF(*self.projection.to_scene(place.longitude, place.latitude))
        return PlaceMarker(place.name, point, color, square, lambda moved: self._place_moved(place, moved[0]))

    # --- Edits -----------------------------------------------------------------------------------

    def apply(self, text: str, after: NeighborhoodMap) -> bool:
        """Save the edited map and make it one undo step; a refused edit changes nothing."""
        before = self.map
        try:
            self._save(after)
        except BeatwalkError as error:
            self.reload(layers=False)  # puts back what the hand moved
            self.refuse(str(error))
            return False
        self.session.undo_stack.push(SaveCommand(text, self._save, before, after, self.refuse))
        self.status.setText(f"{text}: saved.")
        return True

    def _save(self, neighborhood: NeighborhoodMap) -> None:
        actions.save_neighborhood_map(
            self.session.db, district=self.session.district, neighborhood=neighborhood
        )
        self.session.notify("neighborhood")

    def refuse(self, message: str) -> None:
        self.status.setText(message)
        self.warn(message)

    def _polygon_drawn(self, tool: Tool, points: list[QPointF]) -> None:
        drawn = Boundary(((self._ring(points),),))
        if tool is Tool.BOUNDARY:
            self.apply("Draw the boundary", self._within(drawn))
            return
        if self.map.boundary is None:
            self.refuse("Draw or import the neighborhood's boundary first: sectors lie inside it.")
            return
        area = actions.clip_to_boundary(self.map.boundary, drawn)
        if area is None:
            self.refuse("The sector lies outside the boundary: draw it inside the neighborhood.")
            return
        name = self.ask_name("New sector", "Name of the sector:")
        if name:
            self.apply(
                f"Draw sector {name}", replace(self.map, sectors=(*self.map.sectors, Sector(name, area)))
            )

    def _within(self, boundary: Boundary) -> NeighborhoodMap:
        """The map with a new boundary, its sectors clipped to it (those left outside go): a
        redrawn line means the sectors end where it does."""
        after = replace(self.map, boundary=boundary)
        for sector in self.map.sectors:
            if not actions.sector_inside(boundary, sector.area):
                area = actions.clip_to_boundary(boundary, sector.area)
                if area is None:
                    after = actions.without_sector(after, sector.name)
                else:
                    after = replace(
                        after,
                        sectors=tuple(
                            Sector(s.name, area) if s.name == sector.name else s for s in after.sectors
                        ),
                    )
        return after

    def _point_placed(self, tool: Tool, point: QPointF) -> None:
        assert self.projection is not None
        longitude, latitude = self.projection.to_degrees(point.x(), point.y())
        sector = actions.sector_at(self.map, latitude, longitude)
        if tool is Tool.MEETING_POINT:
            name = self.ask_name("New meeting point", "Where walks meet (e.g. Library steps, Main St & 3rd):")
            if name:
                added = MeetingPoint(name.strip(), latitude, longitude, sector)
                self.apply(
                    f"Add meeting point {added.name}",
                    replace(self.map, meeting_points=(*self.map.meeting_points, added)),
                )
        else:
            name = self.ask_name("New landmark", "Name of the landmark:")
            if name:
                landmark = Landmark(name.strip(), latitude, longitude, sector)
                self.apply(
                    f"Add landmark {landmark.name}",
                    replace(self.map, landmarks=(*self.map.landmarks, landmark)),
                )

    def _ring_edited(self, item: EditablePolygon, points: list[QPointF], verb: str) -> None:
        if len(points) < 3:
            self.refuse("A boundary or sector needs at least 3 corners; delete the whole shape instead.")
            return
        owner, part = item.data(0)
        ring = self._ring(points)
        if owner == "boundary":
            assert self.map.boundary is not None
            moved = _moved_corners(self.map.boundary.polygons[part][0], ring)
            after = replace(
                self.map,
                boundary=_with_ring(self.map.boundary, part, ring),
                sectors=tuple(
                    replace(sector, area=_corners_moved(sector.area, moved)) for sector in self.map.sectors
                ),
            )
            self.apply(f"{verb} the boundary", after)
            return
        edited = next(sector for sector in self.map.sectors if sector.name == owner)
        moved = _moved_corners(edited.area.polygons[part][0], ring)
        sectors = tuple(
            Sector(owner, _with_ring(sector.area, part, ring))
            if sector is edited
            else replace(sector, area=_corners_moved(sector.area, moved))  # a shared border stays shared
            for sector in self.map.sectors
        )
        self.apply(f"{verb} sector {owner}", replace(self.map, sectors=sectors))

    def _place_moved(self, place: MeetingPoint | Landmark, point: QPointF) -> None:
        assert self.projection is not None
        longitude, latitude = self.projection.to_degrees(point.x(), point.y())
        moved = replace(
            place,
            latitude=latitude,
            longitude=longitude,
            sector=actions.sector_at(self.map, latitude, longitude),
        )
        after = _each_place(self.map, lambda p: moved if p == place else p)
        self.apply(f"Move {place.name}", after)

    def delete_selected(self) -> None:
        """Delete the selected corners (one shape at a time) or the selected places."""
        selected = self.view.scene().selectedItems()
        handles = [item for item in selected if isinstance(item, VertexHandle)]
        names = {item.name for item in selected if isinstance(item, PlaceMarker)}
        if names:
            self.delete_places(names)
        elif handles:
            ring = handles[0].ring
            chosen = {handle for handle in handles if handle.ring is ring}
            points = [
                point
                for handle, point in zip(ring.handles, ring.points(), strict=True)
                if handle not in chosen
            ]
            self._ring_edited(ring, points, "Delete a point of")

    def menu_actions(self, where: QPoint) -> list[tuple[str, Callable[[], object]]]:
        """What a right click at `where` (viewport pixels) offers: the places, sector and boundary
        under it."""
        assert self.projection is not None
        found: list[tuple[str, Callable[[], object]]] = []
        for item in self.view.items(where):
            if isinstance(item, PlaceMarker):
                found.append((f"Rename {item.name}…", partial(self.rename_place, item.name)))
                found.append((f"Delete {item.name}", partial(self.delete_places, {item.name})))
        scene = self.view.mapToScene(where)
        longitude, latitude = self.projection.to_degrees(scene.x(), scene.y())
        sector = actions.sector_at(self.map, latitude, longitude)
        if sector is not None:
            found.append((f"Rename sector {sector}…", partial(self.rename_sector, sector)))
            found.append((f"Delete sector {sector}", partial(self.delete_sector, sector)))
        if self.map.boundary is not None:
            found.append(("Delete the boundary and its sectors", self.delete_boundary))
        return found

    def _menu(self, where: QPoint) -> None:
        menu = QMenu(self)
        for text, slot in self.menu_actions(where):
            menu.addAction(text).triggered.connect(slot)
        if not menu.isEmpty():
            menu.exec(self.view.viewport().mapToGlobal(where))

    def delete_places(self, names: set[str]) -> bool:
        after = _each_place(self.map, lambda p: None if p.name in names else p)
        return self.apply(f"Delete {', '.join(sorted(names))}", after)

    def rename_place(self, name: str) -> bool:
        new = self.ask_name(f"Rename {name}", "New name:")
        if not new or new == name:
            return False
        after = _each_place(self.map, lambda p: replace(p, name=new) if p.name == name else p)
        return self.apply(f"Rename {name} to {new}", after)

    def delete_sector(self, name: str) -> bool:
        return self.apply(f"Delete sector {name}", actions.without_sector(self.map, name))

    def rename_sector(self, name: str) -> bool:
        new = self.ask_name(f"Rename sector {name}", "New name of the sector:")
        if not new or new == name:
            return False
        renamed = tuple(
            replace(sector, name=new) if sector.name == name else sector for sector in self.map.sectors
        )
        after = _each_place(
            replace(self.map, sectors=renamed), lambda p: replace(p, sector=new) if p.sector == name else p
        )
        return self.apply(f"Rename sector {name} to {new}", after)

    def delete_boundary(self) -> bool:
        after = self.map
        for sector in self.map.sectors:
            after = actions.without_sector(after, sector.name)
        return self.apply("Delete the boundary", replace(after, boundary=None))

    def _ring(self, points: Sequence[QPointF]) -> Ring:
        assert self.projection is not None
        positions = tuple(self.projection.to_degrees(point.x(), point.y()) for point in points)
        return (*positions, positions[0])

    # --- Files -----------------------------------------------------------------------------------

    def import_file(self, path: Path) -> bool:
        try:
            imported = actions.read_neighborhood_file(path=path)
        except BeatwalkError as error:
            self.refuse(str(error))
            return False
        done = self.apply(f"Import {path.name}", imported)
        if done:
            self.zoom_to_fit()
        return done

    def export_file(self, path: Path) -> None:
        try:
            actions.export_neighborhood_map(self.session.db, district=self.session.district, path=path)
        except BeatwalkError as error:
            self.refuse(str(error))
            return
        self.status.setText(f"Saved the boundary, sectors and places to {path}.")

    def load_streets(self, path: Path) -> None:
        try:
            self.streets = actions.read_streets(path=path)
        except BeatwalkError as error:
            self.refuse(str(error))
            return
        self.reload()
        skipped = f" ({self.streets.skipped} other features skipped)" if self.streets.skipped else ""
        self.status.setText(f"Showing {len(self.streets.lines)} streets from {path.name}{skipped}.")

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import the neighborhood", "", "GeoJSON (*.geojson *.json)"
        )
        if path:
            self.import_file(Path(path))

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the neighborhood", "neighborhood.geojson", "GeoJSON (*.geojson)"
        )
        if path:
            self.export_file(Path(path))

    def _choose_streets(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Show streets", "", "GeoJSON (*.geojson *.json)")
        if path:
            self.load_streets(Path(path))

    def _ask_name(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text.strip() if ok and text.strip() else None

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, "Neighborhood", message)


def _with_ring(boundary: Boundary, part: int, ring: Ring) -> Boundary:
    """The boundary with the outer ring of one part replaced, its holes kept."""
    polygons = list(boundary.polygons)
    polygons[part] = (ring, *polygons[part][1:])
    return Boundary(tuple(polygons))


def _moved_corners(old: Ring, new: Ring) -> dict[Position, Position]:
    """The corners a drag moved (old position: new one); none when corners were added or deleted."""
    if len(old) != len(new):
        return {}
    return {before: after for before, after in zip(old, new, strict=True) if before != after}


def _corners_moved(area: Boundary, moved: dict[Position, Position]) -> Boundary:
    """The area with its corners that lay on a moved corner moved with it: sectors follow the
    boundary's corners and each other's, so a shared border stays shared and inside the line."""
    if not moved:
        return area
    return Boundary(
        tuple(
            tuple(tuple(moved.get(point, point) for point in ring) for ring in polygon)
            for polygon in area.polygons
        )
    )


P = TypeVar("P", bound=Place)


def _each_place(neighborhood: NeighborhoodMap, change: Callable[[Place], Place | None]) -> NeighborhoodMap:
    """The map with `change` applied to every meeting point and landmark (None removes it).
    `change` keeps a place's kind, since it works with `dataclasses.replace`."""

    def each(places: tuple[P, ...]) -> tuple[P, ...]:
        changed = (change(place) for place in places)
        return tuple(cast(P, place) for place in changed if place is not None)

    return replace(
        neighborhood, meeting_points=each(neighborhood.meeting_points), landmarks=each(neighborhood.landmarks)
    )
