"""What the month and week views share: walks drawn as labelled chips, selected by click or by
keyboard, dragged to another day or time, and dimmed when they are not the chosen person's.

A chip carries the type's short label and colour, the time and the coordinator, so it reads in
black and white; a walk the validator flags gets a "!" and a heavy border, a locked one a padlock.
The keyboard does all the mouse does: arrows select the previous or next walk, Alt+arrows move the
selected walk by a day (or, in the week view, a quarter hour), Delete deletes it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from desktop.calendar.plan_state import PlanState
from desktop.calendar.selection import WalkSelection
from desktop.calendar.walk_style import chip_fill, walk_style
from scheduler.actions import Walk

FLAG_COLOUR = QColor("#c62828")


class WalkCanvas(QWidget):
    """Subclasses place the chips (`place_walks`), draw what is under them (`paint_grid`), say
    what a chip shows (`chip_text`) and where a dropped walk would start (`start_at`)."""

    move_requested = Signal(str, object)  # walk id, new aware start
    delete_requested = Signal(str)

    def __init__(self, state: PlanState, selection: WalkSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.selection = selection
        self.chips: list[tuple[QRectF, Walk]] = []
        self._flagged: set[str] = set()
        self._texts: dict[str, str] = {}  # each chip's text, fitted to it
        self._stale = True
        self._press: QPointF | None = None
        self._drag: tuple[Walk, QPointF] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(560, 360)
        state.changed.connect(self.relayout)
        selection.changed.connect(self._selection_changed)
        selection.person_changed.connect(self.update)

    # --- what subclasses provide -----------------------------------------------------------------

    def place_walks(self) -> list[tuple[QRectF, Walk]]:
        raise NotImplementedError

    def paint_grid(self, painter: QPainter) -> None:
        raise NotImplementedError

    def chip_text(self, walk: Walk) -> str:
        raise NotImplementedError

    def start_at(self, walk: Walk, point: QPointF) -> datetime | None:
        raise NotImplementedError

    def nudge(self, walk: Walk, key: int) -> datetime | None:
        """The new start for Alt+arrow `key`; by default a day earlier or later."""
        days = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(key))
        return walk.start + timedelta(days=days) if days else None

    # --- shared -----------------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return self.state.zone

    def walks(self) -> tuple[Walk, ...]:
        plan = self.state.plan
        return plan.walks if plan else ()

    def local_day(self, walk: Walk) -> date:
        return walk.start.astimezone(self.zone).date()

    def relayout(self) -> None:
        """Place the chips and prepare what they show, so that painting only draws."""
        self._stale = not self.isVisible()  # a hidden view catches up when shown
        if self._stale:
            return
        self.chips = self.place_walks()
        self._flagged = {violation.walk for violation in self.state.violations}
        self._texts = {walk.id: self._fitted_text(rect, walk) for rect, walk in self.chips}
        self._selection_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint_grid(painter)
        palette = self.palette()
        fills = {key: chip_fill(key, palette) for key in {walk.type for _, walk in self.chips}}
        area = QRectF(event.rect())
        for rect, walk in self.chips:
            if rect.intersects(area):
                self.paint_chip(painter, rect, walk, fills[walk.type])
        if self._drag is not None:
            walk, point = self._drag
            rect = next((r for r, w in self.chips if w.id == walk.id), QRectF(0, 0, 120, 20))
            painter.setOpacity(0.6)
            self.paint_chip(painter, QRectF(rect).translated(point - rect.center()), walk, fills[walk.type])
        painter.end()

    def flagged(self) -> set[str]:
        """The walks drawn as breaking a rule."""
        return self._flagged

    def _fitted_text(self, rect: QRectF, walk: Walk) -> str:
        """The chip's text cut to its size: lines that do not fit join the last one, and each
        line is elided to the chip's width."""
        metrics = self.fontMetrics()
        lines = (("! " if walk.id in self._flagged else "") + self.chip_text(walk)).splitlines()
        room = max(1, int((rect.height() - 2) // metrics.height()))
        if len(lines) > room:
            lines = [*lines[: room - 1], " ".join(lines[room - 1 :])]
        width = int(rect.width() - 9 - (12 if walk.locked else 0))
        return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines)

    def paint_chip(self, painter: QPainter, rect: QRectF, walk: Walk, fill: QColor) -> None:
        palette = self.palette()
        person = self.selection.person_id
        painter.save()
        if person is not None and person not in walk.participants:
            painter.setOpacity(0.25)
        painter.fillRect(rect, fill)
        painter.fillRect(
            QRectF(rect.left(), rect.top(), 4, rect.height()), QColor(walk_style(walk.type).colour)
        )
        selected = walk.id == self.selection.walk_id
        if selected or walk.id in self._flagged:
            colour = palette.color(QPalette.ColorRole.Highlight) if selected else FLAG_COLOUR
            style = Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DashLine
            painter.setPen(QPen(colour, 2.5 if selected else 2, style))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        if walk.locked:
            self._paint_padlock(painter, QPointF(rect.right() - 11, rect.top() + 3))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        box = QRectF(rect.left() + 7, rect.top() + 1, rect.width() - 9, rect.height() - 2)
        text = self._texts.get(walk.id) or self._fitted_text(rect, walk)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        painter.restore()

    def _paint_padlock(self, painter: QPainter, corner: QPointF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(corner.x() + 1.5, corner.y(), 5, 6), 0, 180 * 16)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Text))
        painter.drawRect(QRectF(corner.x(), corner.y() + 4, 8, 6))

    def walk_at(self, point: QPointF) -> Walk | None:
        return next((walk for rect, walk in self.chips if rect.contains(point)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            walk = self.walk_at(event.position())
            self.selection.select(walk.id if walk else None)
            self._press = event.position() if walk else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        walk = self.state.walk(self.selection.walk_id or "")
        far = (event.position() - self._press).manhattanLength() >= QApplication.startDragDistance()
        if walk is not None and (self._drag is not None or far):
            self._drag = (walk, event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag, self._press = self._drag, None, None
        if drag is not None:
            self.update()
            start = self.start_at(drag[0], event.position())
            if start is not None and start != drag[0].start:
                self.move_requested.emit(drag[0].id, start)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        walk = self.state.walk(self.selection.walk_id or "")
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and walk is not None:
            start = self.nudge(walk, key)
            if start is not None:
                self.move_requested.emit(walk.id, start)
                return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._step(1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.chips:
            self.selection.select(self.chips[0 if key == Qt.Key.Key_Home else -1][1].id)
        elif key == Qt.Key.Key_Delete and walk is not None:
            self.delete_requested.emit(walk.id)
        else:
            super().keyPressEvent(event)

    def _step(self, step: int) -> None:
        shown = [walk.id for _, walk in self.chips]
        if not shown:
            return
        current = self.selection.walk_id
        index = shown.index(current) + step if current in shown else 0
        self.selection.select(shown[max(0, min(index, len(shown) - 1))])

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.selection.walk_id is None and self.chips:
            self.selection.select(self.chips[0][1].id)

    def _selection_changed(self) -> None:
        walk = self.state.walk(self.selection.walk_id or "")
        self.setAccessibleDescription(self.describe(walk) if walk else "no walk selected")
        self.update()

    def describe(self, walk: Walk) -> str:
        """The selected walk in words, for screen readers."""
        local = walk.start.astimezone(self.zone)
        return (
            f"{walk_style(walk.type).short} walk {local:%A %d %B %H:%M}, "
            f"coordinator {self.state.name(walk.coordinator)}"
            + (", locked" if walk.locked else "")
            + (", breaks a rule" if walk.id in self.flagged() else "")
        )
