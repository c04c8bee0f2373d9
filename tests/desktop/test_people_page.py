"""The People page: filters, a person edit with undo and redo (checked in the database), and a
roster import that shows its mistakes before anything is saved."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.pages.people import PEOPLE_COLUMNS, PeoplePage, PersonDialog
from desktop.roster_import import RosterPreviewDialog, import_roster_interactively
from scheduler import actions
from scheduler.actions import Rank
from tests.desktop.conftest import answer_preview, screenshot


def stored(session, person_id):
    people = actions.district_people(session.db, district=session.district, active_only=False)
    return next(person for person in people if person.id == person_id)


def test_people_are_filtered_by_rank_unit_responsible_and_text(session, qtbot):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    total = page.proxy.rowCount()
    assert total == page.model.rowCount() > 0
    page.rank.setCurrentIndex(list(Rank).index(Rank.SERGEANT) + 1)
    sergeants = page.proxy.rowCount()
    assert 0 < sergeants < total
    page.responsible.setCurrentIndex(1)
    assert 0 < page.proxy.rowCount() <= sergeants
    page.rank.setCurrentIndex(0)
    page.responsible.setCurrentIndex(0)
    first = page.model.record(0).person
    page.search.setText(first.name)
    assert page.proxy.rowCount() >= 1 and f"of {total} people" in page.count.text()
    page.search.clear()
    screenshot(page, "people")


def test_a_person_edit_is_saved_and_undone_and_redone(session, qtbot):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    old = page.model.record(0).person
    dialog = PersonDialog(old)
    qtbot.addWidget(dialog)
    dialog.fields["shift_start"].setText("25:00")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem.text().startswith("⚠ Shift starts: '25:00' is not a time of day")
    dialog.fields["shift_start"].setText("06:30")
    dialog.fields["leave"].setText("2026-12-21/2026-12-24")
    dialog.engagement.setCurrentIndex(1)
    dialog.accept()
    assert dialog.edited is not None
    screenshot(dialog, "people-edit")
    with qtbot.waitSignal(session.changed):
        assert page.save_person(old, dialog.edited)
    assert stored(session, old.id).shift_start == time(6, 30)
    assert page.model.record(0).person == dialog.edited
    session.undo_stack.undo()
    assert stored(session, old.id) == old
    session.undo_stack.redo()
    assert stored(session, old.id) == dialog.edited


def test_a_roster_with_mistakes_is_shown_row_by_row_and_nothing_is_imported(session, qtbot, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,rank,unit\nx1,Ann Lee,general,patrol\nx2,,officer,patrol\n", encoding="utf-8")
    before = actions.district_people(session.db, district=session.district)
    preview = actions.preview_roster(session.db, district=session.district, path=roster)
    dialog = RosterPreviewDialog(roster, preview)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled() and "2 mistakes" in dialog.summary.text()
    assert dialog.table.model().rowCount() == 2
    screenshot(dialog, "people-import-mistakes")
    page = PeoplePage(session)
    qtbot.addWidget(page)

    answered = answer_preview(page, RosterPreviewDialog.reject)
    page.import_roster(roster)  # read on a worker: the button waits meanwhile
    assert not page.import_button.isEnabled() and page.import_status.text() == "Reading the roster…"
    qtbot.waitUntil(page.import_button.isEnabled, timeout=10_000)
    assert answered and page.import_status.text() == ""
    assert actions.district_people(session.db, district=session.district) == before


def test_a_roster_is_imported_on_a_worker_after_its_preview(session, qtbot, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,rank,unit\nx1,Ann Lee,officer,patrol\n", encoding="utf-8")
    page = PeoplePage(session)
    qtbot.addWidget(page)
    answered = answer_preview(page, lambda dialog: dialog.import_button.click())
    summaries = []
    import_roster_interactively(page, session, roster, summaries.append)
    qtbot.waitUntil(lambda: bool(summaries), timeout=10_000)
    assert answered and summaries[0] is not None and summaries[0].added == 1
    assert "x1" in {p.id for p in actions.district_people(session.db, district=session.district)}


def test_import_partners_replaces_the_list_and_a_bad_file_changes_nothing(session, qtbot, tmp_path, dialogs):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    assert page.partners_button.accessibleName() == "Import partners"
    good = tmp_path / "partners.csv"
    good.write_text(
        "name,organization,kind,email,phone\n"
        "Dana Ortiz,City Hall,city official,dana@city.example,555-0100\n"
        "Sam Lee,Family Services,social services,,555-0101\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(session.changed):
        assert page.import_partners(good)
    names = [partner.name for partner in actions.district_partners(session.db, district=session.district)]
    assert sorted(names) == ["Dana Ortiz", "Sam Lee"]
    assert page.partners.rowCount() == 2 and "2 new" in page.partners_status.text()
    screenshot(page, "people-partners")

    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nKim Park,kim-at-example\n", encoding="utf-8")
    assert not page.import_partners(bad)
    assert dialogs and "email" in dialogs[0]
    assert page.partners.rowCount() == 2


def test_edit_person_is_offered_only_for_a_selected_person(session, qtbot, monkeypatch):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    assert not page.edit_button.isEnabled()  # nothing selected: the button could do nothing
    page.table.selectRow(0)
    assert page.edit_button.isEnabled()
    opened = []
    monkeypatch.setattr(PersonDialog, "exec", lambda dialog: opened.append(dialog.person) or 0)
    page.edit_button.click()
    first = page.model.record(page.proxy.mapToSource(page.proxy.index(0, 0)).row()).person
    assert opened == [first]
    page.table.setCurrentIndex(page.proxy.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the keyboard's way to the same form
    assert opened == [first, first]
    page.show()
    cell = page.table.visualRect(page.proxy.index(0, 1)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # and the mouse's
    assert opened == [first, first, first]
    page.search.setText("nobody is called this")  # the selected person is filtered away
    assert page.proxy.rowCount() == 0 and not page.edit_button.isEnabled()


def test_a_district_without_people_says_how_to_get_them(session, qtbot):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    page.model.set_records([])
    assert page.count.text() == "No people yet: Import roster… reads the district's roster CSV."
    assert not page.edit_button.isEnabled()


def test_sorting_by_rank_follows_the_chain_of_command_not_the_alphabet(session, qtbot):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    rank_column = [column.header for column in PEOPLE_COLUMNS].index("Rank")
    page.table.sortByColumn(rank_column, Qt.SortOrder.AscendingOrder)
    ranks = [page.proxy.index(row, rank_column).data() for row in range(page.proxy.rowCount())]
    order = [rank.value for rank in Rank]
    assert ranks == sorted(ranks, key=order.index) and ranks != sorted(ranks)


def test_the_preview_says_who_would_become_inactive_only_when_someone_would(session, qtbot, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,rank,unit\nx1,Ann Lee,officer,patrol\n", encoding="utf-8")
    active = len(actions.district_people(session.db, district=session.district))
    preview = actions.preview_roster(session.db, district=session.district, path=roster)
    dialog = RosterPreviewDialog(roster, preview)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == (
        f"1 person in the file: 1 new, 0 changed, 0 unchanged; {active} people missing from the file "
        "will be marked inactive (never deleted)."
    )
    actions.import_roster(session.db, district=session.district, path=roster, deactivate_most=True)
    again = RosterPreviewDialog(
        roster, actions.preview_roster(session.db, district=session.district, path=roster)
    )
    qtbot.addWidget(again)
    assert again.summary.text().endswith("1 unchanged; everyone on the roster now is in the file.")


def test_every_column_fits_a_1200_pixel_window_without_a_horizontal_scrollbar(session, qtbot):
    entry = actions.roster_entries(session.db, district=session.district)[0]
    long_leave = actions.edited_person(entry.person, {"leave": "2027-01-17/2027-01-21;2027-02-01/2027-02-05"})
    actions.update_person(
        session.db, district=session.district, person=long_leave, expected_version=entry.version, user="a"
    )
    page = PeoplePage(session)
    qtbot.addWidget(page)
    page.resize(1000, 700)  # the page's part of a 1200-pixel window, beside the page list
    page.show()
    qtbot.waitExposed(page)
    table, last = page.table, len(PEOPLE_COLUMNS) - 1
    assert not table.horizontalScrollBar().isVisible()
    assert table.columnViewportPosition(last) + table.columnWidth(last) <= table.viewport().width()
    assert table.columnWidth(last) >= table.horizontalHeader().sectionSizeHint(last)  # "Active" whole
    screenshot(page, "people-1200")
