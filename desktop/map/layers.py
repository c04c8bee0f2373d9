"""The background layers: streets, incidents and hot spots. Each is one item that paints all its
lines, points or cells, so 20,000 incidents cost the scene one item, not 20,000."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from desktop.map.density import Density, shade

STREET_COLOR = QColor(150, 150, 150)
INCIDENT_COLOR = QColor(200, 40, 40)
HOT_COLOR = (235, 70, 0)
MARGIN = 20.0  # metres around the points, so their pixel-sized markers are not cut at the edge


class StreetsItem(QGraphicsPathItem):
    """All streets as one path, a hairline whatever the zoom."""

    def __init__(self, lines: Sequence[Sequence[tuple[float, float]]]) -> None:
        path = QPainterPath()
        for line in lines:
            path.moveTo(*line[0])
            for point in line[1:]:
                path.lineTo(*point)
        super().__init__(path)
        pen = QPen(STREET_COLOR, 1.5)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setZValue(-30)


class PointsItem(QGraphicsItem):
    """Every incident as a dot of a few pixels, painted in one call."""

    def __init__(self, points: Sequence[tuple[float, float]]) -> None:
        super().__init__()
        self._points = QPolygonF([QPointF(x, y) for x, y in points])
        self._bounds = self._points.boundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self._pen = QPen(INCIDENT_COLOR, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        self._pen.setCosmetic(True)
        self.setZValue(-10)

    def count(self) -> int:
        return int(self._points.size())

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(self._pen)
        painter.drawPoints(self._points)


class DensityItem(QGraphicsItem):
    """The hot-spot grid: each cell with incidents shaded by how many it has."""

    def __init__(self, grid: Density) -> None:
        super().__init__()
        highest = grid.highest
        self._cells = [
            (
                QRectF(left, top, grid.cell, grid.cell),
                QBrush(QColor(*HOT_COLOR, int(35 + 185 * shade(n, highest)))),
            )
            for left, top, n in grid.cells()
        ]
        rows, columns = grid.counts.shape
        self._bounds = QRectF(grid.left, grid.top, columns * grid.cell, rows * grid.cell)
        self.setZValue(-20)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, brush in self._cells:
            painter.fillRect(rect, brush)
