"""Two people editing one person, or one district's walk rules: each save names the version it was
made from, and a save made from a version someone saved over since is refused with who and when,
changing nothing. Imports overwrite on purpose and move the version on. Migration 0010 gives people
and districts stored before it version 1."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scheduler.domain.people import DateRange
from scheduler.formats.district_settings import default_district
from scheduler.store import (
    PersonConflict,
    SettingsConflict,
    add_holidays,
    import_roster,
    open_database,
    roster_entries,
    save_settings,
    stored_settings,
    update_district,
    update_person,
)
from scheduler.store.database import run_migrations
from scheduler.store.versions import Versioned
from tests.factories import small_roster
from tests.store.conftest import DISTRICT, _planned, sqlite_url


def entry(db, person_id: str):
    return next(entry for entry in roster_entries(db, DISTRICT) if entry.person.id == person_id)


def test_the_second_of_two_person_saves_from_the_same_version_is_refused_and_changes_nothing(planned_db):
    opened = entry(planned_db, "c1")
    theirs = replace(opened.person, shift_hours=10.0)
    mine = replace(opened.person, leave=(DateRange(date(2026, 12, 21), date(2026, 12, 24)),))

    version = update_person(planned_db, DISTRICT, theirs, opened.version, "okafor")
    assert version == opened.version + 1
    with pytest.raises(PersonConflict) as refused:
        update_person(planned_db, DISTRICT, mine, opened.version, "alvarez")
    message = str(refused.value)
    assert message.startswith(f"{opened.person.name}'s record was changed by okafor at ")
    assert message.endswith("since you opened it; reload to see their changes")
    assert (entry(planned_db, "c1").person, entry(planned_db, "c1").version) == (theirs, version)

    # from the version now stored, the same edit is saved; a leave-only change moves it on too
    assert (
        update_person(planned_db, DISTRICT, replace(theirs, leave=mine.leave), version, "alvarez")
        == version + 1
    )
    assert entry(planned_db, "c1").person.leave == mine.leave


def test_a_roster_import_moves_the_changed_peoples_versions_on_and_only_theirs(planned_db):
    before = {e.person.id: e.version for e in roster_entries(planned_db, DISTRICT)}
    people = [replace(p, shift_hours=9.0) if p.id == "c1" else p for p in small_roster()]
    import_roster(planned_db, DISTRICT, people, "roster.csv")  # `beatwalk import roster`: on purpose

    after = {e.person.id: e.version for e in roster_entries(planned_db, DISTRICT)}
    assert after["c1"] == before["c1"] + 1
    assert {k: v for k, v in after.items() if k != "c1"} == {k: v for k, v in before.items() if k != "c1"}
    with pytest.raises(PersonConflict, match="changed by someone else at "):
        update_person(planned_db, DISTRICT, small_roster()[0], before["c1"], "alvarez")
    assert entry(planned_db, "c1").person.shift_hours == 9.0


def test_the_second_of_two_settings_saves_from_the_same_version_is_refused_and_changes_nothing(district_db):
    opened = stored_settings(district_db, DISTRICT)
    theirs = replace(opened.value, max_walking_per_squad=3)
    saved = update_district(district_db, DISTRICT, theirs, opened.version, "okafor")
    assert saved.version == opened.version + 1 and saved.value.name == theirs.name

    with pytest.raises(SettingsConflict) as refused:
        update_district(
            district_db, DISTRICT, replace(opened.value, agency="Mine"), opened.version, "alvarez"
        )
    message = str(refused.value)
    assert message.startswith(f"the walk rules of {theirs.name} were changed by okafor at ")
    assert message.endswith("since you opened them; reload to see their changes")
    assert stored_settings(district_db, DISTRICT) == Versioned(theirs, saved.version)


def test_settings_and_holiday_imports_move_the_settings_version_on(district_db):
    version = stored_settings(district_db, DISTRICT).version
    assert version is not None
    save_settings(district_db, replace(default_district(), max_walking_per_squad=4))  # `import settings`
    assert stored_settings(district_db, DISTRICT).version == version + 1
    add_holidays(district_db, DISTRICT, [date(2026, 12, 24)])  # `import holidays`
    assert stored_settings(district_db, DISTRICT).version == version + 2
    add_holidays(district_db, DISTRICT, [date(2026, 12, 24)])  # nothing new: nothing saved
    assert stored_settings(district_db, DISTRICT).version == version + 2
    with pytest.raises(SettingsConflict, match="changed by someone else at "):
        update_district(district_db, DISTRICT, default_district(), version, "alvarez")


def test_a_database_at_0009_with_people_and_a_district_gets_version_1_and_keeps_them(tmp_path):
    path = tmp_path / "beatwalk.sqlite3"
    db = open_database(sqlite_url(path))
    _planned(db)
    people = roster_entries(db, DISTRICT)
    settings = stored_settings(db, DISTRICT).value
    run_migrations(db.engine, "downgrade", "0009")  # what Beatwalk before these versions left
    db.close()

    db = open_database(sqlite_url(path))
    try:
        assert [(e.person, e.active, e.version) for e in roster_entries(db, DISTRICT)] == [
            (e.person, e.active, 1) for e in people
        ]
        assert stored_settings(db, DISTRICT) == Versioned(settings, 1)
        first = people[0].person
        with pytest.raises(PersonConflict, match="changed by someone else at "):  # who is not known
            update_person(db, DISTRICT, first, 2, "okafor")
        assert update_person(db, DISTRICT, replace(first, shift_hours=6.0), 1, "okafor") == 2
        assert update_district(db, DISTRICT, settings, 1, "okafor").version == 2
        run_migrations(db.engine, "downgrade", "0009")
        run_migrations(db.engine, "upgrade", "head")
        assert entry(db, first.id).version == 1 and entry(db, first.id).person.shift_hours == 6.0
    finally:
        db.close()
