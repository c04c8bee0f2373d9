"""Build plan and the what-if Re-plan on the Calendar page: the solver runs in a worker, Cancel
keeps the best plan found, a re-plan is applied (one undoable step) or discarded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from desktop.pages.calendar import CalendarPage
from scheduler import actions
from scheduler.actions import SolveRequest
from tests.desktop.conftest import screenshot, shown_calendar_page

# As the app plans: in a separate process, on a deterministic effort (the time limit is a guard only).
SOLVE = SolveRequest(effort=0.6, time_limit=30.0, apart=True)


@pytest.fixture
def page(session, qtbot) -> CalendarPage:
    return shown_calendar_page(session, qtbot, solve=SOLVE)


def saved(session):
    return actions.stored_plan(session.db, district=session.district, month=session.month)


def valid(session, plan) -> bool:
    problem, _ = actions.month_problem(session.db, district=session.district, month=session.month)
    return actions.check_plan(problem, plan).valid


def wait_planned(page, qtbot) -> None:
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)


@pytest.mark.slow
def test_build_plan_solves_in_a_worker_and_keeps_a_valid_plan(page, session, qtbot):
    before = saved(session)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(page.progress.format()))
    timer.start(20)
    page.build_button.click()
    assert page.planning and page.cancel_button.isEnabled() and not page.build_button.isEnabled()
    screenshot(page, "calendar-planning")
    wait_planned(page, qtbot)
    timer.stop()
    assert len(ticks) > 1  # the event loop kept running while the solver worked
    after = saved(session)
    assert after.version == before.version + 1 and valid(session, after.plan)
    assert page.state.plan == after.plan and session.undo_stack.undoText() == "Build plan"
    session.undo_stack.undo()
    assert saved(session).plan.walks == before.plan.walks


def test_cancel_stops_the_search_and_keeps_the_best_plan_found(page, session, qtbot):
    before = saved(session)
    page.build_button.click()
    page.cancel_button.click()
    assert page.status.text().startswith("Stopping")
    wait_planned(page, qtbot)
    after = saved(session)
    assert after.version == before.version + 1 and valid(session, after.plan)
    assert "stopped" in page.status.text()
    assert page.build_button.isEnabled() and not page.cancel_button.isEnabled()


def replan(page, qtbot):
    page.replan_button.click()
    wait_planned(page, qtbot)
    qtbot.waitUntil(lambda: page.replan_dialog is not None and page.replan_dialog.isVisible())
    return page.replan_dialog


def change_the_month(page, session):
    """Delete a walk, so that a re-plan has something to put back."""
    walk = next(w for w in saved(session).plan.walks if w.type == "officer")
    assert page.delete_walk(walk.id)
    return walk


def test_a_discarded_replan_changes_nothing(page, session, qtbot):
    change_the_month(page, session)
    before = saved(session)
    dialog = replan(page, qtbot)
    sections = [dialog.tree.topLevelItem(n).text(0) for n in range(dialog.tree.topLevelItemCount())]
    assert "Walks added (1)" in sections and "Shortfalls lost (1)" in sections
    screenshot(dialog, "calendar-replan")
    dialog.discard_button.click()
    assert saved(session) == before and page.status.text().startswith("Re-plan discarded")
    assert session.undo_stack.undoText() == "Delete walk"


def test_an_applied_replan_is_one_undoable_step(page, session, qtbot):
    change_the_month(page, session)
    before = saved(session)
    dialog = replan(page, qtbot)
    dialog.apply_button.click()
    after = saved(session)
    assert after.version == before.version + 1 and after.plan.walks != before.plan.walks
    assert valid(session, after.plan) and session.undo_stack.undoText() == "Re-plan"
    session.undo_stack.undo()
    assert saved(session).plan.walks == before.plan.walks
    session.undo_stack.redo()
    assert saved(session).plan.walks == after.plan.walks
