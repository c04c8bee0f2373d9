"""The map canvas: a QGraphicsView that pans (drag, arrow keys), zooms (wheel, +/-, zoom to
fit) and turns clicks into what the current tool means; the page decides what to save."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsView, QWidget

from desktop.map.shapes import EditablePolygon

ZOOM_STEP = 1.25
PAN_STEP = 60  # pixels per arrow key press
PICK = 8.0  # pixels: how near an edge a double-click adds a vertex
SAME_POINT = 4.0  # pixels: a click this near the last corner drawn adds no corner
MIN_SCALE, MAX_SCALE = 0.002, 50.0  # pixels per metre: from a city to a doorstep


class Tool(Enum):
    SELECT = "select"
    BOUNDARY = "boundary"
    SECTOR = "sector"
    HOLE = "hole"
    MEETING_POINT = "meeting_point"
    LANDMARK = "landmark"


class MapView(QGraphicsView):
    polygon_drawn = Signal(Tool, list)  # the tool and the ring's scene points, not closed
    point_placed = Signal(Tool, QPointF)
    vertex_added = Signal(object, int, list)  # the EditablePolygon, the ring's number, its new points
    delete_requested = Signal()
    menu_requested = Signal(QPoint)  # a right click, in viewport coordinates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Neighborhood map")
        self.tool = Tool.SELECT
        self._drawing: list[QPointF] = []
        self._sketch = QGraphicsPathItem()
        pen = QPen(QColor(30, 90, 200), 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._sketch.setPen(pen)
        self._sketch.setZValue(30)
        self.set_tool(Tool.SELECT)

    # --- Tools -----------------------------------------------------------------------------------

    def set_tool(self, tool: Tool) -> None:
        self.cancel_drawing()
        self.tool = tool
        selecting = tool is Tool.SELECT
        self.setDragMode(
            QGraphicsView.DragMode.ScrollHandDrag if selecting else QGraphicsView.DragMode.NoDrag
        )
        self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if selecting else Qt.CursorShape.CrossCursor)

    def cancel_drawing(self) -> None:
        self._drawing = []
        if self._sketch.scene() is not None:
            self.scene().removeItem(self._sketch)

    def finish_drawing(self) -> None:
        points, tool = self._drawing, self.tool
        self.cancel_drawing()
        if len(points) >= 3:
            self.polygon_drawn.emit(tool, points)

    def _sketch_to(self, cursor: QPointF | None) -> None:
        path = QPainterPath(self._drawing[0])
        for point in [*self._drawing[1:], *([cursor] if cursor is not None else [])]:
            path.lineTo(point)
        self._sketch.setPath(path)
        if self._sketch.scene() is None:
            self.scene().addItem(self._sketch)

    # --- Zoom and pan ----------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if MIN_SCALE <= scale <= MAX_SCALE:
            self.scale(factor, factor)

    def zoom_to(self, rect: QRectF) -> None:
        if not rect.isEmpty():
            self.fitInView(
                rect.adjusted(
                    -rect.width() * 0.05, -rect.height() * 0.05, rect.width() * 0.05, rect.height() * 0.05
                ),
                Qt.AspectRatioMode.KeepAspectRatio,
            )

    def pan(self, dx: int, dy: int) -> None:
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    # --- Events ----------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP**steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        keys = Qt.Key
        moves = {
            keys.Key_Left: (-PAN_STEP, 0),
            keys.Key_Right: (PAN_STEP, 0),
            keys.Key_Up: (0, -PAN_STEP),
            keys.Key_Down: (0, PAN_STEP),
        }
        if key in moves:
            self.pan(*moves[key])
        elif key in (keys.Key_Plus, keys.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == keys.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key in (keys.Key_Return, keys.Key_Enter) and self._drawing:
            self.finish_drawing()
        elif key == keys.Key_Escape and self._drawing:
            self.cancel_drawing()
        elif key == keys.Key_Backspace and self._drawing:
            self._drawing.pop()
            if self._drawing:
                self._sketch_to(None)
            else:
                self.cancel_drawing()
        elif key in (keys.Key_Delete, keys.Key_Backspace) and self.tool is Tool.SELECT:
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.tool is Tool.SELECT or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = self.mapToScene(event.position().toPoint())
        if self.tool in (Tool.MEETING_POINT, Tool.LANDMARK):
            self.point_placed.emit(self.tool, point)
            return
        if self._drawing and _pixels(self, self._drawing[-1], point) < SAME_POINT:
            return  # the second press of a double-click, or a shaky hand
        self._drawing.append(point)
        self._sketch_to(None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing:
            self._sketch_to(self.mapToScene(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self._drawing:
            self.menu_requested.emit(event.pos())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._drawing:
            self.finish_drawing()
            return
        if self.tool is Tool.SELECT:
            point = self.mapToScene(event.position().toPoint())
            tolerance = PICK / max(self.transform().m11(), 1e-9)
            for item in self.scene().items():
                if isinstance(item, EditablePolygon):
                    found = item.insert_near(point, tolerance)
                    if found is not None:
                        self.vertex_added.emit(item, *found)
                        return
        super().mouseDoubleClickEvent(event)


def _pixels(view: QGraphicsView, one: QPointF, other: QPointF) -> float:
    distance = view.mapFromScene(one) - view.mapFromScene(other)
    return float(abs(distance.x()) + abs(distance.y()))
