"""The shapes the captain edits on the map: polygons with draggable vertices (the boundary and the
sectors, holes included) and named point markers (meeting points and landmarks).

Items only report what the hand did, through a callback, after the event is over (a zero-delay
timer): the page saves the edit, the map reloads, and these items are replaced — an item must not
be deleted inside its own mouse handler.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

HANDLE = 9.0  # pixels
MARKER = 12.0  # pixels
Moved = Callable[[list[QPointF]], None]
RingEdited = Callable[[int, list[QPointF]], None]  # the ring's number (0: outer) and its new points


def later(action: Callable[[], None]) -> None:
    QTimer.singleShot(0, action)


class EditablePolygon(QGraphicsPathItem):
    """One polygon of an area, its outer ring and its holes, whose vertices are handles: drag one
    to move it, select one and press Delete to remove it, double-click near an edge to add one
    there (see `insert_near`). It is filled by the odd-even rule, so a hole shows what is under it."""

    def __init__(
        self, rings: Sequence[Sequence[QPointF]], color: QColor, label: str, on_edit: RingEdited
    ) -> None:
        super().__init__()
        self.label = label
        self._on_edit = on_edit
        pen = QPen(color, 2.5)
        pen.setCosmetic(True)
        self.setPen(pen)
        fill = QColor(color)
        fill.setAlpha(22)
        self.setBrush(QBrush(fill))
        self.rings = [
            [VertexHandle(self, ring, index, point, color) for index, point in enumerate(points)]
            for ring, points in enumerate(rings)
        ]
        self.follow()
        if label:
            text = QGraphicsSimpleTextItem(label, self)
            text.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            text.setBrush(QBrush(color.darker(140)))
            text.setFont(QFont(text.font().family(), 10, QFont.Weight.Bold))
            text.setPos(self._label_point())

    def _label_point(self) -> QPointF:
        """The middle of the shape, or if that is in a hole (or outside a bent shape) the middle
        of the first of its halves that is filled there."""
        box = self.path().boundingRect()
        halves = (
            box,
            box.adjusted(0, 0, 0, -box.height() / 2),
            box.adjusted(0, box.height() / 2, 0, 0),
            box.adjusted(0, 0, -box.width() / 2, 0),
            box.adjusted(box.width() / 2, 0, 0, 0),
        )
        return next((half.center() for half in halves if self.path().contains(half.center())), box.center())

    @property
    def handles(self) -> list[VertexHandle]:
        """The outer ring's handles."""
        return self.rings[0]

    def points(self, ring: int = 0) -> list[QPointF]:
        return [handle.pos() for handle in self.rings[ring]]

    def follow(self) -> None:
        """Redraw the outline (also while a handle is dragged)."""
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in range(len(self.rings)):
            path.addPolygon(QPolygonF(self.points(ring)))
            path.closeSubpath()
        self.setPath(path)

    def holes_at(self, point: QPointF) -> list[int]:
        """The numbers of the holes `point` (scene units) lies in."""
        return [
            ring
            for ring in range(1, len(self.rings))
            if QPolygonF(self.points(ring)).containsPoint(point, Qt.FillRule.OddEvenFill)
        ]

    def edited(self, ring: int) -> None:
        points = self.points(ring)
        later(lambda: self._on_edit(ring, points))

    def insert_near(self, point: QPointF, tolerance: float) -> tuple[int, list[QPointF]] | None:
        """The ring (its number, its points) with a corner added on the edge within `tolerance`
        (scene units) of `point`, exactly on that edge (so the shape stays as it was), or None if
        no edge is that near."""
        best: tuple[float, int, int, QPointF] | None = None
        for ring in range(len(self.rings)):
            points = self.points(ring)
            for index, start in enumerate(points):
                foot = _foot(point, start, points[(index + 1) % len(points)])
                distance = math.hypot(point.x() - foot.x(), point.y() - foot.y())
                if distance <= tolerance and (best is None or distance < best[0]):
                    best = (distance, ring, index, foot)
        if best is None:
            return None
        _, ring, index, foot = best
        points = self.points(ring)
        return ring, [*points[: index + 1], foot, *points[index + 1 :]]


class DraggedItem(QGraphicsItem):
    """An item the user drags: `dropped` runs once when a drag ends somewhere else, not on a mere
    click, so a click never becomes an edit (or an undo step)."""

    def __init__(self, parent: QGraphicsItem | None, point: QPointF) -> None:
        super().__init__(parent)
        self.setPos(point)
        self._pressed_at = QPointF(point)

    def dropped(self) -> None:
        raise NotImplementedError

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._pressed_at = self.pos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.pos() != self._pressed_at:
            self.dropped()


class VertexHandle(DraggedItem):
    """A square of a few pixels at a vertex, whatever the zoom."""

    def __init__(self, owner: EditablePolygon, ring: int, index: int, point: QPointF, color: QColor) -> None:
        super().__init__(owner, point)
        self.owner, self.ring, self.index, self._color = owner, ring, index, color
        flags = QGraphicsItem.GraphicsItemFlag
        for flag in (
            flags.ItemIsMovable,
            flags.ItemIsSelectable,
            flags.ItemIgnoresTransformations,
            flags.ItemSendsGeometryChanges,
        ):
            self.setFlag(flag)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setZValue(10)
        shape = owner.label or "the boundary"
        where = shape if ring == 0 else f"hole {ring} of {shape}"
        self.setToolTip(f"Point {index + 1} of {where}: drag to move, Delete to remove")

    def boundingRect(self) -> QRectF:
        return QRectF(-HANDLE / 2, -HANDLE / 2, HANDLE, HANDLE)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(self._color.darker(150), 1))
        painter.setBrush(QColor("white") if not self.isSelected() else self._color)
        painter.drawRect(self.boundingRect())

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.owner.follow()
        return super().itemChange(change, value)

    def dropped(self) -> None:
        self.owner.edited(self.ring)


class PlaceMarker(DraggedItem):
    """A meeting point (a square) or a landmark (a diamond) with its name; drag it to move it."""

    def __init__(self, name: str, point: QPointF, color: QColor, square: bool, on_move: Moved) -> None:
        super().__init__(None, point)
        self.name, self._color, self._square, self._on_move = name, color, square, on_move
        flags = QGraphicsItem.GraphicsItemFlag
        for flag in (flags.ItemIsMovable, flags.ItemIsSelectable, flags.ItemIgnoresTransformations):
            self.setFlag(flag)
        self.setZValue(20)
        kind = "Meeting point" if square else "Landmark"
        self.setToolTip(f"{kind}: {name}")
        text = QGraphicsSimpleTextItem(name, self)
        text.setPos(MARKER / 2 + 3, -MARKER / 2 - 2)
        text.setBrush(QBrush(color.darker(160)))

    def boundingRect(self) -> QRectF:
        return QRectF(-MARKER / 2 - 1, -MARKER / 2 - 1, MARKER + 2, MARKER + 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("black") if self.isSelected() else self._color.darker(150), 1.5))
        painter.setBrush(self._color)
        half = MARKER / 2
        if self._square:
            painter.drawRect(QRectF(-half, -half, MARKER, MARKER))
        else:
            diamond = QPainterPath()
            diamond.addPolygon(
                QPolygonF([QPointF(0, -half), QPointF(half, 0), QPointF(0, half), QPointF(-half, 0)])
            )
            painter.drawPath(diamond)

    def dropped(self) -> None:
        point = self.pos()
        later(lambda: self._on_move([point]))


def _foot(point: QPointF, start: QPointF, end: QPointF) -> QPointF:
    """The point of the segment nearest to `point`."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = dx * dx + dy * dy
    share = 0.0 if length == 0 else ((point.x() - start.x()) * dx + (point.y() - start.y()) * dy) / length
    share = min(1.0, max(0.0, share))
    return QPointF(start.x() + share * dx, start.y() + share * dy)
