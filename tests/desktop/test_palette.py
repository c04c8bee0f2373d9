"""The pages follow the system's palette: under a dark theme they draw light text on dark ground,
with no colour of their own that would vanish (screenshots *-dark.png)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from desktop.pages.incidents import IncidentsPage
from desktop.pages.people import PeoplePage, PersonDialog
from desktop.pages.walk_rules import WalkRulesPage
from desktop.pages.welcome import WelcomePage
from tests.desktop.conftest import dark_palette, screenshot


def welcome(session, parent=None):
    return WelcomePage(session.db, session, parent)


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (PeoplePage, "people"),
        (WalkRulesPage, "walk-rules"),
        (IncidentsPage, "incidents"),
        (welcome, "welcome"),
    ],
)
def test_a_page_is_drawn_dark_under_a_dark_palette(session, qtbot, make, name):
    page = make(session)
    qtbot.addWidget(page)
    page.setPalette(dark_palette())
    page.resize(1100, 700)
    image = page.grab().toImage()
    corner = image.pixelColor(image.width() - 3, image.height() - 3)
    assert corner.lightness() < 80  # the window's ground, not a light colour of the page's own
    screenshot(page, f"{name}-dark")


def test_a_mistake_in_the_person_form_stays_readable_under_a_dark_palette(session, qtbot):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    dialog = PersonDialog(page.model.record(0).person)
    qtbot.addWidget(dialog)
    dialog.setPalette(dark_palette())
    dialog.fields["shift_start"].setText("25:00")
    dialog.accept()
    assert "Shift starts" in dialog.problem.text() and dialog.problem.font().bold()
    assert dialog.problem.styleSheet() == ""  # no colour of its own: the theme's text colour
    assert dialog.problem.palette().color(QPalette.ColorRole.WindowText).lightness() > 200
    screenshot(dialog, "people-edit-dark")
