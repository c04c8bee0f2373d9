"""The Incidents page: a robbery is recorded at once; a shooting's walk is proposed in the
background and saved only when the lieutenant confirms."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDateTime

from desktop.pages.incidents import IncidentsPage, ProposalDialog, proposal_text
from scheduler import actions
from scheduler.actions import IncidentWalkProposal
from scheduler.store.neighborhood import post_incident_walk
from tests.desktop.conftest import QUICK, screenshot


def test_an_incident_that_needs_no_walk_is_listed_when_added(session, qtbot):
    page = IncidentsPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    assert page.count.text() == "No incidents recorded yet: add one with the form beside this list."
    screenshot(page, "incidents-empty")
    page.kind.setCurrentText("robbery")
    page.when.setDateTime(QDateTime(2026, 12, 9, 14, 30, 0))
    page.address.setText("400 Oak St")
    page.cad.setText("R-77")
    page.add()
    assert page.model.rowCount() == 1
    assert page.model.record(0).id == "R-77" and page.status.text() == "Robbery R-77 recorded."
    assert page.count.text() == "1 incident, newest first."
    screenshot(page, "incidents")


def test_a_bad_coordinate_is_refused_in_the_domains_words(session, qtbot, dialogs):
    page = IncidentsPage(session)
    qtbot.addWidget(page)
    page.kind.setCurrentText("robbery")
    page.latitude.setText("99")
    page.longitude.setText("-84.2")
    page.add()
    assert dialogs and dialogs[0].startswith("Latitude: ") and dialogs[0].endswith("Nothing was saved.")
    assert page.model.rowCount() == 0


@pytest.mark.slow
def test_a_shooting_proposes_its_walk_and_saves_it_only_when_confirmed(session, qtbot, monkeypatch):
    page = IncidentsPage(session)
    qtbot.addWidget(page)
    page.solve = QUICK
    page.kind.setCurrentText("shooting")
    page.when.setDateTime(QDateTime(2026, 12, 10, 20, 0, 0))  # December is planned
    page.cad.setText("S-1")
    shown: list[ProposalDialog] = []

    def look(dialog):
        shown.append(dialog)
        screenshot(dialog, "incidents-proposal")
        return 0  # discard

    monkeypatch.setattr(ProposalDialog, "exec", look)
    with qtbot.waitSignal(page.proposal_ready, timeout=60_000) as ready:
        page.add()
    proposal = ready.args[0]
    assert isinstance(proposal, IncidentWalkProposal) and shown
    assert post_incident_walk(session.db, session.district.id, "S-1") is None
    assert proposal.added.result.walk is not None
    assert "Coordinated by" in proposal_text(proposal, page.zone)
    with qtbot.waitSignal(session.changed):
        page.confirm(proposal)
    assert [i.id for i in actions.district_incidents(session.db, district=session.district)] == ["S-1"]
    assert post_incident_walk(session.db, session.district.id, "S-1") == proposal.added.result.walk
