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
        self.chips = self.place_walks()
        self._selection_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_grid(painter)
        flagged = self.flagged()
        for rect, walk in self.chips:
            if rect.intersects(QRectF(event.rect())):
                self.paint_chip(painter, rect, walk, walk.id in flagged)
        if self._drag is not None:
            walk, point = self._drag
            rect = next((r for r, w in self.chips if w.id == walk.id), QRectF(0, 0, 120, 20))
            ghost = QRectF(rect).translated(point - rect.center())
            painter.setOpacity(0.6)
            self.paint_chip(painter, ghost, walk, walk.id in flagged)
        painter.end()

    def flagged(self) -> set[str]:
        """The walks drawn as breaking a rule."""
        return {violation.walk for violation in self.state.violations}

    def paint_chip(self, painter: QPainter, rect: QRectF, walk: Walk, flagged: bool) -> None:
        palette = self.palette()
        person = self.selection.person_id
        painter.save()
        if person is not None and person not in walk.participants:
            painter.setOpacity(0.25)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(chip_fill(walk.type, palette))
        painter.drawRoundedRect(rect, 3, 3)
        painter.setBrush(QColor(walk_style(walk.type).colour))
        painter.drawRect(QRectF(rect.left(), rect.top(), 4, rect.height()))
        selected = walk.id == self.selection.walk_id
        if selected or flagged:
            colour = palette.color(QPalette.ColorRole.Highlight) if selected else FLAG_COLOUR
            pen = QPen(
                colour, 2.5 if selected else 2, Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DashLine
            )
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
        text_left = rect.left() + 7
        if walk.locked:
            self._paint_padlock(painter, QPointF(rect.right() - 11, rect.top() + 3))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        text = ("! " if flagged else "") + self.chip_text(walk)
        box = QRectF(
            text_left, rect.top() + 1, rect.width() - 9 - (12 if walk.locked else 0), rect.height() - 2
        )
        metrics = self.fontMetrics()
        lines = text.splitlines()
        room = max(1, int(box.height() // metrics.height()))
        if len(lines) > room:  # a short block: what does not fit goes on its last line
            lines = [*lines[: room - 1], " ".join(lines[room - 1 :])]
        lines = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(box.width())) for line in lines]
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "\n".join(lines))
        painter.restore()

    def _paint_padlock(self, painter: QPainter, corner: QPointF) -> None:
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
