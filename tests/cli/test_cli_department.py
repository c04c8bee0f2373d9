"""A department of several districts on the command line: a department-wide roster imported once
with its `districts` column, and `plan --all-districts`."""

from __future__ import annotations

import pytest

from scheduler.store import active_people, find_district, open_database
from tests.cli.conftest import run
from tests.factories import small_roster, write_roster
from tests.store.conftest import sqlite_url


@pytest.fixture
def department(tmp_path):
    """Two districts, North and South, and a department roster: the non-patrol leaders and the
    community policing unit serve both, patrol serves North."""
    url = sqlite_url(tmp_path / "department.sqlite3")
    for name in ("North", "South"):
        settings = tmp_path / f"{name}.toml"
        settings.write_text(f'name = "{name}"\ntimezone = "America/New_York"\n', encoding="utf-8")
        assert run("--db", url, "import", "settings", settings) == 0
    lines = write_roster(tmp_path / "roster.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0] + ",districts"]
    for person, line in zip(small_roster(), lines[1:], strict=True):
        rows.append(line + (",North" if person.unit.value == "patrol" else ",North; South"))
    roster = tmp_path / "department.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return url, roster


def test_a_department_roster_is_imported_once_into_every_district_it_names(department, capsys):
    url, roster = department
    assert run("--db", url, "import", "roster", roster) == 0
    assert "(North, South)" in capsys.readouterr().out
    db = open_database(url)
    try:
        north = [p.id for p in active_people(db, find_district(db, "North").id)]
        south = [p.id for p in active_people(db, find_district(db, "South").id)]
    finally:
        db.close()
    assert north == [p.id for p in small_roster()]
    assert south == [p.id for p in small_roster() if p.unit.value != "patrol"]


def test_all_districts_takes_no_out_district_or_roster(department, capsys):
    url, roster = department
    for extra in (("--out", "plan.json"), ("--district", "North"), ("--roster", roster)):
        assert run("--db", url, "plan", "--month", "2026-12", "--all-districts", *extra) == 2
        assert f"field '{extra[0]}': does not go with --all-districts" in capsys.readouterr().err
    assert run("--db", url, "plan", "--month", "2026-12") == 2  # one district, but which?
    assert "holds several districts ('North', 'South'): choose one" in capsys.readouterr().err


@pytest.mark.slow  # plans two districts
def test_all_districts_prints_one_line_per_district(department, capsys):
    url, roster = department
    assert run("--db", url, "import", "roster", roster) == 0
    capsys.readouterr()
    code = run("--db", url, "plan", "--month", "2026-12", "--all-districts", "--effort", "0.3")
    out = capsys.readouterr().out
    assert code == 3  # South has no patrol: its patrol walks are shortfalls
    lines = [line for line in out.splitlines() if not line.startswith("  ")]
    assert [line.split(":")[0] for line in lines] == ["North", "South"]
    assert all("saved as version 1" in line for line in lines)


def test_a_roster_without_districts_needs_a_district_when_there_are_several(department, tmp_path, capsys):
    url, _ = department
    assert run("--db", url, "import", "roster", write_roster(tmp_path / "plain.csv")) == 2
    assert "holds several districts ('North', 'South'): choose one" in capsys.readouterr().err
    assert run("--db", url, "--district", "South", "import", "roster", tmp_path / "plain.csv") == 0
    assert "(South)" in capsys.readouterr().out


def test_all_districts_of_an_empty_database_says_how_to_make_one(tmp_path, capsys):
    url = sqlite_url(tmp_path / "empty.sqlite3")
    assert run("--db", url, "plan", "--month", "2026-12", "--all-districts") == 2
    assert "holds no district yet (create one with 'beatwalk import settings" in capsys.readouterr().err
