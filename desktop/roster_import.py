"""Importing a roster with a look first: the preview shows what would change, or every bad row,
before anything is saved. Used by the People page and the first-run guide."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import workers
from desktop.errors import show_error
from desktop.records import Column, RecordsModel
from desktop.session import Session
from scheduler import actions
from scheduler.actions import ImportSummary, InputError, Person, RosterPreview

PREVIEW_PEOPLE: tuple[Column[Person], ...] = (
    Column("Id", lambda p: p.id),
    Column("Name", lambda p: p.name),
    Column("Rank", lambda p: p.rank.value),
    Column("Unit", lambda p: p.unit.value.replace("_", " ")),
)
PREVIEW_ERRORS: tuple[Column[InputError], ...] = (
    Column("Row", lambda e: "" if e.row is None else str(e.row), lambda e: e.row or 0),
    Column("Column", lambda e: e.field or ""),
    Column("Mistake", lambda e: e.message),
)


class RosterPreviewDialog(QDialog):
    """What the file would do; Import is offered only for a file without mistakes."""

    def __init__(self, path: Path, preview: RosterPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import roster — {path.name}")
        self.setAccessibleName("Roster preview")
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel(_summary(preview))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        table = QTableView()
        if preview.errors:
            table.setModel(RecordsModel(PREVIEW_ERRORS, preview.errors, self))
            table.setAccessibleName("Mistakes in the roster file")
        else:
            table.setModel(RecordsModel(PREVIEW_PEOPLE, preview.people, self))
            table.setAccessibleName("People in the roster file")
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setResizeContentsPrecision(0)  # the rows in view: measuring all froze the UI
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(not preview.errors)
        self.import_button.setAccessibleName("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _summary(preview: RosterPreview) -> str:
    if preview.errors:
        count = len(preview.errors)
        return (
            f"The file has {count} mistake{'s' if count != 1 else ''}; nothing will be imported until "
            "they are fixed in the file."
        )
    found = (
        f"{_people(len(preview.people))} in the file: {preview.added} new, {preview.updated} changed, "
        f"{preview.unchanged} unchanged"
    )
    if not preview.deactivated:
        return f"{found}; everyone on the roster now is in the file."
    missing = _people(preview.deactivated)
    return f"{found}; {missing} missing from the file will be marked inactive (never deleted)."


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def ask_roster_file(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import roster", "", "Roster CSV (*.csv);;All files (*)")
    return Path(name) if name else None


def import_roster_interactively(
    parent: QWidget,
    session: Session,
    path: Path,
    on_finished: Callable[[ImportSummary | None], None],
) -> None:
    """Preview `path`, and import it if the user says so. Reading, comparing and saving a roster
    of hundreds takes longer than the UI may freeze, so both run on a worker; `on_finished` gets
    the summary on the GUI thread, or None when cancelled or refused."""
    db, district = session.db, session.district

    def failed(error: Exception) -> None:
        on_finished(None)
        show_error(parent, error)  # a mistake in the file in its own words; a bug said plainly, logged

    def imported(summary: ImportSummary) -> None:
        session.notify("people")
        on_finished(summary)

    def previewed(preview: RosterPreview) -> None:
        dialog = RosterPreviewDialog(path, preview, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            on_finished(None)
            return
        # the preview named the people the file makes inactive, so that is meant
        workers.start(
            lambda: actions.import_roster(db, district=district, path=path, deactivate_most=True),
            imported,
            failed,
            parent,
        )

    workers.start(lambda: actions.preview_roster(db, district=district, path=path), previewed, failed, parent)
