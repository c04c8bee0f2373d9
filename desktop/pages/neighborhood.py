"""The Neighborhood page: the map where the captain draws the boundary, the sectors, the meeting
points and the landmarks over streets and incidents, and the neighborhood profile beside it.

The page holds the map and turns each gesture into a new whole map (`neighborhood_edits`). An
edit is checked at once — a refused one changes nothing — then shown, pushed as one undo step and
saved on a worker (`Saves`), so the window never waits for the database; edits made while a save
runs are shown and saved after it, in order. A save refused because a colleague saved first (or
any other failed save) reloads the map as stored and clears the undo steps, which were made on
what is now stale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import (
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

from desktop.errors import tell_reload
from desktop.map.canvas import MapView, Tool
from desktop.map.commands import SaveCommand
from desktop.map.drawing import Shapes, layer_items
from desktop.map.projection import Projection
from desktop.map.saves import Saves
from desktop.map.shapes import EditablePolygon, PlaceMarker, VertexHandle
from desktop.pages.neighborhood_edits import (
    Ring,
    each_place,
    shape_name,
    with_boundary,
    with_hole,
    with_ring_edited,
    without_hole,
)
from desktop.pages.neighborhood_files import EXPORT, IMPORT, STREETS, FileChoice, ask_path
from desktop.pages.neighborhood_tools import layer_actions, tip, tool_actions, view_actions
from desktop.pages.profile_editor import ProfileEditor
from desktop.session import Session
from scheduler import actions
from scheduler.actions import (
    BeatwalkError,
    Boundary,
    Conflict,
    Landmark,
    MeetingPoint,
    NeighborhoodMap,
    Sector,
    Streets,
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
        # Replaced in tests: how the page asks for a name and shows a refusal.
        self.ask_name: Callable[[str, str], str | None] = self._ask_name
        self.warn: Callable[[str], None] = self._warn
        self.saves = Saves(session, self)
        self.saves.saved.connect(self._saved)
        self.saves.failed.connect(self._save_failed)

        self.view = MapView()
        self.shapes = Shapes(
            self.view.scene(),
            lambda item, ring, points: self._ring_edited(item, ring, points, "Move a point of"),
            self._place_moved,
        )
        self.view.polygon_drawn.connect(self._polygon_drawn)
        self.view.point_placed.connect(self._point_placed)
        self.view.vertex_added.connect(
            lambda item, ring, points: self._ring_edited(item, ring, points, "Add a point to")
        )
        self.view.delete_requested.connect(self.delete_selected)
        self.view.menu_requested.connect(self._menu)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Map messages")
        self.profile = ProfileEditor(session, self.saves, self.refuse)

        self.toolbar = QToolBar("Map tools")
        self.view_bar = QToolBar("Map view and files")
        self.tool_actions = tool_actions(self, self.toolbar, self.view, self.set_tool)
        view_actions(self, self.view_bar, self.view, self.zoom_to_fit)
        self.layer_actions = layer_actions(
            self,
            self.view_bar,
            self.show_layer,
            tuple(
                (choice.text, choice.hint, partial(self._ask_file, choice, act))
                for choice, act in (
                    (IMPORT, self.import_file),
                    (EXPORT, self.export_file),
                    (STREETS, self.load_streets),
                )
            ),
        )
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

    # --- View ----------------------------------------------------------------------------------------

    def set_tool(self, tool: Tool) -> None:
        self.view.set_tool(tool)
        self.tool_actions[tool].setChecked(True)
        self.status.setText(tip(tool))
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
        if self.saves.announcing:  # this page's own save: the map shown is the one saved
            return
        if what == "neighborhood":
            self.reload(layers=False)
        elif what == "incidents":
            self.reload()

    def reload(self, layers: bool = True) -> None:
        """Read the map again and redraw it; `layers=False` keeps the streets, incidents and hot
        spots as drawn (an edit of the map changes none of them, and 20,000 incidents take a
        noticeable moment to read and project). While saves run, the map shown is ahead of the
        stored one and stays."""
        db, district = self.session.db, self.session.district
        if not self.saves.busy:
            stored = actions.neighborhood_map(db, district=district)
            self.map = stored.value
            self.saves.read("map", stored.version)
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
        elif self.status.text() == HINT:  # a boundary came (an import, a colleague's reload)
            self.status.clear()

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
        self.layers = layer_items(self.projection, self.streets, self.incidents)
        for key, item in self.layers.items():
            item.setVisible(self.layer_actions[key].isChecked())
            scene.addItem(item)

    def _draw_shapes(self) -> None:
        assert self.projection is not None
        self.shapes.draw(self.map, self.projection)

    # --- Edits -----------------------------------------------------------------------------------

    def apply(self, text: str, after: NeighborhoodMap) -> bool:
        """Check the edited map and make it one undo step, shown at once and saved on a worker;
        a refused edit changes nothing."""
        try:
            actions.check_neighborhood_map(after)
        except BeatwalkError as error:
            self._draw_shapes()  # puts back what the hand moved
            self.refuse(str(error))
            return False
        self.session.undo_stack.push(SaveCommand(text, self._show_and_save, self.map, after))
        self.status.setText(f"{text}: saving…")
        return True

    def _show_and_save(self, neighborhood: NeighborhoodMap) -> None:
        self.map = neighborhood
        self.view.cancel_drawing()
        self._draw_shapes()
        db, district, user = self.session.db, self.session.district, self.session.user
        self.saves.submit(
            "map",
            lambda expected: actions.save_neighborhood_map(
                db, district=district, neighborhood=neighborhood, expected_version=expected, user=user
            ),
        )

    def _saved(self, part: str) -> None:
        if part == "map" and not self.saves.busy:
            self.status.setText("Saved." if self.map.boundary is not None else HINT)

    def _save_failed(self, error: Exception) -> None:
        """A save was refused (a colleague saved first) or failed: what is shown and the undo
        steps were made on a neighborhood that is not the stored one, so both are replaced by it."""
        if isinstance(error, BeatwalkError):
            conflict = isinstance(error, Conflict)
            self.status.setText(str(error))
            tell_reload(
                self,
                "Someone else saved the neighborhood" if conflict else "The neighborhood was not saved",
                f"{error}.\n\nYour change was not saved. The neighborhood is reloaded as it is saved "
                "now; undo cannot go back past the reload.",
            )
        self.session.undo_stack.clear()
        self.reload(layers=False)
        self.profile.reload()
        if not isinstance(error, BeatwalkError):
            raise error  # a bug in Beatwalk: for the log

    def refuse(self, message: str) -> None:
        self.status.setText(message)
        self.warn(message)

    def _polygon_drawn(self, tool: Tool, points: list[QPointF]) -> None:
        ring = self._ring(points)
        if tool is Tool.SECTOR:
            self._sector_drawn(ring)
            return
        if tool is Tool.HOLE and self.map.boundary is None:
            self.refuse("Draw or import the neighborhood's boundary first: holes are cut in it.")
            return
        try:
            if tool is Tool.HOLE:
                text, after = "Cut a hole in the boundary", with_hole(self.map, ring)
            else:
                text, after = "Draw the boundary", with_boundary(self.map, Boundary(((ring,),)))
        except BeatwalkError as error:
            self.refuse(str(error))
            return
        self.apply(text, after)

    def _sector_drawn(self, ring: Ring) -> None:
        if self.map.boundary is None:
            self.refuse("Draw or import the neighborhood's boundary first: sectors lie inside it.")
            return
        drawn = Boundary(((ring,),))
        area = actions.clip_to_boundary(self.map.boundary, drawn)
        if area is None:
            self.refuse("The sector lies outside the boundary: draw it inside the neighborhood.")
            return
        name = self.ask_name("New sector", "Name of the sector:")
        if name:
            self.apply(
                f"Draw sector {name}", replace(self.map, sectors=(*self.map.sectors, Sector(name, area)))
            )

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

    def _ring_edited(self, item: EditablePolygon, ring: int, points: list[QPointF], verb: str) -> None:
        if len(points) < 3:
            self.refuse(
                "A boundary, sector or hole needs at least 3 corners; delete the whole shape instead."
            )
            return
        owner, part = item.data(0)
        after = with_ring_edited(self.map, owner, part, ring, self._ring(points))
        self.apply(f"{verb} {'a hole of ' if ring else ''}{shape_name(owner)}", after)

    def _place_moved(self, place: MeetingPoint | Landmark, point: QPointF) -> None:
        assert self.projection is not None
        longitude, latitude = self.projection.to_degrees(point.x(), point.y())
        moved = replace(
            place,
            latitude=latitude,
            longitude=longitude,
            sector=actions.sector_at(self.map, latitude, longitude),
        )
        after = each_place(self.map, lambda p: moved if p == place else p)
        self.apply(f"Move {place.name}", after)

    def delete_selected(self) -> None:
        """Delete the selected corners (one shape at a time) or the selected places."""
        selected = self.view.scene().selectedItems()
        handles = [item for item in selected if isinstance(item, VertexHandle)]
        names = {item.name for item in selected if isinstance(item, PlaceMarker)}
        if names:
            self.delete_places(names)
        elif handles:
            owner, ring = handles[0].owner, handles[0].ring
            points = [handle.pos() for handle in owner.rings[ring] if handle not in handles]
            self._ring_edited(owner, ring, points, "Delete a point of")

    def menu_actions(self, where: QPoint) -> list[tuple[str, Callable[[], object]]]:
        """What a right click at `where` (viewport pixels) offers: the places, hole, sector and
        boundary under it."""
        assert self.projection is not None
        found: list[tuple[str, Callable[[], object]]] = []
        scene = self.view.mapToScene(where)
        for item in self.view.items(where):
            if isinstance(item, PlaceMarker):
                found.append((f"Rename {item.name}…", partial(self.rename_place, item.name)))
                found.append((f"Delete {item.name}", partial(self.delete_places, {item.name})))
            if isinstance(item, EditablePolygon):
                for ring in item.holes_at(scene):
                    shape = shape_name(item.data(0)[0])
                    found.append((f"Delete this hole of {shape}", partial(self.delete_hole, item, ring)))
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
        after = each_place(self.map, lambda p: None if p.name in names else p)
        return self.apply(f"Delete {', '.join(sorted(names))}", after)

    def rename_place(self, name: str) -> bool:
        new = self.ask_name(f"Rename {name}", "New name:")
        if not new or new == name:
            return False
        after = each_place(self.map, lambda p: replace(p, name=new) if p.name == name else p)
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
        after = each_place(
            replace(self.map, sectors=renamed), lambda p: replace(p, sector=new) if p.sector == name else p
        )
        return self.apply(f"Rename sector {name} to {new}", after)

    def delete_hole(self, item: EditablePolygon, ring: int) -> bool:
        owner, part = item.data(0)
        return self.apply(f"Delete a hole of {shape_name(owner)}", without_hole(self.map, owner, part, ring))

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
        if self.saves.busy:  # the file is written from the database, which is catching up
            self.refuse("Your last change is still being saved; export again in a moment.")
            return
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

    def _ask_file(self, choice: FileChoice, act: Callable[[Path], object]) -> None:
        path = ask_path(self, choice)
        if path is not None:
            act(path)

    def _ask_name(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text.strip() if ok and text.strip() else None

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, "Neighborhood", message)
