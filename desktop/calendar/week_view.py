"""One week by the hour: a column a day, each walk a block as long as the walk, walks at the same
time side by side. Dropping a block sets its day and time (to the quarter hour)."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QWidget

from desktop.calendar.plan_state import PlanState
from desktop.calendar.selection import WalkSelection
from desktop.calendar.walk_canvas import WalkCanvas
from desktop.calendar.walk_style import walk_style
from scheduler.actions import Walk

SNAP_MINUTES = 15
GUTTER = 48


class WeekView(WalkCanvas):
    def __init__(self, state: PlanState, selection: WalkSelection, parent: QWidget | None = None) -> None:
        super().__init__(state, selection, parent)
        self.first_day = state.session.month.first_day
        self._hours = (9, 20)  # set with the walks' places
        self.setAccessibleName("Week calendar")

    def show_week_of(self, day: date) -> None:
        week_start = self.state.problem.district.week_start
        self.first_day = day - timedelta(days=(day.weekday() - week_start) % 7)
        self.relayout()

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(7)]

    def week_walks(self) -> list[Walk]:
        days = set(self.days())
        return [walk for walk in self.walks() if self.local_day(walk) in days]

    def hours(self) -> tuple[int, int]:
        return self._hours

    def _shown_hours(self) -> tuple[int, int]:
        """The hours shown: the district's walk hours, widened to any walk of the week outside them."""
        district = self.state.problem.district
        first, last = (
            district.walk_start.hour,
            math.ceil(district.walk_end.hour + district.walk_end.minute / 60),
        )
        for walk in self.week_walks():
            local = walk.start.astimezone(self.zone)
            first = min(first, local.hour)
            last = max(last, min(24, math.ceil((local.hour * 60 + local.minute + walk.minutes) / 60)))
        return first, max(last, first + 1)

    def header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def column(self, index: int) -> QRectF:
        width = (self.width() - 1 - GUTTER) / 7
        return QRectF(
            GUTTER + index * width, self.header_height(), width, self.height() - 1 - self.header_height()
        )

    def y_of(self, minutes: float) -> float:
        first, last = self.hours()
        top, height = self.header_height(), self.height() - 1 - self.header_height()
        return top + (minutes - first * 60) / ((last - first) * 60) * height

    def place_walks(self) -> list[tuple[QRectF, Walk]]:
        self._hours = self._shown_hours()
        by_day: dict[date, list[Walk]] = defaultdict(list)
        for walk in self.week_walks():
            by_day[self.local_day(walk)].append(walk)
        chips = []
        for index, day in enumerate(self.days()):
            column = self.column(index)
            for lane, count, walk in _lanes(by_day.get(day, [])):
                local = walk.start.astimezone(self.zone)
                minutes = local.hour * 60 + local.minute
                top, bottom = self.y_of(minutes), self.y_of(minutes + walk.minutes)
                width = (column.width() - 4) / count
                rect = QRectF(column.left() + 2 + lane * width, top, width - 2, max(bottom - top, 16))
                chips.append((rect, walk))
        chips.sort(key=lambda chip: (chip[1].start, chip[1].id))
        return chips

    def paint_grid(self, painter: QPainter) -> None:
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text, grid = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Mid)
        month = self.state.session.month
        for index, day in enumerate(self.days()):
            column = self.column(index)
            outside = (day.year, day.month) != (month.year, month.month)
            if outside or not self.state.problem.district.works_on(day):
                painter.fillRect(column, palette.color(QPalette.ColorRole.Window))
            painter.setPen(text)
            header = QRectF(column.left(), 0, column.width(), self.header_height())
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter, f"{day:%a} {day.day} {day:%b}")
            painter.setPen(grid)
            painter.drawRect(column)
        first, last = self.hours()
        for hour in range(first, last + 1):
            y = self.y_of(hour * 60)
            painter.setPen(grid)
            painter.drawLine(QPointF(GUTTER - 4, y), QPointF(self.width() - 1, y))
            if hour < last:
                painter.setPen(text)
                label = QRectF(0, y, GUTTER - 6, self.fontMetrics().height())
                painter.drawText(
                    label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{hour % 24:02d}:00"
                )

    def chip_text(self, walk: Walk) -> str:
        local = walk.start.astimezone(self.zone)
        end = local + timedelta(minutes=walk.minutes)
        return (
            f"{walk_style(walk.type).short} {local:%H:%M}-{end:%H:%M}\n"
            f"{self.state.name(walk.coordinator)}\n+{len(walk.participants) - 1}"
        )

    def start_at(self, walk: Walk, point: QPointF) -> datetime | None:
        """The day of the column dropped on, and the time under the block's top, to the quarter hour."""
        index = next((n for n in range(7) if self.column(n).contains(point)), None)
        if index is None:
            return None
        rect = next((r for r, w in self.chips if w.id == walk.id), None)
        top = point.y() - (rect.height() / 2 if rect is not None else 0)
        first, last = self.hours()
        height = self.height() - 1 - self.header_height()
        minutes = first * 60 + (top - self.header_height()) / height * (last - first) * 60
        minutes = max(0, min(24 * 60 - SNAP_MINUTES, round(minutes / SNAP_MINUTES) * SNAP_MINUTES))
        at = time(int(minutes) // 60, int(minutes) % 60)
        return datetime.combine(self.days()[index], at, self.zone)

    def nudge(self, walk: Walk, key: int) -> datetime | None:
        """Alt+Up and Alt+Down move the walk a quarter hour; Alt+Left and Alt+Right a day."""
        minutes = {Qt.Key.Key_Up: -SNAP_MINUTES, Qt.Key.Key_Down: SNAP_MINUTES}.get(Qt.Key(key))
        if minutes is not None:
            return walk.start + timedelta(minutes=minutes)
        return super().nudge(walk, key)


def _lanes(walks: list[Walk]) -> list[tuple[int, int, Walk]]:
    """Side-by-side places for a day's walks: each walk takes the first lane free at its start,
    and shares the column with the walks it overlaps (directly or through others) only: its
    lane, the number of lanes of its group of overlapping walks, and the walk."""
    placed: list[tuple[int, int, Walk]] = []
    group: list[tuple[int, Walk]] = []
    ends: list[datetime] = []
    for walk in sorted(walks, key=lambda w: (w.start, w.id)):
        if group and all(end <= walk.start for end in ends):
            placed += [(lane, len(ends), w) for lane, w in group]
            group, ends = [], []
        lane = next((n for n, end in enumerate(ends) if end <= walk.start), len(ends))
        if lane == len(ends):
            ends.append(walk.end)
        else:
            ends[lane] = walk.end
        group.append((lane, walk))
    return placed + [(lane, len(ends), w) for lane, w in group]
