"""The main window: navigation between the pages, the month shown, the Edit menu's Undo and Redo,
the File menu (open a database, recent databases, switch district, quit), and the first-run guide
on a database without a district. It owns the open database and nothing else: the pages hold no
rules and talk to each other only through the session."""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop import workers
from desktop.app_settings import AppSettings
from desktop.errors import show_error
from desktop.local_user import user_name, utc_now
from desktop.navigation import PAGES
from desktop.pages.calendar import CalendarPage
from desktop.pages.neighborhood import NeighborhoodPage
from desktop.pages.reports import ReportsPage
from desktop.pages.walk_rules import WalkRulesPage
from desktop.pages.welcome import WelcomePage
from desktop.session import Session
from scheduler import actions
from scheduler.actions import BeatwalkError, Database, DistrictRef, Month, MonthPlanned

APP = "Beatwalk"
GETTING_STARTED = "Getting started"
NAVIGATION_WIDTH = 170  # the least: wider when a large font needs it


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _create_demo(url: str, now: datetime) -> tuple[Database, actions.DemoCreated]:
    """Open the database and put the demo district into it (run by a worker)."""
    db = actions.open_department(url)
    try:
        return db, actions.create_demo(db, now=now)
    except BaseException:
        db.close()
        raise


def freeze_long_lived() -> None:
    """Move the objects alive now (the opened district, its pages, the loaded plan: ~180,000 for the
    demo) out of the garbage collector's way. Otherwise a full collection walks them all later,
    in whichever thread sets it off, and held Python's lock for about 250 ms while a report was built
    (tests/benchmarks/desktop_reports_results.md). The garbage is collected first, so none is frozen."""
    gc.collect()
    gc.freeze()


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, *, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.settings, self.clock = settings, clock
        self.db: Database | None = None
        self.session: Session | None = None
        self.pages: dict[str, QWidget] = {}  # the pages made so far, by title
        self.titles: list[str] = []  # every page's title, in the navigation's order
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._throwaway: Path | None = None  # the demo's temporary folder, removed on close
        self.planning: workers.Relay | None = None  # the background planning, while it runs
        self.opening: workers.Relay | None = None  # the demo's database being made, while it is
        self.setWindowTitle(APP)
        self.resize(1200, 760)
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)

        self.navigation = QListWidget()
        self.navigation.setAccessibleName("Pages")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setSpacing(3)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._show_row)

        self._build_menus()
        self.month_label = QLabel()
        self.month_label.setAccessibleName("Month shown")
        self.month_bar = QToolBar("Month")
        self.month_bar.setObjectName("month")
        self.month_bar.addAction(self.previous_month)
        self.month_bar.addWidget(self.month_label)
        self.month_bar.addAction(self.next_month)
        self.addToolBar(self.month_bar)
        self._set_district_actions(False)

    # --- Menus ------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = file_menu.addAction("&Open database…")
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._ask_database)
        self.recent_menu = QMenu("&Recent databases", self)
        file_menu.addMenu(self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()  # an empty list is shown greyed out, not as a menu that opens on nothing
        self.switch_action = file_menu.addAction("&Switch district…")
        self.switch_action.triggered.connect(self._ask_district)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_action.triggered.connect(lambda: self._stack_step(undo=True))
        self.redo_action.triggered.connect(lambda: self._stack_step(undo=False))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        self.view_menu = self.menuBar().addMenu("&View")
        self.previous_month = QAction("◀ &Previous month", self)
        self.previous_month.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_month.triggered.connect(lambda: self._move_month(-1))
        self.next_month = QAction("&Next month ▶", self)
        self.next_month.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_month.triggered.connect(lambda: self._move_month(1))
        self.view_menu.addAction(self.previous_month)
        self.view_menu.addAction(self.next_month)
        self.view_menu.addSeparator()
        self.page_actions: list[QAction] = []

    def _set_district_actions(self, enabled: bool) -> None:
        for action in (self.previous_month, self.next_month, self.switch_action):
            action.setEnabled(enabled)
        self.month_bar.setVisible(enabled)
        self.navigation.setVisible(enabled)

    def _bind_undo(self, session: Session | None) -> None:
        """Undo and Redo keep their names ("Undo", "Redo"); what they would undo is their tooltip."""
        for action in (self.undo_action, self.redo_action):
            action.setEnabled(False)
        if session is None:
            return
        stack = session.undo_stack  # its connections go with it when the session is replaced
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.undo_action.setToolTip(f"Undo {text}".strip()))
        stack.redoTextChanged.connect(lambda text: self.redo_action.setToolTip(f"Redo {text}".strip()))

    def _stack_step(self, *, undo: bool) -> None:
        if self.session is not None:
            stack = self.session.undo_stack
            stack.undo() if undo else stack.redo()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for url in self.settings.recent_databases:
            action = self.recent_menu.addAction(url)
            action.triggered.connect(lambda _checked=False, url=url: self.open_database(url))
        self.recent_menu.setEnabled(bool(self.settings.recent_databases))

    # --- Opening ----------------------------------------------------------------------------------

    def open_database(self, url: str | None, district_name: str | None = None) -> bool:
        """Open (and upgrade, after a backup copy) the database and show its district: the one
        named, else the one shown last time, else the only one, else the one the user picks; a
        database without districts opens the first-run guide. Errors are shown; False then."""
        if not self._may_leave():
            return False
        try:
            db = actions.open_department(url)
        except BeatwalkError as error:
            show_error(self, error)
            return False
        self._close_database()
        self.db = db
        self.settings.add_recent_database(db.url)
        self._fill_recent()
        if db.backup is not None:
            self.statusBar().showMessage(f"Upgraded the database; the copy from before is {db.backup}")
        try:
            district = self._choose_district(db, district_name)
        except BeatwalkError as error:
            show_error(self, error)
            return False
        if district is None:
            self.show_welcome()
        else:
            self.show_district(district)
            freeze_long_lived()
        return True

    def open_demo(self, url: str | None = None) -> bool:
        """The demo district in `url`, or in a throwaway database removed when the window closes.
        The database is made and the demo imported in a worker, so the window shows at once; its
        month is then planned in the background too. An error is shown in a dialog when it comes."""
        if not self._may_leave():
            return False
        throwaway = None
        if url is None:
            throwaway = Path(tempfile.mkdtemp(prefix="beatwalk-demo-"))
            url = sqlite_url(throwaway / "demo.sqlite3")
        self._close_database()
        self._throwaway = throwaway
        now = self.clock()
        self.statusBar().showMessage("Preparing the demo district…")
        work = lambda: _create_demo(url, now)  # noqa: E731
        self.opening = workers.start(work, self._demo_created, self._demo_failed, self)
        return True

    def _demo_created(self, created: tuple[Database, actions.DemoCreated]) -> None:
        db, demo = created
        if self.opening is None:  # the window was closed (or another database opened) meanwhile
            db.close()
            return
        self.opening = None
        self.db = db
        self.show_district(demo.district, demo.month)
        neighborhood = self.pages.get("Neighborhood")
        if isinstance(neighborhood, NeighborhoodPage):  # streets are the user's own file, never stored
            neighborhood.load_streets(actions.DEMO_STREETS)
        freeze_long_lived()  # the demo district open: what it made is kept from here on
        self.plan_in_background(actions.DEMO_SOLVE, "Planning the demo month…")

    def _demo_failed(self, error: Exception) -> None:
        self.opening = None
        self.statusBar().clearMessage()
        show_error(self, error)

    def _choose_district(self, db: Database, name: str | None) -> DistrictRef | None:
        if name is not None:
            return actions.find_district(db, name=name)
        districts = actions.list_districts(db)
        if not districts:
            return None
        last = self.settings.last_district(db.url)
        for district in districts:
            if district.name == last or len(districts) == 1:
                return district
        names = [district.name for district in districts]
        chosen, ok = QInputDialog.getItem(self, "Choose a district", "&District:", names, 0, False)
        return districts[names.index(chosen)] if ok else districts[0]

    def _ask_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open database", "", "Beatwalk databases (*.sqlite3 *.sqlite *.db);;All files (*)"
        )
        if name:
            self.open_database(sqlite_url(Path(name)))

    def _ask_district(self) -> None:
        if self.db is None or not self._may_leave():
            return
        districts = actions.list_districts(self.db)
        names = [district.name for district in districts]
        current = names.index(self.session.district.name) if self.session else 0
        chosen, ok = QInputDialog.getItem(self, "Switch district", "&District:", names, current, False)
        if ok:
            self.show_district(districts[names.index(chosen)])
            freeze_long_lived()

    # --- Showing ----------------------------------------------------------------------------------

    def _current_month(self, district: DistrictRef) -> Month:
        assert self.db is not None
        zone = ZoneInfo(actions.district_settings(self.db, district=district).timezone)
        local = self.clock().astimezone(zone)
        return Month(local.year, local.month)

    def show_welcome(self) -> None:
        assert self.db is not None
        self._clear_pages()
        welcome = WelcomePage(self.db, None, self)
        welcome.district_created.connect(self._district_created)
        self.titles = [GETTING_STARTED]
        self.pages[GETTING_STARTED] = welcome
        self.stack.addWidget(welcome)
        self.setWindowTitle(f"{APP} — new district")
        self._set_district_actions(False)
        self._bind_undo(None)

    def _district_created(self, district: DistrictRef) -> None:
        """The first-run guide made the district: its next steps (the roster import, the first plan)
        run on workers, where a full collection of what opening made would stall the window."""
        self.show_district(district, getting_started=True)
        freeze_long_lived()

    def show_district(
        self, district: DistrictRef, month: Month | None = None, *, getting_started: bool = False
    ) -> None:
        assert self.db is not None
        self._clear_pages()
        session = Session(
            self.db,
            district,
            month or self._current_month(district),
            user=user_name(),
            clock=self.clock,
            parent=self,
        )
        self.session = session
        # Pages are made when first shown, not all at start: building the six took a quarter of a
        # second of the GUI thread before the window was usable (tests/benchmarks/desktop_results.md).
        if getting_started:
            self._factories[GETTING_STARTED] = lambda: self._welcome(session)
        for title, factory in PAGES:
            self._factories[title] = partial(factory, session, self)
        self.titles = list(self._factories)
        for number, title in enumerate(self.titles, start=1):
            self.navigation.addItem(title)
            action = self.view_menu.addAction(title)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(
                lambda _checked=False, row=number - 1: self.navigation.setCurrentRow(row)
            )
            self.page_actions.append(action)
        self._fit_navigation()
        self.navigation.setCurrentRow(0)
        self._name_district()
        session.changed.connect(lambda what: self._name_district() if what == "settings" else None)
        session.month_changed.connect(lambda _month: self._show_month())
        self._show_month()
        self._set_district_actions(True)
        self._bind_undo(session)

    def _fit_navigation(self) -> None:
        """Wide enough for the longest title in the font in use (a large system font included)."""
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(title) for title in self.titles)
        self.navigation.setFixedWidth(max(NAVIGATION_WIDTH, widest + 4 * metrics.averageCharWidth()))

    def _name_district(self) -> None:
        """The title names the district, and the database remembers it, under its name of now."""
        if self.session is None or self.db is None:
            return
        name = self.session.district.name
        self.setWindowTitle(f"{APP} — {name}")
        if self._throwaway is None:  # a throwaway demo database is not worth remembering
            self.settings.set_last_district(self.db.url, name)

    def _welcome(self, session: Session) -> WelcomePage:
        assert self.db is not None
        welcome = WelcomePage(self.db, session, self)
        welcome.print_packet.connect(self.show_packet)
        welcome.open_page.connect(self.show_page)
        welcome.build_requested.connect(self.build_plan)
        return welcome

    def page(self, title: str) -> QWidget:
        """The page, made (and added to the stack) if it has not been shown yet."""
        if title not in self.pages:
            page = self._factories[title]()
            self.pages[title] = page
            self.stack.addWidget(page)
        return self.pages[title]

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.titles):
            return
        shown = self.stack.currentWidget()
        if shown is not None and not self._may_leave(shown):
            self.navigation.blockSignals(True)  # back to the page kept on screen
            self.navigation.setCurrentRow(self._row_of(shown))
            self.navigation.blockSignals(False)
            return
        self.stack.setCurrentWidget(self.page(self.titles[row]))

    def _row_of(self, page: QWidget) -> int:
        return next(row for row, title in enumerate(self.titles) if self.pages.get(title) is page)

    def _may_leave(self, page: QWidget | None = None) -> bool:
        """Whether the page on screen (or `page`) lets itself be left: Walk rules asks about
        changes not saved yet."""
        page = page if page is not None else self.stack.currentWidget()
        return not isinstance(page, WalkRulesPage) or page.may_leave()

    def show_page(self, title: str) -> QWidget:
        self.navigation.setCurrentRow(self.titles.index(title))
        return self.page(title)

    def build_plan(self) -> None:
        """The guide's Build plan is the Calendar page's, shown while it plans: one search, with its
        progress and Cancel, and the plan it keeps reaches the guide through the session."""
        page = self.show_page("Calendar")
        if isinstance(page, CalendarPage):
            page.planning_bar.build_plan()

    def show_packet(self) -> None:
        """The Reports page with the month's packet chosen (the first-run guide's last step)."""
        page = self.show_page("Reports")
        if isinstance(page, ReportsPage):
            page.choose("packet")

    def _clear_pages(self) -> None:
        pages = list(self.pages.values())
        self.pages, self.titles, self._factories = {}, [], {}  # before the list empties: no page made
        self.navigation.clear()
        for action in self.page_actions:
            self.view_menu.removeAction(action)
        self.page_actions = []
        for page in pages:
            page.close()  # a page finishes its work (the Calendar page its queued saves)
            self.stack.removeWidget(page)
            page.deleteLater()
        if self.session is not None:
            self._bind_undo(None)
            self.session.deleteLater()
            self.session = None

    def _show_month(self) -> None:
        if self.session is not None:
            month = self.session.month
            self.month_label.setText(f"  {month.first_day:%B %Y}  ")

    def _move_month(self, step: int) -> None:
        if self.session is not None:
            month = self.session.month
            self.session.set_month(month.next() if step > 0 else month.previous())

    # --- Background planning ----------------------------------------------------------------------

    def plan_in_background(self, solve: actions.SolveRequest, message: str) -> None:
        session = self.session
        assert session is not None
        self.statusBar().showMessage(message)
        db, district, month, user = session.db, session.district, session.month, session.user
        self.planning = workers.start(
            lambda: actions.plan_month(db, district=district, month=month, user=user, solve=solve),
            self._planned,
            self._plan_failed,
            self,
        )

    def _planned(self, planned: MonthPlanned) -> None:
        self.planning = None
        plan = planned.result.plan
        count = len(plan.shortfalls)
        unmet = f"; {count} minimum{'s' if count != 1 else ''} not met (see the Calendar page)"
        month = f"{plan.month.first_day:%B %Y}"
        self.statusBar().showMessage(f"{month} planned: {len(plan.walks)} walks{unmet if count else ''}.")
        if self.session is not None:
            self.session.notify("plan")
        freeze_long_lived()  # the demo district opened and its first plan loaded

    def _plan_failed(self, error: Exception) -> None:
        self.planning = None
        self.statusBar().clearMessage()
        show_error(self, error)

    # --- Closing ----------------------------------------------------------------------------------

    def _close_database(self) -> None:
        self._clear_pages()
        QThreadPool.globalInstance().waitForDone()
        self.opening = None  # a demo made meanwhile is closed when it arrives
        if self.db is not None:
            self.db.close()
            self.db = None
        if self._throwaway is not None:
            shutil.rmtree(self._throwaway, ignore_errors=True)
            self._throwaway = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_leave():
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        self._close_database()
        super().closeEvent(event)
