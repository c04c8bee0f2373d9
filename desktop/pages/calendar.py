"""The Calendar page: the month's walks by month, week or as a list, the selected walk and the plan's
quality beside them; edits that are saved at once and undoable; Build plan and the what-if Re-plan,
both solved in a worker with a progress bar and Cancel.

The page only puts the parts of `desktop.calendar` together and turns the user's requests into
edits of `PlanState`; errors come back in the domain's words, in a message box.
"""

from __future__ import annotations

import html
import math
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.calendar.dialogs import AddWalkDialog, MoveDialog, PersonDialog
from desktop.calendar.month_view import MonthView
from desktop.calendar.plan_state import Edit, PlanState
from desktop.calendar.plan_summary import PlanSummary
from desktop.calendar.replan import ReplanDialog
from desktop.calendar.selection import WalkSelection
from desktop.calendar.walk_details import WalkDetails
from desktop.calendar.walk_style import walk_style
from desktop.calendar.walk_table import WALK_ID, PersonFilter, WalksModel
from desktop.calendar.week_view import WeekView
from desktop.calendar.worker import Solved, SolveJob, SolveTask
from desktop.session import Session
from scheduler import actions
from scheduler.actions import BeatwalkError, Conflict, Ending, Month, Progress, Proposal, SolveRequest

EVERYONE = "Everyone"
# A captain waits this long at most (Cancel ends it sooner); the search runs in its own process,
# so that the window never waits for it.
APP_SOLVE = SolveRequest(time_limit=20.0, apart=True)
ENDINGS = {
    Ending.OPTIMAL: "the best plan there is",
    Ending.EFFORT: "search effort used up",
    Ending.TIME_LIMIT: "time limit reached",
    Ending.STOPPED: "stopped: kept the best plan found",
}


def ask(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question; tests replace it."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, title: str, text: str) -> None:
    """A message the user must read; tests replace it."""
    QMessageBox.warning(parent, title, text)


class CalendarPage(QWidget):
    def __init__(
        self, session: Session, parent: QWidget | None = None, *, solve: SolveRequest = APP_SOLVE
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendar_page")
        self.session = session
        self.solve = solve
        self.state = PlanState(session, self)
        self.selection = WalkSelection(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: SolveJob | None = None
        self.replan_dialog: ReplanDialog | None = None
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._tick)
        self._best: Progress | None = None

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
        layout.addLayout(self._plan_bar())
        layout.addWidget(splitter, 1)
        self._connect()
        self._show_week_label()

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

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        return button

    def _view_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.view_buttons = QButtonGroup(self)
        for n, (text, name) in enumerate(
            (("M&onth", "Month view"), ("W&eek", "Week view"), ("L&ist", "List of walks"))
        ):
            button = self._button(text, name)
            button.setCheckable(True)
            button.setChecked(n == 0)
            self.view_buttons.addButton(button, n)
            bar.addWidget(button)
        self.previous_week = self._button("◀", "Previous week")
        self.next_week = self._button("▶", "Next week")
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
        self.add_walk_button = self._button("Add &walk…", "Add an ad hoc walk")
        bar.addWidget(self.add_walk_button)
        return bar

    def _plan_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.build_button = self._button("Build plan", "Build plan")
        self.replan_button = self._button("Re-plan", "Re-plan")
        self.cancel_button = self._button("Cancel", "Cancel")
        self.build_button.setToolTip("Plan the month again and keep the result (undoable)")
        self.replan_button.setToolTip("Plan the month again and compare before keeping anything")
        self.cancel_button.setToolTip("Stop planning and keep the best plan found so far")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Planning progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress.setTextVisible(True)
        self.progress.hide()  # shown while planning
        self.status = QLabel()
        self.status.setAccessibleName("Planning status")
        for widget in (self.build_button, self.replan_button, self.cancel_button):
            bar.addWidget(widget)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.status, 1)
        return bar

    def _connect(self) -> None:
        self.view_buttons.idClicked.connect(self.show_view)
        self.previous_week.clicked.connect(lambda: self._step_week(-7))
        self.next_week.clicked.connect(lambda: self._step_week(7))
        self.person.currentIndexChanged.connect(self._person_chosen)
        self.add_walk_button.clicked.connect(self._add_walk_dialog)
        self.build_button.clicked.connect(self.build_plan)
        self.replan_button.clicked.connect(self.replan)
        self.cancel_button.clicked.connect(self.cancel)
        for view in (self.month_view, self.week_view):
            view.move_requested.connect(self.move_walk)
            view.delete_requested.connect(self.delete_walk)
        self.month_view.day_opened.connect(self.open_week)
        self.details.move_clicked.connect(self._move_dialog)
        self.details.lock_clicked.connect(self.set_locked)
        self.details.add_person_clicked.connect(self._person_dialog)
        self.details.remove_person_clicked.connect(self.remove_person)
        self.details.coordinator_clicked.connect(self.set_coordinator)
        self.details.delete_clicked.connect(self.delete_walk)
        self.selection.changed.connect(self._selection_changed)
        self.state.changed.connect(self._plan_changed)
        self.state.failed.connect(self._save_failed)
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
        self._show_week_label()

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

    # --- edits ------------------------------------------------------------------------------------

    def edit(self, text: str, change: Edit) -> bool:
        """Make, save and push one edit; a refusal is shown and changes nothing."""
        if self.planning:
            tell(self, "The change was not made", "the month is being planned: wait, or cancel planning")
            return False
        try:
            self.state.edit(text, change)
        except BeatwalkError as error:
            self._refused(error)
            return False
        return True

    def move_walk(self, walk_id: str, start: datetime) -> bool:
        return self.edit(
            "Move walk", lambda problem, plan: actions.move_walk(problem, plan, walk_id=walk_id, start=start)
        )

    def set_locked(self, walk_id: str, locked: bool) -> bool:
        return self.edit(
            "Lock walk" if locked else "Unlock walk",
            lambda problem, plan: actions.set_locked(problem, plan, walk_id=walk_id, locked=locked),
        )

    def add_person(self, walk_id: str, person_id: str) -> bool:
        return self.edit(
            "Add person to walk",
            lambda problem, plan: actions.add_participant(
                problem, plan, walk_id=walk_id, person_id=person_id
            ),
        )

    def remove_person(self, walk_id: str, person_id: str) -> bool:
        return self.edit(
            "Remove person from walk",
            lambda problem, plan: actions.remove_participant(
                problem, plan, walk_id=walk_id, person_id=person_id
            ),
        )

    def set_coordinator(self, walk_id: str, person_id: str) -> bool:
        return self.edit(
            "Change coordinator",
            lambda problem, plan: actions.set_coordinator(
                problem, plan, walk_id=walk_id, person_id=person_id
            ),
        )

    def delete_walk(self, walk_id: str) -> bool:
        return self.edit(
            "Delete walk", lambda problem, plan: actions.delete_walk(problem, plan, walk_id=walk_id)
        )

    def add_walk(self, walk_type: str, start: datetime, people: tuple[str, ...]) -> bool:
        added = self.edit(
            "Add walk",
            lambda problem, plan: actions.add_walk(
                problem, plan, walk_type=walk_type, start=start, participants=people
            ),
        )
        if added and self.state.plan is not None:
            new = next(
                (w for w in self.state.plan.walks if w.start == start and w.participants == people), None
            )
            self.selection.select(new.id if new else None)
        return added

    def _move_dialog(self, walk_id: str) -> None:
        walk = self.state.walk(walk_id)
        if walk is None:
            return
        dialog = MoveDialog(walk.start, self.state.zone, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.move_walk(walk_id, dialog.chosen())

    def _person_dialog(self, walk_id: str) -> None:
        walk = self.state.walk(walk_id)
        if walk is None:
            return
        people = [p for p in self.state.problem.people if p.id not in walk.participants]
        dialog = PersonDialog(people, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_person(walk_id, dialog.chosen())

    def _add_walk_dialog(self) -> None:
        walk = self.state.walk(self.selection.walk_id or "")
        district = self.state.problem.district
        day = walk.start.astimezone(self.state.zone).date() if walk else self.session.month.first_day
        start = datetime.combine(day, time(district.walk_start.hour, 0), self.state.zone)
        dialog = AddWalkDialog(district.walk_types, self.state.problem.people, start, self.state.zone, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_walk(*dialog.chosen())

    def _refused(self, error: BeatwalkError) -> None:
        if isinstance(error, Conflict):
            self._offer_reload(str(error))
        else:
            tell(self, "The change was not made", str(error))

    def _save_failed(self, message: str, conflict: bool) -> None:
        """An undo or redo was refused. Answered once the undo stack is done with the command: a
        reload clears the stack, which must not happen while the stack runs one of its commands."""
        QTimer.singleShot(0, lambda: self._explain_refusal(message, conflict))

    def _explain_refusal(self, message: str, conflict: bool) -> None:
        if conflict:
            self._offer_reload(message)
        else:
            tell(self, "The plan was not saved", message)

    def _offer_reload(self, message: str) -> None:
        question = (
            f"{message}.\n\nYour change was not saved. Reload the plan as it is saved now? "
            "Undo cannot go back past the reload."
        )
        if ask(self, "Someone else saved the plan", question):
            self.session.undo_stack.clear()
            self.state.reload()

    # --- planning ---------------------------------------------------------------------------------

    def build_plan(self) -> None:
        self._start(replanning=False)

    def replan(self) -> None:
        self._start(replanning=True)

    def cancel(self) -> None:
        """Stop the search; the best plan found so far is kept (Build plan) or shown (Re-plan)."""
        if self.job is not None:
            self.job.stop()
            self.cancel_button.setEnabled(False)
            self.status.setText("Stopping: the best plan found so far is kept…")

    @property
    def planning(self) -> bool:
        return self.job is not None

    def _start(self, *, replanning: bool) -> None:
        if self.job is not None:
            return
        session = self.session
        keep_for = None if replanning else session.user
        job = SolveJob(
            SolveTask(session.db, session.district, session.month, session.now(), self.solve, keep_for)
        )
        job.setAutoDelete(False)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._solved)
        job.signals.failed.connect(self._solve_failed)
        self.job, self._best = job, None
        for button in (self.build_button, self.replan_button, self.add_walk_button):
            button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText("Planning…" if not replanning else "Planning a proposal…")
        self._clock.start()
        self._ticker.start()
        self._tick()
        app = QCoreApplication.instance()
        if app is not None:  # quitting stops the search rather than waiting for its time limit
            app.aboutToQuit.connect(job.stop)
        self.pool.start(job)

    def _progress(self, progress: Progress) -> None:
        self._best = progress
        self._tick()

    def _tick(self) -> None:
        """The bar fills with the time the search may take; its text is the best plan so far."""
        seconds = self._clock.elapsed() / 1000
        limit = self.solve.time_limit
        self.progress.setValue(min(100, round(seconds / limit * 100)) if limit else 0)
        best = self._best
        if best is None:
            self.progress.setFormat(f"Looking for a first plan… {seconds:.1f} s")
        else:
            bound = f"{best.bound:.0f}" if math.isfinite(best.bound) else "—"
            self.progress.setFormat(
                f"Best plan so far: cost {best.objective:.0f}, bound {bound}, "
                f"{best.walks} walks, {seconds:.1f} s"
            )

    def _finish_job(self) -> None:
        self._ticker.stop()
        self.progress.hide()
        self.job = None
        for button in (self.build_button, self.replan_button, self.add_walk_button):
            button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _solved(self, solved: Solved) -> None:
        self._finish_job()
        proposal = solved.proposal
        result = proposal.result
        how = ENDINGS[result.ending]
        self.status.setText(f"{len(result.plan.walks)} walks, {how} ({result.seconds:.1f} s)")
        if solved.saved is None:
            self._show_proposal(proposal)
        else:
            self.state.adopt("Build plan", solved.saved, solved.violations)

    def _solve_failed(self, message: str, conflict: bool) -> None:
        self._finish_job()
        self.status.setText("Planning failed.")
        if conflict:
            self._offer_reload(message)
        else:
            tell(self, "The month could not be planned", message)

    def _show_proposal(self, proposal: Proposal) -> None:
        current = self.state.plan
        proposed = proposal.result.plan
        empty = actions.Plan(self.session.month, proposed.timezone)
        differences = actions.plan_differences(current or empty, proposed)
        dialog = ReplanDialog(current, proposed, differences, self.state.zone, self.state.name, self)
        dialog.accepted.connect(lambda: self._apply(proposal))
        dialog.finished.connect(self._proposal_closed)
        self.replan_dialog = dialog
        dialog.open()

    def _apply(self, proposal: Proposal) -> None:
        try:
            self.state.accept("Re-plan", proposal.result.plan, proposal.version)
        except BeatwalkError as error:
            self._refused(error)
        else:
            self.status.setText("Re-plan applied (Undo puts the previous plan back).")

    def _proposal_closed(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.status.setText("Re-plan discarded: nothing changed.")
        self.replan_dialog = None
