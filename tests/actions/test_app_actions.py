"""The actions the app's People, Walk rules and Incidents pages call, on a planned department."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from scheduler import actions
from scheduler.actions import Conflict, IncidentRequest, InputError
from scheduler.store.neighborhood import get_incident, post_incident_walk
from tests.actions.conftest import QUICK
from tests.store.conftest import sqlite_url

GOOD_ROSTER = "id,name,rank,unit\nc1,Maria Alvarez,captain,patrol\nn1,New Person,officer,patrol\n"
BAD_ROSTER = "id,name,rank,unit,shift_start\nc1,Maria Alvarez,captain,patrol,25:00\nn1,Ann,general,patrol,\n"


def test_a_roster_preview_counts_what_the_import_would_do_and_saves_nothing(db, district, tmp_path):
    before = actions.district_people(db, district=district)
    roster = tmp_path / "roster.csv"
    roster.write_text(GOOD_ROSTER, encoding="utf-8")
    preview = actions.preview_roster(db, district=district, path=roster)
    assert [person.id for person in preview.people] == ["c1", "n1"]
    assert (preview.added, preview.errors, preview.deactivated) == (1, (), len(before) - 1)
    assert actions.district_people(db, district=district) == before


def test_a_roster_preview_lists_every_bad_row(db, district, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(BAD_ROSTER, encoding="utf-8")
    preview = actions.preview_roster(db, district=district, path=roster)
    assert [(error.row, error.field) for error in preview.errors] == [(2, "shift_start"), (3, "rank")]
    missing = actions.preview_roster(db, district=district, path=tmp_path / "nowhere.csv")
    assert len(missing.errors) == 1 and missing.people == ()


def test_a_person_edit_is_read_as_the_roster_reads_it_and_saved_in_place(db, district):
    entry = actions.roster_entries(db, district=district)[0]
    person = entry.person
    edited = actions.edited_person(
        person,
        {
            "shift_start": "06:30",
            "shift_hours": "10",
            "workdays": "Mon-Thu",
            "leave": "2026-12-21/2026-12-24",
        },
    )
    assert edited.shift_start == time(6, 30) and edited.pattern.weekdays == frozenset(range(4))
    assert edited.on_leave(date(2026, 12, 22)) and not edited.on_leave(date(2026, 12, 25))
    version = actions.update_person(
        db, district=district, person=edited, expected_version=entry.version, user="alvarez"
    )
    assert version == entry.version + 1
    people = actions.district_people(db, district=district)
    assert people[0] == edited and len(people) == len(actions.district_people(db, district=district))
    assert actions.edited_person(edited, actions.person_fields(edited)) == edited
    with pytest.raises(InputError) as bad:
        actions.edited_person(person, {"leave": "2026-12-24/2026-12-21"})
    assert bad.value.field == "leave" and bad.value.file == f"person {person.id}"


def test_settings_edits_are_checked_saved_and_restored_to_the_guide(db, district):
    stored = actions.walk_rules(db, district=district)
    settings = stored.value
    captain = settings.walk_type("captain")
    changed = replace(
        settings,
        walk_start=time(10, 0),
        holidays=frozenset({date(2026, 12, 24)}),
        walk_types=tuple(replace(w, minimum=2) if w is captain else w for w in settings.walk_types),
    )
    saved = actions.update_settings(
        db, district=district, settings=changed, expected_version=stored.version, user="alvarez"
    )
    assert actions.walk_rules(db, district=district) == actions.Versioned(changed, saved.version)
    with pytest.raises(InputError) as bad:
        actions.update_settings(
            db,
            district=district,
            settings=replace(changed, max_walking_per_squad=0),
            expected_version=saved.version,
            user="alvarez",
        )
    assert bad.value.field == "max_walking_per_squad"
    assert actions.district_settings(db, district=district) == changed
    restored = actions.guide_defaults(changed)
    assert restored.walk_type("captain").minimum == captain.minimum
    assert restored.holidays == changed.holidays and restored.walk_start == time(9, 0)


def test_a_new_district_is_checked_like_a_settings_file(tmp_path):
    db = actions.open_department(sqlite_url(tmp_path / "fresh.sqlite3"))
    try:
        with pytest.raises(InputError) as bad:
            actions.create_district(db, name="Westside", timezone="america/chicago")
        assert "America/Chicago" in str(bad.value)
        made = actions.create_district(db, name="Westside", timezone="America/Chicago")
        assert actions.find_district(db) == made
        with pytest.raises(Conflict):
            actions.create_district(db, name="Westside", timezone="America/Chicago")
    finally:
        db.close()


@pytest.mark.slow
def test_a_proposed_incident_walk_is_saved_only_when_confirmed(db, district):
    now = datetime(2026, 12, 10, 23, 0, tzinfo=UTC)
    request = IncidentRequest(id="C-9", kind="shooting", at="2026-12-10T16:00")
    proposal = actions.propose_incident_walk(db, district=district, request=request, solve=QUICK, now=now)
    assert proposal.added.result.walk is not None and proposal.added.saved is None
    assert get_incident(db, district.id, "C-9") is None
    added = actions.confirm_incident_walk(db, proposal=proposal, user="lt. reyes", now=now)
    assert added.saved is not None
    assert post_incident_walk(db, district.id, "C-9") == added.result.walk
    assert [i.id for i in actions.district_incidents(db, district=district)] == ["C-9"]


def test_the_demo_district_has_everything_a_captain_sets_up(tmp_path):
    db = actions.open_department(sqlite_url(tmp_path / "demo.sqlite3"))
    try:
        now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
        demo = actions.create_demo(db, now=now)
        assert demo.district.name == "Eastside District" and str(demo.month) == "2026-12"
        assert len(actions.district_people(db, district=demo.district)) == 160
        assert actions.neighborhood_profile(db, district=demo.district).meeting_points
        assert len(actions.district_incidents(db, district=demo.district)) == 60
        assert actions.create_demo(db, now=now).district == demo.district  # again: nothing new
        neighborhood = actions.neighborhood_map(db, district=demo.district).value
        assert [sector.name for sector in neighborhood.sectors] == ["North", "Central", "South"]
        assert neighborhood.meeting_points
        for point in neighborhood.meeting_points:  # each lies in the sector the profile names
            assert actions.sector_at(neighborhood, point.latitude, point.longitude) == point.sector
    finally:
        db.close()


def test_an_incident_that_needs_no_walk_is_recorded_once(db, district):
    request = IncidentRequest(id="R-1", kind="robbery", at="2026-12-09T10:00", address="12 Oak St")
    recorded = actions.record_incident(db, district=district, request=request)
    assert actions.district_incidents(db, district=district) == (recorded,)
    with pytest.raises(Conflict):
        actions.record_incident(db, district=district, request=request)
    assert actions.neighborhood_boundary(db, district=district) is None
