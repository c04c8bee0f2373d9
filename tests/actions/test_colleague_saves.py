"""A colleague saved first: the People and Walk rules actions read a version with what they
return and save against it; a save made on a version someone saved over since is a Conflict in
the captain's words and changes nothing. Imports from files overwrite on purpose but move the
version on, so an edit opened before them is refused too."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from scheduler import actions
from scheduler.actions import Conflict, PersonConflict, SettingsConflict
from tests.factories import write_roster


def test_a_person_edit_over_a_colleagues_is_refused_in_the_captains_words(db, district):
    opened = actions.roster_entries(db, district=district)[0]
    theirs = actions.edited_person(opened.person, {"shift_start": "06:00"})
    mine = actions.edited_person(opened.person, {"engagement": "natural"})
    actions.update_person(
        db, district=district, person=theirs, expected_version=opened.version, user="okafor"
    )

    with pytest.raises(PersonConflict) as refused:
        actions.update_person(db, district=district, person=mine, expected_version=opened.version, user="me")
    assert isinstance(refused.value, Conflict)
    assert str(refused.value).startswith(f"{opened.person.name}'s record was changed by okafor at 2026-")
    assert actions.district_people(db, district=district)[0] == theirs


def test_a_roster_import_overwrites_on_purpose_and_an_edit_opened_before_it_is_refused(
    db, district, tmp_path
):
    opened = actions.roster_entries(db, district=district)[0]
    roster = write_roster(tmp_path / "roster.csv")
    roster.write_text(roster.read_text(encoding="utf-8").replace(",08:00,", ",07:30,", 1), encoding="utf-8")
    assert actions.import_roster(db, district=district, path=roster).updated == 1

    stored = actions.roster_entries(db, district=district)[0]
    assert stored.person.shift_start == time(7, 30) and stored.version == opened.version + 1
    mine = actions.edited_person(opened.person, {"shift_hours": "10"})
    with pytest.raises(PersonConflict, match="changed by someone else at "):
        actions.update_person(db, district=district, person=mine, expected_version=opened.version, user="me")
    assert actions.roster_entries(db, district=district)[0] == stored


def test_walk_rules_saved_over_a_colleagues_are_refused_and_a_settings_import_moves_the_version(
    db, district, tmp_path
):
    opened = actions.walk_rules(db, district=district)
    saved = actions.update_settings(
        db,
        district=district,
        settings=replace(opened.value, max_walking_per_squad=3),
        expected_version=opened.version,
        user="okafor",
    )
    with pytest.raises(SettingsConflict) as refused:
        actions.update_settings(
            db,
            district=district,
            settings=replace(opened.value, agency="Eastside PD"),
            expected_version=opened.version,
            user="me",
        )
    assert str(refused.value).startswith(f"the walk rules of {district.name} were changed by okafor at ")
    assert actions.walk_rules(db, district=district).value.agency == opened.value.agency

    settings = tmp_path / "district.toml"
    settings.write_text(f'name = "{district.name}"\ntimezone = "America/New_York"\n', encoding="utf-8")
    actions.import_settings(db, path=settings)  # `beatwalk import settings`: on purpose
    assert actions.walk_rules(db, district=district).version == saved.version + 1
    with pytest.raises(SettingsConflict, match="changed by someone else at "):
        actions.update_settings(
            db, district=district, settings=opened.value, expected_version=saved.version, user="me"
        )
