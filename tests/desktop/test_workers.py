"""Background work reports its result or its error on the GUI thread, never on the worker's."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread

from desktop import workers
from scheduler.actions import InputError


def test_results_and_errors_come_back_on_the_gui_thread(qtbot):
    owner = QObject()
    gui = QThread.currentThread()
    reports: list[tuple[str, object, bool]] = []

    def fail() -> None:
        raise InputError("roster.csv", "bad row", row=2)

    def report(kind):
        return lambda value: reports.append((kind, value, QThread.currentThread() is gui))

    workers.start(lambda: 42, report("done"), report("failed"), owner)
    workers.start(fail, report("done"), report("failed"), owner)
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=10_000)
    assert sorted((kind, str(value), on_gui) for kind, value, on_gui in reports) == [
        ("done", "42", True),
        ("failed", "roster.csv, row 2: bad row", True),
    ]
