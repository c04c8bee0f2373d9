"""Planning the month off the GUI thread.

The work is `actions.propose_plan`, run in a thread pool (the search itself in a separate process
when the request says `apart`, as the app's does, so that it never holds the GIL); it reports
each better plan found through `progress` and ends with `finished` (a `Solved`) or `failed` (a
message in the domain's words, and whether a colleague's save caused it). `stop()` asks the solver
to end its search: the proposal then holds the best plan found so far. A job told to keep its plan
(Build plan) also saves it with the version check and validates it, so that no save of a month's
plan holds up the GUI thread.
Signals cross to the GUI thread queued, so no widget is touched from the worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.calendar.saving import Kept, keep_plan
from scheduler import actions
from scheduler.actions import (
    BeatwalkError,
    Conflict,
    Database,
    DistrictRef,
    Month,
    Progress,
    Proposal,
    SolveRequest,
)


@dataclass(frozen=True)
class Solved:
    proposal: Proposal
    kept: Kept | None  # the plan as kept and what the validator says; None: a what-if, saved by nobody yet


@dataclass(frozen=True)
class SolveTask:
    """What to plan, and for whom to keep the result (None: only propose it)."""

    db: Database
    district: DistrictRef
    month: Month
    now: datetime
    solve: SolveRequest
    keep_for: str | None = None


class SolveSignals(QObject):
    progress = Signal(object)  # Progress
    finished = Signal(object)  # Solved
    failed = Signal(str, bool)  # message, conflict


class SolveJob(QRunnable):
    def __init__(self, task: SolveTask) -> None:
        super().__init__()
        self.signals = SolveSignals()
        self.task = task
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            solved = self._solve()
        except BeatwalkError as error:
            self.signals.failed.emit(str(error), isinstance(error, Conflict))
            return
        except Exception as error:  # a bug must still end the job, or the page waits for ever
            self.signals.failed.emit(f"planning failed unexpectedly: {error}", False)
            return
        self.signals.finished.emit(solved)

    def _solve(self) -> Solved:
        task = self.task
        request = SolveRequest(
            time_limit=task.solve.time_limit,
            effort=task.solve.effort,
            seed=task.solve.seed,
            on_progress=self._report,
            should_stop=self._stop.is_set,
            apart=task.solve.apart,
        )
        db, district, month, now = task.db, task.district, task.month, task.now
        proposal = actions.propose_plan(db, district=district, month=month, solve=request, now=now)
        if task.keep_for is None:
            return Solved(proposal, None)
        problem, _ = actions.month_problem(db, district=district, month=month, now=now)
        kept = keep_plan(
            db,
            district=district,
            problem=problem,
            plan=proposal.result.plan,
            version=proposal.version,
            user=task.keep_for,
            source="solver",
        )
        return Solved(proposal, kept)

    def _report(self, progress: Progress) -> None:
        self.signals.progress.emit(progress)
