"""The Walk rules page: the district's name, time zone and the agency printed on the documents,
its calendar (walk hours, workdays, holidays), the limits of post-incident walks, and each walk
type's length, minimum and composition, as the guide sets them or as the district adapted them. A
change is saved with "Save changes", undoable as one step; "Restore the guide's defaults" saves the
guide's rules (the district's agency and holidays stay).

Every save (a change, its undo and its redo) is checked against a version: a change against the
one the page shows, an undo or a redo against the one this window's last save left. A save refused
because a colleague saved the walk rules first reloads them and clears the undo steps, which were
made on what is now stale."""

from __future__ import annotations

import zoneinfo
from dataclasses import replace
from datetime import date, time
from itertools import pairwise

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.commands import ActionCommand
from desktop.errors import show_error, tell_reload
from desktop.session import Session
from desktop.widgets import choice, labelled
from scheduler import actions
from scheduler.actions import BeatwalkError, Crew, District, Per, SettingsConflict, WalkType

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PERIODS = {Per.WORK_WEEK: "work week", Per.MONTH: "month", Per.WORKDAY: "workday", Per.INCIDENT: "incident"}
CREWS = {
    Crew.ANYONE: "anyone who fits a place",
    Crew.OWN_SQUAD: "the coordinator's own squad",
    Crew.OWN_SHIFT: "the coordinator's own shift",
}


FIELD_LABELS = {  # the settings' fields under the names the page gives them, for its error messages
    "name": "District name",
    "timezone": "Time zone",
    "agency": "Agency",
    "walk_hours": "Walk hours",
    "workdays": "Workdays",
    "walk_call_type": "CAD call type",
    "max_walking_per_squad": "Walking at once, per squad",
    "post_incident_delay_hours": "Post-incident walk starts",
    "post_incident_minutes": "Post-incident walk lasts",
}


def _spin(bounds: tuple[int, int], suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*bounds)
    spin.setSuffix(suffix)
    return spin


class WalkRulesPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._loading = False
        stored = actions.walk_rules(session.db, district=session.district)
        self.stored: District = stored.value
        self.version = stored.version  # the version shown, to save a change against
        self.left_at: int | None = None  # the version this window's last save left
        self._walk_types: dict[str, WalkType] = {}
        self._holidays: set[date] = set()

        calendar = QGroupBox("District calendar")
        form = QFormLayout(calendar)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.agency = QLineEdit()
        self.agency.setPlaceholderText("e.g. Eastside Police Department")
        self.agency.setMinimumWidth(260)
        self.agency.setToolTip("Printed on the cover and in the footer of every document")
        form.addRow(labelled("Age&ncy:", self.agency), self.agency)
        self.district_name = QLineEdit()
        self.district_name.setMinimumWidth(260)
        form.addRow(labelled("District na&me:", self.district_name), self.district_name)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(zoneinfo.available_timezones() - {"localtime"}))
        form.addRow(labelled("Time &zone:", self.timezone), self.timezone)
        self.walk_start, self.walk_end = QTimeEdit(), QTimeEdit()
        for edit in (self.walk_start, self.walk_end):
            edit.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.walk_start)
        hours.addWidget(labelled("&to", self.walk_end))
        hours.addWidget(self.walk_end)
        hours.addStretch()
        form.addRow(labelled("Walk &hours from:", self.walk_start), hours)
        self.week_start = choice(list(DAYS))
        form.addRow(labelled("&Week starts on:", self.week_start), self.week_start)
        self.workdays = [QCheckBox(day[:3]) for day in DAYS]
        days = QHBoxLayout()
        for day, box in zip(DAYS, self.workdays, strict=True):
            box.setAccessibleName(f"Workday {day}")
            days.addWidget(box)
        days.addStretch()
        form.addRow(QLabel("Workdays:"), days)
        self.max_walking = _spin(actions.MAX_WALKING_PER_SQUAD, " people at most")
        form.addRow(labelled("Walking at once, per s&quad:", self.max_walking), self.max_walking)
        self.call_type = QLineEdit()
        form.addRow(labelled("CAD &call type:", self.call_type), self.call_type)
        self.delay = _spin(actions.POST_INCIDENT_DELAY_HOURS, " hours after the incident, at the earliest")
        form.addRow(labelled("Post-incident walk st&arts:", self.delay), self.delay)
        self.incident_minutes = _spin(actions.POST_INCIDENT_MINUTES, " minutes")
        form.addRow(labelled("Post-incident walk &lasts:", self.incident_minutes), self.incident_minutes)

        holidays = QGroupBox("Holidays (no walks are planned; post-incident walks still happen)")
        holiday_layout = QHBoxLayout(holidays)
        self.holiday_list = QListWidget()
        self.holiday_list.setAccessibleName("Holidays")
        self.holiday_list.setMaximumWidth(240)
        self.holiday_date = QDateEdit()
        self.holiday_date.setCalendarPopup(True)
        self.holiday_date.setDisplayFormat("yyyy-MM-dd")
        today = session.now().date()
        self.holiday_date.setDate(QDate(today.year, today.month, today.day))
        self.add_holiday = QPushButton("A&dd holiday")
        self.remove_holiday = QPushButton("Rem&ove holiday")
        for button in (self.add_holiday, self.remove_holiday):
            button.setAccessibleName(button.text().replace("&", ""))
        holiday_controls = QGridLayout()
        holiday_controls.addWidget(labelled("Da&y:", self.holiday_date), 0, 0)
        holiday_controls.addWidget(self.holiday_date, 0, 1)
        holiday_controls.addWidget(self.add_holiday, 1, 0, 1, 2)
        holiday_controls.addWidget(self.remove_holiday, 2, 0, 1, 2)
        holiday_controls.setRowStretch(3, 1)
        holiday_layout.addWidget(self.holiday_list, 1)
        holiday_layout.addLayout(holiday_controls)
        self.add_holiday.clicked.connect(self._add_holiday)
        self.remove_holiday.clicked.connect(self._remove_holiday)
        self.holiday_list.itemSelectionChanged.connect(self._enable_remove)
        self.holiday_date.dateChanged.connect(self._enable_add)

        types = QGroupBox("Walk types")
        types_layout = QVBoxLayout(types)
        self.type_list = QListWidget()
        self.type_list.setAccessibleName("Walk types")
        self.type_list.setMaximumHeight(150)
        types_layout.addWidget(self.type_list)
        self.type_form = QFormLayout()
        self.type_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        types_layout.addLayout(self.type_form)
        types_layout.addStretch()
        self.minutes = _spin(actions.WALK_MINUTES, " minutes")
        self.minimum = _spin(actions.WALK_MINIMUM)
        self.crew = choice(list(CREWS.values()))
        self.coordinator = QLabel()
        self.minimum_label = labelled("M&inimum:", self.minimum)
        self.type_form.addRow(labelled("D&uration:", self.minutes), self.minutes)
        self.type_form.addRow(self.minimum_label, self.minimum)
        self.type_form.addRow(QLabel("Coordinator:"), self.coordinator)
        self.type_form.addRow(labelled("Who may &join:", self.crew), self.crew)
        self.role_spins: list[QSpinBox] = []
        self.type_note = QLabel()
        self.type_note.setWordWrap(True)
        self.type_list.currentRowChanged.connect(self._show_walk_type)

        self.defaults_button = QPushButton("Restore the &guide's defaults")  # in the order they show
        self.discard_button = QPushButton("Disca&rd changes")
        self.save_button = QPushButton("&Save changes")
        for button in (self.save_button, self.discard_button, self.defaults_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.reload)
        self.defaults_button.clicked.connect(self.restore_defaults)
        buttons = QHBoxLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addStretch()
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addWidget(calendar)
        left.addWidget(holidays, 1)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addWidget(types, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

        for edit in (self.walk_start, self.walk_end):
            edit.timeChanged.connect(self._edited)
        for spin in (self.max_walking, self.delay, self.incident_minutes):
            spin.valueChanged.connect(self._edited)
        self.week_start.currentIndexChanged.connect(self._edited)
        self.call_type.textChanged.connect(self._edited)
        self.agency.textChanged.connect(self._edited)
        self.district_name.textChanged.connect(self._edited)
        self.timezone.currentTextChanged.connect(self._edited)
        for box in self.workdays:
            box.toggled.connect(self._edited)
        self.minutes.valueChanged.connect(self._walk_type_edited)
        self.minimum.valueChanged.connect(self._walk_type_edited)
        self.crew.currentIndexChanged.connect(self._walk_type_edited)
        session.changed.connect(self._changed)
        self.show_settings(self.stored)

    # --- Showing ----------------------------------------------------------------------------------

    def reload(self) -> None:
        stored = actions.walk_rules(self.session.db, district=self.session.district)
        self.stored, self.version = stored.value, stored.version
        self.show_settings(self.stored)

    def _changed(self, what: str) -> None:
        if what == "settings":
            self.reload()

    def show_settings(self, settings: District) -> None:
        self._loading = True
        try:
            self.district_name.setText(settings.name)
            self.timezone.setCurrentText(settings.timezone)
            self.walk_start.setTime(QTime(settings.walk_start.hour, settings.walk_start.minute))
            self.walk_end.setTime(QTime(settings.walk_end.hour, settings.walk_end.minute))
            self.week_start.setCurrentIndex(settings.week_start)
            for day, box in enumerate(self.workdays):
                box.setChecked(day in settings.workdays)
            self.max_walking.setValue(settings.max_walking_per_squad)
            self.call_type.setText(settings.walk_call_type)
            self.agency.setText(settings.agency)
            self.delay.setValue(settings.post_incident_delay_hours)
            self.incident_minutes.setValue(settings.post_incident_minutes)
            self._holidays = set(settings.holidays)
            self._show_holidays()
            self._walk_types = {walk_type.key: walk_type for walk_type in settings.walk_types}
            row = max(self.type_list.currentRow(), 0)
            self.type_list.clear()
            self.type_list.addItems([walk_type.name for walk_type in settings.walk_types])
            self.type_list.setCurrentRow(row)
        finally:
            self._loading = False
        self._show_walk_type(self.type_list.currentRow())
        self._edited()

    def _show_holidays(self) -> None:
        self.holiday_list.clear()
        self.holiday_list.addItems([f"{day:%Y-%m-%d, %A}" for day in sorted(self._holidays)])
        self._enable_remove()

    def _enable_remove(self) -> None:
        """Remove holiday works on the holiday picked in the list: without one it can do nothing."""
        self.remove_holiday.setEnabled(bool(self.holiday_list.selectedItems()))
        self._enable_add()

    def _picked_day(self) -> date:
        day = self.holiday_date.date()
        return date(day.year(), day.month(), day.day())

    def _enable_add(self) -> None:
        """A day that is a holiday already cannot be added again."""
        self.add_holiday.setEnabled(self._picked_day() not in self._holidays)

    def _current_type(self) -> WalkType | None:
        row = self.type_list.currentRow()
        return list(self._walk_types.values())[row] if 0 <= row < len(self._walk_types) else None

    def _show_walk_type(self, _row: int) -> None:
        walk_type = self._current_type()
        if walk_type is None:
            return
        loading, self._loading = self._loading, True
        try:
            incident = walk_type.per == Per.INCIDENT
            self.minutes.setValue(walk_type.minutes)
            self.minutes.setEnabled(not incident)
            self.minimum.setValue(walk_type.minimum)
            self.minimum.setEnabled(not incident)
            self.minimum.setSuffix(f" walks per {PERIODS[walk_type.per]}")
            self.crew.setCurrentIndex(list(CREWS).index(walk_type.crew))
            self.coordinator.setText(walk_type.coordinator_role.label)
            while self.type_form.rowCount() > 4:
                self.type_form.removeRow(4)
            self.role_spins = []
            for role in walk_type.roles[1:]:
                spin = _spin(actions.ROLE_COUNT, " needed")
                spin.setValue(role.count)
                spin.valueChanged.connect(self._walk_type_edited)
                self.role_spins.append(spin)
                self.type_form.addRow(labelled(f"{role.label.capitalize()}:", spin), spin)
            chain = [self.crew, *self.role_spins, self.defaults_button]
            for before, after in pairwise(chain):  # new places are tabbed in order
                QWidget.setTabOrder(before, after)
            self.type_note = QLabel(
                "A post-incident walk follows every homicide and shooting; its timing is set under "
                "District calendar."
                if incident
                else ""
            )
            self.type_note.setWordWrap(True)
            self.type_form.addRow(self.type_note)
        finally:
            self._loading = loading

    # --- Editing ----------------------------------------------------------------------------------

    def _walk_type_edited(self) -> None:
        walk_type = self._current_type()
        if self._loading or walk_type is None:
            return
        roles = (
            walk_type.roles[0],
            *(
                replace(role, count=spin.value())
                for role, spin in zip(walk_type.roles[1:], self.role_spins, strict=True)
            ),
        )
        self._walk_types[walk_type.key] = replace(
            walk_type,
            minutes=self.minutes.value(),
            minimum=self.minimum.value(),
            crew=list(CREWS)[self.crew.currentIndex()],
            roles=roles,
        )
        self._edited()

    def _add_holiday(self) -> None:
        self._holidays.add(self._picked_day())
        self._show_holidays()
        self._edited()

    def _remove_holiday(self) -> None:
        row = self.holiday_list.currentRow()
        if row >= 0:
            self._holidays.discard(sorted(self._holidays)[row])
            self._show_holidays()
            self._edited()

    def draft(self) -> District:
        """The settings as the form shows them."""
        start, end = self.walk_start.time(), self.walk_end.time()
        return replace(
            self.stored,
            name=self.district_name.text().strip(),
            timezone=self.timezone.currentText().strip(),
            walk_start=time(start.hour(), start.minute()),
            walk_end=time(end.hour(), end.minute()),
            week_start=self.week_start.currentIndex(),
            workdays=frozenset(day for day, box in enumerate(self.workdays) if box.isChecked()),
            max_walking_per_squad=self.max_walking.value(),
            walk_call_type=self.call_type.text().strip(),
            agency=self.agency.text().strip(),
            post_incident_delay_hours=self.delay.value(),
            post_incident_minutes=self.incident_minutes.value(),
            holidays=frozenset(self._holidays),
            walk_types=tuple(self._walk_types.values()),
        )

    def _edited(self) -> None:
        if self._loading:
            return
        dirty = self.draft() != self.stored
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)

    def save(self) -> bool:
        return self._save(self.draft(), "change the walk rules")

    def may_leave(self) -> bool:
        """Asked before the window shows another page or district, or closes: an edit not saved
        yet would otherwise be lost quietly, or a plan built on the rules as they were before it.
        True when the page may be left (saved, discarded, or nothing to save)."""
        if not self.save_button.isEnabled():
            return True
        Button = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            "Walk rules not saved",
            "The walk rules have changes that are not saved yet. Save them now?",
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            return self.save()
        if answer == Button.Discard:
            self.reload()
            return True
        return False

    def restore_defaults(self) -> bool:
        return self._save(actions.guide_defaults(self.stored), "restore the guide's walk rules")

    def _save(self, new: District, text: str) -> bool:
        old = self.stored
        if new == old:
            self.show_settings(old)
            return False
        try:
            self._store(new, self.version)
        except BeatwalkError as error:
            self._refused(error)
            return False
        command = ActionCommand(
            text,
            self.session,
            "settings",
            lambda: self._store(new, self.left_at),
            lambda: self._store(old, self.left_at),
            self._refused,
        )
        self.session.undo_stack.push(command)
        return True

    def _store(self, settings: District, expected_version: int | None) -> None:
        """Save, and let the session know the district's name (a rename changes the title)."""
        session = self.session
        saved = actions.update_settings(
            session.db,
            district=session.district,
            settings=settings,
            expected_version=expected_version,
            user=session.user,
        )
        session.district, self.left_at = saved.value, saved.version

    def _refused(self, error: BeatwalkError) -> None:
        if not isinstance(error, SettingsConflict):
            show_error(self, error, labels=FIELD_LABELS)
            return
        tell_reload(
            self,
            "Someone else saved the walk rules",
            f"{error}.\n\nYour changes were not saved. The walk rules are reloaded as they are saved "
            "now; undo cannot go back past the reload.",
        )
        self.session.undo_stack.clear()
        self.left_at = None
        self.reload()
