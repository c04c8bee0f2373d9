"""Undo for the Neighborhood page: every edit saves a whole value (the map, or the profile's
lists), so one command serves them all — redo shows and saves the value after the edit, undo the
one before.

The page checks an edit before pushing its command, so a refused edit (a boundary that crosses
itself) never reaches the stack. `show_and_save` shows the value at once and queues its save
(`Saves`): saves run in the order of the stack's steps, each against the version the one before
left, so an undo of a step a colleague has saved over since is refused like any other stale save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

T = TypeVar("T")


class SaveCommand(QUndoCommand, Generic[T]):
    def __init__(self, text: str, show_and_save: Callable[[T], None], before: T, after: T) -> None:
        super().__init__(text)
        self._show_and_save, self._before, self._after = show_and_save, before, after

    def redo(self) -> None:
        self._show_and_save(self._after)

    def undo(self) -> None:
        self._show_and_save(self._before)
