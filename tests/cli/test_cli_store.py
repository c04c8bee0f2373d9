"""The command line on the database: import settings and roster, plan from the store, export."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from scheduler.domain import Month, PlanningProblem
from scheduler.formats.plan_json import plan_from_json
from scheduler.rules.validator import validate
from scheduler.store import active_people, get_district, load_plan, open_database, plan_changes, save_plan
from scheduler.store.schema import PersonRow, WalkRow
from tests.cli.conftest import copied, run
from tests.factories import small_roster, write_roster
from tests.store.conftest import plan_and_version, sqlite_url

DISTRICT_ID = 1  # the first district of a new database

MONTH = Month(2026, 12)
SETTINGS = """name = "Eastside District"
timezone = "America/New_York"

[walk_types.captain]
minimum = 2
"""


@pytest.fixture
def files(tmp_path):
    settings = tmp_path / "district.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    return {
        "url": sqlite_url(tmp_path / "department.sqlite3"),
        "settings": settings,
        "roster": write_roster(tmp_path / "roster.csv"),
    }


@pytest.mark.slow  # plans a whole month
def test_import_plan_and_export_end_to_end(files, tmp_path, capsys):
    url = files["url"]
    assert run("--db", url, "import", "settings", files["settings"]) == 0
    assert "district 'Eastside District' created" in capsys.readouterr().out
    assert run("import", "roster", files["roster"], "--db", url) == 0  # options after the command work too
    assert f"{len(small_roster())} added, 0 updated" in capsys.readouterr().out

    out = tmp_path / "plan.json"
    assert run("--db", url, "plan", "--month", "2026-12", "--out", out, "--effort", "0.6") == 0
    assert "saved as version 1 of Eastside District" in capsys.readouterr().out

    db = open_database(url)
    try:
        district = get_district(db, DISTRICT_ID)
        assert district.walk_type("captain").minimum == 2  # the district's own rules were used
        stored, version = plan_and_version(load_plan(db, DISTRICT_ID, MONTH))
        assert version == 1
        assert plan_from_json(out.read_text(encoding="utf-8"), str(out)) == stored
        assert validate(PlanningProblem(district, active_people(db, DISTRICT_ID), MONTH), stored) == []
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(WalkRow)) == len(stored.walks)
            assert session.scalar(select(func.count()).select_from(PersonRow)) == len(small_roster())
    finally:
        db.close()

    exported = tmp_path / "export.json"
    assert run("--db", url, "export", "--month", "2026-12", "--out", exported) == 0
    assert plan_from_json(exported.read_text(encoding="utf-8"), str(exported)) == stored
    calendar = tmp_path / "export.ics"
    assert run("--db", url, "export", "--month", "2026-12", "--out", calendar) == 0
    assert calendar.read_text(encoding="utf-8").count("BEGIN:VEVENT") == len(stored.walks)
    table = tmp_path / "export.csv"
    assert run("--db", url, "export", "--month", "2026-12", "--out", table) == 0
    assert len(table.read_text(encoding="utf-8").splitlines()) == len(stored.walks) + 1


@pytest.fixture
def planned(planned_department, tmp_path):
    """A copy of the district of SETTINGS with the small roster and December planned (version 1)."""
    return copied(planned_department(SETTINGS), tmp_path)


def test_planning_again_keeps_the_locked_walks_and_saves_a_new_version(planned, tmp_path):
    db = open_database(planned)
    try:
        first, version = plan_and_version(load_plan(db, DISTRICT_ID, MONTH))
        locked = replace(first.walks[3], locked=True)
        walks = (*first.walks[:3], locked, *first.walks[4:])
        save_plan(db, DISTRICT_ID, replace(first, walks=walks), version, "captain")
    finally:
        db.close()

    assert (
        run(
            "--db",
            planned,
            "plan",
            "--month",
            "2026-12",
            "--out",
            tmp_path / "again.json",
            "--time-limit",
            "1",
        )
        == 0
    )

    db = open_database(planned)
    try:
        again, version = plan_and_version(load_plan(db, DISTRICT_ID, MONTH))
        assert version == 3
        assert locked in again.walks
        assert [change.version for change in plan_changes(db, DISTRICT_ID, MONTH)] == [1, 2, 3]
    finally:
        db.close()


def test_a_bad_roster_import_exits_2_and_changes_nothing(planned, tmp_path, capsys):
    db = open_database(planned)
    before = active_people(db, DISTRICT_ID)
    db.close()
    roster = tmp_path / "bad.csv"
    lines = write_roster(tmp_path / "roster2.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",captain,", ",Captain,").replace("Captain c1", "Captain Changed")
    lines[5] = lines[5].replace(",lieutenant,", ",major,")
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()

    assert run("--db", planned, "import", "roster", roster) == 2
    err = capsys.readouterr().err
    assert "bad.csv, row 6, field 'rank'" in err and err.count("\n") == 1
    db = open_database(planned)
    try:
        assert active_people(db, DISTRICT_ID) == before
    finally:
        db.close()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["plan", "--month", "2026-12", "--out", "p.json"], "holds no district yet"),
        (["export", "--month", "2026-12", "--out", "p.json"], "holds no district yet"),
        (["--district", "West", "import", "roster", "roster.csv"], "holds no district yet"),
        (["plan", "--roster", "roster.csv", "--month", "2026-12", "--out", "p.json"], "field '--db'"),
        (
            ["plan", "--settings", "district.toml", "--month", "2026-12", "--out", "p.json"],
            "field '--settings'",
        ),
    ],
)
def test_mistakes_exit_2_with_one_line(files, tmp_path, monkeypatch, capsys, args, expected):
    monkeypatch.chdir(tmp_path)
    code = run("--db", files["url"], *args)
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "p.json").exists()


def test_a_missing_roster_file_is_one_line(planned, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run("--db", planned, "import", "roster", "missing.csv") == 2
    err = capsys.readouterr().err
    assert "missing.csv: cannot read the file" in err and err.count("\n") == 1


def test_export_of_a_month_never_planned_exits_2(planned, tmp_path, capsys):
    assert run("--db", planned, "export", "--month", "2027-01", "--out", tmp_path / "x.json") == 2
    assert "Eastside District has no plan for 2027-01" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_settings_for_another_district_than_chosen_are_refused(files, capsys):
    code = run(
        "--db", files["url"], "--district", "Westside District", "import", "settings", files["settings"]
    )
    assert code == 2
    assert (
        "names district 'Eastside District', but district 'Westside District' was chosen"
        in capsys.readouterr().err
    )


def test_plan_json_written_from_the_store_is_the_exchange_format(planned, tmp_path):
    out = tmp_path / "plan.json"
    assert run("--db", planned, "export", "--month", "2026-12", "--out", out) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["month"] == "2026-12" and data["timezone"] == "America/New_York" and data["walks"]
