"""The Calendar page: the month's walks by month, week or as a list, the selected walk and the plan's
quality beside them; edits that are shown at once, saved on a worker and undoable; the planning
bar with Build plan and the what-if Re-plan.

The page only puts the parts of `desktop.calendar` together: `WalkEdits` turns the user's requests
into edits of `PlanState`, `PlanningBar` runs the solver.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.calendar.month_view import MonthView
from desktop.calendar.plan_state import PlanState
from desktop.calendar.plan_summary import PlanSummary
from desktop.calendar.planning_bar import PlanningBar
from desktop.calendar.selection import WalkSelection
from desktop.calendar.walk_details import WalkDetails
from desktop.calendar.walk_edits import WalkEdits
from desktop.calendar.walk_style import walk_style
from desktop.calendar.walk_table import WALK_ID, PersonFilter, WalksModel
from desktop.calendar.week_view import WeekView
from desktop.session import Session
from desktop.widgets import named_button
from scheduler.actions import Month, SolveRequest

EVERYONE = "Everyone"
# A captain waits this long at most (Cancel ends it sooner); the search runs in its own process,
# so that the window never waits for it.
APP_SOLVE = SolveRequest(time_limit=20.0, apart=True)


class CalendarPage(QWidget):
    def __init__(
        self, session: Session, parent: QWidget | None = None, *, solve: SolveRequest = APP_SOLVE
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendar_page")
        self.session = session
        self.state = PlanState(session, self)
        self.selection = WalkSelection(self)
        self.planning_bar = PlanningBar(self.state, solve)
        self.edits = WalkEdits(self.state, self.selection, self, lambda: self.planning_bar.planning)

        self.month_view = MonthView(self.state, self.selection)
        self.week_view = WeekView(self.state, self.selection)
        self.walks = WalksModel(self.state, self)
        self.person_filter = PersonFilter(self)
        self.person_filter.setSourceModel(self.walks)
        self.table = self._walk_table()
        self.views = QStackedWidget()
        for view in (self.month_view, self.week_view, self.table):
            self.views.addWidget(view)
        self.details = WalkDetails(self.state, self.selection)
        self.summary = PlanSummary(self.state, self.selection)
        side = QTabWidget()
        side.addTab(self.details, "&Walk")
        side.addTab(self.summary, "Plan &quality")
        side.setMinimumWidth(340)
        self.side = side
        self.legend = QLabel(self._legend())
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("Walk types")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.views, 1)
        left_layout.addWidget(self.legend)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(self._view_bar())
        layout.addWidget(self.planning_bar)
        layout.addWidget(splitter, 1)
        self._connect()
        self._sort_list()
        self._show_week_label()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.state.finish_saving()
        super().closeEvent(event)

    # --- building ---------------------------------------------------------------------------------

    def _walk_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.person_filter)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setWordWrap(False)
        table.setColumnWidth(0, table.fontMetrics().horizontalAdvance("Wed 2026-12-30") + 16)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setAccessibleName("Walks of the month")
        table.selectionModel().currentRowChanged.connect(self._table_row_chosen)
        return table

    def _view_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.view_buttons = QButtonGroup(self)
        for n, (text, name) in enumerate(
            (("Mont&h", "Month view"), ("Wee&k", "Week view"), ("L&ist", "List of walks"))
        ):
            button = named_button(text, name)
            button.setCheckable(True)
            button.setChecked(n == 0)
            self.view_buttons.addButton(button, n)
            bar.addWidget(button)
        self.previous_week = named_button("◀", "Previous week")
        self.next_week = named_button("▶", "Next week")
        self.week_label = QLabel()
        bar.addWidget(self.previous_week)
        bar.addWidget(self.week_label)
        bar.addWidget(self.next_week)
        bar.addStretch(1)
        person_label = QLabel("Show walks &of:")
        self.person = QComboBox()
        self.person.setAccessibleName("Show the walks of one person")
        self.person.setMinimumContentsLength(24)
        person_label.setBuddy(self.person)
        self.person_count = QLabel()
        self.person_count.setMinimumWidth(self.fontMetrics().horizontalAdvance("999 walks"))
        bar.addWidget(person_label)
        bar.addWidget(self.person)
        bar.addWidget(self.person_count)
        self.add_walk_button = named_button("&New walk…", "Add an ad hoc walk")
        bar.addWidget(self.add_walk_button)
        return bar

    def _connect(self) -> None:
        self.view_buttons.idClicked.connect(self.show_view)
        self.previous_week.clicked.connect(lambda: self._step_week(-7))
        self.next_week.clicked.connect(lambda: self._step_week(7))
        self.person.currentIndexChanged.connect(self._person_chosen)
        edits = self.edits
        self.add_walk_button.clicked.connect(edits.add_walk_dialog)
        self.planning_bar.planning_changed.connect(
            lambda planning: self.add_walk_button.setEnabled(not planning)
        )
        for view in (self.month_view, self.week_view):
            view.move_requested.connect(edits.move_walk)
            view.delete_requested.connect(edits.delete_walk)
        self.month_view.day_opened.connect(self.open_week)
        self.details.move_clicked.connect(edits.move_dialog)
        self.details.lock_clicked.connect(edits.set_locked)
        self.details.add_person_clicked.connect(edits.person_dialog)
        self.details.remove_person_clicked.connect(edits.remove_person)
        self.details.coordinator_clicked.connect(edits.set_coordinator)
        self.details.delete_clicked.connect(edits.delete_walk)
        self.selection.changed.connect(self._selection_changed)
        self.state.changed.connect(self._plan_changed)
        self.session.month_changed.connect(self._month_changed)
        self._plan_changed()

    # --- views ------------------------------------------------------------------------------------

    def _legend(self) -> str:
        """The walk types' short labels and colours, and what the marks on a walk mean."""
        types = " &nbsp; ".join(
            f'<span style="color:{walk_style(t.key).colour}">■</span> <b>{walk_style(t.key).short}</b> '
            f"{html.escape(t.name)}"
            for t in self.state.problem.district.walk_types
        )
        return f"{types} &nbsp; | &nbsp; <b>!</b> breaks a rule &nbsp; padlock: locked"

    def show_view(self, index: int) -> None:
        self.views.setCurrentIndex(index)
        self.view_buttons.button(index).setChecked(True)
        self._sort_list()
        self._show_week_label()

    def _sort_list(self) -> None:
        """The list is sorted by the column its header shows only while it is on screen: sorting 300
        walks reads a cell thousands of times, which every change would pay for (20 ms) unseen."""
        header = self.table.horizontalHeader()
        shown = self.views.currentWidget() is self.table
        self.person_filter.sort(header.sortIndicatorSection() if shown else -1, header.sortIndicatorOrder())

    def _month_changed(self, month: Month) -> None:
        self.week_view.show_week_of(month.first_day)
        self._show_week_label()

    def open_week(self, day: date) -> None:
        self.week_view.show_week_of(day)
        self.show_view(1)

    def _step_week(self, days: int) -> None:
        self.week_view.show_week_of(self.week_view.first_day + timedelta(days=days))
        self._show_week_label()

    def _show_week_label(self) -> None:
        week = self.views.currentIndex() == 1
        for widget in (self.previous_week, self.next_week, self.week_label):
            widget.setVisible(week)
        first = self.week_view.first_day
        self.week_label.setText(f"{first:%d %b} to {first + timedelta(days=6):%d %b %Y}")

    def _plan_changed(self) -> None:
        self.legend.setText(self._legend())
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(EVERYONE, "")
        for person in sorted(self.state.people.values(), key=lambda p: p.name):
            self.person.addItem(person.label, person.id)
        self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        self.person.blockSignals(False)
        if self.state.walk(self.selection.walk_id or "") is None:
            self.selection.select(None)
        self._person_chosen()
        self._selection_changed()

    def _person_chosen(self) -> None:
        person_id = self.person.currentData() or None
        self.selection.show_person(person_id)
        self.person_filter.set_person(person_id)
        plan = self.state.plan
        if person_id is None or plan is None:
            self.person_count.clear()
        else:
            count = sum(person_id in walk.participants for walk in plan.walks)
            self.person_count.setText(f"{count} walk{'s' if count != 1 else ''}")

    def _selection_changed(self) -> None:
        walk_id = self.selection.walk_id
        model = self.table.selectionModel()
        row = self.walks.row_of(walk_id) if walk_id else None
        index = (
            self.person_filter.mapFromSource(self.walks.index(row, 0)) if row is not None else QModelIndex()
        )
        if index != model.currentIndex():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            model.setCurrentIndex(index, flags)
        walk = self.state.walk(walk_id or "")
        if walk is not None and self.views.currentIndex() == 1:
            day = walk.start.astimezone(self.state.zone).date()
            if not 0 <= (day - self.week_view.first_day).days < 7:
                self.week_view.show_week_of(day)
                self._show_week_label()

    def _table_row_chosen(self, current: QModelIndex) -> None:
        if current.isValid():
            self.selection.select(str(current.data(WALK_ID)))
