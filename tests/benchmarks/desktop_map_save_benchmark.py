"""Map edit benchmark: the longest GUI-thread stall while a corner of the demo district's boundary
is dragged on the Neighborhood page and the edit is saved, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.desktop_map_save_benchmark \
        [--repeat N] [--locked-ms MS]

The demo district (boundary, three sectors, meeting points, 60 incidents; its streets shown) is
put in a new SQLite database once. A 10 ms timer ticks on the GUI thread; the largest gap between
two ticks, less the 10 ms, is how long the UI froze, from the press on the corner until the edit
is saved and the page is idle again. Each run moves its south-west corner out and back (two edits).
Medians of `--repeat` runs; record them in `desktop_map_results.md`.

`--locked-ms` has another program hold the database's write lock for that long from the press on
(as a colleague's import on the same SQLite file would): a save on the GUI thread waits for it.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.main_window import sqlite_url
from desktop.map.shapes import EditablePolygon
from desktop.pages.neighborhood import NeighborhoodPage
from desktop.session import Session
from scheduler import actions
from scheduler.actions import DEMO_STREETS

TICK_MS = 10
NOW = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)


def drag(page: NeighborhoodPage, start: QPoint, end: QPoint) -> None:
    viewport = page.view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, where, button, buttons in (
        (QEvent.Type.MouseButtonPress, start, left, left),
        (QEvent.Type.MouseMove, (start + end) / 2, none, left),
        (QEvent.Type.MouseMove, end, none, left),
        (QEvent.Type.MouseButtonRelease, end, left, none),
    ):
        position = QPointF(where)
        event = QMouseEvent(
            kind, position, viewport.mapToGlobal(position), button, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(viewport, event)


def idle(page: NeighborhoodPage) -> bool:
    return not page.saves.busy


def hold_write_lock(path: Path, milliseconds: int) -> None:
    """Another program takes the file's write lock now and lets it go after `milliseconds`."""
    other = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        other.execute("ROLLBACK")
        other.close()

    threading.Timer(milliseconds / 1000, release).start()


def move_corner(app: QApplication, page: NeighborhoodPage, offset: QPoint, locked: tuple[Path, int]) -> int:
    """Drag the boundary's first corner by `offset` pixels; the longest stall in ms."""
    boundary = next(
        item for item in page.view.scene().items() if isinstance(item, EditablePolygon) and not item.label
    )
    start = page.view.mapFromScene(boundary.points()[0])
    edits = page.session.undo_stack.count()
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.timeout.connect(lambda: gaps.append(clock.restart() - TICK_MS))
    clock.start()
    ticker.start(TICK_MS)
    if locked[1]:
        hold_write_lock(*locked)
    drag(page, start, start + offset)
    while page.session.undo_stack.count() == edits or not idle(page):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    gaps.append(clock.restart() - TICK_MS)
    ticker.stop()
    return max(gaps)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--locked-ms", type=int, default=0)
    arguments = parser.parse_args()
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        db = actions.open_department(sqlite_url(path))
        district = actions.create_demo(db, now=NOW).district
        session = Session(db, district, actions.Month(2026, 12), user="bench", clock=lambda: NOW)
        page = NeighborhoodPage(session)
        page.warn = print  # a refused edit would otherwise wait for a click on its message
        page.resize(1200, 700)
        page.show()
        page.load_streets(DEMO_STREETS)
        page.zoom_to_fit()
        app.processEvents()
        stalls = []
        for _ in range(arguments.repeat):
            for offset in (QPoint(-10, 6), QPoint(10, -6)):
                stalls.append(move_corner(app, page, offset, (path, arguments.locked_ms)))
        page.close()
        db.close()
    print("| measure | median | runs |\n| --- | --- | --- |")
    print(
        f"| longest GUI-thread stall, vertex move, write lock held {arguments.locked_ms} ms "
        f"| {statistics.median(stalls):.0f} ms "
        f"| {', '.join(str(v) for v in stalls)} |"
    )


if __name__ == "__main__":
    main()
