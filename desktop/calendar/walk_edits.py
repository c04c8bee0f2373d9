"""What a captain asks of a walk on the Calendar page — move it, lock it, add or remove a person,
change its coordinator, add or delete a walk — made into edits of `PlanState`, with the dialogs
that ask for the details. An edit is shown at once and saved on a worker; a refused edit, or a
save refused later, is explained in the domain's words, and a colleague's save offers a reload.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QWidget

from desktop.calendar import prompts
from desktop.calendar.dialogs import AddWalkDialog, MoveDialog, PersonDialog
from desktop.calendar.plan_state import Edit, PlanState
from desktop.calendar.selection import WalkSelection
from scheduler import actions
from scheduler.actions import BeatwalkError


class WalkEdits(QObject):
    """Each edit returns whether it was made (and shown); its save follows on a worker. `planning`
    says whether a search is under way, during which edits are refused."""

    def __init__(
        self, state: PlanState, selection: WalkSelection, page: QWidget, planning: Callable[[], bool]
    ) -> None:
        super().__init__(page)
        self.state, self.selection, self.page = state, selection, page
        self._planning = planning
        state.failed.connect(self._save_failed)

    def edit(self, text: str, change: Edit) -> bool:
        """Make, show and push one edit; a refusal is shown and changes nothing."""
        if self._planning():
            prompts.tell(
                self.page, "The change was not made", "the month is being planned: wait, or cancel planning"
            )
            return False
        try:
            self.state.edit(text, change)
        except BeatwalkError as error:
            prompts.tell(self.page, "The change was not made", str(error))
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

    def move_dialog(self, walk_id: str) -> None:
        walk = self.state.walk(walk_id)
        if walk is None:
            return
        dialog = MoveDialog(walk.start, self.state.zone, self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.move_walk(walk_id, dialog.chosen())

    def person_dialog(self, walk_id: str) -> None:
        walk = self.state.walk(walk_id)
        if walk is None:
            return
        people = [p for p in self.state.problem.people if p.id not in walk.participants]
        dialog = PersonDialog(people, self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_person(walk_id, dialog.chosen())

    def add_walk_dialog(self) -> None:
        state = self.state
        walk = state.walk(self.selection.walk_id or "")
        district = state.problem.district
        day = walk.start.astimezone(state.zone).date() if walk else state.session.month.first_day
        start = datetime.combine(day, time(district.walk_start.hour, 0), state.zone)
        dialog = AddWalkDialog(district.walk_types, state.problem.people, start, state.zone, self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_walk(*dialog.chosen())

    def _save_failed(self, message: str, conflict: bool) -> None:
        """A save was refused. Answered once the undo stack is done with the command that may have
        caused it: a reload clears the stack, which must not happen while the stack runs a command."""
        QTimer.singleShot(0, lambda: self._explain_refusal(message, conflict))

    def _explain_refusal(self, message: str, conflict: bool) -> None:
        if conflict:
            prompts.offer_reload(self.page, self.state, message)
        else:
            prompts.tell(self.page, "The plan was not saved", message)
