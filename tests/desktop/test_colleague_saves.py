"""A colleague saved first, on the People and Walk rules pages: the colleague saves through the
actions, then the page's edit (or its undo) is refused, the reload dialog says who and when, the
page shows the colleague's values, and the undo steps made on the stale values are gone."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from PySide6.QtWidgets import QMessageBox

from desktop.pages.people import PeoplePage
from desktop.pages.walk_rules import WalkRulesPage
from scheduler import actions

RELOAD = "Your change was not saved. The people are reloaded as they are saved now"


def colleague_edits_person(session, person_id: str, changes: dict[str, str]):
    """Okafor, at another desk, saves the person from what is stored now."""
    entry = next(
        e for e in actions.roster_entries(session.db, district=session.district) if e.person.id == person_id
    )
    edited = actions.edited_person(entry.person, changes)
    actions.update_person(
        session.db, district=session.district, person=edited, expected_version=entry.version, user="okafor"
    )
    return edited


def shown(page: PeoplePage, person_id: str):
    return next(
        page.model.record(row)
        for row in range(page.model.rowCount())
        if page.model.record(row).person.id == person_id
    )


def test_a_person_edit_after_a_colleagues_save_offers_to_reload_and_shows_theirs(session, qtbot, dialogs):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    old = page.model.record(0).person
    theirs = colleague_edits_person(session, old.id, {"shift_start": "06:00"})

    mine = actions.edited_person(old, {"shift_hours": "12"})
    assert not page.save_person(old, mine)
    assert len(dialogs) == 1
    assert dialogs[0].startswith(f"{old.name}'s record was changed by okafor at 2026-")
    assert RELOAD in dialogs[0]
    assert shown(page, old.id).person == theirs  # reloaded: the colleague's shift start is shown
    assert actions.district_people(session.db, district=session.district)[0] == theirs
    assert session.undo_stack.count() == 0

    # an edit of what is shown now is saved
    assert page.save_person(theirs, actions.edited_person(theirs, {"shift_hours": "12"}))
    assert shown(page, old.id).person.shift_start == time(6, 0)
    assert shown(page, old.id).person.shift_hours == 12.0


def test_undo_of_a_person_edit_that_a_colleague_saved_over_is_refused(session, qtbot, dialogs):
    page = PeoplePage(session)
    qtbot.addWidget(page)
    old = page.model.record(0).person
    mine = actions.edited_person(old, {"shift_hours": "6"})
    second = actions.edited_person(mine, {"engagement": "natural"})
    assert page.save_person(old, mine) and page.save_person(mine, second)  # two steps on one person
    session.undo_stack.undo()  # the page's own saves follow each other: no conflict
    assert shown(page, old.id).person == mine and not dialogs

    theirs = colleague_edits_person(session, old.id, {"leave": "2026-12-21/2026-12-24"})
    session.undo_stack.undo()  # would put back `old` over the colleague's leave
    qtbot.waitUntil(lambda: bool(dialogs))
    assert dialogs[0].startswith(f"{old.name}'s record was changed by okafor at ") and RELOAD in dialogs[0]
    assert actions.district_people(session.db, district=session.district)[0] == theirs
    assert shown(page, old.id).person == theirs
    assert session.undo_stack.count() == 0


def test_walk_rules_saved_after_a_colleagues_save_offer_to_reload_and_show_theirs(
    session, qtbot, monkeypatch
):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    stored = actions.walk_rules(session.db, district=session.district)
    actions.update_settings(
        session.db,
        district=session.district,
        settings=replace(stored.value, max_walking_per_squad=3),
        expected_version=stored.version,
        user="okafor",
    )
    boxes: list[QMessageBox] = []

    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    page.agency.setText("Eastside Police Department")
    assert not page.save()
    (box,) = boxes
    assert box.windowTitle() == "Someone else saved the walk rules"
    assert [button.text() for button in box.buttons()] == ["Reload"]
    assert box.text().startswith(f"the walk rules of {session.district.name} were changed by okafor at ")
    assert page.max_walking.value() == 3 and page.agency.text() == stored.value.agency
    assert not page.save_button.isEnabled()  # what is shown is what is stored

    page.agency.setText("Eastside Police Department")  # saved on the colleague's version
    assert page.save()
    assert actions.walk_rules(session.db, district=session.district).value.max_walking_per_squad == 3


def test_undo_of_walk_rules_that_a_colleague_saved_over_is_refused(session, qtbot, dialogs):
    page = WalkRulesPage(session)
    qtbot.addWidget(page)
    page.max_walking.setValue(4)
    assert page.save()
    stored = actions.walk_rules(session.db, district=session.district)
    theirs = replace(stored.value, walk_call_type="foot patrol")
    actions.update_settings(
        session.db, district=session.district, settings=theirs, expected_version=stored.version, user="okafor"
    )
    session.undo_stack.undo()
    qtbot.waitUntil(lambda: bool(dialogs))
    assert "were changed by okafor at " in dialogs[0]
    assert actions.walk_rules(session.db, district=session.district).value == theirs
    assert page.call_type.text() == "foot patrol" and page.max_walking.value() == 4
    assert session.undo_stack.count() == 0
