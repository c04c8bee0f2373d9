"""The Neighborhood page's two toolbars: the drawing tools (one checked at a time, each with a
key on the map), and the view, layer and file actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar

from desktop.map.canvas import MapView, Tool

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
    (
        Tool.HOLE,
        "Cut a &hole",
        "H",
        "Click the corners of a hole in the boundary (a park, a rail yard); double-click ends",
    ),
    (Tool.MEETING_POINT, "Add &meeting point", "M", "Click where walks should meet"),
    (Tool.LANDMARK, "Add &landmark", "L", "Click a place residents know"),
)
LAYERS = (("streets", "Streets"), ("incidents", "Incidents"), ("density", "Hot spots"))
Slot = Callable[[], object]


def tip(tool: Tool) -> str:
    return next(text for chosen, _, _, text in TOOLS if chosen is tool)


def tool_actions(
    owner: QObject, toolbar: QToolBar, view: MapView, choose: Callable[[Tool], None]
) -> dict[Tool, QAction]:
    """The drawing tools, on the toolbar and as keys on the map (Select checked)."""
    group = QActionGroup(owner)
    found = {}
    for tool, text, key, hint in TOOLS:
        action = QAction(text, owner, checkable=True)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # keys on the map only
        action.setToolTip(f"{text.replace('&', '')} ({key}): {hint}")
        action.setStatusTip(hint)
        action.triggered.connect(lambda _=False, chosen=tool: choose(chosen))
        group.addAction(action)
        toolbar.addAction(action)
        view.addAction(action)
        found[tool] = action
    found[Tool.SELECT].setChecked(True)
    return found


def view_actions(owner: QObject, toolbar: QToolBar, view: MapView, zoom_to_fit: Slot) -> None:
    """Zoom in, out and to fit, on the toolbar and as keys on the map."""
    for text, shortcut, slot in (
        ("Zoom in", QKeySequence(QKeySequence.StandardKey.ZoomIn), lambda: view.zoom(1.25)),
        ("Zoom out", QKeySequence(QKeySequence.StandardKey.ZoomOut), lambda: view.zoom(0.8)),
        ("Zoom to fit", QKeySequence("F"), zoom_to_fit),
    ):
        action = QAction(text, owner)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        toolbar.addAction(action)
        view.addAction(action)


def layer_actions(
    owner: QObject,
    toolbar: QToolBar,
    show: Callable[[str, bool], None],
    files: Sequence[tuple[str, str, Slot]],
) -> dict[str, QAction]:
    """A checkable action per background layer, then the file actions (text, tooltip, slot)."""
    toolbar.addSeparator()
    found = {}
    for key, text in LAYERS:
        action = QAction(text, owner, checkable=True, checked=True)
        action.setToolTip(f"Show or hide the {text.lower()} layer")
        action.toggled.connect(lambda shown, layer=key: show(layer, shown))
        toolbar.addAction(action)
        found[key] = action
    toolbar.addSeparator()
    for text, hint, slot in files:
        action = QAction(text, owner)
        action.setToolTip(hint)
        action.triggered.connect(slot)
        toolbar.addAction(action)
    return found
