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
ROOT = QModelIndex()
COLUMNS = ("Date", "Time", "Type", "Coordinator", "People", "Meeting point", "Locked", "Problems")


class WalksModel(QAbstractTableModel):
    def __init__(self, state: PlanState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._walks: tuple[Walk, ...] = ()
        self._problems: dict[str, int] = {}
        state.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        plan = self.state.plan
        self._walks = plan.walks if plan else ()
        self._problems = {}
        for violation in self.state.violations:
            self._problems[violation.walk] = self._problems.get(violation.walk, 0) + 1
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._walks)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        walk = self._walks[index.row()]
        if role == WALK_ID:
            return walk.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(walk, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return self.state.problem.district.walk_type(walk.type).name if self._known(walk) else walk.type
        return None

    def _known(self, walk: Walk) -> bool:
        return any(t.key == walk.type for t in self.state.problem.district.walk_types)

    def _text(self, walk: Walk, column: int) -> str:
        local = walk.start.astimezone(self.state.zone)
        problems = self._problems.get(walk.id, 0)
        return (
            f"{local:%a %Y-%m-%d}",
            f"{local:%H:%M}",
            f"{walk_style(walk.type).short} {walk.type.replace('_', ' ')}",
            self.state.name(walk.coordinator),
            str(len(walk.participants)),
            walk.meeting_point or "",
            "locked" if walk.locked else "",
            f"{problems} problem{'s' if problems != 1 else ''}" if problems else "",
        )[column]

    def row_of(self, walk_id: str) -> int | None:
        return next((n for n, walk in enumerate(self._walks) if walk.id == walk_id), None)

    def walk(self, row: int) -> Walk:
        return self._walks[row]


class PersonFilter(QSortFilterProxyModel):
    """Keeps the walks of one person (None: everyone's)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.person_id: str | None = None

    def set_person(self, person_id: str | None) -> None:
        self.beginFilterChange()
        self.person_id = person_id
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if self.person_id is None or not isinstance(model, WalksModel):
            return True
        return self.person_id in model.walk(source_row).participants
