"""Importing a roster with a look first: the preview shows what would change, or every bad row,
before anything is saved. Used by the People page and the first-run guide."""

from __future__ import annotations

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

from desktop.errors import show_error
from desktop.records import Column, RecordsModel
from desktop.session import Session
from scheduler import actions
from scheduler.actions import BeatwalkError, ImportSummary, InputError, Person, RosterPreview

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
    return (
        f"{len(preview.people)} people in the file: {preview.added} new, {preview.updated} changed, "
        f"{preview.unchanged} unchanged; {preview.deactivated} people missing from the file will be "
        "marked inactive (never deleted)."
    )


def ask_roster_file(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import roster", "", "Roster CSV (*.csv);;All files (*)")
    return Path(name) if name else None


def import_roster_interactively(parent: QWidget, session: Session, path: Path) -> ImportSummary | None:
    """Preview `path`, and import it if the user says so; None when cancelled or refused."""
    preview = actions.preview_roster(session.db, district=session.district, path=path)
    dialog = RosterPreviewDialog(path, preview, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:  # the preview named the people the file makes inactive, so that is meant
        summary = actions.import_roster(
            session.db, district=session.district, path=path, deactivate_most=True
        )
    except BeatwalkError as error:
        show_error(parent, error)
        return None
    session.notify("people")
    return summary
