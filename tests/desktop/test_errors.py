"""Errors a captain meets are dialogs in plain words, never a traceback on a terminal: a bug inside
Beatwalk says so, is logged with its traceback, and changes nothing."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QWidget

from desktop.app import show_unexpected_errors
from desktop.pages.people import PeoplePage
from scheduler import actions

BUG = "Something went wrong inside Beatwalk, and nothing was changed"


def test_an_error_no_page_expected_is_shown_in_a_dialog_and_logged(qtbot, dialogs, monkeypatch, caplog):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    window = QWidget()
    qtbot.addWidget(window)
    show_unexpected_errors(window)
    try:
        {}["walk"]
    except KeyError as error:
        with caplog.at_level(logging.ERROR):
            sys.excepthook(KeyError, error, error.__traceback__)
    assert dialogs == [f"{BUG} (KeyError)."]
    assert caplog.records and caplog.records[0].exc_info is not None


def test_an_error_raised_again_while_its_dialog_shows_is_logged_not_stacked(qtbot, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown: list[str] = []

    def exec_(box):  # the dialog's own event loop repaints the widget that failed: it fails again
        shown.append(box.text())
        sys.excepthook(ValueError, ValueError("again"), None)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    window = QWidget()
    qtbot.addWidget(window)
    show_unexpected_errors(window)
    with caplog.at_level(logging.ERROR):
        sys.excepthook(ValueError, ValueError("first"), None)
    assert shown == [f"{BUG} (ValueError)."]
    assert [record.exc_info[1].args[0] for record in caplog.records] == ["first", "again"]


def test_a_bug_while_reading_a_roster_is_a_dialog_and_imports_nothing(
    session, qtbot, dialogs, monkeypatch, tmp_path
):
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,rank,unit\nx1,Ann Lee,officer,patrol\n", encoding="utf-8")
    before = actions.district_people(session.db, district=session.district)

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(actions, "preview_roster", broken)
    page = PeoplePage(session)
    qtbot.addWidget(page)
    page.import_roster(roster)
    qtbot.waitUntil(page.import_button.isEnabled, timeout=10_000)
    assert dialogs == [f"{BUG} (RuntimeError)."]
    assert actions.district_people(session.db, district=session.district) == before
