"""Showing a user's mistake: the action's message in a dialog, in the domain's words, no traceback."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtWidgets import QMessageBox, QWidget

from scheduler.actions import BeatwalkError, InputError, InputErrors

log = logging.getLogger(__name__)


def in_words(error: InputError, labels: Mapping[str, str]) -> str | None:
    """The mistake under the name its control has on screen ("Walk hours: ...") rather than the
    file's field name ("walk rules, field 'walk_hours': ..."); None for a field not on the form."""
    label = labels.get(error.field or "")
    if label is None or error.field is None:
        return None
    message = error.message.removeprefix(f"{error.field} ")  # "shift_start '25:00' is not ..."
    return f"{label}: {message}"


def show_error(
    parent: QWidget | None,
    error: BaseException,
    title: str = "Beatwalk",
    labels: Mapping[str, str] | None = None,
) -> None:
    """A BeatwalkError is the user's to fix and is shown as it is, a form's field under its
    `labels`; anything else is a bug in Beatwalk, said so plainly (the traceback goes to the log,
    not to the captain)."""
    worded = in_words(error, labels) if isinstance(error, InputError) and labels else None
    if worded is not None and not isinstance(error, InputErrors):
        text, details = f"{worded.rstrip('.')}. Nothing was saved.", ""
    elif isinstance(error, InputErrors):
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


def tell_reload(parent: QWidget, title: str, text: str) -> None:
    """A save refused because a colleague saved first (or one that failed): the page reloads what
    is stored once the user has read why; its one button says so."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
    box.setAccessibleName(title)
    box.exec()
