"""The Incidents page: the district's incidents, newest first, and adding one. A homicide or a
shooting gets its post-incident walk worked out in the background (who is asked, who would be
called in off duty, which groups nobody can come from); the lieutenant reads the proposal and
confirms it before anything is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import workers
from desktop.errors import show_error
from desktop.records import Column, RecordsModel
from desktop.session import Session
from desktop.widgets import choice, labelled, record_table
from scheduler import actions
from scheduler.actions import (
    INCIDENT_KINDS,
    INCIDENT_OVER,
    REQUEST,
    BeatwalkError,
    Incident,
    IncidentRequest,
    IncidentWalkProposal,
    InputError,
    SolveRequest,
)

OTHER_KINDS = ("robbery", "assault", "burglary", "auto theft")
FIELD_LABELS = {  # an incident's fields under the names the form gives them, for its mistakes
    "type": "Type",
    "at": "When",
    "address": "Address",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "id": "CAD number",
}


def _columns(zone: ZoneInfo, has_boundary: Callable[[], bool]) -> tuple[Column[Incident], ...]:
    def where(incident: Incident) -> str:
        if not has_boundary():
            return "no boundary yet"
        return "outside" if incident.outside else "inside"

    return (
        Column("When", lambda i: f"{i.occurred_at.astimezone(zone):%Y-%m-%d %H:%M}", lambda i: i.occurred_at),
        Column("Type", lambda i: i.kind),
        Column("CAD number", lambda i: i.id),
        Column("Address", lambda i: i.address),
        Column("Neighborhood", where),
    )


class IncidentsPage(QWidget):
    proposal_ready = Signal(object)  # an IncidentWalkProposal, or the error: for tests and the status bar

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.solve = SolveRequest(time_limit=10.0, apart=True)  # the search in its own process
        self.zone = ZoneInfo(actions.district_settings(session.db, district=session.district).timezone)
        self.has_boundary = False
        self.model: RecordsModel[Incident] = RecordsModel(
            _columns(self.zone, lambda: self.has_boundary), parent=self
        )
        self.table = record_table(self.model, "Incidents")

        add = QGroupBox("Add an incident")
        form = QFormLayout(add)
        self.kind = choice([*INCIDENT_KINDS, *OTHER_KINDS])
        self.kind.setEditable(True)
        form.addRow(labelled("&Type:", self.kind), self.kind)
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        form.addRow(labelled("&When (local time):", self.when), self.when)
        self.address = QLineEdit()
        self.address.setPlaceholderText("e.g. 400 Oak St (optional)")
        form.addRow(labelled("&Address:", self.address), self.address)
        self.latitude, self.longitude = QLineEdit(), QLineEdit()
        self.latitude.setPlaceholderText("e.g. 39.7810 (optional)")
        self.longitude.setPlaceholderText("e.g. -84.1950 (optional)")
        form.addRow(labelled("&Latitude:", self.latitude), self.latitude)
        form.addRow(labelled("L&ongitude:", self.longitude), self.longitude)
        self.cad = QLineEdit()
        self.cad.setPlaceholderText("optional; default: its date and time")
        form.addRow(labelled("&CAD number:", self.cad), self.cad)
        self.add_button = QPushButton("A&dd incident")
        self.add_button.setAccessibleName("Add incident")
        self.add_button.clicked.connect(self.add)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Incident status")
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.add_button)
        form.addRow(row)
        note = QLabel(
            "A homicide or a shooting needs a post-incident walk within 24 hours: Beatwalk proposes "
            "one, and nothing is saved until you confirm it."
        )
        note.setWordWrap(True)
        form.addRow(note)

        self.count = QLabel()
        self.count.setWordWrap(True)
        self.count.setAccessibleName("Incidents listed")
        listing = QVBoxLayout()
        listing.addWidget(self.table, 1)
        listing.addWidget(self.count)
        layout = QHBoxLayout(self)
        layout.addLayout(listing, 3)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addStretch()
        layout.addLayout(side, 2)
        session.changed.connect(self._changed)
        self.reload()
        local = session.now().astimezone(self.zone)
        self.when.setDateTime(QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0))

    def reload(self) -> None:
        db, district = self.session.db, self.session.district
        self.has_boundary = actions.neighborhood_boundary(db, district=district) is not None
        incidents = actions.district_incidents(db, district=district)
        self.model.set_records(incidents)
        count = len(incidents)
        self.count.setText(
            f"{count} incident{'s' if count != 1 else ''}, newest first."
            if count
            else "No incidents recorded yet: add one with the form beside this list."
        )

    def _clear_form(self) -> None:
        for edit in (self.address, self.latitude, self.longitude, self.cad):
            edit.clear()

    def _changed(self, what: str) -> None:
        if what in ("incidents", "neighborhood"):
            self.reload()

    def request(self) -> IncidentRequest:
        when = self.when.dateTime()
        day, clock = when.date(), when.time()
        return IncidentRequest(
            id=self.cad.text().strip() or None,
            kind=self.kind.currentText().strip().lower(),
            at=datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute()),
            address=self.address.text().strip() or None,
            latitude=_coordinate(self.latitude, "latitude"),
            longitude=_coordinate(self.longitude, "longitude"),
        )

    def add(self) -> None:
        try:
            request = self.request()
            if request.kind not in INCIDENT_KINDS:
                incident = actions.record_incident(
                    self.session.db, district=self.session.district, request=request, now=self.session.now()
                )
                self.status.setText(f"{incident.kind.capitalize()} {incident.id} recorded.")
                self._clear_form()
                self.session.notify("incidents")
                return
        except BeatwalkError as error:
            show_error(self, error, labels=FIELD_LABELS)
            return
        self.add_button.setEnabled(False)
        self.status.setText("Working out the post-incident walk…")
        db, district, now, solve = self.session.db, self.session.district, self.session.now(), self.solve
        workers.start(
            lambda: actions.propose_incident_walk(
                db, district=district, request=request, solve=solve, now=now
            ),
            self._proposed,
            self._failed,
            self,
        )

    def _failed(self, error: Exception) -> None:
        self.add_button.setEnabled(True)
        self.status.setText("")
        self.proposal_ready.emit(error)
        show_error(self, error, labels=FIELD_LABELS)

    def _proposed(self, proposal: IncidentWalkProposal) -> None:
        self.add_button.setEnabled(True)
        self.status.setText("")
        self.proposal_ready.emit(proposal)
        dialog = ProposalDialog(proposal, self.zone, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.confirm(proposal)
        else:
            self.status.setText("The proposal was discarded; nothing was saved.")

    def confirm(self, proposal: IncidentWalkProposal) -> None:
        try:
            added = actions.confirm_incident_walk(
                self.session.db, proposal=proposal, user=self.session.user, now=self.session.now()
            )
        except BeatwalkError as error:
            show_error(self, error, labels=FIELD_LABELS)
            return
        walk = added.result.walk
        saved = f"its walk {walk.id} is in the plan" if walk else "recorded without a walk"
        self.status.setText(f"{added.incident.kind.capitalize()} {added.incident.id}: {saved}.")
        self._clear_form()
        self.session.notify("incidents")
        if walk is not None:
            self.session.notify("plan")


def _coordinate(edit: QLineEdit, name: str) -> float | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        return actions.parse_coordinate(text, name)
    except ValueError as error:
        raise InputError(REQUEST, str(error), field=name) from None


def proposal_text(proposal: IncidentWalkProposal, zone: ZoneInfo) -> str:
    """The proposal in the lieutenant's words: when and where, who is asked, who is called in off
    duty, which groups nobody can come from, and what else in the month moves."""
    added = proposal.added
    result, names = added.result, {person.id: person.name for person in added.people}
    incident = added.incident
    occurred = incident.occurred_at.astimezone(zone)
    header = f"{incident.kind.capitalize()} {incident.id} at {occurred:%a %d %b %Y, %H:%M}"
    walk = result.walk
    if walk is None:
        reason = "its 24 hours are over" if result.reason == INCIDENT_OVER else result.reason
        return f"{header}\n\nNo post-incident walk can be held: {reason}.\nConfirm to record the incident."
    start, end = walk.start.astimezone(zone), walk.end.astimezone(zone)
    lines = [
        header,
        "",
        f"Post-incident walk: {start:%a %d %b, %H:%M} to {end:%H:%M}"
        + (f" at {walk.meeting_point}" if walk.meeting_point else ""),
        f"Coordinated by {names.get(walk.coordinator, walk.coordinator)}",
        "Asked to walk: " + ", ".join(names.get(pid, pid) for pid in walk.participants),
    ]
    if walk.called_in:
        lines.append("Called in off duty: " + ", ".join(names.get(pid, pid) for pid in walk.called_in))
    if walk.partners:
        lines.append("Partners invited: " + ", ".join(walk.partners))
    for group in result.unmet_groups:
        lines.append(f"Nobody on the roster can come from: {group}")
    if result.outside_walk_hours:
        lines.append("Outside walk hours: no start inside them was left within the 24 hours.")
    lines.append(f"{result.changed_walks} other walk(s) of the month change to make room.")
    return "\n".join(lines)


class ProposalDialog(QDialog):
    def __init__(self, proposal: IncidentWalkProposal, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Post-incident walk — confirm")
        self.setAccessibleName("Post-incident walk proposal")
        text = QLabel(proposal_text(proposal, zone))
        text.setWordWrap(True)
        text.setAccessibleName("Proposal")
        buttons = QDialogButtonBox()
        confirm = buttons.addButton("&Confirm and save", QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setAccessibleName("Confirm and save")
        discard = buttons.addButton("&Discard", QDialogButtonBox.ButtonRole.RejectRole)
        discard.setAccessibleName("Discard")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
