"""A page that is not built yet: it says so, instead of an empty space that looks broken."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.session import Session


def coming(title: str) -> Callable[[Session, QWidget | None], QWidget]:
    """A factory with a page's signature, for the registry in `desktop/navigation.py`."""

    def page(session: Session, parent: QWidget | None = None) -> QWidget:
        widget = QWidget(parent)
        label = QLabel(f"{title}: coming in a later version of Beatwalk.")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName(f"{title} (coming)")
        QVBoxLayout(widget).addWidget(label)
        return widget

    return page
