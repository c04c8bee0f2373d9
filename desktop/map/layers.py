"""The background layers: streets, incidents and hot spots. Each is one item that paints all its
lines, points or cells, so 20,000 incidents cost the scene one item, not 20,000."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from desktop.map.density import Density

STREET_COLOR = QColor(150, 150, 150)
INCIDENT_ARGB = 0xFFC82828  # opaque red
RADIUS = 2  # pixels
PAD = 2 * RADIUS
DOT = [
    (dx, dy)
    for dx in range(-RADIUS, RADIUS + 1)
    for dy in range(-RADIUS, RADIUS + 1)
    if dx * dx + dy * dy <= 5
]
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
    """Every incident as a dot a few pixels wide, whatever the zoom.

    QPainter strokes each wide point on its own (a fifth of a second for 20,000 round points), so
    the dots are stamped with numpy into one image the size of the screen instead, and that image
    is drawn in one call: a few milliseconds per frame for 20,000 points.
    """

    def __init__(self, points: Sequence[tuple[float, float]]) -> None:
        super().__init__()
        self._xy = np.asarray(points, dtype=float).reshape(-1, 2)
        low, high = self._xy.min(axis=0), self._xy.max(axis=0)
        self._bounds = QRectF(QPointF(*low), QPointF(*high)).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self.setZValue(-10)
        # Panning then only moves the painted image; a zoom step paints it afresh.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # for exposedRect

    def count(self) -> int:
        return len(self._xy)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Stamp the dots that fall in the exposed part only: a pan exposes a strip."""
        t = painter.worldTransform()
        device = painter.device()
        area = (
            t.mapRect(option.exposedRect)
            .toAlignedRect()
            .intersected(QRect(0, 0, device.width(), device.height()))
        )
        if area.isEmpty():
            return
        x = (
            np.rint(self._xy[:, 0] * t.m11() + self._xy[:, 1] * t.m21() + t.dx()).astype(np.int64)
            - area.left()
        )
        y = (
            np.rint(self._xy[:, 0] * t.m12() + self._xy[:, 1] * t.m22() + t.dy()).astype(np.int64)
            - area.top()
        )
        # The image has a border of PAD pixels, so a dot near an edge needs no bounds check.
        width, height = area.width() + 2 * PAD, area.height() + 2 * PAD
        near = (x >= -RADIUS) & (x < area.width() + RADIUS) & (y >= -RADIUS) & (y < area.height() + RADIUS)
        centres = (y[near] + PAD) * width + (x[near] + PAD)
        offsets = np.array([dy * width + dx for dx, dy in DOT])
        pixels = np.zeros(height * width, dtype=np.uint32)
        pixels[(centres[:, None] + offsets[None, :]).ravel()] = INCIDENT_ARGB
        image = QImage(pixels.data, width, height, width * 4, QImage.Format.Format_ARGB32_Premultiplied)
        painter.save()
        painter.resetTransform()
        painter.setClipRect(area)
        painter.drawImage(area.left() - PAD, area.top() - PAD, image)
        painter.restore()


class DensityItem(QGraphicsItem):
    """The hot-spot grid as one small image, a pixel per cell, drawn stretched over the cells
    without smoothing: one paint call whatever the number of cells."""

    def __init__(self, grid: Density) -> None:
        super().__init__()
        rows, columns = grid.counts.shape
        self._bounds = QRectF(grid.left, grid.top, columns * grid.cell, rows * grid.cell)
        pixels = np.zeros((rows, columns, 4), dtype=np.uint8)
        blue, green, red = HOT_COLOR[2], HOT_COLOR[1], HOT_COLOR[0]
        pixels[..., 0], pixels[..., 1], pixels[..., 2] = blue, green, red  # ARGB32 is B, G, R, A in memory
        pixels[..., 3] = np.where(grid.counts > 0, 35 + 185 * grid.shades(), 0).astype(np.uint8)
        self._image = QImage(pixels.tobytes(), columns, rows, columns * 4, QImage.Format.Format_ARGB32).copy()
        self.setZValue(-20)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(self._bounds, self._image)
