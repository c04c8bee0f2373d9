"""The Calendar page's questions and warnings, in message boxes; tests replace `ask` and `tell`."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.calendar.plan_state import PlanState


def ask(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, title: str, text: str) -> None:
    """A message the user must read."""
    QMessageBox.warning(parent, title, text)


def offer_reload(parent: QWidget, state: PlanState, message: str) -> None:
    """A colleague saved the plan first: the plan as they saved it replaces the one shown, if the
    user agrees. The undo history goes, for every step in it was made on the plan before theirs."""
    question = (
        f"{message}.\n\nYour change was not saved. Reload the plan as it is saved now? "
        "Undo cannot go back past the reload."
    )
    if ask(parent, "Someone else saved the plan", question):
        state.session.undo_stack.clear()
        state.reload()
