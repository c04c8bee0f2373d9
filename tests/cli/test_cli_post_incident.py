"""The command line on post-incident walks: partners imported and invited, people called in, and a
walk nobody can come to reported by every later `plan` of the month until it exists."""

from __future__ import annotations

import csv
import io
import json

import pytest

from scheduler.domain import Month
from scheduler.store import load_plan, open_database
from scheduler.store.neighborhood import post_incident_walk
from scheduler.store.partners import active_partners
from tests.cli.conftest import incident_add, run
from tests.factories import small_roster, write_roster

DISTRICT_ID = 1
DECEMBER = Month(2026, 12)
PARTNERS = """name,organization,kind,email,phone
Dana Reyes,City Council,city official,dana@city.example,555-0100
Sam Ode,Family Services,counselor,,
"""


def test_partners_are_imported_and_invited_to_the_walk_in_the_database_json_and_csv(
    planned, tmp_path, capsys
):
    partners = tmp_path / "partners.csv"
    bad = tmp_path / "bad.csv"
    bad.write_text(PARTNERS + "Lee Park,Schools,,lee-at-schools,\n", encoding="utf-8")
    assert run("--db", planned, "import", "partners", bad) == 2
    assert capsys.readouterr().err == (
        f"beatwalk: {bad}, row 4, field 'email': email 'lee-at-schools' is not an email address "
        "(expected name@example.org or empty)\n"
    )
    db = open_database(planned)
    assert active_partners(db, DISTRICT_ID) == ()  # nothing changed
    db.close()
    partners.write_text(PARTNERS, encoding="utf-8")
    assert run("--db", planned, "import", "partners", partners) == 0
    assert capsys.readouterr().out == (
        f"{partners}: 2 added, 0 updated, 0 unchanged, 0 no longer invited (Eastside District)\n"
    )

    out = tmp_path / "updated.json"
    add = incident_add(planned, "homicide", "2026-12-10T10:05", "H-1")
    assert run(*add, "--out", out, "--effort", "0.6") == 0
    printed = capsys.readouterr().out
    assert "post-incident walk pi-H-1 at 2026-12-10 12:15" in printed  # 2 hours after, on the quarter hour
    assert "  partners invited: Dana Reyes, Sam Ode\n" in printed
    (walk,) = [w for w in json.loads(out.read_text(encoding="utf-8"))["walks"] if w["id"] == "pi-H-1"]
    assert walk["partners"] == ["Dana Reyes", "Sam Ode"] and "called_in" not in walk
    assert "c1" in walk["participants"]  # the district captain leads patrol on it

    db = open_database(planned)
    try:
        assert post_incident_walk(db, DISTRICT_ID, "H-1").partners == ("Dana Reyes", "Sam Ode")
    finally:
        db.close()
    plan_csv = tmp_path / "plan.csv"
    assert run("--db", planned, "export", "--month", "2026-12", "--out", plan_csv) == 0
    rows = list(csv.DictReader(io.StringIO(plan_csv.read_text(encoding="utf-8"), newline="")))
    (row,) = [r for r in rows if r["id"] == "pi-H-1"]
    assert (row["partners"], row["called_in"]) == ("Dana Reyes; Sam Ode", "")


def test_a_friday_night_shooting_calls_someone_in_and_says_so(planned, capsys):
    add = incident_add(planned, "shooting", "2026-12-11T21:30", "S-1")
    assert run(*add, "--effort", "0.6") == 0
    printed = capsys.readouterr().out
    assert "post-incident walk pi-S-1 at 2026-12-12 09:00, coordinated by Sergeant u3 (u3)" in printed
    assert "  called in off duty: Sergeant u3 (u3), " in printed
    db = open_database(planned)
    try:
        walk = post_incident_walk(db, DISTRICT_ID, "S-1")
        assert "u3" in walk.called_in and walk in load_plan(db, DISTRICT_ID, DECEMBER).plan.walks
    finally:
        db.close()


@pytest.mark.slow  # plans the month three times
def test_a_walk_nobody_can_come_to_is_a_shortfall_of_every_plan_until_it_exists(planned, tmp_path, capsys):
    without_cpu = tmp_path / "no_cpu.csv"
    full = write_roster(tmp_path / "roster.csv")
    lines = full.read_text(encoding="utf-8").splitlines()
    cpu = {p.id for p in small_roster() if p.unit.value == "community_policing"}
    kept = [line for line in lines if line.split(",")[0] not in cpu]
    without_cpu.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert run("--db", planned, "import", "roster", without_cpu) == 0
    add = incident_add(planned, "shooting", "2026-12-11T21:30", "S-2")
    assert run(*add, "--effort", "0.6") == 3
    assert (
        "incident S-2 recorded, no post-incident walk: nobody who can coordinate it"
        in capsys.readouterr().err
    )

    plan = ("--db", planned, "plan", "--month", "2026-12", "--out", tmp_path / "p.json", "--effort", "0.6")
    for _ in range(2):
        assert run(*plan) == 3
        assert (
            "  shortfall (0 of 1 planned): post-incident walk after shooting S-2 of 2026-12-11 21:30: "
            "no walk is planned" in capsys.readouterr().out
        )
    assert run("--db", planned, "import", "roster", full) == 0
    assert run("--db", planned, "incident", "add", "--id", "S-2", "--effort", "0.6") == 0
    capsys.readouterr()
    assert run(*plan) == 0
    assert "S-2" not in capsys.readouterr().out
