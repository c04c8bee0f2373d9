"""The neighborhood profile beside the map: community groups, upcoming events, and resources with
their phone numbers, each a table edited in place. Every change is checked at once, is one undo
step and saves the lists through one action on a worker, queued with the map's saves (`Saves`);
the meeting points and landmarks are edited on the map."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.map.commands import SaveCommand
from desktop.map.saves import Saves
from desktop.session import Session
from scheduler import actions
from scheduler.actions import BeatwalkError, Event, Group, InputError, Profile, Resource

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
NEW_EVENT_DAYS = 14  # a new event is put two weeks ahead, to be corrected


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    key: str  # the field of the row's dataclass
    read: Callable[[Any], str] = str
    parse: Callable[[str], Any] = str.strip  # raises ValueError for text that is not a value


class RowsModel(QAbstractTableModel, Generic[R]):
    """A table over a tuple of immutable rows; an edit hands the whole new tuple to `on_edit`,
    which saves it (the page then reloads the model from the database)."""

    def __init__(
        self,
        section: str,
        columns: Sequence[Column[R]],
        on_edit: Callable[[tuple[R, ...], str], bool],
        refuse: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.section, self.columns, self._on_edit, self._refuse = section, columns, on_edit, refuse
        self.rows: tuple[R, ...] = ()

    def set_rows(self, rows: tuple[R, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            column = self.columns[index.column()]
            return column.read(getattr(self.rows[index.row()], column.key))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if column.read(getattr(row, column.key)) == str(value):
            return False
        try:
            parsed = column.parse(str(value))
        except ValueError as error:
            where = f"{self.section}[{index.row() + 1}].{column.key}"
            self._refuse(str(InputError(actions.PROFILE, str(error), field=where)))
            return False
        rows = list(self.rows)
        rows[index.row()] = replace(row, **{column.key: parsed})  # type: ignore[type-var]
        return self._on_edit(tuple(rows), f"Edit {column.title.lower()} of {getattr(row, 'name', '')}")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD") from None


GROUPS = (Column[Group]("Name", "name"), Column[Group]("Contact", "contact"), Column[Group]("Phone", "phone"))
EVENTS = (
    Column[Event]("Name", "name"),
    Column[Event]("Date", "date", date.isoformat, _day),
    Column[Event]("Place", "place"),
)
RESOURCES = (
    Column[Resource]("Name", "name"),
    Column[Resource]("Service", "service"),
    Column[Resource]("Phone", "phone"),
)


class ProfileEditor(QWidget):
    """The profile's three lists one above the other, saved through `save_community_profile`
    with undo."""

    def __init__(
        self, session: Session, saves: Saves, refuse: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session, self._saves, self._refuse = session, saves, refuse
        self.profile = Profile()
        self.groups = RowsModel("groups", GROUPS, lambda rows, text: self._edit(text, groups=rows), refuse)
        self.events = RowsModel("events", EVENTS, lambda rows, text: self._edit(text, events=rows), refuse)
        self.resources = RowsModel(
            "resources", RESOURCES, lambda rows, text: self._edit(text, resources=rows), refuse
        )
        self.tables: dict[str, QTableView] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._tab(
            "groups",
            "Community &groups",
            self.groups,
            lambda: Group(self._new_name("group", self.groups.rows)),
        )
        self._tab("events", "Upcoming even&ts", self.events, self._new_event)
        self._tab(
            "resources",
            "&Resources and services",
            self.resources,
            lambda: Resource(self._new_name("resource", self.resources.rows)),
        )
        session.changed.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        stored = actions.community_profile(self._session.db, district=self._session.district)
        self._show(stored.value)
        self._saves.read("profile", stored.version)

    def _show(self, profile: Profile) -> None:
        self.profile = profile
        self.groups.set_rows(profile.groups)
        self.events.set_rows(profile.events)
        self.resources.set_rows(profile.resources)

    def _changed(self, what: str) -> None:
        """Another page's change; while this page's saves run, what is shown is ahead of it."""
        if what in ("profile", "neighborhood") and not (self._saves.announcing or self._saves.busy):
            self.reload()

    def _tab(self, key: str, title: str, model: RowsModel[Any], new: Callable[[], Any]) -> None:
        table = QTableView()
        table.setModel(model)
        table.setAccessibleName(title.replace("&", ""))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.tables[key] = table
        add, remove = QPushButton("Add"), QPushButton("Remove")
        noun = title.replace("&", "").lower()
        add.setAccessibleName(f"Add to {noun}")
        remove.setAccessibleName(f"Remove from {noun}")
        add.clicked.connect(lambda: self._add(key, model, table, new()))
        remove.clicked.connect(lambda: self._remove(key, model, table))
        label = QLabel(title)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setBuddy(table)
        header = QHBoxLayout()
        header.addWidget(label)
        header.addStretch()
        header.addWidget(add)
        header.addWidget(remove)
        self._layout.addLayout(header)
        self._layout.addWidget(table, 1)

    def _add(self, key: str, model: RowsModel[Any], table: QTableView, row: Any) -> None:
        """Add a row and start typing its name."""
        if self._edit(f"Add {row.name}", **{key: (*model.rows, row)}):
            table.setFocus()
            table.edit(model.index(len(model.rows) - 1, 0))

    def _remove(self, key: str, model: RowsModel[Any], table: QTableView) -> None:
        chosen = {index.row() for index in table.selectionModel().selectedRows()}
        if chosen:
            names = ", ".join(getattr(model.rows[row], "name", "") for row in sorted(chosen))
            rows = tuple(row for number, row in enumerate(model.rows) if number not in chosen)
            self._edit(f"Remove {names}", **{key: rows})

    def _edit(self, text: str, **lists: Any) -> bool:
        after = replace(self.profile, **lists)
        try:
            actions.check_community_profile(after)
        except BeatwalkError as error:
            self._refuse(str(error))
            return False
        self._session.undo_stack.push(SaveCommand(text, self._show_and_save, self.profile, after))
        return True

    def _show_and_save(self, profile: Profile) -> None:
        self._show(profile)
        db, district, user = self._session.db, self._session.district, self._session.user
        self._saves.submit(
            "profile",
            lambda expected: actions.save_community_profile(
                db, district=district, profile=profile, expected_version=expected, user=user
            ),
        )

    def _new_event(self) -> Event:
        day = self._session.now().date() + timedelta(days=NEW_EVENT_DAYS)
        return Event(self._new_name("event", self.events.rows), day)

    @staticmethod
    def _new_name(noun: str, rows: Sequence[Any]) -> str:
        names = {row.name for row in rows}
        number = 1
        while f"New {noun} {number}" in names:
            number += 1
        return f"New {noun} {number}"
