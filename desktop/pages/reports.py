"""The Reports page: every printed document of the month previewed as it will print, then printed,
saved as a PDF, or the plan exported as a calendar file.

The PDF is built in a worker into memory (the month's data read and the document laid out there),
shown with QtPdf, and the same bytes are printed or saved: what the captain saw is what is filed.
One build runs at a time; a change made while it runs builds again once it ends, and only the
newest request's PDF is shown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, Qt, QTimer, Signal
from PySide6.QtGui import QPageSize, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import workers
from desktop.errors import show_error
from desktop.pdf_printing import print_pdf
from desktop.session import Session
from desktop.widgets import labelled
from reports.kinds import DOCUMENTS, PAGE_SIZE_NAMES, report_request
from scheduler import actions
from scheduler.actions import BeatwalkError, Database, DistrictRef, Month, NotFound

PAGE_SIZE_LABELS = {"letter": "Letter", "a4": "A4"}
QT_PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
EVERYONE = "Everyone"
RELOAD_ON = ("plan", "people", "profile", "settings", "neighborhood", "incidents")
CALENDAR_FILTER = "iCalendar (*.ics);;Spreadsheet CSV (*.csv);;Plan JSON (*.json)"
ZOOM_STEP = 1.25


@dataclass(frozen=True)
class DocumentChoice:
    """What the page's controls ask for: one document of one month."""

    kind: str
    month: Month
    page_size: str
    person_id: str | None  # a personal schedule for one person (None: everyone)
    day: date | None


@dataclass(frozen=True)
class _Built:
    choice: DocumentChoice
    data: bytes


def _build(db: Database, district: DistrictRef, choice: DocumentChoice, now: datetime) -> _Built:
    """On the worker: read the month's data and lay the document out, in memory."""
    documents = actions.month_documents(db, district=district, month=choice.month)
    person = actions.document_person(documents, choice.person_id) if choice.person_id else None
    request = report_request(documents, now=now, page_size=choice.page_size, person=person, day=choice.day)
    from reports.catalog import build_report  # reportlab: loaded on the first build, not at start-up

    return _Built(choice, build_report(choice.kind, documents, request))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportsPage(QWidget):
    """The built PDF is `pdf` (bytes) and `document` (QtPdf); `status` says where the build is."""

    printed = Signal(int)  # the pages a print job printed (0: none)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pdf: bytes | None = None
        self.shown: DocumentChoice | None = None  # what `pdf` is
        self._building: DocumentChoice | None = None
        self._stale = True  # the month's data changed since the last build was asked for
        self._buffer: QBuffer | None = None
        self._printer: QPrinter | None = None  # while a print job runs

        self.kind = QComboBox()
        for key, kind in DOCUMENTS.items():
            self.kind.addItem(kind.title[0].upper() + kind.title[1:], key)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd yyyy-MM-dd")
        self.person = QComboBox()
        self.person.setMinimumContentsLength(22)
        self.page_size = QComboBox()
        for key in PAGE_SIZE_NAMES:
            self.page_size.addItem(PAGE_SIZE_LABELS.get(key, key), key)
        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("Save as P&DF…")
        self.export_button = QPushButton("E&xport calendar…")
        self.zoom_out_button = QPushButton("Zoom &out")
        self.zoom_in_button = QPushButton("Zoom &in")
        self.fit_button = QPushButton("Fit &width")
        for button, name in (
            (self.print_button, "Print"),
            (self.save_button, "Save as PDF"),
            (self.export_button, "Export calendar"),
            (self.zoom_out_button, "Zoom out"),
            (self.zoom_in_button, "Zoom in"),
            (self.fit_button, "Fit width"),
        ):
            button.setAccessibleName(name)
        self.status = QLabel()
        self.status.setAccessibleName("Report status")
        self.status.setWordWrap(True)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Document preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        choices = QHBoxLayout()
        for label, control in (
            ("Doc&ument:", self.kind),
            ("D&ay:", self.day),
            ("Pe&rson:", self.person),
            ("Paper si&ze:", self.page_size),
        ):
            choices.addWidget(labelled(label, control))
            choices.addWidget(control)
        choices.addStretch()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        for button in (self.export_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        self.message = QLabel()  # in place of the preview when there is nothing to show
        self.message.setAccessibleName("No document")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.preview = QStackedWidget()
        self.preview.addWidget(self.view)
        self.preview.addWidget(self.message)
        layout.addWidget(self.preview, 1)

        self._rebuild_soon = QTimer(self)  # several changes at once (a month, its people) build once
        self._rebuild_soon.setSingleShot(True)
        self._rebuild_soon.setInterval(0)
        self._rebuild_soon.timeout.connect(self.rebuild)
        self.kind.currentIndexChanged.connect(self._choice_changed)
        self.day.dateChanged.connect(self._choice_changed)
        self.person.currentIndexChanged.connect(self._choice_changed)
        self.page_size.currentIndexChanged.connect(self._choice_changed)
        self.print_button.clicked.connect(self.ask_and_print)
        self.save_button.clicked.connect(self._ask_save)
        self.export_button.clicked.connect(self._ask_export)
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        session.changed.connect(self._changed)
        session.month_changed.connect(lambda _month: self._month_changed())
        self._show_month()
        self._show_people()
        self._enable()

    # --- What is asked for ------------------------------------------------------------------------

    def choice(self) -> DocumentChoice:
        kind = DOCUMENTS[self.kind.currentData()]
        day = self.day.date()
        return DocumentChoice(
            kind=self.kind.currentData(),
            month=self.session.month,
            page_size=self.page_size.currentData(),
            person_id=self.person.currentData() if kind.takes_person else None,
            day=date(day.year(), day.month(), day.day()) if kind.takes_date else None,
        )

    def choose(self, kind: str) -> None:
        """Show the document `kind` (a key of DOCUMENTS), e.g. the packet for the first-run guide."""
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def _show_month(self) -> None:
        """The day picker offers the month's days only; today if it is in the month."""
        month = self.session.month
        self.day.blockSignals(True)
        self.day.setDateRange(_qdate(month.first_day), _qdate(month.last_day))
        today = self.session.now().date()
        self.day.setDate(_qdate(today if month.first_day <= today <= month.last_day else month.first_day))
        self.day.blockSignals(False)

    def _show_people(self) -> None:
        chosen = self.person.currentData()
        people = actions.district_people(self.session.db, district=self.session.district)
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(EVERYONE, None)
        for person in sorted(people, key=lambda person: person.name.casefold()):
            self.person.addItem(f"{person.name} ({person.id})", person.id)
        self.person.setCurrentIndex(max(self.person.findData(chosen), 0))
        self.person.blockSignals(False)

    def _enable(self) -> None:
        kind = DOCUMENTS[self.kind.currentData()]
        self.day.setEnabled(kind.takes_date)
        self.person.setEnabled(kind.takes_person)
        ready = self.pdf is not None and self.shown == self.choice()
        self.print_button.setEnabled(ready and self._printer is None)
        self.save_button.setEnabled(ready)
        for button in (self.export_button, self.zoom_out_button, self.zoom_in_button, self.fit_button):
            button.setEnabled(self.pdf is not None)

    # --- Building ---------------------------------------------------------------------------------

    def _changed(self, what: str) -> None:
        if what in RELOAD_ON:
            if what == "people":
                self._show_people()
            self._stale = True
            self._schedule()

    def _month_changed(self) -> None:
        self._show_month()
        self._stale = True
        self._schedule()

    def _choice_changed(self) -> None:
        self._enable()
        self._schedule()

    def _schedule(self) -> None:
        """Build now if the page is on screen; a hidden page builds when it is shown."""
        if self.isVisible():
            self._rebuild_soon.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self.shown != self.choice():
            self._rebuild_soon.start()

    def rebuild(self) -> None:
        """Build the chosen document in a worker, unless it is shown already and nothing changed;
        while another build runs, this one waits for it."""
        choice = self.choice()
        if self._building is not None or (choice == self.shown and not self._stale):
            return
        self._stale = False
        self._building = choice
        self.status.setText(f"Building the {DOCUMENTS[choice.kind].title}…")
        session = self.session
        db, district, now = session.db, session.district, session.now()
        workers.start(lambda: _build(db, district, choice, now), self._built, self._failed, self)

    def _built(self, built: _Built) -> None:
        self._building = None
        if built.choice == self.choice() and not self._stale:
            self._show_pdf(built)
        else:  # the controls or the data changed while it was built
            self.rebuild()

    def _failed(self, error: Exception) -> None:
        asked, self._building = self._building, None
        if asked != self.choice() or self._stale:  # asked again meanwhile: that one may succeed
            self.rebuild()
            return
        self._clear()
        if isinstance(error, NotFound) and error.what == "plan":
            headline = f"There is no plan for {self.session.month.first_day:%B %Y} yet."
            detail = "Press Build plan on the Calendar page first; its documents are then shown here."
        else:
            headline = "The document could not be built."
            detail = str(error) if isinstance(error, BeatwalkError) else "Beatwalk went wrong inside."
        self.status.setText(headline)
        self.message.setText(f"<h3>{html.escape(headline)}</h3><p>{html.escape(detail)}</p>")
        self.preview.setCurrentWidget(self.message)
        self._enable()
        if not isinstance(error, BeatwalkError):
            show_error(self, error)

    def _show_pdf(self, built: _Built) -> None:
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(built.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QtPdf reads from it for as long as the document is open
        self.pdf, self.shown = built.data, built.choice
        self.preview.setCurrentWidget(self.view)
        pages = self.document.pageCount()
        title = DOCUMENTS[built.choice.kind].title
        self.status.setText(f"The {title} is ready: {pages} page{'s' if pages != 1 else ''}.")
        self._enable()

    def _clear(self) -> None:
        self.document.close()
        self.pdf = self.shown = None

    def zoom(self, factor: float) -> None:
        zoom = (
            self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom else self._fit_factor()
        )
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, zoom * factor)))

    def _fit_factor(self) -> float:
        """The zoom factor that FitToWidth shows now, so that zooming goes on from what is seen."""
        if self.document.pageCount() == 0:
            return 1.0
        width = self.document.pagePointSize(0).width() * self.logicalDpiX() / 72
        return max(self.view.viewport().width() - 12, 1) / width

    # --- Printing, saving, exporting --------------------------------------------------------------

    def printer(self) -> QPrinter:
        """A printer set up for the document shown: its paper size, one copy."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        assert self.shown is not None
        printer.setPageSize(QPageSize(QT_PAGE_SIZES[self.shown.page_size]))
        printer.setDocName(DOCUMENTS[self.shown.kind].title)
        return printer

    def ask_and_print(self) -> None:
        if self.pdf is None:
            return
        printer = self.printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> workers.Relay | None:
        """Print the document shown on `printer`, in a worker; `printed` tells when it is done."""
        if self.pdf is None or self._printer is not None:
            return None
        self._printer = printer  # the worker paints on it until it is done
        self.status.setText("Printing…")
        self._enable()
        data = self.pdf
        return workers.start(lambda: print_pdf(data, printer), self._printed, self._print_failed, self)

    def _printed(self, pages: int) -> None:
        self._printer = None
        if pages:
            self.status.setText(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.")
        else:
            self.status.setText("The printer could not be started; nothing was printed.")
        self._enable()
        self.printed.emit(pages)

    def _print_failed(self, error: Exception) -> None:
        self._printer = None
        self.status.setText("Nothing was printed.")
        self._enable()
        self.printed.emit(0)
        show_error(self, error)

    def _ask_save(self) -> None:
        if self.shown is None:
            return
        month = self.shown.month
        suggested = f"{self.shown.kind}-{month}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, "Save as PDF", suggested, "PDF (*.pdf)")
        if name:
            self.save_pdf(Path(name) if name.lower().endswith(".pdf") else Path(f"{name}.pdf"))

    def save_pdf(self, out: Path) -> bool:
        """Write the previewed PDF to `out`, whole or not at all."""
        if self.pdf is None:
            return False
        try:
            actions.write_document(out, self.pdf)
        except BeatwalkError as error:
            show_error(self, error)
            return False
        self.status.setText(f"Saved {out.name}.")
        return True

    def _ask_export(self) -> None:
        suggested = f"plan-{self.session.month}.ics"
        name, chosen = QFileDialog.getSaveFileName(self, "Export calendar", suggested, CALENDAR_FILTER)
        if name:
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(chosen[chosen.index("*.") + 1 : -1])
            self.export_calendar(path)

    def export_calendar(self, out: Path) -> bool:
        """The month's plan as an .ics, .csv or .json file."""
        session = self.session
        try:
            actions.export_plan(
                session.db, district=session.district, month=session.month, out=out, now=session.now()
            )
        except BeatwalkError as error:
            show_error(self, error)
            return False
        self.status.setText(f"Exported the plan to {out.name}.")
        return True
