"""The Neighborhood page driven as a captain would: clicks and drags on the map, the profile's
tables, undo and redo; every check is on what the database holds afterwards."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.map.canvas import Tool
from desktop.map.layers import PointsItem
from desktop.map.shapes import EditablePolygon, PlaceMarker
from desktop.pages.neighborhood import NeighborhoodPage
from scheduler import actions
from scheduler.actions import Boundary, Group, NeighborhoodMap, Profile, Sector
from tests.desktop.neighborhood_data import MAP, box, store_incidents, write_streets

DEMO_PROFILE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "profile.toml"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture
def page(session, qtbot, tmp_path) -> Iterator[NeighborhoodPage]:
    """The page on a district without a boundary, the streets loaded so the map has its place."""
    page = NeighborhoodPage(session)
    page.warnings = []  # type: ignore[attr-defined]
    page.warn = page.warnings.append  # type: ignore[attr-defined]
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    page.load_streets(write_streets(tmp_path / "streets.geojson"))
    yield page
    wait_saved(page)  # before the database closes


@pytest.fixture
def drawn(session, page) -> NeighborhoodPage:
    """The page with the test neighborhood stored and shown."""
    overwrite(session, MAP)
    page.zoom_to_fit()
    return page


def save_over(session, neighborhood: NeighborhoodMap, user: str) -> None:
    """Save a map over the stored one (read, then save), as a colleague's window would."""
    version = actions.neighborhood_map(session.db, district=session.district).version
    actions.save_neighborhood_map(
        session.db, district=session.district, neighborhood=neighborhood, expected_version=version, user=user
    )


def overwrite(session, neighborhood: NeighborhoodMap) -> None:
    """Save a map over the stored one and tell the pages, as an import in this window does."""
    save_over(session, neighborhood, "alvarez")
    session.notify("neighborhood")


def wait_saved(page: NeighborhoodPage) -> None:
    """Let the page's saves (on workers) finish."""
    deadline = time.monotonic() + 10
    while page.saves.busy and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.002)
    assert not page.saves.busy


def stored(page: NeighborhoodPage) -> NeighborhoodMap:
    """What the database holds once the page's saves are done."""
    wait_saved(page)
    return actions.neighborhood_map(page.session.db, district=page.session.district).value


def stored_profile(page: NeighborhoodPage) -> Profile:
    wait_saved(page)
    return actions.neighborhood_profile(page.session.db, district=page.session.district)


def at(page: NeighborhoodPage, longitude: float, latitude: float) -> QPoint:
    """Where a place on Earth is in the map's viewport."""
    assert page.projection is not None
    return page.view.mapFromScene(QPointF(*page.projection.to_scene(longitude, latitude)))


def click(qtbot, page: NeighborhoodPage, longitude: float, latitude: float, double: bool = False) -> None:
    where = at(page, longitude, latitude)
    if double:
        qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    else:
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=where)


def drag(page: NeighborhoodPage, start: QPoint, end: QPoint) -> None:
    viewport = page.view.viewport()
    for kind, where, button, buttons in (
        (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, (start + end) / 2, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, end, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton),
    ):
        position = QPointF(where)
        event = QMouseEvent(
            kind, position, viewport.mapToGlobal(position), button, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(viewport, event)


def corners(page: NeighborhoodPage) -> list[tuple[float, float]]:
    boundary = stored(page).boundary
    assert boundary is not None
    return [(round(lon, 4), round(lat, 4)) for lon, lat in boundary.polygons[0][0]]


def test_drawing_a_boundary_saves_it(session, page, qtbot):
    page.set_tool(Tool.BOUNDARY)
    square = [(-84.21, 39.77), (-84.18, 39.77), (-84.18, 39.79), (-84.21, 39.79)]
    for longitude, latitude in square:
        click(qtbot, page, longitude, latitude)
    click(qtbot, page, *square[-1], double=True)
    assert corners(page) == [*square, square[0]]
    assert session.undo_stack.undoText() == "Draw the boundary"
    assert [item for item in page.view.scene().items() if isinstance(item, EditablePolygon)]
    session.undo_stack.undo()
    assert stored(page).boundary is None


def test_a_self_intersecting_boundary_is_refused_with_its_reason_and_nothing_saved(session, page, qtbot):
    page.set_tool(Tool.BOUNDARY)
    bowtie = [(-84.21, 39.77), (-84.18, 39.79), (-84.18, 39.77), (-84.21, 39.79)]
    for longitude, latitude in bowtie:
        click(qtbot, page, longitude, latitude)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert stored(page) == NeighborhoodMap()
    assert len(page.warnings) == 1
    assert page.warnings[0] == (
        "the drawn neighborhood, field 'boundary': the outer ring crosses itself: "
        "its edge from point 1 to 2 meets its edge from point 3 to 4"
    )
    assert page.status.text() == page.warnings[0]
    assert session.undo_stack.count() == 0


def test_moving_a_corner_is_saved_and_undone_and_redone(session, drawn, qtbot):
    start, end = at(drawn, -84.18, 39.79), at(drawn, -84.175, 39.795)
    drag(drawn, start, end)
    qtbot.waitUntil(lambda: session.undo_stack.count() == 1)
    moved = corners(drawn)
    assert moved[2] == pytest.approx((-84.175, 39.795), abs=2e-4)
    assert session.undo_stack.undoText() == "Move a point of the boundary"
    session.undo_stack.undo()
    assert stored(drawn) == MAP
    session.undo_stack.redo()
    assert corners(drawn) == moved
    # the map shows what is stored: the handle is where the corner now is
    boundary = next(i for i in drawn.view.scene().items() if isinstance(i, EditablePolygon) and not i.label)
    assert drawn.view.mapFromScene(boundary.points()[2]) == end


def test_a_corner_is_added_by_double_click_on_an_edge_and_deleted_with_the_delete_key(session, drawn, qtbot):
    click(qtbot, drawn, -84.195, 39.77, double=True)  # on the southern edge
    qtbot.waitUntil(lambda: session.undo_stack.count() == 1)
    assert len(corners(drawn)) == 6
    boundary = next(i for i in drawn.view.scene().items() if isinstance(i, EditablePolygon) and not i.label)
    boundary.handles[1].setSelected(True)
    qtbot.keyClick(drawn.view, Qt.Key.Key_Delete)
    assert len(corners(drawn)) == 5
    assert session.undo_stack.undoText() == "Delete a point of the boundary"


def test_adding_a_meeting_point_and_a_landmark_puts_them_in_their_sector(session, drawn, qtbot):
    names = iter(["Corner store, Oak & 5th", "Old church"])
    drawn.ask_name = lambda title, label: next(names)
    drawn.set_tool(Tool.MEETING_POINT)
    click(qtbot, drawn, -84.205, 39.775)
    drawn.set_tool(Tool.LANDMARK)
    click(qtbot, drawn, -84.19, 39.785)
    result = stored(drawn)
    point = result.meeting_points[-1]
    assert (point.name, point.sector) == ("Corner store, Oak & 5th", "South")
    assert (point.longitude, point.latitude) == pytest.approx((-84.205, 39.775), abs=2e-4)
    assert (result.landmarks[-1].name, result.landmarks[-1].sector) == ("Old church", "North")
    markers = {item.name for item in drawn.view.scene().items() if isinstance(item, PlaceMarker)}
    assert {"Corner store, Oak & 5th", "Old church", "Library steps"} <= markers
    session.undo_stack.undo()
    assert stored(drawn).landmarks == MAP.landmarks


def test_a_sector_drawn_across_the_boundary_is_clipped_to_it(session, drawn, qtbot):
    drawn.ask_name = lambda title, label: "East"
    drawn.set_tool(Tool.SECTOR)
    for longitude, latitude in [(-84.19, 39.775), (-84.17, 39.775), (-84.17, 39.785)]:
        click(qtbot, drawn, longitude, latitude)
    click(qtbot, drawn, -84.19, 39.785, double=True)
    east = stored(drawn).sectors[-1]
    assert east.name == "East"
    assert max(lon for lon, _ in east.area.polygons[0][0]) == pytest.approx(-84.18)


def test_geojson_export_and_import_round_trip_and_a_bad_file_changes_nothing(session, drawn, tmp_path):
    out = tmp_path / "neighborhood.geojson"
    drawn.export_file(out)
    assert out.exists()
    overwrite(session, NeighborhoodMap())
    assert drawn.import_file(out)
    assert stored(drawn) == MAP
    bad = tmp_path / "bad.geojson"
    data = json.loads(out.read_text(encoding="utf-8"))
    data["features"][1]["properties"]["sector"] = ""
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert not drawn.import_file(bad)
    assert drawn.warnings == [f"{bad}, field 'features[1].properties.sector': expected a name, got \"\""]
    assert stored(drawn) == MAP
    session.undo_stack.undo()  # the import
    assert stored(drawn) == NeighborhoodMap()


def test_layers_show_incidents_as_one_item_and_can_be_hidden(session, drawn, tmp_path):
    store_incidents(session, tmp_path, 300)
    session.notify("incidents")
    points = drawn.layers["incidents"]
    assert isinstance(points, PointsItem) and points.count() == 300
    drawn.layer_actions["density"].setChecked(False)
    assert not drawn.layers["density"].isVisible()
    assert drawn.layers["incidents"].isVisible()


def button(page: NeighborhoodPage, name: str) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.accessibleName() == name)


def test_profile_edits_are_saved_and_undone(session, drawn, qtbot):
    editor = drawn.profile
    qtbot.mouseClick(button(drawn, "Add to community groups"), Qt.MouseButton.LeftButton)
    model = editor.groups
    assert model.setData(model.index(0, 0), "Oak Street Block Club")
    assert model.setData(model.index(0, 2), "(937) 555-0100")
    groups = stored_profile(drawn).groups
    assert [(g.name, g.phone) for g in groups] == [("Oak Street Block Club", "(937) 555-0100")]
    session.undo_stack.undo()
    groups = stored_profile(drawn).groups
    assert [(g.name, g.phone) for g in groups] == [("Oak Street Block Club", "")]
    assert model.data(model.index(0, 2)) == ""

    qtbot.mouseClick(button(drawn, "Add to upcoming events"), Qt.MouseButton.LeftButton)
    events = editor.events
    assert events.data(events.index(0, 1)) == "2026-12-04"  # two weeks after the session's clock
    assert not events.setData(events.index(0, 1), "next Friday")
    assert drawn.warnings == [
        "the neighborhood profile, field 'events[1].date': 'next Friday' is not a date written YYYY-MM-DD"
    ]
    assert events.setData(events.index(0, 1), "2026-12-12")
    stored_events = stored_profile(drawn).events
    assert stored_events[0].date == date(2026, 12, 12)

    assert not model.setData(model.index(0, 0), " ")
    assert "field 'groups[1].name': every entry needs a name" in drawn.warnings[-1]
    assert model.data(model.index(0, 0)) == "Oak Street Block Club"
    # the map's places are not touched by profile edits
    assert stored(drawn).meeting_points == MAP.meeting_points


def test_screenshot_of_the_page(session, drawn, tmp_path):
    overwrite(session, NeighborhoodMap())
    actions.import_profile(session.db, district=session.district, path=DEMO_PROFILE)
    overwrite(session, MAP)
    store_incidents(session, tmp_path, 600)
    session.notify("incidents")
    session.notify("profile")
    drawn.zoom_to_fit()
    assert drawn.profile.groups.rowCount() > 0
    SCREENSHOTS.mkdir(exist_ok=True)
    assert drawn.grab().save(str(SCREENSHOTS / "neighborhood.png"))


def run_menu(page: NeighborhoodPage, longitude: float, latitude: float, text: str) -> None:
    offered = dict(page.menu_actions(at(page, longitude, latitude)))
    offered[text]()


def test_the_right_click_menu_renames_a_place_and_deletes_a_sector(session, drawn):
    drawn.ask_name = lambda title, label: "Main library steps"
    run_menu(drawn, -84.2010, 39.7885, "Rename Library steps…")
    assert [p.name for p in stored(drawn).meeting_points] == [
        "Main library steps",
        "Bus shelter, Wayne Ave",
    ]
    run_menu(drawn, -84.19, 39.775, "Delete sector South")
    result = stored(drawn)
    assert [sector.name for sector in result.sectors] == ["North"]
    assert result.meeting_points[1].sector is None  # the bus shelter stays, in no sector
    session.undo_stack.undo()
    assert stored(drawn).sectors == MAP.sectors
    run_menu(drawn, -84.19, 39.775, "Delete the boundary and its sectors")
    assert (stored(drawn).boundary, stored(drawn).sectors) == (None, ())


def test_the_map_pans_with_the_arrow_keys_and_zooms_with_plus_minus_and_to_fit(drawn, qtbot):
    view = drawn.view
    drawn.view.zoom(2.0)
    scroll = view.horizontalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.horizontalScrollBar().value() > scroll
    scale = view.transform().m11()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().m11() == pytest.approx(scale * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.transform().m11() == pytest.approx(scale)
    drawn.zoom_to_fit()
    corner = at(drawn, -84.21, 39.79)
    assert view.viewport().rect().contains(corner)
    assert view.viewport().rect().contains(at(drawn, -84.18, 39.77))


def test_screenshot_of_a_new_district_says_how_to_start(session, qtbot):
    page = NeighborhoodPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    assert page.status.text().startswith("No boundary yet")
    SCREENSHOTS.mkdir(exist_ok=True)
    assert page.grab().save(str(SCREENSHOTS / "neighborhood-empty.png"))


def _with_middle_corner(sector: Sector) -> Sector:
    """The sector with a corner in the middle of its edge on 39.78 N, which North and South share."""
    ring = list(sector.area.polygons[0][0])
    for index, ((lon1, lat1), (lon2, lat2)) in enumerate(itertools.pairwise(ring)):
        if lat1 == lat2 == 39.78:
            ring.insert(index + 1, ((lon1 + lon2) / 2, 39.78))
            break
    return Sector(sector.name, Boundary(((tuple(ring),),)))


def test_moving_a_corner_two_sectors_share_moves_it_in_both(session, drawn, qtbot):
    drag(drawn, at(drawn, -84.195, 39.78), at(drawn, -84.195, 39.785))  # no corner there: a pan
    assert session.undo_stack.count() == 0
    overwrite(session, replace(MAP, sectors=tuple(_with_middle_corner(sector) for sector in MAP.sectors)))
    drag(drawn, at(drawn, -84.195, 39.78), at(drawn, -84.195, 39.782))
    qtbot.waitUntil(lambda: session.undo_stack.count() == 1)
    north, south = stored(drawn).sectors
    for sector in (north, south):
        middle = [(round(lon, 3), round(lat, 3)) for lon, lat in sector.area.polygons[0][0]]
        assert (-84.195, 39.782) in middle


def test_a_redrawn_boundary_clips_the_sectors_to_it(session, drawn, qtbot):
    drawn.set_tool(Tool.BOUNDARY)
    smaller = [(-84.21, 39.77), (-84.19, 39.77), (-84.19, 39.785), (-84.21, 39.785)]
    for longitude, latitude in smaller:
        click(qtbot, drawn, longitude, latitude)
    qtbot.keyClick(drawn.view, Qt.Key.Key_Return)
    assert drawn.warnings == []
    north, south = stored(drawn).sectors
    for sector in (north, south):
        ring = sector.area.polygons[0][0]
        assert max(lon for lon, _ in ring) == pytest.approx(-84.19, abs=2e-4)
    assert max(lat for _, lat in north.area.polygons[0][0]) == pytest.approx(39.785, abs=2e-4)
    session.undo_stack.undo()
    assert stored(drawn) == MAP


# --- A colleague saved first -------------------------------------------------------------------

THEIRS = NeighborhoodMap(box(-84.22, 39.76, -84.17, 39.80))


def colleague_saves(session, neighborhood: NeighborhoodMap) -> None:
    """Another window on the same database saves: this window's pages are not told."""
    save_over(session, neighborhood, "okafor")


def boundary_item(page: NeighborhoodPage) -> EditablePolygon:
    return next(i for i in page.view.scene().items() if isinstance(i, EditablePolygon) and not i.label)


def test_an_edit_after_a_colleagues_save_offers_the_reload_and_shows_their_map(session, drawn, dialogs):
    colleague_saves(session, THEIRS)
    run_menu(drawn, -84.19, 39.775, "Delete sector South")
    assert stored(drawn) == THEIRS  # nothing of this edit was saved
    assert len(dialogs) == 1
    assert "was changed by okafor at 2026-" in dialogs[0]
    assert "Your change was not saved" in dialogs[0]
    assert drawn.map == THEIRS  # reloaded
    assert THEIRS.boundary is not None and drawn.projection is not None
    shown = [(point.x(), point.y()) for point in boundary_item(drawn).points()]
    theirs = [drawn.projection.to_scene(*corner) for corner in THEIRS.boundary.polygons[0][0][:-1]]
    assert [coordinate for point in shown for coordinate in point] == pytest.approx(
        [coordinate for point in theirs for coordinate in point]
    )
    assert session.undo_stack.count() == 0
    run_menu(drawn, -84.19, 39.775, "Delete the boundary and its sectors")  # now on their version
    assert stored(drawn) == NeighborhoodMap()
    assert len(dialogs) == 1


def test_undo_of_a_step_a_colleague_saved_over_is_refused_the_same_way(session, drawn, qtbot, dialogs):
    run_menu(drawn, -84.19, 39.775, "Delete sector South")
    assert [sector.name for sector in stored(drawn).sectors] == ["North"]
    colleague_saves(session, THEIRS)
    session.undo_stack.undo()
    assert stored(drawn) == THEIRS  # their save stays
    assert len(dialogs) == 1 and "changed by okafor" in dialogs[0]
    assert drawn.map == THEIRS and session.undo_stack.count() == 0


def test_a_profile_edit_after_a_colleagues_save_offers_the_reload(session, drawn, qtbot, dialogs):
    version = actions.community_profile(session.db, district=session.district).version
    theirs = Profile(groups=(Group("Wayne Ave Merchants", "Lee", "555-0123"),))
    actions.save_community_profile(
        session.db, district=session.district, profile=theirs, expected_version=version, user="okafor"
    )
    qtbot.mouseClick(button(drawn, "Add to community groups"), Qt.MouseButton.LeftButton)
    assert stored_profile(drawn).groups == theirs.groups
    assert len(dialogs) == 1 and "changed by okafor" in dialogs[0]
    assert drawn.profile.groups.rows == theirs.groups


def test_quick_edits_of_the_map_and_the_profile_in_one_window_do_not_refuse_each_other(
    session, drawn, qtbot, dialogs
):
    run_menu(drawn, -84.19, 39.775, "Delete sector South")  # its save still running...
    qtbot.mouseClick(button(drawn, "Add to community groups"), Qt.MouseButton.LeftButton)  # ...queued
    run_menu(drawn, -84.19, 39.785, "Delete sector North")
    assert drawn.saves.busy
    assert stored(drawn).sectors == ()
    assert [group.name for group in stored_profile(drawn).groups] == ["New group 1"]
    assert dialogs == []
    assert session.undo_stack.count() == 3


# --- Holes -------------------------------------------------------------------------------------

PARK = ((-84.20, 39.783), (-84.19, 39.783), (-84.19, 39.787), (-84.20, 39.787), (-84.20, 39.783))
OUTER = MAP.boundary.polygons[0][0] if MAP.boundary is not None else ()
NORTH = next(sector for sector in MAP.sectors if sector.name == "North")
HOLED = replace(
    MAP,
    boundary=Boundary(((OUTER, PARK),)),
    sectors=tuple(
        Sector(sector.name, Boundary(((sector.area.polygons[0][0], PARK),))) if sector is NORTH else sector
        for sector in MAP.sectors
    ),
    landmarks=(),  # the water tower stood in the park
)


@pytest.fixture
def holed(session, page) -> NeighborhoodPage:
    """The page with a boundary with a hole (a park) in its North sector."""
    overwrite(session, HOLED)
    page.zoom_to_fit()
    return page


def test_a_hole_is_drawn_unfilled_and_its_corners_move_with_undo(session, holed, qtbot):
    boundary = boundary_item(holed)
    assert boundary.path().fillRule() == Qt.FillRule.OddEvenFill
    assert len(boundary.rings) == 2 and len(boundary.path().toSubpathPolygons()) == 2
    assert holed.projection is not None
    in_the_park = QPointF(*holed.projection.to_scene(-84.195, 39.785))
    assert not boundary.path().contains(in_the_park)  # what is painted: the park is not filled
    assert boundary.path().contains(QPointF(*holed.projection.to_scene(-84.195, 39.775)))

    drag(holed, at(holed, -84.19, 39.787), at(holed, -84.188, 39.788))
    qtbot.waitUntil(lambda: session.undo_stack.count() == 1)
    assert session.undo_stack.undoText() == "Move a point of a hole of the boundary"
    moved = stored(holed)
    assert moved.boundary is not None
    outer, park = moved.boundary.polygons[0]
    assert outer == OUTER
    assert park[2] == pytest.approx((-84.188, 39.788), abs=2e-4)
    north = next(sector for sector in moved.sectors if sector.name == "North")
    assert north.area.polygons[0][1][2] == park[2]  # the sector's hole follows the boundary's
    session.undo_stack.undo()
    assert stored(holed) == HOLED


def test_a_hole_moved_across_the_outer_ring_is_refused_and_nothing_saved(session, holed, qtbot):
    drag(holed, at(holed, -84.19, 39.787), at(holed, -84.175, 39.795))
    qtbot.waitUntil(lambda: bool(holed.warnings))
    assert holed.warnings == [
        "the drawn neighborhood, field 'boundary': hole 1 touches or crosses the outer ring: its edge "
        "from point 2 to 3 meets the edge from point 3 to 4 of the outer ring"
    ]
    assert stored(holed) == HOLED
    assert session.undo_stack.count() == 0
    assert holed.projection is not None  # the corner is put back
    assert boundary_item(holed).points(1)[2] == QPointF(*holed.projection.to_scene(-84.19, 39.787))


def test_the_toolbars_export_and_import_ask_for_a_file_and_a_cancel_changes_nothing(
    session, drawn, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "chosen.geojson"
    answers = {"save": str(out), "open": str(out)}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (answers["save"], ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (answers["open"], ""))
    toolbar = {action.text(): action for action in drawn.view_bar.actions()}
    toolbar["Export…"].trigger()
    assert out.exists()
    overwrite(session, NeighborhoodMap())
    steps = session.undo_stack.count()
    answers["open"] = ""  # cancelled
    toolbar["Import…"].trigger()
    assert stored(drawn) == NeighborhoodMap() and session.undo_stack.count() == steps
    answers["open"] = str(out)
    toolbar["Import…"].trigger()
    assert stored(drawn) == MAP


def test_holes_are_exported_and_imported(session, holed, tmp_path):
    out = tmp_path / "holed.geojson"
    holed.export_file(out)
    overwrite(session, NeighborhoodMap())
    assert holed.import_file(out)
    assert stored(holed) == HOLED


def test_screenshot_of_a_boundary_with_a_hole(session, holed, tmp_path):
    store_incidents(session, tmp_path, 300)
    session.notify("incidents")
    holed.zoom_to_fit()
    SCREENSHOTS.mkdir(exist_ok=True)
    assert holed.grab().save(str(SCREENSHOTS / "neighborhood-hole.png"))


def test_an_export_while_an_edit_is_saved_asks_to_wait(session, drawn, tmp_path):
    out = tmp_path / "neighborhood.geojson"
    run_menu(drawn, -84.19, 39.775, "Delete sector South")
    assert drawn.saves.busy
    drawn.export_file(out)
    assert drawn.warnings == ["Your last change is still being saved; export again in a moment."]
    assert not out.exists()
    wait_saved(drawn)
    drawn.export_file(out)
    assert [sector.name for sector in actions.read_neighborhood_file(path=out).sectors] == ["North"]


def test_a_corner_of_a_hole_is_deleted_with_the_delete_key(session, holed, qtbot):
    hole = boundary_item(holed).rings[1]
    hole[0].setSelected(True)
    qtbot.keyClick(holed.view, Qt.Key.Key_Delete)
    assert session.undo_stack.undoText() == "Delete a point of a hole of the boundary"
    result = stored(holed)
    assert result.boundary is not None
    assert result.boundary.polygons[0][1] == (*PARK[1:4], PARK[1])  # a triangle, closed
    assert result.boundary.polygons[0][0] == OUTER


def test_the_right_click_menu_fills_in_a_hole(session, holed):
    offered = dict(holed.menu_actions(at(holed, -84.195, 39.785)))
    assert "Delete this hole of the boundary" in offered
    assert "Delete this hole of sector North" in offered
    offered["Delete this hole of the boundary"]()
    result = stored(holed)
    assert result.boundary is not None and result.boundary.polygons == ((OUTER,),)
    assert "Delete this hole of the boundary" not in dict(holed.menu_actions(at(holed, -84.195, 39.785)))
    session.undo_stack.undo()
    assert stored(holed) == HOLED


def test_a_save_the_database_refuses_reloads_the_map_and_says_why(session, drawn, dialogs, monkeypatch):
    def gone(*args, **kwargs):
        raise actions.StoreError("the database server cannot be reached")

    monkeypatch.setattr(actions, "save_neighborhood_map", gone)
    run_menu(drawn, -84.19, 39.775, "Delete sector South")
    assert [sector.name for sector in drawn.map.sectors] == ["North"]  # shown at once
    wait_saved(drawn)
    assert len(dialogs) == 1 and dialogs[0].startswith("the database server cannot be reached.")
    assert drawn.map == MAP and session.undo_stack.count() == 0


def test_a_hole_is_cut_in_the_boundary_and_out_of_its_sector(session, drawn, qtbot):
    drawn.set_tool(Tool.HOLE)
    yard = [(-84.186, 39.784), (-84.183, 39.784), (-84.183, 39.787), (-84.186, 39.787)]
    for longitude, latitude in yard:
        click(qtbot, drawn, longitude, latitude)
    qtbot.keyClick(drawn.view, Qt.Key.Key_Return)
    assert drawn.warnings == []
    assert session.undo_stack.undoText() == "Cut a hole in the boundary"
    result = stored(drawn)
    assert result.boundary is not None
    outer, hole = result.boundary.polygons[0]
    assert outer == OUTER
    assert [(round(lon, 4), round(lat, 4)) for lon, lat in hole] == [*yard, yard[0]]
    north, south = result.sectors
    assert len(north.area.polygons[0]) == 2  # the sector has the hole too
    assert south == MAP.sectors[1]
    session.undo_stack.undo()
    assert stored(drawn) == MAP


def test_a_hole_across_the_boundary_is_refused(session, drawn, qtbot):
    drawn.set_tool(Tool.HOLE)
    for longitude, latitude in [(-84.185, 39.784), (-84.175, 39.784), (-84.175, 39.787)]:
        click(qtbot, drawn, longitude, latitude)
    qtbot.keyClick(drawn.view, Qt.Key.Key_Return)
    assert len(drawn.warnings) == 1
    assert drawn.warnings[0].startswith("the drawn neighborhood, field 'boundary': hole 1 ")
    assert stored(drawn) == MAP and session.undo_stack.count() == 0


def test_a_self_intersecting_boundary_drawn_over_sectors_is_refused(session, drawn, qtbot):
    drawn.set_tool(Tool.BOUNDARY)
    for longitude, latitude in [(-84.21, 39.77), (-84.18, 39.79), (-84.18, 39.77), (-84.21, 39.79)]:
        click(qtbot, drawn, longitude, latitude)
    qtbot.keyClick(drawn.view, Qt.Key.Key_Return)
    assert len(drawn.warnings) == 1 and "the outer ring crosses itself" in drawn.warnings[0]
    assert stored(drawn) == MAP and session.undo_stack.count() == 0


def test_the_hint_for_a_new_district_goes_when_a_boundary_comes(session, page):
    page.reload()
    assert page.status.text().startswith("No boundary yet")
    overwrite(session, MAP)
    assert page.status.text() == ""
