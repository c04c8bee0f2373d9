"""Holidays on the command line: `import holidays FILE.ics`, settings with holidays, and plans
from the database and from files that keep every holiday free of walks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import Month, PlanningProblem
from scheduler.formats.district_settings import load_settings
from scheduler.formats.plan_json import plan_from_json
from scheduler.formats.roster import load_roster
from scheduler.rules.validator import validate
from scheduler.store import active_people, get_district, load_plan, open_database
from tests.cli.conftest import EASTSIDE, copied, run
from tests.factories import write_roster
from tests.store.conftest import sqlite_url

NY = ZoneInfo("America/New_York")
DISTRICT_ID = 1
CHRISTMAS, NEW_YEAR = date(2026, 12, 25), date(2027, 1, 1)
WITH_HOLIDAYS = EASTSIDE + 'holidays = ["2026-12-25", "2027-01-01"]\n'


def calendar(*events: str) -> str:
    return "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//City//Holidays//EN", *events, "END:VCALENDAR"]
    )


def event(summary: str, *lines: str) -> str:
    return "\r\n".join(
        ["BEGIN:VEVENT", f"UID:{summary}@city.example", f"SUMMARY:{summary}", *lines, "END:VEVENT"]
    )


CHRISTMAS_EVENT = event("Christmas Day", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261226")
WINTER_BREAK = event("Winter break", "DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270102")  # 2 days


def holidays_of(url: str) -> frozenset[date]:
    db = open_database(url)
    try:
        return get_district(db, DISTRICT_ID).holidays
    finally:
        db.close()


@pytest.fixture
def department(tmp_path) -> str:
    """A database with the district only: imports need no plan."""
    url = sqlite_url(tmp_path / "department.sqlite3")
    (tmp_path / "district.toml").write_text(EASTSIDE, encoding="utf-8")
    assert run("--db", url, "import", "settings", tmp_path / "district.toml") == 0
    return url


def test_import_holidays_adds_all_day_and_multi_day_events(department, tmp_path, capsys):
    ics = tmp_path / "holidays.ics"
    ics.write_text(calendar(CHRISTMAS_EVENT, WINTER_BREAK), encoding="utf-8")
    capsys.readouterr()
    assert run("--db", department, "import", "holidays", ics) == 0
    assert capsys.readouterr().out == f"{ics}: 3 holidays added, 0 already there (Eastside District)\n"
    assert holidays_of(department) == {CHRISTMAS, date(2026, 12, 31), NEW_YEAR}

    new_years_only = tmp_path / "new-year.ics"
    new_years_only.write_text(calendar(event("New Year", "DTSTART;VALUE=DATE:20270101")), encoding="utf-8")
    assert run("--db", department, "import", "holidays", new_years_only) == 0
    assert "0 holidays added, 1 already there" in capsys.readouterr().out


def test_yearly_holidays_repeat_for_ten_years(department, tmp_path, capsys):
    ics = tmp_path / "holidays.ics"
    thanksgiving = event(
        "Thanksgiving", "DTSTART;VALUE=DATE:20261126", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"
    )
    ics.write_text(calendar(thanksgiving), encoding="utf-8")
    assert run("--db", department, "import", "holidays", ics) == 0  # now is 2026-11-27
    days = holidays_of(department)
    assert min(days) == date(2026, 11, 26) and max(days) == date(2036, 11, 27) and len(days) == 11
    assert date(2027, 11, 25) in days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not a calendar", "is not an iCalendar file"),
        (calendar(), "holds no events (VEVENT): there is no holiday to import"),
        (
            calendar(
                CHRISTMAS_EVENT, event("Staff meeting", "DTSTART:20261223T140000", "DTEND:20261223T150000")
            ),
            "field 'DTSTART': event 'Staff meeting' starts at 2026-12-23T14:00:00: a holiday is an all-day",
        ),
        (
            calendar(CHRISTMAS_EVENT, event("Payday", "DTSTART;VALUE=DATE:20261204", "RRULE:FREQ=MONTHLY")),
            "field 'RRULE': event 'Payday' repeats MONTHLY: only holidays repeating yearly (FREQ=YEARLY)",
        ),
        (calendar(event("No date")), "field 'DTSTART': event 'No date': No DTSTART given."),
    ],
)
def test_a_bad_calendar_exits_2_with_one_line_and_changes_nothing(
    department, tmp_path, capsys, text, expected
):
    ics = tmp_path / "holidays.ics"
    ics.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run("--db", department, "import", "holidays", ics) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith(f"beatwalk: {ics}") and expected in error
    assert holidays_of(department) == frozenset()  # not even the good event of the file


def test_a_settings_file_without_holidays_keeps_the_imported_ones(department, tmp_path):
    ics = tmp_path / "holidays.ics"
    ics.write_text(calendar(CHRISTMAS_EVENT), encoding="utf-8")
    assert run("--db", department, "import", "holidays", ics) == 0
    settings = tmp_path / "district.toml"
    settings.write_text(EASTSIDE + 'walk_hours = "10:00-19:00"\n', encoding="utf-8")
    assert run("--db", department, "import", "settings", settings) == 0
    assert holidays_of(department) == {CHRISTMAS}
    settings.write_text(WITH_HOLIDAYS, encoding="utf-8")
    assert run("--db", department, "import", "settings", settings) == 0
    assert holidays_of(department) == {CHRISTMAS, NEW_YEAR}
    settings.write_text(EASTSIDE + "holidays = []\n", encoding="utf-8")
    assert run("--db", department, "import", "settings", settings) == 0
    assert holidays_of(department) == frozenset()


def test_a_saved_districts_plan_keeps_its_holidays_free(planned_department, tmp_path):
    """settings import -> database -> plan -> saved plan; the department fixture asserts exit 0,
    so the month has no shortfall either."""
    url = copied(planned_department(WITH_HOLIDAYS), tmp_path)
    db = open_database(url)
    try:
        district = get_district(db, DISTRICT_ID)
        assert district.holidays == {CHRISTMAS, NEW_YEAR}
        stored = load_plan(db, DISTRICT_ID, Month(2026, 12))
        assert stored is not None
        assert (
            validate(PlanningProblem(district, active_people(db, DISTRICT_ID), Month(2026, 12)), stored.plan)
            == []
        )
    finally:
        db.close()
    assert CHRISTMAS not in {walk.start.astimezone(NY).date() for walk in stored.plan.walks}


def test_a_plan_from_files_keeps_the_settings_holidays_free(tmp_path):
    roster = write_roster(tmp_path / "roster.csv")
    settings = tmp_path / "district.toml"
    settings.write_text(WITH_HOLIDAYS, encoding="utf-8")
    out = tmp_path / "plan.json"
    args = ["plan", "--roster", roster, "--settings", settings, "--month", "2026-12", "--out", out]
    assert run(*args, "--effort", "0.6") == 0
    plan = plan_from_json(out.read_text(encoding="utf-8"), str(out))
    assert CHRISTMAS not in {walk.start.astimezone(NY).date() for walk in plan.walks}
    assert sum(1 for walk in plan.walks if walk.type == "cpu") == 22
    problem = PlanningProblem(load_settings(settings), load_roster(roster), Month(2026, 12))
    assert validate(problem, plan) == []


def test_holidays_on_the_demo_district(tmp_path):
    demo = Path(__file__).resolve().parents[2] / "resources" / "demo" / "district.toml"
    assert load_settings(demo).holidays == {CHRISTMAS, NEW_YEAR}
