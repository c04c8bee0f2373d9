"""One read-only table model for every list of plain values the pages show (people, partners,
incidents, a roster preview's rows and mistakes): columns are a header and how to show a value."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole  # the value to sort by, where text would sort wrongly


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None  # default: the text


class RecordsModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self, columns: Sequence[Column[T]], records: Sequence[T] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)  # owned by its page or dialog: a view never outlives its model
        self._columns = tuple(columns)
        self._records: tuple[T, ...] = ()
        self._texts: tuple[tuple[str, ...], ...] = ()
        self._keep(records)

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._keep(records)
        self.endResetModel()

    def _keep(self, records: Sequence[T]) -> None:
        """The cells' texts are worked out once per change: a view asks for them thousands of
        times (sizing its columns, painting, tooltips), and each asks the domain's formatting."""
        self._records = tuple(records)
        columns = self._columns
        self._texts = tuple(tuple(column.text(record) for column in columns) for record in self._records)

    def record(self, row: int) -> T:
        return self._records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._texts[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == SORT_ROLE:
            sort_key = self._columns[index.column()].sort_key
            return sort_key(self._records[index.row()]) if sort_key else text.casefold()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None
