"""Reports page benchmark: each document of the demo month built and previewed, and printed, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.desktop_reports_benchmark

The demo district is created in a throwaway database and its December planned (DEMO_SOLVE). For
each document the page is asked for it and timed until the preview is ready; meanwhile a 10 ms
timer records the largest gap between two event-loop turns (the GUI thread must never block more
than 100 ms). Printing (each page rendered by QtPdf at 300 dpi and drawn on a PDF printer) runs in
a worker too; it is timed until the page says it is done, with the largest gap meanwhile. Record
the table in `desktop_reports_results.md`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from desktop.main_window import freeze_long_lived
from desktop.pages.reports import ReportsPage
from desktop.session import Session
from scheduler import actions
from scheduler.actions import DEMO_SOLVE, Month

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
DECEMBER = Month(2026, 12)
DOCUMENTS = ("handout", "talking-points", "briefing", "schedule", "packet", "plan")  # plan: the warm-up


def wait_until(app: QApplication, done: Callable[[], bool]) -> tuple[float, float]:
    """Seconds until `done()`, and the largest gap between two event-loop turns meanwhile (ms)."""
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.timeout.connect(lambda: gaps.append(clock.restart()))
    timer.start(10)
    started = time.perf_counter()
    while not done():
        app.processEvents()
        time.sleep(0.002)
    seconds = time.perf_counter() - started
    timer.stop()
    return seconds, max(gaps[1:] or [0])


def print_timed(app: QApplication, page: ReportsPage, printer: QPrinter) -> tuple[float, float, int]:
    printed: list[int] = []
    page.printed.connect(printed.append)
    page.print_to(printer)
    seconds, gap = wait_until(app, lambda: bool(printed))
    page.printed.disconnect(printed.append)
    return seconds, gap, printed[0]


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="beatwalk-reports-"))
    db = actions.open_department(f"sqlite:///{folder / 'demo.sqlite3'}")
    demo = actions.create_demo(db, now=NOW)
    actions.plan_month(db, district=demo.district, month=DECEMBER, user="benchmark", solve=DEMO_SOLVE)
    session = Session(db, demo.district, DECEMBER, user="benchmark", clock=lambda: NOW)
    page = ReportsPage(session)
    page.resize(1150, 760)
    page.show()
    if "--no-freeze" not in sys.argv:  # as the app does once the district is open and planned
        freeze_long_lived()
    wait_until(app, lambda: page.shown == page.choice())  # loads the fonts and modules: not counted
    print("| document | build and preview s | largest gap ms | pages | print at 300 dpi s | largest gap ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind in DOCUMENTS:
        page.choose(kind)
        seconds, gap = wait_until(app, lambda: page.shown == page.choice())
        printer = page.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(folder / f"{kind}.pdf"))
        printing, print_gap, pages = print_timed(app, page, printer)
        print(f"| {kind} | {seconds:.2f} | {gap} | {pages} | {printing:.2f} | {print_gap} |")
    db.close()


if __name__ == "__main__":
    main()
