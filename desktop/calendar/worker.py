"""Planning the month off the GUI thread.

The work is `actions.propose_plan`, run in a thread pool; it reports each better plan found through
`progress` and ends with `finished` (the proposal, saved by nobody yet) or `failed` (a message in
the domain's words). `stop()` asks the solver to end its search: the proposal then holds the best
plan found so far. Signals cross to the GUI thread queued, so no widget is touched from the worker.
"""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QObject, QRunnable, Signal

from scheduler import actions
from scheduler.actions import BeatwalkError, Database, DistrictRef, Month, Progress, SolveRequest


class SolveSignals(QObject):
    progress = Signal(object)  # Progress
    finished = Signal(object)  # Proposal
    failed = Signal(str)


class SolveJob(QRunnable):
    def __init__(
        self, db: Database, district: DistrictRef, month: Month, now: datetime, solve: SolveRequest
    ) -> None:
        super().__init__()
        self.signals = SolveSignals()
        self._stop = threading.Event()
        self._args = (db, district, month, now, solve)

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        db, district, month, now, solve = self._args
        request = SolveRequest(
            time_limit=solve.time_limit,
            effort=solve.effort,
            seed=solve.seed,
            on_progress=self._report,
            should_stop=self._stop.is_set,
        )
        try:
            proposal = actions.propose_plan(db, district=district, month=month, solve=request, now=now)
        except BeatwalkError as error:
            self.signals.failed.emit(str(error))
            return
        except Exception as error:  # a bug must still end the job, or the page waits for ever
            self.signals.failed.emit(f"planning failed unexpectedly: {error}")
            return
        self.signals.finished.emit(proposal)

    def _report(self, progress: Progress) -> None:
        self.signals.progress.emit(progress)
