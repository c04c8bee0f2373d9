"""Undo for the Neighborhood page: every edit saves a whole value (the map, or the profile's
lists), so one command serves them all — redo saves the value after the edit, undo the one before.

The page saves the edit itself before pushing the command, so a refused edit (a boundary that
crosses itself) never reaches the stack; the command's first redo then has nothing left to do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

from scheduler.actions import BeatwalkError

T = TypeVar("T")


class SaveCommand(QUndoCommand, Generic[T]):
    def __init__(
        self,
        text: str,
        save: Callable[[T], None],
        before: T,
        after: T,
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__(text)
        self._save, self._before, self._after, self._on_error = save, before, after, on_error
        self._saved = True  # by the page, before pushing

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)

    def _apply(self, value: T) -> None:
        """A save can still fail here (the database went away): say so rather than crash."""
        try:
            self._save(value)
        except BeatwalkError as error:
            self._on_error(str(error))
