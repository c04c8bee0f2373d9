"""The Walk rules page: an edit saved, undone and redone (checked in the database), a refused
value, and the guide's defaults restored as one undoable step."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime

from desktop.pages.walk_rules import WalkRulesPage
from scheduler import actions
from tests.desktop.conftest import screenshot


def stored(session):
    return actions.district_settings(session.db, district=session.district)


def test_a_settings_edit_is_saved_undone_and_redone(session, qtbot):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    before = stored(session)
    assert not page.save_button.isEnabled()
    page.walk_start.setTime(QTime(10, 0))
    page.holiday_date.setDate(QDate(2026, 12, 24))
    page.add_holiday.click()
    captain = [w.key for w in before.walk_types].index("captain")
    page.type_list.setCurrentRow(captain)
    page.minimum.setValue(2)
    page.role_spins[0].setValue(2)
    assert page.save_button.isEnabled()
    screenshot(page, "walk-rules")
    page.save_button.click()
    after = stored(session)
    assert after.walk_start == time(10, 0) and date(2026, 12, 24) in after.holidays
    assert after.walk_type("captain").minimum == 2 and after.walk_type("captain").roles[1].count == 2
    assert not page.save_button.isEnabled()
    session.undo_stack.undo()
    assert stored(session) == before and page.walk_start.time() == QTime(9, 0)
    session.undo_stack.redo()
    assert stored(session) == after


def test_walk_hours_that_end_before_they_start_are_refused(session, qtbot, dialogs):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    before = stored(session)
    page.walk_end.setTime(QTime(8, 0))
    assert not page.save()
    assert dialogs == ["Walk hours: walks must start before the walk hours end. Nothing was saved."]
    assert stored(session) == before and session.undo_stack.count() == 0


def test_the_guides_defaults_are_restored_in_one_undoable_step(session, qtbot):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    page.max_walking.setValue(5)
    page.save()
    changed = stored(session)
    page.defaults_button.click()
    assert stored(session) == actions.guide_defaults(changed)
    assert page.max_walking.value() == 2
    session.undo_stack.undo()
    assert stored(session) == changed


def test_the_agency_is_edited_saved_and_undone(session, qtbot):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    assert page.agency.text() == "" and page.agency.accessibleName() == "Agency"
    page.agency.setText("  Eastside Police Department ")
    assert page.save_button.isEnabled()
    page.save_button.click()
    assert stored(session).agency == "Eastside Police Department"
    session.undo_stack.undo()
    assert stored(session).agency == "" and page.agency.text() == ""


def test_the_district_is_renamed_and_moved_to_another_time_zone_undoably(session, qtbot, dialogs):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    assert page.district_name.text() == "Eastside District"
    assert page.timezone.currentText() == "America/New_York"
    page.timezone.setCurrentText("Mars/Base")
    assert not page.save()
    assert dialogs and dialogs[0].startswith("Time zone: ") and "'timezone'" not in dialogs[0]
    assert stored(session).timezone == "America/New_York"
    page.district_name.setText("Eastside & Harbor District")
    page.timezone.setCurrentText("America/Chicago")
    screenshot(page, "walk-rules-district")
    with qtbot.waitSignal(session.changed):
        page.save_button.click()
    assert session.district.name == "Eastside & Harbor District"
    assert stored(session).name == "Eastside & Harbor District"
    assert stored(session).timezone == "America/Chicago"
    assert actions.find_district(session.db, name="Eastside & Harbor District") == session.district
    session.undo_stack.undo()
    assert session.district.name == "Eastside District" and stored(session).timezone == "America/New_York"
    assert page.district_name.text() == "Eastside District"


def test_remove_holiday_is_offered_only_for_a_picked_holiday(session, qtbot):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    assert page.holiday_list.count() == 0 and not page.remove_holiday.isEnabled()
    page.holiday_date.setDate(QDate(2026, 12, 24))
    page.add_holiday.click()
    assert not page.remove_holiday.isEnabled()  # added, but not picked yet
    assert not page.add_holiday.isEnabled()  # a holiday already
    page.holiday_date.setDate(QDate(2026, 12, 25))
    assert page.add_holiday.isEnabled()
    page.holiday_list.setCurrentRow(0)
    assert page.remove_holiday.isEnabled()
    page.remove_holiday.click()
    assert page.holiday_list.count() == 0 and not page.remove_holiday.isEnabled()
    assert page.minutes.accessibleName() == "Duration"
