"""Start-up benchmark: `beatwalk --demo` to a usable window (target 2 s), offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.desktop_benchmark [--repeat N]

Each run is a fresh process, as a user's start is: it imports the app, opens a throwaway database,
creates the demo district (settings, 160 people, boundary, profile, incidents) and shows the main
window; "usable" is the window exposed with every page built. The month is then planned in the
background; the time until the plan is saved is reported too, and the largest gap between two
event-loop turns meanwhile (the GUI thread must never block more than 100 ms). Medians of
`--repeat` runs; record them in `desktop_results.md`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

ONE_RUN = r"""
import json, time
started = time.perf_counter()
from PySide6.QtCore import QElapsedTimer, QTimer
from desktop.app import open_window
window = open_window(db=None, district=None, demo=True)
app = window.windowHandle()
from PySide6.QtWidgets import QApplication
QApplication.processEvents()
usable = time.perf_counter() - started
gaps, clock = [], QElapsedTimer()
clock.start()
def tick():
    gaps.append(clock.restart())
    if window.planning is None:
        QApplication.quit()
timer = QTimer()
timer.timeout.connect(tick)
timer.start(10)
QApplication.exec()
planned = time.perf_counter() - started
window.close()
print(json.dumps({"usable": usable, "planned": planned, "gap_ms": max(gaps[1:] or [0])}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", ONE_RUN], env=env, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print("| measure | median | runs |")
    print("| --- | --- | --- |")
    for key, label, unit in (
        ("usable", "start to a usable window", "s"),
        ("planned", "start to the demo month planned (in the background)", "s"),
        ("gap_ms", "longest GUI-thread stall while planning", "ms"),
    ):
        values = [run[key] for run in runs]
        shown = ", ".join(f"{value:.2f}" if unit == "s" else f"{value:.0f}" for value in values)
        median = statistics.median(values)
        print(
            f"| {label} | {median:.2f} {unit} | {shown} |"
            if unit == "s"
            else f"| {label} | {median:.0f} {unit} | {shown} |"
        )


if __name__ == "__main__":
    main()
