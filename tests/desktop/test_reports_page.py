"""The Reports page: the chosen document built in a worker and previewed with QtPdf, rebuilt when
the choice changes, saved (the previewed bytes), printed to a PDF printer, the plan exported, and
a month without a plan told plainly."""

from __future__ import annotations

import io
from dataclasses import replace
from zoneinfo import ZoneInfo

import pypdf
import pytest
from PySide6.QtCore import QDate
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

from desktop.pages.reports import ReportsPage
from scheduler import actions
from tests.desktop.conftest import DECEMBER, screenshot

AGENCY = "Eastside Police Department"
TIMEOUT = 20_000  # ms: a packet is laid out in about a second on a quiet machine


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def set_agency(session) -> None:
    stored = actions.walk_rules(session.db, district=session.district)
    settings = replace(stored.value, agency=AGENCY)
    actions.update_settings(
        session.db, district=session.district, settings=settings, expected_version=stored.version, user="a"
    )


def ready(page: ReportsPage, kind: str) -> bool:
    return page.shown is not None and page.shown.kind == kind and page.shown == page.choice()


@pytest.fixture
def page(session, qtbot):
    set_agency(session)
    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.resize(1150, 760)
    page.show()
    return page


def test_the_plan_is_previewed_and_saved_with_the_district_and_the_agency(page, qtbot, tmp_path):
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
    assert page.document.status() == QPdfDocument.Status.Ready
    assert page.document.pageCount() > 0
    assert "ready" in page.status.text()
    assert page.print_button.isEnabled() and page.save_button.isEnabled()
    qtbot.wait(200)  # let the view paint the first page
    screenshot(page, "reports")
    page.zoom_in_button.click()
    assert page.view.zoomMode() == QPdfView.ZoomMode.Custom
    zoomed = page.view.zoomFactor()
    page.zoom_out_button.click()
    assert page.view.zoomFactor() < zoomed
    page.fit_button.click()
    assert page.view.zoomMode() == QPdfView.ZoomMode.FitToWidth

    out = tmp_path / "plan.pdf"
    assert page.save_pdf(out)
    assert out.read_bytes() == page.pdf
    text = text_of(out.read_bytes())
    assert "Eastside District" in text and AGENCY in text


def test_choosing_a_briefing_day_and_a_persons_schedule_rebuilds(page, qtbot, session):
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
    assert not page.day.isEnabled() and not page.person.isEnabled()
    assert page.day.minimumDate() == QDate(2026, 12, 1) and page.day.maximumDate() == QDate(2026, 12, 31)

    plan = actions.stored_plan(session.db, district=session.district, month=DECEMBER).plan
    walk = plan.walks[0]
    zone = ZoneInfo(actions.district_settings(session.db, district=session.district).timezone)
    day = walk.start.astimezone(zone).date()
    page.choose("briefing")
    assert page.day.isEnabled()
    page.day.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: ready(page, "briefing"), timeout=TIMEOUT)
    assert page.shown is not None and page.shown.day == day
    assert f"Daily briefing: {day:%A}, {day.day} {day:%B %Y}" in text_of(page.pdf)
    qtbot.wait(200)
    screenshot(page, "reports-briefing")

    coordinator = walk.coordinator
    page.choose("schedule")
    assert page.person.isEnabled()
    page.person.setCurrentIndex(page.person.findData(coordinator))
    qtbot.waitUntil(lambda: ready(page, "schedule") and page.shown.person_id == coordinator, timeout=TIMEOUT)
    people = actions.district_people(session.db, district=session.district)
    name = next(person.name for person in people if person.id == coordinator)
    (schedule,) = [each.extract_text() for each in pypdf.PdfReader(io.BytesIO(page.pdf)).pages]
    assert schedule.startswith(f"{name} — December 2026")
    assert f"{walk.start.astimezone(zone):%a %d %b}" in schedule


def test_a_page_size_change_rebuilds_on_a4(page, qtbot):
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
    page.page_size.setCurrentIndex(page.page_size.findData("a4"))
    qtbot.waitUntil(lambda: ready(page, "plan") and page.shown.page_size == "a4", timeout=TIMEOUT)
    box = pypdf.PdfReader(io.BytesIO(page.pdf)).pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842


def test_printing_to_a_pdf_printer_prints_every_page(page, qtbot, tmp_path):
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
    printer = page.printer()
    printer.setResolution(96)  # small images: the test checks the pages, not the ink
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(page.printed, timeout=TIMEOUT) as job:
        assert page.print_to(printer) is not None
        assert not page.print_button.isEnabled()  # one print job at a time
    assert job.args == [page.document.pageCount()] and page.document.pageCount() > 0
    assert len(pypdf.PdfReader(out).pages) == page.document.pageCount()
    assert "Sent" in page.status.text() and page.print_button.isEnabled()


def test_the_calendar_is_exported_as_ics(page, qtbot, tmp_path):
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
    out = tmp_path / "december.ics"
    assert page.export_calendar(out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text


def test_a_month_without_a_plan_says_to_build_it_first(page, qtbot, session, dialogs):
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
    session.set_month(DECEMBER.next())
    qtbot.waitUntil(lambda: "no plan for January 2027" in page.status.text(), timeout=TIMEOUT)
    assert page.preview.currentWidget() is page.message
    assert "Build plan on the Calendar page" in page.message.text()
    assert page.pdf is None and page.document.pageCount() == 0
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()
    assert dialogs == []  # a message on the page, not an error dialog
    assert page.day.minimumDate() == QDate(2027, 1, 1)
    screenshot(page, "reports-no-plan")

    session.set_month(DECEMBER)
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
    assert page.preview.currentWidget() is page.view


def test_a_new_plan_rebuilds_the_preview(page, qtbot, session):
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
    first = page.pdf
    stored = actions.walk_rules(session.db, district=session.district)
    settings = replace(stored.value, agency="Westside Sheriff's Office")
    actions.update_settings(
        session.db, district=session.district, settings=settings, expected_version=stored.version, user="a"
    )
    session.notify("settings")
    qtbot.waitUntil(lambda: page.pdf is not first and ready(page, "plan"), timeout=TIMEOUT)
    assert "Westside Sheriff's Office" in text_of(page.pdf)


def test_a_hidden_page_builds_only_when_shown(session, qtbot):
    page = ReportsPage(session)
    qtbot.addWidget(page)
    qtbot.wait(100)
    assert page.pdf is None and page.status.text() == ""
    page.show()
    qtbot.waitUntil(lambda: ready(page, "plan"), timeout=TIMEOUT)
