"""Long work (planning, re-planning around an incident) off the GUI thread.

The work is a plain function; its result or its error comes back to the GUI thread through one
queued signal each (Picard's thread.py, Orange's concurrent.py). The work never touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Relay(QObject):
    """Lives on the GUI thread: the task's signals reach its slots queued, so the callbacks run
    there."""

    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(
        self, on_done: Callable[[Any], None], on_failed: Callable[[Exception], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._on_done, self._on_failed = on_done, on_failed
        self.task: QRunnable | None = None
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        try:
            self._on_done(result)
        finally:
            self.deleteLater()

    @Slot(object)
    def _deliver_failed(self, error: Exception) -> None:
        try:
            self._on_failed(error)
        finally:
            self.deleteLater()


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported on the GUI thread, which decides how to show it
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(result)


def start(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
    parent: QObject,
) -> Relay:
    """Run `work` on the thread pool; `on_done(result)` or `on_failed(error)` then runs on the GUI
    thread. Call it from the GUI thread."""
    relay = Relay(on_done, on_failed, parent)
    task = _Task(work, relay)
    task.setAutoDelete(False)  # Python owns it: the relay keeps it until the result is delivered
    relay.task = task
    QThreadPool.globalInstance().start(task)
    return relay
