"""The first-run guide: create the district, bring in the neighborhood, import the roster, plan
the month, print the packet. Each step opens once the one before is done; what is done is read
from the database, so the guide is right after a restart too."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.roster_import import ask_roster_file, import_roster_interactively
from desktop.session import Session
from desktop.widgets import labelled
from scheduler import actions
from scheduler.actions import (
    BeatwalkError,
    Database,
    DistrictRef,
    NotFound,
    Plan,
)

DEFAULT_TIMEZONE = "America/New_York"
PLAN = 3  # the step that builds the plan (from 0)
PLAN_STEP = (
    "The solver fills {month} with walks that meet every walk type's minimum, or says which "
    "minimum cannot be met and why."
)


@dataclass
class _Step:
    title: QLabel
    explanation: QLabel
    state: QLabel
    body: QWidget


def _outcome(plan: Plan) -> str:
    """What the plan came to, so that a minimum it cannot meet is not hidden behind "✓ done"."""
    walks = f"{len(plan.walks)} walk{'s' if len(plan.walks) != 1 else ''} planned"
    if not plan.shortfalls:
        return f"{walks}; every minimum is met."
    count = len(plan.shortfalls)
    return (
        f"{walks}; {count} minimum{'s' if count != 1 else ''} cannot be met: the Calendar page "
        "says which and why."
    )


class WelcomePage(QWidget):
    """Without a session only the first step is open; `district_created` hands the new district to
    the window, which gives this page a session for the other steps. `build_requested` asks the
    window for the Calendar page's Build plan, so that the guide's plan has the same progress and
    Cancel; the guide sees the saved plan when the session says "plan"."""

    district_created = Signal(object)  # DistrictRef
    build_requested = Signal()  # the window starts the Calendar page's Build plan
    print_packet = Signal()  # the window opens the Reports page on the packet
    open_page = Signal(str)  # the window shows the page of that title

    def __init__(self, db: Database, session: Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.session = db, session
        content = QWidget()
        grid = QGridLayout(content)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        content.setMaximumWidth(1000)
        heading = QLabel("<h2>Welcome to Beatwalk</h2>Five steps to a month of community walks.")
        heading.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(heading, 0, 0, 1, 3)

        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Eastside District")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(zoneinfo.available_timezones() - {"localtime"}))
        self.timezone.setCurrentText(DEFAULT_TIMEZONE)
        self.create_button = QPushButton("&Create district")
        district_form = QWidget()
        district_form.setMinimumWidth(460)
        form = QFormLayout(district_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(labelled("District &name:", self.name), self.name)
        form.addRow(labelled("&Time zone:", self.timezone), self.timezone)
        form.addRow(self.create_button)
        self.boundary_button = QPushButton("&Import boundary (GeoJSON)…")
        self.draw_button = QPushButton("Draw it on the &map")
        neighborhood = QWidget()  # two ways to the same step: a file, or the map
        neighborhood_line = QHBoxLayout(neighborhood)
        neighborhood_line.setContentsMargins(0, 0, 0, 0)
        neighborhood_line.addWidget(self.boundary_button)
        neighborhood_line.addWidget(self.draw_button)
        self.roster_button = QPushButton("Import &roster (CSV)…")
        self.plan_button = QPushButton("&Build plan")  # as on the Calendar page: one name for one action
        self.print_button = QPushButton("Print the &packet")
        for button in (
            self.create_button,
            self.boundary_button,
            self.draw_button,
            self.roster_button,
            self.plan_button,
            self.print_button,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.steps = [
            self._step(
                grid,
                1,
                "Create the district",
                "Its name and time zone; the guide's walk rules "
                "come with it and can be adapted on the Walk rules page.",
                district_form,
            ),
            self._step(
                grid,
                2,
                "Draw the neighborhood",
                "Import its boundary from a GeoJSON file (from "
                "the city's GIS or a free web map), or draw it on the Neighborhood page's map.",
                neighborhood,
            ),
            self._step(
                grid,
                3,
                "Import the roster",
                "A CSV of the district's people: you see every row "
                "and every mistake before anything is saved.",
                self.roster_button,
            ),
            self._step(
                grid,
                4,
                "Build the plan",
                PLAN_STEP.format(month="the month"),
                self.plan_button,
            ),
            self._step(
                grid,
                5,
                "Print the packet",
                "The month's packet (the plan, the training handout, talking points and the daily "
                "briefing sheets): preview it on the Reports page, then print it or save it as PDF.",
                self.print_button,
            ),
        ]
        grid.setRowStretch(len(self.steps) * 2 + 1, 1)
        self.create_button.clicked.connect(self.create_district)
        self.name.returnPressed.connect(self.create_button.click)  # type the name, press Enter
        self.boundary_button.clicked.connect(self._ask_boundary)
        self.draw_button.clicked.connect(lambda: self.open_page.emit("Neighborhood"))
        self.roster_button.clicked.connect(self._ask_roster)
        self.plan_button.clicked.connect(self.build_requested)
        self.print_button.clicked.connect(self.print_packet)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the first key goes to the open step, not the frame
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)
        if session is not None:
            self._show_district(session)
            session.changed.connect(lambda _what: self.refresh())
            session.month_changed.connect(lambda _month: self.refresh())  # each month has its own plan
        self.refresh()

    def _step(self, grid: QGridLayout, number: int, title: str, text: str, body: QWidget) -> _Step:
        row = number * 2 - 1
        heading = QLabel(f"<b>{number}. {title}</b>")
        state = QLabel()
        explanation = QLabel(text)
        explanation.setWordWrap(True)
        holder = QWidget()  # the body at its own width, not stretched over the page
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 12)
        line.addWidget(body)
        line.addStretch()
        grid.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(explanation, row, 1)
        grid.addWidget(state, row, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(holder, row + 1, 1)
        return _Step(heading, explanation, state, holder)

    def _show_district(self, session: Session) -> None:
        """The first step, done, shows the district it made rather than an empty form."""
        settings = actions.district_settings(session.db, district=session.district)
        self.name.setText(settings.name)
        self.timezone.setCurrentText(settings.timezone)

    # --- State ------------------------------------------------------------------------------------

    def done(self, plan: Plan | None) -> list[bool]:
        """Which steps are done, read from the database (`plan`: the month's, read already)."""
        session = self.session
        if session is None:
            return [False] * len(self.steps)
        db, district = session.db, session.district
        people = bool(actions.district_people(db, district=district))
        boundary = actions.neighborhood_boundary(db, district=district) is not None
        return [True, boundary, people, plan is not None, False]

    def _plan(self) -> Plan | None:
        """The stored plan of the month shown, if it has one."""
        session = self.session
        assert session is not None
        try:
            return actions.stored_plan(session.db, district=session.district, month=session.month).plan
        except NotFound:
            return None

    def refresh(self) -> None:
        plan = self._plan() if self.session is not None else None
        done = self.done(plan)
        if self.session is not None:
            month = f"{self.session.month.first_day:%B %Y} (the month shown above)"
            outcome = f"\n{_outcome(plan)}" if plan is not None else ""
            self.steps[PLAN].explanation.setText(PLAN_STEP.format(month=month) + outcome)
        for index, step in enumerate(self.steps):
            ready = index == 0 or done[index - 1]
            open_now = ready and not done[index]
            step.body.setEnabled(open_now)
            step.state.setText(self._state(done[index], ready))
            step.state.setAccessibleName(f"Step {index + 1}: {step.state.text() or 'not yet'}")

    @staticmethod
    def _state(done: bool, ready: bool) -> str:
        if done:
            return "✓ done"
        return "← next step" if ready else ""

    # --- Steps ------------------------------------------------------------------------------------

    def create_district(self) -> DistrictRef | None:
        try:
            district = actions.create_district(
                self.db, name=self.name.text(), timezone=self.timezone.currentText()
            )
        except BeatwalkError as error:
            show_error(self, error)
            return None
        self.district_created.emit(district)
        return district

    def _ask_boundary(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import boundary", "", "GeoJSON (*.geojson *.json);;All files (*)"
        )
        if name:
            self.import_boundary(Path(name))

    def import_boundary(self, path: Path) -> bool:
        assert self.session is not None
        try:
            actions.import_boundary(self.session.db, district=self.session.district, path=path)
        except BeatwalkError as error:
            show_error(self, error)
            return False
        self.session.notify("neighborhood")
        return True

    def _ask_roster(self) -> None:
        path = ask_roster_file(self)
        if path is not None and self.session is not None:
            self.import_roster(path)

    def import_roster(self, path: Path) -> None:
        """Preview and import `path` on a worker, the button disabled meanwhile."""
        assert self.session is not None
        self.roster_button.setEnabled(False)
        import_roster_interactively(
            self, self.session, path, lambda _summary: self.roster_button.setEnabled(True)
        )
