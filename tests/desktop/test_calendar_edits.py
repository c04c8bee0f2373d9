"""Edits on the Calendar page: each is shown at once and saved on a worker, in order, undone and
redone through the session's undo stack (checked against the database once saved); what it breaks
is shown once it is saved; a refused save shows the stored plan again and leaves no undo step."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.calendar import prompts
from desktop.pages.calendar import CalendarPage
from scheduler import actions
from tests.desktop.conftest import dark_palette, screenshot, shown_calendar_page, wait_saved


@pytest.fixture
def page(session, qtbot) -> CalendarPage:
    return shown_calendar_page(session, qtbot)


def saved(session):
    return actions.stored_plan(session.db, district=session.district, month=session.month)


def saved_walk(session, walk_id):
    return next((w for w in saved(session).plan.walks if w.id == walk_id), None)


def undo_redo(page, qtbot, check_before, check_after):
    """Undo puts the database back as before the edit, redo as after it."""
    stack = page.session.undo_stack
    wait_saved(page, qtbot)
    check_after()
    stack.undo()
    wait_saved(page, qtbot)
    check_before()
    stack.redo()
    wait_saved(page, qtbot)
    check_after()


def test_moving_a_walk_and_undoing_it(page, session, qtbot):
    walk = saved(session).plan.walks[0]
    later = walk.start + timedelta(days=1)
    assert page.edits.move_walk(walk.id, later)
    assert session.undo_stack.undoText() == "Move walk"
    undo_redo(
        page,
        qtbot,
        lambda: saved_walk(session, walk.id).start == walk.start or pytest.fail("not undone"),
        lambda: saved_walk(session, walk.id).start == later or pytest.fail("not moved"),
    )


def test_dragging_a_walk_to_another_day_moves_it(page, session, qtbot):
    view = page.month_view
    rect, walk = next((r, w) for r, w in view.chips if w.start.weekday() < 4)
    start = rect.center().toPoint()
    target = start + QPoint(round(view.cell(1, 1).width()), 0)  # the next day's cell
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(10, 0))
    qtbot.mouseMove(view, target)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=target)
    wait_saved(page, qtbot)
    moved = saved_walk(session, walk.id)
    assert moved.start.date() == walk.start.date() + timedelta(days=1)
    assert moved.start.time() == walk.start.time()


def test_the_keyboard_moves_the_selected_walk_a_day(page, session, qtbot):
    walk = saved(session).plan.walks[0]
    page.selection.select(walk.id)
    page.month_view.setFocus()
    qtbot.keyClick(page.month_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wait_saved(page, qtbot)
    assert saved_walk(session, walk.id).start == walk.start + timedelta(days=1)


def test_people_edits_and_their_undo(page, session, qtbot):
    plan = saved(session).plan
    walk = next(w for w in plan.walks if len(w.participants) >= 2)
    other = walk.participants[1]
    newcomer = next(p.id for p in page.state.problem.people if p.id not in walk.participants)

    assert page.edits.add_person(walk.id, newcomer)
    undo_redo(
        page,
        qtbot,
        lambda: saved_walk(session, walk.id).participants == walk.participants or pytest.fail(),
        lambda: saved_walk(session, walk.id).participants == (*walk.participants, newcomer) or pytest.fail(),
    )
    assert page.edits.set_coordinator(walk.id, other)
    undo_redo(
        page,
        qtbot,
        lambda: saved_walk(session, walk.id).coordinator == walk.coordinator or pytest.fail(),
        lambda: saved_walk(session, walk.id).coordinator == other or pytest.fail(),
    )
    assert page.edits.remove_person(walk.id, newcomer)
    undo_redo(
        page,
        qtbot,
        lambda: newcomer in saved_walk(session, walk.id).participants or pytest.fail(),
        lambda: newcomer not in saved_walk(session, walk.id).participants or pytest.fail(),
    )
    session.undo_stack.undo()  # three undos in quick succession: saved one after the other
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert page.state.walk(walk.id).participants == walk.participants  # shown at once
    wait_saved(page, qtbot)
    assert saved_walk(session, walk.id).participants == walk.participants


def test_locking_adding_and_deleting_walks_with_undo(page, session, qtbot):
    walk = saved(session).plan.walks[0]
    page.selection.select(walk.id)
    assert page.edits.set_locked(walk.id, True)
    assert page.details.locked.text().startswith("yes") and page.details.lock_button.text() == "Un&lock"
    undo_redo(
        page,
        qtbot,
        lambda: not saved_walk(session, walk.id).locked or pytest.fail(),
        lambda: saved_walk(session, walk.id).locked or pytest.fail(),
    )

    assert page.edits.delete_walk(walk.id)
    undo_redo(
        page,
        qtbot,
        lambda: saved_walk(session, walk.id) is not None or pytest.fail(),
        lambda: saved_walk(session, walk.id) is None or pytest.fail(),
    )

    zone = page.state.zone
    start = datetime.combine(walk.start.date(), time(15, 0), zone)
    people = walk.participants
    count = len(saved(session).plan.walks)
    assert page.edits.add_walk(walk.type, start, people)
    added = page.selection.walk_id
    assert added is not None and added.startswith("h")
    undo_redo(
        page,
        qtbot,
        lambda: len(saved(session).plan.walks) == count or pytest.fail(),
        lambda: saved_walk(session, added).locked or pytest.fail(),
    )


def test_an_edit_that_breaks_a_rule_is_marked_once_saved(page, session, qtbot):
    walk = saved(session).plan.walks[0]
    night = datetime.combine(walk.start.date(), time(23, 0), page.state.zone)
    page.selection.select(walk.id)
    assert page.edits.move_walk(walk.id, night)
    wait_saved(page, qtbot)
    broken = [v for v in page.state.violations if v.walk == walk.id]
    assert any(v.rule == "walk_hours" for v in broken)
    assert "Problem:" in page.details.problems.text()
    problems = [page.summary.problems.item(n).text() for n in range(page.summary.problems.count())]
    assert any(walk.id in text for text in problems)
    assert page.walks.index(page.walks.row_of(walk.id), 7).data().endswith(("problem", "problems"))
    page.open_week(night.date())
    assert walk.id in page.week_view.flagged() and walk.id in {w.id for _, w in page.week_view.chips}
    assert page.week_view.accessibleDescription().endswith("breaks a rule")
    screenshot(page, "calendar-violation")
    session.undo_stack.undo()
    wait_saved(page, qtbot)
    assert not any(v.walk == walk.id for v in page.state.violations)


def test_a_refused_edit_is_explained_and_changes_nothing(page, session, monkeypatch):
    told = []
    monkeypatch.setattr(prompts, "tell", lambda parent, title, text: told.append(text))
    walk = saved(session).plan.walks[0]
    before = saved(session)
    assert not page.edits.add_person(walk.id, walk.coordinator)  # already on it
    assert told and "already on walk" in told[0]
    assert saved(session) == before and session.undo_stack.count() == 0


def colleague_locks(session, walk_id):
    """Chen saves the plan (a walk locked) from another computer."""
    stored = saved(session)
    problem, _ = actions.month_problem(session.db, district=session.district, month=session.month)
    theirs = actions.set_locked(problem, stored.plan, walk_id=walk_id, locked=True).plan
    actions.save_plan(session.db, district=session.district, plan=theirs, version=stored.version, user="chen")


def test_an_edit_is_shown_at_once_and_saved_on_a_worker(page, session, qtbot):
    before = saved(session)
    walk = before.plan.walks[0]
    later = walk.start + timedelta(days=1)
    page.selection.select(walk.id)
    assert page.edits.move_walk(walk.id, later)
    assert page.state.saving and page.planning_bar.status.text() == "Saving…"
    assert page.state.walk(walk.id).start == later and walk.id in {w.id for _, w in page.month_view.chips}
    assert session.undo_stack.undoText() == "Move walk"
    wait_saved(page, qtbot)
    assert saved(session).version == before.version + 1 and saved_walk(session, walk.id).start == later
    assert page.state.version == before.version + 1 and page.planning_bar.status.text() == "Saved."
    screenshot(page, "calendar-edit-saved")


def test_edits_in_quick_succession_are_saved_in_order(page, session, qtbot):
    before = saved(session)
    walk = before.plan.walks[0]
    assert page.edits.move_walk(walk.id, walk.start + timedelta(days=1))
    assert page.edits.move_walk(walk.id, walk.start + timedelta(days=2))  # before the first is saved
    assert page.edits.set_locked(walk.id, True)
    assert page.state.walk(walk.id).start == walk.start + timedelta(days=2)
    wait_saved(page, qtbot)
    after = saved(session)
    assert after.version == before.version + 3  # each save from the version the one before returned
    assert saved_walk(session, walk.id).start == walk.start + timedelta(days=2)
    assert saved_walk(session, walk.id).locked and session.undo_stack.count() == 3
    session.undo_stack.undo()
    session.undo_stack.undo()  # undone before the first undo is saved
    wait_saved(page, qtbot)
    assert saved_walk(session, walk.id).start == walk.start + timedelta(days=1)
    assert not saved_walk(session, walk.id).locked and saved(session).version == before.version + 5


def test_a_colleagues_save_first_offers_to_reload(page, session, monkeypatch, qtbot):
    asked = []
    monkeypatch.setattr(prompts, "ask", lambda parent, title, text: asked.append(text) or True)
    walk = saved(session).plan.walks[0]
    colleague_locks(session, walk.id)

    assert page.edits.move_walk(walk.id, walk.start + timedelta(days=1))  # shown, then refused
    qtbot.waitUntil(lambda: bool(asked))
    assert "Reload" in asked[0]
    assert saved(session).saved_by == "chen" and saved_walk(session, walk.id).start == walk.start
    assert page.state.version == saved(session).version and page.state.walk(walk.id).locked  # reloaded
    assert session.undo_stack.count() == 0
    assert page.edits.move_walk(walk.id, walk.start + timedelta(days=1))  # the next edit is saved
    wait_saved(page, qtbot)
    assert saved_walk(session, walk.id).start == walk.start + timedelta(days=1)


def test_a_refused_save_rolls_back_its_steps_and_shows_the_stored_plan(page, session, monkeypatch, qtbot):
    asked = []
    monkeypatch.setattr(prompts, "ask", lambda parent, title, text: asked.append(text) and False)
    plan = saved(session).plan
    first, second = plan.walks[0], plan.walks[1]
    assert page.edits.set_locked(first.id, True)
    wait_saved(page, qtbot)
    stored = saved(session)
    colleague_locks(session, second.id)

    assert page.edits.move_walk(first.id, first.start + timedelta(days=1))
    assert page.edits.delete_walk(second.id)  # queued behind the save that will be refused
    assert session.undo_stack.count() == 3
    qtbot.waitUntil(lambda: bool(asked))
    wait_saved(page, qtbot)  # reload declined: the page shows the plan as it last saved it
    assert page.state.plan == stored.plan and page.state.version == stored.version
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "Lock walk"
    assert page.planning_bar.status.text().startswith("Not saved")
    assert saved(session).saved_by == "chen" and saved_walk(session, second.id) is not None


def test_a_failed_save_is_explained(page, session, monkeypatch, qtbot):
    from desktop.calendar import plan_state
    from scheduler.actions import StoreError

    told = []
    monkeypatch.setattr(prompts, "tell", lambda parent, title, text: told.append(text))

    def unreachable(*args, **kwargs):
        raise StoreError("the database cannot be reached")

    monkeypatch.setattr(plan_state, "keep_plan", unreachable)
    before = saved(session)
    walk = before.plan.walks[0]
    assert page.edits.set_locked(walk.id, True)
    qtbot.waitUntil(lambda: bool(told))
    assert "cannot be reached" in told[0] and session.undo_stack.count() == 0
    assert page.state.plan == before.plan and not page.state.walk(walk.id).locked


def test_the_edit_dialogs_give_the_districts_wall_clock_time(page, session, qtbot):
    from desktop.calendar.dialogs import AddWalkDialog, MoveDialog, PersonDialog

    zone = page.state.zone
    walk = saved(session).plan.walks[0]
    move = MoveDialog(walk.start, zone, page)
    qtbot.addWidget(move)
    assert move.chosen() == walk.start.astimezone(zone).replace(second=0, microsecond=0)
    assert move.chosen().tzinfo == zone

    people = page.state.problem.people
    person = PersonDialog(people, page)
    qtbot.addWidget(person)
    person.person.setCurrentIndex(person.person.findData(people[1].id))
    assert person.chosen() == people[1].id

    add = AddWalkDialog(page.state.problem.district.walk_types, people, walk.start, zone, page)
    qtbot.addWidget(add)
    add.coordinator.setCurrentIndex(add.coordinator.findData(people[0].id))
    add.others.item(1).setSelected(True)
    walk_type, start, crew = add.chosen()
    assert walk_type == page.state.problem.district.walk_types[0].key
    assert (start == move.chosen() and crew[0] == people[0].id and len(crew) == 2) or crew == (people[0].id,)


def test_undo_refused_by_a_colleagues_save_offers_to_reload(page, session, monkeypatch, qtbot):
    monkeypatch.setattr(prompts, "ask", lambda parent, title, text: True)
    walk = saved(session).plan.walks[0]
    assert page.edits.set_locked(walk.id, True)
    wait_saved(page, qtbot)
    stored = saved(session)
    actions.save_plan(
        session.db, district=session.district, plan=stored.plan, version=stored.version, user="chen"
    )
    session.undo_stack.undo()
    qtbot.waitUntil(lambda: page.state.version == saved(session).version)  # refused, then reloaded
    assert saved(session).saved_by == "chen" and saved_walk(session, walk.id).locked  # nothing overwritten
    assert session.undo_stack.count() == 0


def test_another_pages_change_reloads_the_calendar(page, session):
    stored = saved(session)
    problem, _ = actions.month_problem(session.db, district=session.district, month=session.month)
    walk = stored.plan.walks[0]
    theirs = actions.delete_walk(problem, stored.plan, walk_id=walk.id).plan
    actions.save_plan(session.db, district=session.district, plan=theirs, version=stored.version, user="chen")
    session.notify("incidents")
    assert page.state.walk(walk.id) is None and page.walks.rowCount() == len(theirs.walks)


def test_the_calendar_follows_a_dark_palette(page, qtbot):
    page.setPalette(dark_palette())
    image = page.month_view.grab().toImage()
    rect, _ = page.month_view.chips[0]
    inside = image.pixelColor(rect.center().toPoint() + QPoint(round(rect.width() / 2) - 3, 0))
    assert inside.lightness() < 128  # a dark chip, for light text
    screenshot(page, "calendar-dark")


def test_closing_the_page_saves_the_edits_still_queued(page, session):
    walk = saved(session).plan.walks[0]
    assert page.edits.move_walk(walk.id, walk.start + timedelta(days=1))
    assert page.edits.set_locked(walk.id, True)
    page.close()  # as the window does when it closes or opens another district
    assert not page.state.saving
    assert (
        saved_walk(session, walk.id).start == walk.start + timedelta(days=1)
        and saved_walk(session, walk.id).locked
    )


def test_a_refused_undo_drops_its_step(page, session, monkeypatch, qtbot):
    monkeypatch.setattr(prompts, "ask", lambda parent, title, text: False)  # no reload
    plan = saved(session).plan
    walk = plan.walks[0]
    assert page.edits.set_locked(walk.id, True)
    wait_saved(page, qtbot)
    colleague_locks(session, plan.walks[1].id)
    session.undo_stack.undo()
    assert not page.state.walk(walk.id).locked  # shown at once
    wait_saved(page, qtbot)
    assert page.state.walk(walk.id).locked and session.undo_stack.count() == 0  # refused: as we saved it
    assert saved(session).saved_by == "chen"
