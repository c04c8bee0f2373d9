"""The month's plan as the Calendar page shows and edits it: the stored plan with its version, the
planning problem the edits are checked against, everyone the plan may name, and what the validator
says about the plan.

Every change goes through here, and is shown at once: an edit (one of the actions' edit functions)
or an undo or redo of one is pushed on the session's undo stack as one `PlanCommand`, and its save
(with the version check) and the validator's findings run on a worker afterwards. Saves made in
quick succession wait in a queue, each from the version the one before it returned. A save that is
refused drops the saves queued after it, takes their steps off the undo stack (rolled back: the
stack never holds a step that was not saved) and shows the plan as stored again; `failed` says why.
Views only listen to `changed`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal

from desktop import workers
from desktop.calendar.commands import PlanCommand
from desktop.calendar.saving import Kept, keep_plan
from desktop.session import Session
from scheduler import actions
from scheduler.actions import (
    BeatwalkError,
    Conflict,
    Edited,
    NotFound,
    Person,
    Plan,
    PlanningProblem,
    StoredPlan,
    Violation,
    Walk,
)

Edit = Callable[[PlanningProblem, Plan], Edited]
RELOAD_AFTER = frozenset({"people", "settings", "plan", "incidents", "profile", "partners"})


@dataclass(frozen=True)
class _Save:
    plan: Plan
    source: Literal["solver", "manual"]
    command: PlanCommand  # the step on the undo stack that this save makes good
    made_from: int | None = None  # a solver's plan: the version it was planned from, which must be current


class PlanState(QObject):
    """`changed`: the plan, its findings or the people changed. `saving_changed(bool)`: saves began,
    or the last of them ended. `failed(message, conflict)`: a save was refused (conflict: a colleague
    saved first, reloading helps); the plan as stored is shown again."""

    changed = Signal()
    saving_changed = Signal(bool)
    failed = Signal(str, bool)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stored: StoredPlan | None = None  # as the database holds it
        self.problem: PlanningProblem  # set by reload
        self.people: dict[str, Person] = {}
        self.violations: tuple[Violation, ...] = ()  # what the validator says about the stored plan
        self._shown: Plan | None = None  # the stored plan with the edits still being saved
        self._saving: _Save | None = None
        self._queue: deque[_Save] = deque()
        self._reload_when_saved = False
        self._notifying = False
        session.changed.connect(self._other_change)
        session.month_changed.connect(self.reload)
        self.reload()

    @property
    def plan(self) -> Plan | None:
        return self._shown

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.problem.district.timezone)

    @property
    def version(self) -> int | None:
        return self.stored.version if self.stored else None

    @property
    def saving(self) -> bool:
        return self._saving is not None

    def finish_saving(self) -> None:
        """Wait, taking events, until every queued save is made: the page is closing, and a save not
        yet begun would otherwise be lost."""
        while self.saving:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def reload(self) -> None:
        """Read the month again from the database (after another page's change, or a conflict);
        once the saves under way are done, so that none of them lands on a plan read before it."""
        if self.saving:
            self._reload_when_saved = True
            return
        self._reload_when_saved = False
        session = self.session
        try:
            stored: StoredPlan | None = actions.stored_plan(
                session.db, district=session.district, month=session.month
            )
        except NotFound:
            stored = None
        self.problem, _ = actions.month_problem(
            session.db, district=session.district, month=session.month, now=session.now()
        )
        self.people = {p.id: p for p in actions.month_people(session.db, district=session.district)}
        self.stored = stored
        self._shown = stored.plan if stored else None
        self.violations = actions.check_plan(self.problem, stored.plan).violations if stored else ()
        self.changed.emit()

    def walk(self, walk_id: str) -> Walk | None:
        plan = self.plan
        return next((w for w in plan.walks if w.id == walk_id), None) if plan else None

    def name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.name if person else person_id

    def edit(self, text: str, change: Edit) -> None:
        """Make an edit, show it and make it undoable, and save it on a worker; BeatwalkError if
        the edit is refused, and then nothing changed. Its findings come with the save."""
        if self.plan is None:
            raise NotFound(f"{self.session.district.name} has no plan for {self.session.month}", what="plan")
        self._change(text, change(self.problem, self.plan).plan, "manual")

    def accept(self, text: str, plan: Plan, version: int | None) -> None:
        """Keep a plan the solver made from the stored `version` (an applied re-plan): one undoable
        step, refused as a conflict if the plan was saved since the solve began."""
        self._change(text, plan, "solver", made_from=version)

    def adopt(self, text: str, kept: Kept) -> None:
        """Show and make undoable a plan the worker already saved (Build plan), saved from the
        version shown, so that undo can put that version's plan back."""
        before = self.plan
        self.stored, self.violations, self._shown = kept.stored, kept.violations, kept.stored.plan
        self.changed.emit()
        self._notify_plan()
        self.session.undo_stack.push(PlanCommand(self, text, before, kept.stored.plan))

    def restore(self, plan: Plan | None, command: PlanCommand) -> bool:
        """Show `plan` again and save it (undo and redo); False, and `failed` emitted, if there is
        no plan to go back to."""
        if plan is None:
            self.failed.emit(
                f"{self.session.month} had no plan before this one: undo cannot remove a plan", False
            )
            return False
        self._show(plan)
        self._save(_Save(plan, "manual", command))
        return True

    def _change(
        self, text: str, plan: Plan, source: Literal["solver", "manual"], made_from: int | None = None
    ) -> None:
        command = PlanCommand(self, text, self.plan, plan)
        self._show(plan)
        self.session.undo_stack.push(command)
        self._save(_Save(plan, source, command, made_from))

    def _show(self, plan: Plan) -> None:
        self._shown = plan
        self.changed.emit()

    def _save(self, save: _Save) -> None:
        self._queue.append(save)
        if not self.saving:
            self.saving_changed.emit(True)
            self._save_next()

    def _save_next(self) -> None:
        save = self._queue.popleft()
        self._saving = save
        if save.made_from is not None and save.made_from != self.version:
            month = self.session.month
            self._refused(Conflict(f"the plan of {month} was saved by someone else while planning"))
            return
        session, problem, version = self.session, self.problem, self.version
        workers.start(
            lambda: keep_plan(
                session.db,
                district=session.district,
                problem=problem,
                plan=save.plan,
                version=version,
                user=session.user,
                source=save.source,
            ),
            self._kept,
            self._refused,
            self,
        )

    def _kept(self, kept: Kept) -> None:
        self.stored, self.violations = kept.stored, kept.violations
        if self._queue:
            self._save_next()  # the plan shown already holds the queued edits
            return
        self._saving = None
        self._shown = kept.stored.plan
        self._done_saving()

    def _refused(self, error: Exception) -> None:
        """Drop the saves queued after the refused one and take their steps off the undo stack, last
        first, then show the plan as stored."""
        refused = [save for save in (self._saving, *self._queue) if save is not None]
        self._saving = None
        self._queue.clear()
        stack = self.session.undo_stack
        for save in reversed(refused):
            position = next((n for n in range(stack.count()) if stack.command(n) is save.command), None)
            if position is None:  # off the stack already: dropped for a later save of it, or cleared
                continue
            save.command.setObsolete(True)  # the stack drops an obsolete step instead of running it
            if position == stack.index() - 1:
                stack.undo()
            elif position == stack.index():
                stack.redo()
        self._shown = self.stored.plan if self.stored else None
        self._done_saving()
        if isinstance(error, BeatwalkError):
            self.failed.emit(str(error), isinstance(error, Conflict))
        else:  # a bug: still said, for the page must not wait for ever
            self.failed.emit(f"the plan could not be saved: {error}", False)

    def _done_saving(self) -> None:
        self.saving_changed.emit(False)
        if self._reload_when_saved:
            self.reload()
        else:
            self.changed.emit()
        self._notify_plan()

    def _notify_plan(self) -> None:
        self._notifying = True
        try:
            self.session.notify("plan")
        finally:
            self._notifying = False

    def _other_change(self, what: str) -> None:
        """Another page changed the people, the rules or the plan (an incident's walk): the plan's
        findings may differ now."""
        if not self._notifying and what in RELOAD_AFTER:
            self.reload()
