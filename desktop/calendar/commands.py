"""Undo and redo of calendar edits.

Every edit of the plan — a move, a person added or removed, a lock, a new or deleted walk, a
re-plan applied — is one `PlanCommand` holding the plan before and after. Undo shows the plan as it
was before and saves it (with the version check, on a worker), which puts back exactly what the edit
changed: walk ids, participant order, coordinator and the shortfalls' reasons, which an opposite
edit would not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from scheduler.actions import Plan

if TYPE_CHECKING:
    from desktop.calendar.plan_state import PlanState


class PlanCommand(QUndoCommand):
    """Pushed once the edit is shown, so its first redo does nothing; a refused save makes the
    command obsolete, and the stack drops it."""

    def __init__(self, state: PlanState, text: str, before: Plan | None, after: Plan) -> None:
        super().__init__(text)
        self._state = state
        self._before = before
        self._after = after
        self._done = True

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        if not self._state.restore(self._after, self):
            self.setObsolete(True)

    def undo(self) -> None:
        self._done = False
        if not self._state.restore(self._before, self):
            self.setObsolete(True)
