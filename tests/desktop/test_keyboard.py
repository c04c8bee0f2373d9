"""Keyboard access: on every page of the window, each Alt+letter reaches one control only (and not
a menu of the menu bar), Ctrl+1… reach the pages, and a new user can type the district's name at
once and press Enter."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget

from desktop.app_settings import AppSettings
from desktop.main_window import MainWindow, sqlite_url
from scheduler import actions
from tests.desktop.conftest import NOW

PAGES = ("Getting started", "Neighborhood", "People", "Walk rules", "Calendar", "Incidents", "Reports")
MNEMONIC = re.compile(r"&([^&])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def mnemonics(page: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every visible label with a buddy, button and checkable group on the page."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy()):
            text = widget.text()
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            text = widget.title()
        else:
            continue
        letter = mnemonic(text)
        if letter is not None:
            found.append((letter, text))
    return found


@pytest.fixture
def window(session, qtbot):
    window = MainWindow(AppSettings(), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    assert window.open_database(session.db.url)
    window.show_district(session.district, session.month, getting_started=True)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("title", PAGES)
def test_each_alt_letter_of_a_page_reaches_one_control_and_no_menu(window, title):
    page = window.show_page(title)
    menus = [mnemonic(action.text()) for action in window.menuBar().actions()]
    assert menus == ["f", "e", "v"]
    letters = [*((letter, f"menu {letter}") for letter in menus), *mnemonics(page)]
    clashes = {
        letter: [text for other, text in letters if other == letter]
        for letter, _ in letters
        if sum(1 for other, _ in letters if other == letter) > 1
    }
    assert clashes == {}


def test_ctrl_and_a_number_shows_that_page(window, qtbot):
    for number, title in enumerate(window.titles, start=1):
        action = window.page_actions[number - 1]
        assert action.text() == title and action.shortcut().toString() == f"Ctrl+{number}"
    window.page_actions[window.titles.index("Walk rules")].trigger()
    assert window.stack.currentWidget() is window.pages["Walk rules"]
    assert window.navigation.currentItem().text() == "Walk rules"


def test_a_new_user_types_the_districts_name_at_once(qtbot, tmp_path):
    window = MainWindow(AppSettings(), clock=lambda: NOW)
    qtbot.addWidget(window)
    assert window.open_database(sqlite_url(tmp_path / "fresh.sqlite3"))
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    welcome = window.pages["Getting started"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is welcome.name)
    qtbot.keyClicks(QApplication.focusWidget(), "Westside")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter creates it
    assert window.windowTitle() == "Beatwalk — Westside"
    assert [district.name for district in actions.list_districts(window.db)] == ["Westside"]
