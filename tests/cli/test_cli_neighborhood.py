"""The command line on the neighborhood: import boundary and incidents, and `incident add` on the
database (the walk goes into the stored plan, locked, and the month is re-planned around it)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import desktop.cli
from scheduler.domain import Month, PlanningProblem
from scheduler.formats.plan_json import plan_from_json
from scheduler.rules.validator import validate
from scheduler.store import active_people, get_district, load_plan, open_database, plan_changes
from scheduler.store.neighborhood import get_incident, load_boundary, post_incident_walk
from tests.cli.conftest import incident_add, run
from tests.factories import write_roster
from tests.store.conftest import plan_and_version

DISTRICT_ID = 1  # the first district of a new database

DISTRICT = "Eastside District"
NY = ZoneInfo("America/New_York")
DECEMBER, JANUARY = Month(2026, 12), Month(2027, 1)
SQUARE = [[-84.21, 39.77], [-84.18, 39.77], [-84.18, 39.79], [-84.21, 39.79], [-84.21, 39.77]]
INCIDENTS = """ID,Type,Occurred At,Latitude,Longitude,Address
C-1,Shooting,2026-12-10T21:30,39.78,-84.20,500 Main St
C-2,robbery,2026-12-11 10:00,39.78,-84.20,
C-3,homicide,2026-12-12T01:00-05:00,39.70,-84.20,far away
"""
BAD_INCIDENTS = """id,type,occurred_at,latitude,longitude
C-8,shooting,2026-12-10T21:30,39.78,-84.20
C-9,shooting,12/10/2026,39.78,-84.20
,shooting,2026-12-10T21:30,95,-84.20
"""


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def stored(planned, tmp_path, capsys, monkeypatch):
    """…with a boundary and the incidents file imported, on 2026-12-10 at 22:00 (C-1's 24 hours run)."""
    monkeypatch.setattr(desktop.cli, "_now", lambda: datetime(2026, 12, 10, 22, 0, tzinfo=NY))
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}
    assert (
        run("--db", planned, "import", "boundary", write(tmp_path / "hood.geojson", json.dumps(feature))) == 0
    )
    assert run("--db", planned, "import", "incidents", write(tmp_path / "incidents.csv", INCIDENTS)) == 0
    return planned


def opened(url: str):
    return open_database(url)


def check_walk_in_stored_plan(url: str, incident_id: str, month: Month = DECEMBER):
    """The incident's walk is in the month's stored plan, locked, within 24 hours, and the plan
    keeps every rule."""
    db = opened(url)
    try:
        district = get_district(db, DISTRICT_ID)
        incident = get_incident(db, DISTRICT_ID, incident_id)
        walk = post_incident_walk(db, DISTRICT_ID, incident_id)
        plan, version = plan_and_version(load_plan(db, DISTRICT_ID, month))
        assert walk in plan.walks and walk.locked and walk.type == "post_incident"
        assert incident.occurred_at <= walk.start and walk.end <= incident.occurred_at + timedelta(hours=24)
        locked = tuple(w for w in plan.walks if w.locked)
        problem = PlanningProblem(district, active_people(db, DISTRICT_ID), month, locked=locked)
        assert validate(problem, plan) == []
        return plan, version, walk
    finally:
        db.close()


def test_boundary_incidents_and_a_walk_end_to_end(planned, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(desktop.cli, "_now", lambda: datetime(2026, 12, 10, 22, 0, tzinfo=NY))
    boundary = tmp_path / "hood.geojson"
    write(boundary, json.dumps({"type": "Polygon", "coordinates": [SQUARE]}))
    assert run("--db", planned, "import", "boundary", boundary) == 0
    assert "neighborhood boundary of Eastside District saved (1 polygon, 4 points)" in capsys.readouterr().out

    bad = write(tmp_path / "bad.csv", BAD_INCIDENTS)
    assert run("--db", planned, "import", "incidents", bad) == 2
    err = capsys.readouterr().err.replace(f"{tmp_path}/", "").splitlines()
    assert [line.partition(": ")[2].partition(": ")[0] for line in err[:-1]] == [
        "bad.csv, row 3, field 'occurred_at'",
        "bad.csv, row 4, field 'id'",
        "bad.csv, row 4, field 'latitude'",
    ]
    assert err[-1] == "beatwalk: bad.csv: 3 mistakes, nothing was imported"
    db = opened(planned)
    assert get_incident(db, DISTRICT_ID, "C-8") is None
    db.close()

    incidents = write(tmp_path / "incidents.csv", INCIDENTS)
    assert run("--db", planned, "import", "incidents", incidents) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(
        "incidents.csv: 3 added (1 outside the neighborhood boundary, kept and flagged), "
        "0 already there (Eastside District)"
    )
    # Only the shooting inside the boundary needs a walk (the robbery does not, the homicide is outside).
    assert out[1:] == [
        "  shooting C-1 at 2026-12-10 21:30 needs a post-incident walk within 24 hours: "
        "beatwalk incident add --id C-1"
    ]
    assert run("--db", planned, "import", "incidents", incidents) == 0
    assert "0 added, 3 already there" in capsys.readouterr().out

    assert run("--db", planned, "incident", "add", "--id", "C-1", "--effort", "0.6") == 0
    out = capsys.readouterr().out
    _, version, walk = check_walk_in_stored_plan(planned, "C-1")
    assert version == 2
    assert out.startswith(
        f"post-incident walk pi-C-1 at {walk.start:%Y-%m-%d %H:%M}, coordinated by Officer u1 (u1); "
    )
    assert "other walk(s) changed; saved as version 2 of Eastside District\n" in out
    assert "  nobody on the roster can come from: executive staff\n" in out

    assert run("--db", planned, "incident", "add", "--id", "C-1") == 2
    assert "incident C-1 already has its post-incident walk pi-C-1 on 2026-12-11" in capsys.readouterr().err
    db = opened(planned)
    try:
        assert load_plan(db, DISTRICT_ID, DECEMBER).version == 2
        assert load_boundary(db, DISTRICT_ID) is not None
    finally:
        db.close()


def test_a_new_incident_is_recorded_with_its_walk_and_the_plan_written(planned, tmp_path, capsys):
    out = tmp_path / "updated.json"
    code = run(
        *incident_add(planned, "homicide", "2026-12-16T23:10", "2026-0042"),
        "--address",
        "12 Elm St",
        "--latitude",
        "39.78",
        "--longitude",
        "-84.2",
        "--out",
        out,
        "--time-limit",
        "1",
    )
    assert code == 0
    plan, version, _ = check_walk_in_stored_plan(planned, "2026-0042")
    assert plan_from_json(out.read_text(encoding="utf-8"), str(out)) == plan
    db = opened(planned)
    try:
        incident = get_incident(db, DISTRICT_ID, "2026-0042")
        assert (incident.kind, incident.address, incident.latitude, incident.longitude) == (
            "homicide",
            "12 Elm St",
            39.78,
            -84.2,
        )
        assert incident.occurred_at == datetime(2026, 12, 17, 4, 10, tzinfo=UTC)
        assert plan_changes(db, DISTRICT_ID, DECEMBER)[-1].version == version == 2
    finally:
        db.close()
    assert "saved as version 2 of Eastside District: " in capsys.readouterr().out


@pytest.mark.slow  # plans a whole month
def test_a_walk_after_midnight_on_new_years_eve_goes_into_january(planned, tmp_path, capsys):
    at = ("--type", "shooting", "--at", "2026-12-31T19:30", "--id", "NYE", "--effort", "0.6")
    assert run("--db", planned, "incident", "add", *at) == 2
    err = capsys.readouterr().err
    assert "Eastside District has no plan for 2027-01, where the walk after incident NYE goes" in err
    db = opened(planned)
    assert get_incident(db, DISTRICT_ID, "NYE") is None  # nothing recorded
    db.close()

    assert (
        run("--db", planned, "plan", "--month", "2027-01", "--out", tmp_path / "j.json", "--effort", "0.6")
        == 0
    )
    assert run("--db", planned, "incident", "add", *at) == 0
    _, _, walk = check_walk_in_stored_plan(planned, "NYE", JANUARY)
    assert walk.start.astimezone(NY).date().isoformat() == "2027-01-01"


def test_a_month_never_planned_is_refused_and_nothing_recorded(planned, capsys):
    code = run(
        "--db", planned, "incident", "add", "--type", "shooting", "--at", "2027-02-03T10:00", "--id", "F"
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "has no plan for 2027-02" in err and "plan it first with 'beatwalk plan --month 2027-02" in err
    db = opened(planned)
    try:
        assert get_incident(db, DISTRICT_ID, "F") is None
    finally:
        db.close()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["incident", "add", "--type", "shooting"],
            "field '--at': for a new incident the type and the time are required",
        ),
        (
            ["incident", "add", "--id", "C-7", "--at", "2026-12-10T21:30"],
            "has no incident 'C-7', so the type",
        ),
        (
            ["incident", "add", "--id", "C-2"],
            "incident C-2 is a robbery; post-incident walks follow homicides",
        ),
        (
            ["incident", "add", "--id", "C-1", "--type", "homicide"],
            "field '--type': incident C-1 is stored with type shooting; leave the type out",
        ),
        (
            ["incident", "add", "--type", "shooting", "--at", "2026-12-10T21:30", "--latitude", "39.7"],
            "field '--longitude': give the latitude and the longitude together",
        ),
        (
            [
                "incident",
                "add",
                "--type",
                "shooting",
                "--at",
                "2026-12-10T21:30",
                "--latitude",
                "91",
                "--longitude",
                "0",
            ],
            "field '--latitude': latitude '91' is outside -90 to 90",
        ),
        (
            ["incident", "add", "--type", "shooting", "--at", "2026-12-10T21:30", "--settings", "d.toml"],
            "'--settings'",
        ),
        (
            ["incident", "add", "--roster", "roster.csv", "--type", "shooting", "--at", "2026-12-10T21:30"],
            "field '--db'",
        ),
    ],
)
def test_mistakes_exit_2_with_one_line_and_change_nothing(stored, capsys, args, expected):
    capsys.readouterr()
    assert run("--db", stored, *args) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err
    db = opened(stored)
    try:
        assert load_plan(db, DISTRICT_ID, DECEMBER).version == 1
    finally:
        db.close()


def test_a_bad_boundary_is_one_line_and_keeps_the_stored_one(stored, tmp_path, capsys):
    bow_tie = [[-84.21, 39.77], [-84.18, 39.79], [-84.18, 39.77], [-84.21, 39.79], [-84.21, 39.77]]
    path = write(tmp_path / "new.geojson", json.dumps({"type": "Polygon", "coordinates": [bow_tie]}))
    capsys.readouterr()
    assert run("--db", stored, "import", "boundary", path) == 2
    assert capsys.readouterr().err == (
        f"beatwalk: {path}, field 'coordinates[0]': the outer ring crosses itself: "
        "its edge from point 1 to 2 meets its edge from point 3 to 4\n"
    )
    db = opened(stored)
    try:
        assert load_boundary(db, DISTRICT_ID).polygons[0][0][0] == (-84.21, 39.77)
    finally:
        db.close()


def test_file_mode_still_needs_its_files(tmp_path, capsys):
    roster = write_roster(tmp_path / "roster.csv")
    code = run("incident", "add", "--roster", roster, "--type", "shooting", "--at", "2026-12-10T21:30")
    assert code == 2
    assert "field '--plan': is required with --roster and --plan" in capsys.readouterr().err
