"""The Neighborhood page's saves, off the GUI thread and one after another.

An edit is checked and shown at once, and its save queued here: each save runs on a worker once
the one before it is done, against the version the edited part (the map, or the profile's lists)
was read at, so a colleague's save in between is refused rather than overwritten. The map and
the profile are kept in one database row with one version: a save of one part moves the other
part's version on too when that part was current, since the save did not change it.

A failed save (a colleague saved first, the database went away) drops the saves queued behind
it — they were edits of what is now known to be stale — and is reported through `failed`; the
page then reloads and clears its undo steps.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Literal

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import workers
from desktop.session import Session

Part = Literal["map", "profile"]
Save = Callable[[int | None], int]  # saves against the expected version, returns the new one
NOTICE: dict[Part, str] = {"map": "neighborhood", "profile": "profile"}  # what Session.changed says


class Saves(QObject):
    saved = Signal(str)  # the part just saved
    failed = Signal(object)  # the exception that stopped the saves

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.versions: dict[Part, int | None] = {"map": None, "profile": None}
        self._queue: deque[tuple[Part, Save]] = deque()
        self._running = False
        self.announcing = False  # True while telling the other pages of a save made here

    @property
    def busy(self) -> bool:
        """Saves are running or queued: what is shown is ahead of what is stored."""
        return self._running or bool(self._queue)

    def read(self, part: Part, version: int | None) -> None:
        """The version `part` was just read at (call only when not busy)."""
        self.versions[part] = version

    def submit(self, part: Part, save: Save) -> None:
        """Queue the save; the first starts once the event loop has drawn the edit (a worker
        started at once would hold the GIL while the map repaints, and make the stall longer)."""
        self._queue.append((part, save))
        if not self._running:
            self._running = True
            QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        self._running = bool(self._queue)
        if not self._queue:
            return
        part, save = self._queue.popleft()
        expected = self.versions[part]
        workers.start(partial(save, expected), partial(self._done, part, expected), self._failed, self)

    def _done(self, part: Part, expected: int | None, version: int) -> None:
        self._running = False
        for other, known in self.versions.items():
            if other == part or known == expected:
                self.versions[other] = version
        self.announcing = True
        try:
            self._session.notify(NOTICE[part])
        finally:
            self.announcing = False
        self.saved.emit(part)
        self._next()

    def _failed(self, error: Exception) -> None:
        self._running = False
        self._queue.clear()
        self.failed.emit(error)
