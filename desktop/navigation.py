"""The pages of the main window, in the order of the navigation list. To plug in a page, replace
its factory here: every page is `Page(session, parent=None)`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.pages.calendar import CalendarPage
from desktop.pages.incidents import IncidentsPage
from desktop.pages.neighborhood import NeighborhoodPage
from desktop.pages.people import PeoplePage
from desktop.pages.reports import ReportsPage
from desktop.pages.walk_rules import WalkRulesPage
from desktop.session import Session

PageFactory = Callable[[Session, QWidget | None], QWidget]

PAGES: tuple[tuple[str, PageFactory], ...] = (
    ("Neighborhood", NeighborhoodPage),
    ("People", PeoplePage),
    ("Walk rules", WalkRulesPage),
    ("Calendar", CalendarPage),
    ("Incidents", IncidentsPage),
    ("Reports", ReportsPage),
)
