"""Every control of every page has a name a screen reader can say."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

from desktop.pages.incidents import IncidentsPage
from desktop.pages.people import PeoplePage
from desktop.pages.reports import ReportsPage
from desktop.pages.walk_rules import WalkRulesPage
from desktop.pages.welcome import WelcomePage

CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def welcome(session):
    return WelcomePage(session.db, session)


@pytest.mark.parametrize("page_class", [PeoplePage, WalkRulesPage, IncidentsPage, ReportsPage, welcome])
def test_every_control_has_an_accessible_name(session, qtbot, page_class):
    page = page_class(session)
    qtbot.addWidget(page)
    unnamed = [
        type(widget).__name__
        for widget in page.findChildren(QWidget)
        if isinstance(widget, CONTROLS)
        and widget.isVisibleTo(page)
        and not isinstance(widget.parent(), CONTROLS)
        and not widget.accessibleName()
    ]
    assert unnamed == []


def test_the_places_of_a_walk_type_are_tabbed_to_in_order(session, qtbot):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    page.type_list.setCurrentRow([w.key for w in page.stored.walk_types].index("district"))
    reached, widget = [], page.crew.nextInFocusChain()
    while widget is not page.defaults_button and widget is not page.crew:
        spin = widget if widget in page.role_spins else widget.parent()
        if spin in page.role_spins and spin not in reached:
            reached.append(spin)
        widget = widget.nextInFocusChain()
    assert widget is page.defaults_button and reached == page.role_spins and len(reached) == 5
