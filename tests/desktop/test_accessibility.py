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
from desktop.pages.walk_rules import WalkRulesPage

CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


@pytest.mark.parametrize("page_class", [PeoplePage, WalkRulesPage, IncidentsPage])
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
