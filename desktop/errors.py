"""Showing a user's mistake: the action's message in a dialog, in the domain's words, no traceback."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from scheduler.actions import BeatwalkError, InputErrors

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: BaseException, title: str = "Beatwalk") -> None:
    """A BeatwalkError is the user's to fix and is shown as it is; anything else is a bug in
    Beatwalk, said so plainly (the traceback goes to the log, not to the captain)."""
    if isinstance(error, InputErrors):
        text = f"{error.file}: {len(error.errors)} mistakes, nothing was changed."
        details = str(error)
    elif isinstance(error, BeatwalkError):
        text, details = str(error), ""
    else:
        text = f"Something went wrong inside Beatwalk, and nothing was changed ({type(error).__name__})."
        details = str(error)
        log.error("Unexpected error shown to the user", exc_info=error)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.setAccessibleName(title)
    box.exec()
