"""The small dialogs of calendar edits: a new day and time for a walk, a person to add, an ad hoc
walk. Each returns plain values; the page makes the edit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from scheduler.actions import Person, WalkType


def _people_combo(people: Iterable[Person]) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)  # type a name to find someone on a long roster
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for person in sorted(people, key=lambda p: p.name):
        combo.addItem(
            f"{person.label}, {person.rank.value}, {person.unit.value.replace('_', ' ')}", person.id
        )
    return combo


def _moment_edit(start: datetime, zone: ZoneInfo) -> QDateTimeEdit:
    local = start.astimezone(zone)
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    edit = QDateTimeEdit(moment)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


def _moment(edit: QDateTimeEdit, zone: ZoneInfo) -> datetime:
    """The edited wall-clock time in the district's zone (not the computer's)."""
    date, time = edit.dateTime().date(), edit.dateTime().time()
    return datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), tzinfo=zone)


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, label: str, field: QWidget) -> None:
        field.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.form.addRow(label, field)

    def finish(self) -> None:
        self.form.addRow(self.buttons)


class MoveDialog(_Dialog):
    def __init__(self, start: datetime, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__("Move walk", parent)
        self.zone = zone
        self.start = _moment_edit(start, zone)
        self.add_row("New &start:", self.start)
        self.finish()

    def chosen(self) -> datetime:
        return _moment(self.start, self.zone)


class PersonDialog(_Dialog):
    def __init__(self, people: Iterable[Person], parent: QWidget | None = None) -> None:
        super().__init__("Add a person to the walk", parent)
        self.person = _people_combo(people)
        self.add_row("&Person:", self.person)
        self.finish()

    def chosen(self) -> str:
        return str(self.person.currentData())


class AddWalkDialog(_Dialog):
    """An ad hoc walk: its type, start, coordinator and the others on it."""

    def __init__(
        self,
        walk_types: Iterable[WalkType],
        people: Iterable[Person],
        start: datetime,
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Add a walk", parent)
        self.zone = zone
        people = tuple(people)
        self.walk_type = QComboBox()
        for walk_type in walk_types:
            self.walk_type.addItem(f"{walk_type.name} ({walk_type.minutes} minutes)", walk_type.key)
        self.start = _moment_edit(start, zone)
        self.coordinator = _people_combo(people)
        self.others = QListWidget()
        self.others.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for person in sorted(people, key=lambda p: p.name):
            item = QListWidgetItem(f"{person.label}, {person.rank.value}")
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.others.addItem(item)
        self.add_row("Walk &type:", self.walk_type)
        self.add_row("&Start:", self.start)
        self.add_row("&Coordinator:", self.coordinator)
        self.add_row("&Others on the walk:", self.others)
        self.finish()

    def chosen(self) -> tuple[str, datetime, tuple[str, ...]]:
        coordinator = str(self.coordinator.currentData())
        others = [str(item.data(Qt.ItemDataRole.UserRole)) for item in self.others.selectedItems()]
        people = (coordinator, *(pid for pid in others if pid != coordinator))
        return str(self.walk_type.currentData()), _moment(self.start, self.zone), people
