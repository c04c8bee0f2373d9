"""The month's plan as the Calendar page shows and edits it: the stored plan with its version, the
planning problem the edits are checked against, everyone the plan may name, and what the validator
says about the plan.

Every change goes through here: an edit (one of the actions' edit functions) is made, saved with
the version check, and pushed on the session's undo stack as one `PlanCommand`; undo and redo save
the plan before or after again. Views only listen to `changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from desktop.calendar.commands import PlanCommand
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


class PlanState(QObject):
    """`changed`: the plan, its findings or the people changed. `failed(message, conflict)`: a
    save from undo or redo was refused (conflict: a colleague saved first, reloading helps)."""

    changed = Signal()
    failed = Signal(str, bool)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stored: StoredPlan | None = None
        self.problem: PlanningProblem  # set by reload
        self.people: dict[str, Person] = {}
        self.violations: tuple[Violation, ...] = ()
        self._notifying = False
        session.changed.connect(self._other_change)
        session.month_changed.connect(self.reload)
        self.reload()

    @property
    def plan(self) -> Plan | None:
        return self.stored.plan if self.stored else None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.problem.district.timezone)

    @property
    def version(self) -> int | None:
        return self.stored.version if self.stored else None

    def reload(self) -> None:
        """Read the month again from the database (after another page's change, or a conflict)."""
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
        self.violations = actions.check_plan(self.problem, stored.plan).violations if stored else ()
        self.changed.emit()

    def walk(self, walk_id: str) -> Walk | None:
        plan = self.plan
        return next((w for w in plan.walks if w.id == walk_id), None) if plan else None

    def name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.name if person else person_id

    def edit(self, text: str, change: Edit) -> None:
        """Make an edit, save it and make it undoable; BeatwalkError (Conflict included) if the
        edit is refused or the save is, and then nothing changed."""
        if self.plan is None:
            raise NotFound(f"{self.session.district.name} has no plan for {self.session.month}", what="plan")
        before = self.plan
        edited = change(self.problem, before)
        self._save(edited.plan, edited.violations, "manual")
        self._push(text, before)

    def accept(self, text: str, plan: Plan, version: int | None) -> None:
        """Keep a plan the solver made from the stored `version` (Build plan, an applied re-plan):
        one undoable step. Conflict if the plan was saved since the solve began."""
        before = self.plan
        if version != self.version:
            raise Conflict(f"the plan of {self.session.month} was saved by someone else while planning")
        self._save(plan, actions.check_plan(self.problem, plan).violations, "solver")
        self._push(text, before)

    def adopt(self, text: str, stored: StoredPlan, violations: tuple[Violation, ...]) -> None:
        """Show and make undoable a plan the worker already saved (Build plan), saved from the
        version shown, so that undo can put that version's plan back."""
        before = self.plan
        self._saved(stored, violations)
        self._push(text, before)

    def restore(self, plan: Plan | None) -> bool:
        """Save `plan` again (undo and redo); False, and `failed` emitted, if the save is refused."""
        if plan is None:
            self.failed.emit(
                f"{self.session.month} had no plan before this one: undo cannot remove a plan", False
            )
            return False
        try:
            self._save(plan, actions.check_plan(self.problem, plan).violations, "manual")
        except BeatwalkError as error:
            self.failed.emit(str(error), isinstance(error, Conflict))
            return False
        return True

    def _save(
        self, plan: Plan, violations: tuple[Violation, ...], source: Literal["solver", "manual"]
    ) -> None:
        session = self.session
        stored = actions.save_plan(
            session.db,
            district=session.district,
            plan=plan,
            version=self.version,
            user=session.user,
            source=source,
        )
        self._saved(stored, violations)

    def _saved(self, stored: StoredPlan, violations: tuple[Violation, ...]) -> None:
        session = self.session
        self.stored = stored
        self.violations = violations
        self.changed.emit()
        self._notifying = True
        try:
            session.notify("plan")
        finally:
            self._notifying = False

    def _other_change(self, what: str) -> None:
        """Another page changed the people, the rules or the plan (an incident's walk): the plan's
        findings may differ now."""
        if not self._notifying and what in RELOAD_AFTER:
            self.reload()

    def _push(self, text: str, before: Plan | None) -> None:
        assert self.stored is not None
        self.session.undo_stack.push(PlanCommand(self, text, before, self.stored.plan))
