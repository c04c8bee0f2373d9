"""High-DPI: on a screen scaled 200 % the window is drawn at twice the pixels, its layout in
device-independent pixels unchanged (screenshot first-run-200pct.png). The scale factor is read
when Qt starts, so the window is opened in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.desktop.conftest import SCREENSHOTS

OPEN_AT_200_PERCENT = """
import json, sys
from datetime import UTC, datetime
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from desktop.app_settings import AppSettings
from desktop.main_window import MainWindow
window = MainWindow(AppSettings(), clock=lambda: datetime(2026, 12, 4, 15, tzinfo=UTC))
window.resize(1000, 700)
assert window.open_database(sys.argv[1])
window.show()
app.processEvents()
image = window.grab()
image.save(sys.argv[3])
welcome = window.pages["Getting started"]
print(json.dumps({
    "ratio": image.devicePixelRatio(),
    "pixels": [image.width(), image.height()],
    "window": [window.width(), window.height()],
    "button_fits": welcome.create_button.width() >= welcome.create_button.sizeHint().width(),
}))
"""


def test_a_screen_scaled_200_percent_draws_the_window_at_twice_the_pixels(tmp_path):
    SCREENSHOTS.mkdir(exist_ok=True)
    environment = os.environ | {"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    database = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    screenshot = SCREENSHOTS / "first-run-200pct.png"
    arguments = [database, str(tmp_path / "settings"), str(screenshot)]
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AT_200_PERCENT, *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["ratio"] == 2.0
    assert shown["pixels"] == [2 * shown["window"][0], 2 * shown["window"][1]]
    assert shown["button_fits"]
