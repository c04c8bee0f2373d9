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

from desktop.pages.calendar import CalendarPage
from desktop.roster_import import RosterPreviewDialog
from desktop.session import Session
from scheduler import actions

# planned_file is a fixture: the desktop tests open the same planned department as the actions tests
from tests.actions.conftest import DECEMBER, QUICK, planned_file  # noqa: F401
from tests.store.conftest import sqlite_url

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _unfrozen():
    """A window that opened a district froze the objects alive then; let the next test collect them."""
    yield
    gc.unfreeze()


@pytest.fixture
def session(planned_file, tmp_path, qtbot) -> Session:  # noqa: F811
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


def dark_palette():
    """A system's dark theme, as the pages get it: light text on dark grounds."""
    from PySide6.QtGui import QColor, QPalette

    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Mid, "#555555"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
    ):
        dark.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        dark.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return dark


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


def wait_saved(page, qtbot) -> None:
    """The Calendar page saves its edits on a worker: wait until the last one is saved."""
    qtbot.waitUntil(lambda: not page.state.saving)


def shown_calendar_page(session: Session, qtbot, **options: object) -> CalendarPage:
    """The Calendar page shown at a size where every view lays out, as a captain's window would."""
    page = CalendarPage(session, **options)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    qtbot.waitExposed(page)
    return page
