"""Starting the app: `beatwalk` opens the department database (`--db`, `BEATWALK_DB` or the user's
file; upgraded on open after a backup copy), `beatwalk --demo` a complete demo district."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from desktop.app_settings import APPLICATION, ORGANIZATION, AppSettings
from desktop.errors import show_error
from desktop.main_window import MainWindow

EXIT_NOT_OPENED = 2  # as for bad input on the command line: nothing was opened
log = logging.getLogger(__name__)


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    return app


def open_window(*, db: str | None, district: str | None, demo: bool) -> MainWindow | None:
    """The main window on the database (or the demo), shown; None when it could not be opened
    (the reason was shown in a dialog)."""
    application()
    window = MainWindow(AppSettings())
    opened = window.open_demo(db) if demo else window.open_database(db, district)
    if not opened:
        window.deleteLater()
        return None
    window.show()
    return window


def show_unexpected_errors(window: QWidget) -> None:
    """An error that no page expected (a bug in Beatwalk, raised in a slot) is shown in a dialog a
    captain can read, its traceback logged, instead of printed to a terminal nobody watches while
    the window goes on as if nothing happened. One dialog at a time: an error raised again while
    it shows (a widget failing at every repaint) is only logged, not stacked into dialogs."""
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], error: BaseException, traceback: TracebackType | None) -> None:
        nonlocal showing
        if not isinstance(error, Exception):  # Ctrl+C and exits keep their usual way out
            previous(kind, error, traceback)
            return
        if showing:
            log.error("Unexpected error while another was shown", exc_info=(kind, error, traceback))
            return
        showing = True
        try:
            show_error(window, error.with_traceback(traceback))
        finally:
            showing = False

    sys.excepthook = hook


def run(*, db: str | None, district: str | None, demo: bool) -> int:
    app = application()
    window = open_window(db=db, district=district, demo=demo)
    if window is None:
        return EXIT_NOT_OPENED
    show_unexpected_errors(window)
    return app.exec()
