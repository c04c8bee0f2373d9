"""Which walk is selected and whose walks are shown: one small object the views, the list and the
side panel all follow, so a click in any of them selects the walk in every other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class WalkSelection(QObject):
    changed = Signal()  # the selected walk
    person_changed = Signal()  # whose walks are highlighted

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.walk_id: str | None = None
        self.person_id: str | None = None  # None: everyone's walks

    def select(self, walk_id: str | None) -> None:
        if walk_id != self.walk_id:
            self.walk_id = walk_id
            self.changed.emit()

    def show_person(self, person_id: str | None) -> None:
        if person_id != self.person_id:
            self.person_id = person_id
            self.person_changed.emit()
