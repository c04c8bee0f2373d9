"""Roster import benchmark: the longest GUI-thread stall while the People page previews and imports
the demo roster (160 people) into a new district, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.desktop_import_benchmark [--repeat N]

A 10 ms timer ticks on the GUI thread; the largest gap between two ticks, less the 10 ms, is how
long the UI froze. "preview" runs from the click on Import roster until the preview dialog is
shown (reading the file and comparing it with the roster); "import" from the click on Import in
the dialog until the button is enabled again (saving the people). Each run uses a fresh database
in a temporary folder. Medians of `--repeat` runs; record them in `desktop_results.md`. Once the
page is shown, the objects alive are collected and frozen, as the app does when it shows a district:
without that, a full collection (of the modules and the run before) held Python's lock for 75 ms in
the worker during the second run's import.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.main_window import freeze_long_lived, sqlite_url
from desktop.pages import people
from desktop.roster_import import RosterPreviewDialog
from desktop.session import Session
from scheduler import actions
from scheduler.actions import DEMO_FILES, Month

TICK_MS = 10
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def one_run(app: QApplication, folder: Path) -> dict[str, int]:
    db = actions.open_department(sqlite_url(folder / "bench.sqlite3"))
    district = actions.create_district(db, name="Bench District", timezone="America/New_York")
    session = Session(db, district, Month(2026, 12), user="bench", clock=lambda: NOW)
    page = people.PeoplePage(session)
    page.show()
    app.processEvents()
    freeze_long_lived()  # as the app does once the district is shown (a new one: by the first-run guide)
    people.ask_roster_file = lambda _parent: DEMO_FILES / "roster.csv"  # type: ignore[assignment]
    gaps: dict[str, list[int]] = {"preview": [], "import": []}
    phase = ["preview"]
    clock = QElapsedTimer()

    def tick() -> None:
        gaps[phase[0]].append(clock.restart() - TICK_MS)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RosterPreviewDialog) and phase[0] == "preview":
            tick()
            phase[0] = "import"
            clock.restart()
            dialog.import_button.click()

    ticker, answerer = QTimer(), QTimer()
    ticker.timeout.connect(tick)
    answerer.timeout.connect(answer)
    clock.start()
    ticker.start(TICK_MS)
    answerer.start(TICK_MS)
    page.import_button.click()  # before the worker: returns once imported, after it: at once
    while phase[0] == "preview" or not page.import_button.isEnabled():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    tick()
    ticker.stop()
    answerer.stop()
    assert len(actions.district_people(db, district=district)) == 160
    page.close()
    db.close()
    return {name: max(values) for name, values in gaps.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    app = QApplication([])
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(one_run(app, Path(folder)))
    print("| measure | median | runs |\n| --- | --- | --- |")
    for name in ("preview", "import"):
        values = [run[name] for run in runs]
        print(
            f"| longest GUI-thread stall, {name} | {statistics.median(values):.0f} ms "
            f"| {', '.join(str(v) for v in values)} |"
        )


if __name__ == "__main__":
    main()
