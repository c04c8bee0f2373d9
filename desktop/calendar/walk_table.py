"""The month's walks as a table: the calendar in a form a screen reader and the keyboard read row
by row, sortable, and filtered to one person's walks in the per-person view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.calendar.plan_state import PlanState
from desktop.calendar.walk_style import walk_style
from scheduler.actions import Walk

Index = QModelIndex | QPersistentModelIndex
WALK_ID = Qt.ItemDataRole.UserRole
SORT = Qt.ItemDataRole.UserRole + 1  # dates and times in order (by the instant), people by number
DISPLAY = Qt.ItemDataRole.DisplayRole
ROOT = QModelIndex()
COLUMNS = ("Date", "Time", "Type", "Coordinator", "People", "Meeting point", "Locked", "Problems")


class WalksModel(QAbstractTableModel):
    def __init__(self, state: PlanState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._walks: tuple[Walk, ...] = ()
        self._rows: list[tuple[str, ...]] = []
        self._sort_keys: list[tuple[object, ...]] = []
        state.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Work out every cell and its sort key once per change: sorting (thousands of reads for
        300 walks) and filtering then only read them."""
        self.beginResetModel()
        plan = self.state.plan
        self._walks = plan.walks if plan else ()
        problems: dict[str, int] = {}
        for violation in self.state.violations:
            problems[violation.walk] = problems.get(violation.walk, 0) + 1
        self._rows = [self._cells(walk, problems.get(walk.id, 0)) for walk in self._walks]
        self._sort_keys = [
            (walk.start.timestamp(), walk.start.timestamp(), *cells[2:4], len(walk.participants), *cells[5:])
            for walk, cells in zip(self._walks, self._rows, strict=True)
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._walks)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role == DISPLAY:
            return self._rows[index.row()][index.column()]
        if role == WALK_ID:
            return self._walks[index.row()].id
        if role == SORT:
            return self._sort_keys[index.row()][index.column()]
        return None

    def _cells(self, walk: Walk, problems: int) -> tuple[str, ...]:
        local = walk.start.astimezone(self.state.zone)
        return (
            f"{local:%a %Y-%m-%d}",
            f"{local:%H:%M}",
            f"{walk_style(walk.type).short} {walk.type.replace('_', ' ')}",
            self.state.name(walk.coordinator),
            str(len(walk.participants)),
            walk.meeting_point or "",
            "locked" if walk.locked else "",
            f"{problems} problem{'s' if problems != 1 else ''}" if problems else "",
        )

    def row_of(self, walk_id: str) -> int | None:
        return next((n for n, walk in enumerate(self._walks) if walk.id == walk_id), None)

    def walk(self, row: int) -> Walk:
        return self._walks[row]


class PersonFilter(QSortFilterProxyModel):
    """Keeps the walks of one person (None: everyone's)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.person_id: str | None = None
        self.setSortRole(SORT)

    def set_person(self, person_id: str | None) -> None:
        self.beginFilterChange()
        self.person_id = person_id
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if self.person_id is None or not isinstance(model, WalksModel):
            return True
        return self.person_id in model.walk(source_row).participants
