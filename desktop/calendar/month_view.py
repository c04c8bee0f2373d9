"""The month at a glance: one cell a day, work weeks as rows (starting on the district's first day
of the week), each walk a one-line chip; a day with more walks than its cell holds shows "+N more",
which opens that week."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from desktop.calendar.plan_state import PlanState
from desktop.calendar.selection import WalkSelection
from desktop.calendar.walk_canvas import WalkCanvas
from desktop.calendar.walk_style import walk_style
from scheduler.actions import Walk

PAD = 3


class MonthView(WalkCanvas):
    day_opened = Signal(object)  # a date whose week should be shown

    def __init__(self, state: PlanState, selection: WalkSelection, parent: QWidget | None = None) -> None:
        super().__init__(state, selection, parent)
        self.more: dict[date, tuple[QRectF, int]] = {}  # a day's "+N more" and N
        self.setAccessibleName("Month calendar")

    def days(self) -> list[date]:
        """Whole weeks covering the month."""
        month = self.state.session.month
        week_start = self.state.problem.district.week_start
        first = month.first_day - timedelta(days=(month.first_day.weekday() - week_start) % 7)
        last = month.last_day + timedelta(days=(week_start - 1 - month.last_day.weekday()) % 7)
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def chip_height(self) -> int:
        return self.fontMetrics().height() + 4

    def cell(self, index: int, weeks: int) -> QRectF:
        width = (self.width() - 1) / 7
        height = (self.height() - 1 - self.header_height()) / weeks
        return QRectF(index % 7 * width, self.header_height() + index // 7 * height, width, height)

    def place_walks(self) -> list[tuple[QRectF, Walk]]:
        days = self.days()
        by_day: dict[date, list[Walk]] = defaultdict(list)
        for walk in self.walks():
            by_day[self.local_day(walk)].append(walk)
        self.more = {}
        chips = []
        step = self.chip_height() + 2
        for index, day in enumerate(days):
            walks = by_day.get(day, [])
            cell = self.cell(index, len(days) // 7)
            top = cell.top() + self.chip_height() + PAD
            room = max(0, int((cell.bottom() - PAD - top) // step))
            shown = walks if len(walks) <= room else walks[: max(0, room - 1)]
            for n, walk in enumerate(shown):
                chips.append(
                    (QRectF(cell.left() + PAD, top + n * step, cell.width() - 2 * PAD, step - 2), walk)
                )
            if len(shown) < len(walks):
                rect = QRectF(cell.left() + PAD, top + len(shown) * step, cell.width() - 2 * PAD, step - 2)
                self.more[day] = (rect, len(walks) - len(shown))
        return chips

    def paint_grid(self, painter: QPainter) -> None:
        palette = self.palette()
        days = self.days()
        month = self.state.session.month
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Mid)
        for index, day in enumerate(days[:7]):
            rect = self.cell(index, 1)
            header = QRectF(rect.left(), 0, rect.width(), self.header_height())
            painter.setPen(text)
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter, f"{day:%A}")
        today = self.state.session.now().astimezone(self.zone).date()
        for index, day in enumerate(days):
            cell = self.cell(index, len(days) // 7)
            outside = (day.year, day.month) != (month.year, month.month)
            if outside or not self.state.problem.district.works_on(day):
                painter.fillRect(cell, palette.color(QPalette.ColorRole.Window))
            painter.setPen(grid)
            painter.drawRect(cell)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText) if outside else text)
            label = QRectF(cell.left() + PAD + 2, cell.top() + 1, cell.width() - 2 * PAD, self.chip_height())
            font = painter.font()
            font.setBold(day == today)
            painter.setFont(font)
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(day.day))
            font.setBold(False)
            painter.setFont(font)
        painter.setPen(text)
        for rect, count in self.more.values():
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"  +{count} more"
            )

    def chip_text(self, walk: Walk) -> str:
        local = walk.start.astimezone(self.zone)
        return f"{walk_style(walk.type).short} {local:%H:%M} {self.state.name(walk.coordinator)}"

    def day_at(self, point: QPointF) -> date | None:
        days = self.days()
        for index, day in enumerate(days):
            if self.cell(index, len(days) // 7).contains(point):
                return day
        return None

    def start_at(self, walk: Walk, point: QPointF) -> datetime | None:
        """The same time of day on the day dropped on (wall-clock time, across a clock change too)."""
        day = self.day_at(point)
        if day is None:
            return None
        local = walk.start.astimezone(self.zone)
        return datetime.combine(day, local.time(), self.zone)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for day, (rect, _count) in self.more.items():
            if rect.contains(event.position()):
                self.day_opened.emit(day)
                return
        super().mousePressEvent(event)
