"""What every page of the app shares: the open database, the district, the month on screen and the
undo stack.

Pages never talk to each other; they call `scheduler.actions` and then `Session.notify`, and every
page listening to `changed` reloads what it shows. One object keeps that traffic in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.local_user import utc_now
from scheduler.actions import Database, DistrictRef, Month


class Session(QObject):
    """The database and district the window shows; `changed` tells pages to reload.

    `what` names the part that changed ("people", "plan", "settings", "neighborhood",
    "incidents", "profile", "partners") so a page can skip reloads that do not concern it.
    """

    changed = Signal(str)
    month_changed = Signal(object)  # the new Month

    def __init__(
        self,
        db: Database,
        district: DistrictRef,
        month: Month,
        *,
        user: str = "unknown user",
        clock: Callable[[], datetime] = utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.district = district
        self.user = user
        self.undo_stack = QUndoStack(self)
        self._month = month
        self._clock = clock

    @property
    def month(self) -> Month:
        return self._month

    def set_month(self, month: Month) -> None:
        if month != self._month:
            self._month = month
            self.month_changed.emit(month)

    def now(self) -> datetime:
        """The current time, injected so that tests never depend on today's date."""
        return self._clock()

    def notify(self, what: str) -> None:
        self.changed.emit(what)
