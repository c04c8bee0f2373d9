"""The command line on the neighborhood profile: `import profile`, all or nothing, and the meeting
points planned walks get from it."""

from __future__ import annotations

from csv import DictReader
from pathlib import Path

import icalendar

from scheduler.domain.neighborhood import Profile
from scheduler.formats.plan_json import read_plan_file
from scheduler.formats.profile import load_profile
from scheduler.store import open_database
from scheduler.store.profile import load_profile as stored_profile
from tests.cli.conftest import run

DISTRICT = "Eastside District"
DEMO = Path(__file__).parents[2] / "resources" / "demo" / "profile.toml"


def profile_of(url: str) -> Profile:
    db = open_database(url)
    try:
        return stored_profile(db, 1)
    finally:
        db.close()


def test_import_profile_saves_the_demo_profile(planned, capsys):
    assert run("--db", planned, "import", "profile", DEMO) == 0
    assert capsys.readouterr().out == (
        f"{DEMO}: neighborhood profile of {DISTRICT} saved "
        "(5 meeting points, 3 landmarks, 2 groups, 2 events, 3 resources)\n"
    )
    assert profile_of(planned) == load_profile(DEMO)
    assert run("--db", planned, "--district", DISTRICT, "import", "profile", DEMO) == 0
    assert " replaced " in capsys.readouterr().out


def test_a_bad_profile_is_one_line_and_changes_nothing(planned, tmp_path, capsys):
    assert run("--db", planned, "import", "profile", DEMO) == 0
    capsys.readouterr()
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[meeting_points]]\nname = "Plaza"\nlatitude = 39.78\nlongitude = -200\n', encoding="utf-8"
    )
    assert run("--db", planned, "import", "profile", bad) == 2
    err = capsys.readouterr().err
    assert err == (
        f"beatwalk: {bad}, row 1, field 'meeting_points[1].longitude': must be from -180 to 180 degrees, "
        "got -200\n"
    )
    assert profile_of(planned) == load_profile(DEMO)


def test_planned_walks_get_meeting_points_over_every_sector_and_keep_them_when_planned_again(
    planned, tmp_path, capsys
):
    assert run("--db", planned, "import", "profile", DEMO) == 0
    first = tmp_path / "first.json"
    assert run("--db", planned, "plan", "--month", "2026-12", "--out", first, "--effort", "0.6") == 0
    plan = read_plan_file(first)
    profile = load_profile(DEMO)
    sectors = {point.name: point.sector for point in profile.meeting_points}
    assert all(walk.meeting_point in sectors for walk in plan.walks)
    assert {sectors[walk.meeting_point] for walk in plan.walks} == {"North", "Central", "South"}
    assert {walk.meeting_point for walk in plan.walks} == set(sectors)

    again = tmp_path / "again.json"
    assert run("--db", planned, "plan", "--month", "2026-12", "--out", again, "--effort", "0.6") == 0
    replanned = {walk.id: walk for walk in read_plan_file(again).walks}
    kept = [walk for walk in plan.walks if walk.id in replanned]
    assert kept and all(replanned[walk.id].meeting_point == walk.meeting_point for walk in kept)

    ics, csv = tmp_path / "december.ics", tmp_path / "december.csv"
    assert run("--db", planned, "export", "--month", "2026-12", "--out", ics) == 0
    assert run("--db", planned, "export", "--month", "2026-12", "--out", csv) == 0
    events = icalendar.Calendar.from_ical(ics.read_text(encoding="utf-8")).walk("VEVENT")
    by_name = {point.name: point for point in profile.meeting_points}
    for event in events:
        point = by_name[str(event["LOCATION"])]
        assert (event["GEO"].latitude, event["GEO"].longitude) == (point.latitude, point.longitude)
    with csv.open(encoding="utf-8", newline="") as handle:
        rows = list(DictReader(handle))
    assert [row["meeting_point"] for row in rows] == [
        walk.meeting_point for walk in read_plan_file(again).walks
    ]
