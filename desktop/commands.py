"""Undo commands: each calls an action for redo and the same action with the old value for undo
(Orange's commands.py), then tells every page what changed through the session."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from desktop.session import Session
from scheduler.actions import BeatwalkError


class ActionCommand(QUndoCommand):
    """An edit already saved when pushed (so a refused edit never reaches the stack): the first
    redo does nothing; later undo and redo save the old or the new value again. A save that fails
    then (the database gone, a colleague's save first) drops the step and is reported through
    `on_error` once the stack is done with it, so that the report may clear the stack."""

    def __init__(
        self,
        text: str,
        session: Session,
        what: str,
        apply: Callable[[], object],
        revert: Callable[[], object],
        on_error: Callable[[BeatwalkError], None],
    ) -> None:
        super().__init__(text)
        self._session, self._what = session, what
        self._apply, self._revert, self._on_error = apply, revert, on_error
        self._saved = True

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            self._session.notify(self._what)
            return
        self._run(self._apply)

    def undo(self) -> None:
        self._run(self._revert)

    def _run(self, step: Callable[[], object]) -> None:
        try:
            step()
        except BeatwalkError as error:
            self.setObsolete(True)
            QTimer.singleShot(0, self._session, partial(self._on_error, error))
        self._session.notify(self._what)
