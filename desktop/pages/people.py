"""The People page: the district's roster as a sortable, filterable table; a roster import with a
preview; edits of one person's shift, work pattern, leave and engagement, each undoable; and the
partners invited to post-incident walks.

Every save of a person (an edit, its undo and its redo) is checked against a version: an edit
against the one the table shows, an undo or a redo against the one this window's last save left.
A save refused because a colleague saved that person first reloads the table and clears the undo
steps, which were made on what is now stale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.commands import ActionCommand
from desktop.errors import in_words, show_error, tell_reload
from desktop.records import SORT_ROLE, Column, RecordsModel
from desktop.roster_import import ask_roster_file, import_roster_interactively
from desktop.session import Session
from desktop.widgets import choice, labelled, record_table
from scheduler import actions
from scheduler.actions import (
    BeatwalkError,
    Engagement,
    ImportSummary,
    InputError,
    Partner,
    Person,
    PersonConflict,
    Rank,
    RosterEntry,
    Unit,
)

ANY = "Any"
PARTNERS = "Partners invited to post-incident walks"


def _shift(person: Person) -> str:
    return f"{person.shift_start:%H:%M}, {person.shift_hours:g} h"


def _cells(column: str) -> Column[RosterEntry]:
    return Column(column.replace("_", " ").capitalize(), lambda m: actions.person_fields(m.person)[column])


PEOPLE_COLUMNS: tuple[Column[RosterEntry], ...] = (
    Column("Id", lambda m: m.person.id),
    Column("Name", lambda m: m.person.name),
    Column("Rank", lambda m: m.person.rank.value, lambda m: list(Rank).index(m.person.rank)),
    Column("Unit", lambda m: m.person.unit.value.replace("_", " ")),
    Column("Responsible", lambda m: "yes" if m.person.responsible else ""),
    Column("Squad", lambda m: m.person.squad),
    Column("Shift", lambda m: _shift(m.person), lambda m: (m.person.shift_start, m.person.shift_hours)),
    _cells("workdays"),
    _cells("leave"),
    _cells("engagement"),
    Column("Active", lambda m: "yes" if m.active else "no"),
)
LEAVE = [column.header for column in PEOPLE_COLUMNS].index("Leave")
PARTNER_COLUMNS: tuple[Column[Partner], ...] = (
    Column("Name", lambda p: p.name),
    Column("Organization", lambda p: p.organization),
    Column("Kind", lambda p: p.kind),
    Column("Phone", lambda p: p.phone),
    Column("Email", lambda p: p.email),
)


class PeopleFilter(QSortFilterProxyModel):
    """Rank, unit, responsible and active as exact choices; the text matches id, name or squad."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rank: Rank | None = None
        self.unit: Unit | None = None
        self.responsible: bool | None = None
        self.active: bool | None = True
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set(self, **choices: object) -> None:
        self.beginFilterChange()
        for name, value in choices.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RecordsModel)
        member: RosterEntry = model.record(source_row)
        person, text = member.person, self.text.casefold()
        return (
            (self.rank is None or person.rank == self.rank)
            and (self.unit is None or person.unit == self.unit)
            and (self.responsible is None or person.responsible == self.responsible)
            and (self.active is None or member.active == self.active)
            and (
                not text or any(text in value.casefold() for value in (person.id, person.name, person.squad))
            )
        )


class PeoplePage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model: RecordsModel[RosterEntry] = RecordsModel(PEOPLE_COLUMNS, parent=self)
        self.proxy = PeopleFilter(self)
        self.proxy.setSourceModel(self.model)
        self.partners: RecordsModel[Partner] = RecordsModel(PARTNER_COLUMNS, parent=self)
        self.shown_at: dict[str, int] = {}  # person id: the version the table shows
        self.left_at: dict[str, int] = {}  # person id: the version this window's last save left

        self.search = QLineEdit()
        self.search.setPlaceholderText("id, name or squad")
        self.search.setClearButtonEnabled(True)
        self.rank = choice([ANY, *(rank.value for rank in Rank)])
        self.unit = choice([ANY, *(unit.value.replace("_", " ") for unit in Unit)])
        self.responsible = choice([ANY, "Responsible", "Not responsible"])
        self.active = choice(["Active", "Inactive", "Everyone"])
        filters = QHBoxLayout()
        for label, widget in (
            ("&Search:", self.search),
            ("&Rank:", self.rank),
            ("&Unit:", self.unit),
            ("Respo&nsible:", self.responsible),
            ("Sho&w:", self.active),
        ):
            filters.addWidget(labelled(label, widget))
            filters.addWidget(widget, 2 if widget is self.search else 0)
        self.search.textChanged.connect(lambda text: self.proxy.set(text=text))
        self.rank.currentIndexChanged.connect(self._filter)
        self.unit.currentIndexChanged.connect(self._filter)
        self.responsible.currentIndexChanged.connect(self._filter)
        self.active.currentIndexChanged.connect(self._filter)

        self.table = record_table(self.proxy, "People")
        self._fit_columns()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(lambda _index: self.edit_selected())  # a double click, or Enter
        self.count = QLabel()

        self.import_button = QPushButton("&Import roster…")
        self.import_button.setAccessibleName("Import roster")
        self.import_button.clicked.connect(self._import)
        self.edit_button = QPushButton("E&dit person…")
        self.edit_button.setAccessibleName("Edit person")
        self.edit_button.clicked.connect(self.edit_selected)
        self.edit_button.setEnabled(False)  # until a person is selected
        self.table.selectionModel().selectionChanged.connect(self._enable_edit)
        buttons = QHBoxLayout()
        self.import_status = QLabel()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.import_status)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.edit_button)

        roster = QWidget()
        roster_layout = QVBoxLayout(roster)
        roster_layout.setContentsMargins(0, 0, 0, 0)
        roster_layout.addLayout(filters)
        roster_layout.addWidget(self.table)
        roster_layout.addLayout(buttons)
        partners_box = QGroupBox(PARTNERS)
        self.partners_box = partners_box
        partners_layout = QVBoxLayout(partners_box)
        self.partners_table = record_table(self.partners, "Partners")
        partners_layout.addWidget(self.partners_table)
        self.partners_status = QLabel()
        self.partners_button = QPushButton("Import &partners…")
        self.partners_button.setAccessibleName("Import partners")
        self.partners_button.setToolTip("Make a partners CSV's list the district's invited partners")
        self.partners_button.clicked.connect(self._ask_partners)
        partners_buttons = QHBoxLayout()
        partners_buttons.addWidget(self.partners_status, 1)
        partners_buttons.addWidget(self.partners_button)
        partners_layout.addLayout(partners_buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(roster)
        splitter.addWidget(partners_box)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._count)
            signal.connect(self._enable_edit)
        self.proxy.layoutChanged.connect(self._count)
        session.changed.connect(self._changed)
        self.reload()

    def _fit_columns(self) -> None:
        """Every column fits the page, without a horizontal scrollbar at a laptop's 1200 pixels:
        the others take what their texts need and Leave, mostly empty, gets the rest (a longer
        leave is elided there; its tooltip and the edit form show it whole)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(LEAVE, QHeaderView.ResizeMode.Stretch)

    def reload(self) -> None:
        db, district = self.session.db, self.session.district
        entries = actions.roster_entries(db, district=district)
        self.shown_at = {entry.person.id: entry.version for entry in entries}
        self.model.set_records(entries)
        partners = actions.district_partners(db, district=district)
        self.partners.set_records(partners)
        self.partners_box.setTitle(PARTNERS if partners else f"{PARTNERS}: none yet (import a partners CSV)")
        self._count()

    def _changed(self, what: str) -> None:
        if what in ("people", "partners"):
            self.reload()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            self.count.setText("No people yet: Import roster… reads the district's roster CSV.")
        else:
            self.count.setText(f"{shown} of {total} people shown")

    def _enable_edit(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def _filter(self) -> None:
        responsible = {0: None, 1: True, 2: False}[self.responsible.currentIndex()]
        self.proxy.set(
            rank=None if self.rank.currentIndex() == 0 else list(Rank)[self.rank.currentIndex() - 1],
            unit=None if self.unit.currentIndex() == 0 else list(Unit)[self.unit.currentIndex() - 1],
            responsible=responsible,
            active={0: True, 1: False, 2: None}[self.active.currentIndex()],
        )
        self._count()

    def selected(self) -> RosterEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def edit_selected(self) -> None:
        member = self.selected()
        if member is None:
            return
        dialog = PersonDialog(member.person, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.edited is not None:
            self.save_person(member.person, dialog.edited)

    def save_person(self, old: Person, new: Person) -> bool:
        """Save the edit against the version shown and put it on the undo stack; a refused save
        changes nothing (a colleague's save first: the page reloads)."""
        if old == new:
            return False
        try:
            self._save(new, self.shown_at[new.id])
        except BeatwalkError as error:
            self._refused(error)
            return False
        command = ActionCommand(
            f"edit {new.name}",
            self.session,
            "people",
            lambda: self._save(new, self.left_at[new.id]),
            lambda: self._save(old, self.left_at[new.id]),
            self._refused,
        )
        self.session.undo_stack.push(command)
        return True

    def _save(self, person: Person, expected_version: int) -> None:
        db, district, user = self.session.db, self.session.district, self.session.user
        version = actions.update_person(
            db, district=district, person=person, expected_version=expected_version, user=user
        )
        self.left_at[person.id] = version

    def _refused(self, error: BeatwalkError) -> None:
        if not isinstance(error, PersonConflict):
            show_error(self, error)
            return
        tell_reload(
            self,
            "Someone else saved this person",
            f"{error}.\n\nYour change was not saved. The people are reloaded as they are saved now; "
            "undo cannot go back past the reload.",
        )
        self.session.undo_stack.clear()
        self.left_at.clear()
        self.reload()

    def _import(self) -> None:
        path = ask_roster_file(self)
        if path is not None:
            self.import_roster(path)

    def import_roster(self, path: Path) -> None:
        """Preview and import `path` on a worker; the button waits for it, so one runs at a time."""
        self.import_button.setEnabled(False)
        self.import_status.setText("Reading the roster…")
        import_roster_interactively(self, self.session, path, self._imported)

    def _imported(self, _summary: ImportSummary | None) -> None:
        self.import_button.setEnabled(True)
        self.import_status.clear()

    def _ask_partners(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import partners", "", "CSV files (*.csv);;All files (*)")
        if name:
            self.import_partners(Path(name))

    def import_partners(self, path: Path) -> bool:
        """Make the file's partners the district's list (all or nothing; a bad row is shown)."""
        try:
            summary = actions.import_partners(self.session.db, district=self.session.district, path=path)
        except BeatwalkError as error:
            show_error(self, error)
            return False
        self.session.notify("partners")
        self.partners_status.setText(
            f"Imported {path.name}: {summary.added} new, {summary.updated} changed, "
            f"{summary.unchanged} unchanged, {summary.deactivated} no longer invited."
        )
        return True


ENGAGEMENTS = {
    Engagement.UNKNOWN: "not known",
    Engagement.NATURAL: "natural: conversations come easily",
    Engagement.DEVELOPING: "developing: pair with a natural",
}
EDITABLE = (
    ("shift_start", "Shift &starts", "HH:MM, e.g. 07:00"),
    ("shift_hours", "Shift &hours", "e.g. 8, 10 or 12"),
    ("workdays", "&Workdays or rotation", "Mon-Fri, Mon,Tue,Thu, or a rotation such as 11001110011000"),
    ("rotation_start", "Rotation s&tarts on", "YYYY-MM-DD: the day the rotation's first character falls on"),
    ("leave", "&Leave", "YYYY-MM-DD/YYYY-MM-DD or YYYY-MM-DD, separated by ;"),
)

FIELD_LABELS = {column: label.replace("&", "") for column, label, _hint in EDITABLE}  # for its mistakes


class PersonDialog(QDialog):
    """The edit form, in the roster file's own words; a mistake is shown under the form and the
    dialog stays open."""

    def __init__(self, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.edited: Person | None = None
        self.setWindowTitle(f"Edit {person.name}")
        self.setAccessibleName(f"Edit {person.name}")
        self.setMinimumWidth(520)
        fields = actions.person_fields(person)
        form = QFormLayout()
        form.addRow("Name:", QLabel(f"{person.name} ({person.id}), {person.rank.value}"))
        self.fields: dict[str, QLineEdit] = {}
        for column, label, hint in EDITABLE:
            edit = QLineEdit(fields[column])
            edit.setPlaceholderText(hint)
            edit.setToolTip(hint)
            edit.setAccessibleName(label.replace("&", ""))
            self.fields[column] = edit
            form.addRow(labelled(label + ":", edit), edit)
        self.engagement = choice([ENGAGEMENTS[engagement] for engagement in ENGAGEMENTS])
        self.engagement.setCurrentIndex(list(ENGAGEMENTS).index(person.engagement))
        form.addRow(labelled("&Engagement:", self.engagement), self.engagement)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        font = self.problem.font()  # bold in the text colour: readable on any theme, light or dark
        font.setBold(True)
        self.problem.setFont(font)
        self.problem.setAccessibleName("Problem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, str]:
        engagement = list(ENGAGEMENTS)[self.engagement.currentIndex()]
        return {column: edit.text() for column, edit in self.fields.items()} | {
            "engagement": engagement.value
        }

    def accept(self) -> None:
        try:
            self.edited = actions.edited_person(self.person, self.changes())
        except InputError as error:
            self.problem.setText(f"⚠ {in_words(error, FIELD_LABELS) or error.message}")
            if error.field in self.fields:
                self.fields[error.field].setFocus()
            return
        super().accept()
