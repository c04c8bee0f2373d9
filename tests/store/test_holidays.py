"""A district's holidays in the database: from the settings file, kept or replaced by a later
settings import, and added to by a calendar import."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from scheduler.formats.district_settings import parse_settings
from scheduler.store import add_holidays, get_district, save_settings
from tests.store.conftest import DISTRICT

CHRISTMAS, NEW_YEAR, JULY_4 = date(2026, 12, 25), date(2027, 1, 1), date(2027, 7, 5)


def test_settings_holidays_round_trip_through_the_database(db):
    district = parse_settings('name = "East"\nholidays = ["2026-12-25", "2027-01-01"]\n', "district.toml")
    ref = save_settings(db, district).district
    assert get_district(db, ref.id) == district
    assert get_district(db, ref.id).holidays == {CHRISTMAS, NEW_YEAR}


def test_a_settings_import_replaces_the_holidays_unless_told_to_keep_them(district_db):
    district = get_district(district_db, DISTRICT)
    assert district.holidays == frozenset()
    save_settings(district_db, replace(district, holidays=frozenset({CHRISTMAS, NEW_YEAR})))
    save_settings(district_db, replace(district, holidays=frozenset({NEW_YEAR, JULY_4})))
    assert get_district(district_db, DISTRICT).holidays == {NEW_YEAR, JULY_4}
    save_settings(district_db, replace(district, walk_call_type="CW"), keep_holidays=True)
    kept = get_district(district_db, DISTRICT)
    assert (kept.walk_call_type, kept.holidays) == ("CW", {NEW_YEAR, JULY_4})
    save_settings(district_db, district)
    assert get_district(district_db, DISTRICT).holidays == frozenset()


def test_adding_holidays_counts_only_the_new_days(district_db):
    assert add_holidays(district_db, DISTRICT, [CHRISTMAS, NEW_YEAR]) == 2
    assert add_holidays(district_db, DISTRICT, [NEW_YEAR, JULY_4]) == 1
    assert get_district(district_db, DISTRICT).holidays == {CHRISTMAS, NEW_YEAR, JULY_4}
