"""A session on a copy of a planned department (small roster, December 2026, planned once per
module), with the clock fixed so that no page depends on today's date."""

from __future__ import annotations

import gc
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.roster_import import RosterPreviewDialog
from desktop.session import Session
from scheduler import actions
from scheduler.actions import Month, SolveRequest
from tests.factories import write_roster
from tests.store.conftest import sqlite_url

DECEMBER = Month(2026, 12)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
QUICK = SolveRequest(effort=0.6)
SETTINGS = 'name = "Eastside District"\ntimezone = "America/New_York"\n'


@pytest.fixture(autouse=True)
def _no_configured_database(monkeypatch):
    monkeypatch.delenv("BEATWALK_DB", raising=False)


@pytest.fixture(autouse=True)
def _unfrozen():
    """A window that opened a district froze the objects alive then; let the next test collect them."""
    yield
    gc.unfreeze()


@pytest.fixture(scope="module")
def planned_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("department")
    settings = folder / "district.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    db = actions.open_department(sqlite_url(folder / "department.sqlite3"))
    try:
        district = actions.import_settings(db, path=settings).district
        actions.import_roster(db, district=district, path=write_roster(folder / "roster.csv"))
        actions.plan_month(db, district=district, month=DECEMBER, user="alvarez", solve=QUICK)
    finally:
        db.close()
    return folder / "department.sqlite3"


@pytest.fixture
def session(planned_file, tmp_path, qtbot) -> Session:
    """A session on a copy of the planned department, for one test."""
    copy = tmp_path / "department.sqlite3"
    shutil.copyfile(planned_file, copy)
    db = actions.open_department(sqlite_url(copy))
    session = Session(db, actions.find_district(db), DECEMBER, user="alvarez", clock=lambda: NOW)
    yield session
    db.close()


SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path):
    """The app's QSettings (an INI file in the user scope) go to this test's folder."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def dialogs(monkeypatch):
    """Message boxes answer at once and are recorded (text first), instead of waiting for a click."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def exec_(box):
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def screenshot(widget, name: str) -> Path:
    """Save what the widget looks like, for a person to look at (tests/screenshots is not kept)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    widget.grab().save(str(path))
    return path


def answer_preview(parent, answer):
    """The preview dialog runs its own event loop once the worker has read the file: a timer
    answers it from inside that loop. Returns a list that gets one entry once answered."""
    answered = []
    timer = QTimer(parent)  # the parent keeps it alive

    def look():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RosterPreviewDialog):
            timer.stop()
            answered.append(dialog)
            answer(dialog)

    timer.timeout.connect(look)
    timer.start(10)
    return answered
