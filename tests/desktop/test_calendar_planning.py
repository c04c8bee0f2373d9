"""Build plan and the what-if Re-plan on the Calendar page: the solver runs in a worker, Cancel
keeps the best plan found, a re-plan is applied (one undoable step) or discarded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from desktop.pages.calendar import CalendarPage
from scheduler import actions
from scheduler.actions import SolveRequest
from tests.desktop.conftest import screenshot, shown_calendar_page, wait_saved

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
    qtbot.waitUntil(lambda: not page.planning_bar.planning, timeout=60_000)


@pytest.mark.slow
def test_build_plan_solves_in_a_worker_and_keeps_a_valid_plan(page, session, qtbot):
    before = saved(session)
    bar = page.planning_bar
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(bar.progress.format()))
    timer.start(20)
    bar.build_button.click()
    assert bar.planning and bar.cancel_button.isEnabled() and not bar.build_button.isEnabled()
    assert not page.add_walk_button.isEnabled()
    screenshot(page, "calendar-planning")
    wait_planned(page, qtbot)
    timer.stop()
    assert len(ticks) > 1  # the event loop kept running while the solver worked
    after = saved(session)
    assert after.version == before.version + 1 and valid(session, after.plan)
    assert page.state.plan == after.plan and session.undo_stack.undoText() == "Build plan"
    assert page.add_walk_button.isEnabled()
    session.undo_stack.undo()
    wait_saved(page, qtbot)
    assert saved(session).plan.walks == before.plan.walks


def test_cancel_stops_the_search_and_keeps_the_best_plan_found(page, session, qtbot):
    before = saved(session)
    bar = page.planning_bar
    bar.build_button.click()
    bar.cancel_button.click()
    assert bar.status.text().startswith("Stopping")
    wait_planned(page, qtbot)
    after = saved(session)
    assert after.version == before.version + 1 and valid(session, after.plan)
    assert "stopped" in bar.status.text()
    assert bar.build_button.isEnabled() and not bar.cancel_button.isEnabled()


def replan(page, qtbot):
    page.planning_bar.replan_button.click()
    wait_planned(page, qtbot)
    bar = page.planning_bar
    qtbot.waitUntil(lambda: bar.replan_dialog is not None and bar.replan_dialog.isVisible())
    return bar.replan_dialog


def change_the_month(page, session, qtbot):
    """Delete a walk, so that a re-plan has something to put back."""
    walk = next(w for w in saved(session).plan.walks if w.type == "officer")
    assert page.edits.delete_walk(walk.id)
    wait_saved(page, qtbot)
    return walk


def test_a_discarded_replan_changes_nothing(page, session, qtbot):
    change_the_month(page, session, qtbot)
    before = saved(session)
    dialog = replan(page, qtbot)
    sections = [dialog.tree.topLevelItem(n).text(0) for n in range(dialog.tree.topLevelItemCount())]
    assert "Walks added (1)" in sections and "Shortfalls lost (1)" in sections
    screenshot(dialog, "calendar-replan")
    dialog.discard_button.click()
    assert saved(session) == before and page.planning_bar.status.text().startswith("Re-plan discarded")
    assert session.undo_stack.undoText() == "Delete walk"


def test_an_applied_replan_is_one_undoable_step(page, session, qtbot):
    change_the_month(page, session, qtbot)
    before = saved(session)
    dialog = replan(page, qtbot)
    dialog.apply_button.click()
    assert page.state.plan.walks != before.plan.walks  # shown at once, saved on a worker
    wait_saved(page, qtbot)
    after = saved(session)
    assert after.version == before.version + 1 and after.plan.walks != before.plan.walks
    assert valid(session, after.plan) and session.undo_stack.undoText() == "Re-plan"
    session.undo_stack.undo()
    wait_saved(page, qtbot)
    assert saved(session).plan.walks == before.plan.walks
    session.undo_stack.redo()
    wait_saved(page, qtbot)
    assert saved(session).plan.walks == after.plan.walks


@pytest.mark.slow
def test_build_plan_right_after_an_edit_plans_from_the_edited_plan(page, session, qtbot):
    walk = saved(session).plan.walks[0]
    assert page.edits.set_locked(walk.id, True)
    page.planning_bar.build_button.click()  # the lock is saved first, then the search starts from it
    wait_planned(page, qtbot)
    assert session.undo_stack.undoText() == "Build plan" and saved(session).saved_by == session.user
    kept = next(w for w in saved(session).plan.walks if w.id == walk.id)
    assert kept.locked and kept.start == walk.start
