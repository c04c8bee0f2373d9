"""The selected walk beside the calendar: type, time, meeting point, lock, the people on it with
their role (coordinator or participant, called in off duty), what the validator says about it, and
the buttons that edit it. The panel only asks for edits; the page makes them."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.calendar.plan_state import PlanState
from desktop.calendar.selection import WalkSelection
from desktop.calendar.walk_style import walk_style
from scheduler.actions import Walk

PEOPLE_COLUMNS = ("Name", "Rank", "Unit", "Role", "Called in")


class WalkDetails(QGroupBox):
    move_clicked = Signal(str)  # walk id
    lock_clicked = Signal(str, bool)  # walk id, locked
    add_person_clicked = Signal(str)
    remove_person_clicked = Signal(str, str)  # walk id, person id
    coordinator_clicked = Signal(str, str)
    delete_clicked = Signal(str)

    def __init__(self, state: PlanState, selection: WalkSelection, parent: QWidget | None = None) -> None:
        super().__init__("Selected walk", parent)
        self.state = state
        self.selection = selection
        self.heading = QLabel("Select a walk in the calendar to see who walks and where they meet.")
        self.heading.setWordWrap(True)
        self.when, self.place, self.coordinator, self.locked = QLabel(), QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        for label, field in (
            ("When:", self.when),
            ("Meeting point:", self.place),
            ("Coordinator:", self.coordinator),
            ("Locked:", self.locked),
        ):
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            form.addRow(label, field)
        self.people = QStandardItemModel(0, len(PEOPLE_COLUMNS), self)
        self.people.setHorizontalHeaderLabels(PEOPLE_COLUMNS)
        self.people_view = QTableView()
        self.people_view.setModel(self.people)
        self.people_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_view.verticalHeader().hide()
        self.people_view.horizontalHeader().setStretchLastSection(True)
        self.people_view.setAccessibleName("People on the selected walk")
        self.people_view.selectionModel().selectionChanged.connect(self._people_chosen)
        people_label = QLabel("&People on this walk:")
        people_label.setBuddy(self.people_view)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems with the selected walk")

        self.move_button = self._button("&Move…", "Move the selected walk to another day or time")
        self.lock_button = self._button("&Lock", "Lock the walk so that re-planning keeps it")
        self.add_button = self._button("&Add person…", "Add a person to the selected walk")
        self.remove_button = self._button("&Remove person", "Take the chosen person off the walk")
        self.lead_button = self._button("Make &coordinator", "Make the chosen person the coordinator")
        self.delete_button = self._button("&Delete walk", "Delete the selected walk")
        buttons = QGridLayout()
        for n, button in enumerate(
            (
                self.move_button,
                self.lock_button,
                self.add_button,
                self.remove_button,
                self.lead_button,
                self.delete_button,
            )
        ):
            buttons.addWidget(button, n // 2, n % 2)
        self.move_button.clicked.connect(lambda: self._emit_walk(self.move_clicked))
        self.add_button.clicked.connect(lambda: self._emit_walk(self.add_person_clicked))
        self.delete_button.clicked.connect(lambda: self._emit_walk(self.delete_clicked))
        self.lock_button.clicked.connect(self._lock)
        self.remove_button.clicked.connect(lambda: self._emit_person(self.remove_person_clicked))
        self.lead_button.clicked.connect(lambda: self._emit_person(self.coordinator_clicked))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(people_label)
        layout.addWidget(self.people_view, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        state.changed.connect(self.refresh)
        selection.changed.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        return button

    def walk(self) -> Walk | None:
        return self.state.walk(self.selection.walk_id or "")

    def chosen_person(self) -> str | None:
        rows = self.people_view.selectionModel().selectedRows()
        return str(self.people.item(rows[0].row(), 0).data()) if rows else None

    def refresh(self) -> None:
        walk = self.walk()
        for button in (self.move_button, self.lock_button, self.add_button, self.delete_button):
            button.setEnabled(walk is not None)
        self.people.removeRows(0, self.people.rowCount())
        if walk is None:
            self.heading.setText("Select a walk in the calendar to see who walks and where they meet.")
            for field in (self.when, self.place, self.coordinator, self.locked, self.problems):
                field.clear()
            self._people_chosen()
            return
        district = self.state.problem.district
        name = next((t.name for t in district.walk_types if t.key == walk.type), walk.type)
        self.heading.setText(f"<b>{walk_style(walk.type).short}</b> — {name} ({walk.id})")
        local, end = walk.start.astimezone(self.state.zone), walk.end.astimezone(self.state.zone)
        self.when.setText(f"{local:%a %d %b %Y, %H:%M} to {end:%H:%M} ({walk.minutes} minutes)")
        self.place.setText(walk.meeting_point or "not set")
        self.coordinator.setText(self.state.name(walk.coordinator))
        self.locked.setText("yes: re-planning keeps this walk" if walk.locked else "no")
        self.lock_button.setText("Un&lock" if walk.locked else "&Lock")
        for person_id in walk.participants:
            person = self.state.people.get(person_id)
            cells = (
                person.name if person else person_id,
                person.rank.value if person else "",
                person.unit.value.replace("_", " ") if person else "",
                "coordinator" if person_id == walk.coordinator else "participant",
                "called in" if person_id in walk.called_in else "",
            )
            items = [QStandardItem(text) for text in cells]
            items[0].setData(person_id)
            self.people.appendRow(items)
        self.people_view.resizeColumnsToContents()
        problems = [v.message for v in self.state.violations if v.walk == walk.id]
        self.problems.setText(
            "<br>".join(f"<b>Problem:</b> {html.escape(message)}" for message in problems)
            if problems
            else "No problems."
        )
        self._people_chosen()

    def _people_chosen(self) -> None:
        chosen = self.walk() is not None and self.chosen_person() is not None
        self.remove_button.setEnabled(chosen)
        self.lead_button.setEnabled(chosen)

    def _emit_walk(self, signal: SignalInstance) -> None:
        walk = self.walk()
        if walk is not None:
            signal.emit(walk.id)

    def _emit_person(self, signal: SignalInstance) -> None:
        walk, person = self.walk(), self.chosen_person()
        if walk is not None and person is not None:
            signal.emit(walk.id, person)

    def _lock(self) -> None:
        walk = self.walk()
        if walk is not None:
            self.lock_clicked.emit(walk.id, not walk.locked)
