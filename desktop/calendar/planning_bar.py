"""The Calendar page's planning bar: Build plan and the what-if Re-plan, both solved in a worker
with a progress bar and Cancel, and the status line, which also says when edits are being saved.

Build plan keeps its plan (the worker saves it); Re-plan shows the proposal against the current
plan, and the captain applies it (one undoable step) or discards it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QWidget

from desktop.calendar import prompts
from desktop.calendar.plan_state import PlanState
from desktop.calendar.replan import ReplanDialog
from desktop.calendar.worker import Solved, SolveJob, SolveTask
from desktop.widgets import named_button
from scheduler import actions
from scheduler.actions import Ending, Progress, Proposal, SolveRequest

ENDINGS = {
    Ending.OPTIMAL: "the best plan there is",
    Ending.EFFORT: "search effort used up",
    Ending.TIME_LIMIT: "time limit reached",
    Ending.STOPPED: "stopped: kept the best plan found",
}


class PlanningBar(QWidget):
    """`planning_changed(bool)`: a search began or ended (the page refuses edits meanwhile)."""

    planning_changed = Signal(bool)

    def __init__(self, state: PlanState, solve: SolveRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.session = state.session
        self.solve = solve
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: SolveJob | None = None
        self.replan_dialog: ReplanDialog | None = None
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._tick)
        self._best: Progress | None = None

        self.build_button = named_button("Build plan", "Build plan")
        self.replan_button = named_button("Re-plan", "Re-plan")
        self.cancel_button = named_button("Cancel", "Cancel")
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
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.build_button, self.replan_button, self.cancel_button):
            bar.addWidget(widget)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.status, 1)

        self.build_button.clicked.connect(self.build_plan)
        self.replan_button.clicked.connect(self.replan)
        self.cancel_button.clicked.connect(self.cancel)
        state.saving_changed.connect(self._saving)
        state.failed.connect(self._not_saved)

    @property
    def planning(self) -> bool:
        return self.job is not None

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

    def _saving(self, busy: bool) -> None:
        if not self.planning:
            self.status.setText("Saving…" if busy else "Saved.")

    def _not_saved(self, _message: str, _conflict: bool) -> None:
        self.status.setText("Not saved: the plan as saved is shown.")

    def _start(self, *, replanning: bool) -> None:
        if self.job is not None or not self.build_button.isEnabled():
            return
        self._enable(planning=True)
        self.state.finish_saving()  # the search starts from the plan as last edited, not a conflict
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

    def _enable(self, *, planning: bool) -> None:
        self.build_button.setEnabled(not planning)
        self.replan_button.setEnabled(not planning)
        self.cancel_button.setEnabled(planning)
        self.planning_changed.emit(planning)

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
        self._enable(planning=False)

    def _solved(self, solved: Solved) -> None:
        self._finish_job()
        proposal = solved.proposal
        result = proposal.result
        how = ENDINGS[result.ending]
        self.status.setText(f"{len(result.plan.walks)} walks, {how} ({result.seconds:.1f} s)")
        if solved.kept is None:
            self._show_proposal(proposal)
        else:
            self.state.adopt("Build plan", solved.kept)

    def _solve_failed(self, message: str, conflict: bool) -> None:
        self._finish_job()
        self.status.setText("Planning failed.")
        if conflict:
            prompts.offer_reload(self, self.state, message)
        else:
            prompts.tell(self, "The month could not be planned", message)

    def _show_proposal(self, proposal: Proposal) -> None:
        state = self.state
        current = state.plan
        proposed = proposal.result.plan
        empty = actions.Plan(self.session.month, proposed.timezone)
        differences = actions.plan_differences(current or empty, proposed)
        dialog = ReplanDialog(current, proposed, differences, state.zone, state.name, self)
        dialog.accepted.connect(lambda: self._apply(proposal))
        dialog.finished.connect(self._proposal_closed)
        self.replan_dialog = dialog
        dialog.open()

    def _apply(self, proposal: Proposal) -> None:
        self.state.accept("Re-plan", proposal.result.plan, proposal.version)
        if self.state.saving:
            self.status.setText("Re-plan applied (Undo puts the previous plan back); saving…")

    def _proposal_closed(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.status.setText("Re-plan discarded: nothing changed.")
        self.replan_dialog = None
