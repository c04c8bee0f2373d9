"""The main window: start-up on the demo district (timed), on a database without a district (the
first-run guide, from a new district through the Calendar page's Build plan to the packet), and its
menus, month selector and remembered settings."""

from __future__ import annotations

import gc
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop import workers
from desktop.app import open_window
from desktop.app_settings import AppSettings
from desktop.main_window import MainWindow, sqlite_url
from desktop.navigation import PAGES
from desktop.pages.calendar import CalendarPage
from desktop.pages.reports import ReportsPage
from desktop.pages.welcome import WelcomePage
from scheduler import actions
from scheduler.actions import DEMO_FILES, Month, Shortfall
from scheduler.rules.validator import validate
from scheduler.store.database import run_migrations
from tests.desktop.conftest import QUICK, answer_preview, screenshot

NOW = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
GUIDE_SOLVE = replace(QUICK, apart=True, time_limit=30.0)  # as the app plans, on a fixed effort


@pytest.fixture
def window(qtbot):
    window = MainWindow(AppSettings(), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    return window


@pytest.mark.slow  # the window is usable in about a second; the month's planning takes longer
def test_the_demo_opens_on_a_window_that_names_its_district_and_plans_its_month(window, qtbot, tmp_path):
    started = time.perf_counter()
    assert window.open_demo(sqlite_url(tmp_path / "demo.sqlite3"))
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.opening is None, timeout=30_000)  # the demo is made in a worker
    usable = time.perf_counter() - started
    assert window.windowTitle() == "Beatwalk — Eastside District"
    assert [window.navigation.item(row).text() for row in range(window.navigation.count())] == [
        title for title, _ in PAGES
    ]
    assert window.session.month == Month(2026, 12)
    assert usable < 10  # a generous bound on a loaded machine; see tests/benchmarks/desktop_results.md
    neighborhood = window.pages["Neighborhood"]
    assert neighborhood.streets is not None and neighborhood.streets.lines  # the demo's streets file
    assert "streets" in neighborhood.layers
    qtbot.waitUntil(lambda: window.planning is None, timeout=60_000)
    planned = actions.stored_plan(window.db, district=window.session.district, month=Month(2026, 12))
    assert planned.plan.walks
    for title in window.titles:
        window.show_page(title)
        screenshot(window, f"window-{title.lower().replace(' ', '-')}")


def test_undo_and_redo_are_named_exactly_and_use_the_platform_shortcuts(window, session):
    assert window.undo_action.text().replace("&", "") == "Undo"
    assert window.redo_action.text().replace("&", "") == "Redo"
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)


def test_the_edit_menu_undoes_and_redoes_a_person_edit_and_says_what(window, session):
    assert window.open_database(session.db.url)
    window.show_district(session.district, session.month)
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    people = window.show_page("People")
    old = people.model.record(0).person
    new = replace(old, shift_start=old.shift_start.replace(hour=6, minute=30))
    assert people.save_person(old, new)
    assert window.undo_action.isEnabled() and window.undo_action.toolTip() == f"Undo edit {old.name}"
    window.undo_action.trigger()
    stored = {p.id: p for p in actions.district_people(window.db, district=window.session.district)}
    assert stored[old.id] == old and window.redo_action.isEnabled()
    window.redo_action.trigger()
    stored = {p.id: p for p in actions.district_people(window.db, district=window.session.district)}
    assert stored[old.id] == new and people.model.record(0).person == new


def test_a_month_planned_in_the_background_is_named_in_words(window, session, monkeypatch):
    assert window.open_database(session.db.url)
    window.show_district(session.district, session.month)
    plan = actions.stored_plan(session.db, district=session.district, month=session.month).plan
    shortfall = Shortfall("district", "2026-12", 2, 0, "no non-patrol captain on the roster")
    short = replace(plan, shortfalls=(shortfall,))
    planned = SimpleNamespace(result=SimpleNamespace(plan=short))
    monkeypatch.setattr(workers, "start", lambda work, done, failed, parent: done(planned))
    window.plan_in_background(QUICK, "Planning…")
    assert window.statusBar().currentMessage() == (
        f"December 2026 planned: {len(plan.walks)} walks; 1 minimum not met (see the Calendar page)."
    )


def test_the_page_list_is_wide_enough_for_its_titles_in_a_large_font(window, session):
    font = window.font()
    font.setPointSize(font.pointSize() * 3)
    window.setFont(font)
    assert window.open_database(session.db.url)
    window.show_district(session.district, session.month, getting_started=True)
    metrics = window.navigation.fontMetrics()
    assert window.navigation.width() > metrics.horizontalAdvance("Getting started") > 170


def westside_department(path: Path) -> str:
    """The URL of a new department database at `path` holding one district, Westside, and nothing else."""
    url = sqlite_url(path)
    db = actions.open_department(url)
    actions.create_district(db, name="Westside", timezone="America/Chicago")
    db.close()
    return url


def test_the_month_selector_moves_the_session_month(window, tmp_path):
    url = westside_department(tmp_path / "empty.sqlite3")
    assert not window.recent_menu.isEnabled()  # no database opened yet: nothing to offer
    assert window.open_database(url)
    assert window.windowTitle() == "Beatwalk — Westside"
    assert [action.text() for action in window.recent_menu.actions()] == [url]
    assert window.recent_menu.isEnabled()
    window.next_month.trigger()
    assert window.session.month == Month(2027, 1) and "January 2027" in window.month_label.text()
    window.previous_month.trigger()
    window.previous_month.trigger()
    assert window.session.month == Month(2026, 11)
    window.close()
    settings = AppSettings()
    assert settings.recent_databases[0].endswith("empty.sqlite3")
    assert settings.last_district(settings.recent_databases[0]) == "Westside"
    assert settings.geometry is not None


def test_an_older_database_is_upgraded_on_open_and_the_status_bar_names_its_copy(window, tmp_path):
    url = westside_department(tmp_path / "older.sqlite3")
    db = actions.open_department(url)
    run_migrations(db.engine, "downgrade", "-1")  # as an older Beatwalk left it
    db.close()
    assert window.open_database(url)
    assert window.db.backup is not None and window.db.backup.exists()
    assert window.statusBar().currentMessage() == (
        f"Upgraded the database; the copy from before is {window.db.backup}"
    )
    assert window.windowTitle() == "Beatwalk — Westside"


def test_a_database_that_cannot_be_opened_is_said_in_a_dialog(window, dialogs):
    assert not window.open_database("mysql://nowhere/beatwalk")
    assert dialogs and "not supported" in dialogs[0]


def test_the_first_run_guide_leads_from_a_new_district_to_an_imported_roster(window, qtbot, tmp_path):
    assert window.open_database(sqlite_url(tmp_path / "fresh.sqlite3"))
    welcome = window.pages["Getting started"]
    assert isinstance(welcome, WelcomePage) and window.windowTitle() == "Beatwalk — new district"
    assert welcome.steps[0].body.isEnabled() and not welcome.steps[1].body.isEnabled()
    window.show()  # laid out as a captain sees it
    qtbot.waitExposed(window)
    screenshot(window, "first-run-1")
    welcome.name.setText("Eastside District")
    welcome.timezone.setCurrentText("America/New_York")
    welcome.create_button.click()
    assert window.windowTitle() == "Beatwalk — Eastside District"
    welcome = window.pages["Getting started"]
    assert isinstance(welcome, WelcomePage)
    assert not welcome.steps[0].body.isEnabled() and welcome.steps[1].body.isEnabled()
    assert not welcome.steps[2].body.isEnabled()
    assert welcome.name.text() == "Eastside District"  # the done step shows what it made
    assert welcome.timezone.currentText() == "America/New_York"
    assert welcome.plan_button.text() == "&Build plan"
    assert welcome.plan_button.accessibleName() == "Build plan"
    assert welcome.import_boundary(DEMO_FILES / "boundary.geojson")
    assert welcome.steps[2].body.isEnabled() and not welcome.steps[3].body.isEnabled()

    def accept_preview(dialog):
        assert dialog.import_button.isEnabled()
        screenshot(dialog, "first-run-roster-preview")
        dialog.import_button.click()

    answered = answer_preview(welcome, accept_preview)
    welcome.import_roster(DEMO_FILES / "roster.csv")  # read and saved on a worker
    assert not welcome.roster_button.isEnabled()
    qtbot.waitUntil(welcome.steps[3].body.isEnabled, timeout=20_000)  # the next step opens
    assert answered
    screenshot(window, "first-run-3")
    people = window.page("People")  # made when first shown
    assert people.model.rowCount() == 160  # the People page heard of the import


@pytest.mark.slow
def test_the_first_run_guide_plans_a_month_the_validator_accepts(window, qtbot, tmp_path):
    assert window.open_database(sqlite_url(tmp_path / "fresh.sqlite3"))
    window.pages["Getting started"].name.setText("Eastside District")
    window.pages["Getting started"].create_button.click()
    welcome = window.pages["Getting started"]
    welcome.import_boundary(DEMO_FILES / "boundary.geojson")
    session = welcome.session
    actions.import_roster(session.db, district=session.district, path=DEMO_FILES / "roster.csv")
    session.notify("people")
    window.show()
    calendar = window.page("Calendar")
    assert isinstance(calendar, CalendarPage)
    bar = calendar.planning_bar
    bar.solve = GUIDE_SOLVE
    welcome.plan_button.click()  # the Calendar page's Build plan, with its progress and Cancel
    assert window.stack.currentWidget() is calendar
    assert bar.planning and bar.cancel_button.isEnabled() and not bar.build_button.isEnabled()
    best = "Best plan so far"  # the progress bar's text once the solver has a plan
    qtbot.waitUntil(lambda: bar.progress.format().startswith(best) or not bar.planning, timeout=60_000)
    screenshot(window, "first-run-4-planning")
    qtbot.waitUntil(lambda: not bar.planning, timeout=60_000)
    # As the Calendar page plans: from now on (December's first days are past, not planned).
    problem, stored = actions.month_problem(
        session.db, district=session.district, month=session.month, now=NOW
    )
    assert stored.plan.walks and validate(problem, stored.plan) == []
    assert welcome.steps[3].state.text() == "✓ done" and welcome.steps[4].body.isEnabled()
    assert _outcome_said(stored.plan) in welcome.steps[3].explanation.text()
    welcome.print_button.click()
    reports = window.pages["Reports"]
    assert isinstance(reports, ReportsPage)
    qtbot.waitUntil(lambda: reports.shown is not None and reports.shown.kind == "packet", timeout=60_000)
    assert reports.document.pageCount() > 0
    qtbot.wait(300)  # the view renders its pages in the background
    screenshot(window, "first-run-5-packet")


def test_the_guides_last_step_opens_the_reports_page_on_the_packet(window, session):
    assert window.open_database(session.db.url)
    window.show_district(session.district, session.month, getting_started=True)
    welcome = window.pages["Getting started"]
    assert isinstance(welcome, WelcomePage)
    assert welcome.steps[3].state.text() == "✓ done" and welcome.steps[4].body.isEnabled()
    welcome.print_button.click()
    reports = window.pages["Reports"]
    assert isinstance(reports, ReportsPage)
    assert window.stack.currentWidget() is reports and reports.kind.currentData() == "packet"


def test_the_guides_plan_step_follows_the_month_shown(window, session):
    assert window.open_database(session.db.url)
    window.show_district(session.district, session.month, getting_started=True)
    welcome = window.pages["Getting started"]
    assert "December 2026" in welcome.steps[3].explanation.text()
    plan = actions.stored_plan(session.db, district=session.district, month=session.month).plan
    assert _outcome_said(plan) in welcome.steps[3].explanation.text()  # what "✓ done" came to
    welcome.draw_button.click()  # step 2's other way: the map
    assert window.stack.currentWidget() is window.pages["Neighborhood"]
    window.next_month.trigger()  # January has no plan yet: the step is open again
    assert "January 2027" in welcome.steps[3].explanation.text()
    assert "planned;" not in welcome.steps[3].explanation.text()
    assert welcome.steps[3].state.text() == "← next step" and welcome.plan_button.isEnabled()


def test_cancel_during_the_guides_build_plan_keeps_the_best_plan_found(window, session, qtbot):
    assert window.open_database(session.db.url)
    window.show_district(session.district, session.month, getting_started=True)
    window.next_month.trigger()  # January has no plan yet
    welcome = window.pages["Getting started"]
    calendar = window.page("Calendar")
    assert isinstance(calendar, CalendarPage)
    bar = calendar.planning_bar
    bar.solve = GUIDE_SOLVE
    welcome.plan_button.click()
    assert window.stack.currentWidget() is calendar and bar.cancel_button.isEnabled()
    bar.cancel_button.click()
    qtbot.waitUntil(lambda: not bar.planning, timeout=60_000)
    assert "stopped" in bar.status.text()
    problem, stored = actions.month_problem(session.db, district=session.district, month=Month(2027, 1))
    assert stored.plan.walks and validate(problem, stored.plan) == []
    assert welcome.steps[3].state.text() == "✓ done" and welcome.steps[4].body.isEnabled()
    assert _outcome_said(stored.plan) in welcome.steps[3].explanation.text()


def _outcome_said(plan: actions.Plan) -> str:
    """The start of what the guide's step 4 says the plan came to."""
    unmet = f"{len(plan.shortfalls)} minimum"
    return f"{len(plan.walks)} walks planned; " + ("every minimum is met." if not plan.shortfalls else unmet)


def test_the_app_does_not_open_on_a_database_it_cannot_use(qtbot, dialogs):
    assert open_window(db="mysql://nowhere/beatwalk", district=None, demo=False) is None
    assert dialogs and "not supported" in dialogs[0]


def test_a_district_is_chosen_at_start_and_switched_from_the_file_menu(window, tmp_path, monkeypatch):
    url = sqlite_url(tmp_path / "two.sqlite3")
    db = actions.open_department(url)
    for name in ("Eastside", "Westside"):
        actions.create_district(db, name=name, timezone="America/New_York")
    db.close()
    answers = iter([("Westside", True), ("Eastside", True)])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: next(answers))
    assert window.open_database(url)
    assert window.windowTitle() == "Beatwalk — Westside"
    window.switch_action.trigger()
    assert window.windowTitle() == "Beatwalk — Eastside" and window.session.district.name == "Eastside"
    assert AppSettings().last_district(window.db.url) == "Eastside"


def test_renaming_the_district_on_the_walk_rules_page_renames_the_window(window, tmp_path):
    url = westside_department(tmp_path / "department.sqlite3")
    assert window.open_database(url)
    page = window.show_page("Walk rules")
    page.district_name.setText("West End")
    assert page.save()
    assert window.windowTitle() == "Beatwalk — West End"
    assert window.settings.last_district(url) == "West End"
    window.session.undo_stack.undo()
    assert window.windowTitle() == "Beatwalk — Westside"


def test_walk_rules_not_saved_are_saved_discarded_or_kept_before_the_page_is_left(
    window, tmp_path, monkeypatch
):
    url = westside_department(tmp_path / "department.sqlite3")
    assert window.open_database(url)
    page = window.show_page("Walk rules")
    answers: list[QMessageBox.StandardButton] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    page.max_walking.setValue(4)
    answers.append(QMessageBox.StandardButton.Cancel)
    window.show_page("People")  # the captain goes on editing
    assert window.stack.currentWidget() is page and window.navigation.currentItem().text() == "Walk rules"
    assert page.max_walking.value() == 4 and page.save_button.isEnabled()
    answers.append(QMessageBox.StandardButton.Save)
    window.show_page("People")
    assert window.stack.currentWidget() is window.pages["People"]
    assert actions.district_settings(window.db, district=window.session.district).max_walking_per_squad == 4
    window.show_page("Walk rules")
    page.max_walking.setValue(1)
    answers.append(QMessageBox.StandardButton.Discard)
    window.close()
    assert answers == [] and page.max_walking.value() == 4  # nothing asked is left, nothing saved


def test_pages_are_made_when_first_shown_and_the_opened_district_is_kept_out_of_the_collector(
    window, tmp_path
):
    url = westside_department(tmp_path / "department.sqlite3")
    assert window.open_database(url)
    assert window.titles == [title for title, _ in PAGES] and list(window.pages) == ["Neighborhood"]
    assert gc.get_freeze_count() > 0  # collected once, then frozen: no long full collection later
    reports = window.show_page("Reports")
    assert isinstance(reports, ReportsPage) and window.stack.currentWidget() is reports
    assert list(window.pages) == ["Neighborhood", "Reports"] and window.page("Reports") is reports
